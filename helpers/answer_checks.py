"""How a student's answer of each kind is read and judged against a fingerprint, with a hint.

Part of :mod:`helpers.exercises` (import that): :func:`helpers.exercises.check` calls the
checker of the exercise's kind (:data:`CHECKERS`). A checker never raises on what a student
gives it: an answer of the wrong type gets a message saying what was given and what is
accepted; a wrong answer gets a hint that points towards the mistake without giving the answer.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from helpers import data
from helpers.exercise_registry import Exercise
from helpers.fingerprints import _answer_cells, _canonical, _direction, _h, _matched_rows, _num_text, _number_matches

#: What each kind of exercise accepts as an answer, as a message says it.
ACCEPTED = {
    "number": "a number (an int or a float, like 17; numpy numbers too)",
    "names": "a list of names (like ['China', 'Russia']), a tuple, a set, a pandas Series or Index, or a table with a 'name' column",
    "ordered names": "a list of names in order (like ['China', 'Russia']), a pandas Series or Index",
    "date": "a date: a string 'YYYY-MM-DD' (like '2008-08-28'), a datetime.date, a pandas Timestamp",
    "text": "one name in quotes (like 'Dushanbe')",
    "table": "a pandas DataFrame",
}
_KIND_WORDS = {
    "number": "a number",
    "names": "a list of names",
    "ordered names": "a list of names in order",
    "date": "a date",
    "text": "a name",
    "table": "a pandas DataFrame",
}
#: How many names a message lists before it says how many more there are.
SHOW_NAMES = 5


def describe(value: Any) -> str:
    """Say what a value is, for a message: its type and a short excerpt of it.

    Parameters
    ----------
    value : object
        Anything a student may give.

    Returns
    -------
    str
        The type's name and the value's ``repr``, cut short.

    Examples
    --------
    >>> describe([1, 2])
    'list [1, 2]'
    """
    return f"{type(value).__name__} {data.shown(value)}"


def unsupported(ex: Exercise, answer: Any) -> str:
    """Explain that an answer is of a type the exercise does not take.

    Parameters
    ----------
    ex : Exercise
        The exercise.
    answer : object
        The student's answer.

    Returns
    -------
    str
        What was expected, what was given, and every type that is accepted.

    Examples
    --------
    >>> from helpers.exercise_registry import Exercise
    >>> unsupported(Exercise("demo", 0, "an example", "number", list), "17")
    "expected a number, got str '17'. Accepted: a number (an int or a float, like 17; numpy numbers too)."
    """
    accepted = ACCEPTED[ex.kind] + (f" with the columns {list(ex.columns)}" if ex.kind == "table" else "")
    extra = ""
    if isinstance(answer, (np.timedelta64, pd.Timedelta, dt.timedelta)):
        extra = " A time difference is not a number: take its .days (for a pandas Timedelta or a timedelta)."
    return f"expected {_KIND_WORDS[ex.kind]}, got {describe(answer)}. Accepted: {accepted}.{extra}"


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
    """A list of strings from what a student gives as names; else an explanation.

    A list, tuple, set, Series, Index, numpy array, ``Series.unique()`` or one-column
    DataFrame (or one with a ``name`` column) gives its names.
    """
    if isinstance(answer, (str, bytes)):
        return f"you gave one string ({data.shown(answer)}); give a list of names, like ['China', 'Russia']"
    if isinstance(answer, pd.DataFrame):
        if answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        elif "name" in answer.columns:
            answer = answer["name"]
        else:
            return f"you gave a table with columns {data.shown(list(answer.columns))}; give a list of names (or a table with a 'name' column)"
    if isinstance(answer, dict):
        answer = list(answer)
    if isinstance(answer, np.ndarray) and answer.ndim != 1:
        return f"you gave an array of shape {answer.shape}; give a flat list of names"
    # a list, tuple, set, Series, Index, numpy array, Series.unique() (an ExtensionArray), dict keys...
    if not isinstance(answer, Iterable):
        return f"expected a list of names, got {describe(answer)}. Accepted: {ACCEPTED['names']}."
    items = list(answer)
    bad = [x for x in items if not isinstance(x, str)]
    if bad:
        return f"every item should be a name (a string); {len(bad)} {'is' if len(bad) == 1 else 'are'} not, like {', '.join(describe(x) for x in bad[:3])}"
    return [str(x) for x in items]


def _as_day(answer: Any) -> dt.date | str:
    """The day an answer names, read with the book's one date rule (helpers.data.period); else an explanation."""
    if isinstance(answer, (np.timedelta64, pd.Timedelta, dt.timedelta)):
        return f"expected a date, got {describe(answer)}, a time difference. Accepted: {ACCEPTED['date']}."
    try:
        first, last = data.period(answer)
    except (TypeError, ValueError) as exc:
        return str(exc)
    if first != last:
        return f"you gave a year ({data.shown(answer)}); give the day, as 'YYYY-MM-DD'"
    return first.date()


# ---------------------------------------------------------------------------
# The checkers: an answer against a fingerprint, giving (right?, message)
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
            selection = (
                f" Every name asked for is there, with {len(extra)} more: the exercise asks for a selection, "
                "not the whole list; keep only the names it asks for."
            )
        return False, "; ".join(parts) + "." + selection + _script_hint(extra) + " " + (ex.hint or "Check your filter and its dates.")
    if ex.kind == "ordered names" and have != want:
        return False, "you have the right names but not in the right order: sort them as the exercise asks"
    return True, f"all {len(want)} names are right."


def _check_number(ex: Exercise, answer: Any, fp: dict) -> tuple[bool, str]:
    if isinstance(answer, (np.timedelta64, np.datetime64, pd.Timedelta, dt.timedelta)):  # numpy counts them as numbers
        return False, unsupported(ex, answer)
    if isinstance(answer, bool) or not isinstance(answer, numbers.Number):
        if isinstance(answer, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", answer[:100]):
            return False, f"you gave the string {data.shown(answer)}: give the number itself, without quotes"
        if isinstance(answer, (pd.DataFrame, pd.Series, list, tuple, set)):
            return False, f"expected one number, got {describe(answer)}: count it, e.g. with len(...)"
        return False, unsupported(ex, answer)
    if not isinstance(answer, numbers.Real):
        return False, unsupported(ex, answer)
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
        return False, f"expected a name (a string in quotes), got {describe(answer)}. Accepted: {ACCEPTED['text']}."
    if _h(fp["salt"], "t", _canonical(answer)) == fp["value"]:
        return True, "that is right."
    return False, f"{data.shown(answer, 40)} is not it.{_script_hint([answer])} " + (ex.hint or "")


def _check_table(ex: Exercise, answer: Any, fp: dict) -> tuple[bool, str]:
    if not isinstance(answer, pd.DataFrame):
        return False, unsupported(ex, answer)
    missing = [c for c in ex.columns if c not in answer.columns]
    if missing:
        return False, f"your table lacks the column{'s' if len(missing) > 1 else ''} {missing}; expected {list(ex.columns)}"
    extra = [c for c in answer.columns if c not in ex.columns]
    if extra:
        shown = _names_list([str(c) for c in extra])
        return False, (
            f"your table has {len(extra)} column{'s' if len(extra) > 1 else ''} the exercise does not ask for "
            f"({shown}): give only the columns {list(ex.columns)}, e.g. table[{list(ex.columns)}]"
        )
    if answer.columns.duplicated().any():
        return False, f"your table has a column twice: give each of the columns {list(ex.columns)} once"
    got = answer[list(ex.columns)].reset_index(drop=True)
    rows = fp["rows"]
    cells = {c: _answer_cells(fp, c, got[c], ex.tolerance) for c in ex.columns}
    if len(got) == rows and all(fp["cells"][c][i] in cells[c][i] for c in ex.columns for i in range(rows)):
        return True, f"all {rows} rows are right."
    if len(got) > rows and len(got) <= 100_000 and _matched_rows(fp, cells, len(got)) == rows:
        return False, (
            f"your table has every row asked for and {len(got) - rows} more: the exercise asks for a "
            "selection, not the whole table; keep only the rows it asks for. " + (ex.hint or "")
        )
    if len(got) != rows:
        return False, f"your table has {len(got)} rows; it should have {'more' if len(got) < rows else 'fewer'}. " + (ex.hint or "")
    if _matched_rows(fp, cells, len(got)) == rows:
        return False, "the rows are right but not in the right order: sort as the exercise asks"
    return False, "the table has the right shape but some values differ. " + (ex.hint or "")


#: The checker of each kind of exercise: ``(exercise, answer, fingerprint) -> (right?, message)``.
CHECKERS: dict[str, Callable[[Exercise, Any, Any], tuple[bool, str]]] = {
    "number": _check_number,
    "names": _check_names,
    "ordered names": _check_names,
    "date": _check_date,
    "text": _check_text,
    "table": _check_table,
}
