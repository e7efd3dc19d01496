"""Handouts that keep their meaning (issue 24): a printed chapter fits 25 A4 pages with its
maps loaded, and every table prints whole, every column on the page (the membership table's
enlargement years included)."""

from __future__ import annotations

import re

import pytest
from conftest import MEASUREMENTS, pages

CHAPTER_PAGES = [p for p in pages() if p.startswith("chapters/")]
MAX_PAGES = 25
#: The printable width of an A4 page with the print stylesheet's 12 mm margins, in CSS pixels.
A4_TEXT_WIDTH = round((210 - 24) / 25.4 * 96)


def _printed(page, server, path):
    page.set_viewport_size({"width": A4_TEXT_WIDTH, "height": 1123})
    page.goto(server + path, wait_until="load")
    page.emulate_media(media="print")
    page.wait_for_function("() => Array.from(document.querySelectorAll('figure.sco-map'))"
                           ".every(f => f.classList.contains('sco-map-loaded'))", timeout=30_000)
    page.wait_for_timeout(300)


@pytest.mark.browser
@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_a_printed_chapter_fits_25_a4_pages_with_its_maps(page, server, path):
    _printed(page, server, path)
    maps = page.locator("figure.sco-map iframe")
    assert all(maps.nth(i).is_visible() for i in range(maps.count())), "every map prints"
    pdf = page.pdf(format="A4", print_background=False)
    count = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    MEASUREMENTS[f"printed A4 pages, {path}"] = str(count)
    assert count <= MAX_PAGES, f"{path} prints on {count} A4 pages (at most {MAX_PAGES})"


@pytest.mark.browser
@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_every_printed_table_shows_every_column(page, server, path):
    _printed(page, server, path)
    cut = page.evaluate("""() => {
      const article = document.querySelector('article.bd-article').getBoundingClientRect();
      return Array.from(document.querySelectorAll('table')).filter(t => t.offsetParent)
        .flatMap(t => Array.from(t.rows[0] ? t.rows[0].cells : []))
        .filter(c => c.getBoundingClientRect().right > article.right + 1)
        .map(c => c.innerText.trim());
    }""")
    assert not cut, f"{path}: these columns fall off the printed page: {cut}"
    years = page.evaluate("""() => Array.from(document.querySelectorAll('details.sco-text-alternative table'))
      .filter(t => t.rows[0] && t.rows[0].cells[0].innerText.trim() === 'state')
      .map(t => Array.from(t.rows[0].cells).slice(1).map(c => c.innerText.trim()))""")
    for header in years:  # a membership table: every year of the map, the last enlargements included
        assert header and header[-1] >= "2024", header
