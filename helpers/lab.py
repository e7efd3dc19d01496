"""Chapter 7, the lab: how each SCO state voted in the UN General Assembly, and what the
declarations said, theme by theme.

* :func:`votes` – one row per resolution and state (the SCO states of the day and Russia),
  with the year, the resolution's topic, the state's group and how its vote stood to Russia's;
* :func:`vote_matrix` – states by resolutions, the votes as words: the text beside the chart;
* :func:`vote_chart` – the same as a colour-blind-safe chart (a letter in every cell too);
* :func:`shares` – the share of the SCO states (Russia left out) voting with Russia, abstaining,
  against it, not voting, by year and group;
* :func:`findings` – every figure the chapter states in its prose, computed here and nowhere else;
  :func:`say` shows one of them as a sentence;
* :func:`theme_html` / :func:`follow_theme` – one theme of the declarations through the years,
  as a widget that works in the static book (panes switched by ``jslink``).

Every string from the data is escaped before it reaches a page; links are http(s) only.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers import data
from helpers.tables import scroll_area
from helpers.widgets import _pane, _selector, cite_html

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
#: How the prose names the resolutions of each topic.
TOPIC_PHRASE = {
    "georgia displaced persons": "the displaced persons of Abkhazia and South Ossetia",
    "ukraine territorial integrity": "the territorial integrity of Ukraine",
    "crimea human rights": "the human rights situation in Crimea",
    "ukraine emergency session": "the emergency session on Ukraine",
}
TOPIC_SHORT = {
    "georgia displaced persons": "Georgia: displaced persons",
    "ukraine territorial integrity": "Ukraine: territorial integrity",
    "crimea human rights": "Crimea: human rights",
    "ukraine emergency session": "Ukraine: emergency session",
}


def _esc(value: Any) -> str:
    return "" if data.blank(value) else html.escape(str(value), quote=True)


def group_of(status: str) -> str:
    """The group of an SCO status: ``founding member`` and ``member`` are both ``member``."""
    data.expect_choice(status, "status", data.STATUSES)
    return "member" if status in ("founding member", "member") else status


def resolutions() -> pd.DataFrame:
    """The resolutions, oldest first, with their year and a short label (``68/262``)."""
    res = data.load("un_resolutions").sort_values("date").reset_index(drop=True)
    res["year"] = res["date"].dt.year
    res["label"] = res["symbol"].str.replace("A/RES/", "", regex=False)
    return res


def votes() -> pd.DataFrame:
    """One row per resolution and state: the vote, the state's group that day and how the
    vote stood to Russia's (``with Russia`` when it was the same vote)."""
    res = resolutions().set_index("id")
    v = data.load("un_votes")
    names = data.load("states").set_index("iso3")["name"]
    russia = v[v["state"] == "RUS"].set_index("resolution")["vote"].astype(str)
    out = pd.DataFrame({
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
    })
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
    """States (rows) by resolutions (columns, oldest first): each cell the state's vote, empty
    where the state held no SCO status that day. The text alternative of :func:`vote_chart`."""
    v = votes()
    cols = list(resolutions()["label"])
    matrix = v.pivot(index="name", columns="symbol", values="vote").reindex(index=_state_order(v), columns=cols)
    matrix.index.name = "state"
    matrix.columns.name = None
    return matrix.fillna("")


def vote_chart() -> Chart:
    """The votes as a grid: a row per state, a column per resolution, a coloured cell with a
    letter for each vote (Y yes, N no, A abstain, – did not vote, ? unknown)."""
    return Chart(vote_matrix(), resolutions())


class Chart:
    """An SVG chart with its text alternative: ``_repr_html_`` shows both."""

    def __init__(self, matrix: pd.DataFrame, res: pd.DataFrame):
        self.matrix, self.res = matrix, res
        self.title = "How each SCO state voted on the General Assembly's resolutions on Georgia and Ukraine"
        self.svg = self._svg()

    def _svg(self) -> str:
        label_w, cell, top, gap = 150, 26, 92, 2
        states, cols = list(self.matrix.index), list(self.matrix.columns)
        width = max(label_w + len(cols) * cell + 80, 10 + len(VOTE_STYLE) * 115)  # room for the slanted labels
        height = top + len(states) * cell + 70
        years = dict(zip(self.res["label"], self.res["year"]))
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="sco-vote-chart" role="img" '
            f'aria-labelledby="sco-vote-chart-title sco-vote-chart-desc" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="system-ui, sans-serif" font-size="12">',
            f'<title id="sco-vote-chart-title">{_esc(self.title)}</title>',
            '<desc id="sco-vote-chart-desc">A grid: one row per state, one column per resolution, oldest first. '
            "Each cell holds a letter: Y yes, N no, A abstain, a dash did not vote, a question mark unknown; "
            "an empty cell means the state held no SCO status that day. The table after the chart gives the same "
            "votes as words.</desc>",
        ]
        for j, col in enumerate(cols):
            x = label_w + j * cell + cell / 2
            parts.append(f'<text x="{x}" y="{top - 6}" transform="rotate(-60 {x} {top - 6})" '
                         f'font-size="11">{_esc(col)} ({_esc(years[col])})</text>')
        for i, state in enumerate(states):
            y = top + i * cell
            parts.append(f'<text x="{label_w - 6}" y="{y + cell / 2 + 4}" text-anchor="end">{_esc(state)}</text>')
            for j, col in enumerate(cols):
                vote = self.matrix.loc[state, col]
                if not vote:
                    continue
                fill, letter, ink = VOTE_STYLE[vote]
                x = label_w + j * cell
                dash = ' stroke-dasharray="3 2"' if vote == "unknown" else ""
                parts.append(f'<rect x="{x + gap / 2}" y="{y + gap / 2}" width="{cell - gap}" height="{cell - gap}" '
                             f'fill="{fill}" stroke="#555555" stroke-width="0.6"{dash}/>'
                             f'<text x="{x + cell / 2}" y="{y + cell / 2 + 4}" text-anchor="middle" fill="{ink}" '
                             f'font-weight="bold">{letter}</text>')
        ly = top + len(states) * cell + 20
        for k, (vote, (fill, letter, ink)) in enumerate(VOTE_STYLE.items()):
            x = 10 + k * 115
            word = {"absent": "did not vote"}.get(vote, vote)
            parts.append(f'<rect x="{x}" y="{ly}" width="18" height="18" fill="{fill}" stroke="#555555"/>'
                         f'<text x="{x + 9}" y="{ly + 13}" text-anchor="middle" fill="{ink}" font-weight="bold">{letter}</text>'
                         f'<text x="{x + 22}" y="{ly + 13}">{_esc(word)}</text>')
        parts.append("</svg>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        from helpers.tables import table_html

        figure = scroll_area(self.svg, "Chart: " + self.title)
        table = table_html(self.matrix, index=True, label="Table: the votes of the chart, as words")
        return (f'<figure class="sco-chart">{figure}<figcaption>{_esc(self.title)}. The same votes as a table '
                f"follow.</figcaption></figure>{table}")

    def __repr__(self) -> str:
        return self.title + "\n" + self.matrix.to_string()


def shares(by: tuple[str, ...] | list[str] = ("year", "group")) -> pd.DataFrame:
    """The share (per cent, one decimal) of the SCO states' votes, Russia's own left out, that
    went with Russia, abstained, went against it, were not cast or are unknown, by ``by``
    (any of ``year``, ``group``, ``topic``, ``symbol``, ``name``)."""
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
WAR_VOTES = (("Georgia, before the war", "62-249"), ("Georgia, after the war", "63-307"),
             ("Ukraine, 2014", "68-262"), ("Ukraine, March 2022", "es-11-1"),
             ("Ukraine, October 2022", "es-11-4"), ("Ukraine, 2023", "es-11-6"))


def war_votes() -> pd.DataFrame:
    """For each vote of :data:`WAR_VOTES`: how many of the other SCO states of the day voted
    with Russia, abstained, voted against it, did not vote, or are unknown."""
    v = votes()
    v = v[v["state"] != "RUS"]
    rows = []
    for war, rid in WAR_VOTES:
        mine = v[v["resolution"] == rid]
        rows.append({"war": war, "resolution": mine["symbol"].iloc[0], "date": mine["date"].iloc[0],
                     "states": len(mine), **{a: int((mine["alignment"] == a).sum()) for a in ALIGNMENTS}})
    return pd.DataFrame(rows).set_index("war")


# ---------------------------------------------------------------------------
# The figures the prose states
# ---------------------------------------------------------------------------
def findings() -> dict[str, Any]:
    """Every figure the chapter states in its prose, computed from the data."""
    res = resolutions()
    v = votes()
    others = v[v["state"] != "RUS"]
    with_known = v[v["vote"] != "unknown"]
    f: dict[str, Any] = {}
    f["resolutions"] = len(res)
    f["first_year"], f["last_year"] = int(res["year"].min()), int(res["year"].max())
    f["state_votes"] = len(v)
    f["states"] = v["state"].nunique()
    f["unknown"] = int((v["vote"] == "unknown").sum())
    f["russia_always_no"] = bool((v.loc[v["state"] == "RUS", "vote"] == "no").all())
    f["others_yes"] = int((others["vote"] == "yes").sum())
    f["others_no"] = int((others["vote"] == "no").sum())
    f["others_abstain"] = int((others["vote"] == "abstain").sum())
    f["others_absent"] = int((others["vote"] == "absent").sum())
    f["others_votes"] = len(others)
    # members (founding members included) against Russia, ever
    members = others[others["group"] == "member"]
    f["member_yes"] = int((members["vote"] == "yes").sum())
    f["member_votes"] = len(members)
    # China
    china = v[v["state"] == "CHN"]
    f["china_no"] = int((china["vote"] == "no").sum())
    f["china_abstain"] = int((china["vote"] == "abstain").sum())
    f["china_votes"] = len(china)
    f["china_no_topics"] = sorted(set(china.loc[china["vote"] == "no", "topic"]))
    # the three wars' votes
    for key, rid in (("r2008", "62-249"), ("r2009", "63-307"), ("r2014", "68-262"), ("r2022", "es-11-1"),
                     ("r2022b", "es-11-4")):
        row = v[v["resolution"] == rid]
        f[key] = {a: int((row.loc[row["state"] != "RUS", "alignment"] == a).sum()) for a in ALIGNMENTS}
        f[key]["states"] = int((row["state"] != "RUS").sum())
    f["known_share_with_russia"] = round(100 * (with_known.loc[with_known["state"] != "RUS", "alignment"]
                                               == "with Russia").mean(), 1)
    return f


def _n(k: int, one: str, many: str | None = None) -> str:
    return f"{k} {one if k == 1 else (many or one + 's')}"


class Sentence:
    """A sentence of the chapter's prose whose figures come from :func:`findings`."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return f'<p class="sco-finding">{_esc(self.text)}</p>'

    def __repr__(self) -> str:
        return self.text


def sentences() -> dict[str, str]:
    """The chapter's sentences that state figures, keyed by name, built from :func:`findings`."""
    f = findings()
    r08, r09, r14, r22, r22b = f["r2008"], f["r2009"], f["r2014"], f["r2022"], f["r2022b"]
    return {
        "scope": (f"The data hold {_n(f['resolutions'], 'resolution')} voted on between {f['first_year']} and "
                  f"{f['last_year']}: {_n(f['state_votes'], 'vote')} of {_n(f['states'], 'state')} that were SCO "
                  f"members, observers or dialogue partners on the day (Russia included), of which "
                  f"{_n(f['unknown'], 'vote')} could not be found and {'is' if f['unknown'] == 1 else 'are'} "
                  "recorded as unknown."),
        "russia": ("Russia voted no on every one of them." if f["russia_always_no"]
                   else "Russia did not vote no on every one of them."),
        "others": (f"Of the other states' {_n(f['others_votes'], 'vote')}, {f['others_no']} were no votes like "
                   f"Russia's, {f['others_abstain']} abstentions, {f['others_yes']} yes votes against Russia and "
                   f"{f['others_absent']} not cast."),
        "members": (f"The members themselves cast {_n(f['member_votes'], 'vote')} and "
                    f"{'not one was a yes' if f['member_yes'] == 0 else _n(f['member_yes'], 'yes vote')}."),
        "china": (f"China voted no {_n(f['china_no'], 'time')} and abstained {_n(f['china_abstain'], 'time')} "
                  f"out of {f['china_votes']}; its no votes were all on "
                  f"{' and '.join(TOPIC_PHRASE[t] for t in f['china_no_topics']) or 'nothing'}."),
        "r2008": (f"On resolution 62/249 (May 2008, before the war) {_n(r08['states'], 'other SCO state')}: "
                  f"{r08['with Russia']} voted no with Russia, {r08['abstained']} abstained, "
                  f"{r08['against Russia']} voted yes. On 63/307 (September 2009, the first after the war) "
                  f"{_n(r09['states'], 'other SCO state')}: {r09['with Russia']} voted no, {r09['abstained']} "
                  f"abstained, {r09['against Russia']} voted yes, {r09['did not vote']} did not vote."),
        "r2014": (f"On resolution 68/262 (March 2014) {_n(r14['states'], 'other SCO state')}: "
                  f"{r14['with Russia']} voted no with Russia, {r14['abstained']} abstained, "
                  f"{r14['against Russia']} voted yes and {r14['did not vote']} did not vote."),
        "r2022": (f"On resolution ES-11/1 (March 2022) {_n(r22['states'], 'other SCO state')}: "
                  f"{r22['with Russia']} voted no with Russia, {r22['abstained']} abstained, "
                  f"{r22['against Russia']} voted yes and {r22['did not vote']} did not vote"
                  + (f"; {r22['unknown']} {'is' if r22['unknown'] == 1 else 'are'} unknown." if r22["unknown"] else ".")),
        "r2022b": (f"On resolution ES-11/4 (October 2022), on the territorial integrity of Ukraine like 68/262, "
                   f"{_n(r22b['states'], 'other SCO state')}: {r22b['with Russia']} voted no with Russia, "
                   f"{r22b['abstained']} abstained, {r22b['against Russia']} voted yes and {r22b['did not vote']} did "
                   "not vote"
                   + (f"; {r22b['unknown']} {'is' if r22b['unknown'] == 1 else 'are'} unknown (yes or not cast)."
                      if r22b["unknown"] else ".")),
        "share": (f"Over all the resolutions, {f['known_share_with_russia']} per cent of the other states' known "
                  "votes, abstentions and votes not cast included, were no votes like Russia's."),
    }


def say(name: str) -> Sentence:
    """One of the chapter's sentences with its figures computed from the data."""
    found = sentences()
    data.expect_choice(name, "sentence", found)
    return Sentence(found[name])


# ---------------------------------------------------------------------------
# The words: one theme through the declarations
# ---------------------------------------------------------------------------
THEME_TITLES = {t: t[0].upper() + t[1:] for t in data.DECLARATION_THEMES}
_STATUS_LABEL = {"quoted": "The declaration’s words", "reported": "As a reporter puts it (not the text’s words)",
                 "reported absent": "Reported absent", "absent": "Absent from the text, read in full"}


def theme_table(theme: str) -> pd.DataFrame:
    """For each heads-of-state declaration, oldest first: what the book has on ``theme``
    (one row per passage, or one row saying why there is none)."""
    data.expect_choice(theme, "theme", data.DECLARATION_THEMES)
    texts = data.load("declaration_texts")
    meets = data.load("meetings").set_index("id")
    passages = data.load("declaration_passages")
    passages = passages[passages["theme"] == theme]
    rows = []
    for t in texts.itertuples():
        m = meets.loc[t.meeting]
        found = passages[passages["meeting"] == t.meeting]
        base = {"year": int(m["start"].year), "meeting": t.meeting, "summit": str(m["name"]), "reading": str(t.reading)}
        if found.empty:
            what = ("not read in full: nothing recorded" if t.reading != "in full" else "absent")
            rows.append({**base, "status": what, "excerpt": "", "gloss": "", "source": "", "place": ""})
        for p in found.itertuples():
            rows.append({**base, "status": str(p.status), "excerpt": "" if data.blank(p.excerpt) else str(p.excerpt),
                         "gloss": str(p.gloss), "source": str(p.source), "place": "" if data.blank(p.place) else str(p.place)})
    return pd.DataFrame(rows).sort_values(["year", "meeting"], kind="stable").reset_index(drop=True)


_READ_PHRASE = {"in full": "read in full", "in part": "read only in part", "not read": "not read"}


def theme_html(theme: str) -> str:
    """One theme through the declarations, year by year, as HTML (every string escaped)."""
    table = theme_table(theme)
    items = []
    for year, rows in table.groupby("year", sort=True):
        first = rows.iloc[0]
        head = f'<strong>{_esc(year)}, {_esc(first["summit"])}</strong>'
        if first["status"] == "not read in full: nothing recorded":
            items.append(f'<li>{head}: <span class="sco-absent">text {_esc(_READ_PHRASE[first["reading"]])}; '
                         "nothing recorded</span></li>")
            continue
        body = []
        for r in rows.itertuples():
            label = _STATUS_LABEL.get(r.status, r.status)
            quote = f'<blockquote class="sco-excerpt">{_esc(r.excerpt)}</blockquote>' if r.excerpt else ""
            body.append(f'<p class="sco-label">{_esc(label)}</p>{quote}<p class="sco-gloss">{_esc(r.gloss)} '
                        f'<span class="sco-source">({cite_html(r.source, r.place)})</span></p>')
        items.append(f"<li>{head}{''.join(body)}</li>")
    return (f'<p class="sco-theme-title"><strong>{_esc(THEME_TITLES[theme])}</strong></p>'
            '<p class="sco-gloss">“Nothing recorded” marks a gap in our reading of that year’s text, '
            "not evidence that the declaration is silent on the theme.</p>"
            f'<ol class="sco-theme-years">{"".join(items)}</ol>')


def follow_theme(theme: str = "territorial integrity and non-interference") -> w.VBox:
    """Choose a theme to follow it through the declarations, year by year (works in the static book)."""
    data.expect_choice(theme, "theme", data.DECLARATION_THEMES)
    themes = list(data.DECLARATION_THEMES)
    box = _selector("Theme:", [(THEME_TITLES[t], t) for t in themes], themes.index(theme),
                    [_pane(theme_html(t), "sco-theme") for t in themes])
    box.add_class("sco-follow-theme")
    return box
