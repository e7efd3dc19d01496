"""Sources, passages and citations: where a passage stands in its publication, and the documents.

The source documents are the files the authors check quotations against.
Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import lookups, paths
from helpers.errors import expect_text, shown, unknown
from helpers.text import blank
from helpers.vocab import _LOCATOR_RE, _PLACE_RE


def source(source_id: str) -> pd.Series:
    """Look up a cited work.

    Parameters
    ----------
    source_id : str
        Its id in ``sources.csv`` (``"katz2008"``).

    Returns
    -------
    pandas.Series
        Its row: author, title, date, publisher, url...

    Raises
    ------
    TypeError
        If ``source_id`` is not a string.
    ValueError
        If there is no such source (the message names the closest).

    Examples
    --------
    >>> source("katz2008")["short"]
    'Katz'
    """
    frame = lookups.load("sources")
    expect_text(source_id, "source", frame["id"])
    hit = frame[frame["id"] == source_id]
    if hit.empty:
        raise unknown("source", source_id, frame["id"])
    return hit.iloc[0]


@cache
def _passages() -> pd.DataFrame:
    """``data/passages.csv``: where each line of the source documents stands in its publication."""
    frame = pd.read_csv(paths.DATA_DIR / "passages.csv", dtype={"number": "Int64"}, keep_default_na=False, na_values={"number": [""]})
    return frame


def _chapter_label(chapter: str) -> str:
    """``ch. 3`` for "Chapter 3: ...", else the part of a chapter's title before its colon."""
    m = re.match(r"Chapter (\d+)", chapter)
    if m:
        return f"ch. {m.group(1)}"
    return chapter.split(":")[0]


def passage(source_id: str, place: Any) -> str:
    """Say where a cited passage stands in its publication, as a reader can find it.

    Lines of the source documents become the publication's own divisions: ``para. 12``,
    ``paras 3–5``, ``standfirst`` for a web article; ``ch. 3, section “Impact of Border
    Negotiations”`` or ``Appendix 1, entry of 26 April 1996`` for the thesis. A locator of a
    primary document (``para. 5``) is returned as it is.

    Parameters
    ----------
    source_id : str
        The source's id.
    place : str
        Lines of its source document (``L10``, ``L120-125``), a locator (``para. 5``), or
        nothing.

    Returns
    -------
    str
        The place as the publication divides itself; empty for no place.

    Raises
    ------
    ValueError
        If ``place`` is neither a line reference nor a locator, or no passage of
        ``data/passages.csv`` covers the lines.

    Examples
    --------
    >>> passage("katz2008", "L10"), passage("sco2001", "para. 5")
    ('para. 3', 'para. 5')
    """
    if blank(place):
        return ""
    place = str(place)
    if _LOCATOR_RE.match(place):
        return place
    m = _PLACE_RE.match(place)
    if not m:
        raise ValueError(f"{place!r} is neither a line reference nor a locator")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    table = _passages()
    rows = table[(table["source"] == source_id) & (table["first"] <= last) & (table["last"] >= first)]
    if rows.empty:
        raise ValueError(f"{source_id!r} has no passage at lines {first}-{last} (see data/passages.csv)")
    paras = [int(n) for n in rows.loc[rows["part"] == "para", "number"]]
    if len(paras) == len(rows):
        return f"para. {paras[0]}" if len(paras) == 1 else f"paras {paras[0]}–{paras[-1]}"
    if rows["part"].isin(["heading", "note"]).all() and len(rows) == 1:
        part = rows.iloc[0]
        return "author’s note" if part["part"] == "note" else str(part["section"])
    if set(rows["part"]) <= {"para", "heading", "note"}:
        named = [
            f"para. {int(r['number'])}" if r["part"] == "para" else ("author’s note" if r["part"] == "note" else str(r["section"])) for _, r in rows.iterrows()
        ]
        return f"{named[0]} to {named[-1]}"
    chapters = list(dict.fromkeys(rows["chapter"]))
    if len(chapters) > 1:
        return f"{_chapter_label(chapters[0])} to {_chapter_label(chapters[-1])}"
    where = _chapter_label(chapters[0])
    entries = [str(s) for s in rows.loc[rows["part"] == "entry", "section"]]
    if entries and len(entries) == len(rows):
        return f"{where}, entry of {entries[0]}" if len(entries) == 1 else f"{where}, entries of {entries[0]} to {entries[-1]}"
    sections = [str(s) for s in rows["section"] if str(s)]
    if not sections:
        return where
    if len(rows) == 1:
        return f"{where}, section “{sections[0]}”"
    return f"{where}, sections “{sections[0]}” to “{sections[-1]}”"


def _short(src: pd.Series) -> str:
    """The short name a citation gives a source: its ``short``, else its first author, else its title."""
    if not blank(src["short"]):
        return str(src["short"])
    return str(src["author"]).split(",")[0] if not blank(src["author"]) else str(src["title"])


def cite_text(source_id: str, place: Any = None) -> str:
    """Write a short citation for display.

    Parameters
    ----------
    source_id : str
        The source's id.
    place : str, optional
        Where in it (see :func:`passage`).

    Returns
    -------
    str
        ``Katz (2008), para. 3``, or ``general reference`` for a reference work.

    Raises
    ------
    TypeError, ValueError
        If the source or the place is unknown (see :func:`source`, :func:`passage`).

    Examples
    --------
    >>> cite_text("katz2008", "L10")
    'Katz (2008), para. 3'
    """
    src = source(source_id)
    if src["kind"] == "reference":
        return "general reference"
    year = "n.d." if blank(src["date"]) else str(src["date"])[:4]
    text = f"{_short(src)} ({year})"
    where = passage(source_id, place)
    return f"{text}, {where}" if where else text


def source_url(source_id: str) -> str | None:
    """Give the web address of a source.

    Parameters
    ----------
    source_id : str
        The source's id.

    Returns
    -------
    str or None
        Its http(s) address, or None when it has none (the schema admits no other scheme).

    Raises
    ------
    TypeError, ValueError
        If the source is unknown (see :func:`source`).

    Examples
    --------
    >>> source_url("katz2008")
    'https://muse.jhu.edu/article/784351'
    """
    url = source(source_id)["url"]
    return None if blank(url) else str(url)


def cited(frame: pd.DataFrame, place_column: str = "place") -> pd.DataFrame:
    """Make a table ready for readers: its ``source`` and ``place`` columns become one ``cited`` column.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table of the data with a ``source`` column.
    place_column : str, optional
        The column that says where in the source (dropped too).

    Returns
    -------
    pandas.DataFrame
        A copy, with ``cited`` in place of the two columns.

    Raises
    ------
    ValueError
        If the table has no ``source`` column.

    Examples
    --------
    >>> from helpers.lookups import load
    >>> table = load("disputes")
    >>> list(table.loc[0, ["source", "place"]]), cited(table).loc[0, "cited"]
    (['thesis2007', 'L42-46'], 'MA thesis (2007), ch. 1')
    """
    if "source" not in frame.columns:
        raise ValueError(f"the table has no 'source' column; its columns: {', '.join(map(str, frame.columns))}")
    out = frame.copy()
    places = out[place_column] if place_column in out.columns else pd.Series([None] * len(out), index=out.index)
    out["cited"] = [cite_text(s, p) for s, p in zip(out["source"], places)]
    return out.drop(columns=[c for c in ("source", place_column) if c in out.columns])


def seed_text(source_id: str, place: str | None = None, seeds_dir: Path | None = None) -> str:
    """Read the text of a source document, or of some of its lines, for the authors' checks.

    The source documents are beside the repository, not in the book (:data:`helpers.paths.SEEDS_DIR`).

    Parameters
    ----------
    source_id : str
        The source's id.
    place : str, optional
        Lines of it (``L34`` or ``L120-125``); by default the whole document.
    seeds_dir : pathlib.Path, optional
        Where the source documents are; by default :data:`helpers.paths.SEEDS_DIR`.

    Returns
    -------
    str
        The text.

    Raises
    ------
    ValueError
        If the source is not one of the source documents, ``place`` is not a line reference,
        or the lines run past the end of the file.
    OSError
        If the document is not there.

    Examples
    --------
    >>> seed_text("sco2001")
    Traceback (most recent call last):
    ...
    ValueError: source 'sco2001' is not one of the source documents
    """
    src = source(source_id)
    if blank(src["file"]):
        raise ValueError(f"source {source_id!r} is not one of the source documents")
    path = Path(seeds_dir or paths.SEEDS_DIR) / str(src["file"])
    lines = path.read_text(encoding="utf-8").splitlines()
    if not place:
        return "\n".join(lines)
    line_ref = _PLACE_RE.match(place)
    if line_ref is None:
        raise ValueError(f"{shown(place)} is not a line reference like 'L34' or 'L120-125'")
    first, last = int(line_ref.group(1)), int(line_ref.group(2) or line_ref.group(1))
    if last > len(lines):
        raise ValueError(f"{place} is past the end of {path.name} ({len(lines)} lines)")
    return "\n".join(lines[first - 1 : last])


# ---------------------------------------------------------------------------
