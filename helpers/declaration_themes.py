"""Chapter 7's words: one theme of the declarations followed through the years, as a table and a widget.

Part of :mod:`helpers.lab` (a chapter imports that). The widget works in the static book
like the others (see :mod:`helpers.panes`); its panes come from
``helpers/templates/theme_years.html``, every string from the data escaped, and a citation
links only to an http(s) address.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from helpers import data
from helpers.panes import citation, pane, selector
from helpers.templating import render

#: How the themes are written as headings.
THEME_TITLES = {t: t[0].upper() + t[1:] for t in data.DECLARATION_THEMES}
#: How each status of a passage is labelled.
_STATUS_LABEL = {
    "quoted": "The declaration’s words",
    "reported": "As a reporter puts it (not the text’s words)",
    "reported absent": "Reported absent",
    "absent": "Absent from the text, read in full",
}


def theme_table(theme: str) -> pd.DataFrame:
    """For each heads-of-state declaration, oldest first: what the book has on ``theme``.

    Parameters
    ----------
    theme : str
        One of ``data.DECLARATION_THEMES``.

    Returns
    -------
    pandas.DataFrame
        One row per passage, or one row saying why there is none: ``year``, ``meeting``,
        ``summit``, ``reading``, ``status``, ``excerpt``, ``gloss``, ``source``, ``place``.

    Raises
    ------
    ValueError
        If ``theme`` is not a theme.

    Examples
    --------
    >>> theme_table("ukraine").loc[0, "status"]
    'not read in full: nothing recorded'
    """
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
            what = "not read in full: nothing recorded" if t.reading != "in full" else "absent"
            rows.append({**base, "status": what, "excerpt": "", "gloss": "", "source": "", "place": ""})
        for p in found.itertuples():
            rows.append(
                {
                    **base,
                    "status": str(p.status),
                    "excerpt": "" if data.blank(p.excerpt) else str(p.excerpt),
                    "gloss": str(p.gloss),
                    "source": str(p.source),
                    "place": "" if data.blank(p.place) else str(p.place),
                }
            )
    return pd.DataFrame(rows).sort_values(["year", "meeting"], kind="stable").reset_index(drop=True)


_READ_PHRASE = {"in full": "read in full", "in part": "read only in part", "not read": "not read"}


def theme_html(theme: str) -> str:
    """One theme through the declarations, year by year, as HTML.

    Parameters
    ----------
    theme : str
        One of ``data.DECLARATION_THEMES``.

    Returns
    -------
    str
        The HTML (``helpers/templates/theme_years.html``), every string escaped.

    Raises
    ------
    ValueError
        If ``theme`` is not a theme.

    Examples
    --------
    >>> theme_html("ukraine")
    '<p class="sco-theme-title"><strong>Ukraine</strong></p><p class="sco-gloss">“Nothing recorded” marks a gap ...'
    """
    table = theme_table(theme)
    years = []
    for year, rows in table.groupby("year", sort=True):
        first = rows.iloc[0]
        unread = _READ_PHRASE[first["reading"]] if first["status"] == "not read in full: nothing recorded" else None
        passages = (
            [
                {"label": _STATUS_LABEL.get(r.status, r.status), "excerpt": r.excerpt, "gloss": r.gloss, "cite": citation(r.source, r.place)}
                for r in rows.itertuples()
            ]
            if unread is None
            else []
        )
        years.append((year, first["summit"], unread, passages))
    return render("theme_years.html", title=THEME_TITLES[theme], years=years)


def follow_theme(theme: str = "territorial integrity and non-interference") -> w.VBox:
    """Choose a theme to follow it through the declarations, year by year (works in the static book).

    Parameters
    ----------
    theme : str, optional
        The theme shown first.

    Returns
    -------
    ipywidgets.VBox
        A selector over one pane per theme.

    Raises
    ------
    ValueError
        If ``theme`` is not a theme.

    Examples
    --------
    >>> follow_theme("ukraine").children[0].value
    'ukraine'
    """
    data.expect_choice(theme, "theme", data.DECLARATION_THEMES)
    themes = list(data.DECLARATION_THEMES)
    box = selector("Theme:", [(THEME_TITLES[t], t) for t in themes], themes.index(theme), [pane(theme_html(t), "sco-theme") for t in themes])
    box.add_class("sco-follow-theme")
    return box
