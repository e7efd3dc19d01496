"""Load, validate and look up the data of the book.

Every table in ``data/`` (described in ``data/README.md``) is read through
:func:`load`, which checks every row on the first load and caches the result.
A bad value raises :class:`DataError` naming the file, the row and the column:
nothing is dropped or coerced.

>>> from helpers import data
>>> data.state("Kazakstan")["name"]
'Kazakhstan'
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import difflib
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parent.parent
#: Where the data live: ``$SCO_DATA_DIR`` if set; in an installed wheel (the class pack),
#: inside the package (``helpers/_data``, copied there by ``tools/classpack.py``); in the
#: repository, the authors' ``data/`` folder beside ``helpers/``.
PACKAGED_DATA_DIR = Path(__file__).resolve().parent / "_data"
DATA_DIR = Path(os.environ.get("SCO_DATA_DIR") or (PACKAGED_DATA_DIR if PACKAGED_DATA_DIR.is_dir() else ROOT / "data"))
#: The source documents; present beside the repository for the authors, not shipped with the book.
SEEDS_DIR = Path(os.environ.get("SCO_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))

MAX_EXCERPT_WORDS = 40
ELLIPSIS = "…"

# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------
SOURCE_KINDS = ("news", "essay", "thesis", "declaration", "statement", "transcript", "record", "reference")
#: What kind of evidence a source is, as the Sources page explains it to students.
SOURCE_CLASSES = ("primary", "analysis", "journalism", "reference")
ROLES = ("leader", "official", "analyst", "scholar", "journalist")
STATUSES = ("founding member", "member", "observer", "dialogue partner")
LEVELS = ("heads of state", "heads of government", "foreign ministers", "defence ministers", "other")
ORGANISATIONS = ("Shanghai Five", "SCO")
PLACE_KINDS = ("capital", "summit city", "contested region", "conflict site", "military base", "other")
EVENT_KINDS = ("shanghai five", "sco", "georgia 2008", "ukraine 2014", "russia and the west", "central asia", "ukraine 2022")
#: How a forecast of the sources fared after 2014 (chapter 6, data/forecasts.csv).
FORECAST_GRADES = ("right", "partly", "wrong", "too early to say")
#: Chapter 7: the General Assembly votes (data/un_votes.csv) and the themes followed through
#: the declarations (data/declaration_passages.csv).
VOTES = ("yes", "no", "abstain", "absent", "unknown")
RESOLUTION_TOPICS = ("georgia displaced persons", "ukraine territorial integrity", "crimea human rights",
                     "ukraine emergency session")
READINGS = ("in full", "in part", "not read")
#: quoted: the declaration's words; reported: a reporter's words on what it said; reported absent: a
#: source that read the text says the theme is not there; absent: the authors read the text in full.
PASSAGE_STATUSES = ("quoted", "reported", "reported absent", "absent")
DECLARATION_THEMES = (
    "territorial integrity and non-interference",
    "afghanistan",
    "ukraine",
    "missile defence",
    "unilateral sanctions",
    "colour revolutions and interference",
    "belt and road",
    "enlargement",
)
#: Where a source speaks from (``sources.origin``), besides the names of ``states.csv``: the
#: joint texts of several states and international bodies (SCO, UN, CSTO), works whose origin
#: the sources do not show, and the home states of outlets that are not states of the book.
ORIGIN_INTERNATIONAL = "international"
ORIGIN_UNKNOWN = "unknown"
OTHER_ORIGIN_STATES = ("United Kingdom", "Italy", "Belgium", "Switzerland", "Australia", "Bangladesh",
                       "Germany", "Japan", "Sweden", "Canada", "Netherlands", "Singapore", "South Korea")
#: The regions the Sources page and chapter 5 group origins into (:func:`origin_region`).
ORIGIN_REGIONS = ("Russia", "China", "Central Asia", "other")
#: The five Central Asian states (ISO codes), as chapter 2 defines the region.
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "UZB", "TKM")
THEMES = (
    "sovereignty and territorial integrity",
    "the conflict",
    "the west and missile defence",
    "membership and expansion",
    "purpose of the sco",
)

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_PLACE_RE = re.compile(r"^L(\d+)(?:-(\d+))?$")
#: Where a passage stands in a document the book has no copy of: the document's own
#: paragraph, article, section or page ("para. 12", "paras 3–4", "§ 2", "art. 1", "p. 5").
_LOCATOR_RE = re.compile(r"^(?:para\.|paras|art\.|arts|§|p\.|pp\.|section|question|item) \S.*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
#: Characters that reorder text invisibly (bidirectional overrides and isolates).
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class DataError(ValueError):
    """A data file holds a value that breaks its schema (see ``data/README.md``)."""

    def __init__(self, file: str, row: int | None, column: str | None, problem: str, key: Any = None):
        self.file, self.row, self.column, self.problem = file, row, column, problem
        where = file
        if row is not None:
            where += f", row {row}" + (f" ({key})" if key not in (None, "") else "")
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


# ---------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Col:
    kind: str  # text, id, iso3, list, date, partial_date, lat, lon, category, ref, list_ref, place, excerpt, mapping, url, count
    required: bool = True
    vocab: tuple[str, ...] = ()
    ref: str | None = None  # table name for ref/list_ref (resolved against its key)


@dataclass(frozen=True)
class Table:
    file: str
    key: str | None
    columns: dict[str, Col]
    cited: bool = True  # has source/place citation columns
    place_column: str = "place"
    #: checks of one row: fn(row, err, refs), err(column, problem) raises the DataError
    row_checks: tuple[Callable, ...] = ()
    #: checks of the whole table: fn(frame, table, data_dir), raising a DataError
    table_checks: tuple[Callable, ...] = ()


# Per-table rules, named in the schema below
def _end_not_before(start: str) -> Callable:
    def check(r: dict, err, refs) -> None:
        if r["end"] is not None and r[start] is not None and r["end"] < r[start]:
            err("end", f"{r['end']} is before the start {r[start]}")
    return check


def _stance_of_question(r: dict, err, refs) -> None:
    stances = refs["_stances"].get(r["question"], {})
    if r["stance"] not in stances:
        err("stance", f"{r['stance']!r} is not a stance of question {r['question']!r}: {', '.join(stances)}")


def _periods_do_not_overlap(frame: pd.DataFrame, table: "Table", data_dir: Path) -> None:
    for state, periods in frame.groupby("state", sort=False):
        periods = periods.sort_values("start")
        ends = list(periods["end"])
        starts = list(periods["start"])
        for i in range(1, len(starts)):
            if ends[i - 1] is None or ends[i - 1] > starts[i]:
                row = int(periods.index[i]) + 1
                raise DataError(table.file, row, "start", f"{state}'s periods overlap: a state holds one status at a time")


def _unique(*columns: str) -> Callable:
    def check(frame: pd.DataFrame, table: "Table", data_dir: Path) -> None:
        dup = frame.duplicated(list(columns), keep="first")
        if dup.any():
            row = int(dup.idxmax()) + 1
            raise DataError(table.file, row, columns[-1], f"a second row for the same {' and '.join(columns)}")
    return check


def _every_state_has_an_outline(frame: pd.DataFrame, table: "Table", data_dir: Path) -> None:
    path = data_dir / "geo" / "states.geojson"
    try:
        outlines = {f["properties"]["iso3"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError("geo/states.geojson", None, None, f"cannot read the outlines: {exc}") from None
    for i, iso3 in enumerate(frame["iso3"], start=1):
        if iso3 not in outlines:
            raise DataError(table.file, i, "iso3", f"{iso3!r} has no outline in geo/states.geojson: run data/geo/build.py")


def _status_on_the_day(r: dict, err, refs) -> None:
    """A vote row's status is the state's SCO status on the day of the vote (membership.csv)."""
    resolutions = refs["_loaded"]["un_resolutions"]
    day = resolutions.loc[resolutions["id"] == r["resolution"], "date"].iloc[0]
    statuses = _statuses_on(refs["_loaded"]["membership"], day)
    if r["state"] not in statuses:
        err("state", f"{r['state']} held no SCO status on {day:%Y-%m-%d} (membership.csv)")
    if statuses[r["state"]] != r["status"]:
        err("status", f"{r['state']} was {statuses[r['state']]!r} on {day:%Y-%m-%d} (membership.csv), not {r['status']!r}")


def _unknown_says_what_was_tried(r: dict, err, refs) -> None:
    if r["vote"] == "unknown" and not r["note"]:
        err("note", "a vote recorded as unknown must say what was tried to find it")


def _statuses_on(membership: pd.DataFrame, day: Any) -> dict[str, str]:
    day = pd.Timestamp(day)
    on = membership[(membership["start"] <= day) & (membership["end"].isna() | (day < membership["end"]))]
    return dict(zip(on["state"].astype(str), on["status"].astype(str)))


def _every_state_of_the_day_votes(frame: pd.DataFrame, table: "Table", data_dir: Path, refs: dict) -> None:
    """Each resolution has one row for every state with an SCO status that day, and no more;
    the votes of a kind never outnumber the Assembly's total of that kind."""
    _unique("resolution", "state")(frame, table, data_dir)
    resolutions = refs["_loaded"]["un_resolutions"].set_index("id")
    for resolution, rows in frame.groupby("resolution", sort=False):
        first = int(rows.index[0]) + 1
        day = resolutions.loc[resolution, "date"]
        missing = set(_statuses_on(refs["_loaded"]["membership"], day)) - set(rows["state"])
        if missing:
            raise DataError(table.file, first, "state",
                            f"resolution {resolution}: no row for {', '.join(sorted(missing))}, which held an SCO "
                            "status that day (a vote that was not found is recorded as 'unknown')")
        for vote in ("yes", "no", "abstain"):
            n, total = int((rows["vote"] == vote).sum()), resolutions.loc[resolution, vote]
            if total is not None and not pd.isna(total) and n > int(total):
                raise DataError(table.file, first, "vote",
                                f"resolution {resolution}: {n} rows say {vote!r} but the Assembly counted {int(total)}")


_every_state_of_the_day_votes.needs_refs = True  # type: ignore[attr-defined]


def _passage_fits_its_status(r: dict, err, refs) -> None:
    if r["status"] in ("quoted", "reported") and not r["excerpt"]:
        err("excerpt", f"a {r['status']} passage needs its excerpt")
    if r["status"] == "reported absent" and r["excerpt"]:
        err("excerpt", "a theme reported absent has no excerpt: say who reports it in the gloss")
    if r["status"] == "absent":
        if r["excerpt"]:
            err("excerpt", "an absent theme has no excerpt: leave it empty")
        texts = refs["_loaded"]["declaration_texts"]
        readings = dict(zip(texts["meeting"].astype(str), texts["reading"].astype(str)))
        if readings.get(r["meeting"]) != "in full":
            err("status", f"the theme can be recorded as absent only from a text read in full; "
                          f"declaration_texts.csv says the {r['meeting']} text was {readings.get(r['meeting'], 'not listed')!r}")
def _state_names(data_dir: Path) -> dict[str, str]:
    """{name: iso3} of ``states.csv``, read directly (sources are validated before states)."""
    try:
        with open(data_dir / "states.csv", encoding="utf-8", newline="") as handle:
            return {r["name"]: r["iso3"] for r in csv.DictReader(handle) if r.get("name")}
    except (OSError, KeyError, UnicodeDecodeError) as exc:
        raise DataError("states.csv", None, None, f"cannot read the state names for sources.origin: {exc}") from None


def origin_vocabulary(data_dir: str | Path | None = None) -> tuple[str, ...]:
    """Every value ``sources.origin`` may take: a state of ``states.csv`` by its name, another
    state of :data:`OTHER_ORIGIN_STATES`, ``international`` or ``unknown``."""
    names = _state_names(Path(_dir_arg(data_dir)))
    return tuple(names) + tuple(n for n in OTHER_ORIGIN_STATES if n not in names) + (ORIGIN_INTERNATIONAL, ORIGIN_UNKNOWN)


def _origin_in_vocabulary(frame: pd.DataFrame, table: "Table", data_dir: Path) -> None:
    valid = origin_vocabulary(data_dir)
    for i, origin in enumerate(frame["origin"], start=1):
        if origin not in valid:
            raise DataError(table.file, i, "origin",
                            f"{origin!r} is not a state name of states.csv, another known state, "
                            f"'international' or 'unknown'; closest: {_closest(origin, valid)}",
                            frame["id"].iloc[i - 1])


def origin_region(origin: str) -> str:
    """The region a source speaks from: ``Russia``, ``China``, ``Central Asia`` (Kazakhstan,
    Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan) or ``other`` (every other state,
    ``international`` and ``unknown``).

    >>> origin_region("Kazakhstan"), origin_region("international")
    ('Central Asia', 'other')
    """
    valid = origin_vocabulary()
    origin = expect_choice(origin, "origin", valid)
    iso3 = _state_names(Path(_dir_arg(None))).get(origin)
    if iso3 == "RUS":
        return "Russia"
    if iso3 == "CHN":
        return "China"
    if iso3 in CENTRAL_ASIA:
        return "Central Asia"
    return "other"


def _cite(place_column: str = "place") -> dict[str, Col]:
    return {"source": Col("ref", ref="sources"), place_column: Col("place", required=False)}


SCHEMAS: dict[str, Table] = {
    "sources": Table(
        "sources.csv",
        "id",
        {
            "id": Col("id"),
            "class": Col("category", vocab=SOURCE_CLASSES),
            "author": Col("text", required=False),
            "title": Col("text"),
            "outlet": Col("text", required=False),
            "date": Col("partial_date", required=False),
            "kind": Col("category", vocab=SOURCE_KINDS),
            "url": Col("url", required=False),
            "version": Col("text", required=False),
            "short": Col("text", required=False),
            "file": Col("text", required=False),
            "note": Col("text", required=False),
            "origin": Col("text"),
        },
        cited=False,
        table_checks=(_origin_in_vocabulary,),
    ),
    "states": Table(
        "states.csv",
        "iso3",
        {
            "iso3": Col("iso3"),
            "name": Col("text"),
            "aliases": Col("list", required=False),
            "capital": Col("text"),
            "lat": Col("lat"),
            "lon": Col("lon"),
            **_cite(),
        },
        table_checks=(_every_state_has_an_outline,),
    ),
    "people": Table(
        "people.csv",
        "id",
        {
            "id": Col("id"),
            "name": Col("text"),
            "aliases": Col("list", required=False),
            "role": Col("category", vocab=ROLES),
            "state": Col("ref", required=False, ref="states"),
            "affiliation": Col("text", required=False),
            "years": Col("text", required=False),
            **_cite(),
        },
    ),
    "places": Table(
        "places.csv",
        "id",
        {
            "id": Col("id"),
            "name": Col("text"),
            "kind": Col("category", vocab=PLACE_KINDS),
            "lat": Col("lat"),
            "lon": Col("lon"),
            "state": Col("ref", ref="states"),
            "note": Col("text", required=False),
            **_cite(),
        },
    ),
    "meetings": Table(
        "meetings.csv",
        "id",
        {
            "id": Col("id"),
            "start": Col("date"),
            "end": Col("date"),
            "city": Col("ref", ref="places"),
            "host": Col("ref", ref="states"),
            "level": Col("category", vocab=LEVELS),
            "organisation": Col("category", vocab=ORGANISATIONS),
            "name": Col("text"),
            "documents": Col("list", required=False),
            "attendance": Col("text", required=False),
            **_cite(),
            "note": Col("text", required=False),
        },
        row_checks=(_end_not_before("start"),),
    ),
    "membership": Table(
        "membership.csv",
        None,
        {
            "state": Col("ref", ref="states"),
            "status": Col("category", vocab=STATUSES),
            "start": Col("date"),
            "end": Col("date", required=False),
            "meeting": Col("ref", required=False, ref="meetings"),
            **_cite(),
            "note": Col("text", required=False),
        },
        row_checks=(_end_not_before("start"),),
        table_checks=(_periods_do_not_overlap,),
    ),
    "events": Table(
        "events.csv",
        "id",
        {
            "id": Col("id"),
            "date": Col("date"),
            "end": Col("date", required=False),
            "kind": Col("category", vocab=EVENT_KINDS),
            "title": Col("text"),
            "places": Col("list_ref", required=False, ref="places"),
            "meeting": Col("ref", required=False, ref="meetings"),
            **_cite(),
        },
        row_checks=(_end_not_before("date"),),
    ),
    "fears": Table(
        "fears.csv",
        None,
        {
            "place": Col("ref", ref="places"),
            "state": Col("ref", ref="states"),
            "raised_by": Col("ref", ref="people"),
            "claim": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite("where"),
        },
        place_column="where",
    ),
    "disputes": Table(
        "disputes.csv",
        None,
        {
            "dispute": Col("id"),
            "topic": Col("text"),
            "version": Col("text"),
            "excerpt": Col("excerpt", required=False),
            **_cite(),
        },
    ),
    "declarations": Table(
        "declarations.yaml",
        "id",
        {
            "id": Col("id"),
            "meeting": Col("ref", ref="meetings"),
            "theme": Col("category", vocab=THEMES),
            "excerpt": Col("excerpt"),
            "gloss": Col("text"),
            **_cite(),
        },
    ),
    "sought": Table(
        "sought.yaml",
        "id",
        {
            "id": Col("id"),
            "meeting": Col("ref", ref="meetings"),
            "theme": Col("category", vocab=THEMES),
            "sought": Col("text"),
            "outcome": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
        },
    ),
    "questions": Table(
        "questions.yaml",
        "id",
        {"id": Col("id"), "text": Col("text"), "stances": Col("mapping")},
        cited=False,
    ),
    "positions": Table(
        "positions.yaml",
        None,
        {
            "question": Col("ref", ref="questions"),
            "analyst": Col("ref", ref="people"),
            "stance": Col("text"),
            "position": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
        },
        row_checks=(_stance_of_question,),
        table_checks=(_unique("question", "analyst"),),
    ),
    # Chapter 5: the schools of thought on what the SCO is for, and their scorecard (data/README.md)
    "schools": Table(
        "schools.yaml",
        "id",
        {
            "id": Col("id"),
            "name": Col("text"),
            "claim": Col("text"),
            "holders": Col("list_ref", ref="people"),
            "rests_on": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
        },
    ),
    "scorecard": Table(
        "scorecard.csv",
        None,
        {
            "school": Col("ref", ref="schools"),
            "event": Col("ref", ref="meetings"),
            "verdict": Col("category", vocab=("fits", "partly fits", "does not fit", "too early to say")),
            "expected": Col("text"),
            "observed": Col("text"),
            "kind": Col("category", vocab=("primary text", "official statement", "journalism",
                                           "scholarly argument", "anonymous insiders")),
            "evidence": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
        },
        table_checks=(_unique("school", "event", "source", "place"),),
    ),
    # Chapter 6: the forecasts of 2007-2014, graded against what happened after 2014 (data/README.md)
    "forecasts": Table(
        "forecasts.csv",
        "id",
        {
            "id": Col("id"),
            "author": Col("ref", ref="people"),
            "forecast": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
            "grade": Col("category", vocab=FORECAST_GRADES),
            "evidence": Col("text"),
            "evidence_source": Col("ref", ref="sources"),
            "evidence_place": Col("place", required=False),
        },
    ),
    # Chapter 7: the General Assembly's votes and the declarations' words, theme by theme (data/README.md)
    "un_resolutions": Table(
        "un_resolutions.csv",
        "id",
        {
            "id": Col("id"),
            "symbol": Col("text"),
            "date": Col("date"),
            "topic": Col("category", vocab=RESOLUTION_TOPICS),
            "title": Col("text"),
            "yes": Col("count", required=False),
            "no": Col("count", required=False),
            "abstain": Col("count", required=False),
            **_cite(),
            "note": Col("text", required=False),
        },
        table_checks=(_unique("symbol"),),
    ),
    "un_votes": Table(
        "un_votes.csv",
        None,
        {
            "resolution": Col("ref", ref="un_resolutions"),
            "state": Col("ref", ref="states"),
            "status": Col("category", vocab=STATUSES),
            "vote": Col("category", vocab=VOTES),
            **_cite(),
            "note": Col("text", required=False),
        },
        row_checks=(_status_on_the_day, _unknown_says_what_was_tried),
        table_checks=(_every_state_of_the_day_votes,),
    ),
    "un_vote_checks": Table(
        "un_vote_checks.csv",
        None,
        {
            "resolution": Col("ref", ref="un_resolutions"),
            "state": Col("ref", ref="states"),
            "vote": Col("category", vocab=VOTES),
            **_cite(),
        },
        table_checks=(_unique("resolution", "state", "source"),),
    ),
    "declaration_texts": Table(
        "declaration_texts.csv",
        "meeting",
        {
            "meeting": Col("ref", ref="meetings"),
            "reading": Col("category", vocab=READINGS),
            "source": Col("ref", required=False, ref="sources"),
            "note": Col("text"),
        },
        cited=False,
    ),
    "declaration_passages": Table(
        "declaration_passages.csv",
        None,
        {
            "meeting": Col("ref", ref="declaration_texts"),
            "theme": Col("category", vocab=DECLARATION_THEMES),
            "status": Col("category", vocab=PASSAGE_STATUSES),
            "excerpt": Col("excerpt", required=False),
            "gloss": Col("text"),
            **_cite(),
        },
        row_checks=(_passage_fits_its_status,),
    ),
}

# load order that respects references between tables
_ORDER = (
    "sources", "states", "people", "places", "meetings", "membership",
    "events", "fears", "disputes", "declarations", "sought", "questions", "positions",
    "schools", "scorecard", "forecasts",
    "un_resolutions", "un_votes", "un_vote_checks", "declaration_texts", "declaration_passages",
)
assert set(_ORDER) == set(SCHEMAS)


# ---------------------------------------------------------------------------
# Small utilities
# ---------------------------------------------------------------------------
def fold(text: str) -> str:
    """Lower-case, strip accents and everything but letters and digits: the key for alias look-ups."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def fold_space(text: str) -> str:
    """Fold every run of whitespace to a single space (how excerpts are compared with sources)."""
    return re.sub(r"\s+", " ", str(text)).strip()


def words(text: str) -> int:
    return len(fold_space(text).replace(ELLIPSIS, " ").split())


def blank(value: Any) -> bool:
    """True for None, NA and empty strings."""
    return value is None or (not isinstance(value, (list, dict)) and (pd.isna(value) or str(value).strip() == ""))


def split_list(value: str) -> list[str]:
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _closest(value: Any, valid: Iterable[str], n: int = 5) -> str:
    valid = list(dict.fromkeys(str(v) for v in valid))
    close = difflib.get_close_matches(str(value), valid, n=n, cutoff=0.5)
    if not close:
        close = valid[:n]
    more = "" if len(valid) <= len(close) else f" (of {len(valid)} valid values)"
    return ", ".join(repr(c) for c in close) + more


def unknown(what: str, value: Any, valid: Iterable[str]) -> ValueError:
    """The ValueError for an unknown name: it names the value and the closest valid ones."""
    return ValueError(f"unknown {what} {value!r}; closest valid: {_closest(value, valid)}")


def expect_text(value: Any, what: str, valid: Iterable[str]) -> str:
    """``value`` if it is a string; else a TypeError naming it and some valid values."""
    if not isinstance(value, str):
        raise TypeError(
            f"{what} must be a name (a string), got {type(value).__name__} {value!r}; "
            f"valid: {_closest(value, valid)}"
        )
    return value


def expect_choice(value: Any, what: str, valid: Iterable[str]) -> str:
    """``value`` if it is one of ``valid``; else a TypeError or ValueError naming it and the valid ones."""
    valid = [str(v) for v in valid]
    if expect_text(value, what, valid) not in valid:
        raise unknown(what, value, valid)
    return value


def web_url(value: Any) -> str | None:
    """``value`` if it is a web address (http or https, with a host), else None: the rule for every url shown."""
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _dir_arg(data_dir: Any) -> str:
    if data_dir is None:
        data_dir = DATA_DIR
    if not isinstance(data_dir, (str, os.PathLike)):
        raise TypeError(f"data_dir must be a folder (a path), got {type(data_dir).__name__} {data_dir!r}")
    return str(Path(data_dir).resolve())


# ---------------------------------------------------------------------------
# Reading and validating
# ---------------------------------------------------------------------------
def _read_rows(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    text = _read_text(path)
    if path.suffix == ".csv":
        with io.StringIO(text, newline="") as fh:
            reader = csv.reader(fh)
            try:
                header = [h.strip() for h in next(reader)]
            except StopIteration:
                raise DataError(path.name, None, None, "empty file: no header row") from None
            rows = []
            for number, cells in enumerate(reader, start=1):
                if not any(c.strip() for c in cells):
                    raise DataError(path.name, number, None, "blank row")
                if len(cells) != len(header):
                    raise DataError(
                        path.name, number, None,
                        f"has {len(cells)} cells but the header has {len(header)} columns",
                    )
                rows.append(dict(zip(header, cells)))
        return header, rows
    try:
        _check_yaml_keys(path.name, yaml.compose(text, Loader=yaml.SafeLoader))
        content = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError(path.name, None, None, f"not valid YAML: {exc}") from None
    if not isinstance(content, list) or not all(isinstance(r, dict) for r in content):
        raise DataError(path.name, None, None, "must be a YAML list of mappings, one per row")
    header = list(dict.fromkeys(k for r in content for k in r))
    return header, content


def _read_text(path: Path) -> str:
    """The text of a data file, which must be UTF-8 (the error names the line of the first bad byte)."""
    if not path.exists():
        raise DataError(str(path), None, None, "file not found")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        row = line - 1 if path.suffix == ".csv" and line > 1 else None
        raise DataError(
            path.name, row, None,
            f"is not UTF-8: byte 0x{raw[exc.start]:02x} on line {line}; save the file as UTF-8",
        ) from None


def _check_yaml_keys(file: str, node: Any) -> None:
    """Refuse a key written twice in one mapping (YAML would silently keep the last)."""
    if not isinstance(node, yaml.SequenceNode):
        return
    for number, item in enumerate(node.value, start=1):
        stack = [(item, None)]
        while stack:
            current, column = stack.pop()
            if not isinstance(current, yaml.MappingNode):
                continue
            lines: dict[str, int] = {}
            for key_node, value_node in current.value:
                key = str(key_node.value)
                if key in lines:
                    raise DataError(file, number, column or key,
                                    f"key {key!r} is written twice (lines {lines[key]} and {key_node.start_mark.line + 1})")
                lines[key] = key_node.start_mark.line + 1
                stack.append((value_node, column or key))


def _parse_date(value: str) -> dt.date:
    if not _DATE_RE.match(value):
        raise ValueError
    return dt.date.fromisoformat(value)


def _check_cell(table: Table, name: str, col: Col, raw: Any, err, refs: dict[str, set[str]]) -> Any:
    """Check one cell; return its typed value (None for an empty optional cell)."""
    if col.kind == "mapping":
        if not isinstance(raw, dict) or not raw:
            err(name, "must be a non-empty mapping of code: meaning")
        for code, meaning in raw.items():
            if not _ID_RE.match(str(code)):
                err(name, f"stance code {code!r} must be lower-case words joined by '-'")
            if not str(meaning or "").strip():
                err(name, f"stance {code!r} has no meaning")
        return {str(k): str(v) for k, v in raw.items()}
    if raw is not None and not isinstance(raw, str):
        err(name, f"is a {type(raw).__name__} ({raw!r:.60}), not text: write it as a string")
    if raw is not None:
        bad = next((c for c in raw if (unicodedata.category(c) == "Cc" and c not in "\t\n\r") or c in _BIDI), None)
        if bad is not None:
            err(name, f"holds the control character U+{ord(bad):04X} (invisible): delete it")
    value = "" if raw is None else str(raw).strip()
    if value == "":
        if col.required:
            err(name, "is empty but required")
        return [] if col.kind in ("list", "list_ref") else None
    if col.kind == "id" and not _ID_RE.match(value):
        err(name, f"{value!r} is not an id (lower-case ASCII words joined by '-')")
    elif col.kind == "iso3" and not _ISO3_RE.match(value):
        err(name, f"{value!r} is not an ISO 3166 alpha-3 code")
    elif col.kind == "date":
        try:
            return _parse_date(value)
        except ValueError:
            err(name, f"cannot parse {value!r} as a date (YYYY-MM-DD)")
    elif col.kind == "partial_date":
        if not _PARTIAL_DATE_RE.match(value):
            err(name, f"cannot parse {value!r} as a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        try:
            dt.date.fromisoformat((value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10])
        except ValueError:
            err(name, f"{value!r} is not a real date")
    elif col.kind in ("lat", "lon"):
        limit = 90 if col.kind == "lat" else 180
        try:
            number = float(value)
        except ValueError:
            err(name, f"{value!r} is not a number")
        if not -limit <= number <= limit:
            err(name, f"{number} is out of range (-{limit} to {limit})")
        return number
    elif col.kind == "category" and value not in col.vocab:
        err(name, f"{value!r} is not one of {', '.join(repr(v) for v in col.vocab)}")
    elif col.kind == "ref":
        if value not in refs[col.ref]:
            err(name, f"{value!r} is not a known {col.ref} key; closest: {_closest(value, refs[col.ref])}")
    elif col.kind == "list":
        return split_list(value)
    elif col.kind == "list_ref":
        items = split_list(value)
        for item in items:
            if item not in refs[col.ref]:
                err(name, f"{item!r} is not a known {col.ref} key; closest: {_closest(item, refs[col.ref])}")
        return items
    elif col.kind == "place":
        if _LOCATOR_RE.match(value):
            return value
        if not _PLACE_RE.match(value):
            err(name, f"{value!r} is neither a line reference like 'L34' or 'L120-125' "
                      "nor a locator like 'para. 12', 'paras 3–4', '§ 2' or 'p. 5'")
        first, last = _PLACE_RE.match(value).groups()
        if int(first) < 1:
            err(name, f"{value!r}: lines are numbered from 1")
        if last is not None and int(last) < int(first):
            err(name, f"{value!r}: the range ends before it starts")
    elif col.kind == "count":
        if not re.fullmatch(r"\d+", value):
            err(name, f"{value!r} is not a whole number (0, 1, 2 …)")
        return int(value)
    elif col.kind == "url":
        if not web_url(value):
            err(name, f"{value!r} is not a web address: a url starts with https:// or http://")
    elif col.kind == "excerpt":
        count = words(value)
        if count > MAX_EXCERPT_WORDS:
            err(name, f"excerpt has {count} words; at most {MAX_EXCERPT_WORDS} are allowed")
        return fold_space(value)
    return value


def _validate(name: str, data_dir: Path, refs: dict[str, set[str]], sources: pd.DataFrame | None) -> pd.DataFrame:
    table = SCHEMAS[name]
    path = data_dir / table.file
    header, rows = _read_rows(path)
    missing = [c for c in table.columns if c not in header]
    if missing:
        raise DataError(table.file, None, missing[0], "column is missing from the file")
    extra = [c for c in header if c not in table.columns]
    if extra:
        raise DataError(table.file, None, extra[0], "column is not in the schema (data/README.md)")
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    seen_rows: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        key = row.get(table.key) if table.key else None

        def err(column: str | None, problem: str, _n=number, _k=key):
            raise DataError(table.file, _n, column, problem, _k)

        whole = json.dumps(row, sort_keys=True, default=str)
        if whole in seen_rows:
            err(None, f"duplicates row {seen_rows[whole]}: delete one of them")
        seen_rows[whole] = number

        typed = {c: _check_cell(table, c, spec, row.get(c), err, refs) for c, spec in table.columns.items()}
        if table.key:
            if typed[table.key] in seen:
                err(table.key, f"duplicate key {typed[table.key]!r} (first in row {seen[typed[table.key]]})")
            seen[typed[table.key]] = number
        if table.cited:
            _check_citation(table, typed, err, sources)
            _check_lines(table, typed, err, sources)
        for check in table.row_checks:
            check(typed, err, refs)
        out.append(typed)
    if not out:
        raise DataError(table.file, None, None, "has no rows")
    frame = pd.DataFrame(out, columns=list(table.columns))
    for check in table.table_checks:
        if getattr(check, "needs_refs", False):  # a check across tables reads those loaded before
            check(frame, table, data_dir, refs)
        else:
            check(frame, table, data_dir)
    return _with_dtypes(frame, table)


def _check_citation(table: Table, typed: dict, err, sources: pd.DataFrame) -> None:
    src = sources.loc[sources["id"] == typed["source"]].iloc[0]
    place = typed[table.place_column]
    if src["kind"] == "reference":
        if place:
            err(table.place_column, "general reference has no line reference: leave it empty")
    elif not blank(src["file"]):
        if not place or not _PLACE_RE.match(place):
            err(table.place_column, f"cite the lines of {typed['source']!r} (like 'L34' or 'L120-125')")
    elif not place or not _LOCATOR_RE.match(place):
        err(table.place_column, f"cite {typed['source']!r} by its own paragraph, section or page "
                                "(like 'para. 12', '§ 2' or 'p. 5')")


@lru_cache(maxsize=None)
def _line_count(path: str) -> int:
    return len(Path(path).read_text(encoding="utf-8").splitlines())


def _check_lines(table: Table, typed: dict, err, sources: pd.DataFrame) -> None:
    """A line reference names lines that exist: from L1, and (when the sources are at hand) within the file."""
    place = typed[table.place_column]
    found = _PLACE_RE.match(str(place)) if place else None
    if not found:
        return
    first, last = int(found.group(1)), int(found.group(2) or found.group(1))
    if first < 1:
        err(table.place_column, f"{place!r}: lines are numbered from 1 (L1 is the first line)")
    file = sources.loc[sources["id"] == typed["source"], "file"].iloc[0]
    path = SEEDS_DIR / str(file)
    if not blank(file) and path.is_file():
        count = _line_count(str(path))
        if last > count:
            err(table.place_column, f"{place!r} is past the end of {file} ({count} lines)")


def _with_dtypes(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    for c, col in table.columns.items():
        if col.kind == "date":
            frame[c] = pd.to_datetime(frame[c])
        elif col.kind == "category":
            frame[c] = pd.Categorical(frame[c], categories=list(col.vocab))
        elif col.kind in ("lat", "lon"):
            frame[c] = frame[c].astype("float64")
        elif col.kind == "count":
            frame[c] = frame[c].astype("Int64")
        elif col.kind in ("text", "id", "iso3", "ref", "place", "excerpt", "partial_date", "url"):
            frame[c] = frame[c].astype("string")
    return frame


@lru_cache(maxsize=None)
def _load_all(data_dir: str) -> dict[str, pd.DataFrame]:
    loaded: dict[str, pd.DataFrame] = {}
    refs: dict[str, Any] = {"_loaded": loaded}  # checks across tables read the tables loaded before
    for name in _ORDER:
        frame = _validate(name, Path(data_dir), refs, loaded.get("sources"))
        loaded[name] = frame
        key = SCHEMAS[name].key
        if key:
            refs[name] = set(frame[key].astype(str))
        if name == "questions":
            refs["_stances"] = dict(zip(frame["id"].astype(str), frame["stances"]))
    return loaded


def tables() -> list[str]:
    """The names of the tables, in the order they are validated."""
    return list(_ORDER)


def load(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Return table ``name`` as a validated DataFrame (a copy: change it freely).

    Dates are ``datetime64``, vocabularies are categories, lists are Python lists.
    All tables are validated together on the first call (references between
    tables are checked too) and cached after.
    """
    name = expect_choice(name, "table", _ORDER)
    frame = _load_all(_dir_arg(data_dir))[name].copy()
    for column, col in SCHEMAS[name].columns.items():
        if col.kind in ("list", "list_ref", "mapping"):  # .copy() shares the lists inside cells
            frame[column] = frame[column].map(copy.deepcopy)
    return frame


def validate_all(data_dir: str | Path | None = None) -> dict[str, int]:
    """Validate every table again (no cache); return the row count of each."""
    data_dir = _dir_arg(data_dir)
    _load_all.cache_clear()
    _line_count.cache_clear()
    loaded = _load_all(data_dir)
    for path in sorted((Path(data_dir) / "quizzes").glob("*.json")):
        read_quiz(path)
    return {name: len(frame) for name, frame in loaded.items()}


# ---------------------------------------------------------------------------
# Look-ups
# ---------------------------------------------------------------------------
def _lookup(table: str, value: Any, fields: tuple[str, ...], what: str) -> pd.Series:
    frame = load(table)
    expect_text(value, what, frame[fields[1]])
    wanted = fold(value)
    if wanted:
        for _, row in frame.iterrows():
            keys = [row[f] for f in fields if f != "aliases"] + list(row.get("aliases") or [])
            if wanted in (fold(k) for k in keys if k is not None and k is not pd.NA):
                return row
    valid = [str(v) for f in fields if f != "aliases" for v in frame[f]]
    raise unknown(what, value, valid)


def state(name: str) -> pd.Series:
    """The record of a state, for any spelling: name, ISO code or alias, any case or accent."""
    return _lookup("states", name, ("iso3", "name", "aliases"), "state")


def person(name: str) -> pd.Series:
    """The record of a person, for any spelling: id, name or alias, any case or accent."""
    return _lookup("people", name, ("id", "name", "aliases"), "person")


def source(source_id: str) -> pd.Series:
    """The record of a cited work."""
    frame = load("sources")
    expect_text(source_id, "source", frame["id"])
    hit = frame[frame["id"] == source_id]
    if hit.empty:
        raise unknown("source", source_id, frame["id"])
    return hit.iloc[0]


@lru_cache(maxsize=None)
def _passages() -> pd.DataFrame:
    """``data/passages.csv``: where each line of the source documents stands in its publication."""
    frame = pd.read_csv(DATA_DIR / "passages.csv", dtype={"number": "Int64"}, keep_default_na=False,
                        na_values={"number": [""]})
    return frame


def _chapter_label(chapter: str) -> str:
    m = re.match(r"Chapter (\d+)", chapter)
    if m:
        return f"ch. {m.group(1)}"
    return chapter.split(":")[0]


def passage(source_id: str, place: Any) -> str:
    """Where a cited passage stands in its publication, as a reader can find it.

    Lines of the source documents become the publication's own divisions: ``para. 12``,
    ``paras 3–5``, ``standfirst`` for a web article; ``ch. 3, section “Impact of Border
    Negotiations”`` or ``Appendix 1, entry of 26 April 1996`` for the thesis. A locator
    of a primary document (``para. 5``) is returned as it is.
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
        named = [f"para. {int(r['number'])}" if r["part"] == "para" else
                 ("author’s note" if r["part"] == "note" else str(r["section"])) for _, r in rows.iterrows()]
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
    if not blank(src["short"]):
        return str(src["short"])
    return str(src["author"]).split(",")[0] if not blank(src["author"]) else str(src["title"])


def cite_text(source_id: str, place: Any = None) -> str:
    """A short citation for display: ``Katz (2008), para. 12``; ``general reference``."""
    src = source(source_id)
    if src["kind"] == "reference":
        return "general reference"
    year = "n.d." if blank(src["date"]) else str(src["date"])[:4]
    text = f"{_short(src)} ({year})"
    where = passage(source_id, place)
    return f"{text}, {where}" if where else text


def source_url(source_id: str) -> str | None:
    """The http(s) address of a source, or None (the schema admits no other scheme)."""
    url = source(source_id)["url"]
    return None if blank(url) else str(url)


def cited(frame: pd.DataFrame, place_column: str = "place") -> pd.DataFrame:
    """A table for readers: its ``source`` and ``place`` columns become one ``cited`` column.

    ``data.cited(data.load("disputes"))`` shows "Katz (2008), para. 10" where the data say
    ``katz2008`` and ``L10``.
    """
    if "source" not in frame.columns:
        raise ValueError(f"the table has no 'source' column; its columns: {', '.join(map(str, frame.columns))}")
    out = frame.copy()
    places = out[place_column] if place_column in out.columns else pd.Series([None] * len(out), index=out.index)
    out["cited"] = [cite_text(s, p) for s, p in zip(out["source"], places)]
    return out.drop(columns=[c for c in ("source", place_column) if c in out.columns])


def meeting(meeting_id: str) -> pd.Series:
    """One meeting by its id (``'2008-dushanbe'``)."""
    frame = load("meetings")
    expect_text(meeting_id, "meeting", frame["id"])
    hit = frame[frame["id"] == meeting_id.strip().lower()]
    if hit.empty:
        raise unknown("meeting", meeting_id, frame["id"])
    return hit.iloc[0]


def meeting_dates(m: pd.Series, short: bool = False) -> str:
    """'28 August 2008', or '11–12 September 2014' for a meeting of several days."""
    if not isinstance(m, pd.Series) or not {"start", "end"} <= set(m.index):
        raise TypeError(f"meeting_dates() takes a meeting from data.meeting(), got {type(m).__name__} {m!r:.60}")
    month = "%b" if short else "%B"
    start, end = m["start"], m["end"]
    if start == end:
        return start.strftime(f"%-d {month} %Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.strftime(f'%-d {month} %Y')}"
    return f"{start.strftime(f'%-d {month}')} – {end.strftime(f'%-d {month} %Y')}"


# ---------------------------------------------------------------------------
# Dates: the one rule every helper follows
# ---------------------------------------------------------------------------
#: The years a date may fall in, everywhere in the book (members, maps, timeline, exercises).
FIRST_YEAR, LAST_YEAR = 1990, 2100

_YEAR_RE = re.compile(r"^\d{4}$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+)?$")
_AMBIGUOUS_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _year_period(year: int, value: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"{value!r}: the year {year} is outside the years the book covers; "
            f"choose a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)


def period(value: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and the last day that ``value`` names: a year is the whole year, a date one day.

    ``value`` may be a year (``2008``, ``numpy.int64(2008)`` or ``"2008"``), an ISO date
    (``"2008-08-28"``), a ``date``, a ``datetime`` or a pandas ``Timestamp`` (a time of day
    is dropped; a time zone too, keeping the local date).  Every helper reads dates with
    this rule.  Anything else raises: a ``TypeError`` for a value of the wrong type, a
    ``ValueError`` for a string that is not a year or an ISO date, for an ambiguous form
    such as ``"08/06/2017"``, and for a year outside ``FIRST_YEAR``..``LAST_YEAR``.
    """
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"expected a date or a year, got {value!r}")
    if isinstance(value, (int, np.integer)):
        return _year_period(int(value), value)
    if isinstance(value, str):
        text = value.strip()
        if _YEAR_RE.match(text):
            return _year_period(int(text), value)
        iso = _ISO_RE.match(text)
        if iso:
            try:
                day = pd.Timestamp(dt.date(*(int(g) for g in iso.groups())))
            except ValueError:
                raise ValueError(f"{value!r} is not a real date (YYYY-MM-DD)") from None
            return _check_day(day, value)
        loose = _AMBIGUOUS_RE.match(text)
        if loose:
            a, b, y = loose.groups()
            year = int(y) if len(y) == 4 else 2000 + int(y)
            readings = []
            for d, m in ((int(a), int(b)), (int(b), int(a))):
                try:
                    readings.append(dt.date(year, m, d))
                except ValueError:
                    pass
            example = readings[0] if readings else dt.date(year, 1, 1)
            guesses = " or ".join(f"{r.day} {_MONTHS[r.month - 1]}" for r in dict.fromkeys(readings))
            what = f"is ambiguous ({guesses}?)" if len(readings) > 1 else "is not an ISO date"
            raise ValueError(f"{value!r} {what}: write the date as ISO YYYY-MM-DD, like {example.isoformat()!r}")
        raise ValueError(f"cannot read {value!r} as a date: write it as ISO YYYY-MM-DD (like '2008-08-28') or a year (like 2008)")
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        if pd.isna(value):
            raise ValueError(f"{value!r} is not a date")
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_localize(None)  # the local date where the moment happened
        return _check_day(stamp.normalize(), value)
    if isinstance(value, dt.date):
        return _check_day(pd.Timestamp(value), value)
    raise TypeError(
        f"expected a date or a year, got {type(value).__name__} {value!r}: "
        "give an ISO date like '2008-08-28', a year like 2008, or a date object"
    )


def _check_day(day: pd.Timestamp, value: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    _year_period(day.year, value)
    return day, day


def as_date(value: Any, *, end_of_year: bool = False) -> pd.Timestamp:
    """One day from ``value`` (see :func:`period`): a year gives its first day, or with
    ``end_of_year=True`` its last day (31 December); a date gives itself."""
    first, last = period(value)
    return last if end_of_year else first


def is_year(value: Any) -> bool:
    """True when :func:`period` reads ``value`` as a whole year."""
    first, last = period(value)
    return first != last


def members(on: Any, status: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The states and their status on a date, or at the end of a year (see :func:`period`).

    ``members("2008-08-28")``, ``members(2014)``; ``status`` keeps only some
    statuses (``"observer"`` or a list).  Columns: ``iso3``, ``name``, ``status``,
    ``since``.  Before the Shanghai Five met in 1996 the table is empty.
    """
    when = as_date(on, end_of_year=True)
    wanted = None
    if status is not None:
        if isinstance(status, str):
            wanted = [status]
        elif isinstance(status, (list, tuple, set, frozenset, pd.Series, np.ndarray)):
            wanted = list(status)
        else:
            raise TypeError(f"status must be a status or a list of them, got {type(status).__name__} {status!r}; "
                            f"valid: {', '.join(map(repr, STATUSES))}")
        for s in wanted:
            expect_choice(s, "status", STATUSES)
    frame = load("membership")
    current = frame[(frame["start"] <= when) & (frame["end"].isna() | (when < frame["end"]))]
    if wanted is not None:
        current = current[current["status"].isin(wanted)]
    names = load("states").set_index("iso3")["name"]
    result = pd.DataFrame(
        {
            "iso3": current["state"].astype("string"),
            "name": current["state"].map(names).astype("string"),
            "status": pd.Categorical(current["status"].astype(str), categories=list(STATUSES)),
            "since": current["start"],
        }
    )
    return result.sort_values(["status", "name"]).reset_index(drop=True)


def cities() -> pd.DataFrame:
    """Places joined to the meetings they hosted (one row per meeting)."""
    places = load("places").set_index("id")
    meets = load("meetings")
    meets["city_name"] = meets["city"].map(places["name"])
    meets["lat"] = meets["city"].map(places["lat"])
    meets["lon"] = meets["city"].map(places["lon"])
    return meets


# ---------------------------------------------------------------------------
# Tables a reader sees (the maps draw them too)
# ---------------------------------------------------------------------------
def meetings_table(until: Any = None, level: str = "heads of state") -> pd.DataFrame:
    """The meetings held until ``until`` (a date, or the end of a year), of one ``level`` or ``"all"``:
    one row per meeting, oldest first, with its city's name and position."""
    expect_choice(level, "level", list(LEVELS) + ["all"])
    meets = cities()
    if level != "all":
        meets = meets[meets["level"] == level]
    if until is not None:
        meets = meets[meets["start"] <= as_date(until, end_of_year=True)]
    out = meets[["id", "start", "name", "city_name", "level", "documents", "source", "place", "lat", "lon", "city"]]
    return out.sort_values("start").reset_index(drop=True)


def fears_table() -> pd.DataFrame:
    """The separatist and territorial worries the sources attribute to member states, with names
    and citations: region, feared by, worry, raised by, source (and the ids place_id, iso3)."""
    fears = load("fears")
    places = load("places").set_index("id")
    states = load("states").set_index("iso3")
    people = load("people").set_index("id")
    return pd.DataFrame({
        "region": fears["place"].map(places["name"]),
        "feared by": fears["state"].map(states["name"]),
        "worry": fears["claim"],
        "raised by": fears["raised_by"].map(people["name"]),
        "source": [cite_text(s, w) for s, w in zip(fears["source"], fears["where"])],
        "place_id": fears["place"], "iso3": fears["state"],
    })


def seed_text(source_id: str, place: str | None = None, seeds_dir: Path | None = None) -> str:
    """The text of a source document (or of lines ``place`` of it), for the authors' checks."""
    src = source(source_id)
    if blank(src["file"]):
        raise ValueError(f"source {source_id!r} is not one of the source documents")
    path = Path(seeds_dir or SEEDS_DIR) / str(src["file"])
    lines = path.read_text(encoding="utf-8").splitlines()
    if not place:
        return "\n".join(lines)
    first, last = _PLACE_RE.match(place).groups()
    first, last = int(first), int(last or first)
    if last > len(lines):
        raise ValueError(f"{place} is past the end of {path.name} ({len(lines)} lines)")
    return "\n".join(lines[first - 1 : last])


# ---------------------------------------------------------------------------
# Quizzes (data/quizzes/*.json, jupyterquiz's format): plain text, checked like the tables
# ---------------------------------------------------------------------------
QUIZ_TYPES = ("multiple_choice", "many_choice", "numeric")
_QUESTION_KEYS = {"question", "type", "answers", "precision"}
_ANSWER_KEYS = {"multiple_choice": {"answer", "correct", "feedback"}, "many_choice": {"answer", "correct", "feedback"},
                "numeric": {"type", "value", "range", "correct", "feedback"}}
#: Markup in a quiz's text: the quiz would show it as HTML, so it is refused (and escaped when shown).
MARKUP_RE = re.compile(r"<\s*/?\s*[a-z!?]|&[a-z#][a-z0-9]*;|javascript:", re.I)


def read_quiz(path: str | Path) -> list[dict]:
    """The questions of a quiz file, checked: a DataError names the file, the question (row) and the key."""
    path = Path(path)
    file = f"quizzes/{path.name}"
    text = _read_text(path)
    try:
        questions = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(file, None, None, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(questions, list) or not questions:
        raise DataError(file, None, None, "a quiz is a non-empty JSON list of questions")
    for number, q in enumerate(questions, start=1):
        _check_question(file, number, q)
    return questions


def _check_question(file: str, number: int, q: Any) -> None:
    def err(column: str | None, problem: str):
        raise DataError(file, number, column, problem)

    def plain(column: str, value: Any, what: str) -> None:
        if not isinstance(value, str) or not value.strip():
            err(column, f"{what} must be non-empty text")
        bad = next((c for c in value if (unicodedata.category(c) == "Cc" and c not in "\t\n\r") or c in _BIDI), None)
        if bad is not None:
            err(column, f"{what} holds the control character U+{ord(bad):04X}: delete it")
        if MARKUP_RE.search(value):
            err(column, f"{what} holds markup ({MARKUP_RE.search(value).group(0)!r}…): quiz text is plain text, not HTML")

    if not isinstance(q, dict):
        err(None, "a question is a JSON object")
    for key in q:
        if key not in _QUESTION_KEYS:
            err(key, f"unknown key {key!r}; valid: {', '.join(sorted(_QUESTION_KEYS))}")
    plain("question", q.get("question"), "the question")
    kind = q.get("type")
    if kind not in QUIZ_TYPES:
        err("type", f"type {kind!r} is not one of {', '.join(QUIZ_TYPES)}")
    answers = q.get("answers")
    if not isinstance(answers, list) or not answers:
        err("answers", "has no answers: give a non-empty list")
    if kind == "numeric":
        precision = q.get("precision")
        if isinstance(precision, bool) or not isinstance(precision, int) or precision < 1:
            err("precision", f"a numeric question needs a precision, a whole number of digits >= 1; got {precision!r}")
    elif "precision" in q:
        err("precision", "only a numeric question has a precision")
    correct = 0
    for j, a in enumerate(answers, start=1):
        if not isinstance(a, dict):
            err("answers", f"answer {j} is not a JSON object")
        for key in a:
            if key not in _ANSWER_KEYS[kind]:
                err(key, f"answer {j}: unknown key {key!r}; valid: {', '.join(sorted(_ANSWER_KEYS[kind]))}")
        if not isinstance(a.get("correct"), bool):
            err("correct", f"answer {j}: 'correct' must be true or false")
        correct += a["correct"]
        if not isinstance(a.get("feedback"), str) or not a["feedback"].strip():
            err("feedback", f"answer {j} has no feedback: every choice needs its feedback")
        plain("feedback", a["feedback"], f"answer {j}'s feedback")
        if kind == "numeric":
            if a.get("type") == "value":
                if isinstance(a.get("value"), bool) or not isinstance(a.get("value"), (int, float)):
                    err("value", f"answer {j}: a value answer needs a number 'value'")
            elif a.get("type") == "range":
                bounds = a.get("range")
                if (not isinstance(bounds, list) or len(bounds) != 2
                        or any(isinstance(b, bool) or not isinstance(b, (int, float)) for b in bounds)
                        or bounds[0] > bounds[1]):
                    err("range", f"answer {j}: a range is [low, high], two numbers, low <= high; got {bounds!r}")
            else:
                err("type", f"answer {j}: a numeric answer has type 'value' or 'range', got {a.get('type')!r}")
        else:
            plain("answer", a.get("answer"), f"answer {j}")
    if kind in ("multiple_choice", "numeric") and correct != 1:
        err("correct", f"a {kind} question needs exactly one correct answer; {correct} are marked correct")
    if kind == "many_choice" and correct < 1:
        err("correct", "no answer is marked correct")


def excerpt_found(excerpt: str, text: str) -> bool:
    """True when every piece of ``excerpt`` between cuts (…) stands in ``text``, in order."""
    haystack = fold_space(text)
    position = 0
    for piece in (p.strip() for p in fold_space(excerpt).split(ELLIPSIS)):
        if not piece:
            continue
        found = haystack.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True
