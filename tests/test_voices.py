"""Whose voices the book's evidence comes from (issue 21): the origin of every source."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import data


def test_every_source_has_an_origin_from_the_vocabulary():
    sources = data.load("sources")
    vocabulary = set(data.origin_vocabulary())
    assert sources["origin"].notna().all()
    assert set(sources["origin"]) <= vocabulary
    # the vocabulary is the states of the book by name, a few other states, and two words
    states = set(data.load("states")["name"])
    assert states <= vocabulary
    assert {"international", "unknown"} <= vocabulary
    assert not {"RUS", "Russian Federation", "russia", ""} & vocabulary


@pytest.mark.parametrize(
    "origin,region",
    [("Russia", "Russia"), ("China", "China"), ("Kazakhstan", "Central Asia"), ("Kyrgyzstan", "Central Asia"),
     ("Tajikistan", "Central Asia"), ("Uzbekistan", "Central Asia"), ("Turkmenistan", "Central Asia"),
     ("India", "other"), ("United States", "other"), ("United Kingdom", "other"),
     ("international", "other"), ("unknown", "other")],
)
def test_origins_group_into_regions(origin, region):
    assert data.origin_region(origin) == region


def test_an_origin_that_is_not_in_the_vocabulary_is_refused_by_name():
    with pytest.raises(ValueError, match="Russian Federation"):
        data.origin_region("Russian Federation")


@pytest.mark.parametrize("value,needle", [("Russian Federation", "'Russia'"), ("RUS", "not a state name"),
                                          ("", "empty but required")])
def test_a_bad_origin_in_sources_csv_names_file_row_and_column(data_copy, value, needle):
    path = data_copy / "sources.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[1, "origin"] = value
    frame.to_csv(path, index=False)
    with pytest.raises(data.DataError) as info:
        data.validate_all(data_copy)
    assert (info.value.file, info.value.row, info.value.column) == ("sources.csv", 2, "origin"), str(info.value)
    assert needle in str(info.value)


def test_the_codings_the_sources_show():
    """A few origins fixed by what the sources themselves say (people.csv, the seeds' bylines)."""
    origin = dict(zip(data.load("sources")["id"], data.load("sources")["origin"]))
    assert origin["olimova2008"] == "Tajikistan"          # IWPR's editor in Tajikistan, writing in Dushanbe
    assert origin["katz2008"] == "United States"         # George Mason University
    assert origin["thesis2007"] == "unknown"             # no author or university in the text
    assert origin["sco2008"] == "international"          # the SCO's declaration, whoever publishes it
    assert origin["xinhua2008"] == "China"
    assert origin["kremlin2008qa"] == "Russia"


# ---------------------------------------------------------------------------
# Chapters 2-6 use Russian, Chinese and Central Asian voices, counted from the data
# ---------------------------------------------------------------------------
import re  # noqa: E402

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"
REGIONS = ("Russia", "China", "Central Asia")
_CITE_RE = re.compile(r"\{cite:[pt]\}`([^`]*)`")
#: admonitions that only list sources to read: a source cited only there is listed, not used
_LIST_BLOCK_RE = re.compile(r"^:::\{admonition\} Read the sources.*?^:::\s*$", re.S | re.M)


def _cited_in_argument(text: str) -> set[str]:
    text = _LIST_BLOCK_RE.sub("", text)
    keys = set()
    for group in _CITE_RE.findall(text):
        for part in group.split(","):
            key = part.split("{")[0].strip()
            if key:
                keys.add(key)
    return keys


def voices_by_region(chapter: Path) -> dict[str, set[str]]:
    """{region: cited source ids} for the analyses and official accounts (classes ``analysis`` and
    ``primary``) that a chapter's argument cites, outside its reading lists."""
    sources = data.load("sources").set_index("id")
    found: dict[str, set[str]] = {r: set() for r in data.ORIGIN_REGIONS}
    for key in _cited_in_argument(chapter.read_text(encoding="utf-8")):
        if key in sources.index and str(sources.loc[key, "class"]) in ("analysis", "primary"):
            found[data.origin_region(sources.loc[key, "origin"])].add(key)
    return found


@pytest.mark.parametrize("chapter", sorted(CHAPTERS.glob("0[2-6]_*.md")), ids=lambda p: p.name)
def test_each_chapter_uses_russian_chinese_and_central_asian_voices(chapter):
    found = voices_by_region(chapter)
    missing = [r for r in REGIONS if not found[r]]
    assert not missing, f"{chapter.name} cites no {', no '.join(missing)}-authored source in its argument"


def test_the_count_ignores_sources_only_listed_news_and_general_reference(tmp_path):
    page = tmp_path / "07_test.md"
    page.write_text(":::{admonition} Read the sources\n:class: tip\n\n- {cite:p}`xinhua2008{para. 3}`\n:::\n\n"
                    "Katz argues {cite:p}`katz2008{para. 2},genref,tass2018{para. 1}`.\n", encoding="utf-8")
    found = voices_by_region(page)
    assert found["China"] == set() and found["Russia"] == set() and found["other"] == {"katz2008"}


# ---------------------------------------------------------------------------
# Each holder of a reading is coded, in positions.yaml, with no stance that contradicts it
# ---------------------------------------------------------------------------
#: For each reading of chapter 5: the stances (question -> stances) that a holder cannot hold.
CONTRADICTS = {
    "anti-western-bloc": {"us-presence": {"not-a-bloc", "cannot-reduce", "balance"}},
    "china-vehicle": {"whose-instrument": {"russia", "mutual", "china-and-central-asia", "balance"},
                      "what-for": {"new-regionalism"}},
    "russia-instrument": {"whose-instrument": {"china", "mutual", "china-and-central-asia"}},
    "autocrats-club": {},
    "talking-shop": {"what-for": {"security", "new-regionalism"}},
    "members-restraint": {"whose-instrument": {"china", "russia"}, "partners-backed-2008": {"lukewarm"}},
    "members-own-account": {"whose-instrument": {"china", "russia"}, "us-presence": {"counterweight"}},
}


def test_every_reading_has_its_rule():
    assert set(CONTRADICTS) == set(data.load("schools")["id"])


def test_no_holder_is_coded_against_the_reading_the_chapter_assigns_them():
    positions = data.load("positions")
    clashes = []
    for _, school in data.load("schools").iterrows():
        for holder in school["holders"]:
            mine = positions[positions["analyst"] == holder]
            for question, stance in zip(mine["question"], mine["stance"]):
                if stance in CONTRADICTS[school["id"]].get(question, set()):
                    clashes.append(f"{holder} holds {school['id']} but is coded {question}={stance}")
    assert not clashes, clashes


def _reading_sections() -> list[str]:
    text = (CHAPTERS / "05_what_is_the_sco_for.md").read_text(encoding="utf-8")
    start = text.index("## Seven readings of the SCO")
    end = text.index("\n## ", start + 5)
    return re.split(r"^### \d+\. ", text[start:end], flags=re.M)[1:]


def test_chapter_5_names_each_holder_in_the_section_of_the_reading_the_data_assigns():
    sections = _reading_sections()
    schools = data.load("schools")
    assert len(sections) == len(schools), "one section per reading, in the order of schools.yaml"
    people = data.load("people").set_index("id")
    for section, (_, school) in zip(sections, schools.iterrows()):
        for holder in school["holders"]:
            surname = {"thesis-literature": "bulk of academic literature", "thesis-author": "thesis",
                       "summit2014-author": "Eurasianet"}.get(holder) or str(people.loc[holder, "name"]).split()[-1]
            if holder == "sun-zhuangzhi":
                surname = "Sun"
            assert surname in section, f"chapter 5 does not name {holder} in the section on {school['id']}"


def test_sun_and_chung_are_coded_as_the_thesis_reports_them():
    positions = data.load("positions").set_index(["analyst", "question"])["stance"]
    assert positions[("sun-zhuangzhi", "whose-instrument")] == "china-and-central-asia"
    assert positions[("chung", "what-for")] == "new-regionalism"
    vehicle = data.load("schools").set_index("id").loc["china-vehicle", "holders"]
    assert not {"sun-zhuangzhi", "chung"} & set(vehicle)
