"""Chapter 7's votes: how each SCO state voted in the UN General Assembly, beside Russia.

Part of :mod:`helpers.lab` (a chapter imports that). The chart's SVG comes from
``helpers/templates/vote_chart.html``, every string escaped; its text alternative is
:func:`vote_matrix`, shown after it as a table.
"""

from __future__ import annotations

import pandas as pd

from helpers import data
from helpers.tables import table_html
from helpers.templating import render

#: The groups a reader compares: founding members count as members.
GROUPS = ("member", "observer", "dialogue partner")
#: How a vote stood to Russia's vote on the same resolution.
ALIGNMENTS = ("with Russia", "abstained", "against Russia", "did not vote", "unknown")
#: Colours (Okabe and Ito's palette, safe for the common colour-vision deficiencies), a letter
#: for each vote so that colour is never the only cue, and the text colour that reads on each.
VOTE_STYLE = {
    "yes": ("#0072B2", "Y", "#FFFFFF"),
    "no": ("#D55E00", "N", "#000000"),
    "abstain": ("#F0E442", "A", "#000000"),
    "absent": ("#BBBBBB", "–", "#000000"),
    "unknown": ("#FFFFFF", "?", "#000000"),
}
#: The chart's panels: a short name (shown), a long one (its title) and the topics of ``un_resolutions.csv`` it shows.
PANELS = (
    ("Georgia", "Georgia's resolutions on the displaced", ("georgia displaced persons",)),
    (
        "Ukraine",
        "Ukraine's territorial integrity, Crimea and the emergency session",
        ("ukraine territorial integrity", "crimea human rights", "ukraine emergency session"),
    ),
)


def group_of(status: str) -> str:
    """The group of an SCO status: ``founding member`` and ``member`` are both ``member``.

    Parameters
    ----------
    status : str
        One of ``data.STATUSES``.

    Returns
    -------
    str
        One of :data:`GROUPS`.

    Raises
    ------
    ValueError
        If ``status`` is not a status.

    Examples
    --------
    >>> group_of("founding member"), group_of("observer")
    ('member', 'observer')
    """
    data.expect_choice(status, "status", data.STATUSES)
    return "member" if status in ("founding member", "member") else status


def resolutions() -> pd.DataFrame:
    """The resolutions, oldest first, with their year and a short label (``68/262``).

    Returns
    -------
    pandas.DataFrame
        The rows of ``data/un_resolutions.csv`` and the columns ``year`` and ``label``.

    Examples
    --------
    >>> resolutions().loc[0, "label"]
    '62/249'
    """
    res = data.load("un_resolutions").sort_values("date").reset_index(drop=True)
    res["year"] = res["date"].dt.year
    res["label"] = res["symbol"].str.replace("A/RES/", "", regex=False)
    return res


def votes() -> pd.DataFrame:
    """One row per resolution and state: the vote, the state's group that day, and how it stood to Russia's.

    A vote is ``with Russia`` when it was the same vote as Russia's.

    Returns
    -------
    pandas.DataFrame
        Columns ``resolution``, ``symbol``, ``date``, ``year``, ``topic``, ``state``, ``name``,
        ``status``, ``group``, ``vote``, ``russia`` and ``alignment`` (one of :data:`ALIGNMENTS`).

    Examples
    --------
    >>> votes()[["symbol", "name", "vote", "alignment"]].iloc[0].tolist()
    ['62/249', 'China', 'abstain', 'abstained']
    """
    res = resolutions().set_index("id")
    v = data.load("un_votes")
    names = data.load("states").set_index("iso3")["name"]
    russia = v[v["state"] == "RUS"].set_index("resolution")["vote"].astype(str)
    out = pd.DataFrame(
        {
            "resolution": v["resolution"].astype(str),
            "symbol": v["resolution"].map(res["label"]).astype(str),
            "date": v["resolution"].map(res["date"]),
            "year": v["resolution"].map(res["year"]).astype(int),
            "topic": v["resolution"].map(res["topic"]).astype(str),
            "state": v["state"].astype(str),
            "name": v["state"].map(names).astype(str),
            "status": v["status"].astype(str),
            "group": v["status"].astype(str).map(group_of),
            "vote": v["vote"].astype(str),
            "russia": v["resolution"].map(russia),
        }
    )
    out["alignment"] = [_alignment(vote, rus) for vote, rus in zip(out["vote"], out["russia"])]
    return out.sort_values(["date", "group", "name"]).reset_index(drop=True)


def _alignment(vote: str, russia: str) -> str:
    if vote == "unknown":
        return "unknown"
    if vote == "absent":
        return "did not vote"
    if vote == russia:
        return "with Russia"
    if vote == "abstain":
        return "abstained"
    return "against Russia"


def _state_order(v: pd.DataFrame) -> list[str]:
    """Russia first, then the states by the group they were last in, then by name."""
    last = v.sort_values("date").groupby("name")["group"].last()
    order = sorted(last.index, key=lambda n: (n != "Russia", GROUPS.index(last[n]), n))
    return order


def vote_matrix() -> pd.DataFrame:
    """States (rows) by resolutions (columns, oldest first): each cell the state's vote.

    A cell is empty where the state held no SCO status that day. This is the text
    alternative of :func:`vote_chart`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``state`` (Russia first), one column per resolution's label.

    Examples
    --------
    >>> vote_matrix().loc["China", "62/249"]
    'abstain'
    """
    v = votes()
    cols = list(resolutions()["label"])
    matrix = v.pivot(index="name", columns="symbol", values="vote").reindex(index=_state_order(v), columns=cols)
    matrix.index.name = "state"
    matrix.columns.name = None
    return matrix.fillna("")


def vote_chart() -> Chart:
    """The votes as a grid: a row per state, a column per resolution, a coloured cell with a letter for each vote.

    One panel per entry of :data:`PANELS` (Georgia's resolutions, then Ukraine's), so that each fits a
    printed page. The letters: Y yes, N no, A abstain, – did not vote, ? unknown.

    Returns
    -------
    Chart
        Shown in a notebook as the chart and, after it, :func:`vote_matrix` as a table.

    Examples
    --------
    >>> vote_chart().svg.count('class="sco-vote-chart" role="img"') == len(PANELS)
    True
    """
    return Chart(vote_matrix(), resolutions())


class Chart:
    """An SVG chart with its text alternative: ``_repr_html_`` shows both.

    Parameters
    ----------
    matrix : pandas.DataFrame
        The votes, as :func:`vote_matrix` gives them.
    res : pandas.DataFrame
        The resolutions, as :func:`resolutions` gives them.
    """

    def __init__(self, matrix: pd.DataFrame, res: pd.DataFrame):
        self.matrix, self.res = matrix, res
        self.title = "How each SCO state voted on the General Assembly's resolutions on Georgia and Ukraine"
        self.svg = self._svg()

    def _svg(self) -> str:
        """One SVG per panel of :data:`PANELS`, each with the states that voted in it, so each fits a printed page."""
        label_w, cell, top, gap = 150, 26, 92, 2
        years = dict(zip(self.res["label"], self.res["year"]))
        topics = dict(zip(self.res["label"], self.res["topic"]))
        panels = []
        for number, (short, name, panel_topics) in enumerate(PANELS, start=1):
            cols = [col for col in self.matrix.columns if topics[col] in panel_topics]
            if not cols:
                continue
            states = [s for s in self.matrix.index if (self.matrix.loc[s, cols] != "").any()]
            panels.append(
                render(
                    "vote_chart.html",
                    ident=f"sco-vote-chart-{number}",
                    title=f"{self.title}: {name}",
                    short=short,
                    label_w=label_w,
                    cell=cell,
                    top=top,
                    gap=gap,
                    styles=VOTE_STYLE,
                    width=label_w + len(cols) * cell + 80,  # room for the slanted labels
                    height=top + len(states) * cell + 24 + len(VOTE_STYLE) * 22,
                    columns=[(col, years[col]) for col in cols],
                    rows=[(state, [self.matrix.loc[state, col] for col in cols]) for state in states],
                )
            )
        return "\n".join(panels)

    def _repr_html_(self) -> str:
        table = table_html(self.matrix, index=True, label="Table: the votes of the chart, as words")
        return render("vote_chart_figure.html", title=self.title, svg_html=self.svg, table_html=table)

    def __repr__(self) -> str:
        return self.title + "\n" + self.matrix.to_string()


def shares(by: tuple[str, ...] | list[str] = ("year", "group")) -> pd.DataFrame:
    """The share (per cent, one decimal) of the SCO states' votes, Russia's own left out, by how they stood to Russia's.

    The columns are :data:`ALIGNMENTS`: with Russia, abstained, against it, not cast, unknown.

    Parameters
    ----------
    by : str or sequence of str, optional
        Any of ``year``, ``group``, ``topic``, ``symbol``, ``name``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``by``: the shares, and ``votes``, how many votes each row counts.

    Raises
    ------
    ValueError
        If ``by`` names another column.

    Examples
    --------
    >>> shares("year").loc[2008].tolist()
    [22.2, 66.7, 0.0, 11.1, 0.0, 9.0]
    """
    allowed = ("year", "group", "topic", "symbol", "name")
    if isinstance(by, str):
        by = (by,)
    for b in by:
        data.expect_choice(b, "grouping", allowed)
    v = votes()
    v = v[v["state"] != "RUS"]
    counts = pd.crosstab([v[b] for b in by], v["alignment"]).reindex(columns=list(ALIGNMENTS), fill_value=0)
    out = (counts.div(counts.sum(axis=1), axis=0) * 100).round(1)
    out.columns.name = None
    out["votes"] = counts.sum(axis=1)
    return out


#: The vote the chapter sets beside each war (the first the data holds after it began, and,
#: for 2008, the last before it as well).
WAR_VOTES = (
    ("Georgia, before the war", "62-249"),
    ("Georgia, after the war", "63-307"),
    ("Ukraine, 2014", "68-262"),
    ("Ukraine, March 2022", "es-11-1"),
    ("Ukraine, October 2022", "es-11-4"),
    ("Ukraine, 2023", "es-11-6"),
)


def war_votes() -> pd.DataFrame:
    """For each vote of :data:`WAR_VOTES`: how many of the other SCO states of the day stood where to Russia.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``war``: the resolution, its date, how many other SCO states, and how many
        voted with Russia, abstained, voted against it, did not vote, or are unknown.

    Examples
    --------
    >>> war_votes().loc["Georgia, before the war", ["states", "with Russia", "abstained"]].tolist()
    [9, 2, 6]
    """
    v = votes()
    v = v[v["state"] != "RUS"]
    rows = []
    for war, rid in WAR_VOTES:
        mine = v[v["resolution"] == rid]
        rows.append(
            {
                "war": war,
                "resolution": mine["symbol"].iloc[0],
                "date": mine["date"].iloc[0],
                "states": len(mine),
                **{a: int((mine["alignment"] == a).sum()) for a in ALIGNMENTS},
            }
        )
    return pd.DataFrame(rows).set_index("war")
