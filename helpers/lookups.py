""":func:`load` and the look-ups of the tables: states, people and meetings by any spelling.

Also the last day the data speak of (:func:`last_date`). The tables the chapters show are
in :mod:`helpers.queries`. Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.dates import period
from helpers.errors import expect_choice, expect_text, shown, unknown
from helpers.paths import _dir_arg
from helpers.schema import _ORDER, SCHEMAS
from helpers.text import name_key
from helpers.validation import _load_all


def tables() -> list[str]:
    """Name the tables, in the order they are validated.

    Returns
    -------
    list of str
        The tables' names, as :func:`load` takes them.

    Examples
    --------
    >>> "states" in tables()
    True
    """
    return list(_ORDER)


def load(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load a table of ``data/`` as a validated DataFrame (a copy: change it freely).

    Dates are ``datetime64``, vocabularies are categories, lists are Python lists. All tables
    are validated together on the first call (references between tables are checked too) and
    cached after.

    Parameters
    ----------
    name : str
        The table's name (:func:`tables`), such as ``"states"``.
    data_dir : str or pathlib.Path, optional
        Another data folder to read; by default the book's.

    Returns
    -------
    pandas.DataFrame
        The table.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If there is no such table (the message names the closest).
    DataError
        If a value of the data breaks its schema.

    Examples
    --------
    >>> load("states").loc[0, "iso3"]
    'CHN'
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
    """Give name_key of every key, name and alias of a table -> its row (validation made them unique)."""
    frame = _load_all(data_dir)[table]
    index: dict[str, int] = {}
    for i, (k, name, aliases) in enumerate(zip(frame[SCHEMAS[table].key], frame["name"], frame["aliases"])):
        for value in [k, name, *(aliases or [])]:
            index.setdefault(name_key(value), i)
    return index


def _lookup(table: str, value: Any, fields: tuple[str, ...], what: str) -> pd.Series:
    """The row of ``table`` whose key, name or alias is ``value`` (as :func:`name_key` reads it)."""
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
    """Give the name of the state or person a text names, or None: it never raises.

    It reads the text as :func:`state` and :func:`person` do (by key, name or alias); the
    checker calls it for every name of every answer.

    Parameters
    ----------
    text : str
        A name, key or alias (any other value gives None).

    Returns
    -------
    str or None
        The state's or person's name; None when the text names neither.

    Examples
    --------
    >>> canonical_name("PRC"), canonical_name("Kazakstan"), canonical_name("Atlantis")
    ('China', 'Kazakhstan', None)
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    return _canonical_names(_dir_arg(None)).get(name_key(text))


@cache
def _canonical_names(data_dir: str) -> dict[str, str]:
    """Give name_key -> name, of every state's and person's key, name and alias (a state first)."""
    names: dict[str, str] = {}
    for table in ("states", "people"):
        frame = _load_all(data_dir)[table]
        for key, row in _name_index(table, data_dir).items():
            names.setdefault(key, str(frame["name"].iloc[row]))
    return names


def state(name: str) -> pd.Series:
    """Look up a state, by any spelling: name, ISO code or alias, in any case, with or without accents.

    Parameters
    ----------
    name : str
        The state's name, ISO code or alias.

    Returns
    -------
    pandas.Series
        Its row of ``states.csv``.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If no state goes by that name (the message names the closest).

    Examples
    --------
    >>> state("kaz")["name"]
    'Kazakhstan'
    """
    return _lookup("states", name, ("iso3", "name", "aliases"), "state")


def person(name: str) -> pd.Series:
    """Look up a person, by any spelling: id, name or alias, in any case, with or without accents.

    Parameters
    ----------
    name : str
        The person's id, name or alias.

    Returns
    -------
    pandas.Series
        Their row of ``people.csv``.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If no person goes by that name (the message names the closest).

    Examples
    --------
    >>> person("putin")["name"]
    'Vladimir Putin'
    """
    return _lookup("people", name, ("id", "name", "aliases"), "person")


def meeting(meeting_id: str) -> pd.Series:
    """Look up a meeting by its id.

    Parameters
    ----------
    meeting_id : str
        The meeting's id (``"2008-dushanbe"``).

    Returns
    -------
    pandas.Series
        Its row of ``meetings.csv``.

    Raises
    ------
    TypeError
        If ``meeting_id`` is not a string.
    ValueError
        If there is no such meeting (the message names the closest).

    Examples
    --------
    >>> meeting("2008-dushanbe")["start"]
    Timestamp('2008-08-28 00:00:00')
    """
    frame = load("meetings")
    expect_text(meeting_id, "meeting", frame["id"])
    hit = frame[frame["id"] == meeting_id.strip().lower()]
    if hit.empty:
        raise unknown("meeting", meeting_id, frame["id"])
    return hit.iloc[0]


def meeting_dates(m: pd.Series, short: bool = False) -> str:
    """Write the dates of a meeting as a reader reads them.

    Parameters
    ----------
    m : pandas.Series
        A meeting (:func:`meeting`).
    short : bool, optional
        Abbreviate the month ("Aug").

    Returns
    -------
    str
        '28 August 2008', or '11–12 September 2014' for a meeting of several days.

    Raises
    ------
    TypeError
        If ``m`` is not a meeting.

    Examples
    --------
    >>> meeting_dates(meeting("1999-bishkek")), meeting_dates(meeting("2008-dushanbe"), short=True)
    ('24–26 August 1999', '28 Aug 2008')
    """
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
# The last day the data speak of
# ---------------------------------------------------------------------------
def last_date(data_dir: str | Path | None = None) -> pd.Timestamp:
    """Give the last day the data record anything on (a meeting, an event, a change of membership).

    The look-ups answer nothing about a later day as a fact.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        Another data folder to read; by default the book's.

    Returns
    -------
    pandas.Timestamp
        The day.

    Examples
    --------
    >>> last_date() >= meeting("2008-dushanbe")["start"]
    True
    """
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
    """The first day ``value`` names, refused when it is after the data's last date.

    Also the date the answer is "as of" when ``value`` runs past that last date (else None).
    """
    first, last = period(value)
    end = last_date()
    if first > end:
        raise ValueError(
            f"{shown(value)} is after the data's last recorded date, {end:%-d %B %Y}: the data say "
            f"nothing about it; choose a date up to {end:%Y-%m-%d} (or a year up to {end.year})"
        )
    return first, (end if last > end else None)
