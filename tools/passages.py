"""Build ``data/passages.csv``: where each line of the five source documents stands in its publication.

The data cite the source documents by line (``L34``), because a test can then check every
excerpt word for word. A reader cannot open those files, so the book shows the passage
as the publication itself divides it: the paragraph of a web article, or the chapter and
section (and, in the appendix, the dated entry) of the thesis. This script derives that
division from the documents and writes one row per passage:

    source, first, last, part, number, chapter, section

``part`` is ``para`` (a paragraph of the article's body, numbered from 1), ``heading``
(headline, standfirst, byline, sub-heading), ``note`` (the author's note at the end),
``section`` (the thesis: ``chapter`` and ``section`` name it), or ``entry`` (a dated entry
of the thesis's chronology, its date in ``section``).

Run it after a change to the rules below: ``python -m tools.passages`` (``--check`` only
compares). ``tests/test_citations.py`` rebuilds the table from the documents and
compares, so the table cannot drift from the documents.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "passages.csv"
SEEDS = Path(os.environ.get("SCO_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
COLUMNS = ("source", "first", "last", "part", "number", "chapter", "section")

# Web articles: the lines of the body, and how paragraphs are separated in the extracted
# text ("blank": runs of non-blank lines; "line": one line per paragraph). Lines outside
# the body that a citation may name are given a part of their own.
ARTICLES = {
    "olimova2008": {
        "file": "000_dc8ec6c0b3bf8983.txt", "body": (29, 193), "split": "blank",
        "extra": {(1, 3): "headline", (24, 25): "standfirst", (27, 27): "byline", (195, 195): "note"},
    },
    "katz2008": {
        "file": "001_cd294aadef2547f5.txt", "body": (6, 36), "split": "blank",
        "extra": {(1, 2): "headline", (4, 4): "byline", (39, 41): "note"},
    },
    "goodenough2008": {
        "file": "002_9a57544f5eb55a84.txt", "body": (7, 34), "split": "line",
        # line 20 is a sub-heading inside the body, not a paragraph
        "headings": (20,),
        "extra": {(1, 1): "headline", (3, 3): "byline", (5, 5): "standfirst", (35, 37): "note"},
    },
    "summit2014": {
        "file": "004_3df29d9bc2d73539.txt", "body": (6, 34), "split": "blank",
        "extra": {(4, 4): "headline"},
    },
}

# The thesis: its chapters and sections, each by the line where its heading stands and the
# heading's text (the script checks that the text is there). Its printed page numbers
# survive on only ten pages of the extracted text, so passages are named by section.
THESIS = "thesis2007"
THESIS_FILE = "003_bff4294354f0ae1f.txt"
THESIS_CHAPTERS = [
    (1, "Abstract"),
    (27, "Chapter 1: Introduction"),
    (875, "Chapter 2: Russia and Central Asia: The Long Hegemony"),
    (2850, "Chapter 3: The Bear, the Dragon, and the Eagle: Geopolitics in Central Asia"),
    (4099, "Chapter 4: The New Russia: Beyond the Astana Declaration"),
    (4407, "Conclusion: Great Games, Cold Wars, and the Future of the SCO"),
    (4527, "Appendix 1: A Select Chronology of Major SCO Events 1996-2006"),
]
THESIS_SECTIONS = [
    (334, "Methodology"),
    (415, "Literature Review"),
    (795, "Structure"),
    (882, "Introduction"),
    (1045, "Contact and Conquest"),
    (1193, "Russia’s Conquest of Central Asia"),
    (1264, "Factors Underlying Tsarist Russia’s Conquest of Central Asia"),
    (1482, "Central Asia under Tsarist Rule"),
    (1597, "Central Asia at the Beginning of the New Century"),
    (1713, "Central Asia: The Early Years of Soviet Rule"),
    (1945, "The Soviet Nationalities Policies"),
    (2263, "Russia and Central Asia: Growing Apart and Coming Back Together"),
    (2319, "Opportunities Lost"),
    (2536, "Uzbekistan and Russia’s Complicated Relationship"),
    (2582, "The SCO and Russia’s Return to Central Asia"),
    (2767, "Conclusion: The SCO and Russia’s Renewed Role in Central Asia"),
    (2857, "Introduction"),
    (2976, "Sino-Soviet Relations: 1960-1991: The Evolution of Border Disputes"),
    (3210, "Border Negotiations: The Building Blocks of a Strategic Partnership"),
    (3389, "Impact of Border Negotiations"),
    (3454, "Russia and the United States: The Changing Relationship"),
    (3853, "The Benefits of Regionalism"),
    (4026, "Russia between the United States and China: Observations on the SCO"),
    (4150, "The Bear Reawakens"),
    (4237, "The Bear and the Dragon"),
    (4294, "Bishkek and Beyond"),
]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_ENTRY_RE = re.compile(r"^\s*•\s*(" + "|".join(_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*-\s*\d{1,2}(?:st|nd|rd|th)?)?,?\s+(\d{4})")


def _lines(file: str) -> list[str]:
    return (SEEDS / file).read_text(encoding="utf-8").splitlines()


def _article_rows(source: str, spec: dict) -> list[dict]:
    lines = _lines(spec["file"])
    first, last = spec["body"]
    headings = set(spec.get("headings", ()))
    rows: list[dict] = []
    for (a, b), part in spec["extra"].items():
        rows.append({"source": source, "first": a, "last": b, "part": "note" if part == "note" else "heading",
                     "number": "", "chapter": "", "section": part})
    blocks: list[tuple[int, int]] = []
    start = None
    for n in range(first, last + 1):
        text = lines[n - 1].strip()
        if spec["split"] == "line":
            if text:
                blocks.append((n, n))
            continue
        if text and start is None:
            start = n
        if not text and start is not None:
            blocks.append((start, n - 1))
            start = None
    if start is not None:
        blocks.append((start, last))
    number = 0
    for a, b in blocks:
        if a in headings:
            rows.append({"source": source, "first": a, "last": b, "part": "heading", "number": "",
                         "chapter": "", "section": lines[a - 1].strip()})
            continue
        number += 1
        rows.append({"source": source, "first": a, "last": b, "part": "para", "number": number,
                     "chapter": "", "section": ""})
    return rows


def _check_heading(lines: list[str], line: int, heading: str) -> None:
    # a chapter heading may run over several lines ("Chapter 2:" / "Russia and …"): compare
    # the start of the heading with the start of its line
    text = re.sub(r"\s+", " ", " ".join(lines[line - 1: line + 6])).strip()
    first_words = heading.split(":")[0].strip()
    if not text.startswith(first_words):
        raise SystemExit(f"thesis line {line}: expected a heading starting {first_words!r}, found {text[:60]!r}")


def _thesis_rows() -> list[dict]:
    lines = _lines(THESIS_FILE)
    total = len(lines)
    for line, heading in THESIS_CHAPTERS + THESIS_SECTIONS:
        _check_heading(lines, line, heading)
    marks = sorted([(line, "chapter", h) for line, h in THESIS_CHAPTERS]
                   + [(line, "section", h) for line, h in THESIS_SECTIONS])
    appendix = THESIS_CHAPTERS[-1][0]
    rows: list[dict] = []
    chapter = ""
    for i, (line, what, heading) in enumerate(marks):
        end = (marks[i + 1][0] - 1) if i + 1 < len(marks) else total
        if what == "chapter":
            chapter = heading
            section = ""
        else:
            section = heading
        if line == appendix:
            rows.extend(_entries(lines, line, end, chapter))
            continue
        rows.append({"source": THESIS, "first": line, "last": end, "part": "section", "number": "",
                     "chapter": chapter, "section": section})
    return rows


def _entries(lines: list[str], first: int, last: int, chapter: str) -> list[dict]:
    """The appendix: one passage per dated entry of the chronology (the heading before the first)."""
    starts = []
    for n in range(first, last + 1):
        m = _ENTRY_RE.match(lines[n - 1])
        if m:
            month, day, year = m.groups()
            starts.append((n, f"{int(day)} {month} {year}"))
    rows = [{"source": THESIS, "first": first, "last": starts[0][0] - 1, "part": "section", "number": "",
             "chapter": chapter, "section": ""}]
    for i, (n, date) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else last
        rows.append({"source": THESIS, "first": n, "last": end, "part": "entry", "number": "",
                     "chapter": chapter, "section": date})
    return rows


def build() -> str:
    rows = []
    for source, spec in ARTICLES.items():
        rows.extend(_article_rows(source, spec))
    rows.extend(_thesis_rows())
    rows.sort(key=lambda r: (r["source"], int(r["first"])))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with data/passages.csv; write nothing")
    args = parser.parse_args(argv)
    if not SEEDS.is_dir():
        print(f"the source documents are not at {SEEDS}: set SCO_SEEDS_DIR", file=sys.stderr)
        return 2
    text = build()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("data/passages.csv is up to date" if same else "data/passages.csv is stale: run python -m tools.passages")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 1} passages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
