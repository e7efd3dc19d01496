"""Maps: each in its own file, loaded when the reader scrolls near it.

A map of ``helpers.maps.show`` comes as an ``<iframe class="sco-map-frame">`` holding its whole
document in ``srcdoc``; the pages are rewritten with the parser of :mod:`.markup`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from helpers.assets import VENDOR_MARK
from tools.sphinx_ext.files import MAPS, write_by_content
from tools.sphinx_ext.markup import Page

#: The class of a map's frame (helpers.maps.show).
MAP_FRAME = "sco-map-frame"


def map_documents(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """A map of ``helpers.maps.show`` comes as an iframe holding its whole document (Leaflet's
    shapes and outlines: 40-120 KB) in ``srcdoc``.  In the built book each map's document is
    written to its own file under ``_static/maps/`` (named by its content) and the iframe
    loads it from there with ``loading="lazy"``: the page's HTML is smaller, so its text
    arrives and paints sooner, and a map the reader has not scrolled near loads neither its
    document nor Leaflet (a browser does not lazy-load an iframe that has ``srcdoc``).
    The map's caption and text alternative stay in the page."""
    body = context.get("body")
    if not body or MAP_FRAME not in body:
        return
    folder = Path(app.outdir) / MAPS
    page = Page(body)
    for frame in page.find_all("iframe", class_=MAP_FRAME, srcdoc=True):
        doc = (frame.get("srcdoc") or "").replace(VENDOR_MARK, "../vendor")  # relative to _static/maps/
        name = write_by_content(folder, doc, "html")
        src = context["pathto"](f"{MAPS}/{name}", 1)
        attrs: list[tuple[str, str | None]] = []
        for key, value in frame.attrs:  # the document's place in the tag is the file's
            attrs += [("src", src), ("loading", "lazy")] if key == "srcdoc" else [(key, value)]
        page.set_attrs(frame, attrs)
    context["body"] = page.html()


def maps_wait_for_the_reader(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                             doctree: nodes.document | None) -> None:
    """A browser starts an iframe with ``loading="lazy"`` long before the reader reaches it
    (Chromium: within 1,250-2,500 px of the screen), so a map in a chapter's first screens
    loaded Leaflet and drew itself while the text was still being laid out (200-1,100 ms of
    main thread on a phone).  Here the map's frame names its document in ``data-src``;
    ``_static/sco-maps.js`` sets ``src`` when the reader comes within half a screen of the
    map (or prints the page).  Without script, a copy of the frame with ``src`` in
    ``<noscript>`` loads as before."""
    body = context.get("body")
    if not body or MAP_FRAME not in body:
        return
    page = Page(body)
    for frame in page.find_all("iframe", class_=MAP_FRAME, src=True):
        if any(a.tag == "noscript" for a in frame.ancestors()):
            continue
        waiting = page.new_start_tag(frame, [("data-src" if k == "src" else k, v) for k, v in frame.attrs])
        inner = page.text[frame.open_end:frame.close_start]
        page.replace_element(frame, f"{waiting}{inner}</iframe><noscript>{page.source(frame)}</noscript>")
    context["body"] = page.html()


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", map_documents)  # before assets.fix_vendor_paths (550): a map file has its own path
    app.connect("html-page-context", maps_wait_for_the_reader, priority=600)  # after map_documents
