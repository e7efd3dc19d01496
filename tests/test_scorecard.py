"""Chapter 5's scorecard: the two tables, the summary, the widget (escaping, bad input), and the
built page, where choosing another reading or summit with the keyboard changes the evidence shown."""

from __future__ import annotations

import itertools
import re

import ipywidgets as w
import pandas as pd
import pytest
from conftest import BUILD, fold_space, live_widgets, visible_widget_text
from markupsafe import escape

from helpers import data, exercises, scorecard

EVENTS = ["2005-astana", "2008-dushanbe", "2014-dushanbe"]
SCHOOLS = ["anti-western-bloc", "china-vehicle", "russia-instrument", "autocrats-club", "talking-shop", "members-restraint",
           "members-own-account"]


def _stacks(widget):
    found = [widget] if isinstance(widget, w.Stack) else []
    for child in getattr(widget, "children", ()):
        found += _stacks(child)
    return found


def _panes(widget) -> list[str]:
    found = [widget.value] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        found += _panes(child)
    return found


# ---------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------
def test_the_tables_validate():
    counts = data.validate_all()
    assert counts["schools"] == len(SCHOOLS) and counts["scorecard"] >= 2 * len(SCHOOLS) * len(EVENTS)
    scorecard.validate()


def test_the_readings_the_chapter_promises_are_there():
    assert scorecard.school_ids() == SCHOOLS
    assert scorecard.events() == EVENTS
    holders = {h for hs in data.load("schools")["holders"] for h in hs}
    # every analyst the sources offer holds at least one reading
    assert {"katz", "sun-zhuangzhi", "chung", "craig", "turner", "bhadrakumar", "abdullo", "mullojanov",
            "swanstrom", "thesis-author", "summit2014-author", "bohr", "allison"} <= holders


def test_every_school_event_cell_exists():
    card = data.load("scorecard")
    found = set(zip(card["school"], card["event"]))
    assert found == set(itertools.product(SCHOOLS, EVENTS))
    assert len(scorecard.cells()) == len(SCHOOLS) * len(EVENTS)


def test_every_row_cites_a_source_with_a_passage():
    for name in ("schools", "scorecard"):
        frame = data.load(name)
        for i, row in frame.iterrows():
            src = data.source(row["source"])
            assert src["kind"] != "reference", f"{name} row {i + 1}: general reference is not evidence"
            where = data.passage(row["source"], row["place"])
            assert where, f"{name} row {i + 1}: no passage"
            text = data.cite_text(row["source"], row["place"])
            assert text.endswith(where) and not re.search(r"\bL\d|\blines?\b", text)
            assert 0 < data.words(row["excerpt"]) <= data.MAX_EXCERPT_WORDS


def test_excerpts_of_the_source_documents_stand_in_them():
    if not data.SEEDS_DIR.exists():
        pytest.skip("the source documents are not beside the repository")
    with_file = set(data.load("sources").dropna(subset=["file"])["id"])
    for name in ("schools", "scorecard"):
        for _, row in data.load(name).iterrows():
            if row["source"] in with_file:
                assert data.excerpt_found(row["excerpt"], data.seed_text(row["source"], row["place"])), row["excerpt"]


def test_every_kind_of_evidence_is_used_and_each_cell_has_more_than_one_piece():
    card = data.load("scorecard")
    assert set(card["kind"].astype(str)) == set(scorecard.EVIDENCE_KINDS)
    assert (card.groupby(["school", "event"]).size() >= 2).all()


def test_a_cell_whose_rows_disagree_is_refused():
    card = data.load("scorecard")
    second = card.index[(card["school"] == "talking-shop") & (card["event"] == "2008-dushanbe")][1]
    card.loc[second, "verdict"] = "fits" if card.loc[second, "verdict"] != "fits" else "does not fit"
    with pytest.raises(data.DataError) as info:
        scorecard.validate(card)
    assert (info.value.file, info.value.row, info.value.column) == ("scorecard.csv", int(second) + 1, "verdict")


def test_a_missing_cell_is_refused():
    card = data.load("scorecard")
    card = card[~((card["school"] == "china-vehicle") & (card["event"] == "2014-dushanbe"))]
    with pytest.raises(data.DataError, match="china-vehicle.*2014-dushanbe"):
        scorecard.validate(card)


def test_a_verdict_outside_the_vocabulary_is_named(data_copy):
    dest = data_copy
    frame = pd.read_csv(dest / "scorecard.csv", dtype=str, keep_default_na=False)
    frame.loc[2, "verdict"] = "maybe"
    frame.to_csv(dest / "scorecard.csv", index=False)
    with pytest.raises(data.DataError) as info:
        data.validate_all(dest)
    assert (info.value.file, info.value.row, info.value.column) == ("scorecard.csv", 3, "verdict")


# ---------------------------------------------------------------------------
# The summary
# ---------------------------------------------------------------------------
def test_summary_counts_each_cell_once():
    card = data.load("scorecard")
    table = scorecard.summary()
    assert list(table.columns) == ["school"] + list(scorecard.VERDICTS) + ["support"]
    assert set(table["school"]) == set(SCHOOLS)
    # every school has one verdict per event, however many pieces of evidence its cells hold
    assert (table[list(scorecard.VERDICTS)].sum(axis=1) == len(EVENTS)).all()
    assert (table["support"] == table["fits"] + table["partly fits"]).all()
    # by hand: a school's support is the number of its events whose verdict, on any of its rows, is a fit
    for school in SCHOOLS:
        rows = card[card["school"] == school]
        by_hand = sum(any(v in ("fits", "partly fits") for v in rows.loc[rows["event"] == e, "verdict"].astype(str)) for e in EVENTS)
        assert table.set_index("school").loc[school, "support"] == by_hand
    assert list(table["support"]) == sorted(table["support"], reverse=True)


def test_summary_of_some_events():
    two = scorecard.summary(events=("2008-dushanbe", "2014-dushanbe"))
    assert (two[list(scorecard.VERDICTS)].sum(axis=1) == 2).all()
    one = scorecard.summary(events="2005-astana").set_index("school")
    # the one cell the chapter says was not tested in 2005
    assert one.loc["members-restraint", "too early to say"] == 1
    with pytest.raises(ValueError, match="2005-astana"):
        scorecard.summary(events=("2009-dushanbe",))


def test_the_summary_exercise_agrees_with_the_summary():
    expected = exercises.REGISTRY["ch5-support"].expected()
    summary = scorecard.summary()[["school", "support"]]
    pd.testing.assert_frame_equal(expected.reset_index(drop=True).astype(str), summary.astype(str))
    assert exercises.check("ch5-support", summary).correct


def test_the_plain_table_is_a_full_text_alternative():
    table = scorecard.table()
    assert len(table) == len(data.load("scorecard"))
    assert "place" not in table.columns and "source" not in table.columns
    grid = scorecard.grid()
    assert grid.shape == (len(SCHOOLS), len(EVENTS)) and set(grid.stack()) <= set(scorecard.VERDICTS)


# ---------------------------------------------------------------------------
# The widget
# ---------------------------------------------------------------------------
def test_the_widget_holds_a_pane_for_every_cell():
    box = scorecard.scorecard(school="members-restraint", event="2008-dushanbe")
    outer = _stacks(box)[0]
    assert outer.selected_index == SCHOOLS.index("members-restraint")
    assert len(outer.children) == len(SCHOOLS)
    card = data.load("scorecard")
    for i, school in enumerate(SCHOOLS):
        inner = outer.children[i]
        assert len(inner.children) == len(EVENTS) + 1  # one pane per summit, and the overview
        assert inner.selected_index == EVENTS.index("2008-dushanbe")
        for j, event in enumerate(EVENTS):
            pane = inner.children[j].value
            rows = card[(card["school"] == school) & (card["event"] == event)]
            for excerpt in rows["excerpt"]:
                assert escape(excerpt) in pane
            assert escape(rows["verdict"].iloc[0]) in pane
            others = card[(card["school"] != school) | (card["event"] != event)]["excerpt"]
            mine = list(rows["excerpt"])
            foreign = [e for e in set(others) if not any(e in m for m in mine)]  # an excerpt may quote part of another
            assert not any(escape(e) in pane for e in foreign)


def test_the_widget_has_labelled_controls_and_opens_on_the_overview_by_default():
    box = scorecard.scorecard()
    dropdown, buttons = box.children[0], box.children[1]
    assert isinstance(dropdown, w.Dropdown) and dropdown.description.endswith(":")
    assert isinstance(buttons, w.ToggleButtons) and buttons.description.endswith(":")
    assert buttons.index == len(EVENTS) and "Overview" in buttons.options[-1][0]


def test_the_widget_escapes_every_string():
    evil = "<script>alert('x')</script>"
    card = data.load("scorecard")
    card["evidence"] = card["evidence"].astype(str) + " " + evil
    card.loc[card.index[0], "excerpt"] = evil
    card["observed"] = card["observed"].astype(str) + evil
    schools = data.load("schools")
    schools["name"] = schools["name"].astype(str) + evil
    box = scorecard.scorecard(card=card, schools=schools)
    panes = _panes(box)
    assert panes and all("<script>" not in p for p in panes)
    assert any(escape(evil) in p for p in panes)


@pytest.mark.parametrize("kwargs, valid", [
    ({"school": "talking shop"}, "talking-shop"),
    ({"school": "bloc"}, "anti-western-bloc"),
    ({"event": "2009-dushanbe"}, "2008-dushanbe"),
    ({"event": "dushanbe"}, "2014-dushanbe"),
])
def test_a_bad_school_or_event_is_refused_with_the_valid_choices(kwargs, valid):
    with pytest.raises(ValueError) as info:
        scorecard.scorecard(**kwargs)
    message = str(info.value)
    assert repr(next(iter(kwargs.values()))) in message and valid in message
    names = SCHOOLS if "school" in kwargs else EVENTS
    assert all(n in message for n in names), "every valid choice is named"


def test_a_school_that_is_not_a_string_is_refused():
    with pytest.raises(TypeError, match="talking-shop"):
        scorecard.scorecard(school=3)
    with pytest.raises(ValueError, match="members-restraint"):
        scorecard.evidence("nobody", "2008-dushanbe")


# ---------------------------------------------------------------------------
# The built page, in headless Chromium
# ---------------------------------------------------------------------------
PAGE = "chapters/05_what_is_the_sco_for.html"




def _first_excerpt(school: str, event: str) -> str:
    card = data.load("scorecard")
    return str(card[(card["school"] == school) & (card["event"] == event)]["excerpt"].iloc[0])


@pytest.mark.browser
def test_choosing_a_reading_or_a_summit_by_keyboard_changes_the_evidence(page, server, book):
    if not (BUILD / PAGE).exists():
        pytest.fail(f"{PAGE} is not built: run 'make book'")
    page.goto(server + PAGE, wait_until="load")
    page.wait_for_timeout(700)
    live_widgets(page)  # the widget manager loads when the reader comes near a widget
    box = page.locator(".sco-scorecard").first
    box.scroll_into_view_if_needed()
    start = ("members-restraint", "2008-dushanbe")
    assert fold_space(_first_excerpt(*start)) in fold_space(visible_widget_text(box))
    # another reading, with the keyboard: the select moves with the arrow keys
    select = box.locator("select")
    assert box.locator("label").first.inner_text().strip(), "a visible label"
    select.focus()
    select.press("ArrowUp")
    upper = SCHOOLS[SCHOOLS.index(start[0]) - 1]
    shown = fold_space(visible_widget_text(box))
    assert fold_space(_first_excerpt(upper, start[1])) in shown
    assert fold_space(_first_excerpt(*start)) not in shown
    # another summit, with the keyboard: Tab to its button and press Enter, then Space on another
    buttons = box.locator("button.widget-toggle-button")
    assert buttons.count() == len(EVENTS) + 1
    buttons.nth(EVENTS.index("2014-dushanbe")).focus()
    page.keyboard.press("Enter")
    shown = fold_space(visible_widget_text(box))
    assert fold_space(_first_excerpt(upper, "2014-dushanbe")) in shown
    assert fold_space(_first_excerpt(upper, start[1])) not in shown
    buttons.nth(0).focus()
    page.keyboard.press("Space")
    assert fold_space(_first_excerpt(upper, "2005-astana")) in fold_space(visible_widget_text(box))
    # and with the mouse: the overview shows the reading's claim
    buttons.nth(len(EVENTS)).click()
    claim = str(data.load("schools").set_index("id").loc[upper, "claim"])
    assert fold_space(claim) in fold_space(visible_widget_text(box))
