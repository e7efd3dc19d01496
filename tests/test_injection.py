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

from helpers import data
from test_build import _build_throwaway_book
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


@pytest.fixture(scope="module")
def evil_book(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("evil")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# A quiz from bad data"),
                nbformat.v4.new_code_cell(f"from helpers import exercises\nexercises._display_quiz({QUESTIONS!r})")]
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
