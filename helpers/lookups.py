""":func:`load` and the look-ups of the tables: states, people, meetings, members on a day, the
tables the chapters show.

Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers import citations
from helpers.dates import as_date, period
from helpers.paths import _dir_arg
from helpers.schema import _ORDER, SCHEMAS
from helpers.text import expect_choice, expect_text, name_key, shown, unknown
from helpers.validation import _load_all
from helpers.vocab import LEVELS, STATUSES


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


# ---------------------------------------------------------------------------
# Look-ups
# ---------------------------------------------------------------------------
@cache
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


@cache
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


def last_date(data_dir: str | Path | None = None) -> pd.Timestamp:
    """The last day the data record anything on (a meeting, an event, a change of membership):
    the look-ups answer nothing about a later day as a fact."""
    loaded = _load_all(_dir_arg(data_dir))
    days = [
        loaded["meetings"]["end"].max(),
        loaded["events"]["date"].max(),
        loaded["events"]["end"].max(),
        loaded["membership"]["start"].max(),
        loaded["membership"]["end"].max(),
    ]
    return max(d for d in days if not pd.isna(d))


def _within_the_data(value: Any) -> tuple[pd.Timestamp, pd.Timestamp | None]:
    """The first day ``value`` names, refused when it is after the data's last date; and the
    date the answer is "as of" when ``value`` runs past that last date (else None)."""
    first, last = period(value)
    end = last_date()
    if first > end:
        raise ValueError(
            f"{shown(value)} is after the data's last recorded date, {end:%-d %B %Y}: the data say "
            f"nothing about it; choose a date up to {end:%Y-%m-%d} (or a year up to {end.year})"
        )
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
            raise TypeError(f"status must be a status or a list of them, got {type(status).__name__} {status!r}; valid: {', '.join(map(repr, STATUSES))}")
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
    return pd.DataFrame(
        {
            "region": fears["place"].map(places["name"]),
            "feared by": fears["state"].map(states["name"]),
            "worry": fears["claim"],
            "raised by": fears["raised_by"].map(people["name"]),
            "source": [citations.cite_text(s, w) for s, w in zip(fears["source"], fears["where"])],
            "place_id": fears["place"],
            "iso3": fears["state"],
        }
    )
