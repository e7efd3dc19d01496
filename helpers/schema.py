"""The schema of every table (``SCHEMAS``), as ``data/README.md`` describes it.

Also the order the tables are validated in. Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

from helpers.columns import Col, Table
from helpers.rules import (
    _end_not_before,
    _every_state_has_an_outline,
    _every_state_of_the_day_votes,
    _grade_follows_evidence,
    _id_year,
    _passage_fits_its_status,
    _periods_do_not_overlap,
    _stance_of_question,
    _unique,
    _unknown_says_what_was_tried,
)
from helpers.vocab import (
    DECLARATION_THEMES,
    EVENT_KINDS,
    EVIDENCE_KINDS,
    FORECAST_GRADES,
    LEVELS,
    ORGANISATIONS,
    PASSAGE_STATUSES,
    PLACE_KINDS,
    READINGS,
    RESOLUTION_TOPICS,
    ROLES,
    SOURCE_CLASSES,
    SOURCE_KINDS,
    STATUSES,
    THEMES,
    VOTES,
)


# ---------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------
def _cite(place_column: str = "place") -> dict[str, Col]:
    return {"source": Col("ref", ref="sources"), place_column: Col("place", required=False)}


SCHEMAS: dict[str, Table] = {
    "sources": Table(
        "sources.csv",
        "id",
        {
            "id": Col("id"),
            "class": Col("category", vocab=SOURCE_CLASSES),
            # a work is cited under its author and outlet as published, in their own script
            "author": Col("text", required=False, scripts=None),
            "title": Col("text", scripts=None),  # a Russian or Chinese work keeps its own title
            "outlet": Col("text", required=False, scripts=None),
            "date": Col("partial_date", required=False),
            "kind": Col("category", vocab=SOURCE_KINDS),
            "url": Col("url", required=False),
            "version": Col("text", required=False),
            "short": Col("text", required=False),
            "file": Col("text", required=False),
            "note": Col("text", required=False, scripts=None),
            "origin": Col("text"),
        },
        cited=False,
    ),
    "states": Table(
        "states.csv",
        "iso3",
        {
            "iso3": Col("iso3"),
            "name": Col("text"),
            "aliases": Col("list", required=False),
            "capital": Col("text"),
            "lat": Col("lat"),
            "lon": Col("lon"),
            **_cite(),
        },
        table_checks=(_every_state_has_an_outline,),
    ),
    "people": Table(
        "people.csv",
        "id",
        {
            "id": Col("id"),
            "name": Col("text"),
            "aliases": Col("list", required=False),
            "role": Col("category", vocab=ROLES),
            "state": Col("ref", required=False, ref="states"),
            "affiliation": Col("text", required=False),
            "years": Col("text", required=False),
            **_cite(),
        },
    ),
    "places": Table(
        "places.csv",
        "id",
        {
            "id": Col("id"),
            "name": Col("text"),
            "kind": Col("category", vocab=PLACE_KINDS),
            "lat": Col("lat"),
            "lon": Col("lon"),
            "state": Col("ref", ref="states"),
            "note": Col("text", required=False),
            **_cite(),
        },
    ),
    "meetings": Table(
        "meetings.csv",
        "id",
        {
            "id": Col("id"),
            "start": Col("date"),
            "end": Col("date"),
            "city": Col("ref", ref="places"),
            "host": Col("ref", ref="states"),
            "level": Col("category", vocab=LEVELS),
            "organisation": Col("category", vocab=ORGANISATIONS),
            "name": Col("text"),
            "documents": Col("list", required=False),
            "attendance": Col("text", required=False),
            **_cite(),
            "note": Col("text", required=False),
        },
        row_checks=(_end_not_before("start"), _id_year("start")),
    ),
    "membership": Table(
        "membership.csv",
        None,
        {
            "state": Col("ref", ref="states"),
            "status": Col("category", vocab=STATUSES),
            "start": Col("date"),
            "end": Col("date", required=False),
            "meeting": Col("ref", required=False, ref="meetings"),
            **_cite(),
            "note": Col("text", required=False),
        },
        row_checks=(_end_not_before("start"),),
        table_checks=(_periods_do_not_overlap,),
    ),
    "events": Table(
        "events.csv",
        "id",
        {
            "id": Col("id"),
            "date": Col("date"),
            "end": Col("date", required=False),
            "kind": Col("category", vocab=EVENT_KINDS),
            "title": Col("text"),
            "places": Col("list_ref", required=False, ref="places"),
            "meeting": Col("ref", required=False, ref="meetings"),
            **_cite(),
        },
        row_checks=(_end_not_before("date"), _id_year("date")),
    ),
    "fears": Table(
        "fears.csv",
        None,
        {
            "place": Col("ref", ref="places"),
            "state": Col("ref", ref="states"),
            "raised_by": Col("ref", ref="people"),
            "claim": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite("where"),
        },
        place_column="where",
    ),
    "disputes": Table(
        "disputes.csv",
        None,
        {
            "dispute": Col("id"),
            "topic": Col("text"),
            "version": Col("text"),
            "excerpt": Col("excerpt", required=False),
            **_cite(),
        },
    ),
    "declarations": Table(
        "declarations.yaml",
        "id",
        {
            "id": Col("id"),
            "meeting": Col("ref", ref="meetings"),
            "theme": Col("category", vocab=THEMES),
            "excerpt": Col("excerpt"),
            "gloss": Col("text"),
            **_cite(),
        },
    ),
    "sought": Table(
        "sought.yaml",
        "id",
        {
            "id": Col("id"),
            "meeting": Col("ref", ref="meetings"),
            "theme": Col("category", vocab=THEMES),
            "sought": Col("text"),
            "outcome": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
        },
    ),
    "questions": Table(
        "questions.yaml",
        "id",
        {"id": Col("id"), "text": Col("text"), "stances": Col("mapping")},
        cited=False,
    ),
    "positions": Table(
        "positions.yaml",
        None,
        {
            "question": Col("ref", ref="questions"),
            "analyst": Col("ref", ref="people"),
            "stance": Col("text"),
            "position": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
        },
        row_checks=(_stance_of_question,),
        table_checks=(_unique("question", "analyst"),),
    ),
    # Chapter 5: the schools of thought on what the SCO is for, and their scorecard (data/README.md)
    "schools": Table(
        "schools.yaml",
        "id",
        {
            "id": Col("id"),
            "name": Col("text"),
            "claim": Col("text"),
            "holders": Col("list_ref", ref="people"),
            "rests_on": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
        },
    ),
    "scorecard": Table(
        "scorecard.csv",
        None,
        {
            "school": Col("ref", ref="schools"),
            "event": Col("ref", ref="meetings"),
            "verdict": Col("category", vocab=("fits", "partly fits", "does not fit", "too early to say")),
            "expected": Col("text"),
            "observed": Col("text"),
            "kind": Col("category", vocab=EVIDENCE_KINDS),
            "evidence": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
        },
        table_checks=(_unique("school", "event", "source", "place"),),
    ),
    # Chapter 6: what happened after the forecasts, one row per piece of evidence (data/README.md)
    "evidence": Table(
        "evidence.csv",
        "id",
        {
            "id": Col("id"),
            "date": Col("partial_date"),
            "kind": Col("category", vocab=EVIDENCE_KINDS),
            "finding": Col("text"),
            "excerpt": Col("excerpt", required=False),
            **_cite(),
        },
    ),
    # Chapter 6: the forecasts of 2007-2014, graded against the evidence rows they cite (data/README.md)
    "forecasts": Table(
        "forecasts.csv",
        "id",
        {
            "id": Col("id"),
            "author": Col("ref", ref="people"),
            "forecast": Col("text"),
            "excerpt": Col("excerpt"),
            **_cite(),
            "made_by": Col("date"),
            "grade": Col("category", vocab=FORECAST_GRADES),
            "reasoning": Col("text"),
            "bears_out": Col("list_ref", required=False, ref="evidence"),
            "tells_against": Col("list_ref", required=False, ref="evidence"),
            "leaves_open": Col("list_ref", required=False, ref="evidence"),
        },
        row_checks=(_grade_follows_evidence,),
    ),
    # Chapter 7: the General Assembly's votes and the declarations' words, theme by theme (data/README.md)
    "un_resolutions": Table(
        "un_resolutions.csv",
        "id",
        {
            "id": Col("id"),
            "symbol": Col("text"),
            "date": Col("date"),
            "topic": Col("category", vocab=RESOLUTION_TOPICS),
            "title": Col("text"),
            "yes": Col("count", required=False),
            "no": Col("count", required=False),
            "abstain": Col("count", required=False),
            **_cite(),
            "note": Col("text", required=False),
        },
        table_checks=(_unique("symbol"),),
    ),
    "un_votes": Table(
        "un_votes.csv",
        None,
        {
            "resolution": Col("ref", ref="un_resolutions"),
            "state": Col("ref", ref="states"),
            "status": Col("category", vocab=STATUSES),
            "vote": Col("category", vocab=VOTES),
            **_cite(),
            "note": Col("text", required=False),
        },
        row_checks=(_unknown_says_what_was_tried,),
        table_checks=(_every_state_of_the_day_votes,),
    ),
    "un_vote_checks": Table(
        "un_vote_checks.csv",
        None,
        {
            "resolution": Col("ref", ref="un_resolutions"),
            "state": Col("ref", ref="states"),
            "vote": Col("category", vocab=VOTES),
            **_cite(),
        },
        table_checks=(_unique("resolution", "state", "source"),),
    ),
    "declaration_texts": Table(
        "declaration_texts.csv",
        "meeting",
        {
            "meeting": Col("ref", ref="meetings"),
            "reading": Col("category", vocab=READINGS),
            "source": Col("ref", required=False, ref="sources"),
            "note": Col("text"),
        },
        cited=False,
    ),
    "declaration_passages": Table(
        "declaration_passages.csv",
        None,
        {
            "meeting": Col("ref", ref="declaration_texts"),
            "theme": Col("category", vocab=DECLARATION_THEMES),
            "status": Col("category", vocab=PASSAGE_STATUSES),
            "excerpt": Col("excerpt", required=False),
            "gloss": Col("text"),
            **_cite(),
        },
        row_checks=(_passage_fits_its_status,),
    ),
}

# load order that respects references between tables
_ORDER = (
    "sources",
    "states",
    "people",
    "places",
    "meetings",
    "membership",
    "events",
    "fears",
    "disputes",
    "declarations",
    "sought",
    "questions",
    "positions",
    "schools",
    "scorecard",
    "evidence",
    "forecasts",
    "un_resolutions",
    "un_votes",
    "un_vote_checks",
    "declaration_texts",
    "declaration_passages",
)
assert set(_ORDER) == set(SCHEMAS)
