"""Exercises: ``check()`` for code exercises, and the quizzes.

A code exercise is registered in ``helpers/exercise_bank.py`` with a function that
*computes* the expected answer from the data, so a correction in the data can
never leave an exercise wrong.  In a chapter the student writes::

    answer = ...            # replace ... with your code
    check("ch1-founders", answer)

``check`` never raises on a student's answer, whatever its type: it says whether
the answer is right and, when it is not, gives a hint that points towards the
mistake without giving the answer.  An unanswered cell (``answer = ...``) says
that the exercise is not answered yet.

Quizzes are stored as JSON in ``data/quizzes/`` (jupyterquiz's format, with
feedback for every choice) and shown with :func:`quiz` (from :mod:`helpers.quizzes`,
where the quiz code lives); they run in the browser, with no kernel and no CDN.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import math
import numbers
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers import data, exercise_bank, quizzes, text
from helpers._facade import pass_on_assignments

# The quizzes live in helpers/quizzes.py; a chapter shows one with exercises.quiz("ch1").
from helpers.quizzes import QUIZ_COLOURS as QUIZ_COLOURS
from helpers.quizzes import QUIZ_DIR as QUIZ_DIR
from helpers.quizzes import load_quiz as load_quiz
from helpers.quizzes import quiz as quiz
from helpers.quizzes import quiz_html as quiz_html
from helpers.quizzes import quiz_print_html as quiz_print_html

#: The registry of code exercises, filled by ``helpers.exercise_bank`` (the answer key) when it is imported.
REGISTRY = exercise_bank.REGISTRY
KINDS = exercise_bank.KINDS
Exercise = exercise_bank.Exercise
exercise = exercise_bank.exercise


# ---------------------------------------------------------------------------
# Feedback
# ---------------------------------------------------------------------------
@dataclass
class Feedback:
    exercise: str
    status: str  # "correct", "wrong", "unanswered"
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        mark = {"correct": "✔ Correct", "wrong": "✖ Not yet", "unanswered": "… Not answered yet"}[self.status]
        return f"{mark} ({self.exercise}): {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        mark = {"correct": "✔ Correct", "wrong": "✖ Not yet", "unanswered": "… Not answered yet"}[self.status]
        return (
            f'<div class="sco-feedback sco-{self.status}" role="status"><strong>{mark}</strong> '
            f"<code>{html.escape(self.exercise)}</code>: {html.escape(self.message)}</div>"
        )


def _describe(value: Any) -> str:
    """The type and a short excerpt of a value, for a message."""
    return f"{type(value).__name__} {data.shown(value)}"


#: What each kind of exercise accepts as an answer, as a message says it.
ACCEPTED = {
    "number": "a number (an int or a float, like 17; numpy numbers too)",
    "names": "a list of names (like ['China', 'Russia']), a tuple, a set, a pandas Series or Index, "
             "or a table with a 'name' column",
    "ordered names": "a list of names in order (like ['China', 'Russia']), a pandas Series or Index",
    "date": "a date: a string 'YYYY-MM-DD' (like '2008-08-28'), a datetime.date, a pandas Timestamp",
    "text": "one name in quotes (like 'Dushanbe')",
    "table": "a pandas DataFrame",
}
_KIND_WORDS = {"number": "a number", "names": "a list of names", "ordered names": "a list of names in order",
               "date": "a date", "text": "a name", "table": "a pandas DataFrame"}
#: How many names a message lists before it says how many more there are.
SHOW_NAMES = 5


def _unsupported(ex: Exercise, answer: Any) -> str:
    """A message for an answer of a type the exercise does not take: what it got, what is accepted."""
    accepted = ACCEPTED[ex.kind] + (f" with the columns {list(ex.columns)}" if ex.kind == "table" else "")
    extra = ""
    if isinstance(answer, (np.timedelta64, pd.Timedelta, dt.timedelta)):
        extra = " A time difference is not a number: take its .days (for a pandas Timedelta or a timedelta)."
    return f"expected {_KIND_WORDS[ex.kind]}, got {_describe(answer)}. Accepted: {accepted}.{extra}"


def _names_list(names: list[str]) -> str:
    """Up to SHOW_NAMES names, each cut short, and how many more."""
    shown = ", ".join(n if len(n) <= 30 and n.isprintable() else data.shown(n, 30) for n in names[:SHOW_NAMES])
    return shown + (f" and {len(names) - SHOW_NAMES} more" if len(names) > SHOW_NAMES else "")


def _script_hint(names: Iterable[str]) -> str:
    """A hint when names are written in another script than Latin letters."""
    for name in names:
        if any(c.isalpha() and data.script_of(c) != "Latin" for c in name[:100]):
            return " Write the names in English, in Latin letters (like 'China'), as the data do."
    return ""


def _as_names(answer: Any) -> list[str] | str:
    """A list of strings from a list, tuple, set, Series, Index, numpy array, ``Series.unique()``
    or one-column DataFrame; else an explanation."""
    if isinstance(answer, (str, bytes)):
        return f"you gave one string ({data.shown(answer)}); give a list of names, like ['China', 'Russia']"
    if isinstance(answer, pd.DataFrame):
        if answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        elif "name" in answer.columns:
            answer = answer["name"]
        else:
            return (f"you gave a table with columns {data.shown(list(answer.columns))}; give a list of names "
                    "(or a table with a 'name' column)")
    if isinstance(answer, dict):
        answer = list(answer)
    if isinstance(answer, np.ndarray) and answer.ndim != 1:
        return f"you gave an array of shape {answer.shape}; give a flat list of names"
    # a list, tuple, set, Series, Index, numpy array, Series.unique() (an ExtensionArray), dict keys...
    if not isinstance(answer, Iterable):
        return f"expected a list of names, got {_describe(answer)}. Accepted: {ACCEPTED['names']}."
    items = list(answer)
    bad = [x for x in items if not isinstance(x, str)]
    if bad:
        return (f"every item should be a name (a string); {len(bad)} {'is' if len(bad) == 1 else 'are'} not, "
                f"like {', '.join(_describe(x) for x in bad[:3])}")
    return [str(x) for x in items]


def _canonical(name: str) -> str:
    """Canonical state or person name when the name is known, else its look-up key (junk kept:
    "Tajikistan!" is not Tajikistan)."""
    found = data.canonical_name(name)
    return found if found is not None else "?" + data.name_key(name[:200])


# ---------------------------------------------------------------------------
# Fingerprints: what an answer is compared with
# ---------------------------------------------------------------------------
# The checker never compares an answer with the expected value itself but with its
# *fingerprint*: salted hashes of the normalised value, and just enough shape for the hints
# (how many names, how many rows, which columns hold numbers, and for a number a bracket
# of points, each hashed with its direction, so that "too high" and "off by one" still work).
# The book computes a fingerprint from the data at each check; the class pack stores them
# (tools/classpack.py), so it holds no expected answer a student could read or compute.
# A hash of a value from a small set (a count, a year, a state's name) can always be found
# again by trying the candidates: exactly as by asking check() about each; what the pack
# does not hold is the value, or code that computes it.

#: How many points of a number's bracket carry a direction ("too high", "too low").
BRACKET = 32
#: A tolerance is checked on a grid this many times finer than it (so within 1/(2*FINE) of it).
FINE = 40


def _h(salt: str, *parts: str) -> str:
    """A salted hash (128 bits, hexadecimal) of ``parts``."""
    return hashlib.sha256("\x1f".join((salt, *parts)).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _integral(x: float) -> bool:
    return math.isclose(x, round(x), rel_tol=1e-9, abs_tol=1e-12)


def _num_text(x: float) -> str:
    """A number as one text whatever its type: 6, 6.0 and numpy's 6 are "6"; 1/3 is "0.333333333"."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return str(int(round(x))) if _integral(x) else format(x, ".9g")


def _number_print(salt: str, x: float, tolerance: float) -> dict:
    """A number's fingerprint: its hash (on a grid finer than the tolerance when there is one)
    and a bracket of BRACKET points around it, in the clear, each point's direction hashed.
    Where the number lies in its bracket is drawn from a hash of the number itself, which
    the pack does not hold."""
    x = float(x)
    fp: dict[str, Any] = {"tolerance": tolerance}
    if tolerance > 0:
        fp["grid"] = tolerance / FINE
        fp["value"] = _h(salt, "n", str(round(x / fp["grid"])))
        step = tolerance
    else:
        fp["value"] = _h(salt, "n", _num_text(x))
        step = 1.0 if _integral(x) else 10.0 ** (math.floor(math.log10(abs(x))) - 3)
    r = 1 + int(_h(salt, "place", _num_text(x)), 16) % (BRACKET - 2)
    lo = (round(x) - r) if step == 1.0 else (math.floor(x / step) - r) * step
    signs = {}
    for i in range(BRACKET):
        point = lo + i * step
        signs[_h(salt, "b", str(i))] = "equal" if point == x else ("above" if point > x else "below")
    fp["bracket"] = {"low": lo, "step": step, "signs": dict(sorted(signs.items()))}
    return fp


def _number_matches(salt: str, fp: dict, a: float) -> bool:
    if fp["tolerance"] > 0:
        g, tol = fp["grid"], fp["tolerance"]
        first, last = math.ceil((a - tol) / g - 1e-9), math.floor((a + tol) / g + 1e-9)
        last = min(last, first + 4 * FINE)  # far from the grid's precision: never a long loop
        return any(_h(salt, "n", str(k)) == fp["value"] for k in range(first, last + 1))
    return _h(salt, "n", _num_text(a)) == fp["value"]


def _direction(salt: str, fp: dict, a: float) -> tuple[str, bool]:
    """Where a wrong number ``a`` lies: "high", "low" or "close" (within a step of the answer,
    on the other side of which the bracket cannot say), and whether it is off by exactly one."""
    bracket = fp["bracket"]
    lo, step, signs = bracket["low"], bracket["step"], bracket["signs"]

    def sign(i: int) -> str | None:
        return signs.get(_h(salt, "b", str(i))) if 0 <= i < BRACKET else None

    if step == 1.0 and _integral(a):
        i = round(a) - round(lo)
        if sign(i - 1) == "equal":
            return "high", True
        if sign(i + 1) == "equal":
            return "low", True
    i = math.floor((a - lo) / step + 1e-9)  # a number on a point of the bracket is that point
    if i < 0:
        return "low", False
    if i >= BRACKET - 1:
        return "high", False
    if sign(i) in ("equal", "above"):
        return "high", False
    if sign(i + 1) in ("equal", "below"):
        return "low", False
    return "close", False


def _cell_texts(column: pd.Series, numeric: bool) -> list[str]:
    """A table column's cells as the texts that are hashed: numbers as :func:`_num_text` when
    both the answer's and the expected column hold numbers, else as pandas writes them."""
    values = _numeric(column) if numeric else None
    if values is not None:
        return [_num_text(float(v)) for v in values]
    return list(column.astype(str))


def fingerprint(ex: Exercise, expected: Any) -> dict:
    """The fingerprint of exercise ``ex``'s expected answer ``expected`` (salted by the exercise's id)."""
    salt = f"sco:{ex.id}"
    fp: dict[str, Any] = {"salt": salt, "kind": ex.kind}
    if ex.kind == "number":
        fp.update(_number_print(salt, float(expected), ex.tolerance))
    elif ex.kind in ("names", "ordered names"):
        names = [_h(salt, "name", _canonical(str(x))) for x in expected]
        fp["names"] = names if ex.kind == "ordered names" else sorted(names)
    elif ex.kind == "date":
        day = data.as_date(expected).date()
        fp["value"] = _h(salt, "d", day.isoformat())
        fp["year"] = _number_print(salt + ":year", day.year, 0.0)
    elif ex.kind == "text":
        fp["value"] = _h(salt, "t", _canonical(str(expected)))
    else:  # table
        want = expected[list(ex.columns)].reset_index(drop=True)
        numeric = {c: _numeric(want[c]) is not None for c in ex.columns}
        cells = {}
        for c in ex.columns:
            if numeric[c] and ex.tolerance > 0:
                g = ex.tolerance / FINE
                values = _numeric(want[c])
                assert values is not None  # numeric[c]
                cells[c] = [_h(salt, c, "nan" if math.isnan(v) else str(round(v / g))) for v in values]
            else:
                cells[c] = [_h(salt, c, t) for t in _cell_texts(want[c], numeric[c])]
        fp.update({"rows": len(want), "numeric": numeric, "cells": cells, "grid": ex.tolerance / FINE})
    return fp


# ---------------------------------------------------------------------------
# The checkers: an answer against a fingerprint
# ---------------------------------------------------------------------------
def _check_names(ex: Exercise, answer: Any, fp: dict) -> tuple[bool, str]:
    got = _as_names(answer)
    if isinstance(got, str):
        return False, got
    salt = fp["salt"]
    want = fp["names"]
    have = [_h(salt, "name", _canonical(x)) for x in got]
    counts = Counter(have)
    dupes = list(dict.fromkeys(g for g, x in zip(got, have) if counts[x] > 1))
    if dupes:
        return False, f"some names appear more than once ({_names_list(dupes)}): each should appear once"
    wanted = set(want)
    missing = [x for x in want if x not in counts]
    extra = [g for g, x in zip(got, have) if x not in wanted]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"{len(missing)} expected name{'s are' if len(missing) > 1 else ' is'} missing")
        if extra:
            parts.append(f"{_names_list(extra)} should not be there")
        selection = ""
        if extra and not missing:
            selection = (f" Every name asked for is there, with {len(extra)} more: the exercise asks for a selection, "
                         "not the whole list; keep only the names it asks for.")
        return False, "; ".join(parts) + "." + selection + _script_hint(extra) + " " + (ex.hint or "Check your filter and its dates.")
    if ex.kind == "ordered names" and have != want:
        return False, "you have the right names but not in the right order: sort them as the exercise asks"
    return True, f"all {len(want)} names are right."


def _check_number(ex: Exercise, answer: Any, fp: dict) -> tuple[bool, str]:
    if isinstance(answer, (np.timedelta64, np.datetime64, pd.Timedelta, dt.timedelta)):  # numpy counts them as numbers
        return False, _unsupported(ex, answer)
    if isinstance(answer, bool) or not isinstance(answer, numbers.Number):
        if isinstance(answer, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", answer[:100]):
            return False, f"you gave the string {data.shown(answer)}: give the number itself, without quotes"
        if isinstance(answer, (pd.DataFrame, pd.Series, list, tuple, set)):
            return False, f"expected one number, got {_describe(answer)}: count it, e.g. with len(...)"
        return False, _unsupported(ex, answer)
    if not isinstance(answer, numbers.Real):
        return False, _unsupported(ex, answer)
    answer = float(answer)
    if math.isnan(answer):
        return False, "your answer is NaN, 'not a number': the computation found nothing to count or subtract. " + (ex.hint or "")
    if math.isinf(answer):
        return False, "your answer is infinite: check for a division by zero"
    if _number_matches(fp["salt"], fp, answer):
        if fp["tolerance"] > 0:
            return True, f"{answer:g} is right (within {fp['tolerance']:g} of the answer)."
        return True, f"{_num_text(answer)} is right."
    where, off_by_one = _direction(fp["salt"], fp, answer)
    if off_by_one:
        return False, f"you are off by one ({'too high' if where == 'high' else 'too low'}). " + (ex.hint or "Check whether the boundary is included.")
    if where == "close":
        return False, "your number is very close to the answer but not equal: check your rounding. " + (ex.hint or "")
    return False, f"your number is {'too high' if where == 'high' else 'too low'}. " + (ex.hint or "Check your filter.")


def _as_day(answer: Any) -> dt.date | str:
    """The day an answer names, read with the book's one date rule (helpers.data.period); else an explanation."""
    if isinstance(answer, (np.timedelta64, pd.Timedelta, dt.timedelta)):
        return f"expected a date, got {_describe(answer)}, a time difference. Accepted: {ACCEPTED['date']}."
    try:
        first, last = data.period(answer)
    except (TypeError, ValueError) as exc:
        return str(exc)
    if first != last:
        return f"you gave a year ({data.shown(answer)}); give the day, as 'YYYY-MM-DD'"
    return first.date()


def _check_date(ex: Exercise, answer: Any, fp: dict) -> tuple[bool, str]:
    got = _as_day(answer)
    if isinstance(got, str):
        return False, got
    salt = fp["salt"]
    if _h(salt, "d", got.isoformat()) == fp["value"]:
        return True, f"{got:%d %B %Y} is right."
    year = fp["year"]
    if _number_matches(salt + ":year", year, got.year):
        return False, "the year is right but not the day. " + (ex.hint or "")
    where, off_by_one = _direction(salt + ":year", year, got.year)
    if off_by_one:
        return False, "you are off by one year. " + (ex.hint or "")
    return False, f"your date is {'too late' if where == 'high' else 'too early'}. " + (ex.hint or "")


def _check_text(ex: Exercise, answer: Any, fp: dict) -> tuple[bool, str]:
    if not isinstance(answer, str):
        return False, f"expected a name (a string in quotes), got {_describe(answer)}. Accepted: {ACCEPTED['text']}."
    if _h(fp["salt"], "t", _canonical(answer)) == fp["value"]:
        return True, "that is right."
    return False, f"{data.shown(answer, 40)} is not it.{_script_hint([answer])} " + (ex.hint or "")


def _numeric(column: pd.Series) -> np.ndarray | None:
    """The column's values as floats when it holds numbers (ints, floats, nullable, numpy), else None."""
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        return None
    return column.astype("float64").to_numpy()


def _answer_cells(fp: dict, column: str, got: pd.Series, tolerance: float) -> list[set[str]]:
    """For each cell of an answer's column, the hashes that an expected cell may have and match it."""
    salt = fp["salt"]
    values = _numeric(got)
    numeric = fp["numeric"][column] and values is not None
    if numeric and tolerance > 0 and values is not None:
        g, out = fp["grid"], []
        for v in values:
            if math.isnan(v):
                out.append({_h(salt, column, "nan")})
            elif math.isinf(v):
                out.append(set())
            else:
                first, last = math.ceil((v - tolerance) / g - 1e-9), math.floor((v + tolerance) / g + 1e-9)
                last = min(last, first + 4 * FINE)
                out.append({_h(salt, column, str(k)) for k in range(first, last + 1)})
        return out
    return [{_h(salt, column, t)} for t in _cell_texts(got, numeric)]


def _matched_rows(fp: dict, cells: dict[str, list[set[str]]], n: int) -> int:
    """How many expected rows an answer's rows match, whatever their order (each row at most once)."""
    columns = list(fp["cells"])
    unused = list(range(fp["rows"]))
    matched = 0
    for row in range(n):
        for k, want in enumerate(unused):
            if all(fp["cells"][c][want] in cells[c][row] for c in columns):
                matched += 1
                del unused[k]
                break
    return matched


def _check_table(ex: Exercise, answer: Any, fp: dict) -> tuple[bool, str]:
    if not isinstance(answer, pd.DataFrame):
        return False, _unsupported(ex, answer)
    missing = [c for c in ex.columns if c not in answer.columns]
    if missing:
        return False, f"your table lacks the column{'s' if len(missing) > 1 else ''} {missing}; expected {list(ex.columns)}"
    extra = [c for c in answer.columns if c not in ex.columns]
    if extra:
        shown = _names_list([str(c) for c in extra])
        return False, (f"your table has {len(extra)} column{'s' if len(extra) > 1 else ''} the exercise does not ask for "
                       f"({shown}): give only the columns {list(ex.columns)}, e.g. table[{list(ex.columns)}]")
    if answer.columns.duplicated().any():
        return False, f"your table has a column twice: give each of the columns {list(ex.columns)} once"
    got = answer[list(ex.columns)].reset_index(drop=True)
    rows = fp["rows"]
    cells = {c: _answer_cells(fp, c, got[c], ex.tolerance) for c in ex.columns}
    if len(got) == rows and all(fp["cells"][c][i] in cells[c][i] for c in ex.columns for i in range(rows)):
        return True, f"all {rows} rows are right."
    if len(got) > rows and len(got) <= 100_000 and _matched_rows(fp, cells, len(got)) == rows:
        return False, (f"your table has every row asked for and {len(got) - rows} more: the exercise asks for a "
                       "selection, not the whole table; keep only the rows it asks for. " + (ex.hint or ""))
    if len(got) != rows:
        return False, f"your table has {len(got)} rows; it should have {'more' if len(got) < rows else 'fewer'}. " + (ex.hint or "")
    if _matched_rows(fp, cells, len(got)) == rows:
        return False, "the rows are right but not in the right order: sort as the exercise asks"
    return False, "the table has the right shape but some values differ. " + (ex.hint or "")


_CHECKERS: dict[str, Callable[[Exercise, Any, Any], tuple[bool, str]]] = {"number": _check_number, "names": _check_names, "ordered names": _check_names,
             "date": _check_date, "text": _check_text, "table": _check_table}


def expected_fingerprint(ex: Exercise) -> dict:
    """What ``ex``'s answers are compared with: its stored fingerprint (the class pack), or the
    fingerprint of the answer computed from the data now (the book)."""
    if ex.fingerprint is not None:
        return ex.fingerprint
    return fingerprint(ex, ex.expected())


def check(exercise_id: str, answer: Any = ...) -> Feedback:
    """Check a student's answer to exercise ``exercise_id``.

    Never raises on what a student types: a wrong answer or a bad exercise id gets
    feedback.  An error while computing the *expected* answer is the author's bug
    and raises.
    """
    if not isinstance(exercise_id, str):
        return Feedback(repr(exercise_id), "wrong",
                        f"the exercise id is a string in quotes, like check(\"ch1-founders\", answer); "
                        f"got {_describe(exercise_id)}")
    if exercise_id not in REGISTRY:
        return Feedback(exercise_id, "wrong",
                        f"there is no exercise {exercise_id!r}: copy the id from the exercise's cell; "
                        f"closest: {text._closest(exercise_id, REGISTRY)}")
    ex = REGISTRY[exercise_id]
    if answer is ...:
        return Feedback(exercise_id, "unanswered", "replace ... with your answer, then run the cell again.")
    if answer is None:
        return Feedback(exercise_id, "wrong", "your answer is None: did your code forget to return or assign a value?")
    fp = expected_fingerprint(ex)  # outside the try: an error here is the author's, not the student's
    try:
        ok, message = _CHECKERS[ex.kind](ex, answer, fp)
    except Exception as exc:  # a student's object may fail in any way: explain, never crash
        ok, message = False, (f"your answer could not be compared ({type(exc).__name__}: {data.shown(str(exc), 80)}); "
                              f"{_unsupported(ex, answer)}")
    return Feedback(exercise_id, "correct" if ok else "wrong", message)


# exercises.QUIZ_DIR = folder (a test's monkeypatch) sets the folder load_quiz reads.
pass_on_assignments(__name__, ("QUIZ_COLOURS", "QUIZ_DIR", "load_quiz", "quiz", "quiz_html", "quiz_print_html"), (quizzes,))
