"""The exercise checker, the quizzes, the exercise ids across the book, and the student edition."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, exercise_bank, exercises
from tools import guide, student
from tools import notebooks as nbfiles

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = nbfiles.chapters()


@pytest.fixture()
def registered(throwaway_exercises):
    """A few throw-away exercises of each kind, computed from the data like the real ones."""
    add = throwaway_exercises
    add("t-founders", "names", lambda: list(data.members("1996-04-26")["name"]))
    add("t-ordered", "ordered names", lambda: sorted(data.members("1996-04-26")["name"]))
    add("t-count", "number", lambda: len(data.members("2008-08-28", status="observer")))
    add("t-date", "date", lambda: data.meeting("2008-dushanbe")["start"])
    add("t-city", "text", lambda: str(data.load("places").set_index("id").loc[data.meeting("2008-dushanbe")["city"], "name"]))
    add("t-table", "table", lambda: data.members("2001-06-15")[["name", "status"]], columns=("name", "status"))
    yield


def _check(eid, answer):
    fb = exercises.check(eid, answer)
    assert fb.status in ("correct", "wrong", "unanswered")
    assert str(fb) and fb._repr_html_()
    return fb


FOUNDERS = ["China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan"]


def test_right_answers(registered):
    assert _check("t-founders", FOUNDERS).correct
    assert _check("t-founders", ["chn", "RUSSIA", "Kazakstan", "KGZ", "Tajikistan"]).correct, "aliases accepted"
    assert _check("t-founders", pd.Series(FOUNDERS)).correct
    assert _check("t-founders", data.members("1996-04-26")).correct, "a table with a name column"
    assert _check("t-ordered", sorted(FOUNDERS)).correct
    assert _check("t-count", 4).correct and _check("t-count", np.int64(4)).correct
    assert _check("t-date", "2008-08-28").correct and _check("t-date", dt.date(2008, 8, 28)).correct
    assert _check("t-city", "dushanbe").correct
    assert _check("t-table", data.members("2001-06-15")[["name", "status"]]).correct
    assert _check("t-table", data.members("2001-06-15")[["status", "name"]]).correct, "the columns in any order"


def test_wrong_answers_get_hints_without_the_answer(registered):
    fb = _check("t-founders", FOUNDERS[:4])
    assert not fb.correct and "1 expected name is missing" in fb.message and "Tajikistan" not in fb.message
    fb = _check("t-founders", FOUNDERS + ["Uzbekistan"])
    assert "Uzbekistan should not be there" in fb.message
    assert "more than once" in _check("t-founders", FOUNDERS + ["China"]).message
    assert "order" in _check("t-ordered", FOUNDERS).message
    assert "off by one" in _check("t-count", 5).message and "too high" in _check("t-count", 5).message
    assert "too low" in _check("t-count", 1).message
    assert "off by one year" in _check("t-date", "2007-08-28").message
    assert "not the day" in _check("t-date", "2008-08-27").message
    assert "rows" in _check("t-table", data.members("1996-04-26")[["name", "status"]]).message


@pytest.mark.parametrize(
    "eid,answer,needle",
    [
        ("t-count", "4", "without quotes"),
        ("t-count", None, "None"),
        ("t-count", [1, 2], "one number"),
        ("t-count", True, "expected a number"),
        ("t-founders", "China", "one string"),
        ("t-founders", 5, "list of names"),
        ("t-founders", np.array([FOUNDERS, FOUNDERS]), "flat list"),
        ("t-founders", pd.Series(["China", None]), "should be a name"),
        ("t-founders", [1, 2], "should be a name"),
        ("t-founders", pd.DataFrame({"a": [1], "b": [2]}), "columns"),
        ("t-date", "28 August 2008", "YYYY-MM-DD"),
        ("t-date", 2008, "gave a year"),
        ("t-date", "08/28/2008", "YYYY-MM-DD"),
        ("t-date", [2008], "expected a date"),
        ("t-city", 3, "string"),
        ("t-table", pd.DataFrame({"state": ["x"]}), "lacks the column"),
        ("t-table", ["China"], "DataFrame"),
    ],
)
def test_malformed_answers_are_explained_never_raised(registered, eid, answer, needle):
    fb = _check(eid, answer)
    assert not fb.correct and needle in fb.message


def test_unanswered_is_not_an_error(registered):
    fb = _check("t-count", ...)
    assert fb.status == "unanswered" and "not answered" in str(fb).lower()


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.text(), st.lists(st.text()),
                 st.dictionaries(st.text(), st.integers()), st.dates(), st.booleans()))
def test_check_never_crashes(answer):
    if "t-any" not in exercises.REGISTRY:
        exercises.exercise("t-any", 0, "robustness", "names")(lambda: ["China"])
    for kind_id in ("t-any",):
        assert exercises.check(kind_id, answer).status in ("correct", "wrong", "unanswered")


@pytest.mark.parametrize("bad_id", ["no-such-exercise", None, 5, ["ch1-founders"], {"id": 1}, b"ch1-founders", 3.5])
def test_a_bad_exercise_id_gets_feedback_never_a_traceback(bad_id):
    fb = _check(bad_id, ["China"])
    assert not fb.correct and fb.status == "wrong"
    assert repr(bad_id) in str(fb) or str(bad_id) in fb.message


def test_an_error_in_the_expected_answer_is_the_authors_and_raises():
    def broken():
        return data.load("states")["no such column"]

    exercises.exercise("t-broken", 0, "testing the checker", "names")(broken)
    try:
        with pytest.raises(KeyError):
            exercises.check("t-broken", ["China"])
    finally:
        exercises.REGISTRY.pop("t-broken")


@pytest.mark.parametrize(
    "answer",
    [np.array(FOUNDERS), np.array(FOUNDERS, dtype=object), pd.Series(FOUNDERS).unique(),
     pd.Series(FOUNDERS, dtype="string").unique(), pd.Series(FOUNDERS, dtype="category").unique(),
     pd.Series(FOUNDERS + ["China"]).unique(), tuple(FOUNDERS), set(FOUNDERS), frozenset(FOUNDERS),
     pd.Index(FOUNDERS), pd.Series(FOUNDERS, dtype="string"), pd.array(FOUNDERS, dtype="string"),
     {name: 1 for name in FOUNDERS}.keys()],
    ids=["ndarray", "object ndarray", "Series.unique()", "string Series.unique()", "category Series.unique()",
         "unique() of duplicates", "tuple", "set", "frozenset", "Index", "string Series", "StringArray", "dict keys"],
)
def test_natural_collections_of_names_are_accepted(registered, answer):
    assert _check("t-founders", answer).correct


def test_chapter_three_solution_with_unique_is_correct():
    fears = data.fears_table()
    answer = fears.loc[fears["raised by"] == "Rashid Abdullo", "region"].unique()
    assert _check("ch3-abdullo-regions", answer).correct


@pytest.mark.parametrize("nan", [float("nan"), np.nan, np.float64("nan")])
def test_nan_is_not_a_number_not_too_low(registered, nan):
    fb = _check("t-count", nan)
    assert not fb.correct and "not a number" in fb.message
    assert "too low" not in fb.message and "too high" not in fb.message
    assert "infinite" in _check("t-count", float("inf")).message


def test_an_id_cannot_be_registered_twice(registered):
    with pytest.raises(ValueError, match="twice"):
        exercises.exercise("t-count", 0, "dup", "number")(lambda: 1)


# ---------------------------------------------------------------------------
# Across the book
# ---------------------------------------------------------------------------
@functools.cache
def _book_checks() -> tuple[tuple[str, str], ...]:
    """(chapter, exercise id) of every check() in the chapters' code (read once per test process)."""
    found = []
    for nb_path in CHAPTERS:
        for cell in nbfiles.read(nb_path).cells:
            if cell.cell_type == "code":
                found += [(nb_path.name, eid) for eid in re.findall(r'check\(\s*"([^"]+)"', cell.source)]
    return tuple(found)


def test_every_check_in_the_book_names_a_registered_exercise():
    registry = exercises.REGISTRY
    missing = [(nb, eid) for nb, eid in _book_checks() if eid not in registry]
    assert not missing, f"check() ids with no exercise: {missing}"


def test_every_registered_exercise_is_used_and_computes():
    used = {eid for _, eid in _book_checks()}
    for eid, ex in exercises.REGISTRY.items():
        if eid.startswith("t-"):
            continue
        assert eid in used, f"exercise {eid} is registered but no chapter checks it"
        assert ex.expected() is not None


@pytest.fixture(scope="module")
def book_exercises():
    """Every exercise directive of the chapters (tools/guide.py), read once for this module's tests."""
    return guide.notebook_exercises()


def test_exercise_labels_are_unique_across_the_book(book_exercises):
    table = book_exercises
    labels = list(table["label"])
    assert all(labels), "every exercise directive has a :label:"
    assert len(labels) == len(set(labels)), f"duplicate exercise labels: {sorted({x for x in labels if labels.count(x) > 1})}"


def test_every_exercise_serves_a_learning_outcome(book_exercises):
    table = book_exercises
    missing = [r.label for r in table.itertuples() if not guide.outcomes(r.label, r.checks)]
    assert not missing, f"exercises with no learning outcome (register source exercises with source_exercise): {missing}"
    unknown = set(exercise_bank.SOURCE_OUTCOMES) - set(table["label"])
    assert not unknown, f"source outcomes registered for labels no chapter has: {sorted(unknown)}"


@pytest.mark.parametrize("nb_path", CHAPTERS, ids=lambda p: p.name)
def test_each_chapter_has_its_exercises(nb_path, book_exercises):
    table = book_exercises
    mine = table[table["page"] == nb_path.stem]
    assert len(mine) >= 3, f"{nb_path.name} has {len(mine)} exercise directives (plus a quiz: at least four exercises)"
    assert (mine["solution"].map(len) > 0).all(), "every exercise has a solution"
    text = nb_path.read_text()
    assert "exercises.quiz(" in text, "a quiz"
    code_checks = [eid for nb, eid in _book_checks() if nb == nb_path.name]
    assert len(set(code_checks)) >= 2, "at least two code exercises with check()"


# ---------------------------------------------------------------------------
# Quizzes
# ---------------------------------------------------------------------------
QUIZZES = sorted(p.stem for p in exercises.QUIZ_DIR.glob("*.json"))


@pytest.mark.parametrize("name", QUIZZES)
def test_quizzes_load_with_feedback_for_every_choice(name):
    questions = exercises.load_quiz(name)
    assert len(questions) >= 5


def test_a_quiz_without_feedback_is_refused(tmp_path, monkeypatch):
    bad = [{"question": "Q?", "type": "multiple_choice", "answers": [{"answer": "A", "correct": True}]}]
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    monkeypatch.setattr(exercises, "QUIZ_DIR", tmp_path)
    with pytest.raises(ValueError, match="feedback"):
        exercises.load_quiz("bad")
    with pytest.raises(ValueError, match="'nope'"):
        exercises.load_quiz("nope")


# ---------------------------------------------------------------------------
# The student edition
# ---------------------------------------------------------------------------
def test_student_edition_has_no_solution(tmp_path):
    assert student.main([str(ROOT / "chapters"), str(tmp_path / "student")]) == 0
    written = sorted((tmp_path / "student").glob("*.ipynb"))
    assert [p.name for p in written] == [f"{p.stem}.ipynb" for p in CHAPTERS]
    for path in written:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            assert student.SOLUTION_TAG not in cell.metadata.get("tags", [])
            assert "{solution" not in cell.source


@pytest.mark.build
@pytest.mark.parametrize("nb_path", CHAPTERS, ids=lambda p: p.name)
def test_student_edition_still_executes(nb_path, tmp_path):
    from nbclient import NotebookClient

    nb, removed = student.strip(nbfiles.read(nb_path))
    assert removed > 0
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(nb_path.parent)}})
    client.execute()
    outputs = json.dumps([c.get("outputs", []) for c in nb.cells if c.cell_type == "code"])
    assert "Not answered yet" in outputs, "the student cells report that they are not answered yet"
    assert "✔ Correct" not in outputs, "no solution ran in the student edition"


def test_the_guide_links_a_chapter_answer_from_the_top_of_the_book():
    """A model answer links other chapters relative to chapters/; the instructors' page shows it
    at the top of the book, so its links are made absolute (a relative one fails the build)."""
    md = guide.solution_markdown([("markdown", "See {doc}`chapter 5 <05_what_is_the_sco_for>` and {doc}`02_russia_central_asia`.")])
    assert "{doc}`chapter 5 </chapters/05_what_is_the_sco_for>`" in md and "{doc}`/chapters/02_russia_central_asia`" in md


def test_myst_boxes_become_quoted_blocks_jupyterlab_can_show():
    text = ("Before.\n\n:::{exercise} Who founded the Shanghai Five?\n:label: ex-ch1-founders\n\nUse `data.members()`;"
            " see {cite:p}`katz2008{para. 3}` and {doc}`chapter 5 <05_what_is_the_sco_for>`.\n\n- a list\n:::\n\n"
            ":::{admonition} Read the sources\n:class: tip\n\nThe thesis {cite:p}`thesis2007{ch. 3}; olimova2008`.\n:::\n"
            ":::{note}\nPlain.\n:::")
    out = student.readable(text)
    assert out.startswith("Before.\n\n> **Exercise: Who founded the Shanghai Five?**\n>\n> Use `data.members()`; see "
                          "(katz2008, para. 3) and chapter 5.\n>\n> - a list\n"), out
    assert "> **Read the sources**\n>\n> The thesis (thesis2007, ch. 3; olimova2008).\n" in out
    assert "> **Note**\n>\n> Plain." in out
    assert ":::" not in out and "{cite" not in out and ":label:" not in out and ":class:" not in out
