"""Showing a quiz in a chapter (jupyterquiz): every string reaches the page as text.

A chapter shows a quiz with ``exercises.quiz("ch1")`` (re-exported by :mod:`helpers.exercises`).
The quiz runs in the browser, in the static book and in Jupyter, with no kernel and nothing
loaded from a CDN; a plain-text copy of it, hidden on screen, is what a printed page shows.
Reading and checking the quiz files is :mod:`helpers.quiz_files`' job.
"""

from __future__ import annotations

import copy
import html
import re
from typing import Any

from helpers import paths
from helpers.errors import expect_choice
from helpers.quiz_files import QUIZ_LINK_RE, quiz_link_url, read_quiz
from helpers.templating import render

QUIZ_DIR = paths.DATA_DIR / "quizzes"


def load_quiz(name: str) -> list[dict]:
    """Read one of the book's quizzes, checked.

    Parameters
    ----------
    name : str
        The quiz's name: its file ``data/quizzes/<name>.json`` without the extension (``"ch1"``).

    Returns
    -------
    list of dict
        Its questions (:func:`helpers.quiz_files.read_quiz`).

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If there is no such quiz (the message names the closest ones).
    DataError
        If the quiz file breaks a rule of the quizzes.

    Examples
    --------
    >>> len(load_quiz("ch1")) > 0
    True
    """
    expect_choice(name, "quiz", sorted(p.stem for p in QUIZ_DIR.glob("*.json")))
    return read_quiz(QUIZ_DIR / f"{name}.json")


#: What jupyterquiz would read as markup in a text it puts into the page as HTML: the brackets of
#: a Markdown link, and the delimiters of its (absent) MathJax.
_INERT = str.maketrans({"[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;", "$": "&#36;"})


def _inert(text: str) -> str:
    """``text`` as HTML that shows exactly ``text``: escaped, and with nothing jupyterquiz turns into a link."""
    return html.escape(text, quote=True).translate(_INERT)


def quiz_html(text: str) -> str:
    """Write a quiz's string as jupyterquiz should receive it.

    jupyterquiz inserts its strings as HTML and turns ``[text](url)`` into a link, so
    everything is made text, except a Markdown link to a clean web address
    (:func:`helpers.quiz_files.quiz_link_url`), which is kept with its address parsed and
    written again (parentheses percent-encoded, so that jupyterquiz's pattern takes it whole).
    This is not a template's job: besides HTML's characters, the brackets of a link and
    MathJax's ``$`` are made inert.

    Parameters
    ----------
    text : str
        A question, a choice or a feedback, as the quiz file has it.

    Returns
    -------
    str
        HTML that shows exactly ``text``, its links to web addresses excepted.

    Examples
    --------
    >>> quiz_html("<b>[UN](https://www.un.org/)</b> & [x](javascript:1) $5")
    '&lt;b&gt;[UN](https://www.un.org/)&lt;/b&gt; &amp; &#91;x&#93;&#40;javascript:1&#41; &#36;5'
    """
    out, position = [], 0
    for link in QUIZ_LINK_RE.finditer(text):
        out.append(_inert(text[position : link.start()]))
        url = quiz_link_url(link.group(2))
        if url is None:
            out.append(_inert(link.group(0)))
        else:
            url = url.replace("(", "%28").replace(")", "%29")
            out.append(f"[{_inert(link.group(1))}]({html.escape(url, quote=True)})")
        position = link.end()
    out.append(_inert(text[position:]))
    return "".join(out)


def _as_text(questions: list[dict]) -> list[dict]:
    """A copy of ``questions`` for jupyterquiz, every string made inert.

    Strings go through :func:`quiz_html`; only the keys jupyterquiz knows are kept
    (``computed`` is for the data's checks).
    """
    out = copy.deepcopy(questions)
    for q in out:
        q.pop("computed", None)
        q["question"] = quiz_html(str(q["question"]))
        for a in q.get("answers", []):
            for key in ("answer", "feedback"):
                if isinstance(a.get(key), str):
                    a[key] = quiz_html(a[key])
    return out


#: jupyterquiz's colours, darkened where white text would not reach a 4.5:1 contrast.
QUIZ_COLOURS = {
    "--jq-many-choice-bg": "#8a3b00",
    "--jq-numeric-input-bg": "#2d2d2d",
}

# jupyterquiz gives its number boxes no label; name them once they are drawn.
_LABEL_INPUTS = """
(function label(tries) {
  var boxes = document.querySelectorAll('.Quiz input.Input-text:not([aria-label])');
  boxes.forEach(function (box) { box.setAttribute('aria-label', 'Your answer: type a number and press Enter'); });
  if (tries > 0) setTimeout(function () { label(tries - 1); }, 200);
})(25);
"""


def quiz(name: str) -> None:
    """Show one of the book's quizzes in a notebook.

    It runs in the browser, in the static book and in Jupyter; a plain-text copy of it
    (:func:`quiz_print_html`) follows, hidden on screen and shown on a printed page.

    Parameters
    ----------
    name : str
        The quiz's name (``"ch1"`` for ``data/quizzes/ch1.json``).

    Examples
    --------
    >>> quiz("ch1")  # doctest: +SKIP
    """
    _display_quiz(load_quiz(name))


def quiz_print_html(questions: list[dict]) -> str:
    """Write a quiz as plain text for a printed handout.

    Each question comes with its choices (and no mark of which is right) or a blank line to
    write on. The block is ``hidden`` on screen; the book's print stylesheet shows it in place
    of the interactive quiz.

    Parameters
    ----------
    questions : list of dict
        The quiz's questions (:func:`load_quiz`).

    Returns
    -------
    str
        The HTML (``templates/quiz_print.html``): every string in it is escaped.

    Examples
    --------
    >>> quiz_print_html([{"question": "Who <b>founded</b> it?", "type": "multiple_choice",
    ...                   "answers": [{"answer": "China", "correct": True, "feedback": "Yes."}]}])
    '<div class="sco-quiz-print" hidden>...<li><p>Who &lt;b&gt;founded&lt;/b&gt; it?</p><ul class="sco-quiz-choices"><li>☐ China</li></ul></li>...'
    """
    return render("quiz_print.html", questions=questions)


#: jupyterquiz typesets a quiz with MathJax when it finds one: in JupyterLab it finds a MathJax
#: without ``version`` (a script error) or without ``typeset``, and then loads MathJax 3 from a
#: CDN.  The book's quizzes hold no mathematics (their text is made inert: ``$`` is escaped).
_MATHJAX_TEST = re.compile(r"typeof\s+MathJax\s*!==?\s*['\"]undefined['\"]")
_MATHJAX_CDN = re.compile(r"https?://cdn\.jsdelivr\.net/npm/mathjax[^'\"\s]*")


def without_mathjax(script: str) -> str:
    """Switch off jupyterquiz's MathJax typesetting and remove the address it loads MathJax from.

    Parameters
    ----------
    script : str
        The JavaScript jupyterquiz displays for a quiz.

    Returns
    -------
    str
        The same script, never typesetting and naming no CDN.

    Raises
    ------
    RuntimeError
        If the script no longer tests for MathJax as this function expects (a new
        jupyterquiz): then a quiz might load MathJax from the network.

    Examples
    --------
    >>> without_mathjax("if (typeof MathJax != 'undefined') { load('https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex.js'); }")
    "if (false /* no MathJax: the quiz holds no mathematics */) { load(''); }"
    """
    script, found = _MATHJAX_TEST.subn("false /* no MathJax: the quiz holds no mathematics */", script)
    if not found:
        raise RuntimeError(
            "jupyterquiz's script no longer tests for MathJax as helpers.quizzes expects: check that a quiz in JupyterLab still loads nothing from the network"
        )
    return _MATHJAX_CDN.sub("", script)


def _display_quiz(questions: list[dict]) -> None:
    """Show checked questions, every string as text, never as HTML.

    The quiz's script neither typesets with MathJax nor loads it (:func:`without_mathjax`).
    """
    from IPython.display import HTML, Javascript, display
    from jupyterquiz import display_quiz
    from jupyterquiz.dynamic import display as jq_display

    shown: list[Any] = []
    original = jq_display.display
    jq_display.display = lambda *objs, **kw: shown.extend(objs)
    try:
        display_quiz(_as_text(questions), shuffle_answers=False, preserve_responses=False, colors=QUIZ_COLOURS)
    finally:
        jq_display.display = original
    for obj in shown:
        display(Javascript(without_mathjax(obj.data)) if isinstance(obj, Javascript) else obj)
    display(Javascript(_LABEL_INPUTS))
    display(HTML(quiz_print_html(questions)))
