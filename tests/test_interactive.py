"""What a reader does in the published book, offline: switch map layers, open popups,
choose declarations, questions and analysts (mouse and keyboard), answer quizzes,
open solutions."""

from __future__ import annotations

import html as htmllib
import json
import re

import pytest

from conftest import BUILD, fold_space, live_quizzes, live_widgets, pages, visible_widget_text
from helpers import data, widgets

pytestmark = pytest.mark.browser


def _pages_with(marker: str) -> list[str]:
    return [p for p in pages() if marker in (BUILD / p).read_text(encoding="utf-8")]


MAP_PAGES = _pages_with("sco-map-frame")
DECLARATION_PAGES = _pages_with("sco-compare-declarations")
ANALYST_PAGES = _pages_with("sco-compare-analysts")
TIMELINE_PAGES = _pages_with("sco-timeline-widget")
QUIZ_PAGES = _pages_with("show_questions")
SOLUTION_PAGES = _pages_with("solution dropdown")


def test_the_book_shows_every_kind_of_interaction():
    for name, found in [("maps", MAP_PAGES), ("declarations", DECLARATION_PAGES), ("analysts", ANALYST_PAGES),
                        ("timeline", TIMELINE_PAGES), ("quizzes", QUIZ_PAGES), ("solutions", SOLUTION_PAGES)]:
        assert found, f"no page of the book shows {name}"


def _open(page, server, path):
    page.goto(server + path, wait_until="load")
    page.wait_for_timeout(700)
    live_widgets(page)  # the widget manager loads when the reader comes near a widget
    live_quizzes(page)  # a quiz is drawn when the reader comes near it


# ---------------------------------------------------------------------------
# Maps
# ---------------------------------------------------------------------------
def _payloads(path: str) -> list[dict]:
    """The data each map of a page draws, read from the iframes' documents."""
    page = BUILD / path
    srcs = re.findall(r'class="sco-map-frame"[^>]*\ssrc="([^"]*)"', page.read_text(encoding="utf-8"))
    docs = [(page.parent / htmllib.unescape(src)).read_text(encoding="utf-8") for src in srcs]
    return [json.loads(re.search(r"var d = (\{.*?\});\n", doc).group(1)) for doc in docs]


def _map(page, i):
    """Map i of the page, scrolled into view (maps load lazily) and drawn."""
    page.locator("iframe.sco-map-frame").nth(i).scroll_into_view_if_needed()
    frame = page.frame_locator("iframe.sco-map-frame").nth(i)
    frame.locator(".sco-legend").wait_for(state="attached")
    return frame


def _drawn(stage: dict) -> int:
    return len(stage.get("shapes", {})) + len(stage.get("markers", [])) + len(stage.get("lines", []))


@pytest.mark.parametrize("path", MAP_PAGES)
def test_maps_draw_their_shapes_and_markers(page, server, path):
    _open(page, server, path)
    payloads = _payloads(path)
    frames = page.locator("iframe.sco-map-frame")
    assert frames.count() == len(payloads) > 0
    for i, payload in enumerate(payloads):
        frame = _map(page, i)
        shown = payload["stages"][-1]
        frame.locator(".leaflet-overlay-pane").wait_for(state="attached")
        assert frame.locator("path.leaflet-interactive").count() == _drawn(shown), payload["title"]
        assert frame.locator(".sco-legend").count() == 1


@pytest.mark.parametrize("path", MAP_PAGES)
def test_a_lazy_map_renders_once_when_scrolled_to(page, server, path):
    """Maps load when the reader scrolls near them; each then draws one map, once, and the
    page's own text alternative stays beside it."""
    _open(page, server, path)
    frames = page.locator("iframe.sco-map-frame")
    for i in range(frames.count()):
        assert frames.nth(i).get_attribute("loading") == "lazy"
        frame = _map(page, i)
        page.wait_for_timeout(300)
        assert frame.locator(".leaflet-container").count() == 1, f"{path}, map {i}"
        assert frame.locator(".sco-legend").count() == 1, f"{path}, map {i}"
        assert frame.locator("script[src*='leaflet.js']").count() == 1, f"{path}, map {i}"
        assert frames.nth(i).evaluate(
            "f => !!f.closest('figure.sco-map').querySelector('details.sco-text-alternative table')"), f"{path}, map {i}"


STAGED_MAP_PAGES = [p for p in MAP_PAGES if any(len(m["stages"]) > 1 for m in _payloads(p))]


def test_some_map_has_stages():
    assert STAGED_MAP_PAGES, "no page shows the membership map with its stages"


@pytest.mark.parametrize("path", STAGED_MAP_PAGES)
def test_layer_control_changes_the_shaded_states(page, server, path):
    _open(page, server, path)
    staged = [(i, p) for i, p in enumerate(_payloads(path)) if len(p["stages"]) > 1]
    for i, payload in staged:
        frame = _map(page, i)
        first, last = payload["stages"][0], payload["stages"][-1]
        assert frame.locator("path.sco-shape").count() == len(last["shapes"])
        frame.locator(".leaflet-control-layers-base label").first.click()
        assert frame.locator("path.sco-shape").count() == len(first["shapes"])
        # by keyboard: the radio buttons of the control move with the arrow keys
        radio = frame.locator(".leaflet-control-layers-base input").first
        radio.focus()
        radio.press("ArrowDown")
        assert frame.locator("path.sco-shape").count() == len(payload["stages"][1]["shapes"])


@pytest.mark.parametrize("path", MAP_PAGES)
def test_a_popup_opens_on_click_and_cites_its_source(page, server, path):
    _open(page, server, path)
    for i in range(len(_payloads(path))):
        frame = _map(page, i)
        markers = frame.locator("path.sco-marker")
        target = markers.first if markers.count() else frame.locator("path.sco-shape").first
        target.dispatch_event("click")
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for(state="visible", timeout=3000)
        assert re.search(r"\(\d{4}\)|general reference", popup.inner_text())


# ---------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", DECLARATION_PAGES)
def test_choosing_a_declaration_shows_its_excerpts(page, server, path):
    _open(page, server, path)
    ids = widgets.declaration_meetings()
    decl = data.load("declarations")
    box = page.locator(".sco-compare-declarations").first
    column = box.locator(".sco-selector").first
    select = column.locator("select")
    assert column.locator("label").first.inner_text().strip(), "a visible label"
    for target in (0, len(ids) - 1):
        select.select_option(index=target)
        expected = decl[decl["meeting"] == ids[target]]["excerpt"].iloc[0]
        assert fold_space(expected) in fold_space(visible_widget_text(column))
    # by keyboard
    select.select_option(index=0)
    select.focus()
    select.press("ArrowDown")
    expected = decl[decl["meeting"] == ids[1]]["excerpt"].iloc[0]
    assert fold_space(expected) in fold_space(visible_widget_text(column))


@pytest.mark.parametrize("path", ANALYST_PAGES)
def test_choosing_a_question_or_two_analysts(page, server, path):
    _open(page, server, path)
    questions = data.load("questions")
    positions = data.load("positions")
    box = page.locator(".sco-compare-analysts").first
    by_question, by_pair = box.locator(".sco-selector").nth(0), box.locator(".sco-selector").nth(1)
    select = by_question.locator("select")
    for target in (len(questions) - 1, 0):
        select.select_option(index=target)
        qid = questions["id"].iloc[target]
        for excerpt in positions[positions["question"] == qid]["excerpt"]:
            assert fold_space(excerpt) in fold_space(visible_widget_text(by_question))
    select.focus()
    select.press("ArrowDown")
    qid = questions["id"].iloc[1]
    assert fold_space(questions.set_index("id").loc[qid, "text"]) in fold_space(visible_widget_text(by_question))
    pairs = widgets.analyst_pairs()
    pair_select = by_pair.locator("select")
    pair_select.select_option(index=len(pairs) - 1)
    a, b = pairs[-1]
    people = data.load("people").set_index("id")
    text = visible_widget_text(by_pair)
    assert people.loc[a, "name"] in text and people.loc[b, "name"] in text and ("agree" in text or "differ" in text)


@pytest.mark.parametrize("path", TIMELINE_PAGES)
def test_filtering_the_timeline(page, server, path):
    _open(page, server, path)
    box = page.locator(".sco-timeline-widget").first
    kind = box.locator("select").last  # the period selector, when there is one, comes first
    options = kind.locator("option").all_inner_texts()
    kind.select_option(index=1)
    chosen = options[1].replace("\xa0", " ").strip()
    items = box.locator("ol.sco-timeline").filter(has=page.locator(":visible")).locator("li:visible")
    assert items.count() > 0
    for text in items.all_inner_texts():
        assert f"[{chosen}]" in text.replace("\xa0", " ")
    kind.focus()
    kind.press("Home")
    assert box.locator("li:visible").count() >= items.count()


NUMERIC_QUIZ_PAGES = [p for p in QUIZ_PAGES if '"type": "numeric"' in (BUILD / p).read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", NUMERIC_QUIZ_PAGES)
def test_a_numeric_quiz_answer_is_labelled_and_checked(page, server, path):
    _open(page, server, path)
    box = page.locator(".Quiz input.Input-text").first
    box.scroll_into_view_if_needed()
    assert box.get_attribute("aria-label")
    box.fill("1")
    box.press("Enter")
    feedback = box.locator("xpath=ancestor::div[contains(@class, 'Quiz')]").locator(".Feedback").first
    assert feedback.inner_text().strip(), "a number typed and entered gets feedback"


# ---------------------------------------------------------------------------
# Quizzes and solutions
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", QUIZ_PAGES)
def test_a_quiz_answer_shows_its_feedback(page, server, path):
    _open(page, server, path)
    quiz = page.locator(".Quiz:has(.MultipleChoiceQn)").first
    quiz.scroll_into_view_if_needed()
    choice = quiz.locator(".MCButton").first
    feedback = htmllib.unescape(choice.get_attribute("data-feedback"))  # the quiz's text, escaped by exercises.quiz
    choice.click()
    assert quiz.locator(".Feedback").first.inner_text().strip() == feedback.strip()
    # by keyboard: the choices are radio buttons
    second = quiz.locator(".MCButton").nth(1)
    second.locator("input").focus()
    page.keyboard.press("Space")
    assert quiz.locator(".Feedback").first.inner_text().strip() == htmllib.unescape(second.get_attribute("data-feedback")).strip()


@pytest.mark.parametrize("path", SOLUTION_PAGES)
def test_a_solution_opens_on_click_and_by_keyboard(page, server, path):
    _open(page, server, path)
    solutions = page.locator(".solution.dropdown")
    assert solutions.count() > 0
    first = solutions.first
    body = first.locator(".solution-content, section").first
    assert not body.is_visible(), "solutions start collapsed"
    first.locator("button.toggle-button").click()
    body.wait_for(state="visible")
    if solutions.count() > 1:
        second = solutions.nth(1)
        second_body = second.locator(".solution-content, section").first
        assert not second_body.is_visible()
        second.locator("button.toggle-button").focus()
        page.keyboard.press("Enter")
        second_body.wait_for(state="visible")


@pytest.mark.parametrize("path", MAP_PAGES)
def test_a_map_not_yet_loaded_prints_as_its_caption_and_table(page, server, path):
    """Maps load lazily: one the reader has scrolled to is printed; one not loaded is left out
    of the print (no empty frame), its caption and text alternative are printed."""
    _open(page, server, path)
    _map(page, 0)
    page.wait_for_timeout(300)
    page.evaluate("document.querySelectorAll('figure.sco-map:not(.sco-map-loaded) iframe')"
                  ".forEach(f => { f.loading = 'lazy'; f.removeAttribute('src'); })")  # not loaded, and will not
    page.emulate_media(media="print")
    shown = page.eval_on_selector_all(
        "figure.sco-map", """figs => figs.map(f => ({loaded: f.classList.contains('sco-map-loaded'),
            frame: getComputedStyle(f.querySelector('iframe')).display !== 'none',
            table: !!f.querySelector('details.sco-text-alternative table')}))""")
    assert shown[0]["loaded"] and shown[0]["frame"], f"{path}: the map scrolled to is not printed"
    for i, fig in enumerate(shown):
        assert fig["frame"] == fig["loaded"] and fig["table"], f"{path}, map {i}: {fig}"
