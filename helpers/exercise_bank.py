"""The code exercises of the book: each computes its expected answer from the data.

(Chapter authors: read chapters/README.md first: it explains the exercise conventions.)

Each chapter has its own section.  Register an exercise with ``@exercise(id, chapter,
outcome, kind, hint=...)`` above a function that returns the expected answer; the
chapter's student cell then calls ``check(id, answer)``.  Ids are unique across the
book (a test checks it, and that every ``check()`` in a chapter names a registered id).

The registered functions are private (``_ch1_founders``, or ``_``): they are the answer key,
not an interface, and are called only through :data:`REGISTRY`; this module has no public
function, so its docstrings are not numpydoc's.

The registry itself (``Exercise``, ``exercise``, ``source_exercise``) is in
``helpers/exercise_registry.py``.  The class pack ships no copy of this file: it is replaced
there by the exercises' fingerprints (``tools/classpack.py``), so that the pack holds no answer.
"""

from __future__ import annotations

from helpers import data
from helpers.exercise_registry import KINDS, REGISTRY, SOURCE_OUTCOMES, Exercise, exercise, source_exercise  # noqa: F401

# ---------------------------------------------------------------------------
# Source exercises (read, compare, argue): their learning outcomes
# ---------------------------------------------------------------------------
source_exercise("ex-ch1-beginnings", "Weigh competing dates for an institution's beginning against what each source counts as a start")
source_exercise("ex-ch2-two-verdicts", "Explain how two authors draw opposite verdicts from the same fact, citing the evidence and date of each")
source_exercise("ex-ch3-drafting", "Judge an anonymous insider claim about who drafted a declaration, and say what follows if it is true")
source_exercise("ex-ch4-putin-claim", "Test a leader's claim against reported statements, separating a source's reports from its author's conclusions")

# ---------------------------------------------------------------------------
# Small look-ups that several expected answers share
# ---------------------------------------------------------------------------
def _analysts_with(question: str, stance: str) -> list[str]:
    """Ids of the analysts who take ``stance`` on ``question``."""
    pos = data.load("positions")
    return list(pos[(pos["question"] == question) & (pos["stance"] == stance)]["analyst"])


def _fears_names(where: str, equals: str, show: str) -> list[str]:
    """Names, each once, of the ``show`` column ("place" or "state") of the fears rows whose ``where`` equals ``equals``."""
    fears = data.load("fears")
    names = data.load("places" if show == "place" else "states").set_index("id" if show == "place" else "iso3")["name"]
    return list(dict.fromkeys(fears.loc[fears[where] == equals, show].map(names)))


# ---------------------------------------------------------------------------
# Chapter 1: from the Shanghai Five to the SCO
# ---------------------------------------------------------------------------
source_exercise("ex-ch1-astana-fair", "Judge whether an analyst's reading of a declaration is fair to its words as quoted, and say what a newspaper's quotation can and cannot establish")

@exercise("ch1-founders", chapter=1, outcome="Use membership data to list the founding states of the Shanghai Five",
          kind="names", hint="Call data.members() on the day of the Shanghai meeting, 26 April 1996, and take the 'name' column.")
def _ch1_founders():
    return list(data.members("1996-04-26")["name"])


@exercise("ch1-observers-2005", chapter=1, outcome="Count the SCO's observer states at a given date",
          kind="number", hint="Use data.members() at the end of 2005 with status='observer', then count the rows.")
def _ch1_observers_2005():
    return len(data.members(2005, status="observer"))


@exercise("ch1-first-sco-summit", chapter=1,
          outcome="Query the meetings table to date the first SCO summit as the dataset records it",
          kind="date", hint="Keep the rows whose organisation is 'SCO' and whose level is 'heads of state'; take the earliest start.")
def _ch1_first_sco_summit():
    meets = data.load("meetings")
    sco = meets[(meets["organisation"] == "SCO") & (meets["level"] == "heads of state")]
    return sco["start"].min().date()


@exercise("ch1-members-2024", chapter=1, outcome="Count the full members of the SCO after its enlargements",
          kind="number", hint="Full members have the status 'founding member' or 'member': pass both to data.members(2024, status=[...]).")
def _ch1_members_2024():
    return len(data.members(2024, status=["founding member", "member"]))


# ---------------------------------------------------------------------------
# Chapter 2: Russia, Central Asia, China and the United States
# ---------------------------------------------------------------------------
CH2_CENTRAL_ASIA = ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan")


@exercise("ch2-outside-sco", chapter=2, outcome="Compare a list of states with the SCO's membership to find who stayed out",
          kind="names", hint="Take the names of every state with any status in data.members(2024) and keep the "
                             "Central Asian republics that are not among them.")
def _ch2_outside_sco():
    inside = set(data.members(2024)["name"])
    return [name for name in CH2_CENTRAL_ASIA if name not in inside]


@exercise("ch2-balance-analysts", chapter=2,
          outcome="Filter the analysts' positions to find who sees the SCO as a balance for the Central Asian states",
          kind="names", hint="In data.load('positions') keep the rows whose question is 'whose-instrument' and whose "
                             "stance is 'balance', then take the 'analyst' column.")
def _ch2_balance_analysts():
    return _analysts_with("whose-instrument", "balance")


@exercise("ch2-counterweight", chapter=2,
          outcome="Filter the analysts' positions to find who reads the SCO as a counterweight to the United States",
          kind="names", hint="Keep the rows of data.load('positions') whose question is 'us-presence' and whose stance "
                             "is 'counterweight'.")
def _ch2_counterweight():
    return _analysts_with("us-presence", "counterweight")


@exercise("ch2-russia-fears", chapter=2,
          outcome="Query the fears table for the regions of Russia that the sources say Moscow worries about",
          kind="names", hint="Keep the rows of data.load('fears') whose state is 'RUS'; the 'place' column holds place "
                             "ids; list each once (data.load('places') gives their names).")
def _ch2_russia_fears():
    return _fears_names("state", "RUS", "place")


# ---------------------------------------------------------------------------
# Chapter 3: Dushanbe, August 2008
# ---------------------------------------------------------------------------

source_exercise("ex-ch3-dushanbe-fair", "Judge whether an analyst's and a leader's readings of a declaration are fair to its own words, and say what a partial text cannot settle")

@exercise("ch3-days-to-summit", chapter=3, kind="number",
          outcome="Compute the interval between two dated events of the Georgia war from the timeline data",
          hint="Take the date of the Georgian attack on Tskhinvali and the date of the Dushanbe summit "
               "from data.load('events') and subtract them; .days gives a whole number.")
def _():
    events = data.load("events").set_index("id")
    gap = events.loc["2008-dushanbe-summit", "date"] - events.loc["2008-georgian-attack-tskhinvali", "date"]
    return int(gap.days)


@exercise("ch3-abdullo-regions", chapter=3, kind="names",
          outcome="Filter the fears table to list the regions one analyst names",
          hint="Keep the rows of data.fears_table() whose 'raised by' column is Rashid Abdullo, "
               "then list each region once.")
def _():
    return _fears_names("raised_by", "abdullo", "place")


@exercise("ch3-katz-fearful-states", chapter=3, kind="names",
          outcome="Use the fears table to find which member states an analyst says fear separatism",
          hint="Keep the rows of data.load('fears') raised by 'katz' and list each state once.")
def _():
    return _fears_names("raised_by", "katz", "state")


# ---------------------------------------------------------------------------
# Chapter 4: Dushanbe, September 2014
# ---------------------------------------------------------------------------

source_exercise("ex-ch4-dushanbe-fair", "Judge whether a news report's reading of a leader's words and of a declaration is fair to the transcript and the declaration's text")

@exercise("ch4-new-members", chapter=4, kind="names",
          outcome="Use the membership data to list the states admitted as full members after the 2014 summit",
          hint="Founding members have the status 'founding member'; later entrants have the status 'member'. "
               "Ask data.members() about a recent year with status='member'.")
def _():
    ms = data.load("membership")
    summit = data.meeting("2014-dushanbe")["end"]
    later = ms[(ms["status"] == "member") & (ms["start"] > summit)]
    states = data.load("states").set_index("iso3")
    return list(dict.fromkeys(later["state"].map(states["name"])))


@exercise("ch4-observers-2024", chapter=4, kind="number",
          outcome="Count the states holding one status at a given date",
          hint="Ask data.members(2024, status='observer') and count the rows; members and dialogue "
               "partners are not observers.")
def _():
    return len(data.members(2024, status="observer"))


@exercise("ch4-ukraine-stances", chapter=4, kind="table", columns=("analyst", "stance"),
          outcome="Select and sort the analysts' positions on one question",
          hint="Keep the rows of data.load('positions') whose question is 'ukraine-2014', keep the columns "
               "analyst and stance, and sort by analyst.")
def _():
    pos = data.load("positions")
    rows = pos[pos["question"] == "ukraine-2014"][["analyst", "stance"]]
    return rows.sort_values("analyst").reset_index(drop=True)



# ---------------------------------------------------------------------------
# Chapter 5: What is the SCO for? The competing readings, tested against the record
# ---------------------------------------------------------------------------
source_exercise("ex-ch5-claim-evidence", "Separate an author's claim from the evidence offered for it, and classify each piece of evidence by kind")
source_exercise("ex-ch5-weakest-link", "Find the weakest link in an analyst's argument and say what evidence would repair or break it")
source_exercise("ex-ch5-capstone", "Judge competing interpretations of an institution against the documentary record of two events, in a sustained written argument")

CH5_SUPPORT = ("fits", "partly fits")


@exercise("ch5-west-in-the-text", chapter=5, kind="names",
          outcome="Test a prediction against primary texts, classifying evidence by the kind of its words rather than by the publication that carries them",
          hint="In data.load('scorecard') keep the rows whose school is 'anti-western-bloc' and whose kind is "
               "'primary text' (the kind describes the quoted words, whoever publishes them), and list each "
               "event of those rows once.")
def _():
    card = data.load("scorecard")
    own = card[(card["school"] == "anti-western-bloc") & (card["kind"].astype(str) == "primary text")]
    return list(dict.fromkeys(own["event"].astype(str)))


@exercise("ch5-support", chapter=5, kind="table", columns=("school", "support"),
          outcome="Reduce a table of evidence to one verdict per cell and summarise the verdicts per group",
          hint="The scorecard has one row per piece of evidence: keep one row per school and event first "
               "(drop_duplicates on those two columns), count per school the cells whose verdict is 'fits' or "
               "'partly fits' (schools with none count 0), then sort by support, highest first, and by school.")
def _():
    card = data.load("scorecard")
    cells = card.drop_duplicates(["school", "event"])
    support = cells.assign(support=cells["verdict"].isin(CH5_SUPPORT).astype(int)).groupby("school")["support"].sum()
    table = support.reset_index()
    return table.sort_values(["support", "school"], ascending=[False, True]).reset_index(drop=True)


@exercise("ch5-evidence-kinds", chapter=5, kind="table", columns=("kind", "pieces"),
          outcome="Count the evidence behind a set of judgements by kind, to see what the judgements rest on",
          hint="Count the rows of data.load('scorecard') per value of the 'kind' column (value_counts or groupby), name "
               "the count 'pieces', and sort by pieces, highest first, then by kind.")
def _():
    card = data.load("scorecard")
    counts = card["kind"].astype(str).value_counts().rename_axis("kind").reset_index(name="pieces")
    return counts.sort_values(["pieces", "kind"], ascending=[False, True]).reset_index(drop=True)



@exercise("ch5-who-speaks", chapter=5, kind="table", columns=("region", "pieces"),
          outcome="Trace a body of evidence to the origin of its sources, to see whose voices a judgement rests on",
          hint="Map each row's 'source' to its 'origin' through data.load('sources') (set_index('id')), turn each "
               "origin into a region with data.origin_region, count the rows per region, name the count 'pieces', "
               "and sort by pieces, highest first, then by region.")
def _():
    card = data.load("scorecard")
    origin = card["source"].astype(str).map(data.load("sources").set_index("id")["origin"].astype(str))
    region = origin.map(data.origin_region)
    counts = region.value_counts().rename_axis("region").reset_index(name="pieces")
    return counts.sort_values(["pieces", "region"], ascending=[False, True]).reset_index(drop=True)

# ---------------------------------------------------------------------------
# Chapter 6: After 2014: enlargement, the war of 2022, and the forecasts put to the test
# ---------------------------------------------------------------------------
source_exercise("ex-ch6-grade-forecast", "Grade an analyst's forecast against later evidence, separating what happened from what the forecast claimed and saying what the evidence cannot settle")
source_exercise("ex-ch6-enlargement-argument", "Build a short, cited argument on whether an institution's enlargement served the power that pushed for it")

CH6_FULL = ("founding member", "member")
#: The three summits that followed a Russian war, and the event kind of each war in events.csv.
CH6_WARTIME = (("2008-dushanbe", "georgia 2008"), ("2014-dushanbe", "ukraine 2014"), ("2022-samarkand", "ukraine 2022"))


def _ch6_counts(on) -> dict[str, int]:
    """Full members, observers and dialogue partners on a date (or at the end of a year)."""
    frame = data.members(on)
    status = frame["status"].astype(str)
    return {"members": int(status.isin(CH6_FULL).sum()), "observers": int((status == "observer").sum()),
            "dialogue partners": int((status == "dialogue partner").sum())}


@exercise("ch6-growth", chapter=6, kind="table", columns=("year", "members", "observers", "dialogue partners"),
          outcome="Use the membership data to measure an organisation's growth year by year, by status",
          hint="For each year from 2001 to 2025 call data.members(year) (the end of that year) and count the rows "
               "whose status is 'founding member' or 'member', those that are 'observer' and those that are "
               "'dialogue partner'; one row per year, oldest first.")
def _():
    import pandas as pd

    rows = [{"year": year, **_ch6_counts(year)} for year in range(2001, 2026)]
    return pd.DataFrame(rows)


@exercise("ch6-wartime-summits", chapter=6, kind="table",
          columns=("meeting", "days after first event", "members", "observers", "dialogue partners"),
          outcome="Compare three summits from the data: how soon each met after its war's first dated event, and how large the table was",
          hint="For each pair (meeting, kind) in the list given: days = the meeting's start minus the earliest date "
               "of the events of that kind (data.load('events')), in whole days; then count the statuses in "
               "data.members() on the meeting's start. Keep the order of the list.")
def _():
    import pandas as pd

    events = data.load("events")
    rows = []
    for meeting_id, kind in CH6_WARTIME:
        start = data.meeting(meeting_id)["start"]
        first = events.loc[events["kind"] == kind, "date"].min()
        rows.append({"meeting": meeting_id, "days after first event": int((start - first).days), **_ch6_counts(start)})
    return pd.DataFrame(rows)


@exercise("ch6-grades", chapter=6, kind="table", columns=("grade", "forecasts"),
          outcome="Summarise a table of graded judgements by counting each grade",
          hint="Count the rows of data.load('forecasts') per value of the 'grade' column, name the count 'forecasts', "
               "keep only grades that occur, and sort by forecasts, highest first, then by grade.")
def _():
    grades = data.load("forecasts")["grade"].astype(str)
    table = grades.value_counts().rename_axis("grade").reset_index(name="forecasts")
    return table.sort_values(["forecasts", "grade"], ascending=[False, True]).reset_index(drop=True)


# ---------------------------------------------------------------------------
# Chapter 7: Words and votes, a lab
# ---------------------------------------------------------------------------
source_exercise("ex-ch7-design-test", "Design a test of a reading of an institution with data: state what the reading predicts, choose a measure, say what would count against it, and run it")
source_exercise("ex-ch7-what-a-vote-shows", "Say what a recorded vote can and cannot show about a government's position, distinguishing abstention, absence and a vote against")

#: The votes that chapter 7 compares: the Crimea vote of 2014 and the first vote of the war of 2022.
CH7_2014, CH7_2022 = "68-262", "es-11-1"


def _ch7_votes():
    """The votes with each resolution's date and the group of the voter's status (founding members are members)."""
    votes = data.load("un_votes")
    res = data.load("un_resolutions").set_index("id")
    names = data.load("states").set_index("iso3")["name"]
    return votes.assign(name=votes["state"].map(names).astype(str), date=votes["resolution"].map(res["date"]),
                        vote=votes["vote"].astype(str), status=votes["status"].astype(str))


@exercise("ch7-abstained-2014", chapter=7, kind="names",
          outcome="Filter a roll-call table to the states that took one position on one vote",
          hint="In data.load('un_votes') keep the rows whose resolution is '68-262' and whose vote is 'abstain', "
               "then turn the state codes into names (data.state(code)['name'], or just give the codes).")
def _():
    v = _ch7_votes()
    return list(v.loc[(v["resolution"] == CH7_2014) & (v["vote"] == "abstain"), "name"])


@exercise("ch7-changed-2014-2022", chapter=7, kind="names",
          outcome="Compare two roll calls state by state, leaving out what is unknown, to find who changed position",
          hint="Keep the rows of resolutions '68-262' and 'es-11-1', drop the votes recorded as 'unknown', pivot to one "
               "row per state and one column per resolution (pivot or merge), keep the states with a vote in both "
               "columns, and list those whose two votes differ.")
def _():
    v = _ch7_votes()
    v = v[v["resolution"].isin([CH7_2014, CH7_2022]) & (v["vote"] != "unknown")]
    wide = v.pivot(index="name", columns="resolution", values="vote").dropna()
    return list(wide.index[wide[CH7_2014] != wide[CH7_2022]])


@exercise("ch7-by-topic", chapter=7, kind="table", columns=("topic", "with russia"),
          outcome="Compute a share per group with pandas and read it as evidence, asking what else the groups differ in",
          hint="Join each vote to its resolution's topic (data.load('un_resolutions')), leave out Russia's own rows and "
               "the votes recorded as 'unknown', then per topic compute 100 × the share of votes that are 'no' "
               "(Russia voted no on every resolution), rounded to one decimal; sort by 'with russia', highest first.")
def _():
    v = _ch7_votes()
    res = data.load("un_resolutions").set_index("id")
    v = v[(v["state"] != "RUS") & (v["vote"] != "unknown")]
    v = v.assign(topic=v["resolution"].map(res["topic"]).astype(str), no=(v["vote"] == "no"))
    table = (v.groupby("topic")["no"].mean() * 100).round(1).rename("with russia").reset_index()
    return table.sort_values(["with russia", "topic"], ascending=[False, True]).reset_index(drop=True)


@exercise("ch7-members-no", chapter=7, kind="table", columns=("resolution", "no votes"),
          outcome="Count a category per vote across time and explain what the count can and cannot show",
          hint="Keep the rows whose status is 'founding member' or 'member' and whose state is not 'RUS'; count per "
               "resolution the votes that are 'no' (a resolution with none counts 0); one row per resolution, oldest "
               "first (sort by the resolution's date from data.load('un_resolutions')).")
def _():
    import pandas as pd

    v = _ch7_votes()
    res = data.load("un_resolutions").sort_values("date")
    members = v[v["status"].isin(["founding member", "member"]) & (v["state"] != "RUS")]
    counts = members[members["vote"] == "no"].groupby("resolution").size()
    return pd.DataFrame({"resolution": list(res["id"].astype(str)),
                         "no votes": [int(counts.get(r, 0)) for r in res["id"].astype(str)]})


@exercise("ch7-partners-yes", chapter=7, kind="names",
          outcome="Combine a status recorded on the day of each vote with the vote itself",
          hint="Keep the rows whose status is 'dialogue partner' and whose vote is 'yes', and list each state once.")
def _():
    v = _ch7_votes()
    return list(dict.fromkeys(v.loc[(v["status"] == "dialogue partner") & (v["vote"] == "yes"), "name"]))


@exercise("ch7-quoted-themes", chapter=7, kind="table", columns=("theme", "declarations"),
          outcome="Measure how much of a textual record is actually known before drawing conclusions from it",
          hint="In data.load('declaration_passages') keep the rows whose status is 'quoted', count per theme the "
               "different meetings (nunique), and give every theme of data.DECLARATION_THEMES in that order, with 0 "
               "where none is quoted.")
def _():
    import pandas as pd

    p = data.load("declaration_passages")
    quoted = p[p["status"].astype(str) == "quoted"]
    counts = quoted.groupby(quoted["theme"].astype(str))["meeting"].nunique()
    return pd.DataFrame({"theme": list(data.DECLARATION_THEMES),
                         "declarations": [int(counts.get(t, 0)) for t in data.DECLARATION_THEMES]})
