"""The per-row and per-table rules the schemas name (:mod:`helpers.schema`).

Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from helpers.dates import partial_date_span
from helpers.errors import DataError, Err
from helpers.vocab import FORECAST_BEARINGS

if TYPE_CHECKING:
    from helpers.columns import Table


# Per-table rules, named in the schema below
def _end_not_before(start: str) -> Callable:
    def check(r: dict, err: Err, refs: dict[Any, Any]) -> None:
        if r["end"] is not None and r[start] is not None and r["end"] < r[start]:
            err("end", f"{r['end']} is before the start {r[start]}")

    return check


def _id_year(date_column: str) -> Callable:
    """An id that starts with a year (``2008-dushanbe``) names the year of the row's date."""

    def check(r: dict, err: Err, refs: dict[Any, Any]) -> None:
        m = re.match(r"^(\d{4})-", str(r.get("id") or ""))
        if m and r[date_column] is not None and int(m.group(1)) != r[date_column].year:
            err(
                date_column, f"{r[date_column]} is not in {m.group(1)}, the year of its id {r['id']!r}: correct the date, or the id (and every reference to it)"
            )

    return check


def _stance_of_question(r: dict, err: Err, refs: dict[Any, Any]) -> None:
    stances = refs["_stances"].get(r["question"], {})
    if r["stance"] not in stances:
        err("stance", f"{r['stance']!r} is not a stance of question {r['question']!r}: {', '.join(stances)}")


def forecast_grade(bears_out: Iterable[str], tells_against: Iterable[str], leaves_open: Iterable[str]) -> str | None:
    """Give the grade that the evidence rows a forecast cites imply (chapter 6; ``data/README.md``).

    Evidence on both sides makes a forecast ``partly`` right; otherwise an open test makes it
    ``too early to say``; otherwise evidence for it makes it ``right`` and evidence against it
    ``wrong``.

    Parameters
    ----------
    bears_out, tells_against, leaves_open : iterable of str
        The ids of the evidence rows the forecast cites as bearing it out, telling against
        it, and leaving its test open.

    Returns
    -------
    str or None
        The grade; None with no evidence at all.

    Examples
    --------
    >>> forecast_grade(["ev-1"], ["ev-2"], [])
    'partly'
    >>> forecast_grade([], [], []) is None
    True
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


def _grade_follows_evidence(r: dict, err: Err, refs: dict[Any, Any]) -> None:
    """A forecast's grade is the one its cited evidence implies, and every cited row came after it."""
    dates = refs["_evidence_dates"]
    made = r["made_by"]
    for column in FORECAST_BEARINGS:
        for item in r[column]:
            first, _ = partial_date_span(dates[item])
            if made is not None and first <= made:
                err(
                    column,
                    f"evidence {item!r} ({dates[item]}) is not dated after the forecast (made by {made}): "
                    "a forecast can only be graded by what happened after it",
                )
    implied = forecast_grade(r["bears_out"], r["tells_against"], r["leaves_open"])
    if implied is None:
        err("bears_out", "cites no evidence: name at least one row of evidence.csv in bears_out, tells_against or leaves_open")
    if r["grade"] != implied:
        err(
            "grade",
            f"is {r['grade']!r}, but the evidence it cites implies {implied!r} "
            "(both sides: partly; an open test: too early to say; only for: right; only against: wrong)",
        )


def _periods_do_not_overlap(frame: pd.DataFrame, table: Table, data_dir: Path) -> None:
    for state, periods in frame.groupby("state", sort=False):
        periods = periods.sort_values("start")
        ends = list(periods["end"])
        starts = list(periods["start"])
        for i in range(1, len(starts)):
            if ends[i - 1] is None or ends[i - 1] > starts[i]:
                row = int(periods.index[i]) + 1
                raise DataError(table.file, row, "start", f"{state}'s periods overlap: a state holds one status at a time")


def _unique(*columns: str) -> Callable:
    def check(frame: pd.DataFrame, table: Table, data_dir: Path) -> None:
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
            rings.setdefault(f["properties"]["iso3"], []).extend([(float(x), float(y)) for x, y, *_ in polygon[0]] for polygon in polygons)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise DataError("geo/states.geojson", None, None, f"cannot read the outlines: {exc}") from None
    return rings


def _every_state_has_an_outline(frame: pd.DataFrame, table: Table, data_dir: Path) -> None:
    outlines = _outlines(data_dir)
    for i, iso3 in enumerate(frame["iso3"], start=1):
        if iso3 not in outlines:
            raise DataError(table.file, i, "iso3", f"{iso3!r} has no outline in geo/states.geojson: run python -m tools.geo")


def _unknown_says_what_was_tried(r: dict, err: Err, refs: dict[Any, Any]) -> None:
    if r["vote"] == "unknown" and not r["note"]:
        err("note", "a vote recorded as unknown must say what was tried to find it")


def _statuses_on(membership: pd.DataFrame, day: Any) -> dict[str, str]:
    day = pd.Timestamp(day)
    on = membership[(membership["start"] <= day) & (membership["end"].isna() | (day < membership["end"]))]
    return dict(zip(on["state"].astype(str), on["status"].astype(str)))


def _every_state_of_the_day_votes(frame: pd.DataFrame, table: Table, data_dir: Path, refs: dict) -> None:
    """Check that a resolution's votes are one row per state and never outnumber the Assembly's count.

    The states of the day are those of :func:`_votes_follow_membership`.
    """
    _unique("resolution", "state")(frame, table, data_dir)
    resolutions = refs["_loaded"]["un_resolutions"].set_index("id")
    for resolution, rows in frame.groupby("resolution", sort=False):
        first = int(rows.index[0]) + 1
        for vote in ("yes", "no", "abstain"):
            n, total = int((rows["vote"] == vote).sum()), resolutions.loc[resolution, vote]
            if total is not None and not pd.isna(total) and n > int(total):
                raise DataError(table.file, first, "vote", f"resolution {resolution}: {n} rows say {vote!r} but the Assembly counted {int(total)}")


_every_state_of_the_day_votes.needs_refs = True  # type: ignore[attr-defined]


def _passage_fits_its_status(r: dict, err: Err, refs: dict[Any, Any]) -> None:
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
            err(
                "status",
                f"the theme can be recorded as absent only from a text read in full; "
                f"declaration_texts.csv says the {r['meeting']} text was {readings.get(r['meeting'], 'not listed')!r}",
            )
