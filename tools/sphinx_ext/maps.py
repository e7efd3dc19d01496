"""Maps: each in its own file, loaded when the reader scrolls near it.

A map of ``helpers.maps.show`` comes as an ``<iframe class="sco-map-frame">`` holding its whole
document in ``srcdoc``; the pages are rewritten with the parser of :mod:`.markup`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sphinx.application import Sphinx

from helpers.assets import VENDOR_MARK
from tools.sphinx_ext.markup import Page
from tools.sphinx_ext.quizzes import _QUIZ_FILE, QUIZZES
from tools.sphinx_ext.widgets import _STATE_FILE, WIDGETS

#: Where the maps' documents are written, under the book's output folder.
MAPS = "_static/maps"
#: The class of a map's frame (helpers.maps.show).
MAP_FRAME = "sco-map-frame"


def map_documents(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
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
        name = hashlib.sha256(doc.encode("utf-8")).hexdigest()[:16] + ".html"
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / name).is_file():
            (folder / name).write_text(doc, encoding="utf-8")
        src = context["pathto"](f"{MAPS}/{name}", 1)
        attrs = []
        for key, value in frame.attrs:  # the document's place in the tag is the file's
            attrs += [("src", src), ("loading", "lazy")] if key == "srcdoc" else [(key, value)]
        page.set_attrs(frame, attrs)
    context["body"] = page.html()


def maps_wait_for_the_reader(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
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


_MAP_FILE = re.compile(r"_static/maps/([0-9a-f]{16}\.html)")


def remove_stale_maps(html_dir: Path) -> list[Path]:
    """Remove the map documents of ``_static/maps/``, the widget states of ``_static/widgets/`` and
    the quiz code of ``_static/quiz/`` that no page uses (left by earlier builds, whose maps or widgets have changed since): the
    folders hold exactly the files the pages load.  Returns the files removed."""
    stale = []
    for where, pattern, suffix in ((MAPS, _MAP_FILE, "html"), (WIDGETS, _STATE_FILE, "js"), (QUIZZES, _QUIZ_FILE, "js")):
        folder = Path(html_dir) / where
        if not folder.is_dir():
            continue
        used: set[str] = set()
        for page in Path(html_dir).rglob("*.html"):
            if folder not in page.parents:
                used |= set(pattern.findall(page.read_text(encoding="utf-8", errors="replace")))
        stale += [p for p in sorted(folder.glob(f"*.{suffix}"))
                  if re.fullmatch(r"[0-9a-f]{16}\." + suffix, p.name) and p.name not in used]
    for path in stale:
        path.unlink()
    return stale


def remove_stale_map_documents(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        remove_stale_maps(Path(app.outdir))


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", map_documents)  # before assets.fix_vendor_paths (550): a map file has its own path
    app.connect("html-page-context", maps_wait_for_the_reader, priority=600)  # after map_documents
    app.connect("build-finished", remove_stale_map_documents)
