"""Citations a reader can follow.

The data cite the five source documents by line, so that excerpts can be checked word for
word; readers see the publication's own divisions instead (paragraph, chapter and section,
dated entry). ``data/passages.csv`` holds that mapping: it is rebuilt here from the
documents and compared, and every citation in the data must resolve through it. Primary
documents, of which the book keeps no copy, are cited by their own paragraph or section
numbers and must have an address and an exact date. No page of the built book may name a
local file or a line number.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import BUILD

from helpers import data
from tools import notebooks as nbfiles
from tools import passages

SEEDS_PRESENT = data.SEEDS_DIR.is_dir()


def _cited_rows():
    for name in data.tables():
        table = data.SCHEMAS[name]
        if not table.cited:
            continue
        frame = data.load(name)
        for i, row in frame.iterrows():
            yield name, i + 1, row["source"], row[table.place_column]


@pytest.mark.skipif(not SEEDS_PRESENT, reason="the source documents are not beside the repository")
def test_passages_table_is_derived_from_the_documents():
    assert passages.build() == (data.ROOT / "data" / "passages.csv").read_text(encoding="utf-8"), (
        "data/passages.csv is stale: run python -m tools.passages"
    )


def test_passages_cover_each_document_without_overlap():
    table = pd.read_csv(data.ROOT / "data" / "passages.csv", keep_default_na=False)
    for source, rows in table.groupby("source"):
        rows = rows.sort_values("first")
        assert (rows["first"] <= rows["last"]).all(), source
        assert (rows["first"].iloc[1:].to_numpy() > rows["last"].iloc[:-1].to_numpy()).all(), f"{source}: passages overlap"
        paras = [int(n) for n in rows.loc[rows["part"] == "para", "number"]]
        assert paras == list(range(1, len(paras) + 1)), f"{source}: paragraphs are not numbered 1, 2, 3…"


@pytest.mark.parametrize(
    "source, place, expected",
    [
        ("summit2014", "L10", "para. 3"),  # Putin's "identical and close"
        ("katz2008", "L6", "para. 1"),
        ("katz2008", "L28-30", "paras 12–13"),
        ("goodenough2008", "L21", "para. 14"),  # after the sub-heading, which is not a paragraph
        ("olimova2008", "L29-31", "para. 1"),
        ("olimova2008", "L24-25", "standfirst"),
        ("thesis2007", "L3399", "ch. 3, section “Impact of Border Negotiations”"),
        ("thesis2007", "L4533-4535", "Appendix 1, entry of 26 April 1996"),
        ("thesis2007", "L4450", "Conclusion"),
    ],
)
def test_a_line_becomes_the_passage_a_reader_can_find(source, place, expected):
    assert data.passage(source, place) == expected


@pytest.mark.skipif(not SEEDS_PRESENT, reason="the source documents are not beside the repository")
def test_paragraph_numbers_count_the_articles_paragraphs():
    # the third paragraph of the 2014 article is the one with Putin's words
    assert "identical and close" in data.seed_text("summit2014", "L10")
    # Katz's first paragraph opens the essay
    assert data.seed_text("katz2008", "L6").startswith("One of Russian leader")


def test_every_citation_in_the_data_resolves_for_a_reader():
    problems = []
    for name, row, source, place in _cited_rows():
        try:
            text = data.cite_text(source, place)
        except ValueError as exc:
            problems.append(f"{name} row {row}: {exc}")
            continue
        if re.search(r"\blines?\b|\bL\d", text):
            problems.append(f"{name} row {row}: {text!r} names a line")
    assert not problems, "\n".join(problems[:20])


def test_every_source_has_a_class_and_primary_sources_have_address_and_day():
    sources = data.load("sources")
    assert sources["class"].notna().all()
    primary = sources[sources["class"] == "primary"]
    assert len(primary) >= 8, "at least eight primary documents"
    for _, row in primary.iterrows():
        assert str(row["url"]).startswith(("https://", "http://")), row["id"]
        # the exact day, or a month with the authors' note saying why the day is not known
        exact = len(str(row["date"])) == 10
        assert exact or (len(str(row["date"])) == 7 and "date" in str(row["note"])), (
            f"{row['id']}: a primary document needs its exact date"
        )
        assert not data.blank(row["outlet"]), f"{row['id']}: who publishes it?"


def test_primary_excerpts_are_short_and_cited_to_a_paragraph_or_section():
    sources = data.load("sources").set_index("id")
    found = 0
    for name in data.tables():
        table = data.SCHEMAS[name]
        frame = data.load(name)
        if not table.cited or "excerpt" not in frame.columns:
            continue
        for i, row in frame.iterrows():
            if sources.loc[row["source"], "class"] != "primary" or data.blank(row["excerpt"]):
                continue
            found += 1
            assert data.words(row["excerpt"]) <= data.MAX_EXCERPT_WORDS, f"{name} row {i + 1}"
            assert re.match(r"^(para\.|paras|§|art\.|section|item|question|p\.|pp\.)", str(row[table.place_column])), (
                f"{name} row {i + 1}: cite a primary document by its paragraph or section"
            )
    assert found >= 10, "the primary documents are quoted beside the analysts"


def test_a_locator_that_is_not_one_is_refused(data_copy):
    import yaml

    bad = data_copy
    path = bad / "declarations.yaml"
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    primary = data.load("sources").query("`class` == 'primary'")["id"].iloc[0]
    rows[0]["source"], rows[0]["place"] = primary, "line 3"
    path.write_text(yaml.safe_dump(rows, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(data.DataError, match="declarations.yaml, row 1.*place"):
        data.validate_all(bad)


LOCAL = re.compile(r"shared/seeds|\b00[0-4]_[0-9a-f]{16}\.txt|\b00[0-4]\b`|\blines? \d+|\bL\d{1,4}\b")


@pytest.mark.build
def test_no_page_names_a_local_file_or_a_line(book):
    offenders = {}
    for html in sorted(BUILD.rglob("*.html")):
        if "_static" in html.parts or "_sources" in html.parts:
            continue
        text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        hits = sorted(set(m.group(0) for m in LOCAL.finditer(text)))
        if hits:
            offenders[str(html.relative_to(BUILD))] = hits[:8]
    assert not offenders, offenders


@pytest.mark.build
def test_bibliography_shows_months_and_no_line_numbers(book):
    text = re.sub(r"<[^>]+>", " ", (BUILD / "bibliography.html").read_text(encoding="utf-8"))
    assert not re.search(r"\b(1[0-2]|[1-9]),? (19|20)\d\d\b", text.replace("\xa0", " ")), "a month as a number"
    assert not re.search(r"\bL\d+|\blines? \d", text)
    assert "September 2008" in text
    assert "Eurasianet" in text


@pytest.mark.parametrize("meeting", ["2005-astana", "2008-dushanbe", "2014-dushanbe"])
def test_declaration_pane_sets_the_text_beside_the_readings(meeting):
    from helpers import widgets

    pane = widgets.declaration_html(meeting)
    decl = data.load("declarations")
    classes = data.load("sources").set_index("id")["class"]
    rows = decl[decl["meeting"] == meeting]
    primary = rows[rows["source"].map(classes) == "primary"]
    reported = rows[rows["source"].map(classes) != "primary"]
    assert not reported.empty, "analysts or reporters read this declaration"
    assert "What analysts and reporters say it says" in pane
    if meeting != "2005-astana":  # only reporters' quotations of the 2005 passage could be read
        assert not primary.empty and "The declaration’s text" in pane
    # the text comes first in each theme, and every source with an address is a link
    for theme in set(primary["theme"]) & set(reported["theme"]):
        section = pane.split(widgets.THEME_TITLES[theme], 1)[1]
        first_primary = min(section.find(widgets.highlight(e)[:30]) for e in primary[primary["theme"] == theme]["excerpt"])
        first_reported = min(section.find(widgets.highlight(e)[:30]) for e in reported[reported["theme"] == theme]["excerpt"])
        assert 0 <= first_primary < first_reported
    for src in set(rows["source"]):
        url = data.source_url(src)
        if url:
            assert f'href="{url.replace("&", "&amp;")}"' in pane


def test_a_citation_link_is_escaped_and_only_http():
    from helpers import widgets

    html = widgets.cite_html("goodenough2008", "L8")
    assert html.startswith('<a href="http') and "Goodenough (2008), para. 2" in html
    assert widgets.cite_html("genref") == "general reference"


@pytest.mark.parametrize(
    "chapter, label",
    [("01_shanghai_five_to_sco", "ex-ch1-astana-fair"), ("03_dushanbe_2008", "ex-ch3-dushanbe-fair"),
     ("04_dushanbe_2014", "ex-ch4-dushanbe-fair")],
)
def test_each_summit_has_a_fair_reading_exercise_with_a_model_answer(chapter, label):
    nb = nbfiles.read(data.ROOT / "chapters" / f"{chapter}.md")
    sources = [c.source for c in nb.cells if c.cell_type == "markdown"]
    prompt = [s for s in sources if f":label: {label}" in s]
    answer = [s for s in sources if s.lstrip().startswith(f":::{{solution}} {label}")]
    assert prompt, f"{chapter} has no exercise {label}"
    assert answer and "Model answer" in answer[0], f"{label} needs a model answer"
    # the prompt sets an analyst's reading against the declaration's own text, cited by passage
    assert re.search(r"§|para", prompt[0] + answer[0])


_ROLE = re.compile(r"\{cite:[pt]\}`([^`]+)`")
_TARGET = re.compile(r"\s*(?:\{[^{}]*\})?\s*([^{}\s,]+)\s*(?:\{([^{}]*)\})?\s*,?")


def _prose_citations():
    pages = nbfiles.chapters() + [data.ROOT / "sources.md", data.ROOT / "instructors.md"]
    for nb_path in pages:
        nb = nbfiles.read(nb_path)
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            for role in _ROLE.finditer(cell.source):
                for key, post in _TARGET.findall(role.group(1)):
                    yield nb_path.name, key, post


def test_every_passage_named_in_prose_exists_in_its_source():
    """A reader who follows "Katz (2008), para. 14" must find a paragraph 14."""
    table = pd.read_csv(data.ROOT / "data" / "passages.csv", keep_default_na=False)
    paras = table[table["part"] == "para"].groupby("source")["number"].apply(lambda s: max(int(n) for n in s))
    sections = set(table["section"])
    keys = set(data.load("sources")["id"])
    problems = []
    for page, key, post in _prose_citations():
        if key not in keys:
            problems.append(f"{page}: unknown source {key!r}")
            continue
        if key in paras.index:
            for a, b in re.findall(r"paras? (\d+)(?:[–-](\d+))?", post):
                if int(b or a) > paras[key]:
                    problems.append(f"{page}: {key} has {paras[key]} paragraphs, not {post!r}")
        if key == "thesis2007":
            for name in re.findall(r"“([^”]+)”", post):
                if name not in sections and not re.match(r"\d", name):
                    problems.append(f"{page}: the thesis has no section {name!r}")
    assert not problems, "\n".join(problems)


def test_chapters_cite_the_source_documents_by_passage():
    seeds = set(data.load("sources").dropna(subset=["file"])["id"])
    bare = [(page, key) for page, key, post in _prose_citations()
            if page not in ("sources.md",) and key in seeds and not post.strip()]
    assert not bare, f"cite a passage ({{cite:p}}`katz2008{{para. 4}}`): {bare[:10]}"


def test_short_citations_tell_sources_apart():
    """Two works must never both read "TASS (2025)" to a student."""
    sources = data.load("sources")
    label = sources["short"].fillna(sources["author"]).fillna(sources["title"]).astype(str)
    key = label + " (" + sources["date"].fillna("n.d.").astype(str).str[:4] + ")"
    dup = sources[key.duplicated(keep=False)]
    assert dup.empty, dup[["id", "short", "date"]].to_string()
