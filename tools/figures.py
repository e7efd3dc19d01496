"""Slide-ready figures: every map of every chapter as PNG and SVG at presentation size.

    python -m tools.figures            (or: make figures; the book must be built)

For each chapter page of the built book (``_build/html/chapters/*.html``, so a new chapter is
picked up by itself) and each map on it (``figure.sco-map``), headless Chromium (Playwright,
Debian's ``/usr/bin/chromium`` or ``$CHROMIUM``) opens the map's own document at 1600 × 900
pixels (16:9), offline, and writes to ``_build/figures/<chapter>/``:

* ``map-N.png``: the map as drawn, legend open, framed on its data at that size;
* ``map-N-captioned.png``: the same with its caption and its sources beneath, for a slide
  that has no room for a separate caption;
* ``map-N.svg``: the map's shapes, markers and lines (Leaflet draws them as SVG), its legend,
  caption and sources as a standalone vector file; the caption is its ``<title>``.

A map with several stages (the membership map, year by year) is saved once per stage, as
``map-N-<stage>.*``. ``_build/figures/index.html`` lists every figure with its caption and
sources, and ``figures.csv`` the same as a table. The sources are those of the map's text
alternative (its "source" column) and the outlines' (Natural Earth, public domain).
"""

from __future__ import annotations

import base64
import csv
import functools
import html
import http.server
import os
import re
import shutil
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Playwright is a test dependency, imported when a browser is started
    from playwright.sync_api import Browser, BrowserContext, Page, Route

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "_build" / "html"
OUT = ROOT / "_build" / "figures"
WIDTH, HEIGHT = 1600, 900
OUTLINES = "Country outlines: Natural Earth (public domain), via npm's world-atlas."

#: Reads a map's caption and sources from its figure on the chapter page.
_FIGURES_JS = """() => Array.from(document.querySelectorAll('figure.sco-map')).map(f => {
  const frame = f.querySelector('iframe.sco-map-frame');
  const cap = f.querySelector('figcaption');
  const table = f.querySelector('details.sco-text-alternative table');
  let sources = [];
  if (table) {
    const heads = Array.from(table.querySelectorAll('thead th')).map(th => th.textContent.trim().toLowerCase());
    const col = heads.findIndex(h => h === 'source' || h === 'sources');
    if (col >= 0) sources = Array.from(table.querySelectorAll('tbody tr'))
      .map(tr => (tr.children[col] ? tr.children[col].textContent.trim() : '')).filter(Boolean);
  }
  // a map's frame names its document in data-src until the reader comes near it (sco-maps.js)
  return {src: frame ? (frame.getAttribute('src') || frame.getAttribute('data-src')) : null, title: frame ? frame.title : '',
          caption: cap ? cap.textContent.trim() : '', sources: Array.from(new Set(sources))};
})"""

#: The map as one standalone SVG: Leaflet's vector layer where it stands, then the legend.
_SVG_JS = """([caption, source, width, height]) => {
  const NS = 'http://www.w3.org/2000/svg';
  const box = document.querySelector('.leaflet-container').getBoundingClientRect();
  const out = document.createElementNS(NS, 'svg');
  const foot = 90;
  out.setAttribute('xmlns', NS);
  out.setAttribute('width', width); out.setAttribute('height', height + foot);
  out.setAttribute('viewBox', `0 0 ${width} ${height + foot}`);
  const title = document.createElementNS(NS, 'title'); title.textContent = caption; out.appendChild(title);
  const desc = document.createElementNS(NS, 'desc'); desc.textContent = source; out.appendChild(desc);
  const bg = document.createElementNS(NS, 'rect');
  bg.setAttribute('width', width); bg.setAttribute('height', height + foot); bg.setAttribute('fill', '#ffffff');
  out.appendChild(bg);
  const sea = document.createElementNS(NS, 'rect');
  sea.setAttribute('width', width); sea.setAttribute('height', height); sea.setAttribute('fill', '#eef2f5');
  out.appendChild(sea);
  document.querySelectorAll('.leaflet-overlay-pane svg').forEach(svg => {
    const r = svg.getBoundingClientRect();
    const copy = svg.cloneNode(true);
    copy.removeAttribute('style'); copy.removeAttribute('class');
    copy.setAttribute('x', r.left - box.left); copy.setAttribute('y', r.top - box.top);
    copy.setAttribute('width', r.width); copy.setAttribute('height', r.height);
    out.appendChild(copy);
  });
  const legend = document.querySelector('.sco-legend');
  if (legend) {
    const r = legend.getBoundingClientRect();
    const g = document.createElementNS(NS, 'g');
    const frame = document.createElementNS(NS, 'rect');
    frame.setAttribute('x', r.left - box.left); frame.setAttribute('y', r.top - box.top);
    frame.setAttribute('width', r.width); frame.setAttribute('height', r.height);
    frame.setAttribute('fill', '#fff'); frame.setAttribute('stroke', '#555'); frame.setAttribute('rx', 4);
    g.appendChild(frame);
    const sum = legend.querySelector('summary');
    if (sum) {
      const s = sum.getBoundingClientRect(); const t = document.createElementNS(NS, 'text');
      t.setAttribute('x', s.left - box.left + 14); t.setAttribute('y', s.bottom - box.top - 4);
      t.setAttribute('font-family', 'sans-serif'); t.setAttribute('font-size', 13); t.setAttribute('font-weight', 'bold');
      t.textContent = sum.textContent; g.appendChild(t);
    }
    legend.querySelectorAll('.sco-legend-row').forEach(row => {
      const sw = row.querySelector('svg'); const sr = sw.getBoundingClientRect();
      const copy = sw.cloneNode(true); copy.setAttribute('x', sr.left - box.left); copy.setAttribute('y', sr.top - box.top);
      g.appendChild(copy);
      const t = document.createElementNS(NS, 'text');
      t.setAttribute('x', sr.right - box.left + 4); t.setAttribute('y', sr.bottom - box.top - 2);
      t.setAttribute('font-family', 'sans-serif'); t.setAttribute('font-size', 13);
      t.textContent = row.textContent.trim(); g.appendChild(t);
    });
    out.appendChild(g);
  }
  [[caption, 16, height + 30, 'bold'], [source, 13, height + 60, 'normal']].forEach(([s, size, y, weight]) => {
    const t = document.createElementNS(NS, 'text');
    t.setAttribute('x', 16); t.setAttribute('y', y); t.setAttribute('font-family', 'sans-serif');
    t.setAttribute('font-size', size); t.setAttribute('font-weight', weight); t.textContent = s;
    out.appendChild(t);
  });
  return new XMLSerializer().serializeToString(out);
}"""


#: Frames the map on what it draws at this size (the book's maps open at a zoom chosen for the page).
_FIT_JS = """() => {
  const map = Object.keys(window).map(k => window[k]).find(v => v && window.L && v instanceof L.Map);
  if (!map) return false;
  let bounds = null;
  map.eachLayer(l => { if (l.getBounds && !(l instanceof L.FeatureGroup) || l instanceof L.CircleMarker) {
    const b = l.getBounds ? l.getBounds() : L.latLngBounds([l.getLatLng()]);
    if (b.isValid()) bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast()); } });
  if (!bounds) return false;
  map.options.zoomSnap = 0.25;
  map.fitBounds(bounds, {padding: [60, 60], animate: false});
  return true;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "stage"


def source_line(sources: list[str]) -> str:
    return "Sources: " + "; ".join(sources + [OUTLINES]) if sources else OUTLINES


def _captioned(page: Page, png: bytes, caption: str, source: str) -> bytes:
    doc = (f"<!doctype html><meta charset='utf-8'><body style='margin:0;width:{WIDTH}px;font-family:sans-serif'>"
           f"<img alt='' style='display:block' width='{WIDTH}' height='{HEIGHT}' src='data:image/png;base64,{base64.b64encode(png).decode()}'>"
           f"<p style='margin:10px 16px 2px;font-size:22px;font-weight:600'>{html.escape(caption)}</p>"
           f"<p style='margin:0 16px 12px;font-size:16px;color:#333'>{html.escape(source)}</p></body>")
    page.set_content(doc)
    return page.screenshot(full_page=True)


def _offline(context: BrowserContext) -> None:
    def route(r: Route) -> None:
        host = re.match(r"https?://([^/:]+)", r.request.url)
        if host is None or host.group(1) in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            r.abort("internetdisconnected")

    context.route("**/*", route)


def export(book: Path = BOOK, out: Path = OUT, chapters: list[str] | None = None, browser: Browser | None = None) -> list[dict[str, Any]]:
    """Write every map of the book's chapters; return one record per file set written.
    ``browser``: a Playwright Chromium already running (the tests'); else one is started."""
    if browser is not None:
        return _export(book, out, chapters, browser)
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not (shutil.which(chromium) or Path(chromium).exists()):
        raise SystemExit(f"no Chromium at {chromium}: install it (apt-get install chromium) or set CHROMIUM")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which(chromium) or chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            return _export(book, out, chapters, browser)
        finally:
            browser.close()


def _export(book: Path, out: Path, chapters: list[str] | None, browser: Browser) -> list[dict[str, Any]]:
    pages = sorted(p.name for p in (book / "chapters").glob("[0-9][0-9]_*.html"))
    if chapters:
        pages = [p for p in pages if p.removesuffix(".html") in chapters]
    if not pages:
        raise SystemExit(f"no chapter pages in {book / 'chapters'}: run 'make book' first")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    httpd, base = _serve(book)
    records: list[dict[str, Any]] = []
    try:
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
        _offline(context)
        reader, mapper, composer = context.new_page(), context.new_page(), context.new_page()
        for name in pages:
            chapter = name.removesuffix(".html")
            reader.goto(base + f"chapters/{name}", wait_until="load")
            figures = reader.evaluate(_FIGURES_JS)
            for n, fig in enumerate(figures, 1):
                if not fig["src"]:
                    continue
                mapper.goto(base + "chapters/" + fig["src"], wait_until="load")
                mapper.wait_for_selector(".leaflet-overlay-pane svg path", timeout=20_000)
                radios = mapper.locator(".leaflet-control-layers-base input[type=radio]")
                stages = [(None, "")] if radios.count() == 0 else [
                    (i, mapper.locator(".leaflet-control-layers-base label").nth(i).inner_text().strip())
                    for i in range(radios.count())]
                for index, label in stages:
                    if index is not None:
                        radios.nth(index).check(force=True)
                        mapper.wait_for_timeout(150)
                    mapper.evaluate("() => document.querySelectorAll('details.sco-legend').forEach(d => d.open = true)")
                    mapper.evaluate(_FIT_JS)
                    mapper.wait_for_timeout(150)
                    stem = f"map-{n}" + (f"-{_slug(label)}" if label else "")
                    caption = fig["caption"] + (f" ({label})" if label else "")
                    source = source_line(fig["sources"])
                    folder = out / chapter
                    folder.mkdir(exist_ok=True)
                    png = mapper.screenshot()
                    (folder / f"{stem}.png").write_bytes(png)
                    (folder / f"{stem}-captioned.png").write_bytes(_captioned(composer, png, caption, source))
                    svg = mapper.evaluate(_SVG_JS, [caption, source, WIDTH, HEIGHT])
                    (folder / f"{stem}.svg").write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, encoding="utf-8")
                    records.append({"chapter": chapter, "figure": n, "stage": label, "file": f"{chapter}/{stem}",
                                    "caption": caption, "sources": source})
        context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    _index(out, records)
    return records


def _index(out: Path, records: list[dict[str, Any]]) -> None:
    with open(out / "figures.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["chapter", "figure", "stage", "file", "caption", "sources"])
        writer.writeheader()
        writer.writerows(records)
    items = "".join(
        f"<li><p><strong>{html.escape(r['caption'])}</strong><br>{html.escape(r['sources'])}</p>"
        f"<p><a href=\"{html.escape(r['file'])}.png\">PNG</a> · <a href=\"{html.escape(r['file'])}-captioned.png\">PNG with caption</a>"
        f" · <a href=\"{html.escape(r['file'])}.svg\">SVG</a></p>"
        f"<img src=\"{html.escape(r['file'])}.png\" alt=\"{html.escape(r['caption'])}\" width=\"400\"></li>"
        for r in records)
    (out / "index.html").write_text(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Slide-ready figures</title>"
        f"<h1>Slide-ready figures ({WIDTH} × {HEIGHT})</h1><ol>{items}</ol></html>\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    records = export(chapters=argv or None)
    print(f"{len(records)} figures from {len({r['chapter'] for r in records})} chapters in {OUT.relative_to(ROOT)}/ "
          "(index.html lists them with their captions and sources)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
