"""What a code exercise's answer is compared with: the *fingerprint* of the expected answer.

Part of :mod:`helpers.exercises` (import that). The checker never compares an answer with the
expected value itself but with its fingerprint: salted hashes of the normalised value, and just
enough shape for the hints (how many names, how many rows, which columns hold numbers, and for
a number a bracket of points, each hashed with its direction, so that "too high" and "off by
one" still work). The book computes a fingerprint from the data at each check; the class pack
stores them (``tools/classpack.py``), so it holds no expected answer a student could read or
compute. A hash of a value from a small set (a count, a year, a state's name) can always be
found again by trying the candidates: exactly as by asking ``check()`` about each; what the
pack does not hold is the value, or code that computes it.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

import numpy as np
import pandas as pd

from helpers import data
from helpers.exercise_registry import Exercise

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


def _canonical(name: str) -> str:
    """Canonical state or person name when the name is known, else its look-up key.

    Junk is kept: "Tajikistan!" is not Tajikistan.
    """
    found = data.canonical_name(name)
    return found if found is not None else "?" + data.name_key(name[:200])


def _numeric(column: pd.Series) -> np.ndarray | None:
    """The column's values as floats when it holds numbers (ints, floats, nullable, numpy), else None."""
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        return None
    return column.astype("float64").to_numpy()


# ---------------------------------------------------------------------------
# Numbers: a hash, and a bracket of hashed directions around it
# ---------------------------------------------------------------------------
def _number_print(salt: str, x: float, tolerance: float) -> dict:
    """A number's fingerprint: its hash, and a bracket of BRACKET points around it.

    The hash is on a grid finer than the tolerance when there is one; the bracket's points
    are in the clear, each point's direction hashed. Where the number lies in its bracket
    is drawn from a hash of the number itself, which the pack does not hold.
    """
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
    """Where a wrong number ``a`` lies, and whether it is off by exactly one.

    "high", "low" or "close" (within a step of the answer, on the other side of which the
    bracket cannot say).
    """
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


# ---------------------------------------------------------------------------
# Tables: a hash per cell
# ---------------------------------------------------------------------------
def _cell_texts(column: pd.Series, numeric: bool) -> list[str]:
    """A table column's cells as the texts that are hashed.

    Numbers are written as :func:`_num_text` writes them when both the answer's and the
    expected column hold numbers; anything else as pandas writes it.
    """
    values = _numeric(column) if numeric else None
    if values is not None:
        return [_num_text(float(v)) for v in values]
    return list(column.astype(str))


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


# ---------------------------------------------------------------------------
# The fingerprint of an exercise's expected answer
# ---------------------------------------------------------------------------
def fingerprint(ex: Exercise, expected: Any) -> dict:
    """Compute the fingerprint of an exercise's expected answer, salted by the exercise's id.

    Parameters
    ----------
    ex : Exercise
        The exercise (its id, kind, columns and tolerance decide what is hashed).
    expected : object
        Its expected answer, of the exercise's kind: a number, a list of names, a date, a
        name, or a DataFrame holding the exercise's columns.

    Returns
    -------
    dict
        JSON-ready: ``salt`` and ``kind``, then the hashes and the shape the hints need
        (``value``, ``names``, ``year``, ``bracket``, or ``rows``, ``numeric`` and ``cells``).

    Examples
    --------
    >>> from helpers.exercise_registry import Exercise
    >>> ex = Exercise("demo", 0, "an example", "names", list)
    >>> a, b = fingerprint(ex, ["Russia", "China"]), fingerprint(ex, ["PRC", "RUS"])
    >>> a == b, len(a["names"]), "Russia" in str(a)
    (True, 2, False)
    """
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


def expected_fingerprint(ex: Exercise) -> dict:
    """Give what an exercise's answers are compared with.

    Parameters
    ----------
    ex : Exercise
        A registered exercise.

    Returns
    -------
    dict
        Its stored fingerprint (the class pack), or else the fingerprint of the answer that
        its function computes from the data now (the book).

    Examples
    --------
    >>> from helpers.exercise_registry import REGISTRY
    >>> expected_fingerprint(REGISTRY["ch1-members-2024"])["kind"]
    'number'
    """
    if ex.fingerprint is not None:
        return ex.fingerprint
    return fingerprint(ex, ex.expected())
