"""The timeline widget: the dated events, filtered by period and by kind.

It works the same in a live notebook and in the published book with no kernel (see
:mod:`helpers.panes`); its panes come from ``helpers/templates/timeline_events.html``, every
string from the data escaped. Chapters reach it as ``widgets.timeline``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from helpers import data
from helpers.panes import FULL_WIDTH, citation, pane
from helpers.templating import render

#: The periods of the period selector: (label, first day, last day).
PERIODS = (
    ("1996–2001: the Shanghai Five", "1996-01-01", "2001-06-14"),
    ("2001–2007: the SCO takes shape", "2001-06-15", "2007-12-31"),
    ("2008: the Georgia war", "2008-01-01", "2008-12-31"),
    ("2009–2014: to the Ukraine crisis", "2009-01-01", "2014-12-31"),
    ("2015 onwards: enlargement", "2015-01-01", "2099-12-31"),
)


def timeline_table(start: Any = None, end: Any = None, kind: str | None = None) -> pd.DataFrame:
    """The dated events between ``start`` and ``end``, of one ``kind`` or all.

    Parameters
    ----------
    start, end : str, int or date, optional
        The first and last day (a year means the whole year); none leaves that end open.
    kind : str, optional
        One of ``data.EVENT_KINDS``; none gives every kind.

    Returns
    -------
    pandas.DataFrame
        The rows of ``data/events.csv``, oldest first.

    Raises
    ------
    ValueError
        If ``kind`` is unknown, or ``end`` is before ``start``.

    Examples
    --------
    >>> timeline_table(2008, 2008, kind="georgia 2008")["date"].iloc[0].date()
    datetime.date(2008, 8, 7)
    """
    events = data.load("events")
    if kind is not None:
        data.expect_choice(kind, "event kind", data.EVENT_KINDS)
    lo = data.as_date(start) if start is not None else None  # a year is the whole year
    hi = data.as_date(end, end_of_year=True) if end is not None else None
    if lo is not None and hi is not None and hi < lo:
        raise ValueError(f"end {data.shown(end)} is before start {data.shown(start)}")
    if lo is not None:
        events = events[events["date"] >= lo]
    if hi is not None:
        events = events[events["date"] <= hi]
    if kind is not None:
        events = events[events["kind"] == kind]
    return events.sort_values("date").reset_index(drop=True)


def _events_html(events: pd.DataFrame) -> str:
    places = data.load("places").set_index("id")
    rows = [
        {"date": r.date, "kind": r.kind, "title": r.title, "places": [places.loc[p, "name"] for p in r.places or ()], "cite": citation(r.source, r.place)}
        for r in events.itertuples()
    ]
    return render("timeline_events.html", events=rows)


def timeline(start: Any = None, end: Any = None) -> w.VBox:
    """The dated events, filtered by period and by kind with two selectors.

    Parameters
    ----------
    start, end : str, int or date, optional
        Limit the events to these dates (as in :func:`timeline_table`); then there is no period selector.

    Returns
    -------
    ipywidgets.VBox
        The selectors and, for every period and kind, a pane listing its events.

    Examples
    --------
    >>> [c.description for c in timeline(2008, 2014).children[0].children]
    ['Kind of event:']
    """
    base = timeline_table(start, end)
    kinds = [None] + [k for k in data.EVENT_KINDS if (base["kind"] == k).any()]
    kind_options = [("all kinds", "all")] + [(k, k) for k in kinds[1:]]
    if start is None and end is None:
        periods = [("all periods", None, None)] + list(PERIODS)
    else:
        periods = [("the chosen period", None, None)]  # base is already filtered
    kind_dd = w.Dropdown(options=kind_options, index=0, description="Kind of event:", style={"description_width": "initial"})
    period_dd = w.Dropdown(options=[(p[0], i) for i, p in enumerate(periods)], index=0, description="Period:", style={"description_width": "initial"})
    outer = []
    for label, lo, hi in periods:
        inner_panes = []
        for kind in kinds:
            frame = base
            if lo is not None:
                frame = frame[frame["date"] >= pd.Timestamp(lo)]
            if hi is not None:
                frame = frame[frame["date"] <= pd.Timestamp(hi)]
            if kind is not None:
                frame = frame[frame["kind"] == kind]
            inner_panes.append(pane(_events_html(frame), "sco-events"))
        inner = w.Stack(inner_panes, selected_index=0, layout=FULL_WIDTH)
        w.jslink((kind_dd, "index"), (inner, "selected_index"))
        outer.append(inner)
    stack = w.Stack(outer, selected_index=0, layout=FULL_WIDTH)
    w.jslink((period_dd, "index"), (stack, "selected_index"))
    controls = [period_dd, kind_dd] if len(periods) > 1 else [kind_dd]
    box = w.VBox([w.HBox(controls, layout=w.Layout(flex_flow="row wrap")), stack], layout=FULL_WIDTH)
    box.add_class("sco-timeline-widget")
    return box
