"""Chapter 6: the membership rows after 2009 (observers, dialogue partners, the enlargements), the
summits of 2015-2025, the forecasts table, and the sources they cite."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import data, exercise_bank, maps

FULL = ["founding member", "member"]


def _names(on, status=None):
    return set(data.members(on, status=status)["name"])


def _row(iso3, status):
    ms = data.load("membership")
    hit = ms[(ms["state"] == iso3) & (ms["status"] == status)]
    assert len(hit) == 1, f"{iso3} should have exactly one {status} row"
    return hit.iloc[0]


# ---------------------------------------------------------------------------
# The new rows: dates, statuses, meetings, sources
# ---------------------------------------------------------------------------
ROWS = [
    # state, status, start, end, meeting, source
    ("BLR", "dialogue partner", "2009-06-16", "2015-07-10", "2009-yekaterinburg", "trend2009"),
    ("LKA", "dialogue partner", "2009-06-16", None, "2009-yekaterinburg", "trend2009"),
    ("AFG", "observer", "2012-06-07", None, "2012-beijing", "pajhwok2012"),
    ("TUR", "dialogue partner", "2012-06-07", None, "2012-beijing", "mfatr2013"),
    ("BLR", "observer", "2015-07-10", "2024-07-04", "2015-ufa", "xinhua2015"),
    ("ARM", "dialogue partner", "2015-07-10", None, "2015-ufa", "dailystar2015"),
    ("AZE", "dialogue partner", "2015-07-10", None, "2015-ufa", "dailystar2015"),
    ("KHM", "dialogue partner", "2015-07-10", None, "2015-ufa", "dailystar2015"),
    ("NPL", "dialogue partner", "2015-07-10", None, "2015-ufa", "dailystar2015"),
    ("IND", "member", "2017-06-09", None, "2017-astana", "sco2017press"),
    ("PAK", "member", "2017-06-09", None, "2017-astana", "sco2017press"),
    ("EGY", "dialogue partner", "2021-09-17", None, "2021-dushanbe", "urdupoint2021"),
    ("QAT", "dialogue partner", "2021-09-17", None, "2021-dushanbe", "urdupoint2021"),
    ("SAU", "dialogue partner", "2021-09-17", None, "2021-dushanbe", "urdupoint2021"),
    ("BHR", "dialogue partner", "2022-09-16", None, "2022-samarkand", "xinhua2022"),
    ("MDV", "dialogue partner", "2022-09-16", None, "2022-samarkand", "xinhua2022"),
    ("ARE", "dialogue partner", "2022-09-16", None, "2022-samarkand", "xinhua2022"),
    ("KWT", "dialogue partner", "2022-09-16", None, "2022-samarkand", "xinhua2022"),
    ("MMR", "dialogue partner", "2022-09-16", None, "2022-samarkand", "xinhua2022"),
    ("IRN", "member", "2023-07-04", None, "2023-new-delhi", "tass2023"),
    ("BLR", "member", "2024-07-04", None, "2024-astana", "astanatimes2024"),
    ("LAO", "dialogue partner", "2025-09-01", None, "2025-tianjin", "kg2025"),
]


@pytest.mark.parametrize("iso3,status,start,end,meeting,source", ROWS, ids=lambda v: str(v))
def test_membership_row(iso3, status, start, end, meeting, source):
    row = _row(iso3, status)
    assert row["start"] == pd.Timestamp(start)
    assert (pd.isna(row["end"]) if end is None else row["end"] == pd.Timestamp(end))
    assert row["meeting"] == meeting
    assert row["source"] == source and not data.blank(row["place"]), "cited to a passage"
    # the decision was taken at the meeting the row names
    m = data.meeting(meeting)
    assert m["start"] <= row["start"] <= m["end"]


def test_a_status_ends_the_day_the_next_begins():
    ms = data.load("membership")
    for state, periods in ms.groupby("state"):
        periods = periods.sort_values("start")
        for (_, a), (_, b) in zip(periods.iloc[:-1].iterrows(), periods.iloc[1:].iterrows()):
            assert a["end"] == b["start"], f"{state}: {a['status']} should end the day {b['status']} begins"


def test_every_membership_row_after_2009_cites_a_named_source():
    ms = data.load("membership")
    later = ms[ms["start"] >= "2009-01-01"]
    assert (later["source"] != "genref").all(), list(later.loc[later["source"] == "genref", "state"])


# ---------------------------------------------------------------------------
# members() on chosen dates, 1996-2025
# ---------------------------------------------------------------------------
def test_members_end_of_2017_has_eight_members():
    assert len(data.members(2017, status=FULL)) == 8
    assert {"India", "Pakistan"} <= _names(2017, "member")


def test_iran_and_belarus_join_on_the_summit_days():
    assert "Iran" in _names("2023-07-03", "observer") and "Iran" not in _names("2023-07-03", FULL)
    assert "Iran" in _names("2023-07-04", "member")
    assert "Belarus" in _names("2024-07-03", "observer")
    assert "Belarus" in _names("2024-07-04", "member")
    assert len(data.members("2024-07-04", status=FULL)) == 10


@pytest.mark.parametrize(
    "on,observers,partners",
    [
        ("2005-12-31", {"Mongolia", "India", "Pakistan", "Iran"}, set()),
        ("2009-06-15", {"Mongolia", "India", "Pakistan", "Iran"}, set()),
        ("2010-12-31", {"Mongolia", "India", "Pakistan", "Iran"}, {"Belarus", "Sri Lanka"}),
        ("2014-09-12", {"Mongolia", "India", "Pakistan", "Iran", "Afghanistan"}, {"Belarus", "Sri Lanka", "Turkey"}),
        ("2015-07-10", {"Mongolia", "India", "Pakistan", "Iran", "Afghanistan", "Belarus"},
         {"Sri Lanka", "Turkey", "Armenia", "Azerbaijan", "Cambodia", "Nepal"}),
        ("2017-06-09", {"Mongolia", "Iran", "Afghanistan", "Belarus"},
         {"Sri Lanka", "Turkey", "Armenia", "Azerbaijan", "Cambodia", "Nepal"}),
        ("2024-12-31", {"Mongolia", "Afghanistan"},
         {"Sri Lanka", "Turkey", "Armenia", "Azerbaijan", "Cambodia", "Nepal", "Egypt", "Qatar", "Saudi Arabia",
          "Bahrain", "Maldives", "United Arab Emirates", "Kuwait", "Myanmar"}),
    ],
)
def test_observers_and_partners_on_sample_dates(on, observers, partners):
    assert _names(on, "observer") == observers
    assert _names(on, "dialogue partner") == partners


def test_the_count_before_and_after_tianjin_matches_tass():
    # TASS (1 September 2025, para. 4): two observers and 14 dialogue partners before, 17 partners with Laos after
    assert len(data.members("2025-08-31", status="observer")) == 2
    assert len(data.members("2025-08-31", status="dialogue partner")) == 14
    assert len(data.members("2025-09-01", status=["observer", "dialogue partner"])) == 17
    assert "Laos" in _names(2025, "dialogue partner") and "Laos" not in _names(2024)


def test_no_status_before_1996_and_no_partner_before_2009():
    assert data.members("1996-04-25").empty
    assert _names("2009-06-15", "dialogue partner") == set()


def test_chapter_one_and_four_answers_are_unchanged():
    assert len(data.members(2005, status="observer")) == 4
    assert len(data.members(2024, status="observer")) == 2
    assert len(data.members(2024, status=FULL)) == 10


def test_the_partners_map_shows_the_partners_and_runs_to_2025():
    table = maps.membership_table(partners=True)
    assert "2025" in set(table["stage"])
    last = table[table["stage"] == "2025"]
    assert "Laos" in set(last["state"]) and "Sri Lanka" in set(last["state"])
    fig = maps.membership_map(partners=True)
    assert "dialogue partner" in [item["style"] for item in fig.payload["legend"]]


# ---------------------------------------------------------------------------
# The summits of 2015-2025
# ---------------------------------------------------------------------------
def test_ufa_met_on_10_july_2015():
    ufa = data.meeting("2015-ufa")
    assert ufa["start"] == ufa["end"] == pd.Timestamp("2015-07-10")


@pytest.mark.parametrize("meeting", ["2015-ufa", "2017-astana", "2018-qingdao", "2019-bishkek", "2021-dushanbe",
                                     "2022-samarkand", "2023-new-delhi", "2024-astana", "2025-tianjin"])
def test_the_summits_after_2014_cite_a_named_source_and_list_their_documents(meeting):
    m = data.meeting(meeting)
    assert m["source"] != "genref" and not data.blank(m["place"])
    assert len(m["documents"]) >= 1


def test_the_timeline_carries_the_new_events():
    events = data.load("events").set_index("id")
    assert events.loc["2014-eurasian-economic-union", "date"] == pd.Timestamp("2014-05-29")
    assert events.loc["2015-eaeu-in-force", "date"] == pd.Timestamp("2015-01-01")
    assert events.loc["2013-silk-road-economic-belt", "date"] == pd.Timestamp("2013-09-07")
    assert events.loc["2015-eaeu-silk-road-statement", "date"] == pd.Timestamp("2015-05-08")
    assert events.loc["2010-wen-development-bank", "date"] == pd.Timestamp("2010-11-25")
    assert events.loc["2025-development-bank-decision", "date"] == pd.Timestamp("2025-09-01")
    assert (events["kind"] == "ukraine 2022").sum() >= 4
    assert "ukraine 2022" in data.EVENT_KINDS


# ---------------------------------------------------------------------------
# The forecasts table
# ---------------------------------------------------------------------------
def test_forecasts_are_graded_with_the_four_grades_and_cite_both_sides():
    fc = data.load("forecasts")
    assert len(fc) >= 8
    assert set(fc["grade"].astype(str)) <= set(data.FORECAST_GRADES)
    assert {"katz", "thesis-author"} <= set(fc["author"])
    for _, row in fc.iterrows():
        assert data.cite_text(row["source"], row["place"])
        cited = [item for column in data.FORECAST_BEARINGS for item in row[column]]
        assert cited, f"{row['id']} names no evidence rows (tests/test_forecasts.py checks them)"
        assert data.words(row["excerpt"]) <= data.MAX_EXCERPT_WORDS


@pytest.mark.skipif(not data.SEEDS_DIR.is_dir(), reason="the source documents are not beside the repository")
def test_forecast_excerpts_stand_in_their_sources():
    for _, row in data.load("forecasts").iterrows():
        assert data.excerpt_found(row["excerpt"], data.seed_text(row["source"], row["place"])), row["id"]


def test_the_forecast_grades_exercise_matches_the_table():
    expected = exercise_bank.REGISTRY["ch6-grades"].expected()
    assert expected["forecasts"].sum() == len(data.load("forecasts"))


# ---------------------------------------------------------------------------
# The new sources
# ---------------------------------------------------------------------------
NEW_SOURCES = [
    "trend2009", "priu2009", "pajhwok2012", "mfatr2013", "chinadaily2010", "afr2012", "chinaorg2013", "eec2014",
    "bricspost2015", "hktdc2015", "kremlin2015", "xinhua2015", "dailystar2015", "massis2015", "gazetauz2016",
    "sco2017press", "tass2018", "sco2019", "khovar2021", "urdupoint2021", "up2022", "reuters2022", "rferl2022",
    "chinadaily2022", "hindu2022", "xinhua2022", "mid2022", "sco2022", "eaf2022", "alarabiya2022", "tass2023",
    "trend2023", "tass2023b", "astanatimes2024", "astanatimes2024b", "anews2024", "pakistantoday2024", "tass2025",
    "tass2025bank", "tassru2025", "interfaxua2025", "rbcua2025", "kg2025", "millenniumpost2025", "tass2025b",
    "mongoliajol2025",
]


@pytest.mark.parametrize("sid", NEW_SOURCES)
def test_every_new_source_has_a_class_a_kind_and_a_web_address(sid):
    src = data.source(sid)
    assert str(src["class"]) in data.SOURCE_CLASSES
    assert str(src["kind"]) in data.SOURCE_KINDS
    assert data.web_url(src["url"]), f"{sid} needs an http(s) address"
    assert not data.blank(src["outlet"]) and not data.blank(src["title"])
    if str(src["class"]) == "primary":
        assert len(str(src["date"])) == 10, f"{sid}: a primary document needs its exact date"


def test_the_new_sources_stand_before_general_reference():
    ids = list(data.load("sources")["id"])
    assert ids[-1] == "genref"
    assert all(ids.index(sid) < ids.index("genref") for sid in NEW_SOURCES)
