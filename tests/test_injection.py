"""No HTML from data: a quiz whose text holds markup and a source whose url is a
``javascript:`` address, built into a throw-away book with the real configuration and
opened in headless Chromium, run nothing and link nowhere."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import nbformat
import pytest
from test_build import _build_throwaway_book

from helpers import data, quiz_files
from tools import bib

pytestmark = [pytest.mark.browser, pytest.mark.build]

EVIL = "<img src=x onerror=\"window.__pwned = '{where}'\">"
QUESTIONS = [{
    "question": "Which one? " + EVIL.format(where="question"),
    "type": "multiple_choice",
    "answers": [
        {"answer": "A " + EVIL.format(where="answer"), "correct": True,
         "feedback": "Right " + EVIL.format(where="feedback") + "</script><script>window.__pwned = 'script'</script>"},
        {"answer": "B & C", "correct": False, "feedback": "Wrong: 1 < 2 & 3 > 2"},
    ],
}]


#: Markdown links whose target would let attributes or a script address into jupyterquiz's <a href>
#: (issue 23): an animation handler that fires with no click, focus and hover handlers, and a
#: ``java<TAB>script:`` address with an injected ``target="_self"`` that runs on a click.
LINKS = [
    '[see](https://example.org/" style="animation:correct-anim .2s,placeholder-glow .2s" '
    'onanimationstart="window.__pwned=\'{where}-animation\')',
    '[see](https://example.org/" tabindex="0" autofocus onfocus="window.__pwned=\'{where}-focus\')',
    '[see](https://example.org/" onmouseover="window.__pwned=\'{where}-hover\')',
    '[see](java\tscript:window.__pwned=\'{where}-tab\'" target="_self)',
    "[see](javascript:window.__pwned='{where}-plain')",
    "[see](JaVa\nScRiPt:window.__pwned='{where}-newline')",
    "<https://x\" onmouseover=\"window.__pwned='{where}-autolink'>",
]
#: A clean link stays a link.
CLEAN = "[the declaration](https://example.org/sco?a=1&b=2)"


def _links(where: str) -> str:
    return " ".join(link.format(where=where) for link in LINKS)


LINK_QUESTIONS = [
    {"question": "Links in a question " + _links("question") + " " + CLEAN, "type": "multiple_choice",
     "answers": [{"answer": "A " + _links("mc-answer"), "correct": True, "feedback": "Right " + _links("mc-feedback")},
                 {"answer": "B", "correct": False, "feedback": "Wrong " + _links("mc-feedback-2")}]},
    {"question": "Many " + _links("many-question"), "type": "many_choice",
     "answers": [{"answer": "C " + _links("many-answer"), "correct": True, "feedback": "Yes " + _links("many-feedback")},
                 {"answer": "D", "correct": False, "feedback": "No " + _links("many-feedback-2")}]},
    {"question": "A number " + _links("numeric-question"), "type": "numeric", "precision": 4,
     "answers": [{"type": "value", "value": 1996, "correct": True, "feedback": "Right " + _links("numeric-feedback")},
                 {"type": "range", "range": [1900, 2100], "correct": False, "feedback": "No " + _links("numeric-range")}]},
]


@pytest.fixture(scope="module")
def evil_book(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("evil")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# A quiz from bad data"),
                nbformat.v4.new_code_cell(f"from helpers import quizzes\nquizzes._display_quiz({QUESTIONS!r})"),
                nbformat.v4.new_markdown_cell("## Links"),
                nbformat.v4.new_code_cell(f"quizzes._display_quiz({LINK_QUESTIONS!r})")]
    sources = data.load("sources")
    evil_id = sources["id"].iloc[0]
    sources.loc[0, "url"] = "javascript:window.__pwned='bib'"
    run = _build_throwaway_book(
        root, "format: jb-book\nroot: index\nchapters:\n  - file: quiz\n",
        {"index.md": f"# Bad data\n\nA claim {{cite:p}}`{evil_id}`.\n\n```{{bibliography}}\n```\n", "quiz.ipynb": nb,
         "references.bib": bib.render(sources)},  # the doctored sources, bypassing validation
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return root / "_build" / "html"


@pytest.fixture(scope="module")
def evil_server(evil_book):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(evil_book))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_markup_in_a_quiz_is_shown_as_text_and_never_runs(page, evil_server):
    page.goto(evil_server + "quiz.html", wait_until="load")
    quiz = page.locator(".Quiz").first
    quiz.wait_for(state="visible")
    assert "<img src=x" in quiz.inner_text(), "the markup is shown, as text"
    for choice in range(2):
        quiz.locator(".MCButton").nth(choice).click()
        page.wait_for_timeout(300)
        feedback = quiz.locator(".Feedback").first.inner_text()
        assert feedback.strip()
    assert "1 < 2 & 3 > 2" in feedback, "ordinary characters are shown as they are"
    assert page.locator(".Quiz img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_a_javascript_url_in_the_sources_never_becomes_a_link(page, evil_server):
    page.goto(evil_server + "index.html", wait_until="load")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
    assert page.locator(".bibliography, [role='list']").count() > 0
    assert page.evaluate("window.__pwned") is None


def test_the_link_payloads_are_refused_by_validation():
    """validate_all() refuses each of them (tests/test_cross_checks.py names file, row and column)."""
    import json

    for question in LINK_QUESTIONS:
        with pytest.raises(data.DataError):
            quiz_files._check_question("quizzes/x.json", 1, json.loads(json.dumps(question)))


def test_links_in_every_quiz_field_run_nothing(page, evil_server):
    """Every field of every kind of question holds the payloads (validation bypassed): after the
    page loads, with every choice clicked, a number typed, every link hovered, focused and
    clicked, no script has run, and the only link is the clean one."""
    popups = []
    page.context.on("page", lambda p: popups.append(p))
    page.goto(evil_server + "quiz.html", wait_until="load")
    page.wait_for_timeout(1500)  # an animation handler would have fired by now
    quizzes = page.locator(".Quiz")
    quizzes.first.wait_for(state="visible")
    for button in page.locator(".MCButton").all():
        button.click()
        page.wait_for_timeout(100)
    for box in page.locator(".Quiz input.Input-text").all():
        box.fill("1996")
        box.press("Enter")
        box.fill("2000")
        box.press("Enter")
    page.wait_for_timeout(500)
    links = page.locator(".Quiz a")
    for i in range(links.count()):
        link = links.nth(i)
        link.hover()
        link.focus()
        link.click(modifiers=["Control"])  # a new tab for a web link; a script address would run here
    page.wait_for_timeout(800)
    assert page.evaluate("window.__pwned") is None, page.evaluate("window.__pwned")
    for popup in popups:  # the clean link's tab (no network here: an error page), never a script address
        assert not popup.url.lower().startswith(("javascript", "data:")), popup.url
    attrs = page.eval_on_selector_all(".Quiz a", "els => els.map(e => [e.getAttribute('href'), "
                                                 "Array.from(e.attributes).map(a => a.name).sort()])")
    assert attrs, "the clean link is kept"
    for href, names in attrs:
        assert href == "https://example.org/sco?a=1&b=2", href
        assert set(names) <= {"href", "target", "class"}, names
    assert "[see](" in page.locator(".Quiz").nth(1).inner_text(), "a refused link is shown as text"
