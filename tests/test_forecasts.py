"""Chapter 6: the forecasts table is rebuilt from the evidence rows each forecast cites, and
every grade is checked against that evidence (issue 20): a grade that its evidence does not
imply, or that rests on no evidence dated after the forecast, fails."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import data, forecasts

BEARINGS = data.FORECAST_BEARINGS


def _cited(row) -> list[str]:
    return [item for column in BEARINGS for item in row[column]]


# ---------------------------------------------------------------------------
# The real table
# ---------------------------------------------------------------------------
def test_the_rebuilt_table_has_every_forecast_and_each_grade_is_the_one_its_evidence_implies():
    fc = data.load("forecasts")
    table = forecasts.table()
    assert list(table["id"]) == list(fc["id"])
    for _, row in table.iterrows():
        assert row["implied"] is not None, f"{row['id']}: no evidence cited"
        assert row["grade"] == row["implied"], f"{row['id']}: graded {row['grade']!r}, evidence implies {row['implied']!r}"
        # the table writes the evidence out, each piece with a citation a reader can follow
        written = " ".join(str(row[label]) for label in forecasts.BEARING_LABELS.values())
        assert written.strip(), row["id"]


def test_every_cited_evidence_row_is_dated_after_the_forecast():
    ev = data.load("evidence").set_index("id")
    for _, row in data.load("forecasts").iterrows():
        made = pd.Timestamp(row["made_by"]).date()
        cited = _cited(row)
        assert cited, f"{row['id']} cites no evidence"
        for item in cited:
            first, _ = data.partial_date_span(ev.loc[item, "date"])
            assert first > made, f"{row['id']}: {item} ({ev.loc[item, 'date']}) is not after {made}"


def test_the_made_by_dates_are_the_forecasters_publication_dates():
    fc = data.load("forecasts")
    for _, row in fc.iterrows():
        src = data.source(row["source"])
        first, last = data.partial_date_span(src["date"])
        made = pd.Timestamp(row["made_by"]).date()
        if row["source"] == "thesis2007":
            # the thesis looks ahead to the Bishkek summit of 16 August 2007 (sources.csv, note)
            assert made == pd.Timestamp("2007-08-15").date()
        else:
            assert first <= made <= last, f"{row['id']}: made_by {made} outside the source's date {src['date']}"


def test_every_evidence_row_is_cited_by_a_forecast_and_cites_a_named_source():
    cited = {item for _, row in data.load("forecasts").iterrows() for item in _cited(row)}
    ev = data.load("evidence")
    assert set(ev["id"]) == cited, f"evidence rows no forecast cites: {sorted(set(ev['id']) - cited)}"
    assert (ev["source"] != "genref").all()
    for _, row in ev.iterrows():
        assert data.cite_text(row["source"], row["place"]), row["id"]


@pytest.mark.skipif(not data.SEEDS_DIR.is_dir(), reason="the source documents are not beside the repository")
def test_evidence_quoted_from_the_source_documents_stands_in_them():
    ev = data.load("evidence")
    seeds = set(data.load("sources").dropna(subset=["file"])["id"])
    checked = 0
    for _, row in ev[ev["source"].isin(seeds)].iterrows():
        if not data.blank(row["excerpt"]):
            assert data.excerpt_found(row["excerpt"], data.seed_text(row["source"], row["place"])), row["id"]
            checked += 1
    assert checked >= 3


def test_evidence_rows_for_one_forecast_come_oldest_first_with_their_bearing():
    rows = forecasts.evidence_rows("eurasianet-own-goal")
    assert list(rows["date"]) == sorted(rows["date"])
    assert set(rows["bearing"]) == {"bears it out", "tells against it"}
    with pytest.raises(ValueError, match="'own-goal'"):
        forecasts.evidence_rows("own-goal")


# ---------------------------------------------------------------------------
# The grades the record after 2014 decides (issue 20, section 3)
# ---------------------------------------------------------------------------
def _fc(fid):
    return data.load("forecasts").set_index("id").loc[fid]


def test_own_goal_is_partly_right_on_the_conflicts_between_members():
    row = _fc("eurasianet-own-goal")
    assert row["grade"] == "partly"
    assert {"2025-operation-sindoor", "2025-qingdao-no-statement", "2023-new-delhi-bri-six"} <= set(row["bears_out"])
    assert {"2025-tianjin-pahalgam", "2025-tianjin-jaffar-khuzdar"} <= set(row["tells_against"])


def test_both_halves_of_katz_last_forecast_are_graded_on_their_own_evidence():
    down, post = _fc("katz-downplay-sco"), _fc("katz-post-soviet-bodies")
    assert "2015-gabuev-bank-blocked" in down["bears_out"]
    assert {"2022-csto-kazakhstan", "2014-eaeu-treaty"} <= set(post["bears_out"])
    assert "2024-armenia-freezes-csto" in post["tells_against"]


def test_the_thesis_on_american_presence_is_right_about_the_outcome_wrong_about_the_mechanism():
    row = _fc("thesis-sco-pressure")
    assert row["grade"] == "partly"
    assert row["bears_out"] == ["2014-manas-closed"]
    assert "2009-bakiyev-moscow-manas" in row["tells_against"]
    assert _fc("thesis-russia-china-alignment")["grade"] == "right"


# ---------------------------------------------------------------------------
# The rule, and the validator that enforces it on the data
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bears_out,tells_against,leaves_open,grade",
    [
        (["a"], [], [], "right"),
        ([], ["a"], [], "wrong"),
        (["a"], ["b"], [], "partly"),
        (["a"], ["b"], ["c"], "partly"),
        ([], ["a"], ["b"], "too early to say"),
        (["a"], [], ["b"], "too early to say"),
        ([], [], ["a"], "too early to say"),
        ([], [], [], None),
    ],
)
def test_the_grade_rule(bears_out, tells_against, leaves_open, grade):
    assert data.forecast_grade(bears_out, tells_against, leaves_open) == grade


def _edit(path: Path, fid: str, column: str, value: str) -> int:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    index = int(frame.index[frame["id"] == fid][0])
    frame.loc[index, column] = value
    frame.to_csv(path, index=False)
    return index + 1


@pytest.mark.parametrize(
    "fid,column,value,bad_column,message",
    [
        ("katz-sco-continues", "grade", "wrong", "grade", "implies 'right'"),
        ("eurasianet-own-goal", "grade", "too early to say", "grade", "implies 'partly'"),
        ("katz-sco-continues", "bears_out", "", "bears_out", "cites no evidence"),
        ("eurasianet-first-members", "made_by", "2018-01-01", "bears_out", "not dated after the forecast"),
        ("katz-no-endorsement", "tells_against", "2007-bishkek-unilateral",
         "tells_against", "not dated after the forecast"),
        ("thesis-economic-role", "leaves_open", "2030-bank-opens", "leaves_open", "not a known evidence key"),
    ],
)
def test_a_grade_its_evidence_does_not_support_is_refused(data_copy, fid, column, value, bad_column, message):
    row = _edit(data_copy / "forecasts.csv", fid, column, value)
    with pytest.raises(data.DataError) as info:
        data.validate_all(data_copy)
    err = info.value
    assert (err.file, err.row, err.column) == ("forecasts.csv", row, bad_column), str(err)
    assert message in str(err)


def test_moving_an_evidence_row_before_the_forecast_is_refused(data_copy):
    _edit(data_copy / "evidence.csv", "2017-india-pakistan-join", "date", "2014-09")
    with pytest.raises(data.DataError, match=r"forecasts.csv, row \d+ \(katz-sco-continues\)|forecasts.csv, row \d+ \(eurasianet-first-members\)"):
        data.validate_all(data_copy)
