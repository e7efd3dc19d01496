"""The comparison widgets: right panes from the data, escaping, bad input refused."""

from __future__ import annotations

import ipywidgets as w
import pytest
from markupsafe import escape

from helpers import data, widgets


def _stacks(widget):
    """Every Stack inside a widget, depth first."""
    found = []
    if isinstance(widget, w.Stack):
        found.append(widget)
    for child in getattr(widget, "children", ()):
        found += _stacks(child)
    return found


def _dropdowns(widget):
    found = [widget] if isinstance(widget, w.Dropdown) else []
    for child in getattr(widget, "children", ()):
        found += _dropdowns(child)
    return found


def test_declarations_panes_hold_each_meetings_excerpts():
    box = widgets.compare_declarations("2005-astana", "2008-dushanbe")
    left, right = _stacks(box)
    ids = widgets.declaration_meetings()
    assert left.selected_index == ids.index("2005-astana") and right.selected_index == ids.index("2008-dushanbe")
    decl = data.load("declarations")
    for i, mid in enumerate(ids):
        pane = left.children[i].value
        for excerpt in decl[decl["meeting"] == mid]["excerpt"]:
            plain = pane.replace("<mark>", "").replace("</mark>", "")
            assert escape(excerpt) in plain
        others = decl[decl["meeting"] != mid]["excerpt"]
        assert not any(escape(e) in pane for e in others if e not in set(decl[decl["meeting"] == mid]["excerpt"]))


def test_a_theme_a_declaration_does_not_address_says_so():
    decl = data.load("declarations")
    pane = widgets.declaration_html("2014-dushanbe")
    for theme in data.THEMES:
        if decl[(decl["meeting"] == "2014-dushanbe") & (decl["theme"] == theme)].empty:
            assert f"quote nothing from this declaration on {escape(theme)}" in pane


def test_what_russia_sought_is_beside_what_was_adopted():
    sought = data.load("sought")
    pane = widgets.declaration_html("2008-dushanbe")
    for text in sought[sought["meeting"] == "2008-dushanbe"]["sought"]:
        assert escape(text) in pane


def test_key_terms_are_highlighted():
    assert widgets.highlight("respect for territorial integrity") == "respect for <mark>territorial integrity</mark>"
    assert "<mark>Russia</mark>" in widgets.highlight("Russia’s role")


def test_every_dropdown_has_a_visible_label():
    for box in (widgets.compare_declarations(), widgets.compare_analysts(), widgets.timeline()):
        dropdowns = _dropdowns(box)
        assert dropdowns
        for dd in dropdowns:
            assert dd.description.strip().endswith(":"), "a visible label"


def test_analysts_panes_hold_every_position_of_the_question():
    box = widgets.compare_analysts(question="why-withheld-2008")
    by_question = _stacks(box)[0]
    qids = list(data.load("questions")["id"])
    assert by_question.selected_index == qids.index("why-withheld-2008")
    pos = data.load("positions")
    for i, q in enumerate(qids):
        pane = by_question.children[i].value
        for excerpt in pos[pos["question"] == q]["excerpt"]:
            assert escape(excerpt) in pane


def test_analyst_pairs_show_agreement_and_difference():
    pos = data.load("positions")
    a, b = widgets.analyst_pairs()[0]
    pane = widgets.pair_html(a, b)
    shared = set(pos[pos["analyst"] == a]["question"]) & set(pos[pos["analyst"] == b]["question"])
    assert pane.count("<tr class=\"sco-") == len(shared)
    same = sum(
        pos[(pos["analyst"] == a) & (pos["question"] == q)]["stance"].iloc[0]
        == pos[(pos["analyst"] == b) & (pos["question"] == q)]["stance"].iloc[0]
        for q in shared
    )
    assert pane.count("✔ agree") == same and pane.count("✖ differ") == len(shared) - same


def test_timeline_panes_filter_by_period_and_kind():
    box = widgets.timeline()
    outer = _stacks(box)[0]
    events = data.load("events")
    everything = outer.children[0].children[0].value
    assert everything.count("<li>") == len(events)
    kinds = [k for k in data.EVENT_KINDS if (events["kind"] == k).any()]
    georgia = outer.children[0].children[1 + kinds.index("georgia 2008")].value
    assert georgia.count("<li>") == (events["kind"] == "georgia 2008").sum()
    year_2008 = widgets.timeline(start="2008-01-01", end="2008-12-31")
    pane = _stacks(year_2008)[0].children[0].children[0].value
    assert pane.count("<li>") == events["date"].dt.year.eq(2008).sum()


@pytest.mark.parametrize(
    "call,needle",
    [
        (lambda: widgets.compare_declarations(left="2009-moscow"), "2009-moscow"),
        (lambda: widgets.compare_declarations(right="nope"), "nope"),
        (lambda: widgets.compare_analysts(question="who-won"), "who-won"),
        (lambda: widgets.compare_analysts(analysts=("katz", "tolstoy")), "tolstoy"),
        (lambda: widgets.timeline_table(kind="battles"), "battles"),
        (lambda: widgets.timeline(start="2010-01-01", end="2001-01-01"), "before"),
    ],
)
def test_bad_input_raises(call, needle):
    with pytest.raises(ValueError) as info:
        call()
    assert needle in str(info.value)


def test_every_string_from_the_data_is_escaped(monkeypatch):
    """Rows holding markup appear as text in every widget."""
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    real_load = data.load

    def load(name, data_dir=None):
        frame = real_load(name, data_dir)
        for column in ("excerpt", "gloss", "position", "title", "sought", "outcome", "text", "name"):
            if column in frame.columns and name != "sources":
                frame[column] = frame[column].astype(str) + evil
        return frame

    monkeypatch.setattr(data, "load", load)
    panes = [
        widgets.declaration_html("2008-dushanbe"),
        widgets.question_html(real_load("questions")["id"].iloc[0]),
        widgets.pair_html(*widgets.analyst_pairs()[0]),
        widgets._events_html(widgets.timeline_table(2008, 2008)),
    ]
    for pane in panes:
        assert "<script>" not in pane and "<img" not in pane
        assert "&lt;script&gt;" in pane
