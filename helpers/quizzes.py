"""The quizzes (``data/quizzes/*.json``, jupyterquiz's format): reading and checking them (run by
:func:`helpers.data.validate_all`), and showing them in a chapter with every string as text.

A chapter shows a quiz with ``exercises.quiz("ch1")`` (re-exported by :mod:`helpers.exercises`).
"""

from __future__ import annotations

import copy
import html
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

import jsonschema
import numpy as np

from helpers import paths
from helpers.files import _read_text
from helpers.paths import reading
from helpers.text import DataError, Err, _closest, expect_choice, name_key, shown, web_url
from helpers.vocab import _INVISIBLE_RE, ELLIPSIS

# Quizzes (data/quizzes/*.json, jupyterquiz's format): plain text, checked like the tables
# ---------------------------------------------------------------------------
QUIZ_TYPES = ("multiple_choice", "many_choice", "numeric")
_QUESTION_KEYS = {"question", "type", "answers", "precision", "computed"}
_ANSWER_KEYS = {
    "multiple_choice": {"answer", "correct", "feedback"},
    "many_choice": {"answer", "correct", "feedback"},
    "numeric": {"type", "value", "range", "correct", "feedback"},
}
#: Markup in a quiz's text: the quiz would show it as HTML, so it is refused (and escaped when shown).
MARKUP_RE = re.compile(r"<\s*/?\s*[a-z!?]|&[a-z#][a-z0-9]*;|javascript:", re.I)
#: A Markdown link, as jupyterquiz finds it in a quiz's text (and turns into an <a href>).
QUIZ_LINK_RE = re.compile(r"\[(.*?)\]\((.*?)\)")
#: A script scheme, however spaced out by whitespace or control characters ("java<TAB>script:").
_SCRIPT_SCHEME_RE = re.compile(r"(?:java|vb|live)script:", re.I)


def quiz_link_url(target: str) -> str | None:
    """The address a quiz link may point to: a clean web address (see :func:`web_url`) written with
    no space around it; None for anything else."""
    return web_url(target) if target == target.strip() else None


def _js_round(value: float, precision: int) -> float:
    """``Number(value.toPrecision(precision))``: how jupyterquiz reads a number before comparing."""
    return float(f"{value:.{precision}g}")


def _accepts(answer: dict, number: float, precision: int) -> bool:
    """Whether jupyterquiz takes ``number`` (typed by a reader) as ``answer``."""
    typed = _js_round(number, precision)
    if "value" in answer:
        return typed == _js_round(answer["value"], precision)
    low, high = answer["range"]
    return low <= typed < high


def _needed_precision(value: float) -> int:
    """The fewest significant digits that keep ``value`` and, for a whole number, accept no other whole number."""
    for p in range(1, 18):
        if _js_round(value, p) == value and (not float(value).is_integer() or value == 0 or p >= len(str(abs(int(value))))):
            return p
    return 17


def read_quiz(path: str | Path) -> list[dict]:
    """The questions of a quiz file, checked: a DataError names the file, the question (row) and the key."""
    path = Path(path)
    file = f"quizzes/{path.name}"
    text = _read_text(path)
    try:
        questions = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(file, None, None, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(questions, list) or not questions:
        raise DataError(file, None, None, "a quiz is a non-empty JSON list of questions")
    for number, q in enumerate(questions, start=1):
        _check_question(file, number, q)  # the rules, with the friendliest message for each
    _check_schema(file, questions)  # the declared format, as a whole (editors read it too)
    return questions


@lru_cache(maxsize=1)
def _schema_validator() -> jsonschema.protocols.Validator:
    """The validator of ``data/quiz.schema.json`` (the schema is checked too)."""
    schema = json.loads(_read_text(paths.QUIZ_SCHEMA))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _check_schema(file: str, questions: list) -> None:
    """Check a quiz against its JSON Schema: a DataError names the question, the key and the
    path inside the file (``$[2].answers[0].feedback``)."""
    error = jsonschema.exceptions.best_match(_schema_validator().iter_errors(questions))
    if error is None:
        return
    where = list(error.absolute_path)
    number = where[0] + 1 if where and isinstance(where[0], int) else None
    keys = [k for k in where if isinstance(k, str)]
    message = error.message
    if error.validator == "required":  # the missing key is in the message, not the path
        keys = [k for k in error.validator_value if k not in error.instance] or keys
    elif error.validator == "not" and isinstance(error.validator_value, dict) and "required" in error.validator_value:
        keys = list(error.validator_value["required"])  # a key that this kind of question or answer must not have
        kind = error.instance.get("type") if isinstance(error.instance, dict) else None
        message = f"{', '.join(map(repr, keys))} does not belong in {'a ' + repr(kind) if kind else 'this'} {'answer' if 'answers' in where else 'question'}"
    path = "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in where)
    raise DataError(
        file,
        number,
        keys[-1] if keys else None,
        f"{message if len(message) <= 200 else message[:199] + ELLIPSIS} (at {path}; the quizzes' schema is data/quiz.schema.json)",
    )


def _check_question(file: str, number: int, q: Any) -> None:
    def err(column: str | None, problem: str) -> NoReturn:
        raise DataError(file, number, column, problem)

    def plain(column: str, value: Any, what: str) -> None:
        if not isinstance(value, str) or not value.strip():
            err(column, f"{what} must be non-empty text")
        found = _INVISIBLE_RE.search(value)
        bad = found.group(0) if found else None
        if bad is not None:
            err(column, f"{what} holds the control character U+{ord(bad):04X}: delete it")
        markup = MARKUP_RE.search(value)
        if markup:
            err(column, f"{what} holds markup ({markup.group(0)!r}…): quiz text is plain text, not HTML")
        compact = re.sub(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200d\ufeff]+", "", value)
        script = _SCRIPT_SCHEME_RE.search(compact)
        if script:
            err(column, f"{what} holds a script address ({script.group(0)!r}, however spaced): quiz text is plain text")
        for link in QUIZ_LINK_RE.finditer(value):
            if quiz_link_url(link.group(2)) is None:
                err(
                    column,
                    f"{what} links to {shown(link.group(2))}: a quiz links only to a web address "
                    "(http:// or https:// and a host) with no quotes, spaces, braces or control characters; "
                    "write [text](https://…) or take the brackets away",
                )

    if not isinstance(q, dict):
        err(None, "a question is a JSON object")
    for key in q:
        if key not in _QUESTION_KEYS:
            err(key, f"unknown key {key!r}; valid: {', '.join(sorted(_QUESTION_KEYS))}")
    plain("question", q.get("question"), "the question")
    kind = q.get("type")
    if kind not in QUIZ_TYPES:
        err("type", f"type {kind!r} is not one of {', '.join(QUIZ_TYPES)}")
    answers = q.get("answers")
    if not isinstance(answers, list) or not answers:
        err("answers", "has no answers: give a non-empty list")
    if kind == "numeric":
        precision = q.get("precision")
        if isinstance(precision, bool) or not isinstance(precision, int) or precision < 1:
            err("precision", f"a numeric question needs a precision, a whole number of digits >= 1; got {precision!r}")
    elif "precision" in q:
        err("precision", "only a numeric question has a precision")
    correct = 0
    for j, a in enumerate(answers, start=1):
        if not isinstance(a, dict):
            err("answers", f"answer {j} is not a JSON object")
        for key in a:
            if key not in _ANSWER_KEYS[kind]:
                err(key, f"answer {j}: unknown key {key!r}; valid: {', '.join(sorted(_ANSWER_KEYS[kind]))}")
        if not isinstance(a.get("correct"), bool):
            err("correct", f"answer {j}: 'correct' must be true or false")
        correct += a["correct"]
        if not isinstance(a.get("feedback"), str) or not a["feedback"].strip():
            err("feedback", f"answer {j} has no feedback: every choice needs its feedback")
        plain("feedback", a["feedback"], f"answer {j}'s feedback")
        if kind == "numeric":
            if a.get("type") == "value":
                if isinstance(a.get("value"), bool) or not isinstance(a.get("value"), (int, float)):
                    err("value", f"answer {j}: a value answer needs a number 'value'")
            elif a.get("type") == "range":
                bounds = a.get("range")
                if (
                    not isinstance(bounds, list)
                    or len(bounds) != 2
                    or any(isinstance(b, bool) or not isinstance(b, (int, float)) for b in bounds)
                    or bounds[0] > bounds[1]
                ):
                    err("range", f"answer {j}: a range is [low, high], two numbers, low <= high; got {bounds!r}")
            else:
                err("type", f"answer {j}: a numeric answer has type 'value' or 'range', got {a.get('type')!r}")
        else:
            plain("answer", a.get("answer"), f"answer {j}")
    if kind == "numeric":
        _check_numeric(q, err)
    if "computed" in q and (not isinstance(q["computed"], str) or not q["computed"].strip()):
        err(
            "computed", f'names the exercise (helpers/exercise_bank.py) whose answer the question asks for, like "ch1-members-2024"; got {shown(q["computed"])}'
        )
    if kind in ("multiple_choice", "numeric") and correct != 1:
        err("correct", f"a {kind} question needs exactly one correct answer; {correct} are marked correct")
    if kind == "many_choice" and correct < 1:
        err("correct", "no answer is marked correct")


def _check_numeric(q: dict, err: Err) -> None:
    """jupyterquiz rounds what a reader types to ``precision`` significant digits and compares it
    with each answer, in order: the precision must keep every value (and accept no other whole
    number for a whole one), and each value must be reached by its own answer, not by an earlier one."""
    precision, answers = q["precision"], q["answers"]
    for j, a in enumerate(answers, start=1):
        if "value" not in a:
            continue
        value, need = a["value"], _needed_precision(a["value"])
        if precision < need:
            typed = _js_round(value, precision)
            half = 0.5 * 10 ** (math.floor(math.log10(abs(typed))) - precision + 1) if typed else 0
            err(
                "precision",
                f"answer {j}: with precision {precision}, the quiz accepts every number from "
                f"{typed - half:g} to {typed + half:g} as {value:g} (jupyterquiz rounds to {precision} "
                f"significant digits); give a precision of at least {need}",
            )
    for j, a in enumerate(answers, start=1):
        if "value" not in a:
            continue
        first = next(k for k, b in enumerate(answers, start=1) if _accepts(b, a["value"], precision))
        if first != j and answers[first - 1]["correct"] != a["correct"]:
            err(
                "correct",
                f"answer {j} ({a['value']:g}, {'right' if a['correct'] else 'wrong'}) is never reached: "
                f"answer {first} comes before it and accepts {a['value']:g} as "
                f"{'right' if answers[first - 1]['correct'] else 'wrong'}; reorder or narrow them",
            )


def _check_computed(file: str, number: int, q: dict, data_dir: str) -> None:
    """A question that asks for what the data say (``"computed": "<exercise id>"``) marks right
    exactly the answer the exercise computes from the data being checked."""
    from helpers import exercise_bank  # the answer key computes from the data; it imports this module

    eid = q["computed"]
    if eid not in exercise_bank.REGISTRY:
        raise DataError(
            file, number, "computed", f"{shown(eid)} is not an exercise of helpers/exercise_bank.py; closest: {_closest(eid, exercise_bank.REGISTRY)}"
        )
    with reading(data_dir):
        expected = exercise_bank.REGISTRY[eid].expected()
    answers = q["answers"]
    if q["type"] == "numeric":
        if isinstance(expected, bool) or not isinstance(expected, (int, float, np.integer, np.floating)):
            raise DataError(file, number, "computed", f"exercise {eid!r} gives {shown(expected)}, not a number")
        first = next((j for j, a in enumerate(answers, start=1) if _accepts(a, float(expected), q["precision"])), None)
        if first is None or not answers[first - 1]["correct"]:
            what = f"answer {first} is marked wrong" if first else "no answer accepts it"
            raise DataError(file, number, "correct", f"the data give {expected:g} (exercise {eid!r}) but {what}")
        for j, a in enumerate(answers, start=1):
            if a["correct"] and not _accepts(a, float(expected), q["precision"]):
                raise DataError(file, number, "correct", f"answer {j} is marked right but the data give {expected:g} (exercise {eid!r})")
        return
    want = {name_key(x) for x in ([expected] if isinstance(expected, str) else list(expected))}
    for j, a in enumerate(answers, start=1):
        if a["correct"] != (name_key(a["answer"]) in want):
            raise DataError(
                file, number, "correct", f"answer {j} is marked {'right' if a['correct'] else 'wrong'} but the data give {shown(expected)} (exercise {eid!r})"
            )


# ---------------------------------------------------------------------------
# Showing a quiz (jupyterquiz): every string as text
# ---------------------------------------------------------------------------
QUIZ_DIR = paths.DATA_DIR / "quizzes"


def load_quiz(name: str) -> list[dict]:
    """The questions of quiz ``name`` (``data/quizzes/<name>.json``), checked by :func:`helpers.read_quiz`."""
    expect_choice(name, "quiz", sorted(p.stem for p in QUIZ_DIR.glob("*.json")))
    return read_quiz(QUIZ_DIR / f"{name}.json")


#: What jupyterquiz would read as markup in a text it puts into the page as HTML: the brackets of
#: a Markdown link, and the delimiters of its (absent) MathJax.
_INERT = str.maketrans({"[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;", "$": "&#36;"})


def _inert(text: str) -> str:
    """``text`` as HTML that shows exactly ``text``: escaped, and with nothing jupyterquiz turns into a link."""
    return html.escape(text, quote=True).translate(_INERT)


def quiz_html(text: str) -> str:
    """A quiz string as jupyterquiz should receive it (it inserts strings as HTML and turns
    ``[text](url)`` into a link): everything is text, except a Markdown link to a clean web
    address (:func:`helpers.quiz_link_url`), which is kept with its address parsed and
    written again (parentheses percent-encoded, so that jupyterquiz's pattern takes it whole)."""
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
    """A copy of ``questions`` for jupyterquiz: every string made inert (:func:`quiz_html`), and
    only the keys jupyterquiz knows (``computed`` is for the data's checks)."""
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
    """Show quiz ``name``: it runs in the browser, in the static book and in Jupyter."""
    _display_quiz(load_quiz(name))


def quiz_print_html(questions: list[dict]) -> str:
    """The quiz as plain text for a printed handout: each question with its choices (and no
    marks of which is right) or a blank line to write on.  It is ``hidden`` on screen; the
    book's print stylesheet shows it in place of the interactive quiz."""
    items = []
    for q in questions:
        parts = [f"<p>{html.escape(str(q['question']))}</p>"]
        if q.get("type") == "numeric":
            parts.append('<p class="sco-quiz-blank">Answer: ____________________</p>')
        else:
            if q.get("type") == "many_choice":
                parts.append("<p><em>Tick every answer that applies.</em></p>")
            choices = "".join(f"<li>☐ {html.escape(str(a.get('answer', '')))}</li>" for a in q.get("answers", []))
            parts.append(f'<ul class="sco-quiz-choices">{choices}</ul>')
        items.append(f"<li>{''.join(parts)}</li>")
    return (
        '<div class="sco-quiz-print" hidden><p><strong>Quiz.</strong> Answer on the page; '
        "the online version gives feedback on each answer.</p>"
        f"<ol>{''.join(items)}</ol></div>"
    )


#: jupyterquiz typesets a quiz with MathJax when it finds one: in JupyterLab it finds a MathJax
#: without ``version`` (a script error) or without ``typeset``, and then loads MathJax 3 from a
#: CDN.  The book's quizzes hold no mathematics (their text is made inert: ``$`` is escaped).
_MATHJAX_TEST = re.compile(r"typeof\s+MathJax\s*!==?\s*['\"]undefined['\"]")
_MATHJAX_CDN = re.compile(r"https?://cdn\.jsdelivr\.net/npm/mathjax[^'\"\s]*")


def without_mathjax(script: str) -> str:
    """jupyterquiz's script with its MathJax typesetting switched off and no address to load MathJax from.

    Parameters
    ----------
    script : str
        The JavaScript jupyterquiz displays for a quiz.

    Returns
    -------
    str
        The same script, never typesetting and naming no CDN.
    """
    script, found = _MATHJAX_TEST.subn("false /* no MathJax: the quiz holds no mathematics */", script)
    if not found:
        raise RuntimeError("jupyterquiz's script no longer tests for MathJax as helpers.quizzes expects: "
                           "check that a quiz in JupyterLab still loads nothing from the network")
    return _MATHJAX_CDN.sub("", script)


def _display_quiz(questions: list[dict]) -> None:
    """Show checked questions; every string reaches the page as text, never as HTML, and the
    quiz's script neither typesets with MathJax nor loads it (:func:`without_mathjax`)."""
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
