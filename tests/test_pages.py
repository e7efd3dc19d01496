"""Every page of the built book, opened in headless Chromium with no network.

For each page: HTTP 200; no console error; no failed request; no request to any
host but the book's own (map tiles excepted); every internal link and anchor
resolves; every image has alt text; every widget renders exactly once; and
axe-core finds no serious or critical accessibility violation.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urlparse

import pytest
from conftest import BUILD, is_tile, live_widgets, pages

PAGES = pages()
pytestmark = pytest.mark.browser


def test_book_has_every_page_of_the_toc(book):
    expected = {"index.html", "instructors.html", "bibliography.html"}
    expected |= {f"chapters/{p.stem}.html" for p in (book.parent.parent / "chapters").glob("[0-9][0-9]_*.md")}
    assert expected <= set(PAGES), f"missing pages: {sorted(expected - set(PAGES))}"


def _visit(page, url):
    """Open url; return (response, console errors, failed requests, foreign requests)."""
    errors, failed, foreign = [], [], []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text} @ {m.location.get('url', '')}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: None if is_tile(r.url) else failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: failed.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)

    def outside(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "about:", "blob:")) or host in ("127.0.0.1", "localhost"):
            return
        if not is_tile(request.url):
            foreign.append(request.url)

    page.on("request", outside)
    response = page.goto(url, wait_until="load")
    # maps render after load; widgets when the reader comes near one
    page.wait_for_timeout(800)
    live_widgets(page)
    return response, errors, failed, foreign


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_clean_and_offline(page, server, path):
    response, errors, failed, foreign = _visit(page, server + path)
    assert response is not None and response.status == 200
    # a tile that cannot load (no network) is logged as a console error: tiles are decoration
    errors = [e for e in errors if not is_tile(e.rsplit(" @ ", 1)[-1])]
    assert not foreign, f"{path} asks other hosts for: {foreign}"
    assert not failed, f"{path} has failed requests: {failed}"
    assert not errors, f"{path} logs console errors: {errors}"


@pytest.mark.parametrize("path", PAGES)
def test_links_and_anchors_resolve(page, server, path):
    page.goto(server + path, wait_until="load")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    broken = []
    for href in set(hrefs):
        target, fragment = urldefrag(href)
        if urlparse(target).hostname not in ("127.0.0.1",):
            continue  # external links are not fetched (no network here)
        rel = urlparse(target).path.lstrip("/")
        file = BUILD / (rel or "index.html")
        if file.is_dir():
            file = file / "index.html"
        if not file.exists():
            broken.append(href)
            continue
        if fragment and file.suffix == ".html":
            html = file.read_text(encoding="utf-8")
            if f'id="{fragment}"' not in html and f'name="{fragment}"' not in html:
                broken.append(href)
    assert not broken, f"{path} links to missing pages or anchors: {sorted(broken)}"


@pytest.mark.parametrize("path", PAGES)
def test_images_have_alt_text(page, server, path):
    page.goto(server + path, wait_until="load")
    missing = page.eval_on_selector_all(
        "img", "els => els.filter(e => !(e.getAttribute('alt') || '').trim()).map(e => e.src)"
    )
    assert not missing, f"{path} has images without alt text: {missing}"


@pytest.mark.parametrize("path", PAGES)
def test_every_widget_renders_exactly_once(page, server, path):
    _visit(page, server + path)
    views = page.locator("script[type='application/vnd.jupyter.widget-view+json']")
    for i in range(views.count()):
        # the html-manager renders a view into a .widget-subarea beside its script
        rendered = views.nth(i).evaluate(
            """s => Array.from(s.parentElement.querySelectorAll(':scope > .widget-subarea'))
                     .reduce((n, area) => n + area.children.length, 0)"""
        )
        assert rendered == 1, f"{path}: widget view {i} rendered {rendered} times"


@pytest.mark.parametrize("path", PAGES)
def test_accessibility_axe(page, server, path):
    from axe_playwright_python.sync_playwright import Axe

    _visit(page, server + path)
    results = Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} -- {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{path}: accessibility violations:\n" + "\n".join(bad)


# ---------------------------------------------------------------------------
# What a page does not need, it does not load (issue 15)
# ---------------------------------------------------------------------------
_FONT_AWESOME_GLYPHS = """() => {
  const bad = [], drawn = [];
  for (const el of document.querySelectorAll('*')) for (const pseudo of ['::before', '::after']) {
    const s = getComputedStyle(el, pseudo);
    if (s.content === 'none' || s.content === 'normal') continue;
    if (/Font ?Awesome/i.test(s.fontFamily)) bad.push(el.className + pseudo);
    if (el.classList.contains('admonition-title') && pseudo === '::after')
      drawn.push({box: el.parentElement.className, mask: /svg/.test(s.maskImage || s.webkitMaskImage || '')});
  }
  return {bad: bad.slice(0, 8), drawn};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_page_downloads_font_awesome_and_admonitions_keep_their_icons(page, server, path):
    fonts = []
    page.on("request", lambda r: fonts.append(r.url) if "webfonts/fa-" in r.url or "fontawesome" in r.url else None)
    _visit(page, server + path)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    found = page.evaluate(_FONT_AWESOME_GLYPHS)
    assert not fonts, f"{path} downloads Font Awesome: {fonts}"
    assert not found["bad"], f"{path}: icons still drawn with Font Awesome's font: {found['bad']}"
    blank = [d["box"] for d in found["drawn"] if not d["mask"]]
    assert not blank, f"{path}: admonitions whose title shows no icon: {blank}"


def test_search_still_finds_the_book(page, server):
    """Pages no longer load the search index; the search box opens search.html, which does."""
    page.goto(server + "chapters/" + next(p for p in PAGES if p.startswith("chapters/")).split("/")[1],
              wait_until="load")
    action = page.locator("#pst-search-dialog form").get_attribute("action")
    assert action and action.endswith("search.html"), action
    page.goto(server + "search.html?q=Dushanbe", wait_until="load")
    results = page.locator("ul.search li")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 3
