"""The quiz files (``data/quizzes/*.json``, jupyterquiz's format): reading and checking them.

Part of :mod:`helpers.data` (import that); :func:`helpers.data.validate_all` checks every quiz
with :func:`read_quiz` and the questions that ask for what the data say. A quiz is plain text:
markup, control characters and any link but one to a web address are refused, with an error
naming the file, the question and the key. :mod:`helpers.quizzes` shows a quiz in a chapter.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

import jsonschema
import numpy as np

from helpers import paths
from helpers.errors import DataError, Err, _closest, shown
from helpers.files import _read_text
from helpers.paths import reading
from helpers.text import name_key, web_url
from helpers.vocab import _INVISIBLE_RE, ELLIPSIS

#: The kinds of question jupyterquiz asks.
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
    """Give the address a quiz's Markdown link may point to, or None.

    Parameters
    ----------
    target : str
        What a link ``[text](target)`` in a quiz's text points to.

    Returns
    -------
    str or None
        ``target`` when it is a clean web address (:func:`helpers.text.web_url`) written
        with no space around it; None for anything else.

    Examples
    --------
    >>> quiz_link_url("https://www.un.org/en/")
    'https://www.un.org/en/'
    >>> quiz_link_url("javascript:alert(1)") is None
    True
    """
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
    """Read a quiz file and check every question.

    Parameters
    ----------
    path : str or pathlib.Path
        The quiz's JSON file.

    Returns
    -------
    list of dict
        Its questions, as jupyterquiz reads them (with ``computed`` where a question asks
        for what the data say).

    Raises
    ------
    DataError
        If the file is not valid JSON, or a question breaks a rule of the quizzes (see
        ``data/README.md``) or their JSON Schema: the error names the file, the question
        (as its row) and the key.

    Examples
    --------
    >>> from helpers import paths
    >>> questions = read_quiz(paths.DATA_DIR / "quizzes" / "ch1.json")
    >>> questions[0]["type"] in QUIZ_TYPES
    True
    """
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
    """Check a quiz against its JSON Schema.

    A DataError names the question, the key and the path inside the file
    (``$[2].answers[0].feedback``).
    """
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
    """Check that every value of a numeric question is reached, and only by its own answer.

    jupyterquiz rounds what a reader types to ``precision`` significant digits and compares it
    with each answer, in order: the precision must keep every value (and accept no other whole
    number for a whole one), and each value must be reached by its own answer, not by an
    earlier one.
    """
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
    """Check a question that asks for what the data say (``"computed": "<exercise id>"``).

    It must mark right exactly the answer the exercise computes from the data being checked.
    """
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
