"""The checker judges values, not their spelling (issue 23): a number is a number whatever its
type, a name with junk is not the name, answers in other scripts are shown back, unsupported
types are told what is accepted, and thousands of items are judged fast, with short messages."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from helpers import data, exercises


@pytest.fixture()
def registered(throwaway_exercises):
    add = throwaway_exercises
    add("v-count", "number", lambda: 6)
    add("v-share", "number", lambda: 1 / 3, tolerance=0.01)
    add("v-founders", "names", lambda: list(data.members("1996-04-26")["name"]))
    add("v-city", "text", lambda: "Dushanbe")
    add("v-date", "date", lambda: data.meeting("2008-dushanbe")["start"])
    add("v-counts", "table", lambda: pd.DataFrame({"status": ["member", "observer"], "n": [6, 4]}),
        columns=("status", "n"))
    add("v-shares", "table", lambda: pd.DataFrame({"school": ["a", "b"], "share": [1 / 3, 2 / 3]}),
        columns=("school", "share"), tolerance=0.01)
    yield


FOUNDERS = ["China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan"]


@pytest.mark.parametrize("answer", [6.0, np.float64(6.0), np.int32(6), np.float32(6.0)])
def test_a_number_equal_to_the_answer_is_right_whatever_its_type(registered, answer):
    assert exercises.check("v-count", answer).correct


@pytest.mark.parametrize("answer,right", [(0.33, True), (0.335, True), (1 / 3, True), (0.3, False), (0.4, False)])
def test_a_tolerance_where_the_exercise_allows_one(registered, answer, right):
    assert exercises.check("v-share", answer).correct is right


def test_no_tolerance_where_the_exercise_allows_none(registered):
    assert not exercises.check("v-count", 6.01).correct
    assert not exercises.check("v-count", 5.999).correct


@pytest.mark.parametrize("counts", [[6.0, 4.0], np.array([6, 4], dtype="int32"), pd.array([6, 4], dtype="Int64"),
                                    np.array([6.0, 4.0], dtype="float32")])
def test_a_table_whose_counts_are_floats_is_right(registered, counts):
    answer = pd.DataFrame({"status": ["member", "observer"], "n": counts})
    assert exercises.check("v-counts", answer).correct, exercises.check("v-counts", answer).message


def test_a_table_with_a_wrong_count_is_wrong(registered):
    answer = pd.DataFrame({"status": ["member", "observer"], "n": [6.0, 4.5]})
    assert not exercises.check("v-counts", answer).correct


def test_a_table_column_within_the_tolerance_is_right(registered):
    assert exercises.check("v-shares", pd.DataFrame({"school": ["a", "b"], "share": [0.33, 0.67]})).correct
    assert not exercises.check("v-shares", pd.DataFrame({"school": ["a", "b"], "share": [0.3, 0.7]})).correct


@pytest.mark.parametrize("junk", ["!", "!!!", "#", ")", "\u200b", "1", "?", ";", "*", "xyz"])
def test_junk_appended_to_a_right_name_is_wrong(registered, junk):
    answer = FOUNDERS[:-1] + [FOUNDERS[-1] + junk]
    fb = exercises.check("v-founders", answer)
    assert not fb.correct, junk
    assert not exercises.check("v-city", "Dushanbe" + junk).correct, junk


def test_spacing_case_and_accents_still_do_not_matter(registered):
    assert exercises.check("v-founders", [" china", "RUSSIA", "Kazakstan ", "kyrgyz republic", "tajikistan"]).correct
    assert exercises.check("v-city", " dushanbe ").correct


@pytest.mark.parametrize("answer,shown", [(["Китай", "Россия", "Казахстан", "Киргизия", "Таджикистан"], "Китай"),
                                          (["中国", "俄罗斯", "哈萨克斯坦", "吉尔吉斯斯坦", "塔吉克斯坦"], "中国")])
def test_answers_in_another_script_are_shown_back(registered, answer, shown):
    fb = exercises.check("v-founders", answer)
    assert not fb.correct and shown in fb.message, fb.message
    assert "Latin" in fb.message or "English" in fb.message
    fb = exercises.check("v-city", answer[0])
    assert not fb.correct and shown in fb.message, fb.message


@pytest.mark.parametrize("eid,answer", [("v-count", np.timedelta64(17, "D")), ("v-count", pd.Timedelta(days=17)),
                                        ("v-date", np.timedelta64(17, "D")), ("v-founders", np.timedelta64(17, "D")),
                                        ("v-city", np.timedelta64(17, "D")), ("v-counts", np.timedelta64(17, "D")),
                                        ("v-count", complex(6, 0)), ("v-count", object())])
def test_an_unsupported_type_is_told_what_is_accepted(registered, eid, answer):
    fb = exercises.check(eid, answer)
    assert not fb.correct
    assert "accepted" in fb.message.lower(), fb.message
    assert type(answer).__name__ in fb.message and "could not be compared" not in fb.message, fb.message


def test_a_time_difference_is_told_to_take_its_days(registered):
    fb = exercises.check("v-count", pd.Timedelta(days=17))
    assert ".days" in fb.message


def test_thousands_of_items_are_judged_fast_with_a_short_message(registered):
    exercises.check("v-founders", FOUNDERS)  # the data loaded and the answer computed once
    answer = [f"State number {i}" for i in range(5000)] + FOUNDERS
    start = time.perf_counter()
    fb = exercises.check("v-founders", answer)
    took = time.perf_counter() - start
    assert not fb.correct and took < 0.5, f"{took:.2f} s"
    assert len(fb.message) < 400, fb.message[:500]
    answer = FOUNDERS + [FOUNDERS[0]] * 5000
    start = time.perf_counter()
    fb = exercises.check("v-founders", answer)
    assert not fb.correct and "more than once" in fb.message and time.perf_counter() - start < 0.5


@pytest.mark.parametrize("answer", ["x" * 100_000, ["x" * 100_000], [1] * 10_000, {"a" * 50_000: 1}, "4" * 50_000])
def test_messages_echo_only_a_short_excerpt(registered, answer):
    for eid in ("v-count", "v-founders", "v-city", "v-date", "v-counts"):
        fb = exercises.check(eid, answer)
        assert not fb.correct and len(fb.message) < 400, (eid, fb.message[:300])
