"""Widgets that need no script to be seen, and a widget manager that waits for the reader (issue 25).

Each widget's first view is plain HTML written at build time (tools/first_view.py); the widget
manager (embed.js, 447 KB gzip) is fetched only when the reader scrolls near a widget or
touches one (tools/widget_loader.js), and the live widget then takes the first view's place,
with the choice the reader made there.  Also: headings never skip a level, on any page, before
and after the widgets are live; the quizzes' number boxes accept paste.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import BUILD, PHONE, fold_space, live_quizzes, live_widgets, offline_context, pages, visible_widget_text, widget_states
from helpers import data, widgets
from tools import first_view
from tools.sphinx_ext import first_views

PAGES = pages()


def _text(path: str) -> str:
    return (BUILD / path).read_text(encoding="utf-8")


WIDGET_PAGES = [p for p in PAGES if "widget-view+json" in _text(p)]
DECLARATION_PAGES = [p for p in WIDGET_PAGES if "sco-compare-declarations" in _text(p)]
NUMERIC_QUIZ_PAGES = [p for p in PAGES if "show_questions" in _text(p) and '"type": "numeric"' in _text(p)]


def test_the_book_has_widgets_and_number_quizzes(book):
    assert WIDGET_PAGES and DECLARATION_PAGES and NUMERIC_QUIZ_PAGES


# ---------------------------------------------------------------------------
# The built pages
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_every_widget_has_a_first_view_and_no_page_asks_for_the_manager(book, path):
    html = _text(path)
    parts = re.split(r'<script type="application/vnd\.jupyter\.widget-view\+json">', html)
    assert len(parts) > 1
    for i, before in enumerate(parts[:-1]):  # what comes just before each view tag, since the last one
        assert '<div class="sco-first-view">' in before and before.endswith("</div>"), \
            f"{path}: widget {i} has no first view just before its view tag"
    assert not re.search(r"<script[^>]*\bsrc=\"[^\"]*embed\.js", html), f"{path}: a script tag fetches the manager"
    assert html.count("data-sco-manager=") == 1, f"{path}: the loader, once"


def _state(path: str) -> dict:
    (state,) = widget_states(BUILD / path)
    return state


def _models(widget) -> dict:
    """The state of an ipywidgets widget and all it shows, as embed.js reads it from a page."""
    import ipywidgets as w

    state = w.Widget.get_manager_state()["state"]  # every live widget of this process, the children too
    return {mid: {"model_name": m["model_name"], "state": m["state"]} for mid, m in state.items()}


def test_a_first_view_shows_what_the_live_widget_opens_on():
    box = widgets.compare_declarations(left="2005-astana", right="2014-dushanbe")
    models = _models(box)
    html = first_view.render(models, box.model_id)
    decl = data.load("declarations")
    for meeting in ("2005-astana", "2014-dushanbe"):
        excerpt = decl[decl["meeting"] == meeting]["excerpt"].iloc[0]
        assert fold_space(widgets.highlight(excerpt)) in fold_space(html), meeting
    for meeting in set(decl["meeting"]) - {"2005-astana", "2014-dushanbe"}:  # panes not shown are not written
        only = decl[decl["meeting"] == meeting]["excerpt"]
        assert not any(fold_space(widgets.highlight(e)) in fold_space(html) for e in only), meeting
    assert html.count("<select") == 2 and html.count("<label") >= 2
    assert len(re.findall(r'<option value="[^"]*" selected>', html)) == 2, "each dropdown on its choice"
    assert "sco-compare-declarations" in html and "sco-selector" in html


def test_an_unknown_kind_of_widget_fails_the_build_with_its_name():
    import ipywidgets as w

    slider = w.IntSlider()
    box = w.VBox([slider])
    try:
        with pytest.raises(first_view.FirstViewError, match="chapters/x: no first view for a IntSliderModel"):
            first_view.check_kinds(_models(box), "chapters/x")
    finally:
        for widget in (box, slider, slider.layout, slider.style, box.layout):
            widget.close()


def test_widget_headings_follow_the_page_heading_before_them():
    box = widgets.compare_declarations()
    models = _models(box)
    view = json.dumps({"version_major": 2, "version_minor": 0, "model_id": box.model_id})
    tag = f'<script type="application/vnd.jupyter.widget-view+json">{view}</script>'
    for level in (1, 2, 3):
        state = {"state": json.loads(json.dumps(models))}
        body = f"<section><h{level}>A section</h{level}><p>Text</p>{tag}</section>"
        out = first_views(body, state, "test")
        shown = first_view.heading_levels(out)
        assert shown[0] == level and min(shown[1:]) == level + 1, (level, shown)
        panes = [m["state"]["value"] for m in state["state"].values() if m["model_name"] == "HTMLModel"]
        assert min(lv for p in panes for lv in first_view.heading_levels(p)) == level + 1, "the live panes too"


def test_the_state_script_gives_embed_js_the_state_unchanged(tmp_path):
    """The page's widget state leaves the HTML for a script of its own, which puts it back in the
    page as the JSON embed.js reads: every string survives (quotes, a closing script tag, line
    separators, Cyrillic and Chinese), and the file is named by its content."""
    from conftest import widget_states
    from tools.sphinx_ext import _state_json, write_state_script

    tricky = 'a "quote" </script><script>alert(1)</script> \\ \u2028\u2029 Шанхай 上海 \n end'
    states = [{"version_major": 2, "state": {"m1": {"model_name": "HTMLModel", "state": {"value": tricky}}}},
              {"version_major": 2, "state": {"m2": {"model_name": "LabelModel", "state": {"value": "two"}}}}]
    name = write_state_script(tmp_path, [_state_json(s) for s in states], "chapters/x")
    assert re.fullmatch(r"[0-9a-f]{16}\.js", name)
    assert write_state_script(tmp_path, [_state_json(s) for s in states], "chapters/x") == name, "same state, same file"
    script = (tmp_path / "_static" / "widgets" / name).read_text(encoding="utf-8")
    assert "</script>" not in script and "\u2028" not in script
    page = tmp_path / "chapters" / "x.html"
    page.parent.mkdir()
    page.write_text(f'<script data-sco-state="../_static/widgets/{name}" data-sco-manager="m.js"></script>')
    assert widget_states(page) == states


def test_the_state_script_runs_in_a_browser(browser, tmp_path):
    """In Chromium, the state script makes the script elements embed.js reads, holding the state."""
    from tools.sphinx_ext import _state_json, state_script

    state = {"version_major": 2, "state": {"m1": {"model_name": "HTMLModel", "state": {"value": "x </script> \u2028 上海"}}}}
    page = browser.new_page()
    try:
        page.set_content("<html><body><p>text</p></body></html>")
        page.add_script_tag(content=state_script([_state_json(state)], "t"))
        got = page.evaluate("""() => Array.from(document.querySelectorAll(
            'script[type="application/vnd.jupyter.widget-state+json"]')).map(s => JSON.parse(s.textContent))""")
        assert got == [state]
    finally:
        page.close()


def _skips(levels: list[int]) -> list[tuple[int, int]]:
    return [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]


@pytest.mark.parametrize("path", PAGES)
def test_heading_levels_never_skip_in_the_built_page(book, path):
    html = _text(path)
    article = html.split('<article class="bd-article"', 1)[-1].split("</article>", 1)[0]
    article = re.sub(r"<script\b.*?</script>", "", article, flags=re.S)  # the widget state is data, not page
    levels = first_view.heading_levels(article)
    assert levels and not _skips(levels), f"{path}: heading levels skip: {_skips(levels)} in {levels}"
    if "data-sco-state=" in html:
        for mid, model in _state(path)["state"].items():
            if model["model_name"] == "HTMLModel":  # inside a pane, as in the live widget
                inner = first_view.heading_levels(model["state"].get("value") or "")
                assert not _skips(inner), f"{path}: a pane's headings skip: {inner}"


# ---------------------------------------------------------------------------
# In the browser
# ---------------------------------------------------------------------------
_HEADINGS = """() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
  .filter(h => h.offsetParent !== null || h.getClientRects().length).map(h => +h.tagName[1])"""


@pytest.fixture()
def phone_without_js(browser):
    context = offline_context(browser, viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True,
                              java_script_enabled=False)
    pg = context.new_page()
    yield pg
    context.close()


def _manager_requests(page) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "embed.js" in r.url else None)
    return asked


@pytest.mark.browser
@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_the_manager_waits_for_the_reader_to_come_near_a_widget(phone, server, path):
    asked = _manager_requests(phone)
    phone.goto(server + path, wait_until="load")
    phone.wait_for_load_state("networkidle")
    phone.wait_for_timeout(500)
    assert not asked, f"{path}: the widget manager was fetched before the reader came near a widget"
    firsts = phone.locator(".sco-first-view")
    assert firsts.count() == phone.locator("script[type='application/vnd.jupyter.widget-view+json']").count()
    assert firsts.first.is_visible() and visible_widget_text(firsts.first).strip()
    # the reader scrolls to the first widget: the manager comes, and the live widgets replace the first views
    firsts.first.scroll_into_view_if_needed()
    phone.evaluate("window.scrollBy(0, 1)")
    phone.wait_for_function("() => !document.querySelector('.sco-first-view')")
    assert len(asked) == 1, asked
    views = phone.locator("script[type='application/vnd.jupyter.widget-view+json']")
    for i in range(views.count()):
        rendered = views.nth(i).evaluate("s => s.parentElement.querySelectorAll(':scope > .widget-subarea > *').length")
        assert rendered == 1, f"{path}: widget {i} drawn {rendered} times"
    assert not _skips(phone.evaluate(_HEADINGS)), f"{path}: live widgets' headings skip a level"


@pytest.mark.browser
@pytest.mark.parametrize("path", DECLARATION_PAGES)
def test_touching_a_first_view_brings_the_widget_with_the_readers_choice(phone, server, path):
    """The reader picks a declaration in the first view before the manager has come: the live
    widget opens on that declaration."""
    asked = _manager_requests(phone)
    phone.goto(server + path, wait_until="load")
    ids = widgets.declaration_meetings()
    column = phone.locator(".sco-first-view .sco-compare-declarations .sco-selector").first
    column.locator("select").select_option(index=0)
    phone.wait_for_function("() => !document.querySelector('.sco-first-view')")
    assert len(asked) == 1
    live = phone.locator(".sco-compare-declarations .sco-selector").first
    assert live.locator("select").evaluate("s => s.selectedIndex") == 0
    decl = data.load("declarations")
    expected = decl[decl["meeting"] == ids[0]]["excerpt"].iloc[0]
    assert fold_space(expected) in fold_space(visible_widget_text(live))


@pytest.mark.browser
@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_without_javascript_each_widget_shows_its_first_view_and_fits_a_phone(phone_without_js, server, path):
    page = phone_without_js
    page.goto(server + path, wait_until="load")
    firsts = page.locator(".sco-first-view")
    assert firsts.count() == page.locator("script[type='application/vnd.jupyter.widget-view+json']").count() > 0
    for i in range(firsts.count()):
        first = firsts.nth(i)
        box = first.bounding_box()
        assert box and box["height"] > 20, f"{path}: first view {i} is not visible"
        assert box["width"] <= PHONE["width"], f"{path}: first view {i} is wider than a phone"
        assert first.evaluate("f => f.innerText.trim().length") > 40, f"{path}: first view {i} shows no text"
        for select in first.locator("select").all():  # each control labelled, as the live ones
            assert select.evaluate("s => s.labels.length && s.labels[0].innerText.trim().length > 0")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not _skips(page.evaluate(_HEADINGS)), f"{path}: headings skip a level"


@pytest.mark.browser
@pytest.mark.parametrize("path", NUMERIC_QUIZ_PAGES)
def test_a_number_box_accepts_paste(phone, server, path):
    phone.goto(server + path, wait_until="load")
    live_quizzes(phone)
    box = phone.locator(".Quiz input.Input-text").first
    box.wait_for(state="attached")
    phone.wait_for_function("b => b.dataset.scoEquipped === '1'", arg=box.element_handle())
    allowed = box.evaluate("b => b.dispatchEvent(new ClipboardEvent('paste', {bubbles: true, cancelable: true}))")
    assert allowed, f"{path}: the quiz's number box refuses paste"


@pytest.mark.browser
@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_headings_never_skip_once_the_widgets_are_live(page, server, path):
    page.goto(server + path, wait_until="load")
    live_widgets(page)
    levels = page.evaluate(_HEADINGS)
    assert not _skips(levels), f"{path}: {levels}"


# ---------------------------------------------------------------------------
# Quizzes wait for the reader too
# ---------------------------------------------------------------------------
def test_a_quiz_script_is_made_to_wait_and_a_changed_jupyterquiz_fails_the_build():
    from sphinx.errors import ExtensionError

    from tools.sphinx_ext import QUIZ_CALL, QUIZ_CODE_END, QUIZ_CODE_START, quiz_waits

    script = ('var questionsAB=[];\n\n' + QUIZ_CODE_START + "function show_questions(q, e) {}\n" + QUIZ_CODE_END
              + ' when re-running */\nfunction try_show() {\n  if (document.getElementById("AB")) {\n'
              '    show_questions(questionsAB, AB);\n  }\n};\n' + QUIZ_CALL + "\n}\n")
    out = quiz_waits(script, "../_static/quiz/x.js", "chapters/x")
    assert out.startswith("var questionsAB=[];") and QUIZ_CALL not in out and "function show_questions" not in out
    assert '("AB", "../_static/quiz/x.js")' in out and "IntersectionObserver" in out
    with pytest.raises(ExtensionError, match="chapters/x: a quiz script without jupyterquiz's code"):
        quiz_waits(script.replace(QUIZ_CALL, "try_show();"), "x.js", "chapters/x")
    with pytest.raises(ExtensionError, match="chapters/x: a quiz script without jupyterquiz's code"):
        quiz_waits(script.replace(QUIZ_CODE_START, ""), "x.js", "chapters/x")


QUIZ_PAGES = [p for p in PAGES if "show_questions" in _text(p)]


@pytest.mark.browser
@pytest.mark.parametrize("path", QUIZ_PAGES)
def test_a_quiz_is_drawn_when_the_reader_comes_near_it(phone, server, path):
    """At the top of a chapter, its quiz (at the end) is not drawn: no work on the phone's main
    thread while the text is laid out.  Once the reader scrolls near it, it is drawn whole, with
    every question, and its number boxes are labelled.  jupyterquiz's code is not in the page but
    in one file that every quiz of the book shares."""
    html = _text(path)
    assert "function show_questions" not in html and html.count("_static/quiz/") == html.count("var questions")
    phone.goto(server + path, wait_until="load")
    phone.wait_for_timeout(500)
    box = phone.locator("div[data-numquestions]").first
    top = phone.evaluate("() => window.innerHeight")
    if box.evaluate("b => b.getBoundingClientRect().top") > 2 * top:
        assert phone.locator(".Quiz").count() == 0, f"{path}: the quiz was drawn before the reader came near"
    live_quizzes(phone)
    expected = sum(len(json.loads(m)) for m in re.findall(r"var questions\w+=(\[.*?\]);\n", html, re.S))
    assert phone.locator(".Quiz").count() == expected, f"{path}: every question is drawn"
    for number_box in phone.locator(".Quiz input.Input-text").all():
        assert number_box.get_attribute("aria-label"), f"{path}: a number box without a label"
