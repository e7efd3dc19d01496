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

It also offers the class pack (``tools/classpack.py``): ``_build/sco-classpack.zip`` is
copied to the root of the built book, where the landing page and the instructors' page
link to it (a page that links to it fails the build if the zip is missing), and it turns
the launch buttons (Binder, JupyterHub) on only when ``_config.yml`` names the repository
(see :func:`launch_options`), so that a book without a public repository has no dead buttons.

The extension owns the path of the served Leaflet: on setup it sets ``SCO_VENDOR_URL``
(which the notebook kernels inherit) to a marker, and when a page is written it replaces
the marker with the page's own relative path to ``_static/vendor``.  A plain
``jupyter-book build .`` therefore gives the same offline pages as ``make book``, on pages
at any depth.
"""

from __future__ import annotations

import os
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


#: Where the vendored files are served, under the book's output folder.
VENDOR = "_static/vendor"
#: What ``helpers.maps`` writes in place of the path to VENDOR; replaced page by page.
VENDOR_MARK = "__sco_vendor__"


#: The class pack's zip, relative to the book's folder, and its name in the built book.
CLASSPACK = "_build/sco-classpack.zip"
CLASSPACK_NAME = "sco-classpack.zip"
#: The launch services that need a repository to launch from.
LAUNCH_SERVICES = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "jupyterlite_url")


def launch_options(theme_options: dict) -> dict:
    """The theme options with launch buttons only when a public repository URL is configured.

    ``_config.yml``'s ``repository.url`` becomes ``repository_url`` and ``launch_buttons`` is
    passed through by Jupyter Book.  With an ``https://`` repository URL, the configured
    services (``binderhub_url``, and ``jupyterhub_url`` for nbgitpuller) are kept and the
    repository button is shown; without one, every service is blanked, so no page offers a
    button that leads nowhere.
    """
    out = dict(theme_options)
    url = str(out.get("repository_url") or "").strip()
    launch = dict(out.get("launch_buttons") or {})
    public = url.startswith("https://") and len(url.split("/")) >= 5
    if not public:
        for key in LAUNCH_SERVICES:
            if key in launch:
                launch[key] = ""
        launch["thebe"] = False
    out["launch_buttons"] = launch
    out["use_repository_button"] = public
    return out


def apply_launch_options(app: Sphinx, config) -> None:
    config.html_theme_options = launch_options(config.html_theme_options or {})


def _classpack(app: Sphinx) -> Path:
    return Path(app.srcdir) / CLASSPACK


def check_classpack_link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A page that offers the class pack needs the zip: fail with the fix in the message."""
    body = context.get("body")
    if body and CLASSPACK_NAME in body and not _classpack(app).is_file():
        raise ExtensionError(
            f"{pagename} links to {CLASSPACK_NAME} but {_classpack(app)} is missing: "
            "run 'make classpack' (make book does it for you)."
        )


def copy_classpack(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if _classpack(app).is_file():
        shutil.copyfile(_classpack(app), Path(app.outdir) / CLASSPACK_NAME)
    elif any(CLASSPACK_NAME in page.read_text(encoding="utf-8") for page in Path(app.outdir).glob("*.html")):
        raise ExtensionError(f"the book links to {CLASSPACK_NAME} but {_classpack(app)} is missing: run 'make classpack'.")


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
        dest = Path(app.outdir) / VENDOR / name
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


def fix_vendor_paths(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Point the maps of a page at the served Leaflet, relative to that page."""
    body = context.get("body")
    if body and VENDOR_MARK in body:
        context["body"] = body.replace(VENDOR_MARK, context["pathto"](VENDOR, 1))


def setup(app: Sphinx) -> dict:
    # read by helpers.maps in the kernels that execute the notebooks (they inherit it)
    os.environ["SCO_VENDOR_URL"] = VENDOR_MARK
    app.connect("html-page-context", fix_citation_roles)
    app.connect("html-page-context", fix_vendor_paths)
    app.connect("config-inited", apply_launch_options)
    app.connect("html-page-context", check_classpack_link)
    app.connect("builder-inited", check_assets)
    app.connect("build-finished", copy_assets)
    app.connect("build-finished", copy_classpack)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
