"""Chapter 7, the lab: how the SCO states voted in the UN General Assembly, and what the declarations said.

The one module the chapter imports; the code lives in three modules of one concern each:

* :mod:`helpers.un_votes` – the votes:

  - :func:`votes` – one row per resolution and state (the SCO states of the day and Russia),
    with the year, the resolution's topic, the state's group and how its vote stood to Russia's;
  - :func:`vote_matrix` – states by resolutions, the votes as words: the text beside the chart;
  - :func:`vote_chart` – the same as a colour-blind-safe chart (a letter in every cell too);
  - :func:`shares` – the share of the SCO states (Russia left out) voting with Russia, abstaining,
    against it, not voting, by year and group; :func:`war_votes` – the same counted at each war;

* :mod:`helpers.vote_findings` – :func:`findings`, every figure the chapter states in its prose,
  computed here and nowhere else; :func:`say` shows one of them as a sentence;
* :mod:`helpers.declaration_themes` – :func:`theme_table`, :func:`theme_html` and
  :func:`follow_theme`: one theme of the declarations through the years, as a widget that works
  in the static book (panes switched by ``jslink``).

Every string from the data is escaped by the templates that write the HTML; links are http(s) only.

>>> from helpers import lab
>>> lab.say("russia")
Russia voted no on every one of them.
"""

from __future__ import annotations

from helpers.declaration_themes import THEME_TITLES, follow_theme, theme_html, theme_table
from helpers.un_votes import (
    ALIGNMENTS,
    GROUPS,
    VOTE_STYLE,
    WAR_VOTES,
    Chart,
    group_of,
    resolutions,
    shares,
    vote_chart,
    vote_matrix,
    votes,
    war_votes,
)
from helpers.vote_findings import TOPIC_PHRASE, Sentence, findings, say, sentences

__all__ = [
    "ALIGNMENTS",
    "GROUPS",
    "THEME_TITLES",
    "TOPIC_PHRASE",
    "VOTE_STYLE",
    "WAR_VOTES",
    "Chart",
    "Sentence",
    "findings",
    "follow_theme",
    "group_of",
    "resolutions",
    "say",
    "sentences",
    "shares",
    "theme_html",
    "theme_table",
    "vote_chart",
    "vote_matrix",
    "votes",
    "war_votes",
]
