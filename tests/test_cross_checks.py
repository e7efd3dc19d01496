"""What passes ``validate_all()`` must build a right page (issue 23): rows are checked against
other rows, other tables, the outlines, the passages and the quizzes' own data; each bad value
is refused naming the file, the row and the column."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_data import _edit_csv, _edit_yaml, _fails_at

from helpers import data


def _row(file: str, column: str, value: str) -> int:
    """The row number (from 1) of the first row of a CSV file whose ``column`` is ``value``."""
    frame = pd.read_csv(data.DATA_DIR / file, dtype=str, keep_default_na=False)
    return int(frame.index[frame[column] == value][0]) + 1


def _cell(file: str, row: int, column: str) -> str:
    return pd.read_csv(data.DATA_DIR / file, dtype=str, keep_default_na=False).loc[row - 1, column]


# ---------------------------------------------------------------------------
# Look-alike letters from another script
# ---------------------------------------------------------------------------
CYRILLIC_A, GREEK_O, CYRILLIC_O = "\u0430", "\u03bf", "\u043e"


@pytest.mark.parametrize("file,key_column,key,column,value", [
    ("states.csv", "iso3", "KAZ", "name", f"K{CYRILLIC_A}zakhstan"),
    ("states.csv", "iso3", "KGZ", "aliases", f"Kyrgyz Republic;Kirghizi{CYRILLIC_A}"),
    ("states.csv", "iso3", "TJK", "capital", f"Dush{CYRILLIC_A}nbe"),
    ("people.csv", "id", "putin", "name", f"Vladimir Put{GREEK_O}n"),
    ("people.csv", "id", "medvedev", "aliases", f"Dmitri Medvedev;Medvedev;Medvedev{CYRILLIC_O}"),
    ("places.csv", "id", "dushanbe", "name", f"Dush{CYRILLIC_A}nbe"),
    ("meetings.csv", "id", "2008-dushanbe", "name", f"Dush{CYRILLIC_A}nbe summit"),
])
def test_a_look_alike_letter_from_another_script_is_refused(data_copy, file, key_column, key, column, value):
    row = _row(file, key_column, key)
    _edit_csv(data_copy / file, row, column, value)
    _fails_at(data_copy, file, row, column, "Cyrillic" if value.count(CYRILLIC_A) + value.count(CYRILLIC_O) else "Greek")


def test_a_column_declared_for_another_script_keeps_it():
    """Quotations and the titles of Russian and Chinese works hold their own script."""
    assert data.SCHEMAS["sources"].columns["title"].scripts is None
    assert data.SCHEMAS["declarations"].columns["excerpt"].scripts is None
    assert data.SCHEMAS["states"].columns["name"].scripts == ("Latin",)
    data.validate_all()


# ---------------------------------------------------------------------------
# Aliases that name two rows
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("file,key_column,key,value,other", [
    ("states.csv", "iso3", "KAZ", "Kazakstan;China", "China"),            # another row's name
    ("states.csv", "iso3", "KGZ", "Kyrgyz Republic;Kazakstan", "Kazakhstan"),  # another row's alias
    ("states.csv", "iso3", "TJK", "Tajik Republic;RUS", "Russia"),        # another row's code
    ("people.csv", "id", "medvedev", "Dmitri Medvedev;Putin", "Vladimir Putin"),
    ("people.csv", "id", "xi-jinping", "Xi;Hu Jintao", "Hu Jintao"),
])
def test_an_alias_that_names_another_row_is_refused(data_copy, file, key_column, key, value, other):
    row = _row(file, key_column, key)
    _edit_csv(data_copy / file, row, "aliases", value)
    _fails_at(data_copy, file, row, "aliases", other)


def test_a_name_that_is_another_rows_alias_is_refused(data_copy):
    row = _row("people.csv", "id", "medvedev")
    _edit_csv(data_copy / "people.csv", row, "name", "Putin")
    with pytest.raises(data.DataError) as info:
        data.validate_all(data_copy)
    assert info.value.file == "people.csv" and info.value.column in ("name", "aliases"), str(info.value)


# ---------------------------------------------------------------------------
# Points in their state's outline
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("file,key_column,key", [("places.csv", "id", "dushanbe"), ("places.csv", "id", "moscow"),
                                                 ("places.csv", "id", "almaty"), ("states.csv", "iso3", "KAZ"),
                                                 ("states.csv", "iso3", "IRN")])
def test_swapped_coordinates_are_refused(data_copy, file, key_column, key):
    row = _row(file, key_column, key)
    lat, lon = _cell(file, row, "lat"), _cell(file, row, "lon")
    _edit_csv(data_copy / file, row, "lat", lon)
    _edit_csv(data_copy / file, row, "lon", lat)
    _fails_at(data_copy, file, row, "lat", "outline")


def test_a_place_in_the_wrong_state_is_refused(data_copy):
    row = _row("places.csv", "id", "dushanbe")
    _edit_csv(data_copy / "places.csv", row, "state", "KAZ")
    _fails_at(data_copy, "places.csv", row, "lat", "Kazakhstan")


def test_every_place_and_capital_lies_in_its_state():
    data.validate_all()  # the check runs on the real data: every place passes


# ---------------------------------------------------------------------------
# Ids, dates, hosts and decisions that disagree
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("file,key,column,value", [
    ("meetings.csv", "2008-dushanbe", "start", "2018-08-28"),
    ("meetings.csv", "2014-dushanbe", "start", "2013-09-11"),
    ("events.csv", "2008-georgian-attack-tskhinvali", "date", "2009-08-07"),
])
def test_an_id_whose_year_disagrees_with_its_date_is_refused(data_copy, file, key, column, value):
    row = _row(file, "id", key)
    if file == "meetings.csv":
        _edit_csv(data_copy / file, row, "end", value)
    else:
        _edit_csv(data_copy / file, row, "end", "")
    _edit_csv(data_copy / file, row, column, value)
    _fails_at(data_copy, file, row, column, "the year of its id")


@pytest.mark.parametrize("key,host", [("2008-dushanbe", "KAZ"), ("1996-shanghai", "RUS")])
def test_a_host_that_is_not_its_citys_state_is_refused(data_copy, key, host):
    row = _row("meetings.csv", "id", key)
    _edit_csv(data_copy / "meetings.csv", row, "host", host)
    _fails_at(data_copy, "meetings.csv", row, "host", "lies in")


@pytest.mark.parametrize("state,status,start", [("IND", "member", "2016-06-09"), ("PAK", "observer", "2004-07-05")])
def test_a_membership_before_the_meeting_that_decided_it_is_refused(data_copy, state, status, start):
    frame = pd.read_csv(data.DATA_DIR / "membership.csv", dtype=str, keep_default_na=False)
    row = int(frame.index[(frame["state"] == state) & (frame["status"] == status)][0]) + 1
    if status == "member":  # keep the periods joined: the observer status ends where membership starts
        _edit_csv(data_copy / "membership.csv", row - 1, "end", start)
    _edit_csv(data_copy / "membership.csv", row, "start", start)
    _fails_at(data_copy, "membership.csv", row, "start", "before the meeting")


# ---------------------------------------------------------------------------
# Two membership changes of one state in one year: the maps show both
# ---------------------------------------------------------------------------
def test_two_changes_of_one_state_in_one_year_are_drawn(data_copy, monkeypatch):
    from helpers import maps

    path = data_copy / "membership.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    i = int(frame.index[(frame["state"] == "IND") & (frame["status"] == "observer")][0])
    # India: observer until 5 June 2017, then a dialogue partner until it joins on 9 June 2017
    # (after the Assembly's vote of 1 June 2017, where chapter 7's data record it as an observer)
    extra = frame.iloc[[i]].copy()
    extra["status"], extra["start"], extra["end"], extra["meeting"] = "dialogue partner", "2017-06-05", "2017-06-09", ""
    frame.loc[i, "end"] = "2017-06-05"
    pd.concat([frame, extra]).to_csv(path, index=False)
    data.validate_all(data_copy)
    monkeypatch.setattr(data, "DATA_DIR", data_copy)
    fig = maps.membership_map(partners=True)
    table = fig.table
    india = table[table["state"] == "India"].iloc[0]
    assert "dialogue partner" in set(india) and "observer" in set(india) and "member" in set(india)
    labels = [s["label"] for s in fig.payload["stages"]]
    assert len(labels) == len(set(labels)), labels
    assert any(label.startswith("2017-06-05") for label in labels), labels
    data.validate_all()


# ---------------------------------------------------------------------------
# Quizzes: precision, flags the data contradict, links
# ---------------------------------------------------------------------------
def _numeric(qs):
    return next(i for i, q in enumerate(qs) if q["type"] == "numeric")


def _edit_quiz(path: Path, edit) -> list:
    qs = json.loads(path.read_text())
    edit(qs)
    path.write_text(json.dumps(qs))
    return qs


@pytest.mark.parametrize("quiz,precision", [("ch2", 2), ("ch1", 3), ("ch1", 2), ("ch4", 1), ("ch5", 1)])
def test_a_precision_that_accepts_values_far_from_the_answer_is_refused(data_copy, quiz, precision):
    def edit(qs):
        qs[_numeric(qs)]["precision"] = precision

    qs = _edit_quiz(data_copy / "quizzes" / f"{quiz}.json", edit)
    _fails_at(data_copy, f"quizzes/{quiz}.json", _numeric(qs) + 1, "precision", "accepts")


def test_a_wrong_answer_that_hides_the_right_one_is_refused(data_copy):
    def edit(qs):
        q = qs[_numeric(qs)]
        right = next(a for a in q["answers"] if a["correct"])
        q["answers"].insert(0, {"type": "range", "range": [right["value"] - 5, right["value"] + 5], "correct": False,
                                "feedback": "Close, but no."})

    qs = _edit_quiz(data_copy / "quizzes" / "ch1.json", edit)
    _fails_at(data_copy, "quizzes/ch1.json", _numeric(qs) + 1, "correct", "never reached")


def _computed(qs):
    return next(i for i, q in enumerate(qs) if "computed" in q)


@pytest.mark.parametrize("quiz", ["ch4", "ch6"])
def test_a_correct_flag_the_data_contradict_is_refused(data_copy, quiz):
    def edit(qs):
        q = qs[_computed(qs)]
        for a in q["answers"]:
            if a.get("type") == "value":
                a["correct"] = not a["correct"] if a["value"] in (9, 10) else a["correct"]

    qs = _edit_quiz(data_copy / "quizzes" / f"{quiz}.json", edit)
    _fails_at(data_copy, f"quizzes/{quiz}.json", _computed(qs) + 1, "correct", "the data give 10")


def test_a_quiz_computed_from_data_follows_the_data(data_copy):
    """Belarus's row removed: the data now give 9 full members at the end of 2024, and the quiz that
    says 10 is refused, naming the exercise that computes it."""
    path = data_copy / "membership.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = frame[~((frame["state"] == "BLR") & (frame["status"] == "member"))]
    frame.loc[(frame["state"] == "BLR") & (frame["status"] == "observer"), "end"] = ""
    frame.to_csv(path, index=False)
    # the votes of 2025 record Belarus as a member; they follow the altered membership, so that the
    # quiz, not the votes, is the first thing the altered data contradict
    votes_path = data_copy / "un_votes.csv"
    votes = pd.read_csv(votes_path, dtype=str, keep_default_na=False)
    votes.loc[(votes["state"] == "BLR") & (votes["status"] == "member"), "status"] = "observer"
    votes.to_csv(votes_path, index=False)
    qs = json.loads((data_copy / "quizzes" / "ch4.json").read_text())
    _fails_at(data_copy, "quizzes/ch4.json", _computed(qs) + 1, "correct", "the data give 9")


@pytest.mark.parametrize("flip", [False, True])
def test_a_choice_question_computed_from_data(data_copy, flip):
    """The mechanism for choice questions: the answers marked right are exactly the computed names."""
    path = data_copy / "quizzes" / "ch2.json"
    qs = json.loads(path.read_text())
    qs.append({"question": "Which Central Asian republic stayed out of the SCO?", "type": "multiple_choice",
               "computed": "ch2-outside-sco",
               "answers": [{"answer": "Turkmenistan", "correct": not flip, "feedback": "It declared itself neutral."},
                           {"answer": "Uzbekistan", "correct": flip, "feedback": "It joined in 2001."}]})
    path.write_text(json.dumps(qs))
    if flip:
        _fails_at(data_copy, "quizzes/ch2.json", len(qs), "correct", "Turkmenistan")
    else:
        data.validate_all(data_copy)


def test_a_quiz_naming_an_unknown_computation_is_refused(data_copy):
    def edit(qs):
        qs[_computed(qs)]["computed"] = "ch4-no-such-exercise"

    qs = _edit_quiz(data_copy / "quizzes" / "ch4.json", edit)
    _fails_at(data_copy, "quizzes/ch4.json", _computed(qs) + 1, "computed", "ch4-no-such-exercise")


ONANIMATION = '[see](https://example.org/" style="animation:x 1s" onanimationstart="alert(1))'
TAB_SCRIPT = '[see](java\tscript:alert(1)" target="_self)'
LINK_PAYLOADS = [
    ONANIMATION, TAB_SCRIPT, "[see](javascript:alert(1))", "[see](JaVaScRiPt:alert(1))", "[see](data:text/html,x)",
    "[see](//example.org/x)", "[see](https://example.org/a b)", "[see](https://exa\u0000mple.org/)",
    "[see](https://example.org/'onmouseover='alert(1))", "[see](vbscript:msgbox(1))", "[see](https://example.org/}{)",
    "[see]( https://example.org/)",
]


def _fields(qs):
    """(question index, column, setter) of every text field of a quiz."""
    out = []
    for i, q in enumerate(qs):
        out.append((i, "question", lambda v, q=q: q.__setitem__("question", v)))
        for a in q["answers"]:
            if "answer" in a:
                out.append((i, "answer", lambda v, a=a: a.__setitem__("answer", a["answer"] + " " + v)))
            out.append((i, "feedback", lambda v, a=a: a.__setitem__("feedback", a["feedback"] + " " + v)))
    return out


@pytest.mark.parametrize("payload", LINK_PAYLOADS)
def test_a_link_whose_target_is_not_a_clean_web_address_is_refused(data_copy, payload):
    for name in ("ch1", "ch3", "ch6"):
        path = data_copy / "quizzes" / f"{name}.json"
        original = path.read_text()
        qs = json.loads(original)
        fields = list(dict.fromkeys((i, column) for i, column, _ in _fields(qs)))
        for n, (i, column) in enumerate(fields):
            fresh = json.loads(original)
            setter = next(s for j, c, s in _fields(fresh) if (j, c) == (i, column))
            setter(payload)
            path.write_text(json.dumps(fresh))
            with pytest.raises(data.DataError) as info:
                # validate_all() refuses it (checked once per quiz); read_quiz, which it calls, for every field
                data.validate_all(data_copy) if n == 0 else data.read_quiz(path)
            err = info.value
            assert (err.file, err.row, err.column) == (f"quizzes/{name}.json", i + 1, column), str(err)
        path.write_text(original)


def test_a_clean_link_in_a_quiz_is_kept_and_re_serialised():
    from helpers import quizzes

    qs = [{"question": "Read [the declaration](https://example.org/a?b=1&c=2) first.", "type": "multiple_choice",
           "answers": [{"answer": "Yes [x]", "correct": True, "feedback": "Fine (see above)."},
                       {"answer": "No", "correct": False, "feedback": "No."}]}]
    shown = quizzes._as_text(qs)
    assert shown[0]["question"] == "Read [the declaration](https://example.org/a?b=1&amp;c=2) first."
    assert "[" not in shown[0]["answers"][0]["answer"] and "(" not in shown[0]["answers"][0]["feedback"]


# ---------------------------------------------------------------------------
# Citations, the scorecard's rules, YAML keys, byte-order marks, braces in urls
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("file,key,place", [("meetings.csv", "2008-dushanbe", "L253"), ("meetings.csv", "2008-dushanbe", "L250-260"),
                                           ("places.csv", "dushanbe", "L5000")])
def test_a_citation_to_a_passage_that_does_not_exist_is_refused(data_copy, monkeypatch, tmp_path, file, key, place):
    monkeypatch.setattr(data, "SEEDS_DIR", tmp_path / "no-seeds")  # as in the class pack: no source documents
    row = _row(file, "id", key)
    _edit_csv(data_copy / file, row, "place", place)
    _fails_at(data_copy, file, row, "place", "no passage")


def test_the_scorecards_rules_run_in_validate_all(data_copy):
    path = data_copy / "scorecard.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[1, "verdict"] = "does not fit" if frame.loc[0, "verdict"] != "does not fit" else "fits"
    frame.to_csv(path, index=False)
    _fails_at(data_copy, "scorecard.csv", 2, "verdict", "differs from the first row")


def test_a_school_without_a_cell_at_an_event_is_refused(data_copy):
    path = data_copy / "scorecard.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    school, event = frame.loc[0, "school"], frame.loc[0, "event"]
    frame[~((frame["school"] == school) & (frame["event"] == event))].to_csv(path, index=False)
    with pytest.raises(data.DataError, match="has no row for event") as info:
        data.validate_all(data_copy)
    assert info.value.file == "scorecard.csv" and info.value.column == "event"


@pytest.mark.parametrize("file,row", [("declarations.yaml", 3), ("positions.yaml", 2), ("schools.yaml", 1)])
def test_an_unknown_yaml_key_names_its_row(data_copy, file, row):
    _edit_yaml(data_copy / file, row, "colour", "blue")
    _fails_at(data_copy, file, row, "colour", "not in the schema")


@pytest.mark.parametrize("file", ["states.csv", "meetings.csv", "sources.csv", "positions.yaml"])
def test_a_file_with_a_byte_order_mark_is_read(data_copy, file):
    path = data_copy / file
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    counts = data.validate_all(data_copy)
    assert counts == data.validate_all()


@pytest.mark.parametrize("url", ["https://example.org/a}b", "https://example.org/{x}", "https://example.org/a\"b",
                                 "https://example.org/a b", "https://example.org/a\\b"])
def test_a_url_that_would_break_the_bibliography_is_refused(data_copy, url):
    _edit_csv(data_copy / "sources.csv", 1, "url", url)
    _fails_at(data_copy, "sources.csv", 1, "url", "url")


def test_the_bibliography_escapes_braces_in_a_url_it_is_given():
    from tools import bib

    sources = data.load("sources")
    sources.loc[0, "url"] = "https://example.org/a}b{c"
    text = bib.render(sources)
    entry = text.split("\n@")[1]
    assert entry.count("{") - entry.count("\\{") == entry.count("}") - entry.count("\\}")
    assert "a}b" not in entry and "b{c" not in entry


# ---------------------------------------------------------------------------
# Look-ups: no fact about a year the data do not reach; numpy years are years
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("value", [2030, "2031", np.int64(2040), "2027-01-01"])
def test_a_year_after_the_data_is_refused_by_the_look_ups(value):
    from helpers import maps

    last = data.last_date()
    for call in (lambda: data.members(value), lambda: maps.membership_map(value),
                 lambda: data.meetings_table(until=value), lambda: maps.meetings_map(until=value)):
        with pytest.raises(ValueError) as info:
            call()
        assert f"{last:%-d %B %Y}" in str(info.value) and "after" in str(info.value)


def test_the_last_year_of_the_data_is_answered_as_of_its_last_date():
    last = data.last_date()
    frame = data.members(last.year)
    assert frame.attrs.get("as_of") == last
    assert "as_of" not in data.members(2008).attrs


@pytest.mark.parametrize("value,year", [(np.datetime64("2017"), True), (np.datetime64("2017-06-09"), False)])
def test_numpy_datetime64_follows_the_year_rule(value, year):
    if year:
        assert data.period(value) == data.period(2017)
        pd.testing.assert_frame_equal(data.members(value), data.members(2017))
    else:
        assert data.period(value) == data.period("2017-06-09")


def test_a_numpy_month_is_refused_with_the_rule():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        data.period(np.datetime64("2017-06"))


# ---------------------------------------------------------------------------
# Error messages quote only a short excerpt of a bad value
# ---------------------------------------------------------------------------
LONG = "x" * 5000


def _maps():
    from helpers import maps
    return maps


def _tables():
    from helpers import tables
    return tables


def _widgets():
    from helpers import widgets
    return widgets


@pytest.mark.parametrize("call", [
    lambda: data.period(LONG), lambda: data.state(LONG), lambda: data.person(LONG), lambda: data.meeting(LONG),
    lambda: data.members(2008, status=LONG), lambda: data.source(LONG), lambda: data.load(LONG),
    lambda: data.state([LONG]), lambda: _maps().show(_maps().conflict_map("ukraine-2014"), [LONG]),
    lambda: _tables().show(LONG), lambda: _widgets().timeline_table(kind=[LONG]),
], ids=["period", "state", "person", "meeting", "status", "source", "load", "state(list)", "maps.show",
        "tables.show", "widgets.timeline_table"])
def test_error_messages_quote_a_short_excerpt(call):
    with pytest.raises((TypeError, ValueError)) as info:
        call()
    assert len(str(info.value)) < 600, str(info.value)[:200]
    assert "xxxx" in str(info.value)


@pytest.mark.parametrize("file,column", [("meetings.csv", "start"), ("places.csv", "lat"), ("meetings.csv", "level"),
                                         ("events.csv", "source"), ("sources.csv", "url")])
def test_data_errors_quote_a_short_excerpt(data_copy, file, column):
    _edit_csv(data_copy / file, 2, column, LONG)
    with pytest.raises(data.DataError) as info:
        data.validate_all(data_copy)
    assert (info.value.row, info.value.column) == (2, column)
    assert len(str(info.value)) < 600, str(info.value)[:300]



# ---------------------------------------------------------------------------
# The build ships what it checked
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("edit", ["styles", "geometry", "legend"])
def test_a_maps_payload_is_its_own(edit):
    from helpers import maps

    before = maps.membership_map(2005).payload
    fig = maps.membership_map(2005)
    if edit == "styles":
        fig.payload["styles"]["member"]["fillColor"] = "#FF0000"
    elif edit == "geometry":
        fig.payload["geometry"]["features"][0]["properties"]["iso3"] = "XXX"
        fig.payload["geometry"]["features"][0]["geometry"]["coordinates"].clear()
    else:
        fig.payload["legend"][0]["label"] = "changed"
    after = maps.membership_map(2005).payload
    assert json.dumps(after, sort_keys=True) == json.dumps(before, sort_keys=True)
    assert maps.STYLES["member"]["fillColor"] != "#FF0000"
    other = maps.meetings_map()
    assert json.dumps(other.payload["styles"], sort_keys=True) == json.dumps(maps.STYLES, sort_keys=True)


def test_the_class_pack_refuses_invalid_data(data_copy, tmp_path):
    from tools import classpack

    _edit_csv(data_copy / "meetings.csv", 3, "start", "2001-02-30")
    out, zip_path = tmp_path / "pack", tmp_path / "pack.zip"
    with pytest.raises(SystemExit) as info:
        classpack.build(out, zip_path, data_dir=data_copy)
    assert "meetings.csv, row 3" in str(info.value.code) and "column 'start'" in str(info.value.code)
    assert not out.exists() and not zip_path.exists()


def test_make_book_and_make_classpack_validate_the_data_first():
    import re

    makefile = (data.ROOT / "Makefile").read_text()
    book = re.search(r"^book:(.*)$", makefile, re.M).group(1).split()
    assert book.index("validate") < book.index("$(CLASSPACK_ZIP)"), book  # serial make: validate comes first
    validate = re.search(r"^validate:.*\n\t(.*)$", makefile, re.M).group(1)
    assert validate.strip() == "$(PY) -m tools.validate"
    classpack_rule = re.search(r"^\$\(CLASSPACK_ZIP\):.*?(?=^\S|\Z)", makefile, re.S | re.M).group(0)
    assert "tools.classpack" in classpack_rule


def test_the_validate_command_fails_on_invalid_data(data_copy):
    import subprocess
    import sys

    _edit_csv(data_copy / "places.csv", 2, "lat", "95.1")
    run = subprocess.run([sys.executable, "-m", "tools.validate", str(data_copy)], capture_output=True, text=True,
                         cwd=data.ROOT)
    assert run.returncode == 1 and "places.csv, row 2" in run.stderr and "column 'lat'" in run.stderr, run.stderr
    ok = subprocess.run([sys.executable, "-m", "tools.validate"], capture_output=True, text=True, cwd=data.ROOT)
    assert ok.returncode == 0 and "valid" in ok.stdout, ok.stderr


def test_files_no_page_uses_are_removed(tmp_path):
    """Map documents, widget states and quiz code left by earlier builds go; what a page names
    stays, and so does a file not named by its content (notes.txt)."""
    from tools.sphinx_ext import files

    maps_dir = tmp_path / "_static" / "maps"
    maps_dir.mkdir(parents=True)
    (tmp_path / "chapters").mkdir()
    for name in ("aaaa000000000000", "bbbb000000000000", "cccc000000000000"):
        (maps_dir / f"{name}.html").write_text("<html></html>")
    (maps_dir / "notes.txt").write_text("not a map")
    (tmp_path / "index.html").write_text('<iframe class="sco-map-frame" src="_static/maps/aaaa000000000000.html">')
    (tmp_path / "chapters" / "01.html").write_text(
        '<iframe class="sco-map-frame" title="x" src="../_static/maps/cccc000000000000.html" loading="lazy">')
    widgets_dir = tmp_path / "_static" / "widgets"
    widgets_dir.mkdir(parents=True)
    for name in ("dddd000000000000", "eeee000000000000"):
        (widgets_dir / f"{name}.js").write_text("/* state */")
    (tmp_path / "chapters" / "02.html").write_text(
        '<script data-sco-state="../_static/widgets/eeee000000000000.js" data-sco-manager="x.js"></script>')
    quiz_dir = tmp_path / "_static" / "quiz"
    quiz_dir.mkdir(parents=True)
    for name in ("ffff000000000000", "abab000000000000"):
        (quiz_dir / f"{name}.js").write_text("/* code */")
    (tmp_path / "chapters" / "03.html").write_text('<script>})("X", "../_static/quiz/abab000000000000.js");</script>')
    removed = files.remove_files_no_page_uses(tmp_path)
    assert sorted(p.name for p in maps_dir.iterdir()) == ["aaaa000000000000.html", "cccc000000000000.html", "notes.txt"]
    assert sorted(p.name for p in widgets_dir.iterdir()) == ["eeee000000000000.js"]
    assert sorted(p.name for p in quiz_dir.iterdir()) == ["abab000000000000.js"]
    assert [p.name for p in removed] == ["bbbb000000000000.html", "dddd000000000000.js", "ffff000000000000.js"]


@pytest.mark.build
def test_the_built_book_holds_exactly_the_maps_its_pages_use():
    import re

    html_dir = data.ROOT / "_build" / "html"
    if not (html_dir / "index.html").is_file():
        pytest.fail("the book is not built: run 'make book' first")
    used = set()
    for page in html_dir.rglob("*.html"):
        if "_static" not in page.parts:
            used |= set(re.findall(r"_static/maps/([0-9a-f]{16}\.html)", page.read_text(encoding="utf-8")))
    present = {p.name for p in (html_dir / "_static" / "maps").glob("*.html")}
    assert used and present == used
