"""Generate ``references.bib`` from ``data/sources.csv`` (the one list of cited works).

    python -m tools.bib            # write references.bib
    python -m tools.bib --check    # fail when references.bib is out of date

``make book`` runs the check, and a test does too, so the bibliography of the
book and the ``source`` columns of the data can never disagree.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any
from urllib.parse import quote

import pandas as pd

from helpers import data

BIB_PATH = data.ROOT / "references.bib"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_ENTRY_TYPE = {"thesis": "mastersthesis", "news": "article", "essay": "article"}


def _escape(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("&", "\\&").replace("%", "\\%")


def _url(url: str) -> str:
    """A url as a BibTeX field holds it: the characters BibTeX reads (braces, backslash, percent
    sign, quote, whitespace) percent-encoded, so that no url can end its field or its entry."""
    return quote(url.strip(), safe=":/?#[]@!$&'()*+,;=-._~%")


def render(sources: pd.DataFrame | None = None) -> str:
    """The BibTeX text for every row of ``sources.csv``."""
    sources = data.load("sources") if sources is None else sources
    chunks = ["% Generated from data/sources.csv by `python -m tools.bib`: edit the CSV, not this file.\n"]
    for row in sources.itertuples(index=False):
        kind = str(row.kind)
        fields: list[tuple[str, str]] = []
        author = "" if data.blank(row.author) else str(row.author)
        if "," in author:  # a person, "Last, First"
            fields.append(("author", _escape(author)))
        else:
            # An institution or an unsigned work is listed, and cited in the text, under the
            # short name the module's own citations use ("Dushanbe Declaration", "Eurasianet"),
            # kept whole by the braces.
            name = next((str(v) for v in (row.short, author) if not data.blank(v)), _anonymous(kind, row))
            fields.append(("author", "{" + _escape(name) + "}"))
        fields.append(("title", "{" + _escape(row.title) + "}"))
        if not data.blank(row.outlet):
            field = {"news": "journal", "essay": "journal", "thesis": "school"}.get(kind, "howpublished")
            fields.append((field, _escape(row.outlet)))
        elif kind == "thesis":
            fields.append(("school", "{Institution not named in the text}"))
        elif kind in ("news", "essay"):
            fields.append(("journal", "{Outlet not named in the text}"))
        date = "" if data.blank(row.date) else str(row.date)
        fields.append(("year", date[:4] if date else "n.d."))
        if len(date) >= 7:
            # the plain style prints "month year": a known day goes with the month
            day = f"{int(date[8:10])} " if len(date) == 10 else ""
            fields.append(("month", day + _MONTHS[int(date[5:7]) - 1]))
        if data.web_url(row.url):  # never a javascript: or data: link, even from unchecked data
            fields.append(("url", _url(str(row.url))))
        # The note tells a reader the exact day and which text it is (a translation, by whom);
        # the authors' own notes in sources.csv stay out of the bibliography.
        note = []
        if not data.blank(row.version):
            note.append(str(row.version))
        if note:
            fields.append(("note", _escape(". ".join(note))))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        chunks.append(f"@{_ENTRY_TYPE.get(kind, 'misc')}{{{row.id},\n{body}\n}}\n")
    return "\n".join(chunks)


def _anonymous(kind: str, row: tuple[Any, ...]) -> str:
    return {"reference": "General reference", "thesis": "Anonymous (MA thesis)"}.get(kind, "Anonymous")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if references.bib is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not BIB_PATH.exists() or BIB_PATH.read_text(encoding="utf-8") != text:
            print(f"{BIB_PATH.name} does not agree with data/sources.csv: run 'python -m tools.bib'", file=sys.stderr)
            return 1
        return 0
    BIB_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {BIB_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
