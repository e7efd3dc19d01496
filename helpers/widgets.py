"""Interactive comparisons: declarations side by side, the analysts' positions, and a timeline.

Each widget works the same in a live notebook and in the published book with no
kernel: every pane is rendered in advance into a ``Stack``, and a ``Dropdown``'s
``index`` is linked to the stack's ``selected_index`` with ``jslink``, a link that
runs in the browser from the widget state that the book embeds.

Every string from the data is HTML-escaped before it is shown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers import data
from helpers.tables import scroll_area

#: Terms highlighted in the declarations' excerpts.
KEY_TERMS = (
    "territorial integrity", "sovereignty", "separatism", "splittism", "dialogue", "non-interference",
    "interference", "internal affairs", "peace", "political means", "negotiation", "Russia", "NATO",
    "missile defence", "missile defense", "expansion", "enlargement", "military presence",
)

_STYLE = w.Layout(width="100%")


def _esc(value: Any) -> str:
    return "" if data.blank(value) else html.escape(str(value), quote=True)


def highlight(text: str, terms: Iterable[str] = KEY_TERMS) -> str:
    """Escape ``text``, then wrap every key term (any case) in ``<mark>``."""
    if isinstance(terms, str) or not all(isinstance(t, str) for t in terms):
        raise TypeError(f"terms must be a list of words or phrases, got {data.shown(terms)}")
    escaped = _esc(text)
    pattern = "|".join(re.escape(html.escape(t)) for t in sorted(terms, key=len, reverse=True))
    return re.sub(rf"(?i)\b({pattern})", r"<mark>\1</mark>", escaped) if pattern else escaped


_cite = data.cite_text


def cite_html(source_id: str, place: Any = None) -> str:
    """A citation as HTML: the escaped text, a link when the source has an http(s) address."""
    text = _esc(_cite(source_id, place))
    url = data.source_url(source_id)
    if url is None:
        return text
    return f'<a href="{_esc(url)}" rel="noopener noreferrer" target="_blank">{text}</a>'

#: How the themes of data.THEMES are written as headings.
THEME_TITLES = {theme: (lambda t: t[0].upper() + t[1:])(theme.replace("sco", "SCO").replace("west", "West"))
                for theme in data.THEMES}


def _selector(label: str, options: list[tuple[str, Any]], index: int, panes: list[w.Widget]) -> w.VBox:
    """A labelled Dropdown whose choice selects one of ``panes``, in the kernel and in the static page."""
    dropdown = w.Dropdown(options=options, index=index, description=label,
                          style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="100%"))
    stack = w.Stack(panes, selected_index=index, layout=_STYLE)
    w.jslink((dropdown, "index"), (stack, "selected_index"))
    box = w.VBox([dropdown, stack], layout=_STYLE)
    box.add_class("sco-selector")
    return box


def _pane(body: str, cls: str) -> w.HTML:
    pane = w.HTML(value=f'<div class="{cls}">{body}</div>', layout=_STYLE)
    return pane


# ---------------------------------------------------------------------------
# Declarations
# ---------------------------------------------------------------------------
def declaration_meetings() -> list[str]:
    """The meetings whose declarations the sources quote, oldest first."""
    decl = data.load("declarations")
    meets = data.load("meetings").set_index("id")
    ids = list(dict.fromkeys(decl["meeting"].astype(str)))
    return sorted(ids, key=lambda m: meets.loc[m, "start"])


def _check_declaration(meeting_id: str) -> str:
    return data.expect_choice(meeting_id, "declaration", declaration_meetings())


def declaration_html(meeting_id: str) -> str:
    """One declaration, theme by theme: what its own text says, beside what the analysts and
    reporters say it says; then what the sources report Russia sought and did not get."""
    _check_declaration(meeting_id)
    meeting = data.meeting(meeting_id)
    decl = data.load("declarations")
    decl = decl[decl["meeting"] == meeting_id]
    classes = data.load("sources").set_index("id")["class"].astype(str)
    primary = decl["source"].map(classes).eq("primary")
    sought = data.load("sought")
    sought = sought[sought["meeting"] == meeting_id]
    parts = [f"<h4>{_esc(meeting['name'])}, {_esc(data.meeting_dates(meeting))}</h4>"]
    for theme in data.THEMES:
        own, reported = decl[(decl["theme"] == theme) & primary], decl[(decl["theme"] == theme) & ~primary]
        parts.append(f'<h5 class="sco-theme">{_esc(THEME_TITLES[theme])}</h5>')
        if own.empty and reported.empty:
            parts.append(f'<p class="sco-absent">The sources quote nothing from this declaration on {_esc(theme)}.</p>')
        else:
            parts.append('<p class="sco-label">The declaration’s text</p>')
        if own.empty and not reported.empty:
            parts.append('<p class="sco-absent">No passage on this theme is quoted here from the text itself.</p>')
        for r in own.itertuples():
            parts.append(
                f'<blockquote class="sco-excerpt sco-primary">{highlight(r.excerpt)}</blockquote>'
                f'<p class="sco-gloss">{_esc(r.gloss)} <span class="sco-source">({cite_html(r.source, r.place)})</span></p>'
            )
        if not reported.empty:
            parts.append('<p class="sco-label">What analysts and reporters say it says</p>')
        for r in reported.itertuples():
            parts.append(
                f'<blockquote class="sco-excerpt sco-reported">{highlight(r.excerpt)}</blockquote>'
                f'<p class="sco-gloss">{_esc(r.gloss)} <span class="sco-source">({cite_html(r.source, r.place)})</span></p>'
            )
        for r in sought[sought["theme"] == theme].itertuples():
            parts.append(
                f'<div class="sco-sought"><p><strong>What Moscow sought:</strong> {_esc(r.sought)}</p>'
                f"<p><strong>What it got:</strong> {_esc(r.outcome)}</p>"
                f'<p><span class="sco-quote">{_esc(r.excerpt)}</span> <span class="sco-source">({cite_html(r.source, r.place)})</span></p></div>'
            )
    return "".join(parts)


def compare_declarations(left: str = "2008-dushanbe", right: str = "2014-dushanbe") -> w.HBox:
    """Two declarations side by side, theme by theme; choose either with its selector."""
    ids = declaration_meetings()
    _check_declaration(left)
    _check_declaration(right)
    meets = data.load("meetings").set_index("id")
    options = [(f"{meets.loc[m, 'name']} ({meets.loc[m, 'start']:%Y})", m) for m in ids]
    columns = []
    for label, chosen in (("Left declaration:", left), ("Right declaration:", right)):
        panes = [_pane(declaration_html(m), "sco-declaration") for m in ids]
        columns.append(_selector(label, options, ids.index(chosen), panes))
    box = w.HBox(columns, layout=w.Layout(width="100%", flex_flow="row wrap", align_items="flex-start"))
    for col in columns:
        col.layout = w.Layout(flex="1 1 320px", min_width="280px", margin="0 8px 0 0")
    box.add_class("sco-compare-declarations")
    return box


# ---------------------------------------------------------------------------
# Analysts
# ---------------------------------------------------------------------------
def _positions() -> pd.DataFrame:
    pos = data.load("positions")
    people = data.load("people").set_index("id")
    return pos.assign(name=pos["analyst"].map(people["name"]))


def question_html(question_id: str) -> str:
    """Every analyst's answer to one question: stance, position, evidence, source."""
    questions = data.load("questions").set_index("id")
    data.expect_choice(question_id, "question", questions.index)
    q = questions.loc[question_id]
    pos = _positions()
    pos = pos[pos["question"] == question_id]
    # On a phone each row becomes a card, each cell labelled with its column (book.css,
    # table.sco-cards): no column is lost off the screen. The roles keep it a table for screen readers.
    rows = "".join(
        f"<tr role=\"row\"><th scope=\"row\" role=\"rowheader\">{_esc(r.name)}</th>"
        f"<td role=\"cell\" data-label=\"Stance\"><strong>{_esc(q['stances'].get(r.stance, r.stance))}</strong></td>"
        f"<td role=\"cell\" data-label=\"Position\">{_esc(r.position)}</td>"
        f"<td role=\"cell\" class=\"sco-quote\" data-label=\"Evidence\">{_esc(r.excerpt)}</td>"
        f"<td role=\"cell\" data-label=\"Source\">{cite_html(r.source, r.place)}</td></tr>"
        for r in pos.itertuples()
    )
    if not rows:
        return f"<p>No analyst in the sources answers: {_esc(q['text'])}</p>"
    return f"<h4>{_esc(q['text'])}</h4>" + scroll_area(
        '<table class="sco-table sco-cards" role="table"><thead><tr role="row"><th scope="col" role="columnheader">Analyst</th>'
        '<th scope="col" role="columnheader">Stance</th>'
        '<th scope="col" role="columnheader">Position (our summary)</th><th scope="col" role="columnheader">Evidence (exact words)</th>'
        f'<th scope="col" role="columnheader">Source</th></tr></thead><tbody>{rows}</tbody></table>',
        f"Every analyst's answer: {q['text']}",
    )


def analyst_pairs() -> list[tuple[str, str]]:
    """Pairs of analysts who answer at least one question in common."""
    pos = _positions()
    by_q = pos.groupby("question")["analyst"].apply(list)
    pairs = {tuple(sorted((a, b))) for names in by_q for a in names for b in names if a < b}
    return sorted(pairs)


def pair_html(a: str, b: str) -> str:
    """Where two analysts agree and where they differ, question by question."""
    pos = _positions()
    questions = data.load("questions").set_index("id")
    people = data.load("people").set_index("id")
    for who in (a, b):
        data.expect_choice(who, "analyst", sorted(set(pos["analyst"])))
    if a == b:
        raise ValueError(f"the same analyst twice ({data.shown(a)}): choose two different analysts")
    pa = pos[pos["analyst"] == a].set_index("question")
    pb = pos[pos["analyst"] == b].set_index("question")
    shared = [q for q in questions.index if q in pa.index and q in pb.index]
    na, nb = _esc(people.loc[a, "name"]), _esc(people.loc[b, "name"])
    if not shared:
        return f"<p>{na} and {nb} answer no question in common.</p>"
    rows = []
    for q in shared:
        sa, sb = pa.loc[q, "stance"], pb.loc[q, "stance"]
        verdict = "agree" if sa == sb else "differ"
        stances = questions.loc[q, "stances"]
        rows.append(
            f'<tr class="sco-{verdict}"><th scope="row">{_esc(questions.loc[q, "text"])}</th>'
            f"<td>{_esc(stances.get(sa, sa))}</td><td>{_esc(stances.get(sb, sb))}</td>"
            f"<td><strong>{'✔ agree' if verdict == 'agree' else '✖ differ'}</strong></td></tr>"
        )
    agree = sum('sco-agree' in r for r in rows)
    return (
        f"<p>{na} and {nb} answer {len(shared)} question{'s' if len(shared) != 1 else ''} in common; "
        f"they take the same stance on {agree} and differ on {len(shared) - agree}.</p>"
        + scroll_area(
            f'<table class="sco-table"><thead><tr><th scope="col">Question</th><th scope="col">{na}</th>'
            f'<th scope="col">{nb}</th><th scope="col">Verdict</th></tr></thead><tbody>{"".join(rows)}</tbody></table>',
            f"Where {people.loc[a, 'name']} and {people.loc[b, 'name']} agree and differ",
        )
    )


def compare_analysts(question: str | None = None, analysts: tuple[str, str] | None = None) -> w.VBox:
    """Choose a question to see every analyst's answer; choose a pair of analysts to see
    where they agree and where they differ."""
    questions = data.load("questions")
    qids = list(questions["id"].astype(str))
    if question is not None:
        data.expect_choice(question, "question", qids)
    pairs = analyst_pairs()
    people = data.load("people").set_index("id")
    if analysts is not None:
        valid = sorted(set(_positions()["analyst"]))
        if not isinstance(analysts, (tuple, list)) or len(analysts) != 2:
            raise TypeError(f"analysts must be a pair of analyst ids like ('katz', 'olimova'), got "
                            f"{type(analysts).__name__} {data.shown(analysts)}; valid ids: {', '.join(map(repr, valid))}")
        for who in analysts:
            data.expect_choice(who, "analyst", valid)
        if analysts[0] == analysts[1]:
            raise ValueError(f"analysts names the same analyst twice ({data.shown(analysts[0])}): choose two different analysts")
        first, second = sorted(analysts)
        pair = (first, second)
        if pair not in pairs:
            raise ValueError(f"{data.shown(analysts[0])} and {data.shown(analysts[1])} answer no question in common")
    elif question is not None:
        answering = set(_positions().query("question == @question")["analyst"])
        pair = next((p for p in pairs if set(p) <= answering), pairs[0])
    else:
        pair = pairs[0]
    by_question = _selector(
        "Question:", [(t, q) for q, t in zip(qids, questions["text"])], qids.index(question or qids[0]),
        [_pane(question_html(q), "sco-question") for q in qids],
    )
    by_pair = _selector(
        "Compare two analysts:", [(f"{people.loc[x, 'name']} and {people.loc[y, 'name']}", f"{x}|{y}") for x, y in pairs],
        pairs.index(pair), [_pane(pair_html(x, y), "sco-pair") for x, y in pairs],
    )
    box = w.VBox([by_question, by_pair], layout=_STYLE)
    box.add_class("sco-compare-analysts")
    return box


# ---------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------
PERIODS = (
    ("1996–2001: the Shanghai Five", "1996-01-01", "2001-06-14"),
    ("2001–2007: the SCO takes shape", "2001-06-15", "2007-12-31"),
    ("2008: the Georgia war", "2008-01-01", "2008-12-31"),
    ("2009–2014: to the Ukraine crisis", "2009-01-01", "2014-12-31"),
    ("2015 onwards: enlargement", "2015-01-01", "2099-12-31"),
)


def timeline_table(start: Any = None, end: Any = None, kind: str | None = None) -> pd.DataFrame:
    """The dated events between ``start`` and ``end`` (dates or years), of one ``kind`` or all."""
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
    if events.empty:
        return '<p class="sco-absent">No event of this kind in this period.</p>'
    places = data.load("places").set_index("id")
    items = "".join(
        f'<li><time datetime="{r.date:%Y-%m-%d}">{r.date:%d %b %Y}</time> '
        f'<span class="sco-kind">[{_esc(r.kind)}]</span> {_esc(r.title)}'
        + (f" <em>({_esc(', '.join(places.loc[p, 'name'] for p in r.places))})</em>" if r.places else "")
        + f' <span class="sco-source">({cite_html(r.source, r.place)})</span></li>'
        for r in events.itertuples()
    )
    return f'<ol class="sco-timeline">{items}</ol>'


def timeline(start: Any = None, end: Any = None) -> w.VBox:
    """The dated events, filtered by period and by kind with two selectors (or by ``start``/``end``)."""
    base = timeline_table(start, end)
    kinds = [None] + [k for k in data.EVENT_KINDS if (base["kind"] == k).any()]
    kind_options = [("all kinds", "all")] + [(k, k) for k in kinds[1:]]
    if start is None and end is None:
        periods = [("all periods", None, None)] + list(PERIODS)
    else:
        periods = [("the chosen period", None, None)]  # base is already filtered
    kind_dd = w.Dropdown(options=kind_options, index=0, description="Kind of event:",
                         style={"description_width": "initial"})
    period_dd = w.Dropdown(options=[(p[0], i) for i, p in enumerate(periods)], index=0, description="Period:",
                           style={"description_width": "initial"})
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
            inner_panes.append(_pane(_events_html(frame), "sco-events"))
        inner = w.Stack(inner_panes, selected_index=0, layout=_STYLE)
        w.jslink((kind_dd, "index"), (inner, "selected_index"))
        outer.append(inner)
    stack = w.Stack(outer, selected_index=0, layout=_STYLE)
    w.jslink((period_dd, "index"), (stack, "selected_index"))
    controls = [period_dd, kind_dd] if len(periods) > 1 else [kind_dd]
    box = w.VBox([w.HBox(controls, layout=w.Layout(flex_flow="row wrap")), stack], layout=_STYLE)
    box.add_class("sco-timeline-widget")
    return box
