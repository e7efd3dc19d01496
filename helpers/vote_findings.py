"""Chapter 7's figures: every figure the chapter states in its prose, computed from the UN votes.

Part of :mod:`helpers.lab` (a chapter imports that): :func:`findings` computes them,
:func:`sentences` writes them into the chapter's sentences, and :func:`say` shows one.
A sentence shown as HTML comes from ``helpers/templates/finding.html``.
"""

from __future__ import annotations

from typing import Any

from helpers import data
from helpers.templating import render
from helpers.un_votes import ALIGNMENTS, resolutions, votes

#: How the prose names the resolutions of each topic.
TOPIC_PHRASE = {
    "georgia displaced persons": "the displaced persons of Abkhazia and South Ossetia",
    "ukraine territorial integrity": "the territorial integrity of Ukraine",
    "crimea human rights": "the human rights situation in Crimea",
    "ukraine emergency session": "the emergency session on Ukraine",
}


def findings() -> dict[str, Any]:
    """Every figure the chapter states in its prose, computed from the data.

    Returns
    -------
    dict
        The figures by name (``resolutions``, ``china_no``, ``r2014``...); a war's vote
        (``r2008``...) is a dict of counts by alignment and ``states``.

    Examples
    --------
    >>> f = findings()
    >>> f["first_year"], f["russia_always_no"]
    (2008, True)
    """
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
    f["china_no_by_topic"] = china.loc[china["vote"] == "no", "topic"].value_counts().to_dict()
    # the three wars' votes
    for key, rid in (("r2008", "62-249"), ("r2009", "63-307"), ("r2014", "68-262"), ("r2022", "es-11-1"), ("r2022b", "es-11-4")):
        row = v[v["resolution"] == rid]
        f[key] = {a: int((row.loc[row["state"] != "RUS", "alignment"] == a).sum()) for a in ALIGNMENTS}
        f[key]["states"] = int((row["state"] != "RUS").sum())
    f["known_share_with_russia"] = round(100 * (with_known.loc[with_known["state"] != "RUS", "alignment"] == "with Russia").mean(), 1)
    return f


def _n(k: int, one: str, many: str | None = None) -> str:
    return f"{k} {one if k == 1 else (many or one + 's')}"


class Sentence:
    """A sentence of the chapter's prose whose figures come from :func:`findings`.

    Parameters
    ----------
    text : str
        The sentence.
    """

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return render("finding.html", text=self.text)

    def __repr__(self) -> str:
        return self.text


def sentences() -> dict[str, str]:
    """The chapter's sentences that state figures, keyed by name, built from :func:`findings`.

    Returns
    -------
    dict of str to str
        The sentences, by name (``scope``, ``russia``, ``china``, ``r2014``...).

    Examples
    --------
    >>> sentences()["russia"]
    'Russia voted no on every one of them.'
    """
    f = findings()
    r08, r09, r14, r22, r22b = f["r2008"], f["r2009"], f["r2014"], f["r2022"], f["r2022b"]
    return {
        "scope": (
            f"The data hold {_n(f['resolutions'], 'resolution')} voted on between {f['first_year']} and "
            f"{f['last_year']}: {_n(f['state_votes'], 'vote')} of {_n(f['states'], 'state')} that were SCO "
            f"members, observers or dialogue partners on the day (Russia included), "
            + (
                "every one of them known."
                if not f["unknown"]
                else f"of which {_n(f['unknown'], 'vote')} could not be found and {'is' if f['unknown'] == 1 else 'are'} recorded as unknown."
            )
        ),
        "russia": ("Russia voted no on every one of them." if f["russia_always_no"] else "Russia did not vote no on every one of them."),
        "others": (
            f"Of the other states' {_n(f['others_votes'], 'vote')}, {f['others_no']} were no votes like "
            f"Russia's, {f['others_abstain']} abstentions, {f['others_yes']} yes votes against Russia and "
            f"{f['others_absent']} not cast."
        ),
        "members": f"Of the members' own {_n(f['member_votes'], 'vote')}, {_yes_phrase(f['member_yes'])}.",
        "china": (
            f"China voted no {_n(f['china_no'], 'time')} and abstained {_n(f['china_abstain'], 'time')} "
            f"out of {f['china_votes']}" + (f". Its no votes: {_topic_counts(f['china_no_by_topic'])}." if f["china_no_by_topic"] else ".")
        ),
        "r2008": (
            f"On resolution 62/249 (May 2008, before the war) {_n(r08['states'], 'other SCO state')}: "
            f"{r08['with Russia']} voted no with Russia, {r08['abstained']} abstained, "
            f"{r08['against Russia']} voted yes, {r08['did not vote']} did not vote. On 63/307 (September 2009, the first after the war) "
            f"{_n(r09['states'], 'other SCO state')}: {r09['with Russia']} voted no, {r09['abstained']} "
            f"abstained, {r09['against Russia']} voted yes, {r09['did not vote']} did not vote."
        ),
        "r2014": (
            f"On resolution 68/262 (March 2014) {_n(r14['states'], 'other SCO state')}: "
            f"{r14['with Russia']} voted no with Russia, {r14['abstained']} abstained, "
            f"{r14['against Russia']} voted yes and {r14['did not vote']} did not vote."
        ),
        "r2022": (
            f"On resolution ES-11/1 (March 2022) {_n(r22['states'], 'other SCO state')}: "
            f"{r22['with Russia']} voted no with Russia, {r22['abstained']} abstained, "
            f"{r22['against Russia']} voted yes and {r22['did not vote']} did not vote"
            + (f"; {r22['unknown']} {'is' if r22['unknown'] == 1 else 'are'} unknown." if r22["unknown"] else ".")
        ),
        "r2022b": (
            f"On resolution ES-11/4 (October 2022), on the territorial integrity of Ukraine like 68/262, "
            f"{_n(r22b['states'], 'other SCO state')}: {r22b['with Russia']} voted no with Russia, "
            f"{r22b['abstained']} abstained, {r22b['against Russia']} voted yes and {r22b['did not vote']} did "
            "not vote" + (f"; {r22b['unknown']} {'is' if r22b['unknown'] == 1 else 'are'} unknown (yes or not cast)." if r22b["unknown"] else ".")
        ),
        "share": (
            f"Over all the resolutions, {f['known_share_with_russia']} per cent of the other states' known "
            "votes, abstentions and votes not cast included, were no votes like Russia's."
        ),
    }


def _topic_counts(counts: dict[str, int]) -> str:
    """``{topic: n}`` in words, most first: "10 on the human rights situation in Crimea and 1 on ..."."""
    parts = [f"{n} on {TOPIC_PHRASE[topic]}" for topic, n in sorted(counts.items(), key=lambda tn: (-tn[1], tn[0]))]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _yes_phrase(count: int) -> str:
    """How many of the members' votes were yes, in words."""
    if count == 0:
        return "not one was a yes"
    return "only one was a yes" if count == 1 else f"only {count} were yes votes"


def say(name: str) -> Sentence:
    """One of the chapter's sentences with its figures computed from the data.

    Parameters
    ----------
    name : str
        One of the names of :func:`sentences`.

    Returns
    -------
    Sentence
        Shown in a notebook as a paragraph.

    Raises
    ------
    ValueError
        If there is no sentence of that name.

    Examples
    --------
    >>> say("russia")
    Russia voted no on every one of them.
    """
    found = sentences()
    data.expect_choice(name, "sentence", found)
    return Sentence(found[name])
