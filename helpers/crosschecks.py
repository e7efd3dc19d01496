"""Checks across tables (``CROSS_CHECKS``): what passes must build a right page.

Also the origins of the sources and the scorecard's rules. Part of :mod:`helpers.data`
(import that).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers import lookups
from helpers.errors import DataError, _closest, expect_choice
from helpers.paths import _dir_arg
from helpers.rules import _outlines, _statuses_on
from helpers.schema import SCHEMAS
from helpers.text import blank, name_key
from helpers.vocab import CENTRAL_ASIA, ORIGIN_INTERNATIONAL, ORIGIN_UNKNOWN, OTHER_ORIGIN_STATES


def _votes_follow_membership(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """Check each vote row's status against the state's SCO status on the day of the vote.

    The status is the one of membership.csv, and each resolution has a row for every state
    with an SCO status that day. A cross-check, run after membership.csv's own (a wrong
    membership row is named there, not as a wrong vote).
    """
    votes, table = loaded["un_votes"], SCHEMAS["un_votes"]
    days = dict(zip(loaded["un_resolutions"]["id"].astype(str), loaded["un_resolutions"]["date"]))
    on_day: dict[Any, dict[str, str]] = {}
    for i, r in enumerate(votes[["resolution", "state", "status"]].astype(object).to_dict("records"), start=1):
        day = days[str(r["resolution"])]
        if day not in on_day:  # once per day of vote (setdefault would compute it for every row)
            on_day[day] = _statuses_on(loaded["membership"], day)
        statuses = on_day[day]
        if r["state"] not in statuses:
            raise DataError(table.file, i, "state", f"{r['state']} held no SCO status on {day:%Y-%m-%d} (membership.csv)")
        if statuses[r["state"]] != r["status"]:
            raise DataError(table.file, i, "status", f"{r['state']} was {statuses[r['state']]!r} on {day:%Y-%m-%d} (membership.csv), not {r['status']!r}")
    for resolution, rows in votes.groupby("resolution", sort=False):
        day = days[str(resolution)]
        missing = set(on_day.get(day) or _statuses_on(loaded["membership"], day)) - set(rows["state"])
        if missing:
            raise DataError(
                table.file,
                int(rows.index[0]) + 1,
                "state",
                f"resolution {resolution}: no row for {', '.join(sorted(missing))}, which held an SCO "
                "status that day (a vote that was not found is recorded as 'unknown')",
            )


def _state_names(data_dir: Path) -> dict[str, str]:
    """{name: iso3} of ``states.csv`` (validated)."""
    states = lookups.load("states", data_dir)
    return dict(zip(states["name"].astype(str), states["iso3"].astype(str)))


def origin_vocabulary(data_dir: str | Path | None = None) -> tuple[str, ...]:
    """List every value ``sources.origin`` may take.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        Another data folder to read; by default the book's.

    Returns
    -------
    tuple of str
        The states of ``states.csv`` by their names, the other states of
        :data:`OTHER_ORIGIN_STATES`, then ``international`` and ``unknown``.

    Examples
    --------
    >>> vocabulary = origin_vocabulary()
    >>> "Russia" in vocabulary, vocabulary[-2:]
    (True, ('international', 'unknown'))
    """
    names = _state_names(Path(_dir_arg(data_dir)))
    return tuple(names) + tuple(n for n in OTHER_ORIGIN_STATES if n not in names) + (ORIGIN_INTERNATIONAL, ORIGIN_UNKNOWN)


def _origins_in_vocabulary(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """Check that ``sources.origin`` names a known state, ``international`` or ``unknown``.

    A state of ``states.csv`` (validated before this cross-check runs) or another known state.
    """
    names = dict(zip(loaded["states"]["name"].astype(str), loaded["states"]["iso3"].astype(str)))
    valid = tuple(names) + tuple(n for n in OTHER_ORIGIN_STATES if n not in names) + (ORIGIN_INTERNATIONAL, ORIGIN_UNKNOWN)
    frame, table = loaded["sources"], SCHEMAS["sources"]
    for i, origin in enumerate(frame["origin"], start=1):
        if origin not in valid:
            raise DataError(
                table.file,
                i,
                "origin",
                f"{origin!r} is not a state name of states.csv, another known state, 'international' or 'unknown'; closest: {_closest(origin, valid)}",
                frame["id"].iloc[i - 1],
            )


def origin_region(origin: str) -> str:
    """Give the region a source speaks from.

    Parameters
    ----------
    origin : str
        A source's origin (one of :func:`origin_vocabulary`).

    Returns
    -------
    str
        ``Russia``, ``China``, ``Central Asia`` (Kazakhstan, Kyrgyzstan, Tajikistan,
        Turkmenistan, Uzbekistan) or ``other`` (every other state, ``international`` and
        ``unknown``).

    Raises
    ------
    TypeError, ValueError
        If ``origin`` is not a value of :func:`origin_vocabulary`.

    Examples
    --------
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


# ---------------------------------------------------------------------------
# Checks across rows and tables: what passes must build a right page
# ---------------------------------------------------------------------------
#: How far (km) a point may lie outside its state's outline: the outlines are simplified
#: (tools/geo.py), and a coastal capital can fall just outside a smoothed coast.
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
    """The state whose outline holds a point, or None."""
    return next((iso for iso, rings in outlines.items() if any(_inside(lon, lat, r) for r in rings)), None)


def _points_in_their_states(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """Check that a place (and a state's capital) lies in its state's outline.

    Swapped or mistyped coordinates would put a marker in the Arctic.
    """
    outlines = _outlines(data_dir)
    names = dict(zip(loaded["states"]["iso3"].astype(str), loaded["states"]["name"].astype(str)))
    for table, state_column, label in (("states", "iso3", "capital"), ("places", "state", "name")):
        frame = loaded[table]
        key = SCHEMAS[table].key
        for number, (lat, lon, iso, what, k) in enumerate(
            zip(frame["lat"], frame["lon"], frame[state_column].astype(str), frame[label].astype(str), frame[key].astype(str)), start=1
        ):
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
            raise DataError(
                SCHEMAS[table].file,
                number,
                "lat",
                f"{what} at lat {lat}, lon {lon} lies {far:.0f} km outside the outline of {names.get(iso, iso)} ({iso}): {where}{swapped}",
                k,
            )


def _hosts_are_their_cities_states(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """Check that a meeting's host state is the state of its city."""
    state_of = dict(zip(loaded["places"]["id"].astype(str), loaded["places"]["state"].astype(str)))
    names = dict(zip(loaded["states"]["iso3"].astype(str), loaded["states"]["name"].astype(str)))
    meetings = loaded["meetings"]
    for number, (mid, city, host) in enumerate(zip(meetings["id"].astype(str), meetings["city"].astype(str), meetings["host"].astype(str)), start=1):
        if state_of[city] != host:
            raise DataError(
                SCHEMAS["meetings"].file,
                number,
                "host",
                f"{host!r} is not the state of the city: {city!r} lies in {names[state_of[city]]} ({state_of[city]}), according to places.csv",
                mid,
            )


def _memberships_follow_their_meetings(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """Check that a change of membership decided at a meeting starts on or after that meeting."""
    starts = dict(zip(loaded["meetings"]["id"].astype(str), loaded["meetings"]["start"]))
    frame = loaded["membership"]
    for number, (state, start, meeting) in enumerate(zip(frame["state"], frame["start"], frame["meeting"]), start=1):
        if blank(meeting):
            continue
        decided = starts[str(meeting)]
        if start < decided:
            raise DataError(
                SCHEMAS["membership"].file,
                number,
                "start",
                f"{start:%Y-%m-%d} is before the meeting that decided it ({meeting}, {decided:%Y-%m-%d}): a status starts on or after its decision",
            )


def _names_name_one_row(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """Check that every key, name and alias of a state or a person names that row only.

    A look-up (``data.state``, the checker) then finds one row for it, never the first of two.
    """
    for table, fields in (("states", ("iso3", "name")), ("people", ("id", "name"))):
        file, frame = SCHEMAS[table].file, loaded[table]
        names = list(frame["name"].astype(str))
        keys = list(frame[SCHEMAS[table].key].astype(str))
        owner: dict[str, int] = {}

        def clash(number: int, column: str, value: str, other: int, _t: str = table, _f: str = file, names: list = names, keys: list = keys) -> DataError:
            what = "state" if _t == "states" else "person"
            return DataError(
                _f, number, column, f"{value!r} also names row {other} ({names[other - 1]}): a name or alias names one {what} only", keys[number - 1]
            )

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
    """Check the scorecard's rules across rows.

    Every school has a cell at every event, and the rows of one cell agree on its verdict,
    expectation and observation.

    Parameters
    ----------
    card : pandas.DataFrame
        The scorecard (``scorecard.csv``).
    schools : pandas.DataFrame
        The schools of thought (``schools.csv``).
    meetings : pandas.DataFrame
        The meetings (``meetings.csv``), which date the events.

    Raises
    ------
    DataError
        If a rule is broken: it names the row and the column.

    Examples
    --------
    >>> from helpers.lookups import load
    >>> check_scorecard(load("scorecard"), load("schools"), load("meetings"))
    """
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
                raise DataError(
                    file, number, column, f"differs from the first row of cell {cell[0]} × {cell[1]} (row {first[cell][0]}): a cell has one {column}"
                )


def _scorecard_rules(loaded: dict[str, pd.DataFrame], data_dir: Path) -> None:
    """The scorecard's rules (:func:`check_scorecard`), as a cross-check."""
    check_scorecard(loaded["scorecard"], loaded["schools"], loaded["meetings"])


#: Checks of the loaded tables together: fn(loaded, data_dir), raising a DataError that names
#: the file, the row and the column.  A new table adds its own here.
CROSS_CHECKS: tuple[Callable, ...] = (
    _names_name_one_row,
    _points_in_their_states,
    _hosts_are_their_cities_states,
    _memberships_follow_their_meetings,
    _votes_follow_membership,
    _scorecard_rules,
    _origins_in_vocabulary,
)
