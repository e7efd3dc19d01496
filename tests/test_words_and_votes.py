"""Chapter 7, the lab: the votes and the declarations' words as data, the figures the prose
states, the chart and its text, and the theme widget.

The figures are recomputed here from the CSV files with plain pandas, not through
``helpers.lab``, so that a mistake in the helper cannot hide behind itself.
"""

from __future__ import annotations

import csv
import html
import itertools
import re
from pathlib import Path

import ipywidgets as w
import pandas as pd
import pytest
from markupsafe import escape

from helpers import data, lab

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CHAPTER = ROOT / "chapters" / "07_words_and_votes.md"


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def _raw_votes() -> pd.DataFrame:
    """The votes with each resolution's date and topic, straight from the files."""
    votes, res = _csv("un_votes.csv"), _csv("un_resolutions.csv").set_index("id")
    return votes.assign(date=votes["resolution"].map(res["date"]), topic=votes["resolution"].map(res["topic"]),
                        year=votes["resolution"].map(res["date"]).str[:4].astype(int))


# ---------------------------------------------------------------------------
# The data
# ---------------------------------------------------------------------------
def test_the_new_tables_validate_and_are_not_empty():
    counts = data.validate_all()
    for name in ("un_resolutions", "un_votes", "un_vote_checks", "declaration_texts", "declaration_passages"):
        assert counts[name] > 0, name


def test_every_vote_row_is_a_state_of_the_sco_that_day_with_its_status():
    """Recomputed with data.members() on each resolution's day: the rows are exactly those states."""
    votes = _raw_votes()
    for rid, rows in votes.groupby("resolution"):
        on_the_day = data.members(rows["date"].iloc[0])
        expected = dict(zip(on_the_day["iso3"].astype(str), on_the_day["status"].astype(str)))
        assert dict(zip(rows["state"], rows["status"])) == expected, rid
        assert "RUS" in set(rows["state"]), f"{rid}: Russia's vote is there"


def test_votes_never_exceed_the_assemblys_totals():
    votes, res = _raw_votes(), _csv("un_resolutions.csv").set_index("id")
    for rid, rows in votes.groupby("resolution"):
        for kind in ("yes", "no", "abstain"):
            if res.loc[rid, kind]:
                assert (rows["vote"] == kind).sum() <= int(res.loc[rid, kind]), (rid, kind)


def test_the_sample_checked_against_other_lists_agrees_with_the_data():
    votes = _csv("un_votes.csv").set_index(["resolution", "state"])["vote"]
    checks = _csv("un_vote_checks.csv")
    assert len(checks) >= 20 and checks["resolution"].nunique() >= 2
    for r in checks.itertuples():
        assert votes.loc[(r.resolution, r.state)] == r.vote, f"{r.resolution} {r.state}: {r.source} says {r.vote}"


def test_every_vote_is_known_and_cites_its_resolution_s_un_record():
    """The chapter says the record is complete: no vote is unknown, and each vote cites the UN's voting record of
    its resolution, the record its resolution's totals cite (an unknown vote would have to say what was tried:
    see the bad-input test below)."""
    votes, res = _csv("un_votes.csv"), _csv("un_resolutions.csv").set_index("id")
    assert (votes["vote"] != "unknown").all()
    records = set(_csv("sources.csv").query("kind == 'record' and outlet == 'United Nations Digital Library'")["id"])
    assert records == {"undlvotes", "undlvotes2224", "undlvotes25"}
    assert votes["source"].isin(records).all(), set(votes["source"]) - records
    for rid, rows in votes.groupby("resolution"):
        assert set(rows["place"]) == {res.loc[rid, "place"]} or rid == "62-249", rid
        assert rows["place"].str.fullmatch(r"record \d+").all(), rid


def test_no_theme_is_absent_unless_its_text_was_read_in_full():
    texts = _csv("declaration_texts.csv").set_index("meeting")["reading"]
    passages = _csv("declaration_passages.csv")
    for r in passages.itertuples():
        if r.status == "absent":
            assert texts[r.meeting] == "in full", r.meeting
        if r.status in ("absent", "reported absent"):
            assert not r.excerpt
        else:
            assert r.excerpt
    heads = _csv("meetings.csv")
    heads = heads[(heads["level"] == "heads of state") & (heads["organisation"] == "SCO")]
    assert set(texts.index) == set(heads["id"]), "every heads-of-state declaration of 2001-2025 is listed"


def _broken_copy(bad: Path, file: str, edit) -> Path:
    """``bad`` (a copy of the data: the data_copy fixture) with ``edit`` made to the rows of ``file``."""
    path = bad / file
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)
    return bad


def _first(rows, **match):
    return next(r for r in rows if all(r[k] == v for k, v in match.items()))


@pytest.mark.parametrize("file,edit,column,needle", [
    ("un_votes.csv", lambda rows: _first(rows, resolution="68-262", state="CHN").update(status="observer"),
     "status", "was 'founding member' on 2014-03-27"),
    ("un_votes.csv", lambda rows: _first(rows, resolution="68-262", state="TUR").update(state="ARM"),
     "state", "ARM held no SCO status on 2014-03-27"),
    ("un_votes.csv", lambda rows: rows.remove(_first(rows, resolution="es-11-1", state="NPL")),
     "state", "no row for NPL"),
    ("un_votes.csv", lambda rows: _first(rows, resolution="es-11-6", state="TUR").update(vote="unknown", note=""),
     "note", "must say what was tried"),
    ("un_votes.csv", lambda rows: _first(rows, resolution="es-11-1", state="TUR").update(vote="maybe"),
     "vote", "is not one of"),
    ("un_resolutions.csv", lambda rows: _first(rows, id="es-11-1").update(no="1"),
     "vote", "un_votes.csv, row"),
    ("un_resolutions.csv", lambda rows: _first(rows, id="es-11-1").update(yes="many"),
     "yes", "not a whole number"),
    ("declaration_passages.csv",
     lambda rows: rows.append({**_first(rows, meeting="2008-dushanbe"), "theme": "ukraine", "status": "absent", "excerpt": ""}),
     "status", "absent only from a text read in full"),
])
def test_a_bad_vote_or_passage_names_file_row_and_column(data_copy, file, edit, column, needle):
    bad = _broken_copy(data_copy, file, edit)
    with pytest.raises(data.DataError) as caught:
        data.validate_all(bad)
    err = caught.value
    named = "un_votes.csv" if needle.startswith("un_votes.csv") else file  # a total too low shows in the votes
    assert Path(err.file).name == named and err.column == column and needle in str(err), str(err)


# ---------------------------------------------------------------------------
# The figures of the prose, recomputed from the files
# ---------------------------------------------------------------------------
def _recomputed() -> dict:
    v = _raw_votes()
    russia = v[v["state"] == "RUS"].set_index("resolution")["vote"]
    v = v.assign(russia=v["resolution"].map(russia))
    others = v[v["state"] != "RUS"]
    members = others[others["status"].isin(["founding member", "member"])]
    known = others[others["vote"] != "unknown"]
    china = v[v["state"] == "CHN"]

    def war(rid):
        rows = others[others["resolution"] == rid]
        return {"with Russia": int((rows["vote"] == rows["russia"]).sum()),
                "abstained": int(((rows["vote"] == "abstain") & (rows["russia"] != "abstain")).sum()),
                "against Russia": int(((rows["vote"] == "yes") & (rows["russia"] == "no")).sum()),
                "did not vote": int((rows["vote"] == "absent").sum()),
                "unknown": int((rows["vote"] == "unknown").sum()), "states": len(rows)}

    res = _csv("un_resolutions.csv")
    return {
        "resolutions": len(res), "first_year": int(res["date"].min()[:4]), "last_year": int(res["date"].max()[:4]),
        "state_votes": len(v), "states": v["state"].nunique(), "unknown": int((v["vote"] == "unknown").sum()),
        "russia_always_no": bool((russia == "no").all()),
        "others_yes": int((others["vote"] == "yes").sum()), "others_no": int((others["vote"] == "no").sum()),
        "others_abstain": int((others["vote"] == "abstain").sum()),
        "others_absent": int((others["vote"] == "absent").sum()), "others_votes": len(others),
        "member_yes": int((members["vote"] == "yes").sum()), "member_votes": len(members),
        "china_no": int((china["vote"] == "no").sum()), "china_abstain": int((china["vote"] == "abstain").sum()),
        "china_votes": len(china),
        "china_no_by_topic": {t: int(n) for t, n in china.loc[china["vote"] == "no", "topic"].value_counts().items()},
        "r2008": war("62-249"), "r2009": war("63-307"), "r2014": war("68-262"), "r2022": war("es-11-1"),
        "r2022b": war("es-11-4"),
        "known_share_with_russia": round(100 * (known["vote"] == known["russia"]).mean(), 1),
    }


def test_every_figure_of_the_prose_is_the_data_s():
    assert lab.findings() == _recomputed()


def test_the_qualitative_claims_of_the_prose_hold():
    """What the chapter says in words about the votes, checked against the files."""
    v = _raw_votes()
    members = v[v["status"].isin(["founding member", "member"]) & (v["state"] != "RUS")]
    # "they abstain, stay away or vote with Russia. Only once did a member vote against it: Uzbekistan ... June 2021"
    member_yes = members[members["vote"] == "yes"]
    assert list(zip(member_yes["state"], member_yes["resolution"])) == [("UZB", "75-285")]
    assert v.loc[(v["resolution"] == "74-300") & (v["state"] == "UZB"), "vote"].item() == "abstain"
    # "the members' no votes fall on the Crimea human-rights resolutions, on three texts about what follows from
    # the war (ES-11/3, ES-11/5; ES-11/9, on which Iran and Belarus voted no) and, on a text condemning the war and
    # on Georgia's, only on Belarus's in 2025, after it became a member (ES-11/7, 79/292)"
    no = members[members["vote"] == "no"]
    assert {"crimea human rights", "ukraine emergency session", "georgia displaced persons"} == set(no["topic"])
    assert {"es-11-3", "es-11-5", "es-11-9"} <= set(no["resolution"])
    assert set(no.loc[no["resolution"] == "es-11-9", "state"]) == {"IRN", "BLR"}
    rest = no[(no["topic"] != "crimea human rights") & ~no["resolution"].isin(["es-11-3", "es-11-5", "es-11-9"])]
    assert set(zip(rest["state"], rest["resolution"])) == {("BLR", "es-11-7"), ("BLR", "es-11-8"), ("BLR", "79-292"), ("CHN", "76-267")}
    # "China once, in June 2022, after abstaining every year before and before abstaining again"
    chn = v[(v["state"] == "CHN") & (v["topic"] == "georgia displaced persons")].sort_values("date")
    assert list(chn.loc[chn["vote"] != "abstain", "resolution"]) == ["76-267"] and chn["vote"].iloc[-1] == "abstain"
    # "as it had on every Georgian text in the data since 2013"
    blr_georgia = v[(v["state"] == "BLR") & (v["topic"] == "georgia displaced persons")]
    assert (blr_georgia.loc[blr_georgia["year"] >= 2013, "vote"] == "no").all()
    assert (blr_georgia.loc[blr_georgia["year"] < 2013, "vote"] != "no").any()
    # "from 2019 Tajikistan and Uzbekistan no longer cast them" (the Crimea no votes; they did cast them before)
    central = no[no["state"].isin(["TJK", "UZB"]) & (no["topic"] == "crimea human rights")]
    assert set(central["state"]) == {"TJK", "UZB"} and central["year"].max() <= 2018
    # "Kyrgyzstan and India from 2022, Kazakhstan from 2023; since 2023 the members' no votes on them come from
    # China, Iran and Belarus"
    crimea_no = no[no["topic"] == "crimea human rights"]
    last_no = crimea_no.groupby("state")["year"].max()
    assert last_no["KGZ"] == 2021 and last_no["IND"] == 2021 and last_no["KAZ"] == 2022
    assert set(crimea_no.loc[crimea_no["year"] >= 2023, "state"]) == {"CHN", "IRN", "BLR"}
    assert ((v["topic"] == "crimea human rights") & (v["year"] >= 2019)).any()
    # "the other exceptions are partners, not members": every other yes came from a partner or observer
    assert set(v.loc[(v["vote"] == "yes") & ~v.index.isin(member_yes.index), "status"]) <= {"dialogue partner", "observer"}
    # "Russia voted against all of them"
    assert (v.loc[v["state"] == "RUS", "vote"] == "no").all()
    # "Up to 2021 the record is complete": a Georgian resolution every year 2008-2021, the Crimea texts 2016-2021,
    # and every SCO state's vote known (validate_all checks that every state of the day has a row)
    up_to_2021 = v[v["year"] <= 2021]
    assert set(up_to_2021.loc[up_to_2021["topic"] == "georgia displaced persons", "year"]) == set(range(2008, 2022))
    assert set(up_to_2021.loc[up_to_2021["topic"] == "crimea human rights", "year"]) == set(range(2016, 2022))
    assert not (up_to_2021["vote"] == "unknown").any()
    # "So is 2025: Georgia's resolution 79/292, the Crimea resolution 80/223 and ES-11/7, ES-11/8 and ES-11/9"
    in_2025 = v[v["year"] == 2025]
    assert set(in_2025["resolution"]) == {"79-292", "80-223", "es-11-7", "es-11-8", "es-11-9"}
    assert not (in_2025["vote"] == "unknown").any()
    # "The record is complete: every Georgian resolution from 2008 to 2025, ... every Crimea human-rights resolution
    # from 2016 to 2025, and all nine resolutions of the emergency session"
    assert set(v.loc[v["topic"] == "georgia displaced persons", "year"]) == set(range(2008, 2026))
    assert set(v.loc[v["topic"] == "crimea human rights", "year"]) == set(range(2016, 2026))
    assert set(v.loc[v["topic"] == "ukraine emergency session", "resolution"]) == {f"es-11-{n}" for n in range(1, 10)}
    assert not (v["vote"] == "unknown").any()
    # "JAMnews counted one abstention fewer on Georgia's text of 2024 than the record holds" (JAMnews: 52)
    assert int(_csv("un_resolutions.csv").set_index("id").loc["78-283", "abstain"]) == 52 + 1
    # "eight themes"
    assert len(data.DECLARATION_THEMES) == 8 and "follows eight themes" in CHAPTER.read_text(encoding="utf-8")
    # "None of the declarations has been read in full"
    assert "in full" not in set(_csv("declaration_texts.csv")["reading"])


def test_the_chapter_names_the_declarations_it_found_no_copy_of():
    """The sentence that says which declarations could not be read at all names exactly the texts the data
    record as not read, and every text not read in full says what was read or what was tried."""
    text = CHAPTER.read_text(encoding="utf-8")
    sentence = re.search(r"for the declarations of ([^.]*?) we found no copy of the text at all", text)
    assert sentence, "the chapter no longer says which declarations it found no copy of"
    texts = _csv("declaration_texts.csv")
    unread = {m[:4] for m in texts.loc[texts["reading"] == "not read", "meeting"]}
    assert set(re.findall(r"\((\d{4})\)", sentence.group(1))) == unread
    partial = texts[texts["reading"] != "in full"]
    said = partial["note"].str.contains(r"stored cop|[Ss]earch", regex=True)
    assert said.all(), list(partial.loc[~said, "meeting"])


def test_the_chapter_names_the_emergency_session_votes_the_data_hold():
    """The sentence that says which resolutions of the emergency session are in the data names exactly those."""
    text = CHAPTER.read_text(encoding="utf-8")
    held = sorted(r.replace("es-11-", "ES-11/") for r in _csv("un_resolutions.csv")["id"] if r.startswith("es-11-"))
    paragraph = re.search(r"^The record is complete.*$", text, re.M)
    assert paragraph, "the chapter no longer says which emergency-session votes are held"
    assert sorted(set(re.findall(r"ES-11/\d+", paragraph.group(0)))) == held


def test_the_press_lists_read_before_the_records_agree_with_them():
    """Before the UN's records of 2022-2025 were found, the votes of the emergency session came from press lists;
    those lists are kept as checks, one or more for every resolution ES-11/1 to ES-11/8, and every vote they name
    is the record's."""
    votes = _csv("un_votes.csv").set_index(["resolution", "state"])["vote"]
    checks = _csv("un_vote_checks.csv")
    lists = checks[checks["resolution"].str.startswith("es-11-")]
    assert set(lists["resolution"]) >= {f"es-11-{n}" for n in range(1, 9)}
    assert not lists["source"].str.startswith("undlvotes").any()
    for r in lists.itertuples():
        assert votes.loc[(r.resolution, r.state)] == r.vote, f"{r.resolution} {r.state}: {r.source} says {r.vote}"

def test_the_quiz_answers_that_rest_on_the_data_are_the_data_s():
    v = _raw_votes()
    assert v.loc[(v["resolution"] == "68-262") & (v["state"] == "CHN"), "vote"].item() == "abstain"
    no_2022 = set(v.loc[(v["resolution"] == "es-11-1") & (v["vote"] == "no"), "state"])
    assert no_2022 == {"RUS", "BLR"} and v.loc[(v["resolution"] == "es-11-1") & (v["state"] == "BLR"), "status"].item() == "observer"
    absent_2014 = set(v.loc[(v["resolution"] == "68-262") & (v["vote"] == "absent"), "state"])
    assert {"KGZ", "TJK"} <= absent_2014
    # "on which of these resolutions did SCO members other than Russia vote no?": the Georgian ones too, rarely
    members = v[v["status"].isin(["founding member", "member"]) & (v["state"] != "RUS") & (v["vote"] == "no")]
    georgia = members[members["topic"] == "georgia displaced persons"]
    assert set(zip(georgia["state"], georgia["year"])) == {("CHN", 2022), ("BLR", 2025)}
    assert set(members.loc[members["topic"] == "crimea human rights", "year"]) == set(range(2016, 2026))


def test_the_prose_states_no_figure_of_the_votes_by_hand():
    """The chapter's sentences with vote counts come from lab.say(); the markdown has no count of votes."""
    text = CHAPTER.read_text(encoding="utf-8")
    prose = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    assert not re.search(r"\b\d+\s+(?:votes?|states?|abstentions?|resolutions?|per cent)\b", prose), \
        "a count of votes typed in the prose: compute it with lab.say()"
    for name in lab.sentences():
        assert f'lab.say("{name}")' in text, f"sentence {name} is not shown"


def test_the_built_page_shows_each_computed_sentence(book):
    page = html.unescape(re.sub(r"<[^>]+>", "", (book / "chapters" / f"{CHAPTER.stem}.html").read_text(encoding="utf-8")))
    page = re.sub(r"\s+", " ", page)
    for name, sentence in lab.sentences().items():
        assert sentence in page, f"{name}: {sentence}"


# ---------------------------------------------------------------------------
# The chart and its text alternative
# ---------------------------------------------------------------------------
def test_the_chart_table_is_the_votes_as_words():
    matrix = lab.vote_matrix()
    v = _raw_votes()
    names = _csv("states.csv").set_index("iso3")["name"]
    res = _csv("un_resolutions.csv").sort_values("date")
    assert list(matrix.columns) == [s.replace("A/RES/", "") for s in res["symbol"]]
    label = res.set_index("id")["symbol"].str.replace("A/RES/", "", regex=False)
    for r in v.itertuples():
        assert matrix.loc[names[r.state], label[r.resolution]] == r.vote, (r.state, r.resolution)
    assert (matrix != "").sum().sum() == len(v), "an empty cell only where the state held no status"
    assert matrix.index[0] == "Russia"


def test_the_chart_shows_every_vote_with_a_letter_and_its_table():
    chart = lab.vote_chart()
    shown = chart._repr_html_()
    svg = chart.svg
    from helpers import un_votes

    panels = re.findall(r"<svg .*?</svg>", svg, re.S)
    assert len(panels) == len(un_votes.PANELS) == 2
    for n, panel in enumerate(panels, start=1):
        assert 'role="img"' in panel and f'aria-labelledby="sco-vote-chart-{n}-title sco-vote-chart-{n}-desc"' in panel
        assert f'<title id="sco-vote-chart-{n}-title">' in panel and f'<desc id="sco-vote-chart-{n}-desc">' in panel
    letters = re.findall(r'font-weight="bold">([YNA–?])</text>', svg)
    cells = (lab.vote_matrix() != "").sum().sum()
    assert len(letters) == cells + len(lab.VOTE_STYLE) * len(panels), "a letter in every cell, and in each legend"
    # every resolution is in exactly one panel, Georgia's first
    labels = [re.findall(r'font-size="11">([^<]+) \(\d{4}\)</text>', panel) for panel in panels]
    assert sorted(labels[0] + labels[1]) == sorted(lab.vote_matrix().columns) and "62/249" in labels[0] and "68/262" in labels[1]
    assert shown.index("<svg") < shown.index('<table class="sco-table"'), "the table follows the chart"
    assert 'role="region"' in shown and "Table: the votes of the chart, as words" in shown
    present = set(lab.vote_matrix().to_numpy().ravel()) - {""}
    assert present >= {"yes", "no", "abstain", "absent"}
    for vote in present:
        assert f"<td>{vote}</td>" in shown
    # no vote of the data is unknown now; one that is would show as "?" in the chart and "unknown" in the table
    matrix = lab.vote_matrix()
    matrix.iloc[0, 0] = "unknown"
    other = un_votes.Chart(matrix, un_votes.resolutions())
    assert "<td>unknown</td>" in other._repr_html_() and re.findall(r'font-weight="bold">\?</text>', other.svg)


@pytest.mark.parametrize("vision", ["protanopia", "deuteranopia", "tritanopia", "none"])
def test_vote_colours_stay_distinct_under_colour_blindness(vision):
    from test_maps import CVD, _lab

    fills = {k: v[0] for k, v in lab.VOTE_STYLE.items()}
    for a, b in itertools.combinations(fills, 2):
        la, lb = _lab(fills[a], CVD[vision]), _lab(fills[b], CVD[vision])
        assert sum((p - q) ** 2 for p, q in zip(la, lb)) ** 0.5 >= 12, f"{a} and {b} under {vision}"


def test_letters_read_on_their_colours():
    def luminance(hex_colour):
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for vote, (fill, _, ink) in lab.VOTE_STYLE.items():
        hi, lo = sorted((luminance(fill), luminance(ink)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, vote


def test_shares_add_up_and_leave_russia_out():
    shares = lab.shares(("year", "group"))
    parts = shares[list(lab.ALIGNMENTS)].sum(axis=1)
    assert ((parts - 100).abs() <= 0.3).all()
    v = _raw_votes()
    assert shares["votes"].sum() == (v["state"] != "RUS").sum()
    with pytest.raises(ValueError, match="grouping"):
        lab.shares(("colour",))


# ---------------------------------------------------------------------------
# The theme widget
# ---------------------------------------------------------------------------
def _stack(widget):
    if isinstance(widget, w.Stack):
        return widget
    for child in getattr(widget, "children", ()):
        found = _stack(child)
        if found is not None:
            return found
    return None


def test_the_theme_widget_has_a_pane_per_theme_with_its_passages():
    box = lab.follow_theme("belt and road")
    stack = _stack(box)
    dropdown = next(c for c in box.children if isinstance(c, w.Dropdown))
    assert dropdown.description == "Theme:" and len(stack.children) == len(data.DECLARATION_THEMES)
    assert stack.selected_index == list(data.DECLARATION_THEMES).index("belt and road") == dropdown.index
    passages = _csv("declaration_passages.csv")
    for i, theme in enumerate(data.DECLARATION_THEMES):
        pane = stack.children[i].value
        mine = passages[passages["theme"] == theme]
        for excerpt in mine["excerpt"]:
            assert escape(excerpt) in pane
        for excerpt in passages.loc[passages["theme"] != theme, "excerpt"]:
            if excerpt and excerpt not in set(mine["excerpt"]):
                assert escape(excerpt) not in pane
        years = re.findall(r"<li><strong>(\d{4}),", pane)
        assert len(years) == len(_csv("declaration_texts.csv")), "every declaration's year, with or without a passage"
        assert "not evidence that the declaration is silent" in pane


def test_the_widget_escapes_the_data_and_links_only_to_the_web(monkeypatch):
    real = data.load

    def poisoned(name, *args, **kwargs):
        frame = real(name, *args, **kwargs)
        if name == "declaration_passages":
            frame.loc[frame.index[0], "excerpt"] = '<img src=x onerror="alert(1)">'
            frame.loc[frame.index[0], "gloss"] = "<script>alert(2)</script>"
        return frame

    monkeypatch.setattr(data, "load", poisoned)
    theme = str(real("declaration_passages")["theme"].iloc[0])
    pane = lab.theme_html(theme)
    assert "<img" not in pane and "<script" not in pane and "&lt;img src=x" in pane
    for href in re.findall(r'href="([^"]*)"', pane):
        assert href.startswith(("https://", "http://")), href


def test_the_theme_widget_refuses_a_theme_it_does_not_know():
    with pytest.raises(ValueError, match="unknown theme 'the weather'; closest valid"):
        lab.follow_theme("the weather")
    with pytest.raises(ValueError):
        lab.say("nonsense")


# ---------------------------------------------------------------------------
# In the browser
# ---------------------------------------------------------------------------
@pytest.mark.browser
def test_choosing_a_theme_by_mouse_and_keyboard_changes_the_text(page, server):
    from conftest import fold_space, live_widgets, visible_widget_text

    page.goto(server + "chapters/07_words_and_votes.html", wait_until="load")
    live_widgets(page)  # the widget manager loads when the reader comes near a widget
    box = page.locator(".sco-follow-theme").first
    select = box.locator("select")
    passages = data.load("declaration_passages")
    themes = list(data.DECLARATION_THEMES)
    quoted = passages[passages["excerpt"].notna() & (passages["excerpt"] != "")]
    target = str(quoted["theme"].iloc[-1])
    select.select_option(index=themes.index(target))
    expected = quoted[quoted["theme"] == target]["excerpt"].iloc[0]
    assert fold_space(expected) in fold_space(visible_widget_text(box))
    select.focus()
    select.press("Home")
    first = quoted[quoted["theme"] == themes[0]]["excerpt"].iloc[0]
    assert fold_space(first) in fold_space(visible_widget_text(box))
