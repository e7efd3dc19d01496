"""Chapter 5's scorecard as tables: each reading ("school") of the SCO tested against the record of a summit.

The data are two tables (``data/README.md``): ``schools`` (one row per reading: its
claim, who holds it, what it rests on) and ``scorecard`` (one row per piece of evidence
that bears on one school at one summit, with the kind of evidence it is; the cell's
``verdict``, ``expected`` and ``observed`` are repeated on each row of the cell).

The widget that shows them is :func:`helpers.scorecard.scorecard`; chapters reach these
tables through :mod:`helpers.scorecard` too (``scorecard.summary()``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from helpers import data

#: The verdicts, from best fit to none (the vocabulary of ``scorecard.verdict``).
VERDICTS: tuple[str, ...] = data.SCHEMAS["scorecard"].columns["verdict"].vocab
#: The kinds of evidence (the vocabulary of ``scorecard.kind``).
EVIDENCE_KINDS: tuple[str, ...] = data.SCHEMAS["scorecard"].columns["kind"].vocab
#: The verdicts that count as support for a school in :func:`summary`.
SUPPORT = ("fits", "partly fits")


# ---------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------
def _card(card: pd.DataFrame | None) -> pd.DataFrame:
    return data.load("scorecard") if card is None else card


def _schools(schools: pd.DataFrame | None) -> pd.DataFrame:
    return data.load("schools") if schools is None else schools


def school_ids(schools: pd.DataFrame | None = None) -> list[str]:
    """The schools' ids, in the order of ``data/schools.yaml``.

    Parameters
    ----------
    schools : pandas.DataFrame, optional
        A schools table; by default ``data/schools.yaml``.

    Returns
    -------
    list of str
        The ids.

    Examples
    --------
    >>> school_ids()[:2]
    ['anti-western-bloc', 'china-vehicle']
    """
    return [str(s) for s in _schools(schools)["id"]]


def events(card: pd.DataFrame | None = None) -> list[str]:
    """The meetings the scorecard tests the schools against, oldest first.

    Parameters
    ----------
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.

    Returns
    -------
    list of str
        The meetings' ids.

    Examples
    --------
    >>> "2008-dushanbe" in events()
    True
    """
    starts = data.load("meetings").set_index("id")["start"]
    found = list(dict.fromkeys(str(e) for e in _card(card)["event"]))
    return sorted(found, key=lambda m: starts[m])


_event_ids = events  # for functions whose argument is called ``events``


def event_label(event: str) -> str:
    """How a summit is named in the scorecard: its city and year.

    Parameters
    ----------
    event : str
        A meeting's id.

    Returns
    -------
    str
        The label.

    Examples
    --------
    >>> event_label("2008-dushanbe")
    'Dushanbe 2008'
    """
    m = data.meeting(event)
    city = data.load("places").set_index("id").loc[m["city"], "name"]
    return f"{city} {m['start'].year}"


def _choose(value: Any, what: str, valid: list[str]) -> str:
    """``value`` if it is one of ``valid``; else a ValueError (TypeError for a non-string) naming every valid choice."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, got {type(value).__name__} {data.shown(value)}; valid: {', '.join(valid)}")
    if value not in valid:
        raise ValueError(f"unknown {what} {data.shown(value)}; valid {what}s: {', '.join(valid)}")
    return value


def check_school(school: Any, schools: pd.DataFrame | None = None) -> str:
    """``school`` if it is a school's id, else an error naming every valid id.

    Parameters
    ----------
    school : str
        The id to check.
    schools : pandas.DataFrame, optional
        A schools table; by default ``data/schools.yaml``.

    Returns
    -------
    str
        ``school``.

    Raises
    ------
    TypeError
        If ``school`` is not a string.
    ValueError
        If it is no school's id.

    Examples
    --------
    >>> check_school("talking-shop")
    'talking-shop'
    """
    return _choose(school, "school", school_ids(schools))


def check_event(event: Any, card: pd.DataFrame | None = None) -> str:
    """``event`` if the scorecard tests the schools against it, else an error naming every valid one.

    Parameters
    ----------
    event : str
        A meeting's id.
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.

    Returns
    -------
    str
        ``event``.

    Raises
    ------
    TypeError
        If ``event`` is not a string.
    ValueError
        If the scorecard has no cell at that meeting.

    Examples
    --------
    >>> check_event("2014-dushanbe")
    '2014-dushanbe'
    """
    return _choose(event, "event", events(card))


def validate(card: pd.DataFrame | None = None, schools: pd.DataFrame | None = None) -> None:
    """Check the rules across rows that ``helpers.data`` cannot check row by row.

    Every school has a cell at every event, and the rows of one cell agree on its verdict,
    expectation and observation. ``data.validate_all()`` runs them on the data
    (:func:`helpers.data.check_scorecard`); this runs them on any card and schools.

    Parameters
    ----------
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.
    schools : pandas.DataFrame, optional
        A schools table; by default ``data/schools.yaml``.

    Raises
    ------
    helpers.data.DataError
        Naming the file, row and column of the first broken rule.

    Examples
    --------
    >>> validate()
    """
    data.check_scorecard(_card(card), _schools(schools), data.load("meetings"))


def cells(card: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per cell (school × event): verdict, expected, observed, and how many pieces of evidence.

    Parameters
    ----------
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``school``, ``event``, ``verdict``, ``expected``, ``observed``, ``evidence``.

    Examples
    --------
    >>> cells()[["school", "event", "verdict"]].iloc[0].tolist()
    ['anti-western-bloc', '2005-astana', 'partly fits']
    """
    card = _card(card)
    out = card.groupby(["school", "event"], sort=False).agg(
        verdict=("verdict", "first"), expected=("expected", "first"), observed=("observed", "first"), evidence=("excerpt", "size")
    )
    return out.reset_index()


def evidence(school: str, event: str, card: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence of one cell, for readers: kind, what it shows, the exact words, and the citation.

    Parameters
    ----------
    school : str
        A school's id.
    event : str
        A meeting's id (one of :func:`events`).
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``kind``, ``evidence``, ``excerpt``, ``cited``.

    Examples
    --------
    >>> evidence("anti-western-bloc", "2008-dushanbe").shape
    (4, 4)
    """
    card = _card(card)
    check_school(school)
    check_event(event, card)
    rows = card[(card["school"] == school) & (card["event"] == event)]
    return data.cited(rows)[["kind", "evidence", "excerpt", "cited"]].reset_index(drop=True)


def grid(card: pd.DataFrame | None = None, schools: pd.DataFrame | None = None) -> pd.DataFrame:
    """The verdicts as a grid: one row per school (its name), one column per event.

    Parameters
    ----------
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.
    schools : pandas.DataFrame, optional
        A schools table; by default ``data/schools.yaml``.

    Returns
    -------
    pandas.DataFrame
        The verdicts, indexed by the reading of the SCO.

    Examples
    --------
    >>> list(grid().columns)
    ['Astana 2005', 'Dushanbe 2008', 'Dushanbe 2014']
    """
    table = cells(card).pivot(index="school", columns="event", values="verdict")
    sch = _schools(schools).set_index("id")
    ids = school_ids(schools)
    table = table.reindex(index=ids, columns=events(card))
    table.index = [str(sch.loc[i, "name"]) for i in ids]
    table.index.name = "reading of the SCO"
    table.columns = [event_label(e) for e in table.columns]
    return table.astype(str)


def summary(events: Iterable[str] | None = None, card: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each school fares: per school, the number of cells with each verdict, and ``support``.

    ``support`` is the number of cells whose verdict is "fits" or "partly fits".

    Parameters
    ----------
    events : iterable of str, optional
        Count only these meetings (``("2008-dushanbe", "2014-dushanbe")``); by default all.
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per school, sorted by support (most first), then by id.

    Examples
    --------
    >>> s = summary()
    >>> s.loc[0, "school"], int(s.loc[0, "support"])
    ('anti-western-bloc', 3)
    """
    card = _card(card)
    valid = _event_ids(card)
    chosen = valid if events is None else [check_event(e, card) for e in (list(events) if not isinstance(events, str) else [events])]
    one = cells(card)
    one = one[one["event"].isin(chosen)]
    counts = pd.crosstab(one["school"].astype(str), pd.Categorical(one["verdict"].astype(str), categories=VERDICTS), dropna=False)
    counts = counts.reindex(columns=list(VERDICTS), fill_value=0)
    counts.columns = list(VERDICTS)
    counts["support"] = counts[list(SUPPORT)].sum(axis=1)
    counts = counts.rename_axis("school").reset_index()
    counts = counts.sort_values(["support", "school"], ascending=[False, True]).reset_index(drop=True)
    return counts


def table(school: str | None = None, event: str | None = None, card: pd.DataFrame | None = None) -> pd.DataFrame:
    """The scorecard as a plain table (the widget's text alternative): one row per piece of evidence.

    Parameters
    ----------
    school : str, optional
        Only this school's rows.
    event : str, optional
        Only this meeting's rows.
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``reading``, ``event``, ``verdict``, ``kind``, ``evidence``, ``excerpt``, ``cited``.

    Examples
    --------
    >>> table("anti-western-bloc", "2008-dushanbe")["event"].unique().tolist()
    ['Dushanbe 2008']
    """
    card = _card(card)
    if school is not None:
        card = card[card["school"] == check_school(school)]
    if event is not None:
        card = card[card["event"] == check_event(event)]
    names = data.load("schools").set_index("id")["name"]
    out = data.cited(card)
    out.insert(0, "reading", out.pop("school").map(names))
    out["event"] = out["event"].map(event_label)
    return out[["reading", "event", "verdict", "kind", "evidence", "excerpt", "cited"]].reset_index(drop=True)
