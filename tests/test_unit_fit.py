"""Maps, tables and quizzes that fit (issue 24, part 4), in headless Chromium at 390 px (a
phone) and 1366 px (a laptop), and the maps of a printed chapter."""

from __future__ import annotations

import pytest
from conftest import BUILD, live_quizzes, offline_context, pages

CHAPTER_PAGES = [p for p in pages() if p.startswith("chapters/")]
MAP_PAGES = [p for p in CHAPTER_PAGES if 'class="sco-map"' in (BUILD / p).read_text(encoding="utf-8")]
QUIZ_PAGES = [p for p in CHAPTER_PAGES if "show_questions" in (BUILD / p).read_text(encoding="utf-8")]
NUMERIC_QUIZ_PAGES = [p for p in QUIZ_PAGES if '"type": "numeric"' in (BUILD / p).read_text(encoding="utf-8")]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}

pytestmark = pytest.mark.browser


@pytest.fixture()
def at(browser):
    contexts = []

    def make(viewport):
        context = offline_context(browser, viewport=viewport)
        contexts.append(context)
        return context.new_page()

    yield make
    for c in contexts:
        c.close()


def _maps(page) -> list:
    """Every map frame of the page, loaded (scrolled into view one by one)."""
    frames = page.locator("iframe.sco-map-frame")
    out = []
    for i in range(frames.count()):
        frames.nth(i).scroll_into_view_if_needed()
        handle = frames.nth(i).element_handle()
        frame = handle.content_frame()
        frame.wait_for_selector(".leaflet-overlay-pane svg path", timeout=20_000)
        frame.wait_for_timeout(200)
        out.append((handle, frame))
    return out


#: The boxes, relative to the map, of every shape and marker of the map's subject (not the
#: grey states drawn for orientation), and of the map.
_SUBJECT = """() => {
  const box = document.querySelector('.leaflet-container').getBoundingClientRect();
  const items = Array.from(document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive'))
    .filter(p => !p.classList.contains('sco-context') && p.getAttribute('d') && p.getAttribute('d') !== 'M0 0');
  return {w: box.width, h: box.height, items: items.map(p => { const r = p.getBoundingClientRect();
    return {cls: p.getAttribute('class'), l: r.left - box.left, t: r.top - box.top, r: r.right - box.left, b: r.bottom - box.top}; })};
}"""


def _outside(subject: dict, slack: float = 2) -> list:
    return [i["cls"] for i in subject["items"]
            if i["l"] < -slack or i["t"] < -slack or i["r"] > subject["w"] + slack or i["b"] > subject["h"] + slack]


# ---------------------------------------------------------------------------
# 4. Maps framed on their data; controls that cover nothing
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", MAP_PAGES)
def test_on_a_phone_every_map_opens_with_its_whole_subject_on_screen(at, server, path):
    page = at(PHONE)
    page.goto(server + path, wait_until="load")
    for handle, frame in _maps(page):
        subject = frame.evaluate(_SUBJECT)
        assert subject["items"], f"{path}: a map with nothing drawn"
        off = _outside(subject)
        assert not off, f"{path} ({handle.get_attribute('title')}): {len(off)} shapes or markers off-screen at 390 px"


@pytest.mark.parametrize("path", MAP_PAGES)
def test_on_a_laptop_the_legend_never_covers_the_year_list(at, server, path):
    page = at(LAPTOP)
    page.goto(server + path, wait_until="load")
    for handle, frame in _maps(page):
        labels = frame.locator(".leaflet-control-layers-base label")
        if labels.count() == 0:
            continue
        assert frame.locator(".leaflet-control-layers-expanded").count() == 1, "the year list is open on a laptop"
        legend = frame.locator(".sco-legend").bounding_box()
        control = frame.locator(".leaflet-control-layers").bounding_box()
        overlap = not (legend["x"] + legend["width"] <= control["x"] or control["x"] + control["width"] <= legend["x"]
                       or legend["y"] + legend["height"] <= control["y"] or control["y"] + control["height"] <= legend["y"])
        assert not overlap, f"{path}: the legend overlaps the year list"
        for i in range(labels.count()):  # every year can be clicked: nothing lies on top of it
            labels.nth(i).scroll_into_view_if_needed()  # a list taller than the map scrolls inside the control
            box = labels.nth(i).bounding_box()
            on_top = frame.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y); return !!(e && e.closest('.leaflet-control-layers')); }",
                                    [box["x"] + box["width"] / 2 - (handle.bounding_box()["x"]), box["y"] + box["height"] / 2 - handle.bounding_box()["y"]])
            assert on_top, f"{path}: year {labels.nth(i).inner_text()} is covered"
        labels.last.click()


@pytest.mark.parametrize("path", MAP_PAGES)
def test_on_a_phone_an_open_control_covers_at_most_a_third_of_the_map(at, server, path):
    page = at(PHONE)
    page.goto(server + path, wait_until="load")
    for handle, frame in _maps(page):
        size = frame.evaluate("() => { const r = document.querySelector('.leaflet-container').getBoundingClientRect(); return r.width * r.height; }")
        legend = frame.locator("details.sco-legend")
        legend.locator("summary").click()
        assert legend.evaluate("d => d.open")
        box = legend.bounding_box()
        assert box["width"] * box["height"] <= size / 3, f"{path}: the open legend covers more than a third of the map"
        legend.locator("summary").click()
        layers = frame.locator(".leaflet-control-layers")
        if layers.count():
            layers.hover()
            frame.locator(".leaflet-control-layers-toggle").click(force=True) if frame.locator(".leaflet-control-layers-expanded").count() == 0 else None
            frame.wait_for_timeout(100)
            box = layers.bounding_box()
            assert box["width"] * box["height"] <= size / 3, f"{path}: the open year list covers more than a third of the map"


#: Every control of a map that is on screen (zoom, attribution, legend, year or layer list,
#: scale), and every data item: the subject's shapes and markers (not the grey states drawn
#: for orientation), with the points at which each can be seen and clicked.
_CONTROLS_AND_DATA = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const inMap = (x, y) => x >= map.left && x <= map.right && y >= map.top && y <= map.bottom;
  const controls = Array.from(document.querySelectorAll('.leaflet-control'))
    .filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden')
    .map(e => { const r = e.getBoundingClientRect();
      return {name: Array.from(e.classList).filter(c => c !== 'leaflet-control').slice(0, 2).join('.') || e.tagName,
              l: r.left, t: r.top, r: r.right, b: r.bottom}; })
    .filter(c => c.r - c.l > 0 && c.b - c.t > 0);
  const under = (x, y) => controls.find(c => x > c.l && x < c.r && y > c.t && y < c.b);
  const items = Array.from(document.querySelectorAll(
      '.leaflet-overlay-pane path.leaflet-interactive, .leaflet-marker-pane .leaflet-marker-icon'))
    .filter(p => !p.classList.contains('sco-context') && !(p.getAttribute('d') === 'M0 0'));
  const hidden = [];
  for (const p of items) {
    const r = p.getBoundingClientRect();
    const name = (p.getAttribute('class') || '').split(' ').filter(c => c.startsWith('sco-')).join('.') || p.tagName;
    if (r.width < 30 && r.height < 30) {  // a marker: its centre is not under a control
      const c = under((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      if (c) hidden.push(`marker ${name} under ${c.name}`);
      continue;
    }
    // a shape or a line: some point of its outline, inside the map, is not under a control
    let seen = false;
    const length = p.getTotalLength ? p.getTotalLength() : 0, ctm = p.getScreenCTM && p.getScreenCTM();
    for (let k = 0; k < 60 && !seen && ctm; k++) {
      const q = p.getPointAtLength(length * k / 60);
      const x = ctm.a * q.x + ctm.c * q.y + ctm.e, y = ctm.b * q.x + ctm.d * q.y + ctm.f;
      seen = inMap(x, y) && !under(x, y);
    }
    if (!seen) hidden.push(`shape ${name} (${Math.round(r.width)} x ${Math.round(r.height)} px)`);
  }
  const overlaps = [];
  for (let i = 0; i < controls.length; i++) for (let j = i + 1; j < controls.length; j++) {
    const a = controls[i], b = controls[j];
    if (a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1) overlaps.push(`${a.name} / ${b.name}`);
  }
  return {controls: controls.map(c => c.name), items: items.length, hidden, overlaps};
}"""


#: Every map, at a phone's and a laptop's width.  (Chapter 6's membership map on a laptop, about
#: 740 px wide, had its open year list and legend over China's east and the Gulf's partners: a
#: map whose open controls would cover more than a third of it now starts with them folded.)
_FIRST_VIEW = [pytest.param(path, width) for path in MAP_PAGES for width in (390, 1366)]


@pytest.mark.parametrize("path,width", _FIRST_VIEW)
def test_no_map_control_covers_another_or_the_data_at_first_view(at, server, path, width):
    """Every map of every chapter, scrolled into view at 390 px and 1366 px: no two controls
    (zoom, attribution, legend, year or layer list, scale) overlap, no marker's centre lies
    under a control, and every shape or line of the map's subject shows some of its outline outside them."""
    page = at(PHONE if width == 390 else LAPTOP)
    page.goto(server + path, wait_until="load")
    for handle, frame in _maps(page):
        found = frame.evaluate(_CONTROLS_AND_DATA)
        where = f"{path} at {width} px ({handle.get_attribute('title')})"
        assert len(found["controls"]) >= 2 and found["items"], f"{where}: {found}"
        assert not found["overlaps"], f"{where}: controls overlap: {found['overlaps']}"
        assert not found["hidden"], f"{where}: data under a control: {found['hidden'][:5]}"


@pytest.mark.parametrize("path", MAP_PAGES)
def test_on_a_phone_an_open_legend_covers_no_other_control(at, server, path):
    page = at(PHONE)
    page.goto(server + path, wait_until="load")
    for handle, frame in _maps(page):
        frame.locator("details.sco-legend summary").click()
        found = frame.evaluate(_CONTROLS_AND_DATA)
        assert not found["overlaps"], f"{path} ({handle.get_attribute('title')}): the open legend overlaps {found['overlaps']}"


# ---------------------------------------------------------------------------
# 3. Printed maps: legend open, whole subject, whether or not the reader scrolled past
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", MAP_PAGES)
def test_a_printed_map_shows_its_legend_and_whole_subject_after_the_reader_zoomed_and_folded(at, server, path):
    page = at(PHONE)  # loaded narrow: legends folded, as a phone reader sees them
    page.goto(server + path, wait_until="load")
    maps = _maps(page)
    for handle, frame in maps:  # the reader zooms in and folds everything
        frame.evaluate("() => { window.scoMap.setZoom(window.scoMap.getZoom() + 2, {animate: false});"
                       " document.querySelectorAll('details.sco-legend').forEach(d => d.open = false); }")
    page.set_viewport_size({"width": 703, "height": 1123})
    page.emulate_media(media="print")
    for handle, frame in maps:  # each map's document hears of the print media in its own time (a busy machine: seconds)
        try:
            frame.wait_for_function("() => Array.from(document.querySelectorAll('details.sco-legend')).every(d => d.open)",
                                    timeout=15_000)
        except Exception:
            pass  # the assertion below says what is wrong
        assert frame.evaluate("() => Array.from(document.querySelectorAll('details.sco-legend')).every(d => d.open)"), \
            f"{path}: a printed legend is folded"
        subject = frame.evaluate(_SUBJECT)
        assert not _outside(subject), f"{path}: part of the map's subject is cut off in print: {_outside(subject)[:3]}"
        assert abs(subject["h"] - 300) <= 3, "the map is laid out at its printed height (300 px less its border)"
    page.emulate_media(media="screen")


def test_the_conflict_maps_show_dushanbe(at, server):
    pages_ = [p for p in MAP_PAGES if "dushanbe" in p]
    assert pages_
    page = at(PHONE)
    for path in pages_:
        page.goto(server + path, wait_until="load")
        found = False
        for handle, frame in _maps(page):
            markers = frame.locator("path.sco-marker")
            for i in range(markers.count()):
                tip = frame.evaluate("(p) => { for (const l of Object.values(window.scoMap._layers)) { if (l._path === p && l.getTooltip()) return l.getTooltip().getContent().textContent || ''; } return ''; }",
                                     markers.nth(i).element_handle())
                if tip.startswith("Dushanbe"):
                    found = True
                    subject = frame.evaluate(_SUBJECT)
                    assert not _outside(subject), f"{path}: Dushanbe's map cuts its subject"
        assert found, f"{path}: no Dushanbe marker on its maps"


# ---------------------------------------------------------------------------
# 4. Quizzes: feedback announced; a word in a number question
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", QUIZ_PAGES)
def test_quiz_feedback_is_announced_to_screen_readers(at, server, path):
    page = at(LAPTOP)
    page.goto(server + path, wait_until="load")
    live_quizzes(page)
    quiz = page.locator(".Quiz:has(.MultipleChoiceQn)").first
    quiz.scroll_into_view_if_needed()
    quiz.locator(".MCButton").first.click()
    region = quiz.locator(".sco-quiz-live")
    assert region.count() == 1 and region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    page.wait_for_timeout(100)
    assert region.inner_text().strip() == quiz.locator(".Feedback").first.inner_text().strip() != ""


@pytest.mark.parametrize("path", NUMERIC_QUIZ_PAGES)
def test_a_word_in_a_number_question_gets_feedback_about_numbers(at, server, path):
    page = at(PHONE)
    page.goto(server + path, wait_until="load")
    live_quizzes(page)
    box = page.locator(".Quiz input.Input-text").first
    box.scroll_into_view_if_needed()
    quiz = box.locator("xpath=ancestor::div[contains(@class, 'Quiz')]")
    feedback = quiz.locator(".Feedback").first
    for word, button in (("nineteen ninety-six", False), ("abc", True)):
        box.fill(word)
        if button:
            quiz.locator("button.sco-quiz-check").first.click()
        else:
            box.press("Enter")
        text = feedback.inner_text()
        assert "not a number" in text and "digits" in text, text
    box.fill("1996")
    box.press("Enter")
    assert "not a number" not in feedback.inner_text(), "a number is checked by the quiz itself"


# ---------------------------------------------------------------------------
# 4. The analysts' comparison table on a phone: every column readable, none cut off
# ---------------------------------------------------------------------------
ANALYST_PAGES = [p for p in CHAPTER_PAGES if "sco-compare-analysts" in (BUILD / p).read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", ANALYST_PAGES)
def test_the_analysts_table_keeps_every_column_on_a_phone(at, server, path):
    from conftest import live_widgets

    page = at(PHONE)
    page.goto(server + path, wait_until="load")
    live_widgets(page)  # the first view gives way to the live widget once the reader comes near it
    table = page.locator(".sco-compare-analysts .sco-question table.sco-cards").first
    table.wait_for(state="attached", timeout=20_000)
    table.scroll_into_view_if_needed()
    table.wait_for(state="visible", timeout=20_000)
    cells = table.locator("tbody tr:first-child > *")
    assert cells.count() == 5
    width = page.evaluate("() => document.documentElement.clientWidth")
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"{path}: column {i + 1} is cut off"
        assert box["width"] >= 200, f"{path}: column {i + 1} is a sliver ({box['width']:.0f} px)"
    labels = table.locator("tbody tr:first-child > td").evaluate_all(
        "tds => tds.map(td => getComputedStyle(td, '::before').content)")
    assert labels == ['"Stance: "', '"Position: "', '"Evidence: "', '"Source: "'], f"{path}: cells not labelled on a phone: {labels}"
    assert table.evaluate("t => t.getAttribute('role')") == "table"
