"""The questions the chapters ask of the data, answered as tables.

Who was a member on a day (:func:`members`), the meetings and their cities
(:func:`cities`, :func:`meetings_table`), and the worries the sources attribute to the
states (:func:`fears_table`). Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from helpers import citations, lookups
from helpers.dates import as_date
from helpers.errors import expect_choice
from helpers.vocab import LEVELS, STATUSES


def members(on: Any, status: str | Iterable[str] | None = None) -> pd.DataFrame:
    """List the states and their status on a date, or at the end of a year (see :func:`period`).

    Before the Shanghai Five met in 1996 the table is empty. For a year that ends after the
    data's last date, the table is as of that date (``attrs["as_of"]``).

    Parameters
    ----------
    on : int or str or datetime.date or pandas.Timestamp
        The day (``"2008-08-28"``), or a year (``2014``) for its last day.
    status : str or list of str, optional
        Keep only these statuses (``"observer"`` or a list of them).

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3``, ``name``, ``status`` and ``since``, by status then name.

    Raises
    ------
    TypeError
        If ``status`` is neither a status nor a list of them, or ``on`` is not a date or a year.
    ValueError
        If a status is unknown, or the date is after the data's last date.

    Examples
    --------
    >>> list(members("2008-08-28").columns)
    ['iso3', 'name', 'status', 'since']
    >>> len(members(1995))
    0
    """
    when = as_date(on, end_of_year=True)
    _, as_of = lookups._within_the_data(on)
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
    frame = lookups.load("membership")
    current = frame[(frame["start"] <= when) & (frame["end"].isna() | (when < frame["end"]))]
    if wanted is not None:
        current = current[current["status"].isin(wanted)]
    names = lookups.load("states").set_index("iso3")["name"]
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
    """Join the places to the meetings they hosted.

    Returns
    -------
    pandas.DataFrame
        One row per meeting, with its city's ``city_name``, ``lat`` and ``lon``.

    Examples
    --------
    >>> cities().set_index("id").loc["2008-dushanbe", "city_name"]
    'Dushanbe'
    """
    places = lookups.load("places").set_index("id")
    meets = lookups.load("meetings")
    meets["city_name"] = meets["city"].map(places["name"])
    meets["lat"] = meets["city"].map(places["lat"])
    meets["lon"] = meets["city"].map(places["lon"])
    return meets


# ---------------------------------------------------------------------------
# Tables a reader sees (the maps draw them too)
# ---------------------------------------------------------------------------
def meetings_table(until: Any = None, level: str = "heads of state") -> pd.DataFrame:
    """List the meetings held until a date, of one level.

    Parameters
    ----------
    until : int or str or datetime.date or pandas.Timestamp, optional
        The last day (or the end of a year); by default every meeting.
    level : str, optional
        One level of meeting (``"heads of state"``) or ``"all"``.

    Returns
    -------
    pandas.DataFrame
        One row per meeting, oldest first, with its city's name and position.

    Raises
    ------
    TypeError, ValueError
        If ``level`` is not a level or ``"all"``, or ``until`` is not a date within the data.

    Examples
    --------
    >>> list(meetings_table(1998)["city_name"])
    ['Shanghai', 'Moscow', 'Almaty']
    """
    expect_choice(level, "level", list(LEVELS) + ["all"])
    meets = cities()
    if level != "all":
        meets = meets[meets["level"] == level]
    if until is not None:
        lookups._within_the_data(until)
        meets = meets[meets["start"] <= as_date(until, end_of_year=True)]
    out = meets[["id", "start", "name", "city_name", "level", "documents", "source", "place", "lat", "lon", "city"]]
    return out.sort_values("start").reset_index(drop=True)


def fears_table() -> pd.DataFrame:
    """Give the separatist and territorial worries the sources attribute to member states.

    Returns
    -------
    pandas.DataFrame
        With names and citations: ``region``, ``feared by``, ``worry``, ``raised by``,
        ``source`` (and the ids ``place_id``, ``iso3``).

    Examples
    --------
    >>> list(fears_table().columns[:3])
    ['region', 'feared by', 'worry']
    """
    fears = lookups.load("fears")
    places = lookups.load("places").set_index("id")
    states = lookups.load("states").set_index("iso3")
    people = lookups.load("people").set_index("id")
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
