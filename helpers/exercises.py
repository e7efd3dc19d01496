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


def _check_names(ex: Exercise, answer: Any, expected: list[str]) -> tuple[bool, str]:
    got = _as_names(answer)
    if isinstance(got, str):
        return False, got
    want = [_canonical(x) for x in expected]
    have = [_canonical(x) for x in got]
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
        return False, "; ".join(parts) + "." + _script_hint(extra) + " " + (ex.hint or "Check your filter and its dates.")
    if ex.kind == "ordered names" and have != want:
        return False, "you have the right names but not in the right order: sort them as the exercise asks"
    return True, f"all {len(want)} names are right."


def _check_number(ex: Exercise, answer: Any, expected: float) -> tuple[bool, str]:
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
    if math.isclose(answer, float(expected), rel_tol=1e-9, abs_tol=ex.tolerance + 1e-12):
        return True, f"{expected:g} is right." if isinstance(expected, float) else f"{expected} is right."
    diff = answer - expected
    if abs(diff) == 1:
        return False, f"you are off by one ({'too high' if diff > 0 else 'too low'}). " + (ex.hint or "Check whether the boundary is included.")
    return False, f"your number is {'too high' if diff > 0 else 'too low'}. " + (ex.hint or "Check your filter.")


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


def _check_date(ex: Exercise, answer: Any, expected: Any) -> tuple[bool, str]:
    got = _as_day(answer)
    if isinstance(got, str):
        return False, got
    want = data.as_date(expected).date()
    if got == want:
        return True, f"{want:%d %B %Y} is right."
    if got.year != want.year and abs(got.year - want.year) == 1:
        return False, "you are off by one year. " + (ex.hint or "")
    if got.year == want.year:
        return False, "the year is right but not the day. " + (ex.hint or "")
    return False, f"your date is {'too late' if got > want else 'too early'}. " + (ex.hint or "")


def _check_text(ex: Exercise, answer: Any, expected: str) -> tuple[bool, str]:
    if not isinstance(answer, str):
        return False, f"expected a name (a string in quotes), got {_describe(answer)}. Accepted: {ACCEPTED['text']}."
    if _canonical(answer) == _canonical(expected):
        return True, "that is right."
    return False, f"{data.shown(answer, 40)} is not it.{_script_hint([answer])} " + (ex.hint or "")


def _numeric(column: pd.Series) -> np.ndarray | None:
    """The column's values as floats when it holds numbers (ints, floats, nullable, numpy), else None."""
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        return None
    return column.astype("float64").to_numpy()


def _same_column(got: pd.Series, want: pd.Series, tolerance: float) -> bool:
    a, b = _numeric(got), _numeric(want)
    if a is not None and b is not None:
        return bool(np.allclose(a, b, rtol=1e-9, atol=tolerance + 1e-12, equal_nan=True))
    return list(got.astype(str)) == list(want.astype(str))


def _check_table(ex: Exercise, answer: Any, expected: pd.DataFrame) -> tuple[bool, str]:
    if not isinstance(answer, pd.DataFrame):
        return False, _unsupported(ex, answer)
    missing = [c for c in ex.columns if c not in answer.columns]
    if missing:
        return False, f"your table lacks the column{'s' if len(missing) > 1 else ''} {missing}; expected {list(ex.columns)}"
    got = answer[list(ex.columns)].reset_index(drop=True)
    want = expected[list(ex.columns)].reset_index(drop=True)
    if len(got) != len(want):
        return False, f"your table has {len(got)} rows; it should have {'more' if len(got) < len(want) else 'fewer'}. " + (ex.hint or "")
    if all(_same_column(got[c], want[c], ex.tolerance) for c in ex.columns):
        return True, f"all {len(want)} rows are right."
    order = list(ex.columns)
    try:
        same = all(_same_column(g[c], w[c], ex.tolerance) for g, w in [(_sorted(got, order), _sorted(want, order))]
                   for c in order)
    except (TypeError, ValueError):
        same = False
    if same:
        return False, "the rows are right but not in the right order: sort as the exercise asks"
    return False, "the table has the right shape but some values differ. " + (ex.hint or "")


def _sorted(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The rows in one order, numbers compared as numbers (6.0 and 6 sort alike)."""
    keys = pd.DataFrame({c: (frame[c].astype("float64") if _numeric(frame[c]) is not None else frame[c].astype(str))
                         for c in columns})
    return frame.loc[keys.sort_values(columns).index].reset_index(drop=True)


_CHECKERS: dict[str, Callable[[Exercise, Any, Any], tuple[bool, str]]] = {"number": _check_number, "names": _check_names, "ordered names": _check_names,
             "date": _check_date, "text": _check_text, "table": _check_table}


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
    expected = ex.expected()  # outside the try: an error here is the author's, not the student's
    try:
        ok, message = _CHECKERS[ex.kind](ex, answer, expected)
    except Exception as exc:  # a student's object may fail in any way: explain, never crash
        ok, message = False, (f"your answer could not be compared ({type(exc).__name__}: {data.shown(str(exc), 80)}); "
                              f"{_unsupported(ex, answer)}")
    return Feedback(exercise_id, "correct" if ok else "wrong", message)


# exercises.QUIZ_DIR = folder (a test's monkeypatch) sets the folder load_quiz reads.
pass_on_assignments(__name__, ("QUIZ_COLOURS", "QUIZ_DIR", "load_quiz", "quiz", "quiz_html", "quiz_print_html"), (quizzes,))
