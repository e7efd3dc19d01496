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
import math
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import quote, urlsplit, urlunsplit

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
EVENT_KINDS = ("shanghai five", "sco", "georgia 2008", "ukraine 2014", "russia and the west", "central asia", "ukraine 2022",
               "between members")
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
#: How a cited evidence row bears on a forecast: the three list columns of ``forecasts.csv``.
FORECAST_BEARINGS = ("bears_out", "tells_against", "leaves_open")
#: What kind of evidence quoted words are (chapters 5 and 6: ``scorecard.kind``, ``evidence.kind``).
EVIDENCE_KINDS = ("primary text", "official statement", "journalism", "scholarly argument", "anonymous insiders")
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
#: A control character (Unicode category Cc: C0 and C1, but tab and line breaks) or a bidirectional control.
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + "]")


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
    #: the scripts the column's letters may be in (the first word of a letter's Unicode name:
    #: "Latin", "Cyrillic", "Greek", "CJK"...); None for any script (quotations, titles)
    scripts: tuple[str, ...] | None = ("Latin",)

    def __post_init__(self) -> None:
        if self.kind == "excerpt" and self.scripts == ("Latin",):  # a quotation keeps its own script
            object.__setattr__(self, "scripts", None)


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


def _id_year(date_column: str) -> Callable:
    """An id that starts with a year (``2008-dushanbe``) names the year of the row's date."""
    def check(r: dict, err, refs) -> None:
        m = re.match(r"^(\d{4})-", str(r.get("id") or ""))
        if m and r[date_column] is not None and int(m.group(1)) != r[date_column].year:
            err(date_column, f"{r[date_column]} is not in {m.group(1)}, the year of its id {r['id']!r}: "
                             "correct the date, or the id (and every reference to it)")
    return check


def _stance_of_question(r: dict, err, refs) -> None:
    stances = refs["_stances"].get(r["question"], {})
    if r["stance"] not in stances:
        err("stance", f"{r['stance']!r} is not a stance of question {r['question']!r}: {', '.join(stances)}")


def partial_date_span(value: Any) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) can mean."""
    if isinstance(value, (dt.date, pd.Timestamp)):
        day = pd.Timestamp(value).date()
        return day, day
    text = str(value).strip()
    if not _PARTIAL_DATE_RE.match(text):
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if len(text) == 4:
        return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
    if len(text) == 7:
        first = dt.date.fromisoformat(text + "-01")
        last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
        return first, last
    day = dt.date.fromisoformat(text)
    return day, day


def forecast_grade(bears_out: Iterable[str], tells_against: Iterable[str], leaves_open: Iterable[str]) -> str | None:
    """The grade that the evidence rows a forecast cites imply (chapter 6; ``data/README.md``).

    Evidence on both sides makes a forecast ``partly`` right; otherwise an open test makes it
    ``too early to say``; otherwise evidence for it makes it ``right`` and evidence against it
    ``wrong``. With no evidence at all there is no grade (None).
    """
    bears_out, tells_against, leaves_open = list(bears_out), list(tells_against), list(leaves_open)
    if bears_out and tells_against:
        return "partly"
    if leaves_open:
        return "too early to say"
    if bears_out:
        return "right"
    if tells_against:
        return "wrong"
    return None


def _grade_follows_evidence(r: dict, err, refs) -> None:
    """A forecast's grade is the one its cited evidence implies, and every cited row came after it."""
    dates = refs["_evidence_dates"]
    made = r["made_by"]
    for column in FORECAST_BEARINGS:
        for item in r[column]:
            first, _ = partial_date_span(dates[item])
            if made is not None and first <= made:
                err(column, f"evidence {item!r} ({dates[item]}) is not dated after the forecast (made by {made}): "
                            "a forecast can only be graded by what happened after it")
    implied = forecast_grade(r["bears_out"], r["tells_against"], r["leaves_open"])
    if implied is None:
        err("bears_out", "cites no evidence: name at least one row of evidence.csv in bears_out, "
                         "tells_against or leaves_open")
    if r["grade"] != implied:
        err("grade", f"is {r['grade']!r}, but the evidence it cites implies {implied!r} "
                     "(both sides: partly; an open test: too early to say; only for: right; only against: wrong)")


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


def _outlines(data_dir: Path) -> dict[str, list[list[tuple[float, float]]]]:
    """iso3 -> the outer rings (lists of (lon, lat)) of the state's outline in ``geo/states.geojson``."""
    path = data_dir / "geo" / "states.geojson"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise DataError("geo/states.geojson", None, None, f"cannot read the outlines: {exc}") from None
    return _read_outlines(str(path), stamp)


@lru_cache(maxsize=4)
def _read_outlines(path: str, stamp: int) -> dict[str, list[list[tuple[float, float]]]]:
    try:
        features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
        rings: dict[str, list] = {}
        for f in features:
            geometry = f["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            rings.setdefault(f["properties"]["iso3"], []).extend(
                [(float(x), float(y)) for x, y, *_ in polygon[0]] for polygon in polygons)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise DataError("geo/states.geojson", None, None, f"cannot read the outlines: {exc}") from None
    return rings


def _every_state_has_an_outline(frame: pd.DataFrame, table: "Table", data_dir: Path) -> None:
    outlines = _outlines(data_dir)
    for i, iso3 in enumerate(frame["iso3"], start=1):
        if iso3 not in outlines:
            raise DataError(table.file, i, "iso3", f"{iso3!r} has no outline in geo/states.geojson: run data/geo/build.py")


def _votes_follow_membership(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """Each vote row's status is the state's SCO status on the day of the vote (membership.csv),
    and each resolution has a row for every state with an SCO status that day. A cross-check, run
    after membership.csv's own (a wrong membership row is named there, not as a wrong vote)."""
    votes, table = loaded["un_votes"], SCHEMAS["un_votes"]
    days = dict(zip(loaded["un_resolutions"]["id"].astype(str), loaded["un_resolutions"]["date"]))
    on_day: dict[Any, dict[str, str]] = {}
    for i, r in enumerate(votes[["resolution", "state", "status"]].astype(object).to_dict("records"), start=1):
        day = days[str(r["resolution"])]
        statuses = on_day.setdefault(day, _statuses_on(loaded["membership"], day))
        if r["state"] not in statuses:
            raise DataError(table.file, i, "state", f"{r['state']} held no SCO status on {day:%Y-%m-%d} (membership.csv)")
        if statuses[r["state"]] != r["status"]:
            raise DataError(table.file, i, "status",
                            f"{r['state']} was {statuses[r['state']]!r} on {day:%Y-%m-%d} (membership.csv), not {r['status']!r}")
    for resolution, rows in votes.groupby("resolution", sort=False):
        day = days[str(resolution)]
        missing = set(on_day.get(day) or _statuses_on(loaded["membership"], day)) - set(rows["state"])
        if missing:
            raise DataError(table.file, int(rows.index[0]) + 1, "state",
                            f"resolution {resolution}: no row for {', '.join(sorted(missing))}, which held an SCO "
                            "status that day (a vote that was not found is recorded as 'unknown')")


def _unknown_says_what_was_tried(r: dict, err, refs) -> None:
    if r["vote"] == "unknown" and not r["note"]:
        err("note", "a vote recorded as unknown must say what was tried to find it")


def _statuses_on(membership: pd.DataFrame, day: Any) -> dict[str, str]:
    day = pd.Timestamp(day)
    on = membership[(membership["start"] <= day) & (membership["end"].isna() | (day < membership["end"]))]
    return dict(zip(on["state"].astype(str), on["status"].astype(str)))


def _every_state_of_the_day_votes(frame: pd.DataFrame, table: "Table", data_dir: Path, refs: dict) -> None:
    """One row per state and resolution; the votes of a kind never outnumber the Assembly's total
    of that kind (the states of the day: :func:`_votes_follow_membership`)."""
    _unique("resolution", "state")(frame, table, data_dir)
    resolutions = refs["_loaded"]["un_resolutions"].set_index("id")
    for resolution, rows in frame.groupby("resolution", sort=False):
        first = int(rows.index[0]) + 1
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
    """{name: iso3} of ``states.csv`` (validated)."""
    states = load("states", data_dir)
    return dict(zip(states["name"].astype(str), states["iso3"].astype(str)))


def origin_vocabulary(data_dir: str | Path | None = None) -> tuple[str, ...]:
    """Every value ``sources.origin`` may take: a state of ``states.csv`` by its name, another
    state of :data:`OTHER_ORIGIN_STATES`, ``international`` or ``unknown``."""
    names = _state_names(Path(_dir_arg(data_dir)))
    return tuple(names) + tuple(n for n in OTHER_ORIGIN_STATES if n not in names) + (ORIGIN_INTERNATIONAL, ORIGIN_UNKNOWN)


def _origins_in_vocabulary(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """``sources.origin`` names a state of ``states.csv`` (validated before this cross-check runs),
    another known state, ``international`` or ``unknown``."""
    names = dict(zip(loaded["states"]["name"].astype(str), loaded["states"]["iso3"].astype(str)))
    valid = tuple(names) + tuple(n for n in OTHER_ORIGIN_STATES if n not in names) + (ORIGIN_INTERNATIONAL, ORIGIN_UNKNOWN)
    frame, table = loaded["sources"], SCHEMAS["sources"]
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
            # a work is cited under its author and outlet as published, in their own script
            "author": Col("text", required=False, scripts=None),
            "title": Col("text", scripts=None),  # a Russian or Chinese work keeps its own title
            "outlet": Col("text", required=False, scripts=None),
            "date": Col("partial_date", required=False),
            "kind": Col("category", vocab=SOURCE_KINDS),
            "url": Col("url", required=False),
            "version": Col("text", required=False),
            "short": Col("text", required=False),
            "file": Col("text", required=False),
            "note": Col("text", required=False, scripts=None),
            "origin": Col("text"),
        },
        cited=False,
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
        row_checks=(_end_not_before("start"), _id_year("start")),
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
        row_checks=(_end_not_before("date"), _id_year("date")),
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
            "kind": Col("category", vocab=EVIDENCE_KINDS),
            "evidence": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
        },
        table_checks=(_unique("school", "event", "source", "place"),),
    ),
    # Chapter 6: what happened after the forecasts, one row per piece of evidence (data/README.md)
    "evidence": Table(
        "evidence.csv",
        "id",
        {
            "id": Col("id"),
            "date": Col("partial_date"),
            "kind": Col("category", vocab=EVIDENCE_KINDS),
            "finding": Col("text"),
            "excerpt": Col("excerpt", required=False),
            **_cite(),
        },
    ),
    # Chapter 6: the forecasts of 2007-2014, graded against the evidence rows they cite (data/README.md)
    "forecasts": Table(
        "forecasts.csv",
        "id",
        {
            "id": Col("id"),
            "author": Col("ref", ref="people"),
            "forecast": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
            "made_by": Col("date"),
            "grade": Col("category", vocab=FORECAST_GRADES),
            "reasoning": Col("text"),
            "bears_out": Col("list_ref", required=False, ref="evidence"),
            "tells_against": Col("list_ref", required=False, ref="evidence"),
            "leaves_open": Col("list_ref", required=False, ref="evidence"),
        },
        row_checks=(_grade_follows_evidence,),
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
        row_checks=(_unknown_says_what_was_tried,),
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
    "schools", "scorecard", "evidence", "forecasts",
    "un_resolutions", "un_votes", "un_vote_checks", "declaration_texts", "declaration_passages",
)
assert set(_ORDER) == set(SCHEMAS)


# ---------------------------------------------------------------------------
# Checks across rows and tables: what passes must build a right page
# ---------------------------------------------------------------------------
#: How far (km) a point may lie outside its state's outline: the outlines are simplified
#: (data/geo/build.py), and a coastal capital can fall just outside a smoothed coast.
OUTLINE_TOLERANCE_KM = 35.0
#: A contested region is recorded under the state whose claim the sources discuss; the map's
#: outlines may draw it elsewhere (Crimea inside Russia) or not at all (Taiwan), so it needs
#: only to lie near that state's outline.
CONTESTED_TOLERANCE_KM = 300.0


def _inside(lon: float, lat: float, ring: list[tuple[float, float]]) -> bool:
    """Whether a point lies inside a ring (even-odd rule)."""
    inside = False
    x0, y0 = ring[-1]
    for x1, y1 in ring:
        if (y1 > lat) != (y0 > lat) and lon < (x0 - x1) * (lat - y1) / (y0 - y1) + x1:
            inside = not inside
        x0, y0 = x1, y1
    return inside


def _km_to_ring(lon: float, lat: float, ring: list[tuple[float, float]]) -> float:
    """The distance (km, on a local flat projection) from a point to the nearest edge of a ring."""
    k = np.cos(np.radians(lat))
    xs = np.array([(x - lon) * k for x, _ in ring]) * 111.2
    ys = np.array([(y - lat) for _, y in ring]) * 111.2
    ax, ay, bx, by = xs[:-1], ys[:-1], xs[1:], ys[1:]
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = np.clip(np.where(length > 0, -(ax * dx + ay * dy) / np.where(length > 0, length, 1), 0), 0, 1)
    return float(np.min(np.hypot(ax + t * dx, ay + t * dy))) if len(ring) > 1 else float("inf")


def _state_at(lon: float, lat: float, outlines: dict) -> str | None:
    return next((iso for iso, rings in outlines.items() if any(_inside(lon, lat, r) for r in rings)), None)


def _points_in_their_states(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """A place (and a state's capital) lies in its state's outline: swapped or mistyped
    coordinates would put a marker in the Arctic."""
    outlines = _outlines(data_dir)
    names = dict(zip(loaded["states"]["iso3"].astype(str), loaded["states"]["name"].astype(str)))
    for table, state_column, label in (("states", "iso3", "capital"), ("places", "state", "name")):
        frame = loaded[table]
        key = SCHEMAS[table].key
        for number, (lat, lon, iso, what, k) in enumerate(
                zip(frame["lat"], frame["lon"], frame[state_column].astype(str), frame[label].astype(str),
                    frame[key].astype(str)), start=1):
            rings = outlines.get(iso, [])
            if not rings or any(_inside(lon, lat, r) for r in rings):
                continue
            far = min(_km_to_ring(lon, lat, r) for r in rings)
            contested = table == "places" and frame["kind"].iloc[number - 1] == "contested region"
            if far <= (CONTESTED_TOLERANCE_KM if contested else OUTLINE_TOLERANCE_KM):
                continue
            other = _state_at(lon, lat, outlines)
            where = f"it lies in {names.get(other, other)}" if other else "it lies in no state of the map"
            swapped = " (are lat and lon swapped?)" if any(_inside(lat, lon, r) for r in rings) or other is None else ""
            raise DataError(SCHEMAS[table].file, number, "lat",
                            f"{what} at lat {lat}, lon {lon} lies {far:.0f} km outside the outline of "
                            f"{names.get(iso, iso)} ({iso}): {where}{swapped}", k)


def _hosts_are_their_cities_states(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    state_of = dict(zip(loaded["places"]["id"].astype(str), loaded["places"]["state"].astype(str)))
    names = dict(zip(loaded["states"]["iso3"].astype(str), loaded["states"]["name"].astype(str)))
    meetings = loaded["meetings"]
    for number, (mid, city, host) in enumerate(zip(meetings["id"].astype(str), meetings["city"].astype(str),
                                                   meetings["host"].astype(str)), start=1):
        if state_of[city] != host:
            raise DataError(SCHEMAS["meetings"].file, number, "host",
                            f"{host!r} is not the state of the city: {city!r} lies in {names[state_of[city]]} "
                            f"({state_of[city]}), according to places.csv", mid)


def _memberships_follow_their_meetings(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    starts = dict(zip(loaded["meetings"]["id"].astype(str), loaded["meetings"]["start"]))
    frame = loaded["membership"]
    for number, (state, start, meeting) in enumerate(zip(frame["state"], frame["start"], frame["meeting"]), start=1):
        if blank(meeting):
            continue
        decided = starts[str(meeting)]
        if start < decided:
            raise DataError(SCHEMAS["membership"].file, number, "start",
                            f"{start:%Y-%m-%d} is before the meeting that decided it ({meeting}, "
                            f"{decided:%Y-%m-%d}): a status starts on or after its decision")


def _names_name_one_row(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """Every key, name and alias of a state or a person names that row only: a look-up
    (``data.state``, the checker) finds one row for it, never the first of two."""
    for table, fields in (("states", ("iso3", "name")), ("people", ("id", "name"))):
        file, frame = SCHEMAS[table].file, loaded[table]
        names = list(frame["name"].astype(str))
        keys = list(frame[SCHEMAS[table].key].astype(str))
        owner: dict[str, int] = {}

        def clash(number: int, column: str, value: str, other: int, _t=table, _f=file, names=names,
                  keys=keys) -> DataError:
            what = "state" if _t == "states" else "person"
            return DataError(_f, number, column, f"{value!r} also names row {other} ({names[other - 1]}): "
                                                 f"a name or alias names one {what} only", keys[number - 1])

        for column in fields:
            for number, value in enumerate(frame[column].astype(str), start=1):
                k = name_key(value)
                if k in owner and owner[k] != number:
                    raise clash(number, column, value, owner[k])
                owner.setdefault(k, number)
        for number, aliases in enumerate(frame["aliases"], start=1):
            for alias in aliases or []:
                k = name_key(alias)
                if k in owner and owner[k] != number:
                    raise clash(number, "aliases", alias, owner[k])
        for number, aliases in enumerate(frame["aliases"], start=1):
            for alias in aliases or []:
                k = name_key(alias)
                if owner.setdefault(k, number) != number:
                    raise clash(number, "aliases", alias, owner[k])


#: The columns that describe a cell of the scorecard (school × event) and so repeat on each of its rows.
SCORECARD_CELL_COLUMNS = ("verdict", "expected", "observed")


def check_scorecard(card: pd.DataFrame, schools: pd.DataFrame, meetings: pd.DataFrame) -> None:
    """The scorecard's rules across rows: every school has a cell at every event, and the rows of
    one cell agree on its verdict, expectation and observation (a DataError names the row)."""
    file = SCHEMAS["scorecard"].file
    starts = dict(zip(meetings["id"].astype(str), meetings["start"]))
    events = sorted(dict.fromkeys(card["event"].astype(str)), key=lambda m: starts[m])
    have = set(zip(card["school"].astype(str), card["event"].astype(str)))
    for school in schools["id"].astype(str):
        for event in events:
            if (school, event) not in have:
                raise DataError(file, None, "event", f"school {school!r} has no row for event {event!r}")
    first: dict[tuple[str, str], tuple[int, tuple[str, ...]]] = {}
    columns = ["school", "event", *SCORECARD_CELL_COLUMNS]
    for number, row in enumerate(card[columns].astype(str).itertuples(index=False, name=None), start=1):
        cell, values = row[:2], row[2:]
        if cell not in first:
            first[cell] = (number, values)
            continue
        for column, value, was in zip(SCORECARD_CELL_COLUMNS, values, first[cell][1]):
            if value != was:
                raise DataError(file, number, column, f"differs from the first row of cell {cell[0]} × {cell[1]} "
                                                      f"(row {first[cell][0]}): a cell has one {column}")


def _scorecard_rules(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    check_scorecard(loaded["scorecard"], loaded["schools"], loaded["meetings"])


#: Checks of the loaded tables together: fn(loaded, data_dir), raising a DataError that names
#: the file, the row and the column.  A new table adds its own here.
CROSS_CHECKS: tuple[Callable, ...] = (
    _names_name_one_row, _points_in_their_states, _hosts_are_their_cities_states,
    _memberships_follow_their_meetings, _votes_follow_membership, _scorecard_rules, _origins_in_vocabulary,
)


# ---------------------------------------------------------------------------
# Small utilities
# ---------------------------------------------------------------------------
def fold(text: str) -> str:
    """Lower-case, strip accents and everything but letters and digits: the key for alias look-ups."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


#: What separates the words of a name without changing it: spaces, apostrophes, hyphens, dots, commas.
_NAME_SEPARATORS = re.compile(r"[\s'’‘ʼ`´\-‐‑‒–—.,]+")


def name_key(text: str) -> str:
    """The key a name is looked up by: case, accents, spacing and the separators of words
    (spaces, apostrophes, hyphens, dots, commas) do not matter; every other character does,
    so "Kazakhstan!" or a Cyrillic "а" in "Kazakhstan" names no state."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NAME_SEPARATORS.sub("", unicodedata.normalize("NFKC", text).casefold())


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


#: How many characters of a bad value an error message quotes.
EXCERPT_CHARS = 60


def shown(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """``repr(value)``, cut to ``limit`` characters (with "…" and the full length): what a message quotes."""
    try:
        text = repr(value)
    except Exception:  # a student's object may fail in any way
        text = f"<{type(value).__name__}>"
    if len(text) <= limit:
        return text
    size = f", {len(value)} characters" if isinstance(value, str) else ""
    return f"{text[:limit]}…{size}"


def _closest(value: Any, valid: Iterable[str], n: int = 5) -> str:
    valid = list(dict.fromkeys(str(v) for v in valid))
    value = value if isinstance(value, str) and len(value) <= 200 else shown(value)
    close = difflib.get_close_matches(str(value), valid, n=n, cutoff=0.5)
    if not close:
        close = valid[:n]
    more = "" if len(valid) <= len(close) else f" (of {len(valid)} valid values)"
    return ", ".join(repr(c) for c in close) + more


def unknown(what: str, value: Any, valid: Iterable[str]) -> ValueError:
    """The ValueError for an unknown name: it names the value and the closest valid ones."""
    return ValueError(f"unknown {what} {shown(value)}; closest valid: {_closest(value, valid)}")


def expect_text(value: Any, what: str, valid: Iterable[str]) -> str:
    """``value`` if it is a string; else a TypeError naming it and some valid values."""
    if not isinstance(value, str):
        raise TypeError(
            f"{what} must be a name (a string), got {type(value).__name__} {shown(value)}; "
            f"valid: {_closest(value, valid)}"
        )
    return value


def expect_choice(value: Any, what: str, valid: Iterable[str]) -> str:
    """``value`` if it is one of ``valid``; else a TypeError or ValueError naming it and the valid ones."""
    valid = [str(v) for v in valid]
    if expect_text(value, what, valid) not in valid:
        raise unknown(what, value, valid)
    return value


#: Characters a web address never holds as they are (RFC 3986 has them percent-encoded): quotes,
#: angle brackets, braces, backslash, caret, backtick, bar, whitespace and control characters.
_URL_UNSAFE = re.compile(r'[\s"\'<>{}\\^`|\x00-\x1f\x7f-\x9f]')


def web_url(value: Any) -> str | None:
    """``value`` if it is a web address (http or https, with a host), else None: the rule for every url shown.

    The address is parsed and put together again; it must come out the same and hold no
    character that could end an HTML attribute or a BibTeX field (see :data:`_URL_UNSAFE`).
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _URL_UNSAFE.search(text):
        return None
    try:
        parts = urlsplit(text)
        again = urlunsplit(parts)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or again != text:
        return None
    return text


#: The data folders being checked (innermost last): while validate_all() computes the quizzes'
#: answers from a folder, every look-up without a data_dir reads that folder.
_ACTIVE_DIRS: list[str] = []


def _dir_arg(data_dir: Any) -> str:
    if data_dir is None:
        if _ACTIVE_DIRS:
            return _ACTIVE_DIRS[-1]
        data_dir = DATA_DIR
    if not isinstance(data_dir, (str, os.PathLike)):
        raise TypeError(f"data_dir must be a folder (a path), got {type(data_dir).__name__} {shown(data_dir)}")
    return _resolved(os.fspath(data_dir))


@lru_cache(maxsize=64)
def _resolved(path: str) -> str:
    return str(Path(path).resolve())


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
    try:  # parsed once (with libyaml when present): the keys are checked on the tree, then it is built
        node = yaml.compose(text, Loader=_YAML_LOADER)
        _check_yaml_keys(path.name, node)
        content = yaml.constructor.SafeConstructor().construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise DataError(path.name, None, None, f"not valid YAML: {exc}") from None
    if not isinstance(content, list) or not all(isinstance(r, dict) for r in content):
        raise DataError(path.name, None, None, "must be a YAML list of mappings, one per row")
    header = list(dict.fromkeys(k for r in content for k in r))
    return header, content


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_text(path: Path) -> str:
    """The text of a data file, which must be UTF-8 (the error names the line of the first bad byte)."""
    if not path.exists():
        raise DataError(str(path), None, None, "file not found")
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark, as some spreadsheets save UTF-8: not part of the text
        raw = raw[3:]
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


def script_of(char: str) -> str:
    """The script of a letter, as the first word of its Unicode name ("Latin", "Cyrillic", "Greek", "Cjk"...)."""
    return unicodedata.name(char, "Unknown").split(" ")[0].capitalize()


#: Scripts with letters that look like Latin ones (a Cyrillic "а", a Greek "ο").
_LOOKALIKE_SCRIPTS = ("Cyrillic", "Greek", "Armenian", "Cherokee", "Coptic")


def _check_scripts(value: str, scripts: tuple[str, ...], name: str, err) -> None:
    """Every letter of ``value`` is in one of ``scripts``: a look-alike letter from another script
    (a Cyrillic "а" in "Kazakhstan") would make a name that no look-up finds."""
    allowed = {s.capitalize() for s in scripts}
    for i, char in enumerate(value):
        if char.isalpha() and script_of(char) not in allowed:
            script = script_of(char)
            looks = (f"which looks like a {' or '.join(sorted(allowed))} letter but is not: "
                     if script in _LOOKALIKE_SCRIPTS else "")
            err(name, f"{shown(value)} holds the {script} letter {char!r} (U+{ord(char):04X}, "
                      f"character {i + 1}), {looks}this column holds {' or '.join(sorted(allowed))} letters only; "
                      "retype it, or declare the column's scripts in the schema")


def _check_cell(table: Table, name: str, col: Col, raw: Any, err, refs: dict[str, set[str]]) -> Any:
    """Check one cell; return its typed value (None for an empty optional cell)."""
    if col.kind == "mapping":
        if not isinstance(raw, dict) or not raw:
            err(name, "must be a non-empty mapping of code: meaning")
        for code, meaning in raw.items():
            if not _ID_RE.match(str(code)):
                err(name, f"stance code {shown(code)} must be lower-case words joined by '-'")
            if not str(meaning or "").strip():
                err(name, f"stance {shown(code)} has no meaning")
        return {str(k): str(v) for k, v in raw.items()}
    if raw is not None and not isinstance(raw, str):
        err(name, f"is a {type(raw).__name__} ({shown(raw)}), not text: write it as a string")
    if raw is not None:
        found = _INVISIBLE_RE.search(raw)
        bad = found.group(0) if found else None
        if bad is not None:
            err(name, f"holds the control character U+{ord(bad):04X} (invisible): delete it")
    value = "" if raw is None else str(raw).strip()
    if value and col.scripts is not None and col.kind != "url" and not value.isascii():
        _check_scripts(value, col.scripts, name, err)
    if value == "":
        if col.required:
            err(name, "is empty but required")
        return [] if col.kind in ("list", "list_ref") else None
    if col.kind == "id" and not _ID_RE.match(value):
        err(name, f"{shown(value)} is not an id (lower-case ASCII words joined by '-')")
    elif col.kind == "iso3" and not _ISO3_RE.match(value):
        err(name, f"{shown(value)} is not an ISO 3166 alpha-3 code")
    elif col.kind == "date":
        try:
            return _parse_date(value)
        except ValueError:
            err(name, f"cannot parse {shown(value)} as a date (YYYY-MM-DD)")
    elif col.kind == "partial_date":
        if not _PARTIAL_DATE_RE.match(value):
            err(name, f"cannot parse {shown(value)} as a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        try:
            dt.date.fromisoformat((value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10])
        except ValueError:
            err(name, f"{shown(value)} is not a real date")
    elif col.kind in ("lat", "lon"):
        limit = 90 if col.kind == "lat" else 180
        try:
            number = float(value)
        except ValueError:
            err(name, f"{shown(value)} is not a number")
        if not -limit <= number <= limit:
            err(name, f"{number} is out of range (-{limit} to {limit})")
        return number
    elif col.kind == "category" and value not in col.vocab:
        err(name, f"{shown(value)} is not one of {', '.join(repr(v) for v in col.vocab)}")
    elif col.kind == "ref":
        if value not in refs[col.ref]:
            err(name, f"{shown(value)} is not a known {col.ref} key; closest: {_closest(value, refs[col.ref])}")
    elif col.kind == "list":
        return split_list(value)
    elif col.kind == "list_ref":
        items = split_list(value)
        for item in items:
            if item not in refs[col.ref]:
                err(name, f"{shown(item)} is not a known {col.ref} key; closest: {_closest(item, refs[col.ref])}")
        return items
    elif col.kind == "place":
        if _LOCATOR_RE.match(value):
            return value
        if not _PLACE_RE.match(value):
            err(name, f"{shown(value)} is neither a line reference like 'L34' or 'L120-125' "
                      "nor a locator like 'para. 12', 'paras 3–4', '§ 2' or 'p. 5'")
        first, last = _PLACE_RE.match(value).groups()
        if int(first) < 1:
            err(name, f"{shown(value)}: lines are numbered from 1")
        if last is not None and int(last) < int(first):
            err(name, f"{shown(value)}: the range ends before it starts")
    elif col.kind == "count":
        if not re.fullmatch(r"\d+", value):
            err(name, f"{shown(value)} is not a whole number (0, 1, 2 …)")
        return int(value)
    elif col.kind == "url":
        if not web_url(value):
            bad = _URL_UNSAFE.search(value)
            if bad:
                err(name, f"{shown(value)} is not a web address as a page or the bibliography can hold it: "
                          f"a url holds no {bad.group(0)!r} (write it percent-encoded, like {quote(bad.group(0))!r})")
            err(name, f"{shown(value)} is not a web address: a url starts with https:// or http://")
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
        # a YAML key belongs to one row: name it (a CSV header names the column of every row)
        row = next((n for n, r in enumerate(rows, start=1) if extra[0] in r), None) if path.suffix != ".csv" else None
        key = rows[row - 1].get(table.key) if row and table.key else None
        raise DataError(table.file, row, extra[0], f"{'key' if row else 'column'} is not in the schema (data/README.md); "
                                                   f"valid: {', '.join(table.columns)}", key)
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
            _check_citation(table, typed, err, refs["_sources"])
            _check_lines(table, typed, err, refs["_sources"], refs["_passages"])
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


def _check_citation(table: Table, typed: dict, err, sources: dict[str, dict]) -> None:
    src = sources[typed["source"]]
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


def _check_lines(table: Table, typed: dict, err, sources: dict[str, dict], passages: dict[str, list]) -> None:
    """A line reference names lines that exist: from L1, within the file (when the sources are at
    hand), and within a passage of ``passages.csv`` (which travels with the data), so that the
    book can say where the passage stands in its publication."""
    place = typed[table.place_column]
    found = _PLACE_RE.match(str(place)) if place else None
    if not found:
        return
    first, last = int(found.group(1)), int(found.group(2) or found.group(1))
    if first < 1:
        err(table.place_column, f"{place!r}: lines are numbered from 1 (L1 is the first line)")
    file = sources[typed["source"]]["file"]
    path = SEEDS_DIR / str(file)
    if not blank(file) and path.is_file():
        count = _line_count(str(path))
        if last > count:
            err(table.place_column, f"{place!r} is past the end of {file} ({count} lines)")
    spans = passages.get(typed["source"])
    if spans is not None:
        low, high = min(a for a, _ in spans), max(b for _, b in spans)
        if last > high or first < low or not any(a <= last and b >= first for a, b in spans):
            end = f"; its passages run from L{low} to L{high}"
            err(table.place_column, f"{place!r}: {typed['source']!r} has no passage at these lines "
                                    f"(data/passages.csv){end}")


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


def _read_passages(data_dir: Path) -> dict[str, list[tuple[int, int]]]:
    """source -> [(first, last)] of ``passages.csv`` (empty when the file is absent)."""
    path = data_dir / "passages.csv"
    if not path.is_file():
        return {}
    spans: dict[str, list[tuple[int, int]]] = {}
    with io.StringIO(_read_text(path), newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), start=1):
            try:
                spans.setdefault(row["source"], []).append((int(row["first"]), int(row["last"])))
            except (KeyError, TypeError, ValueError):
                raise DataError("passages.csv", number, None, "needs a source and whole line numbers "
                                "first and last: run data/passages.py") from None
    return spans


@lru_cache(maxsize=None)
def _load_all(data_dir: str) -> dict[str, pd.DataFrame]:
    loaded: dict[str, pd.DataFrame] = {}
    refs: dict[str, Any] = {"_passages": _read_passages(Path(data_dir)),
                            "_loaded": loaded}  # checks across tables read the tables loaded before
    for name in _ORDER:
        frame = _validate(name, Path(data_dir), refs, loaded.get("sources"))
        loaded[name] = frame
        key = SCHEMAS[name].key
        if key:
            refs[name] = set(frame[key].astype(str))
        if name == "sources":
            refs["_sources"] = {r["id"]: {"kind": r["kind"], "file": r["file"]}
                                for r in frame[["id", "kind", "file"]].astype(object).to_dict("records")}
        if name == "questions":
            refs["_stances"] = dict(zip(frame["id"].astype(str), frame["stances"]))
        if name == "evidence":
            refs["_evidence_dates"] = dict(zip(frame["id"].astype(str), frame["date"].astype(str)))
    for check in CROSS_CHECKS:
        check(loaded, Path(data_dir))
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
    _name_index.cache_clear()
    _canonical_names.cache_clear()
    _line_count.cache_clear()
    loaded = _load_all(data_dir)
    for path in sorted((Path(data_dir) / "quizzes").glob("*.json")):
        questions = read_quiz(path)
        for number, q in enumerate(questions, start=1):
            if "computed" in q:
                _check_computed(f"quizzes/{path.name}", number, q, data_dir)
    return {name: len(frame) for name, frame in loaded.items()}


# ---------------------------------------------------------------------------
# Look-ups
# ---------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _name_index(table: str, data_dir: str) -> dict[str, int]:
    """name_key of every key, name and alias of a table -> its row (validation made them unique)."""
    frame = _load_all(data_dir)[table]
    index: dict[str, int] = {}
    for i, (k, name, aliases) in enumerate(zip(frame[SCHEMAS[table].key], frame["name"], frame["aliases"])):
        for value in [k, name, *(aliases or [])]:
            index.setdefault(name_key(value), i)
    return index


def _lookup(table: str, value: Any, fields: tuple[str, ...], what: str) -> pd.Series:
    data_dir = _dir_arg(None)
    frame = _load_all(data_dir)[table]
    expect_text(value, what, frame[fields[1]])
    found = _name_index(table, data_dir).get(name_key(value)) if len(value) <= 200 else None
    if found is not None:
        row = frame.iloc[found].copy()
        row["aliases"] = list(row["aliases"] or [])
        return row
    valid = [str(v) for f in fields if f != "aliases" for v in frame[f]]
    raise unknown(what, value, valid)


def canonical_name(text: str) -> str | None:
    """The name of the state or person ``text`` names (by key, name or alias, as :func:`state`
    and :func:`person` read it), or None: never raises, for the checker's many look-ups."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    return _canonical_names(_dir_arg(None)).get(name_key(text))


@lru_cache(maxsize=None)
def _canonical_names(data_dir: str) -> dict[str, str]:
    """name_key -> name, of every state's and person's key, name and alias (a state first)."""
    names: dict[str, str] = {}
    for table in ("states", "people"):
        frame = _load_all(data_dir)[table]
        for key, row in _name_index(table, data_dir).items():
            names.setdefault(key, str(frame["name"].iloc[row]))
    return names


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
            f"{shown(value)}: the year {year} is outside the years the book covers; "
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
        raise TypeError(f"expected a date or a year, got {shown(value)}")
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
                raise ValueError(f"{shown(value)} is not a real date (YYYY-MM-DD)") from None
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
            raise ValueError(f"{shown(value)} {what}: write the date as ISO YYYY-MM-DD, like {example.isoformat()!r}")
        raise ValueError(f"cannot read {shown(value)} as a date: write it as ISO YYYY-MM-DD (like '2008-08-28') or a year (like 2008)")
    if isinstance(value, np.datetime64):
        unit = np.datetime_data(value.dtype)[0]
        if not np.isnat(value) and unit == "Y":  # numpy.datetime64('2017') names a year, like 2017
            return _year_period(int(str(value)), value)
        if unit in ("M", "W"):
            raise ValueError(f"{shown(value)} names a {'month' if unit == 'M' else 'week'}, neither a day nor a year: "
                             "give an ISO date YYYY-MM-DD (like '2008-08-28') or a year (like 2008)")
        value = pd.Timestamp(value) if not np.isnat(value) else pd.NaT
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        if pd.isna(value):
            raise ValueError(f"{shown(value)} is not a date")
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_localize(None)  # the local date where the moment happened
        return _check_day(stamp.normalize(), value)
    if isinstance(value, dt.date):
        return _check_day(pd.Timestamp(value), value)
    raise TypeError(
        f"expected a date or a year, got {type(value).__name__} {shown(value)}: "
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


def last_date(data_dir: str | Path | None = None) -> pd.Timestamp:
    """The last day the data record anything on (a meeting, an event, a change of membership):
    the look-ups answer nothing about a later day as a fact."""
    loaded = _load_all(_dir_arg(data_dir))
    days = [loaded["meetings"]["end"].max(), loaded["events"]["date"].max(), loaded["events"]["end"].max(),
            loaded["membership"]["start"].max(), loaded["membership"]["end"].max()]
    return max(d for d in days if not pd.isna(d))


def _within_the_data(value: Any) -> tuple[pd.Timestamp, pd.Timestamp | None]:
    """The first day ``value`` names, refused when it is after the data's last date; and the
    date the answer is "as of" when ``value`` runs past that last date (else None)."""
    first, last = period(value)
    end = last_date()
    if first > end:
        raise ValueError(f"{shown(value)} is after the data's last recorded date, {end:%-d %B %Y}: the data say "
                         f"nothing about it; choose a date up to {end:%Y-%m-%d} (or a year up to {end.year})")
    return first, (end if last > end else None)


def members(on: Any, status: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The states and their status on a date, or at the end of a year (see :func:`period`).

    ``members("2008-08-28")``, ``members(2014)``; ``status`` keeps only some
    statuses (``"observer"`` or a list).  Columns: ``iso3``, ``name``, ``status``,
    ``since``.  Before the Shanghai Five met in 1996 the table is empty.
    """
    when = as_date(on, end_of_year=True)
    _, as_of = _within_the_data(on)
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
    result = result.sort_values(["status", "name"]).reset_index(drop=True)
    if as_of is not None:  # the end of the year asked for is after the data: the table is as of their last date
        result.attrs["as_of"] = as_of
    return result


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
        _within_the_data(until)
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
_QUESTION_KEYS = {"question", "type", "answers", "precision", "computed"}
_ANSWER_KEYS = {"multiple_choice": {"answer", "correct", "feedback"}, "many_choice": {"answer", "correct", "feedback"},
                "numeric": {"type", "value", "range", "correct", "feedback"}}
#: Markup in a quiz's text: the quiz would show it as HTML, so it is refused (and escaped when shown).
MARKUP_RE = re.compile(r"<\s*/?\s*[a-z!?]|&[a-z#][a-z0-9]*;|javascript:", re.I)
#: A Markdown link, as jupyterquiz finds it in a quiz's text (and turns into an <a href>).
QUIZ_LINK_RE = re.compile(r"\[(.*?)\]\((.*?)\)")
#: A script scheme, however spaced out by whitespace or control characters ("java<TAB>script:").
_SCRIPT_SCHEME_RE = re.compile(r"(?:java|vb|live)script:", re.I)


def quiz_link_url(target: str) -> str | None:
    """The address a quiz link may point to: a clean web address (see :func:`web_url`) written with
    no space around it; None for anything else."""
    return web_url(target) if target == target.strip() else None


def _js_round(value: float, precision: int) -> float:
    """``Number(value.toPrecision(precision))``: how jupyterquiz reads a number before comparing."""
    return float(f"{value:.{precision}g}")


def _accepts(answer: dict, number: float, precision: int) -> bool:
    """Whether jupyterquiz takes ``number`` (typed by a reader) as ``answer``."""
    typed = _js_round(number, precision)
    if "value" in answer:
        return typed == _js_round(answer["value"], precision)
    low, high = answer["range"]
    return low <= typed < high


def _needed_precision(value: float) -> int:
    """The fewest significant digits that keep ``value`` and, for a whole number, accept no other whole number."""
    for p in range(1, 18):
        if _js_round(value, p) == value and (not float(value).is_integer() or value == 0 or p >= len(str(abs(int(value))))):
            return p
    return 17


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
        found = _INVISIBLE_RE.search(value)
        bad = found.group(0) if found else None
        if bad is not None:
            err(column, f"{what} holds the control character U+{ord(bad):04X}: delete it")
        if MARKUP_RE.search(value):
            err(column, f"{what} holds markup ({MARKUP_RE.search(value).group(0)!r}…): quiz text is plain text, not HTML")
        compact = re.sub(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200d\ufeff]+", "", value)
        if _SCRIPT_SCHEME_RE.search(compact):
            err(column, f"{what} holds a script address ({_SCRIPT_SCHEME_RE.search(compact).group(0)!r}, "
                        "however spaced): quiz text is plain text")
        for link in QUIZ_LINK_RE.finditer(value):
            if quiz_link_url(link.group(2)) is None:
                err(column, f"{what} links to {shown(link.group(2))}: a quiz links only to a web address "
                            "(http:// or https:// and a host) with no quotes, spaces, braces or control characters; "
                            "write [text](https://…) or take the brackets away")

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
    if kind == "numeric":
        _check_numeric(q, err)
    if "computed" in q and (not isinstance(q["computed"], str) or not q["computed"].strip()):
        err("computed", "names the exercise (helpers/exercise_bank.py) whose answer the question asks for, "
                        f"like \"ch1-members-2024\"; got {shown(q['computed'])}")
    if kind in ("multiple_choice", "numeric") and correct != 1:
        err("correct", f"a {kind} question needs exactly one correct answer; {correct} are marked correct")
    if kind == "many_choice" and correct < 1:
        err("correct", "no answer is marked correct")


def _check_numeric(q: dict, err) -> None:
    """jupyterquiz rounds what a reader types to ``precision`` significant digits and compares it
    with each answer, in order: the precision must keep every value (and accept no other whole
    number for a whole one), and each value must be reached by its own answer, not by an earlier one."""
    precision, answers = q["precision"], q["answers"]
    for j, a in enumerate(answers, start=1):
        if "value" not in a:
            continue
        value, need = a["value"], _needed_precision(a["value"])
        if precision < need:
            typed = _js_round(value, precision)
            half = 0.5 * 10 ** (math.floor(math.log10(abs(typed))) - precision + 1) if typed else 0
            err("precision", f"answer {j}: with precision {precision}, the quiz accepts every number from "
                             f"{typed - half:g} to {typed + half:g} as {value:g} (jupyterquiz rounds to {precision} "
                             f"significant digits); give a precision of at least {need}")
    for j, a in enumerate(answers, start=1):
        if "value" not in a:
            continue
        first = next(k for k, b in enumerate(answers, start=1) if _accepts(b, a["value"], precision))
        if first != j and answers[first - 1]["correct"] != a["correct"]:
            err("correct", f"answer {j} ({a['value']:g}, {'right' if a['correct'] else 'wrong'}) is never reached: "
                           f"answer {first} comes before it and accepts {a['value']:g} as "
                           f"{'right' if answers[first - 1]['correct'] else 'wrong'}; reorder or narrow them")


@contextmanager
def reading(data_dir: str | Path):
    """Within the block, every look-up without a ``data_dir`` reads ``data_dir``."""
    _ACTIVE_DIRS.append(_dir_arg(data_dir))
    try:
        yield
    finally:
        _ACTIVE_DIRS.pop()


def _check_computed(file: str, number: int, q: dict, data_dir: str) -> None:
    """A question that asks for what the data say (``"computed": "<exercise id>"``) marks right
    exactly the answer the exercise computes from the data being checked."""
    from helpers import exercise_bank  # the answer key computes from the data; it imports this module

    eid = q["computed"]
    if eid not in exercise_bank.REGISTRY:
        raise DataError(file, number, "computed", f"{shown(eid)} is not an exercise of helpers/exercise_bank.py; "
                                                  f"closest: {_closest(eid, exercise_bank.REGISTRY)}")
    with reading(data_dir):
        expected = exercise_bank.REGISTRY[eid].expected()
    answers = q["answers"]
    if q["type"] == "numeric":
        if isinstance(expected, bool) or not isinstance(expected, (int, float, np.integer, np.floating)):
            raise DataError(file, number, "computed", f"exercise {eid!r} gives {shown(expected)}, not a number")
        first = next((j for j, a in enumerate(answers, start=1) if _accepts(a, float(expected), q["precision"])), None)
        if first is None or not answers[first - 1]["correct"]:
            what = f"answer {first} is marked wrong" if first else "no answer accepts it"
            raise DataError(file, number, "correct", f"the data give {expected:g} (exercise {eid!r}) but {what}")
        for j, a in enumerate(answers, start=1):
            if a["correct"] and not _accepts(a, float(expected), q["precision"]):
                raise DataError(file, number, "correct", f"answer {j} is marked right but the data give "
                                                         f"{expected:g} (exercise {eid!r})")
        return
    want = {name_key(x) for x in ([expected] if isinstance(expected, str) else list(expected))}
    for j, a in enumerate(answers, start=1):
        if a["correct"] != (name_key(a["answer"]) in want):
            raise DataError(file, number, "correct", f"answer {j} is marked {'right' if a['correct'] else 'wrong'} "
                                                     f"but the data give {shown(expected)} (exercise {eid!r})")


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
