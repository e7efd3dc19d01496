"""Where a map gets Leaflet from: the built book's files, a local copy written into the map, or the CDN.

Part of :mod:`helpers.maps` (a chapter imports that). In the built book, Leaflet is loaded
from the book's own static files (``_static/vendor/leaflet``, copied from npm's ``leaflet``
by the build): the environment variable ``SCO_VENDOR_URL`` names that folder, as the book's
Sphinx extension (``tools/sphinx_ext/``) sets it for every build (the paths are in
``helpers/assets.py``).  In a live notebook Leaflet's script and stylesheet are inlined into
each map's HTML (``helpers/templates/leaflet_inline.html``), read from the copy that travels
inside the installed package (``helpers/_vendor/leaflet``, put there by ``tools/classpack.py``
when the class pack's wheel is built) or, in the repository, from ``node_modules/leaflet/dist``.
Only when neither exists does a map fall back to the public CDN (see :func:`leaflet_source`).
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

from helpers.assets import LEAFLET_DIRS, vendor_url
from helpers.templating import render

#: The public copy of Leaflet, used only when no local copy exists.
CDN = "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist"


def asset_base() -> str:
    """The URL folder the maps load Leaflet from when they link to it.

    Returns
    -------
    str
        The book's static files when built (``SCO_VENDOR_URL``, :func:`helpers.assets.vendor_url`),
        else :data:`CDN` (used only when no local copy exists).

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"SCO_VENDOR_URL": "../_static/vendor"}):
    ...     asset_base()
    '../_static/vendor/leaflet'
    """
    return vendor_url("leaflet") or CDN


def leaflet_dir() -> Path | None:
    """The local folder holding ``leaflet.js`` and ``leaflet.css``, if there is one.

    Returns
    -------
    pathlib.Path or None
        The installed package's copy, else the repository's ``node_modules/leaflet/dist``, else None.

    Examples
    --------
    >>> folder = leaflet_dir()
    >>> folder is None or (folder / "leaflet.js").is_file()
    True
    """
    return next((d for d in LEAFLET_DIRS if (d / "leaflet.js").is_file() and (d / "leaflet.css").is_file()), None)


def leaflet_source() -> str:
    """How a new map gets Leaflet.

    Returns
    -------
    str
        ``"book"`` (the built book's files, via ``SCO_VENDOR_URL``), ``"inline"`` (a local copy
        written into the map's HTML: works with no network), or ``"cdn"``.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"SCO_VENDOR_URL": "../_static/vendor"}):
    ...     leaflet_source()
    'book'
    """
    if vendor_url("leaflet"):
        return "book"
    return "inline" if leaflet_dir() is not None else "cdn"


@lru_cache(maxsize=2)
def inline_leaflet(folder: str) -> str:
    """Leaflet's stylesheet (its images as data: URIs) and script, as HTML to put in a map's head.

    Parameters
    ----------
    folder : str
        A folder holding ``leaflet.js``, ``leaflet.css`` and ``images/`` (see :func:`leaflet_dir`).

    Returns
    -------
    str
        A ``<style id="leaflet-css">`` and a ``<script id="leaflet-js">``, from
        ``helpers/templates/leaflet_inline.html``.

    Examples
    --------
    >>> folder = leaflet_dir()
    >>> folder is None or inline_leaflet(str(folder)).startswith('<style id="leaflet-css">')
    True
    """
    root = Path(folder)
    js = (root / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+\s*$", "", js).replace("</script", "<\\/script")
    css = (root / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match) -> str:
        image = root / match.group(1)
        if not image.is_file():
            return match.group(0)
        return "url(data:image/png;base64," + base64.b64encode(image.read_bytes()).decode("ascii") + ")"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css).replace("</style", "<\\/style")
    return render("leaflet_inline.html", leaflet_css=css, leaflet_js=js)
