"""Sphinx extension of the book: serve every third-party script and stylesheet from the book itself.

The files come from the npm packages in ``package.json`` (installed by ``npm ci`` in
``make book``); nothing of a library is committed to the repository.  They are
copied to ``_build/html/_static/vendor/`` at the end of the build:

* ``vendor/html-manager/`` – ``@jupyter-widgets/html-manager``'s standalone bundle
  ``embed.js`` (and the fonts its stylesheet refers to).  myst-nb adds it, once, to
  the pages that hold widget state because ``nb_ipywidgets_js`` in ``_config.yml``
  names it instead of the default CDN copies.  The standalone bundle needs no
  require.js.
* ``vendor/leaflet/`` – Leaflet's script, stylesheet and marker images, which the
  maps made by ``helpers.maps`` load (see ``helpers.maps.asset_base``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

# destination folder under _static/vendor -> (folder in node_modules, file patterns)
ASSETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "html-manager": (
        "@jupyter-widgets/html-manager/dist",
        ("embed.js", "*.woff2", "*.woff", "*.ttf", "*.eot", "*.svg"),
    ),
    "leaflet": ("leaflet/dist", ("leaflet.js", "leaflet.css", "images/*.png")),
}


def _node_modules(app: Sphinx) -> Path:
    return Path(app.srcdir) / "node_modules"


def check_assets(app: Sphinx) -> None:
    """Fail early, with the fix in the message, when the npm packages are missing."""
    if app.builder.format != "html":
        return
    root = _node_modules(app)
    for name, (folder, patterns) in ASSETS.items():
        for pattern in patterns:
            if not list((root / folder).glob(pattern)):
                raise ExtensionError(
                    f"{root / folder / pattern} is missing: the book serves {name} itself. "
                    "Run 'npm ci' in the book's folder (make book does it for you)."
                )


def copy_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    root = _node_modules(app)
    for name, (folder, patterns) in ASSETS.items():
        dest = Path(app.outdir) / "_static" / "vendor" / name
        for pattern in patterns:
            for src in (root / folder).glob(pattern):
                target = dest / src.relative_to(root / folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, target)


def fix_citation_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """docutils marks each bibliography entry role="doc-biblioentry" inside a role="list";
    ARIA wants the items of a list to be list items (axe-core: aria-required-children)."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", fix_citation_roles)
    app.connect("builder-inited", check_assets)
    app.connect("build-finished", copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
