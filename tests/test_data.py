"""The data: every table validates, references resolve, look-ups work, bad files fail loudly,
and every excerpt stands word for word in the source it cites."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data
from tools import bib


def test_every_table_loads_and_validates():
    counts = data.validate_all()
    assert set(counts) == set(data.tables())
    assert all(n > 0 for n in counts.values())


def test_real_dtypes():
    meetings = data.load("meetings")
    assert pd.api.types.is_datetime64_any_dtype(meetings["start"])
    assert isinstance(meetings["level"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_float_dtype(data.load("places")["lat"])


def test_load_returns_a_copy():
    frame = data.load("states")
    frame.iloc[0, 0] = "XXX"
    assert data.load("states").iloc[0, 0] != "XXX"


@pytest.mark.parametrize("spelling", ["Kazakstan", "kazakhstan", "KAZ", "KAZAKHSTAN", " kazakstan "])
def test_state_aliases(spelling):
    assert data.state(spelling)["iso3"] == "KAZ"


@pytest.mark.parametrize(
    "spelling,pid",
    [("Rahmon", "rahmon"), ("Rakhmon", "rahmon"), ("Imomali Rahmon", "rahmon"), ("Emomali Rakhmon", "rahmon"),
     ("Nazarbaev", "nazarbayev"), ("Nazarbayev", "nazarbayev"), ("Swanstrom", "swanstrom"), ("Swanström", "swanstrom"),
     ("SWANSTROM", "swanstrom")],
)
def test_person_aliases(spelling, pid):
    assert data.person(spelling)["id"] == pid


@pytest.mark.parametrize("call,value", [(data.state, "Atlantis"), (data.person, "Nobody Atall"), (data.meeting, "2009-dushanbe"),
                                        (data.load, "treaties")])
def test_unknown_names_raise_with_the_closest(call, value):
    with pytest.raises(ValueError) as info:
        call(value)
    assert repr(value) in str(info.value) and "closest" in str(info.value)


def test_unknown_status_raises():
    with pytest.raises(ValueError, match="'partner'"):
        data.members(2001, status="partner")


def _names(on, status=None):
    return set(data.members(on, status=status)["name"])


SHANGHAI_FIVE = {"China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan"}


def test_members_on_the_dates_that_matter():
    assert _names("1996-04-25") == set()
    assert _names("1996-04-26") == SHANGHAI_FIVE
    assert _names("2001-06-15") == SHANGHAI_FIVE | {"Uzbekistan"}
    assert _names("2008-08-28", ["founding member", "member"]) == SHANGHAI_FIVE | {"Uzbekistan"}
    assert _names("2008-08-28", "observer") == {"Mongolia", "India", "Pakistan", "Iran"}
    assert _names("2014-09-12", ["founding member", "member"]) == SHANGHAI_FIVE | {"Uzbekistan"}
    assert {"India", "Pakistan"} <= _names("2017-06-09", "member")
    assert {"India", "Pakistan", "Iran", "Belarus"} <= _names(2024, "member")


def test_members_accepts_years_dates_and_strings():
    assert _names(2001) == _names("2001-12-31") == _names(dt.date(2001, 12, 31)) == _names(pd.Timestamp("2001-12-31"))


@pytest.mark.parametrize("bad", ["yesterday", "2001-13-01", [2001], None, True])
def test_members_rejects_what_is_not_a_date(bad):
    with pytest.raises((ValueError, TypeError)):
        data.members(bad)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(data.FIRST_YEAR, 1, 1), max_value=dt.date(data.LAST_YEAR, 12, 31)))
def test_members_over_arbitrary_dates(day):
    if pd.Timestamp(day) > data.last_date():  # the data say nothing of a day after their last date
        with pytest.raises(ValueError, match="after the data's last recorded date"):
            data.members(day)
        return
    frame = data.members(day)
    assert frame["iso3"].is_unique, "a state holds one status at a time"
    assert set(frame["status"].astype(str)) <= set(data.STATUSES)
    assert (frame["since"] <= pd.Timestamp(day)).all()
    if day < dt.date(1996, 4, 26):
        assert frame.empty
    else:
        assert set(frame["name"]) >= SHANGHAI_FIVE, "the founders never left"


def test_references_between_tables_resolve():
    places = set(data.load("places")["id"])
    assert set(data.cities()["city"]) <= places
    assert set(data.load("meetings")["city"]) <= places
    for places_of_event in data.load("events")["places"]:
        assert set(places_of_event) <= places


def test_meetings_cover_the_chronology_and_the_summits():
    ids = set(data.load("meetings")["id"])
    assert {"1996-shanghai", "2001-shanghai", "2005-astana", "2007-bishkek", "2008-dushanbe", "2014-dushanbe"} <= ids
    heads = data.load("meetings").query("level == 'heads of state'")
    years = set(heads["start"].dt.year)
    assert set(range(1996, 2026)) <= years, "a heads-of-state summit every year, 1996-2025"


def test_disagreements_are_recorded_with_each_version():
    disputes = data.load("disputes")
    for key in ("first-summit", "nazarbaev-2008"):
        rows = disputes[disputes["dispute"] == key]
        assert len(rows) >= 2, f"dispute {key} needs each version"


def test_references_bib_agrees_with_sources():
    assert bib.BIB_PATH.read_text(encoding="utf-8") == bib.render(), "run: python -m tools.bib"
    for sid in data.load("sources")["id"]:
        assert "{" + sid + "," in bib.render()


def test_geo_outlines_cover_every_state_and_are_small():
    import json

    path = data.DATA_DIR / "geo" / "states.geojson"
    assert path.stat().st_size <= 300_000
    geo = json.loads(path.read_text())
    assert {f["properties"]["iso3"] for f in geo["features"]} == set(data.load("states")["iso3"])
    assert "Natural Earth" in geo["source"]


# ---------------------------------------------------------------------------
# Every excerpt, word for word, in its source
# ---------------------------------------------------------------------------
def _excerpt_rows():
    # the excerpts of the five source documents; the primary documents, of which the book
    # keeps no copy, are checked for length and locator in test_citations.py
    with_file = set(data.load("sources").dropna(subset=["file"])["id"])
    for name in data.tables():
        table = data.SCHEMAS[name]
        if "excerpt" not in table.columns:
            continue
        for i, row in data.load(name).iterrows():
            if not data.blank(row["excerpt"]) and row["source"] in with_file:
                yield pytest.param(name, row["source"], row[table.place_column], row["excerpt"], id=f"{name}-{i + 1}")


@pytest.mark.parametrize("table,source,place,excerpt", list(_excerpt_rows()))
def test_excerpt_stands_in_its_source(table, source, place, excerpt):
    if not data.SEEDS_DIR.exists():
        pytest.skip(f"the source documents are not at {data.SEEDS_DIR}: excerpts not checked")
    text = data.seed_text(source, place)
    assert data.excerpt_found(excerpt, text), f"{table}: {excerpt!r} is not at {source} {place}"
    assert data.words(excerpt) <= data.MAX_EXCERPT_WORDS


# ---------------------------------------------------------------------------
# Bad files: each kind gives its error, naming the file, the row and the column
# ---------------------------------------------------------------------------
def _edit_csv(path: Path, row: int, column: str, value: str | None = None, drop_column: bool = False):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if drop_column:
        frame = frame.drop(columns=[column])
    else:
        frame.loc[row - 1, column] = value
    frame.to_csv(path, index=False)


@pytest.mark.parametrize(
    "file,row,column,value,message",
    [
        ("meetings.csv", 3, "start", "2001-02-30", "cannot parse"),
        ("meetings.csv", 3, "start", "June 2001", "cannot parse"),
        ("places.csv", 2, "lat", "95.1", "out of range"),
        ("places.csv", 2, "lon", "east", "not a number"),
        ("states.csv", 2, "iso3", "CHN", "duplicate key"),
        ("events.csv", 1, "source", "wikipedia", "not a known sources key"),
        ("meetings.csv", 1, "level", "presidents", "is not one of"),
        ("fears.csv", 1, "excerpt", " ".join(["word"] * 41), "at most 40"),
        ("events.csv", 4, "places", "tskhinvali;atlantis", "'atlantis'"),
        ("meetings.csv", 2, "place", "line 4", "line reference"),
        ("membership.csv", 1, "end", "1990-01-01", "before the start"),
    ],
)
def test_bad_csv_rows_name_file_row_and_column(data_copy, file, row, column, value, message):
    _edit_csv(data_copy / file, row, column, value)
    with pytest.raises(data.DataError) as info:
        data.validate_all(data_copy)
    err = info.value
    assert (err.file, err.row, err.column) == (file, row, column), str(err)
    assert message in str(err)


def test_a_missing_column_is_named(data_copy):
    _edit_csv(data_copy / "places.csv", 0, "kind", drop_column=True)
    with pytest.raises(data.DataError, match=r"places.csv, column 'kind': column is missing"):
        data.validate_all(data_copy)


def _edit_yaml(path: Path, row: int, key: str, value) -> None:
    import yaml

    rows = yaml.safe_load(path.read_text())
    rows[row - 1][key] = value
    path.write_text(yaml.safe_dump(rows, allow_unicode=True))


def test_a_theme_outside_the_vocabulary_is_named(data_copy):
    _edit_yaml(data_copy / "declarations.yaml", 2, "theme", "human rights")
    with pytest.raises(data.DataError) as info:
        data.validate_all(data_copy)
    assert (info.value.file, info.value.row, info.value.column) == ("declarations.yaml", 2, "theme")


def test_a_stance_outside_its_question_is_named(data_copy):
    _edit_yaml(data_copy / "positions.yaml", 1, "stance", "no-such-stance")
    with pytest.raises(data.DataError, match="'no-such-stance' is not a stance"):
        data.validate_all(data_copy)


def test_overlapping_membership_is_refused(data_copy):
    path = data_copy / "membership.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    extra = frame.iloc[[0]].copy()
    extra["status"], extra["start"], extra["end"] = "observer", "2000-01-01", ""
    pd.concat([frame, extra]).to_csv(path, index=False)
    with pytest.raises(data.DataError, match="overlap"):
        data.validate_all(data_copy)


# ---------------------------------------------------------------------------
# One date rule for every helper
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [2008, np.int64(2008), np.int32(2008), "2008", " 2008 "],
    ids=["int", "numpy int64", "numpy int32", "str", "str with spaces"],
)
def test_a_year_is_the_whole_year(value):
    assert data.period(value) == (pd.Timestamp("2008-01-01"), pd.Timestamp("2008-12-31"))
    assert data.as_date(value) == pd.Timestamp("2008-01-01")
    assert data.as_date(value, end_of_year=True) == pd.Timestamp("2008-12-31")
    assert data.is_year(value)


@pytest.mark.parametrize(
    "value",
    ["2008-08-28", dt.date(2008, 8, 28), dt.datetime(2008, 8, 28, 17, 45), pd.Timestamp("2008-08-28 09:00"),
     pd.Timestamp("2008-08-28 23:30", tz="Asia/Dushanbe"), pd.Timestamp("2008-08-28 01:00", tz="America/New_York"),
     np.datetime64("2008-08-28"), "2008-08-28T10:00"],
    ids=["iso", "date", "datetime", "timestamp", "tz east", "tz west", "datetime64", "iso with time"],
)
def test_a_date_is_one_day_time_and_zone_dropped(value):
    day = pd.Timestamp("2008-08-28")
    assert data.period(value) == (day, day)
    assert data.as_date(value, end_of_year=True) == day and not data.is_year(value)
    assert data.as_date(value).tzinfo is None


@pytest.mark.parametrize("value,needle", [("08/06/2017", "'2017-06-08'"), ("8.6.2017", "'2017-06-08'"),
                                          ("13/06/2017", "'2017-06-13'")])
def test_ambiguous_dates_are_refused_asking_for_iso(value, needle):
    with pytest.raises(ValueError, match="YYYY-MM-DD") as info:
        data.period(value)
    assert needle in str(info.value) and repr(value) in str(info.value)
    if value == "08/06/2017":
        assert "8 June or 6 August" in str(info.value)


@pytest.mark.parametrize("value,error", [(True, TypeError), (None, TypeError), (2008.0, TypeError), ([2008], TypeError),
                                         ("yesterday", ValueError), ("2001-02-30", ValueError), (pd.NaT, ValueError)])
def test_what_is_not_a_date_is_refused(value, error):
    with pytest.raises(error):
        data.period(value)


OUT_OF_RANGE = [data.FIRST_YEAR - 1, data.LAST_YEAR + 1, "1850", "2300-01-01", dt.date(1900, 5, 1)]


@pytest.mark.parametrize("value", OUT_OF_RANGE, ids=str)
def test_out_of_range_years_give_the_same_error_everywhere(value):
    from helpers import exercises, maps, widgets

    with pytest.raises(ValueError) as first:
        data.period(value)
    message = str(first.value)
    assert f"from {data.FIRST_YEAR} to {data.LAST_YEAR}" in message
    for call in (lambda: data.members(value), lambda: maps.membership_map(value), lambda: maps.meetings_map(until=value),
                 lambda: data.meetings_table(until=value), lambda: widgets.timeline(start=value),
                 lambda: widgets.timeline(end=value), lambda: widgets.timeline_table(value, value)):
        with pytest.raises(ValueError) as info:
            call()
        assert str(info.value) == message
    exercises.exercise("t-range-date", 0, "testing the date rule", "date")(lambda: data.meeting("2008-dushanbe")["start"])
    try:
        fb = exercises.check("t-range-date", value)
        assert not fb.correct and fb.message == message
    finally:
        exercises.REGISTRY.pop("t-range-date")


def test_a_year_means_the_whole_year_in_the_timeline_and_the_maps():
    from helpers import maps, widgets

    by_int = widgets.timeline_table(2008, 2008)
    assert len(by_int) == (data.load("events")["date"].dt.year == 2008).sum() > 0
    pd.testing.assert_frame_equal(widgets.timeline_table(start="2008", end="2008"), by_int)
    pd.testing.assert_frame_equal(widgets.timeline_table(np.int64(2008), "2008-12-31"), by_int)
    pd.testing.assert_frame_equal(widgets.timeline_table("2008-01-01", dt.date(2008, 12, 31)), by_int)
    # members(year) keeps its meaning: the end of the year
    pd.testing.assert_frame_equal(data.members(2008), data.members("2008-12-31"))
    pd.testing.assert_frame_equal(data.members("2008"), data.members(np.int64(2008)))
    assert maps.membership_map("2005").payload["stages"] == maps.membership_map(2005).payload["stages"]
    pd.testing.assert_frame_equal(data.meetings_table(until="2001"), data.meetings_table(until=2001))


# ---------------------------------------------------------------------------
# Look-ups return copies: changing what they return never changes later answers
# ---------------------------------------------------------------------------
def test_a_states_aliases_belong_to_the_caller():
    kaz = data.state("Kazakhstan")
    kaz["aliases"].append("Narnia")
    kaz["name"] = "Narnia"
    with pytest.raises(ValueError, match="Narnia"):
        data.state("Narnia")
    assert "Narnia" not in data.state("KAZ")["aliases"] and data.state("KAZ")["name"] == "Kazakhstan"
    frame = data.load("states")
    frame["aliases"].iloc[0].append("Atlantis")
    with pytest.raises(ValueError):
        data.state("Atlantis")


@pytest.mark.parametrize(
    "get,column",
    [(lambda: data.person("Rakhmon"), "aliases"), (lambda: data.meeting("2008-dushanbe"), "documents"),
     (lambda: data.load("events").iloc[3], "places"), (lambda: data.load("questions").iloc[0], "stances"),
     (lambda: data.source("katz2008"), "title")],
)
def test_every_look_up_returns_a_copy(get, column):
    record = get()
    before = copy.deepcopy(record[column])
    cell = record[column]
    if isinstance(cell, list):
        cell.append("changed")
    elif isinstance(cell, dict):
        cell["changed"] = "changed"
    record[column] = "changed"
    assert get()[column] == before


# ---------------------------------------------------------------------------
# What validate_all() catches for an author: file, row and column named
# ---------------------------------------------------------------------------
def _fails_at(data_copy, file, row, column, needle):
    with pytest.raises(data.DataError) as info:
        data.validate_all(data_copy)
    err = info.value
    assert (err.file, err.row, err.column) == (file, row, column), str(err)
    assert needle in str(err), str(err)


def test_a_file_that_is_not_utf8_is_named_with_its_row(data_copy):
    path = data_copy / "meetings.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b",", "é,".encode("latin-1"), 1)  # row 3, saved as Latin-1
    path.write_bytes(b"\n".join(lines))
    _fails_at(data_copy, "meetings.csv", 3, None, "not UTF-8")


def test_a_yaml_file_that_is_not_utf8_is_named(data_copy):
    path = data_copy / "sought.yaml"
    path.write_bytes(path.read_bytes() + "- id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(data.DataError, match=r"sought.yaml: is not UTF-8: byte 0xe9 on line \d+"):
        data.validate_all(data_copy)


def test_a_duplicated_row_is_named(data_copy):
    path = data_copy / "disputes.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.concat([frame, frame.iloc[[1]]]).to_csv(path, index=False)
    _fails_at(data_copy, "disputes.csv", len(frame) + 1, None, "duplicates row 2")


def test_a_duplicated_yaml_row_is_named(data_copy):
    import yaml

    path = data_copy / "positions.yaml"
    rows = yaml.safe_load(path.read_text())
    path.write_text(yaml.safe_dump(rows + [rows[0]], allow_unicode=True))
    _fails_at(data_copy, "positions.yaml", len(rows) + 1, None, "duplicates row 1")


def test_a_duplicated_yaml_key_is_named(data_copy):
    path = data_copy / "declarations.yaml"
    lines = path.read_text().splitlines()
    second = [i for i, line in enumerate(lines) if line.startswith("- id:")][1]
    lines.insert(second + 2, "  theme: the conflict")  # row 2 gets a second theme
    path.write_text("\n".join(lines) + "\n")
    _fails_at(data_copy, "declarations.yaml", 2, "theme", "written twice")


def test_a_duplicated_key_inside_a_mapping_is_named(data_copy):
    path = data_copy / "questions.yaml"
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "stances:")
    code = lines[at + 1]
    lines.insert(at + 1, code)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(data.DataError, match="written twice") as info:
        data.validate_all(data_copy)
    assert (info.value.file, info.value.column) == ("questions.yaml", "stances")


@pytest.fixture()
def short_seeds(tmp_path, monkeypatch):
    """Source documents of 5,000 lines each, whatever is beside the repository."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in data.load("sources")["file"].dropna():
        (seeds / str(name)).write_text("line\n" * 5000)
    monkeypatch.setattr(data, "SEEDS_DIR", seeds)
    return seeds


@pytest.mark.parametrize("place,needle", [("L0", "numbered from 1"), ("L0-3", "numbered from 1"),
                                          ("L5001", "past the end"), ("L4990-5004", "past the end")])
def test_a_line_outside_the_source_is_named(data_copy, short_seeds, place, needle):
    _edit_csv(data_copy / "meetings.csv", 2, "place", place)
    _fails_at(data_copy, "meetings.csv", 2, "place", needle)


@pytest.mark.parametrize("value", [["an", "excerpt"], 42, {"a": 1}], ids=["list", "number", "mapping"])
def test_an_excerpt_that_is_not_text_is_named(data_copy, value):
    _edit_yaml(data_copy / "declarations.yaml", 2, "excerpt", value)
    _fails_at(data_copy, "declarations.yaml", 2, "excerpt", "not text")


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\u202e"], ids=["NUL", "ESC", "BEL", "RLO"])
def test_a_control_character_is_named(data_copy, char):
    _edit_csv(data_copy / "meetings.csv", 2, "name", f"Dushanbe{char}summit")
    _fails_at(data_copy, "meetings.csv", 2, "name", f"U+{ord(char):04X}")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>",
                                 "ftp://example.org/x", "www.example.org", "https:///no-host"])
def test_a_url_that_is_not_a_web_address_is_named(data_copy, url):
    _edit_csv(data_copy / "sources.csv", 1, "url", url)
    _fails_at(data_copy, "sources.csv", 1, "url", "not a web address")


def test_a_state_without_an_outline_is_named(data_copy):
    import json

    path = data_copy / "geo" / "states.geojson"
    geo = json.loads(path.read_text())
    geo["features"] = [f for f in geo["features"] if f["properties"]["iso3"] != "KAZ"]
    path.write_text(json.dumps(geo))
    row = list(data.load("states")["iso3"]).index("KAZ") + 1
    _fails_at(data_copy, "states.csv", row, "iso3", "no outline")


def _edit_quiz(path, edit):
    import json

    questions = json.loads(path.read_text())
    edit(questions)
    path.write_text(json.dumps(questions))


def _first(questions, kind):
    return next(i for i, q in enumerate(questions) if q["type"] == kind)


def _quiz_edits():
    def drop_feedback(qs):
        del qs[1]["answers"][0]["feedback"]

    def no_answers(qs):
        qs[1]["answers"] = []

    def no_precision(qs):
        del qs[_first(qs, "numeric")]["precision"]

    def bad_precision(qs):
        qs[_first(qs, "numeric")]["precision"] = "four"

    def two_correct(qs):
        i = _first(qs, "multiple_choice")
        for a in qs[i]["answers"]:
            a["correct"] = True

    def none_correct(qs):
        for a in qs[_first(qs, "many_choice")]["answers"]:
            a["correct"] = False

    def markup_question(qs):
        qs[1]["question"] = "Who? <img src=x onerror=alert(1)>"

    def markup_feedback(qs):
        qs[1]["answers"][1]["feedback"] = "See <a href='javascript:alert(1)'>this</a>"

    def code_key(qs):
        qs[1]["code"] = "<script>alert(1)</script>"

    def bad_type(qs):
        qs[1]["type"] = "essay"

    def bad_range(qs):
        qs[_first(qs, "numeric")]["answers"].append({"type": "range", "range": [5, 1], "correct": False, "feedback": "x"})

    return [
        pytest.param(drop_feedback, lambda qs: 2, "feedback", "no feedback", id="feedback missing"),
        pytest.param(no_answers, lambda qs: 2, "answers", "no answers", id="no answers"),
        pytest.param(no_precision, lambda qs: _first(qs, "numeric") + 1, "precision", "precision", id="no precision"),
        pytest.param(bad_precision, lambda qs: _first(qs, "numeric") + 1, "precision", "'four'", id="bad precision"),
        pytest.param(two_correct, lambda qs: _first(qs, "multiple_choice") + 1, "correct", "exactly one", id="two correct"),
        pytest.param(none_correct, lambda qs: _first(qs, "many_choice") + 1, "correct", "no answer", id="none correct"),
        pytest.param(markup_question, lambda qs: 2, "question", "markup", id="markup in question"),
        pytest.param(markup_feedback, lambda qs: 2, "feedback", "markup", id="markup in feedback"),
        pytest.param(code_key, lambda qs: 2, "code", "unknown key", id="code key"),
        pytest.param(bad_type, lambda qs: 2, "type", "'essay'", id="bad type"),
        pytest.param(bad_range, lambda qs: _first(qs, "numeric") + 1, "range", "low <= high", id="bad range"),
    ]


@pytest.mark.parametrize("edit,row,column,needle", _quiz_edits())
def test_a_quiz_that_breaks_the_schema_is_named(data_copy, edit, row, column, needle):
    import json

    path = data_copy / "quizzes" / "ch1.json"
    _edit_quiz(path, edit)
    _fails_at(data_copy, "quizzes/ch1.json", row(json.loads(path.read_text())), column, needle)


def test_the_quiz_schema_names_file_question_key_and_path(data_copy):
    """What only the JSON Schema says (a value answer carries no range: jupyterquiz would
    ignore it, and its author would think it counts) is refused with the file, the question,
    the key and the path inside the file."""
    import json

    path = data_copy / "quizzes" / "ch1.json"
    questions = json.loads(path.read_text())
    i = _first(questions, "numeric")
    j = next(k for k, a in enumerate(questions[i]["answers"]) if a["type"] == "value")
    questions[i]["answers"][j]["range"] = [1, 2]
    path.write_text(json.dumps(questions))
    with pytest.raises(data.DataError) as info:
        data.validate_all(data_copy)
    err = info.value
    assert (err.file, err.row, err.column) == ("quizzes/ch1.json", i + 1, "range"), str(err)
    assert f"$[{i}].answers[{j}]" in str(err) and "data/quiz.schema.json" in str(err), str(err)


@pytest.mark.parametrize("edit", [p.values[0] for p in _quiz_edits()
                                  if p.id in ("feedback missing", "no answers", "no precision", "bad precision", "code key", "bad type")],
                         ids=["feedback missing", "no answers", "no precision", "bad precision", "code key", "bad type"])
def test_the_quiz_schema_alone_refuses_a_quiz_of_the_wrong_shape(edit):
    """The schema declares the shape the rules check: a quiz of the wrong shape breaks it too."""
    from helpers import quiz_files

    questions = quiz_files.read_quiz(data.DATA_DIR / "quizzes" / "ch1.json")
    quiz_files._check_schema("quizzes/ch1.json", questions)  # the book's quizzes follow it
    edit(questions)
    with pytest.raises(data.DataError, match=r"quizzes/ch1\.json, row \d+.*quiz\.schema\.json"):
        quiz_files._check_schema("quizzes/ch1.json", questions)


def test_a_quiz_that_is_not_json_is_named(data_copy):
    path = data_copy / "quizzes" / "ch2.json"
    path.write_text(path.read_text()[:-40])
    with pytest.raises(data.DataError, match=r"quizzes/ch2.json: not valid JSON: .* at line \d+, column \d+"):
        data.validate_all(data_copy)


# ---------------------------------------------------------------------------
# data/README.md documents exactly the columns of the schema
# ---------------------------------------------------------------------------
def _documented_columns() -> dict[str, set[str]]:
    """{file: columns} from the tables of data/README.md, each under the heading or line naming its file."""
    import re

    found: dict[str, set[str]] = {}
    current = None
    for line in (data.DATA_DIR / "README.md").read_text(encoding="utf-8").splitlines():
        named = re.findall(r"`([a-z_]+\.(?:csv|yaml))`", line)
        if line.startswith("#"):
            current = named[0] if len(named) == 1 else None
        elif named and re.fullmatch(r"`[a-z_]+\.(?:csv|yaml)`:\s*", line.strip()):
            current = named[0]
        elif current and line.startswith("| `"):
            first_cell = line.split("|")[1]
            found.setdefault(current, set()).update(re.findall(r"`([a-z_0-9]+)`", first_cell))
    return found


def test_data_readme_documents_every_column_of_the_schema_and_no_other():
    documented = _documented_columns()
    for name, table in data.SCHEMAS.items():
        assert table.file in documented, f"data/README.md has no table for {table.file}"
        missing = set(table.columns) - documented[table.file]
        extra = documented[table.file] - set(table.columns)
        assert not missing, f"{table.file}: columns of the schema not documented in data/README.md: {sorted(missing)}"
        assert not extra, f"{table.file}: data/README.md documents columns the schema lacks: {sorted(extra)}"
    assert set(documented) == {t.file for t in data.SCHEMAS.values()}
