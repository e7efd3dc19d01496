"""The vocabularies of the data: the values a category column accepts.

Also the patterns of ids, places and dates.

Part of :mod:`helpers.data` (import that); ``data/README.md`` describes each.
"""

from __future__ import annotations

import re

MAX_EXCERPT_WORDS = 40
ELLIPSIS = "…"

# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------
SOURCE_KINDS = ("news", "essay", "thesis", "declaration", "statement", "transcript", "record", "reference")
#: What kind of evidence a source is, as the Sources page explains it to students.
SOURCE_CLASSES = ("primary", "analysis", "journalism", "reference")
ROLES = ("leader", "official", "analyst", "scholar", "journalist")
STATUSES = ("founding member", "member", "observer", "dialogue partner")
LEVELS = ("heads of state", "heads of government", "foreign ministers", "defence ministers", "other")
ORGANISATIONS = ("Shanghai Five", "SCO")
PLACE_KINDS = ("capital", "summit city", "contested region", "conflict site", "military base", "other")
EVENT_KINDS = ("shanghai five", "sco", "georgia 2008", "ukraine 2014", "russia and the west", "central asia", "ukraine 2022", "between members")
#: How a forecast of the sources fared after 2014 (chapter 6, data/forecasts.csv).
FORECAST_GRADES = ("right", "partly", "wrong", "too early to say")
#: Chapter 7: the General Assembly votes (data/un_votes.csv) and the themes followed through
#: the declarations (data/declaration_passages.csv).
VOTES = ("yes", "no", "abstain", "absent", "unknown")
RESOLUTION_TOPICS = ("georgia displaced persons", "ukraine territorial integrity", "crimea human rights", "ukraine emergency session")
READINGS = ("in full", "in part", "not read")
#: quoted: the declaration's words; reported: a reporter's words on what it said; reported absent: a
#: source that read the text says the theme is not there; absent: the authors read the text in full.
PASSAGE_STATUSES = ("quoted", "reported", "reported absent", "absent")
DECLARATION_THEMES = (
    "territorial integrity and non-interference",
    "afghanistan",
    "ukraine",
    "missile defence",
    "unilateral sanctions",
    "colour revolutions and interference",
    "belt and road",
    "enlargement",
)
#: Where a source speaks from (``sources.origin``), besides the names of ``states.csv``: the
#: joint texts of several states and international bodies (SCO, UN, CSTO), works whose origin
#: the sources do not show, and the home states of outlets that are not states of the book.
ORIGIN_INTERNATIONAL = "international"
ORIGIN_UNKNOWN = "unknown"
OTHER_ORIGIN_STATES = (
    "United Kingdom",
    "Italy",
    "Belgium",
    "Switzerland",
    "Australia",
    "Bangladesh",
    "Germany",
    "Japan",
    "Sweden",
    "Canada",
    "Netherlands",
    "Singapore",
    "South Korea",
)
#: The regions the Sources page and chapter 5 group origins into (:func:`origin_region`).
ORIGIN_REGIONS = ("Russia", "China", "Central Asia", "other")
#: The five Central Asian states (ISO codes), as chapter 2 defines the region.
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "UZB", "TKM")
#: How a cited evidence row bears on a forecast: the three list columns of ``forecasts.csv``.
FORECAST_BEARINGS = ("bears_out", "tells_against", "leaves_open")
#: What kind of evidence quoted words are (chapters 5 and 6: ``scorecard.kind``, ``evidence.kind``).
EVIDENCE_KINDS = ("primary text", "official statement", "journalism", "scholarly argument", "anonymous insiders")
THEMES = (
    "sovereignty and territorial integrity",
    "the conflict",
    "the west and missile defence",
    "membership and expansion",
    "purpose of the sco",
)

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_PLACE_RE = re.compile(r"^L(\d+)(?:-(\d+))?$")
#: Where a passage stands in a document the book has no copy of: the document's own
#: paragraph, article, section or page ("para. 12", "paras 3–4", "§ 2", "art. 1", "p. 5").
_LOCATOR_RE = re.compile(r"^(?:para\.|paras|art\.|arts|§|p\.|pp\.|section|question|item|record) \S.*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
#: Characters that reorder text invisibly (bidirectional overrides and isolates).
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: A control character (Unicode category Cc: C0 and C1, but tab and line breaks) or a bidirectional control.
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + "]")
