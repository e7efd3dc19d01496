"""Interactive comparisons: declarations side by side, and the analysts' positions.

Each widget works the same in a live notebook and in the published book with no kernel
(see :mod:`helpers.panes`). The panes' HTML comes from the templates ``declaration.html``,
``analysts_answers.html`` and ``analyst_pair.html`` in ``helpers/templates``: every string
from the data is escaped there, and a citation links only to an http(s) address.

The timeline widget lives in :mod:`helpers.timeline`; it is also reachable here
(``widgets.timeline``), as are :func:`~helpers.panes.highlight` and :func:`~helpers.panes.cite_html`.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from helpers import data
from helpers.panes import FULL_WIDTH, KEY_TERMS, citation, cite_html, highlight, marks, pane, selector
from helpers.templating import render
from helpers.timeline import PERIODS, timeline, timeline_table
from helpers.timeline import _events_html as _events_html

__all__ = [
    "KEY_TERMS",
    "PERIODS",
    "THEME_TITLES",
    "analyst_pairs",
    "cite_html",
    "compare_analysts",
    "compare_declarations",
    "declaration_html",
    "declaration_meetings",
    "highlight",
    "pair_html",
    "question_html",
    "timeline",
    "timeline_table",
]

#: How the themes of data.THEMES are written as headings.
THEME_TITLES = {theme: (lambda t: t[0].upper() + t[1:])(theme.replace("sco", "SCO").replace("west", "West")) for theme in data.THEMES}


# ---------------------------------------------------------------------------
# Declarations
# ---------------------------------------------------------------------------
def declaration_meetings() -> list[str]:
    """The meetings whose declarations the sources quote, oldest first.

    Returns
    -------
    list of str
        The meetings' ids.

    Examples
    --------
    >>> declaration_meetings()[-2:]
    ['2008-dushanbe', '2014-dushanbe']
    """
    decl = data.load("declarations")
    meets = data.load("meetings").set_index("id")
    ids = list(dict.fromkeys(decl["meeting"].astype(str)))
    return sorted(ids, key=lambda m: meets.loc[m, "start"])


def _check_declaration(meeting_id: str) -> str:
    return data.expect_choice(meeting_id, "declaration", declaration_meetings())


def declaration_html(meeting_id: str) -> str:
    """One declaration, theme by theme: its own text beside what analysts and reporters say it says.

    Then what the sources report Russia sought at the meeting and did not get.

    Parameters
    ----------
    meeting_id : str
        One of :func:`declaration_meetings`.

    Returns
    -------
    str
        The HTML (``helpers/templates/declaration.html``).

    Raises
    ------
    ValueError
        If no declaration of that meeting is quoted (the error lists those that are).

    Examples
    --------
    >>> declaration_html("2008-dushanbe")
    '<h4>Dushanbe summit, 28 August 2008</h4><h5 class="sco-theme">Sovereignty and territorial integrity</h5>...'
    """
    _check_declaration(meeting_id)
    meeting = data.meeting(meeting_id)
    decl = data.load("declarations")
    decl = decl[decl["meeting"] == meeting_id]
    classes = data.load("sources").set_index("id")["class"].astype(str)
    primary = decl["source"].map(classes).eq("primary")
    sought = data.load("sought")
    sought = sought[sought["meeting"] == meeting_id]

    def passages(rows: pd.DataFrame) -> list[dict[str, Any]]:
        return [{"excerpt": marks(r.excerpt), "gloss": r.gloss, "cite": citation(r.source, r.place)} for r in rows.itertuples()]

    themes = [
        {
            "theme": theme,
            "title": THEME_TITLES[theme],
            "own": passages(decl[(decl["theme"] == theme) & primary]),
            "reported": passages(decl[(decl["theme"] == theme) & ~primary]),
            "sought": [
                {"sought": r.sought, "outcome": r.outcome, "excerpt": r.excerpt, "cite": citation(r.source, r.place)}
                for r in sought[sought["theme"] == theme].itertuples()
            ],
        }
        for theme in data.THEMES
    ]
    return render("declaration.html", meeting=meeting["name"], dates=data.meeting_dates(meeting), themes=themes)


def compare_declarations(left: str = "2008-dushanbe", right: str = "2014-dushanbe") -> w.HBox:
    """Two declarations side by side, theme by theme; choose either with its selector.

    Parameters
    ----------
    left, right : str, optional
        The meetings shown first on the left and on the right (see :func:`declaration_meetings`).

    Returns
    -------
    ipywidgets.HBox
        Two columns, each a selector over every declaration.

    Raises
    ------
    ValueError
        If ``left`` or ``right`` is not a meeting with a quoted declaration.

    Examples
    --------
    >>> compare_declarations("2001-shanghai", "2014-dushanbe").children[1].children[0].index
    7
    """
    ids = declaration_meetings()
    _check_declaration(left)
    _check_declaration(right)
    meets = data.load("meetings").set_index("id")
    options = [(f"{meets.loc[m, 'name']} ({meets.loc[m, 'start']:%Y})", m) for m in ids]
    columns = []
    for label, chosen in (("Left declaration:", left), ("Right declaration:", right)):
        panes = [pane(declaration_html(m), "sco-declaration") for m in ids]
        columns.append(selector(label, options, ids.index(chosen), panes))
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
    """Every analyst's answer to one question: stance, position, evidence, source.

    Parameters
    ----------
    question_id : str
        The question's id in ``data/questions.yaml``.

    Returns
    -------
    str
        The HTML (``helpers/templates/analysts_answers.html``): a table whose rows become cards on a phone.

    Raises
    ------
    ValueError
        If there is no such question.

    Examples
    --------
    >>> question_html("why-withheld-2008")
    '<h4>Why did the SCO withhold support from Russia over Georgia in 2008?</h4><div class="sco-scroll" ...'
    """
    questions = data.load("questions").set_index("id")
    data.expect_choice(question_id, "question", questions.index)
    q = questions.loc[question_id]
    pos = _positions()
    answers = [
        {"name": r.name, "stance": q["stances"].get(r.stance, r.stance), "position": r.position, "excerpt": r.excerpt, "cite": citation(r.source, r.place)}
        for r in pos[pos["question"] == question_id].itertuples()
    ]
    return render("analysts_answers.html", question=q["text"], answers=answers)


def analyst_pairs() -> list[tuple[str, str]]:
    """Pairs of analysts who answer at least one question in common.

    Returns
    -------
    list of tuple of str
        The pairs of analysts' ids, each pair and the list sorted.

    Examples
    --------
    >>> analyst_pairs()[0]
    ('abdullo', 'goodenough')
    """
    pos = _positions()
    by_q = pos.groupby("question")["analyst"].apply(list)
    pairs = {tuple(sorted((a, b))) for names in by_q for a in names for b in names if a < b}
    return sorted(pairs)


def pair_html(a: str, b: str) -> str:
    """Where two analysts agree and where they differ, question by question.

    Parameters
    ----------
    a, b : str
        Two different analysts' ids (``data/people.yaml``) who answer a question in ``data/positions.yaml``.

    Returns
    -------
    str
        The HTML (``helpers/templates/analyst_pair.html``).

    Raises
    ------
    ValueError
        If either is not an analyst with a position, or both are the same.

    Examples
    --------
    >>> pair_html("abdullo", "goodenough")
    '<p>Rashid Abdullo and Patrick Goodenough answer 2 questions in common; ...'
    """
    pos = _positions()
    questions = data.load("questions").set_index("id")
    people = data.load("people").set_index("id")
    for who in (a, b):
        data.expect_choice(who, "analyst", sorted(set(pos["analyst"])))
    if a == b:
        raise ValueError(f"the same analyst twice ({data.shown(a)}): choose two different analysts")
    pa = pos[pos["analyst"] == a].set_index("question")
    pb = pos[pos["analyst"] == b].set_index("question")
    rows = []
    for q in questions.index:
        if q in pa.index and q in pb.index:
            sa, sb = pa.loc[q, "stance"], pb.loc[q, "stance"]
            stances = questions.loc[q, "stances"]
            rows.append({"question": questions.loc[q, "text"], "a": stances.get(sa, sa), "b": stances.get(sb, sb), "agree": sa == sb})
    return render("analyst_pair.html", a=people.loc[a, "name"], b=people.loc[b, "name"], rows=rows)


def compare_analysts(question: str | None = None, analysts: tuple[str, str] | None = None) -> w.VBox:
    """Choose a question to see every analyst's answer; choose two analysts to see where they agree.

    Parameters
    ----------
    question : str, optional
        The question shown first (its id); by default the first.
    analysts : tuple of (str, str), optional
        The pair of analysts shown first; by default the first pair answering ``question``.

    Returns
    -------
    ipywidgets.VBox
        Two selectors: by question, and by pair of analysts.

    Raises
    ------
    TypeError
        If ``analysts`` is not a pair.
    ValueError
        If the question or an analyst is unknown, the two analysts are the same, or they answer no question in common.

    Examples
    --------
    >>> compare_analysts("ukraine-2014").children[0].children[0].value
    'ukraine-2014'
    """
    questions = data.load("questions")
    qids = list(questions["id"].astype(str))
    if question is not None:
        data.expect_choice(question, "question", qids)
    pairs = analyst_pairs()
    people = data.load("people").set_index("id")
    if analysts is not None:
        valid = sorted(set(_positions()["analyst"]))
        if not isinstance(analysts, (tuple, list)) or len(analysts) != 2:
            raise TypeError(
                f"analysts must be a pair of analyst ids like ('katz', 'olimova'), got "
                f"{type(analysts).__name__} {data.shown(analysts)}; valid ids: {', '.join(map(repr, valid))}"
            )
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
    by_question = selector(
        "Question:",
        [(t, q) for q, t in zip(qids, questions["text"])],
        qids.index(question or qids[0]),
        [pane(question_html(q), "sco-question") for q in qids],
    )
    by_pair = selector(
        "Compare two analysts:",
        [(f"{people.loc[x, 'name']} and {people.loc[y, 'name']}", f"{x}|{y}") for x, y in pairs],
        pairs.index(pair),
        [pane(pair_html(x, y), "sco-pair") for x, y in pairs],
    )
    box = w.VBox([by_question, by_pair], layout=FULL_WIDTH)
    box.add_class("sco-compare-analysts")
    return box
