"""The facts the maps show, as tables: each map's text alternative, and the stages of membership.

Part of :mod:`helpers.maps` (a chapter imports that): :func:`membership_table` and
:func:`conflict_table` are the tables beside :func:`~helpers.maps.membership_map` and
:func:`~helpers.maps.conflict_map`; the meetings and fears maps show
:func:`helpers.data.meetings_table` and :func:`helpers.data.fears_table`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from helpers import data, lookups

#: The statuses drawn by default; dialogue partners only when asked for.
MAP_STATUSES = ("founding member", "member", "observer")

#: The conflicts :func:`conflict_map` draws: (event kind, the SCO summit that followed, title).
CONFLICTS = {
    "georgia-2008": ("georgia 2008", "2008-dushanbe", "The Russia–Georgia war of August 2008"),
    "ukraine-2014": ("ukraine 2014", "2014-dushanbe", "The Ukraine crisis of 2014"),
}


# ---------------------------------------------------------------------------
# Membership
# ---------------------------------------------------------------------------
def stages() -> list[pd.Timestamp]:
    """The dates on which membership changed: the stages of the organisation's growth.

    Returns
    -------
    list of pandas.Timestamp
        The dates, oldest first.

    Examples
    --------
    >>> [f"{when:%Y-%m-%d}" for when in stages()[:2]]
    ['1996-04-26', '2001-06-15']
    """
    frame = data.load("membership")
    return sorted(set(frame["start"]) | set(frame["end"].dropna()))


def membership_table(year: Any = None, partners: bool = False) -> pd.DataFrame:
    """The text alternative of :func:`membership_map`: each stage, each state and its status.

    Parameters
    ----------
    year : int, str or date, optional
        One stage: the end of that year (or that day, for a date); by default every stage.
    partners : bool, optional
        Include the dialogue partners.

    Returns
    -------
    pandas.DataFrame
        Columns ``stage``, ``state``, ``status``, ``since``.

    Raises
    ------
    TypeError
        If ``partners`` is not True or False.

    Examples
    --------
    >>> membership_table(2001)[["stage", "state", "status"]].iloc[0].tolist()
    ['2001', 'China', 'founding member']
    """
    if not isinstance(partners, (bool, np.bool_)):
        raise TypeError(f"partners must be True or False, got {type(partners).__name__} {data.shown(partners)}")
    statuses = list(MAP_STATUSES) + (["dialogue partner"] if partners else [])
    rows = []
    for label, when in _stage_dates(year):
        for r in data.members(when, status=statuses).itertuples():
            rows.append({"stage": label, "state": r.name, "status": r.status, "since": r.since.date()})
    return pd.DataFrame(rows)


def _stage_dates(year: Any) -> list[tuple[str, pd.Timestamp]]:
    """The stages a map shows: the end of ``year`` (or the day, for a date), else every change."""
    if year is not None:
        lookups._within_the_data(year)  # no map of a year the data do not reach
        when = data.as_date(year, end_of_year=True)
        return [(str(when.year) if data.is_year(year) else f"{when:%Y-%m-%d}", when)]
    # a stage is named by its year, or by its day when the year holds two changes (each stage its own label)
    dates = [when for when in stages() if when <= pd.Timestamp.today()]
    years = Counter(when.year for when in dates)
    return [(str(when.year) if years[when.year] == 1 else f"{when:%Y-%m-%d}", when) for when in dates]


def _wide(table: pd.DataFrame) -> pd.DataFrame:
    """One row per state, one column per stage: the status then ('' when none)."""
    if table.empty:
        return table
    wide = table.pivot(index="state", columns="stage", values="status").fillna("")
    wide = wide[list(dict.fromkeys(table["stage"]))]
    first = table.groupby("state")["since"].min()
    return wide.loc[first.sort_values().index].reset_index().rename_axis(columns=None)


# ---------------------------------------------------------------------------
# Conflicts
# ---------------------------------------------------------------------------
def conflict_table(which: str) -> pd.DataFrame:
    """The text alternative of :func:`conflict_map`: each place of the conflict with its dated events.

    Parameters
    ----------
    which : str
        One of :data:`CONFLICTS`: ``"georgia-2008"`` or ``"ukraine-2014"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``place``, ``event``, ``source``, ``place_id``, oldest first.

    Raises
    ------
    ValueError
        If ``which`` is not a conflict of :data:`CONFLICTS`.

    Examples
    --------
    >>> conflict_table("georgia-2008")[["place", "source"]].iloc[0].tolist()
    ['Tskhinvali', 'Olimova (2008), para. 7']
    """
    data.expect_choice(which, "conflict", CONFLICTS)
    kind, summit, _ = CONFLICTS[which]
    events = data.load("events")
    events = events[events["kind"] == kind].sort_values("date")
    places = data.load("places").set_index("id")
    rows = []
    for e in events.itertuples():
        for pid in e.places:
            rows.append(
                {"date": e.date.date(), "place": places.loc[pid, "name"], "event": e.title, "source": data.cite_text(e.source, e.place), "place_id": pid}
            )
    return pd.DataFrame(rows, columns=["date", "place", "event", "source", "place_id"])
