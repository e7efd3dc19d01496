"""Chapter 5's scorecard: each reading ("school") of the SCO tested against the record of a summit.

The data are two tables (``data/README.md``): ``schools`` (one row per reading: its
claim, who holds it, what it rests on) and ``scorecard`` (one row per piece of evidence
that bears on one school at one summit, with the kind of evidence it is; the cell's
``verdict``, ``expected`` and ``observed`` are repeated on each row of the cell).

The widget works like the others of the book (``helpers.widgets``): every pane is
rendered in advance into a ``Stack``, and the choosers' ``index`` is linked to the
stacks' ``selected_index`` with ``jslink``, so it works in a live notebook and in the
published book with no kernel.  Every string from the data is HTML-escaped.

>>> from helpers import scorecard
>>> scorecard.scorecard(school="members-restraint", event="2008-dushanbe")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers import data
from helpers.tables import scroll_area
from helpers.widgets import _esc, _pane, cite_html

#: The verdicts, from best fit to none (the vocabulary of ``scorecard.verdict``).
VERDICTS: tuple[str, ...] = data.SCHEMAS["scorecard"].columns["verdict"].vocab
#: The kinds of evidence (the vocabulary of ``scorecard.kind``).
EVIDENCE_KINDS: tuple[str, ...] = data.SCHEMAS["scorecard"].columns["kind"].vocab
#: The verdicts that count as support for a school in :func:`summary`.
SUPPORT = ("fits", "partly fits")

_STYLE = w.Layout(width="100%")


# ---------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------
def _card(card: pd.DataFrame | None) -> pd.DataFrame:
    return data.load("scorecard") if card is None else card


def _schools(schools: pd.DataFrame | None) -> pd.DataFrame:
    return data.load("schools") if schools is None else schools


def school_ids(schools: pd.DataFrame | None = None) -> list[str]:
    """The schools' ids, in the order of ``data/schools.yaml``."""
    return [str(s) for s in _schools(schools)["id"]]


def events(card: pd.DataFrame | None = None) -> list[str]:
    """The meetings the scorecard tests the schools against, oldest first."""
    starts = data.load("meetings").set_index("id")["start"]
    found = list(dict.fromkeys(str(e) for e in _card(card)["event"]))
    return sorted(found, key=lambda m: starts[m])


_event_ids = events  # for functions whose argument is called ``events``


def event_label(event: str) -> str:
    """'Dushanbe 2008' for '2008-dushanbe'."""
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
    return _choose(school, "school", school_ids(schools))


def check_event(event: Any, card: pd.DataFrame | None = None) -> str:
    return _choose(event, "event", events(card))


def validate(card: pd.DataFrame | None = None, schools: pd.DataFrame | None = None) -> None:
    """The rules across rows that ``helpers.data`` cannot check row by row: every school has a
    cell at every event, and the rows of one cell agree on its verdict, expectation and observation.
    ``data.validate_all()`` runs them on the data (:func:`helpers.data.check_scorecard`); this runs
    them on any card and schools.  Raises a :class:`helpers.data.DataError` naming the file, row and column."""
    data.check_scorecard(_card(card), _schools(schools), data.load("meetings"))


def cells(card: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per cell (school × event): verdict, expected, observed, and how many pieces of evidence."""
    card = _card(card)
    out = card.groupby(["school", "event"], sort=False).agg(
        verdict=("verdict", "first"), expected=("expected", "first"), observed=("observed", "first"),
        evidence=("excerpt", "size"))
    return out.reset_index()


def evidence(school: str, event: str, card: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence of one cell, for readers: kind, what it shows, the exact words, and the citation."""
    card = _card(card)
    check_school(school)
    check_event(event, card)
    rows = card[(card["school"] == school) & (card["event"] == event)]
    return data.cited(rows)[["kind", "evidence", "excerpt", "cited"]].reset_index(drop=True)


def grid(card: pd.DataFrame | None = None, schools: pd.DataFrame | None = None) -> pd.DataFrame:
    """The verdicts as a grid: one row per school (its name), one column per event."""
    table = cells(card).pivot(index="school", columns="event", values="verdict")
    sch = _schools(schools).set_index("id")
    ids = school_ids(schools)
    table = table.reindex(index=ids, columns=events(card))
    table.index = [str(sch.loc[i, "name"]) for i in ids]
    table.index.name = "reading of the SCO"
    table.columns = [event_label(e) for e in table.columns]
    return table.astype(str)


def summary(events: Iterable[str] | None = None, card: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each school fares: per school, the number of cells with each verdict, and ``support``,
    the number of cells whose verdict is "fits" or "partly fits". ``events`` limits the count
    to some meetings (``("2008-dushanbe", "2014-dushanbe")``). Sorted by support, then school id."""
    card = _card(card)
    valid = _event_ids(card)
    chosen = valid if events is None else [check_event(e, card) for e in (list(events) if not isinstance(events, str) else [events])]
    one = cells(card)
    one = one[one["event"].isin(chosen)]
    counts = pd.crosstab(one["school"].astype(str), pd.Categorical(one["verdict"].astype(str), categories=VERDICTS),
                         dropna=False)
    counts = counts.reindex(columns=list(VERDICTS), fill_value=0)
    counts.columns = list(VERDICTS)
    counts["support"] = counts[list(SUPPORT)].sum(axis=1)
    counts = counts.rename_axis("school").reset_index()
    counts = counts.sort_values(["support", "school"], ascending=[False, True]).reset_index(drop=True)
    return counts


def table(school: str | None = None, event: str | None = None, card: pd.DataFrame | None = None) -> pd.DataFrame:
    """The scorecard as a plain table (the widget's text alternative): one row per piece of evidence."""
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


# ---------------------------------------------------------------------------
# HTML panes
# ---------------------------------------------------------------------------
def _verdict_badge(verdict: Any) -> str:
    cls = "sco-verdict-" + str(verdict).replace(" ", "-")
    return f'<span class="sco-verdict {_esc(cls)}">{_esc(verdict)}</span>'


def cell_html(school: str, event: str, card: pd.DataFrame | None = None, schools: pd.DataFrame | None = None) -> str:
    """One cell: what the school expects at the event, what the record shows, the verdict, and the evidence by kind."""
    card = _card(card)
    check_school(school, schools)
    check_event(event, card)
    sch = _schools(schools).set_index("id").loc[school]
    rows = card[(card["school"] == school) & (card["event"] == event)]
    first = rows.iloc[0]
    m = data.meeting(event)
    items = "".join(
        f'<tr><th scope="row"><span class="sco-kind">{_esc(r.kind)}</span></th><td>{_esc(r.evidence)}</td>'
        f'<td class="sco-quote">{_esc(r.excerpt)}</td><td>{cite_html(r.source, r.place)}</td></tr>'
        for r in rows.itertuples()
    )
    return (
        f'<h4>{_esc(sch["name"])}: {_esc(m["name"])}, {_esc(data.meeting_dates(m))}</h4>'
        f'<p class="sco-label">Verdict: {_verdict_badge(first["verdict"])}</p>'
        f'<p><strong>What this reading expects.</strong> {_esc(first["expected"])}</p>'
        f'<p><strong>What the record shows.</strong> {_esc(first["observed"])}</p>'
        + scroll_area(
            '<table class="sco-table sco-evidence"><caption>The evidence, by kind</caption><thead><tr>'
            '<th scope="col">Kind of evidence</th><th scope="col">What it shows (our summary)</th>'
            '<th scope="col">Exact words</th><th scope="col">Source</th></tr></thead>'
            f"<tbody>{items}</tbody></table>",
            f"The evidence: {sch['name']}, {m['name']}",
        )
    )


def school_html(school: str, card: pd.DataFrame | None = None, schools: pd.DataFrame | None = None) -> str:
    """One school: its claim, who holds it, what it rests on, and its verdict at each event."""
    card = _card(card)
    check_school(school, schools)
    sch = _schools(schools).set_index("id").loc[school]
    people = data.load("people").set_index("id")["name"]
    holders = ", ".join(str(people.get(h, h)) for h in sch["holders"])
    one = cells(card)
    one = one[one["school"] == school].set_index("event")
    rows = "".join(
        f'<tr><th scope="row">{_esc(event_label(e))}</th><td>{_verdict_badge(one.loc[e, "verdict"])}</td></tr>'
        for e in events(card)
    )
    return (
        f'<h4>{_esc(sch["name"])}</h4>'
        f'<p><strong>The claim (our summary).</strong> {_esc(sch["claim"])}</p>'
        f'<p><strong>Who holds it.</strong> {_esc(holders)}</p>'
        f'<p><strong>What it rests on.</strong> {_esc(sch["rests_on"])}</p>'
        f'<blockquote class="sco-excerpt">{_esc(sch["excerpt"])} '
        f'<span class="sco-source">({cite_html(sch["source"], sch["place"])})</span></blockquote>'
        + scroll_area(
            '<table class="sco-table"><caption>Verdicts at the three summits (choose a summit above for the evidence)</caption>'
            f'<thead><tr><th scope="col">Summit</th><th scope="col">Verdict</th></tr></thead><tbody>{rows}</tbody></table>',
            f"Verdicts: {sch['name']}",
        )
    )


# ---------------------------------------------------------------------------
# The widget
# ---------------------------------------------------------------------------
def scorecard(school: str | None = None, event: str | None = None,
              card: pd.DataFrame | None = None, schools: pd.DataFrame | None = None) -> w.VBox:
    """Choose a reading of the SCO and a summit; read what the reading expects, what the record
    shows, the verdict, and the evidence, kind by kind. ``event=None`` opens on the reading's overview."""
    card = _card(card)
    validate(card, schools)
    ids = school_ids(schools)
    evs = events(card)
    s_index = ids.index(check_school(school, schools)) if school is not None else 0
    e_index = evs.index(check_event(event, card)) if event is not None else len(evs)
    names = _schools(schools).set_index("id")["name"]
    school_dd = w.Dropdown(options=[(str(names[s]), i) for i, s in enumerate(ids)], index=s_index,
                           description="Reading of the SCO:", style={"description_width": "initial"},
                           layout=w.Layout(width="auto", max_width="100%"))
    event_tb = w.ToggleButtons(options=[(event_label(e), i) for i, e in enumerate(evs)] + [("Overview", len(evs))],
                               index=e_index, description="Summit:", style={"description_width": "initial",
                                                                              "button_width": "auto"})
    outer = []
    for s in ids:
        panes = [_pane(cell_html(s, e, card, schools), "sco-cell") for e in evs]
        panes.append(_pane(school_html(s, card, schools), "sco-school"))
        inner = w.Stack(panes, selected_index=e_index, layout=_STYLE)
        w.jslink((event_tb, "index"), (inner, "selected_index"))
        outer.append(inner)
    stack = w.Stack(outer, selected_index=s_index, layout=_STYLE)
    w.jslink((school_dd, "index"), (stack, "selected_index"))
    box = w.VBox([school_dd, event_tb, stack], layout=_STYLE)
    box.add_class("sco-scorecard")
    return box
