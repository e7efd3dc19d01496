"""The book on a phone (390 x 844), offline, in headless Chromium.

On every page: nothing is wider than the screen except inside a scroll area, and every
table sits in a scroll area a keyboard can reach and a screen reader can name.  On every
map: the controls (layer chooser, legend, zoom, scale) cover at most about a third of it,
and a popup opened on it stays inside it.  The comparison widgets stack into one column.
The quizzes show a focus ring, move with the arrow keys without answering, and give a
number question a visible hint and button.
"""

from __future__ import annotations


import pytest

from conftest import BUILD, PHONE, live_quizzes, live_widgets, pages

pytestmark = pytest.mark.browser

PAGES = pages()


def _pages_with(marker: str) -> list[str]:
    return [p for p in PAGES if marker in (BUILD / p).read_text(encoding="utf-8")]


MAP_PAGES = _pages_with("sco-map-frame")
COMPARE_PAGES = _pages_with("sco-compare-declarations") + _pages_with("sco-compare-analysts")
QUIZ_PAGES = _pages_with("show_questions")
NUMERIC_QUIZ_PAGES = [p for p in QUIZ_PAGES if '"type": "numeric"' in (BUILD / p).read_text(encoding="utf-8")]


def _open(page, server, path):
    page.goto(server + path, wait_until="load")
    page.wait_for_timeout(1000)  # maps draw after load
    live_widgets(page)  # widgets draw when the reader comes near one
    live_quizzes(page)  # so do quizzes


# ---------------------------------------------------------------------------
# Nothing wider than the screen
# ---------------------------------------------------------------------------
_OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  const fits = r => r.left >= -1 && r.right <= vw + 1;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '');
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || fits(r)) continue;
    let a = el, contained = false;
    while (a && a !== document.body) {
      const s = getComputedStyle(a);
      if (s.display === 'none' || s.visibility === 'hidden' || s.position === 'fixed') { contained = true; break; }
      if (a !== el && ['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && fits(a.getBoundingClientRect())) {
        contained = true; break;
      }
      a = a.parentElement;
    }
    if (!contained) bad.push(`${name(el)} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, bad: bad.slice(0, 8)};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_page_is_wider_than_a_phone(phone, server, path):
    _open(phone, server, path)
    found = phone.evaluate(_OVERFLOW)
    assert found["scrollWidth"] <= PHONE["width"], f"{path} is {found['scrollWidth']} px wide: {found['bad']}"
    assert not found["bad"], f"{path}: elements wider than the screen, outside any scroll area: {found['bad']}"


_TABLES = """() => Array.from(document.querySelectorAll('table')).filter(t => t.offsetParent !== null).map(t => {
  let a = t.parentElement;
  while (a && a !== document.body && !['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) a = a.parentElement;
  const area = a && a !== document.body ? a : null;
  return {
    table: (t.closest('[aria-label]') || t).getAttribute('aria-label') || t.className,
    wide: t.getBoundingClientRect().width > document.documentElement.clientWidth,
    area: !!area,
    scrolls: area ? area.scrollWidth > area.clientWidth : false,
    focusable: area ? area.getAttribute('tabindex') === '0' : false,
    region: area ? area.getAttribute('role') === 'region' && !!(area.getAttribute('aria-label') || '').trim() : false,
  };
})"""


@pytest.mark.parametrize("path", PAGES)
def test_tables_scroll_inside_labelled_focusable_areas(phone, server, path):
    _open(phone, server, path)
    for t in phone.evaluate(_TABLES):
        assert t["area"], f"{path}: table {t['table']!r} is in no scroll area"
        assert t["region"], f"{path}: the scroll area of {t['table']!r} needs role=region and an aria-label"
        if t["wide"]:
            assert t["scrolls"], f"{path}: wide table {t['table']!r} does not scroll"
        # an area that scrolls must be reachable by keyboard; the theme's script takes the tab
        # stop away from an area with nothing to scroll, which is right
        if t["scrolls"]:
            assert t["focusable"], f"{path}: the scrolling area of {t['table']!r} needs tabindex=0"


# ---------------------------------------------------------------------------
# Maps
# ---------------------------------------------------------------------------
_CONTROL_SHARE = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  let covered = 0;
  for (const c of document.querySelectorAll('.leaflet-control')) {
    const r = c.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, map.right) - Math.max(r.left, map.left));
    const h = Math.max(0, Math.min(r.bottom, map.bottom) - Math.max(r.top, map.top));
    covered += w * h;
  }
  return covered / (map.width * map.height);
}"""


def _map_frames(page):
    frames = page.locator("iframe.sco-map-frame")
    for i in range(frames.count()):
        frames.nth(i).scroll_into_view_if_needed()
        handle = frames.nth(i).element_handle()
        frame = handle.content_frame()
        frame.wait_for_selector(".sco-legend", state="attached")
        yield i, frame


@pytest.mark.parametrize("path", MAP_PAGES)
def test_map_controls_cover_at_most_a_third_of_the_map(phone, server, path):
    _open(phone, server, path)
    for i, frame in _map_frames(phone):
        share = frame.evaluate(_CONTROL_SHARE)
        assert share <= 0.35, f"{path}, map {i}: the controls cover {share:.0%} of the map"
        # folded, they still open: the legend by its summary, the layers by their button
        legend = frame.locator(".sco-legend")
        assert legend.locator("summary").is_visible()


_CLICK_CENTRE = """el => {
  const r = el.getBoundingClientRect();
  el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window,
                                            clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));
}"""

_POPUP_INSIDE = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const pop = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
  return {inside: pop.left >= map.left - 1 && pop.right <= map.right + 1 && pop.top >= map.top - 1 && pop.bottom <= map.bottom + 1,
          map: [map.left, map.top, map.right, map.bottom].map(Math.round), popup: [pop.left, pop.top, pop.right, pop.bottom].map(Math.round)};
}"""


@pytest.mark.parametrize("path", MAP_PAGES)
def test_a_popup_stays_inside_its_map(phone, server, path):
    _open(phone, server, path)
    for i, frame in _map_frames(phone):
        targets = frame.locator("path.sco-marker")
        if not targets.count():
            targets = frame.locator("path.sco-shape")
        # every marker or shape (up to 12): the longest popups are the hardest to fit
        for j in range(min(targets.count(), 12)):
            targets.nth(j).evaluate(_CLICK_CENTRE)
            frame.locator(".leaflet-popup-content").wait_for(state="visible", timeout=3000)
            frame.wait_for_timeout(450)  # the map pans the popup into view
            where = frame.evaluate(_POPUP_INSIDE)
            assert where["inside"], f"{path}, map {i}, target {j}: popup {where['popup']} leaves the map {where['map']}"
            frame.locator(".leaflet-popup-close-button").evaluate("b => b.click()")
            frame.locator(".leaflet-popup").wait_for(state="detached", timeout=3000)


# ---------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(set(COMPARE_PAGES)))
def test_comparison_widgets_are_one_column(phone, server, path):
    _open(phone, server, path)
    boxes = phone.locator(".sco-compare-declarations, .sco-compare-analysts")
    assert boxes.count()
    for i in range(boxes.count()):
        lefts = boxes.nth(i).evaluate(
            "b => Array.from(b.children).filter(c => c.offsetParent !== null).map(c => Math.round(c.getBoundingClientRect().left))")
        assert len(lefts) >= 2 and len(set(lefts)) == 1, f"{path}: comparison {i} is not one column: x = {lefts}"


# ---------------------------------------------------------------------------
# Quizzes
# ---------------------------------------------------------------------------
_RING = """el => { const s = getComputedStyle(el);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none'); }"""


@pytest.mark.parametrize("path", QUIZ_PAGES)
def test_quiz_choices_show_focus_and_arrows_do_not_answer(phone, server, path):
    _open(phone, server, path)
    quiz = phone.locator(".Quiz:has(.MultipleChoiceQn)").first
    quiz.scroll_into_view_if_needed()
    first, second = quiz.locator(".MCButton").nth(0), quiz.locator(".MCButton").nth(1)
    first.locator("input").focus()
    phone.keyboard.press("ArrowDown")
    assert second.locator("input").evaluate("i => document.activeElement === i"), "ArrowDown moves to the next choice"
    assert second.locator("input").evaluate("i => i.matches(':focus-visible')")
    assert second.evaluate(_RING), "the focused choice shows a focus ring"
    assert not quiz.locator(".Feedback").first.inner_text().strip(), "moving with the arrows answers nothing"
    phone.keyboard.press("Space")
    assert quiz.locator(".Feedback").first.inner_text().strip(), "Space answers"


@pytest.mark.parametrize("path", NUMERIC_QUIZ_PAGES)
def test_number_questions_have_a_visible_hint_and_button(phone, server, path):
    _open(phone, server, path)
    box = phone.locator(".Quiz input.Input-text").first
    box.scroll_into_view_if_needed()
    quiz = box.locator("xpath=ancestor::div[contains(@class, 'Quiz')]")
    hint, button = quiz.locator(".sco-quiz-hint").first, quiz.locator("button.sco-quiz-check").first
    assert hint.is_visible() and hint.inner_text().strip()
    assert button.is_visible() and button.inner_text().strip() == "Check"
    box.fill("1")
    button.click()
    assert quiz.locator(".Feedback").first.inner_text().strip(), "the Check button checks the number"
