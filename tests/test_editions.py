"""Two editions from one source (tools/editions.py): the public book keeps the worked solutions
of the practice exercises but none of the cells tagged ``assessed`` (model answers of marked
exercises, the quiz key, the full solutions list, the LMS files); the instructors' edition
(``make instructors``) holds them all, rendered as formatted text, and prints them."""

from __future__ import annotations

import html as htmlmod
import os
import re
from pathlib import Path

import pytest
from conftest import BUILD

from helpers.exercise_bank import SOURCE_OUTCOMES
from tools import editions, guide
from tools import notebooks as nbfiles

ROOT = Path(__file__).resolve().parent.parent
INSTRUCTORS = Path(os.environ.get("SCO_INSTRUCTORS_HTML", ROOT / "_build" / "instructors" / "_build" / "html"))
SOURCES = nbfiles.chapters() + [ROOT / "instructors.md"]


def _assessed_cells() -> list[tuple[Path, dict]]:
    return [(path, cell) for path in SOURCES for cell in nbfiles.read(path).cells if editions.is_assessed(cell)]


def _phrases(text: str, n: int = 3) -> list[str]:
    """Runs of eight plain words from a cell's text, as a reader sees them rendered."""
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)           # roles (citations)
    text = re.sub(r"^[:`]{3,}.*$|^:[\w-]+:.*$|^#.*$|^<.*$", " ", text, flags=re.M)  # directives, options, headings, HTML
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)       # links: their text
    runs = re.findall(r"(?<!\S)(?:[^\W\d_]{2,}[,;]? ){7}[^\W\d_]{2,}\b", re.sub(r"\s+", " ", text.replace("*", "")))
    return runs[:n]


def _page_text(path: Path) -> str:
    text = re.sub(r"</?(?:em|strong|a|span|cite|code|i|b)\b[^>]*>", "", path.read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", htmlmod.unescape(text))


_OPEN = []


def _OPEN_TEXT() -> str:
    """The text of every cell not tagged assessed, and of the data (a model answer may quote what a chapter or a widget quotes too)."""
    if not _OPEN:
        cells = [c.source for p in SOURCES for c in nbfiles.read(p).cells if not editions.is_assessed(c)]
        cells += [p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*") if p.suffix in (".csv", ".yaml", ".json")]
        _OPEN.append(re.sub(r"\s+", " ", " ".join(cells).replace("*", "")))
    return _OPEN[0]


# ---------------------------------------------------------------------------
# The tag
# ---------------------------------------------------------------------------
def test_the_model_answer_of_every_marked_exercise_is_tagged_assessed_and_nothing_else_is():
    table = guide.notebook_exercises()
    for path in nbfiles.chapters():
        for cell in nbfiles.read(path).cells:
            tags = cell.metadata.get("tags", [])
            m = re.match(r"\s*:{3,}\{solution\}\s+(\S+)", cell.source) if cell.cell_type == "markdown" else None
            if m and m.group(1) in SOURCE_OUTCOMES:
                assert editions.ASSESSED_TAG in tags, f"{path.name}: the model answer of {m.group(1)} is not tagged assessed"
            if editions.ASSESSED_TAG in tags:
                assert "solution" in tags, f"{path.name}: an assessed cell must be a solution too (the class pack drops solutions)"
                assert m and m.group(1) in SOURCE_OUTCOMES, (
                    f"{path.name}: only model answers of marked exercises are assessed in a chapter, not {cell.source[:80]!r}")
    assessed_labels = {r.label for r in table.itertuples() if r.label in SOURCE_OUTCOMES}
    assert assessed_labels == set(SOURCE_OUTCOMES)


def test_public_text_drops_assessed_cells_and_leaves_a_note():
    text = (ROOT / "chapters" / "01_shanghai_five_to_sco.md").read_text(encoding="utf-8")
    public = editions.public_text(text)
    assert editions.ASSESSED_TAG in text and '"assessed"' not in public
    before = nbfiles.read(ROOT / "chapters" / "01_shanghai_five_to_sco.md").cells
    import jupytext

    after = jupytext.reads(public, fmt="md:myst").cells
    removed = [c for c in before if editions.is_assessed(c)]
    assert len(after) == len(before) and removed, "each model answer is replaced by one note"
    assert sum(c.source == editions.NOTE for c in after) == len(removed)
    kept = [c.source for c in before if not editions.is_assessed(c)]
    assert [c.source for c in after if c.source != editions.NOTE] == kept, "every other cell is kept as it was"
    untagged = "---\njupytext:\n  text_representation:\n    format_name: myst\n---\n\n# A page\n"
    assert editions.public_text(untagged) == untagged


def test_an_unknown_edition_is_refused(monkeypatch):
    monkeypatch.setenv(editions.EDITION_ENV, "students")
    with pytest.raises(ValueError, match="public, instructors"):
        editions.edition()


# ---------------------------------------------------------------------------
# The two built editions
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def instructors_book(book) -> Path:
    """The instructors' edition (``make instructors``, which ``make test`` runs after ``make book``)."""
    if not (INSTRUCTORS / "instructors.html").exists():
        pytest.fail("the instructors' edition is not built: run 'make instructors' (make test does it)")
    return INSTRUCTORS


def test_assessed_answers_are_in_the_instructors_edition_only(book, instructors_book):
    cells = _assessed_cells()
    assert len(cells) >= 12
    public_pages = [p for p in BUILD.rglob("*.html") if "_static" not in p.parts]
    public_text = {p: _page_text(p) for p in public_pages}
    public_sources = {p: p.read_text(encoding="utf-8") for p in (BUILD / "_sources").rglob("*") if p.is_file()}
    checked = 0
    for path, cell in cells:
        if cell.cell_type != "markdown":
            continue
        page = "instructors.html" if path.name == "instructors.md" else f"chapters/{path.stem}.html"
        for phrase in [x for x in _phrases(cell.source, 6) if x not in _OPEN_TEXT()][:3]:
            leaks = [str(p.relative_to(BUILD)) for p, t in public_text.items() if phrase in t]
            leaks += [str(p.relative_to(BUILD)) for p, t in public_sources.items() if phrase in t.replace("\n", " ")]
            assert not leaks, f"{path.name}: {phrase!r} (assessed) is in the public book: {leaks}"
            assert phrase in _page_text(instructors_book / page), f"{phrase!r} is missing from the instructors' {page}"
            checked += 1
    assert checked >= 24
    for path in nbfiles.chapters():
        public = (BUILD / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        if any(editions.is_assessed(c) for c in nbfiles.read(path).cells):
            assert public.count("instructors’ edition of the module") >= 1, f"{path.name}: no note where the model answer was"


def test_the_public_book_keeps_the_worked_solutions_of_practice_exercises(book):
    for path in nbfiles.chapters():
        page = _page_text(BUILD / "chapters" / f"{path.stem}.html")
        for cell in nbfiles.read(path).cells:
            if cell.cell_type == "code" and "solution" in cell.metadata.get("tags", []):
                line = next(x.strip() for x in cell.source.splitlines() if x.strip() and not x.strip().startswith("#"))
                assert htmlmod.unescape(line) in page, f"{path.name}: the worked solution {line!r} is missing"


def test_the_public_instructors_page_has_no_key_and_no_lms_files(book):
    page = (BUILD / "instructors.html").read_text(encoding="utf-8")
    assert "sco-quiz-key" not in page and "lms/sco-quizzes" not in page
    assert not (BUILD / "lms").exists()
    assert "sco-outcomes" in page, "the outcomes table is public"


def test_the_instructors_page_renders_every_answer_as_formatted_text(instructors_book):
    page = (instructors_book / "instructors.html").read_text(encoding="utf-8")
    assert "instructors’ edition" in page.lower() or "instructors' edition" in page.lower()
    assert page.count('class="sco-quiz-key') >= 6 or page.count("sco-quiz-key") >= 6
    table = guide.notebook_exercises()
    for r in table.itertuples():  # each exercise linked by its number
        assert re.search(rf'href="chapters/{re.escape(r.page)}\.html#{re.escape(r.label)}"', page), r.label
    assert page.count("sco-guide-solution") == len(table)
    for pre in re.findall(r"<pre[^>]*>(.*?)</pre>", page, re.S):
        text = htmlmod.unescape(re.sub(r"<[^>]+>", "", pre))
        assert ":::" not in text and "{cite" not in text and "{solution" not in text, text[:200]
        assert max(map(len, text.splitlines() or [""])) <= 200, "a line of a code box is longer than 200 characters"
    # model answers are paragraphs with resolved citations, not markup
    body = page[page.index("Every exercise, its outcome"):]
    assert "{cite" not in body and 'class="reference internal" href="bibliography.html' in body
    for name in ("sco-quizzes-moodle.xml", "sco-quizzes-qti.zip"):
        assert f'href="lms/{name}"' in page and (instructors_book / "lms" / name).stat().st_size > 1000


@pytest.fixture(scope="module")
def instructors_server(instructors_book):
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(instructors_book)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.browser
def test_the_instructors_edition_prints_its_answers(page, instructors_server):
    page.goto(instructors_server + "chapters/01_shanghai_five_to_sco.html", wait_until="load")
    page.emulate_media(media="print")
    solutions = page.locator("div.solution")
    assert solutions.count() >= 6
    assert all(solutions.nth(i).is_visible() for i in range(solutions.count()))
    phrase = _phrases(next(c.source for p, c in _assessed_cells() if p.name.startswith("01_")))[0]
    assert phrase in re.sub(r"\s+", " ", " ".join(solutions.all_inner_texts()))
