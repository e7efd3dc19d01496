"""Chapter 5's scorecard: each reading ("school") of the SCO tested against the record of a summit.

The data are two tables (``data/README.md``): ``schools`` (one row per reading: its
claim, who holds it, what it rests on) and ``scorecard`` (one row per piece of evidence
that bears on one school at one summit, with the kind of evidence it is; the cell's
``verdict``, ``expected`` and ``observed`` are repeated on each row of the cell).

The widget works like the others of the book (``helpers.widgets``): every pane is
rendered in advance into a ``Stack``, and the choosers' ``index`` is linked to the
stacks' ``selected_index`` with ``jslink``, so it works in a live notebook and in the
published book with no kernel.  Its panes come from the templates ``scorecard_cell.html``
and ``scorecard_school.html`` in ``helpers/templates``, every string from the data escaped.

The tables (:func:`summary`, :func:`grid`, :func:`table`...) live in :mod:`helpers.scorecard_tables`
and are reachable here, as chapters use them.

>>> from helpers import scorecard
>>> scorecard.summary()["school"].iloc[0]
'anti-western-bloc'
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from helpers import data
from helpers.panes import FULL_WIDTH, citation, pane
from helpers.scorecard_tables import (
    EVIDENCE_KINDS,
    SUPPORT,
    VERDICTS,
    _card,
    _schools,
    cells,
    check_event,
    check_school,
    event_label,
    events,
    evidence,
    grid,
    school_ids,
    summary,
    table,
    validate,
)
from helpers.templating import render

__all__ = [
    "EVIDENCE_KINDS",
    "SUPPORT",
    "VERDICTS",
    "cell_html",
    "cells",
    "check_event",
    "check_school",
    "event_label",
    "events",
    "evidence",
    "grid",
    "school_html",
    "school_ids",
    "scorecard",
    "summary",
    "table",
    "validate",
]


# ---------------------------------------------------------------------------
# HTML panes
# ---------------------------------------------------------------------------
def cell_html(school: str, event: str, card: pd.DataFrame | None = None, schools: pd.DataFrame | None = None) -> str:
    """One cell: what the school expects at the event, what the record shows, the verdict, and the evidence by kind.

    Parameters
    ----------
    school : str
        A school's id.
    event : str
        A meeting's id (one of :func:`events`).
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.
    schools : pandas.DataFrame, optional
        A schools table; by default ``data/schools.yaml``.

    Returns
    -------
    str
        The HTML (``helpers/templates/scorecard_cell.html``).

    Examples
    --------
    >>> cell_html("anti-western-bloc", "2008-dushanbe")
    '<h4>An anti-Western bloc in the making: Dushanbe summit, 28 August 2008</h4><p class="sco-label">Verdict: ...'
    """
    card = _card(card)
    check_school(school, schools)
    check_event(event, card)
    sch = _schools(schools).set_index("id").loc[school]
    rows = card[(card["school"] == school) & (card["event"] == event)]
    first = rows.iloc[0]
    m = data.meeting(event)
    return render(
        "scorecard_cell.html",
        school=sch["name"],
        meeting=m["name"],
        dates=data.meeting_dates(m),
        verdict=first["verdict"],
        expected=first["expected"],
        observed=first["observed"],
        rows=[{"kind": r.kind, "evidence": r.evidence, "excerpt": r.excerpt, "cite": citation(r.source, r.place)} for r in rows.itertuples()],
    )


def school_html(school: str, card: pd.DataFrame | None = None, schools: pd.DataFrame | None = None) -> str:
    """One school: its claim, who holds it, what it rests on, and its verdict at each event.

    Parameters
    ----------
    school : str
        A school's id.
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.
    schools : pandas.DataFrame, optional
        A schools table; by default ``data/schools.yaml``.

    Returns
    -------
    str
        The HTML (``helpers/templates/scorecard_school.html``).

    Examples
    --------
    >>> school_html("talking-shop")
    '<h4>A talking shop: more declarations than delivery</h4><p><strong>The claim (our summary).</strong> ...'
    """
    card = _card(card)
    check_school(school, schools)
    sch = _schools(schools).set_index("id").loc[school]
    people = data.load("people").set_index("id")["name"]
    one = cells(card)
    one = one[one["school"] == school].set_index("event")
    return render(
        "scorecard_school.html",
        school=sch["name"],
        claim=sch["claim"],
        holders=", ".join(str(people.get(h, h)) for h in sch["holders"]),
        rests_on=sch["rests_on"],
        excerpt=sch["excerpt"],
        cite=citation(sch["source"], sch["place"]),
        verdicts=[(event_label(e), one.loc[e, "verdict"]) for e in events(card)],
    )


# ---------------------------------------------------------------------------
# The widget
# ---------------------------------------------------------------------------
def scorecard(school: str | None = None, event: str | None = None, card: pd.DataFrame | None = None, schools: pd.DataFrame | None = None) -> w.VBox:
    """Choose a reading of the SCO and a summit; read what it expects, what the record shows, and the evidence.

    Parameters
    ----------
    school : str, optional
        The reading shown first (its id); by default the first.
    event : str, optional
        The summit shown first; by default (``None``) the reading's overview.
    card : pandas.DataFrame, optional
        A scorecard table; by default ``data/scorecard.csv``.
    schools : pandas.DataFrame, optional
        A schools table; by default ``data/schools.yaml``.

    Returns
    -------
    ipywidgets.VBox
        The reading's dropdown, the summit's buttons, and a pane for every cell and every overview.

    Raises
    ------
    helpers.data.DataError
        If the card breaks a rule of :func:`validate`.
    ValueError
        If ``school`` or ``event`` is unknown.

    Examples
    --------
    >>> scorecard(school="members-restraint", event="2008-dushanbe").children[1].label
    'Dushanbe 2008'
    """
    card = _card(card)
    validate(card, schools)
    ids = school_ids(schools)
    evs = events(card)
    s_index = ids.index(check_school(school, schools)) if school is not None else 0
    e_index = evs.index(check_event(event, card)) if event is not None else len(evs)
    names = _schools(schools).set_index("id")["name"]
    school_dd = w.Dropdown(
        options=[(str(names[s]), i) for i, s in enumerate(ids)],
        index=s_index,
        description="Reading of the SCO:",
        style={"description_width": "initial"},
        layout=w.Layout(width="auto", max_width="100%"),
    )
    event_tb = w.ToggleButtons(
        options=[(event_label(e), i) for i, e in enumerate(evs)] + [("Overview", len(evs))],
        index=e_index,
        description="Summit:",
        style={"description_width": "initial", "button_width": "auto"},
    )
    outer = []
    for s in ids:
        panes = [pane(cell_html(s, e, card, schools), "sco-cell") for e in evs]
        panes.append(pane(school_html(s, card, schools), "sco-school"))
        inner = w.Stack(panes, selected_index=e_index, layout=FULL_WIDTH)
        w.jslink((event_tb, "index"), (inner, "selected_index"))
        outer.append(inner)
    stack = w.Stack(outer, selected_index=s_index, layout=FULL_WIDTH)
    w.jslink((school_dd, "index"), (stack, "selected_index"))
    box = w.VBox([school_dd, event_tb, stack], layout=FULL_WIDTH)
    box.add_class("sco-scorecard")
    return box
