"""Where the module's packaged files and third-party files live: the one statement of both layouts.

Three programs agree on these paths, and read them from here:

* the Sphinx extension (``tools/sphinx_ext/assets.py``) copies npm's files into the built book
  (:data:`BOOK_ASSETS`, under :data:`BOOK_VENDOR`) and sets :data:`VENDOR_ENV` for the
  notebook kernels of a build;
* the maps (``helpers/maps.py``) link to Leaflet under that URL (:func:`vendor_url`) in the
  book, and inline it from :data:`LEAFLET_DIRS` in a live notebook;
* the class pack (``tools/classpack.py``) builds the helpers' wheel with the data under
  :data:`PACKAGED_DATA` and Leaflet under :data:`PACKAGED_VENDOR` (:data:`WHEEL_DATA`,
  :data:`WHEEL_VENDOR`, :func:`package_data_globs`).

The vendor URL contract: during a build :data:`VENDOR_ENV` holds :data:`VENDOR_MARK`, which
``helpers.maps`` writes where a page's path to :data:`BOOK_VENDOR` belongs and the extension
replaces, page by page, with that page's relative path; anyone else may set it to a URL folder
holding the folders of :data:`BOOK_ASSETS` (``leaflet/``, ``html-manager/``).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The ``helpers`` package folder, and the repository around it (when run from a clone).
PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
#: Where ``npm ci`` installs the packages of ``package.json`` (in a clone).
NODE_MODULES = ROOT / "node_modules"

# --- the built book ---------------------------------------------------------------------------
#: The environment variable naming the URL folder of the served third-party files.
VENDOR_ENV = "SCO_VENDOR_URL"
#: Where the built book serves them, under its output folder.
BOOK_VENDOR = "_static/vendor"
#: What a build sets :data:`VENDOR_ENV` to; replaced in each page by its own path to BOOK_VENDOR.
VENDOR_MARK = "__sco_vendor__"
#: Leaflet's files, relative to npm's ``leaflet/dist`` (the book serves them; the wheel carries them).
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images/*.png")
#: Folder under BOOK_VENDOR -> (folder under node_modules, file patterns in it).
BOOK_ASSETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "html-manager": (
        "@jupyter-widgets/html-manager/dist",
        ("embed.js", "*.woff2", "*.woff", "*.ttf", "*.eot", "*.svg"),
    ),
    "leaflet": ("leaflet/dist", LEAFLET_FILES),
}


def vendor_url(name: str) -> str | None:
    """Give the URL folder of a served third-party package during a build.

    Parameters
    ----------
    name : str
        The package: a key of :data:`BOOK_ASSETS` (``"leaflet"``).

    Returns
    -------
    str or None
        The folder's URL, or None when :data:`VENDOR_ENV` is not set (a live notebook).

    Examples
    --------
    >>> import os
    >>> os.environ[VENDOR_ENV] = "https://example.org/vendor/"
    >>> vendor_url("leaflet")
    'https://example.org/vendor/leaflet'
    >>> del os.environ[VENDOR_ENV]
    >>> vendor_url("leaflet") is None
    True
    """
    base = os.environ.get(VENDOR_ENV, "")
    return base.rstrip("/") + "/" + name if base else None


# --- the helpers' wheel (the class pack) ------------------------------------------------------
#: The data's folder inside the package (a copy of the repository's data/).
PACKAGED_DATA = "_data"
PACKAGED_DATA_DIR = PACKAGE_DIR / PACKAGED_DATA
#: The third-party files' folder inside the package.
PACKAGED_VENDOR = "_vendor"
#: The data files that travel in the wheel, relative to data/ (and to PACKAGED_DATA).
WHEEL_DATA = ("*.csv", "*.yaml", "README.md", "quiz.schema.json", "quizzes/*.json", "geo/*.geojson")
#: The helpers' own files that are not code (the maps' JavaScript, the HTML templates), relative to the package.
RESOURCE_GLOBS = ("static/*.js", "templates/*.html")
#: Folder under PACKAGED_VENDOR -> ((folder under node_modules, file patterns in it), ...).
WHEEL_VENDOR: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "leaflet": (("leaflet/dist", LEAFLET_FILES), ("leaflet", ("LICENSE",))),
}

#: Where a map finds Leaflet's files to inline, in order: inside the installed package (the
#: class pack's wheel), then the repository's npm folder.
LEAFLET_DIRS = (PACKAGE_DIR / PACKAGED_VENDOR / "leaflet", NODE_MODULES / "leaflet" / "dist")


def package_data_globs() -> list[str]:
    """Give the wheel's package-data globs, relative to the package.

    Returns
    -------
    list of str
        The data's, then the vendored files', then the helpers' own resources (JavaScript,
        templates).

    Examples
    --------
    >>> package_data_globs()[0]
    '_data/*.csv'
    >>> "templates/*.html" in package_data_globs()
    True
    """
    return (
        [f"{PACKAGED_DATA}/{g}" for g in WHEEL_DATA]
        + [f"{PACKAGED_VENDOR}/{name}/{p}" for name, sources in WHEEL_VENDOR.items() for _, patterns in sources for p in patterns]
        + list(RESOURCE_GLOBS)
    )
