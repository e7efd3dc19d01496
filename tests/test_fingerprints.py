"""Answers are compared with fingerprints (issue 24): the checker of the book computes the
expected answer's fingerprint from the data, the class pack stores it; both give every
answer the same verdict and hint, and a fingerprint holds no expected value.  And the
checker refuses answers that ignore the instructions (an extra column, the whole table or
the whole list when a selection was asked), saying so."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from answer_battery import battery

from helpers import data, exercise_registry, exercises, fingerprints

#: The names of a fingerprint's parts, and the directions of a number's bracket.
STRUCTURE = {"salt", "kind", "value", "tolerance", "grid", "bracket", "low", "step", "signs", "names", "year", "rows",
             "numeric", "cells", "equal", "above", "below"}
BOOK = sorted(eid for eid, ex in exercises.REGISTRY.items() if ex.chapter >= 1)


def _stored(ex):
    """``ex`` as the class pack registers it: its fingerprint through JSON, no way to compute the answer."""
    fp = json.loads(json.dumps(exercises.fingerprint(ex, ex.expected())))
    return exercise_registry.Exercise(ex.id, ex.chapter, ex.outcome, ex.kind, exercise_registry.withheld, ex.hint,
                                      ex.columns, ex.tolerance, fingerprint=fp)


def _leaves(value):
    """Every string and number inside a fingerprint (keys included)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _leaves(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def _forms(kind, expected) -> set[str]:
    """The texts an expected answer could be read as."""
    if kind == "table":
        return {str(v) for c in expected.columns for v in expected[c]} - {""}
    if kind in ("names", "ordered names"):
        return {str(n) for n in expected} | {fingerprints._canonical(str(n)) for n in expected}
    if kind == "date":
        day = data.as_date(expected).date()
        return {day.isoformat(), day.strftime("%d %B %Y")}
    return {str(expected), fingerprints._num_text(float(expected))} if kind == "number" else {str(expected)}


@pytest.mark.parametrize("eid", BOOK)
def test_a_fingerprint_holds_no_expected_value(eid):
    ex = exercises.REGISTRY[eid]
    expected = ex.expected()
    fp = exercises.fingerprint(ex, expected)
    json.dumps(fp)  # it travels as JSON
    forms = _forms(ex.kind, expected)
    strings = {x for x in _leaves(fp) if isinstance(x, str)} - set(ex.columns) - {ex.kind, fp["salt"]}
    found = forms & strings
    assert not found, f"{eid}: the fingerprint holds {sorted(found)[:5]}"
    words = [s for s in strings if s not in STRUCTURE and not (len(s) == 32 and all(c in "0123456789abcdef" for c in s))]
    assert not words, f"{eid}: a fingerprint's texts are hashes and the names of its parts, not {words[:5]}"
    brackets = [fp] if ex.kind == "number" else [fp["year"]] if ex.kind == "date" else []
    for b in brackets:
        value = float(expected) if ex.kind == "number" else data.as_date(expected).year
        low, step = b["bracket"]["low"], b["bracket"]["step"]
        assert low < value < low + (fingerprints.BRACKET - 1) * step, f"{eid}: the answer is inside its bracket"
        assert value not in [x for x in _leaves(b) if isinstance(x, (int, float)) and not isinstance(x, bool)
                             and x not in (b["tolerance"], step)], f"{eid}: a number of the fingerprint is the answer"


@pytest.mark.parametrize("eid", BOOK)
def test_the_stored_fingerprint_gives_the_books_verdicts_and_hints(eid, monkeypatch):
    ex = exercises.REGISTRY[eid]
    expected = ex.expected()
    book = [exercises.check(eid, answer) for answer in battery(ex.kind, expected)]
    assert book[0].correct, book[0]
    assert len({fb.message for fb in book}) >= 3, "the battery gives several different hints"
    monkeypatch.setitem(exercises.REGISTRY, eid, _stored(ex))
    pack = [exercises.check(eid, answer) for answer in battery(ex.kind, expected)]
    assert [(fb.status, fb.message) for fb in pack] == [(fb.status, fb.message) for fb in book]
    with pytest.raises(LookupError, match="fingerprints"):
        exercises.REGISTRY[eid].expected()


@pytest.fixture()
def registered(throwaway_exercises):
    add = throwaway_exercises
    add("f-count", "number", lambda: 6)
    add("f-zero", "number", lambda: 0)
    add("f-big", "number", lambda: 2184)
    add("f-share", "number", lambda: 1 / 3, tolerance=0.01)
    add("f-exact-share", "number", lambda: 33.3)
    add("f-third", "number", lambda: 1 / 3)
    add("f-founders", "names", lambda: list(data.members("1996-04-26")["name"]))
    add("f-table", "table", lambda: data.members("2001-06-15")[["name", "status"]].reset_index(drop=True),
        columns=("name", "status"))
    add("f-shares", "table", lambda: pd.DataFrame({"school": ["a", "b"], "share": [1 / 3, 2 / 3]}),
        columns=("school", "share"), tolerance=0.01)
    yield


@pytest.mark.parametrize("eid,answer,verdict", [
    ("f-count", 6, "6 is right"), ("f-count", 7, "off by one (too high)"), ("f-count", 5, "off by one (too low)"),
    ("f-count", 6.5, "too high"), ("f-count", 5.5, "too low"), ("f-count", 60, "too high"), ("f-count", -60, "too low"),
    ("f-zero", 0, "0 is right"), ("f-zero", 1, "off by one (too high)"), ("f-zero", -1, "off by one (too low)"),
    ("f-big", 2184.0, "2184 is right"), ("f-big", 2185, "off by one"), ("f-big", 2100, "too low"),
    ("f-share", 0.33, "is right"), ("f-share", 0.3, "too low"), ("f-share", 0.35, "too high"), ("f-share", 3, "too high"),
    ("f-exact-share", 33.3, "33.3 is right"), ("f-exact-share", 33.30000000001, "33.3 is right"),
    ("f-exact-share", 33.2, "too low"), ("f-exact-share", 34, "too high"), ("f-exact-share", 33.3004, "too high"),
    ("f-third", 1 / 3, "0.333333333 is right"), ("f-third", 0.33335, "very close"), ("f-third", 0.3334, "too high"),
    ("f-third", 0.3332, "too low"),
])
def test_numbers_keep_their_direction_hints(registered, eid, answer, verdict):
    fb = exercises.check(eid, answer)
    assert verdict in fb.message, fb.message
    assert fb.correct is ("is right" in verdict)


@pytest.mark.parametrize("answer,right", [(1 / 3 + 0.0099, True), (1 / 3 - 0.0099, True), (1 / 3 + 0.0101, False),
                                          (1 / 3 - 0.0101, False)])
def test_a_tolerance_holds_to_a_fortieth_of_itself(registered, answer, right):
    assert exercises.check("f-share", answer).correct is right


# ---------------------------------------------------------------------------
# Answers that ignore the instructions
# ---------------------------------------------------------------------------
def test_a_table_with_an_extra_column_is_refused_saying_so(registered):
    whole = data.members("2001-06-15")
    fb = exercises.check("f-table", whole)
    assert not fb.correct
    assert "does not ask for" in fb.message and "iso3" in fb.message and "['name', 'status']" in fb.message, fb.message
    fb = exercises.check("f-table", whole[["name", "status"]].assign(index=range(len(whole))))
    assert not fb.correct and "index" in fb.message and "does not ask for" in fb.message


def test_the_whole_table_when_a_selection_was_asked_is_refused_saying_so(registered):
    every = data.members(2024)[["name", "status"]]
    fb = exercises.check("f-table", every)
    assert not fb.correct
    assert "every row asked for" in fb.message and "selection" in fb.message, fb.message
    assert f"and {len(every) - 6} more" in fb.message
    # fewer rows, or the same number of different rows, are not called a whole table
    assert "selection" not in exercises.check("f-table", every.iloc[:3]).message
    assert "selection" not in exercises.check("f-table", every.iloc[-6:]).message


def test_the_whole_list_when_a_selection_was_asked_is_refused_saying_so(registered):
    fb = exercises.check("f-founders", list(data.load("states")["name"]))
    assert not fb.correct and "selection" in fb.message and "Every name asked for is there" in fb.message, fb.message
    fb = exercises.check("f-founders", ["China", "Russia", "Mongolia"])
    assert "missing" in fb.message and "selection" not in fb.message


def test_a_tolerant_table_matches_rows_in_any_order(registered):
    right = pd.DataFrame({"school": ["a", "b"], "share": [0.33, 0.67]})
    assert exercises.check("f-shares", right).correct
    assert "order" in exercises.check("f-shares", right.iloc[::-1]).message
    fb = exercises.check("f-shares", pd.concat([right, pd.DataFrame({"school": ["c"], "share": [0.5]})]))
    assert "selection" in fb.message
    assert "differ" in exercises.check("f-shares", right.assign(share=[0.3, 0.7])).message


def test_the_check_of_a_long_answer_stays_fast(registered):
    import time

    big = pd.concat([data.members(2024)[["name", "status"]]] * 300, ignore_index=True)
    start = time.perf_counter()
    fb = exercises.check("f-table", big)
    assert not fb.correct and time.perf_counter() - start < 2
    assert math.isfinite(len(fb.message)) and len(fb.message) < 600
