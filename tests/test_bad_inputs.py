"""Every public helper refuses a bad type or value with a TypeError or ValueError that names
the value and says what is valid: never a pandas, KeyError or AttributeError traceback
from deep inside."""

from __future__ import annotations

import re

import pytest

from helpers import data, exercises, maps, widgets

FIGURE = maps.conflict_map("ukraine-2014")

#: (what is called, the call, a string the message must contain: the bad value)
CASES = [
    ("data.load(list)", lambda: data.load(["states"]), "['states']"),
    ("data.load(int)", lambda: data.load(5), "5"),
    ("data.load(unknown)", lambda: data.load("treaties"), "'treaties'"),
    ("data.validate_all(int)", lambda: data.validate_all(5), "5"),
    ("data.state(list)", lambda: data.state(["Kazakhstan"]), "['Kazakhstan']"),
    ("data.state(None)", lambda: data.state(None), "None"),
    ("data.state(unknown)", lambda: data.state("Narnia"), "'Narnia'"),
    ("data.person(int)", lambda: data.person(42), "42"),
    ("data.source(list)", lambda: data.source(["katz2008"]), "['katz2008']"),
    ("data.cite_text(list)", lambda: data.cite_text(["katz2008"]), "['katz2008']"),
    ("data.meeting(int)", lambda: data.meeting(2008), "2008"),
    ("data.meeting_dates(str)", lambda: data.meeting_dates("2008-dushanbe"), "2008-dushanbe"),
    ("data.members(list)", lambda: data.members([2008]), "[2008]"),
    ("data.members(float)", lambda: data.members(2008.5), "2008.5"),
    ("data.members(ambiguous)", lambda: data.members("08/06/2017"), "'08/06/2017'"),
    ("data.members(status=int)", lambda: data.members(2008, status=5), "5"),
    ("data.members(status=unknown)", lambda: data.members(2008, status=["observer", "king"]), "'king'"),
    ("data.members(status=[int])", lambda: data.members(2008, status=[1]), "1"),
    ("data.meetings_table(level=list)", lambda: data.meetings_table(level=["all"]), "['all']"),
    ("data.meetings_table(until=word)", lambda: data.meetings_table(until="soon"), "'soon'"),
    ("data.period(dict)", lambda: data.period({"year": 2008}), "{'year': 2008}"),
    ("maps.membership_map(list)", lambda: maps.membership_map([2008]), "[2008]"),
    ("maps.membership_map(partners=str)", lambda: maps.membership_map(partners="yes"), "'yes'"),
    ("maps.membership_table(partners=int)", lambda: maps.membership_table(partners=1), "1"),
    ("maps.meetings_map(level=int)", lambda: maps.meetings_map(level=5), "5"),
    ("maps.meetings_map(until=bool)", lambda: maps.meetings_map(until=True), "True"),
    ("maps.conflict_map(list)", lambda: maps.conflict_map(["georgia-2008"]), "['georgia-2008']"),
    ("maps.conflict_map(None)", lambda: maps.conflict_map(None), "None"),
    ("maps.conflict_table(int)", lambda: maps.conflict_table(5), "5"),
    ("maps.show(fig, None)", lambda: maps.show(FIGURE, None), "None"),
    ("maps.show(fig, '')", lambda: maps.show(FIGURE, "  "), "caption"),
    ("maps.show(None, caption)", lambda: maps.show(None, "A caption"), "None"),
    ("maps.show(folium.Map, caption)", lambda: maps.show(FIGURE.map, "A caption"), "folium.folium.Map"),
    ("maps.show(height=str)", lambda: maps.show(FIGURE, "A caption", height="big"), "'big'"),
    ("maps.show(height=bool)", lambda: maps.show(FIGURE, "A caption", height=True), "True"),
    ("maps.map_html(None)", lambda: maps.map_html(None), "None"),
    ("widgets.compare_declarations(left=int)", lambda: widgets.compare_declarations(left=5), "5"),
    ("widgets.compare_declarations(right=list)", lambda: widgets.compare_declarations(right=["2008-dushanbe"]),
     "['2008-dushanbe']"),
    ("widgets.declaration_html(None)", lambda: widgets.declaration_html(None), "None"),
    ("widgets.compare_analysts(analysts=int)", lambda: widgets.compare_analysts(analysts=5), "5"),
    ("widgets.compare_analysts(analysts=str)", lambda: widgets.compare_analysts(analysts="katz"), "'katz'"),
    ("widgets.compare_analysts(one analyst)", lambda: widgets.compare_analysts(analysts=("katz",)), "('katz',)"),
    ("widgets.compare_analysts(same twice)", lambda: widgets.compare_analysts(analysts=("katz", "katz")), "'katz'"),
    ("widgets.compare_analysts(analysts=[int])", lambda: widgets.compare_analysts(analysts=("katz", 3)), "3"),
    ("widgets.compare_analysts(question=list)", lambda: widgets.compare_analysts(question=["ukraine-2014"]),
     "['ukraine-2014']"),
    ("widgets.question_html(int)", lambda: widgets.question_html(5), "5"),
    ("widgets.pair_html(list)", lambda: widgets.pair_html(["katz"], "olimova"), "['katz']"),
    ("widgets.pair_html(same twice)", lambda: widgets.pair_html("katz", "katz"), "'katz'"),
    ("widgets.timeline_table(kind=list)", lambda: widgets.timeline_table(kind=["sco"]), "['sco']"),
    ("widgets.timeline_table(kind=int)", lambda: widgets.timeline_table(kind=5), "5"),
    ("widgets.timeline(start=ambiguous)", lambda: widgets.timeline(start="08/06/2017"), "'08/06/2017'"),
    ("widgets.timeline(end=list)", lambda: widgets.timeline(end=[2008]), "[2008]"),
    ("widgets.highlight(terms=str)", lambda: widgets.highlight("text", terms="Russia"), "'Russia'"),
    ("exercises.load_quiz(int)", lambda: exercises.load_quiz(5), "5"),
    ("exercises.load_quiz(path)", lambda: exercises.load_quiz("../sources"), "'../sources'"),
    ("exercises.quiz(None)", lambda: exercises.quiz(None), "None"),
    ("exercises.exercise(kind=unknown)", lambda: exercises.exercise("t-x", 0, "o", "poem"), "'poem'"),
    ("exercises.exercise(id=int)", lambda: exercises.exercise(5, 0, "o", "number"), "5"),
]

#: Words by which a message says what would be valid.
VALID = re.compile(r"valid|choose|closest|must|expected|write (it|the date) as|give|one of|takes", re.I)


@pytest.mark.parametrize("name,call,shown", CASES, ids=[c[0] for c in CASES])
def test_a_bad_input_is_refused_naming_the_value_and_the_valid_choices(name, call, shown):
    with pytest.raises((TypeError, ValueError)) as info:
        call()
    assert type(info.value) in (TypeError, ValueError), f"{name} raised {type(info.value).__name__}"
    message = str(info.value)
    assert shown in message, f"{name}: the message does not name the value: {message}"
    assert VALID.search(message), f"{name}: the message does not say what is valid: {message}"
