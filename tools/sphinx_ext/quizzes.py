"""Quizzes: drawn when the reader comes near, with jupyterquiz's code in one file for the whole book.

The pages are rewritten with the parser of :mod:`.markup`; the script of a quiz is split as text
(it is JavaScript that jupyterquiz writes, not HTML).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from tools.sphinx_ext.files import QUIZZES, write_by_content
from tools.sphinx_ext.markup import Page

#: How jupyterquiz (helpers.exercises.quiz) writes the script of a quiz: the questions, then its
#: whole code (38 KB, the same for every quiz) in a block, ending with a call that draws the quiz
#: at once, while the page is still being parsed.
QUIZ_CODE_START = "if (typeof Question === 'undefined') {\n"
QUIZ_CODE_END = "/*\n * Handle asynchrony issues"
QUIZ_CALL = "// Invoke immediately\n{\n  try_show();\n}"
_QUIZ_ID = re.compile(r'function try_show\(\) \{\n  if \(document\.getElementById\("(\w+)"\)\)')
#: The first line of the file of jupyterquiz's code.
QUIZ_CODE_HEADER = "/* jupyterquiz's code, shared by every quiz of the book (tools/sphinx_ext/quizzes.py) */\n"
QUIZ_WHEN_NEAR = """
// The quiz is drawn when the reader comes within a screen of it, and jupyterquiz's code (one
// file for every quiz of the book) is fetched then (tools/sphinx_ext/quizzes.py, quizzes_wait_for_the_reader).
(function (id, src) {
  var box = document.getElementById(id);
  if (!box) return;
  function draw() { show_questions(window["questions" + id], box); }
  function load() {
    if (typeof show_questions !== "undefined") { draw(); return; }
    var code = window.scoQuizCode;
    if (!code) {
      code = window.scoQuizCode = {waiting: [], script: document.createElement("script")};
      code.script.src = src;
      code.script.onload = function () { code.waiting.splice(0).forEach(function (f) { f(); }); };
      document.head.appendChild(code.script);
    }
    code.waiting.push(draw);
  }
  if (!("IntersectionObserver" in window)) { load(); return; }
  var near = new IntersectionObserver(function (entries) {
    if (entries.some(function (e) { return e.isIntersecting; })) { near.disconnect(); load(); }
  }, {rootMargin: "100% 0px"});
  near.observe(box);
})("__ID__", "__SRC__");
"""


def split_quiz(script: str, where: str = "") -> tuple[str, str, str]:
    """jupyterquiz's script of a quiz as (the questions, jupyterquiz's code, the quiz's id).
    A script of another shape fails the build: jupyterquiz changed, and this must follow."""
    found = _QUIZ_ID.search(script)
    start, end = script.find(QUIZ_CODE_START), script.find(QUIZ_CODE_END)
    if QUIZ_CALL not in script or found is None or not 0 < start < end:
        raise ExtensionError(f"{where}: a quiz script without jupyterquiz's code and call 'try_show()' as expected; "
                             "jupyterquiz changed: update tools/sphinx_ext/quizzes.py (split_quiz)")
    return script[:start], script[start + len(QUIZ_CODE_START):end], found.group(1)


def quiz_waits(script: str, src: str, where: str = "") -> str:
    """The script of a quiz without jupyterquiz's code, drawing the quiz only when the reader comes
    within a screen of it (fetching the code, at ``src``, then), instead of while the page is
    parsed: a chapter's quiz is 10-15 questions of DOM built and laid out before the first paint
    (100-350 ms of a phone's main thread), and its code 38 KB (8 KB gzip) of every chapter."""
    questions, _code, ident = split_quiz(script, where)
    return questions + QUIZ_WHEN_NEAR.replace("__ID__", ident).replace("__SRC__", src)


def quizzes_wait_for_the_reader(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                                doctree: nodes.document | None) -> None:
    """Each quiz of the page waits for the reader (:func:`quiz_waits`); jupyterquiz's code is
    written once under ``_static/quiz/`` (named by its content: :func:`.files.write_by_content`)."""
    body = context.get("body")
    if not body or "var questions" not in body:
        return
    page = Page(body)
    for script in page.find_all("script", type="application/javascript"):
        text = page.text[script.open_end:script.close_start]
        if not re.match(r"var questions\w+=", text):
            continue
        code = split_quiz(text, pagename)[1]
        name = write_by_content(Path(app.outdir) / QUIZZES, QUIZ_CODE_HEADER + code, "js")
        page.replace(script.open_end, script.close_start, quiz_waits(text, context["pathto"](f"{QUIZZES}/{name}", 1), pagename))
    context["body"] = page.html()


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", quizzes_wait_for_the_reader)
