"""Every third-party script and stylesheet is served by the book itself, from npm's packages.

The files come from the npm packages in ``package.json`` (installed by ``npm ci`` in
``make book``); nothing of a library is committed to the repository.  They are copied to
``_build/html/_static/vendor/`` at the end of the build (the layout is
:data:`helpers.assets.BOOK_ASSETS`):

* ``vendor/html-manager/`` – ``@jupyter-widgets/html-manager``'s standalone bundle
  ``embed.js`` (and the fonts its stylesheet refers to).  myst-nb adds it, once, to the pages
  that hold widget state because ``nb_ipywidgets_js`` in ``_config.yml`` names it instead of
  the default CDN copies.  The standalone bundle needs no require.js.
* ``vendor/leaflet/`` – Leaflet's script, stylesheet and marker images, which the maps made
  by ``helpers.maps`` load.

The extension owns the path of the served Leaflet: on setup it sets ``SCO_VENDOR_URL``
(which the notebook kernels inherit) to a marker, and when a page is written it replaces the
marker with the page's own relative path to ``_static/vendor``.  A plain
``jupyter-book build .`` therefore gives the same offline pages as ``make book``, on pages
at any depth.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from helpers.assets import BOOK_ASSETS, BOOK_VENDOR, VENDOR_ENV, VENDOR_MARK


def node_modules(app: Sphinx) -> Path:
    return Path(app.srcdir) / "node_modules"


def check_assets(app: Sphinx) -> None:
    """Fail early, with the fix in the message, when the npm packages are missing."""
    if app.builder.format != "html":
        return
    root = node_modules(app)
    for name, (folder, patterns) in BOOK_ASSETS.items():
        for pattern in patterns:
            if not list((root / folder).glob(pattern)):
                raise ExtensionError(
                    f"{root / folder / pattern} is missing: the book serves {name} itself. "
                    "Run 'npm ci' in the book's folder (make book does it for you)."
                )


def copy_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    root = node_modules(app)
    for name, (folder, patterns) in BOOK_ASSETS.items():
        dest = Path(app.outdir) / BOOK_VENDOR / name
        for pattern in patterns:
            for src in (root / folder).glob(pattern):
                target = dest / src.relative_to(root / folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, target)


def fix_vendor_paths(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Point the maps of a page at the served Leaflet, relative to that page."""
    body = context.get("body")
    if body and VENDOR_MARK in body:
        context["body"] = body.replace(VENDOR_MARK, context["pathto"](BOOK_VENDOR, 1))


def setup(app: Sphinx) -> None:
    # read by helpers.maps in the kernels that execute the notebooks (they inherit it)
    os.environ[VENDOR_ENV] = VENDOR_MARK
    app.connect("builder-inited", check_assets)
    app.connect("build-finished", copy_assets)
    # after maps.map_documents (500): a map's own document has its own path to the vendor folder
    app.connect("html-page-context", fix_vendor_paths, priority=550)
