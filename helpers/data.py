"""Load, validate and look up the data of the book: the one module a chapter imports for them.

Every table in ``data/`` (described in ``data/README.md``) is read through :func:`load`,
which checks every row on the first load and caches the result. A bad value raises
:class:`DataError` naming the file, the row and the column: nothing is dropped or coerced.

The code lives in modules of one concern each; this module gathers their public names:

============================  ================================================================
:mod:`helpers.paths`          where the data and the source documents are (``DATA_DIR``,
                              ``SEEDS_DIR``), the packaged-data layout, :func:`reading`
:mod:`helpers.vocab`          the vocabularies of the data (``STATUSES``, ``THEMES``...)
:mod:`helpers.errors`         :class:`DataError`, values quoted in messages, checks of a name
:mod:`helpers.text`           folding, names, words, web addresses, scripts, excerpts
:mod:`helpers.dates`          the book's one date rule (:func:`period`, :func:`as_date`)
:mod:`helpers.files`          reading CSV and YAML files (encoding, byte-order marks, keys)
:mod:`helpers.columns`        the language of the schemas (:class:`Col`, :class:`Table`)
:mod:`helpers.schema`         the tables' schemas (``SCHEMAS``)
:mod:`helpers.rules`          the per-row and per-table rules the schemas name
:mod:`helpers.crosschecks`    checks across tables (``CROSS_CHECKS``), origins, the scorecard
:mod:`helpers.validation`     checking every cell and table: :func:`validate_all`
:mod:`helpers.lookups`        :func:`load` and the look-ups (:func:`state`, :func:`meeting`...)
:mod:`helpers.queries`        the tables a chapter shows (:func:`members`, :func:`cities`...)
:mod:`helpers.citations`      sources, passages, citations and the source documents
:mod:`helpers.quiz_files`     the quiz files: reading and checking them
============================  ================================================================

Setting a name here (``data.DATA_DIR = folder``, or a test's ``monkeypatch.setattr(data,
"load", ...)``) sets it in the module it comes from too (:mod:`helpers._facade`).

>>> from helpers import data
>>> data.state("Kazakstan")["name"]
'Kazakhstan'
"""

from __future__ import annotations

from helpers import citations, columns, crosschecks, dates, errors, lookups, paths, queries, quiz_files, rules, schema, text, validation, vocab
from helpers._facade import pass_on_assignments
from helpers.citations import cite_text, cited, passage, seed_text, source, source_url
from helpers.columns import Col, Table
from helpers.crosschecks import (
    CONTESTED_TOLERANCE_KM,
    CROSS_CHECKS,
    OUTLINE_TOLERANCE_KM,
    SCORECARD_CELL_COLUMNS,
    check_scorecard,
    origin_region,
    origin_vocabulary,
)
from helpers.dates import FIRST_YEAR, LAST_YEAR, as_date, is_year, partial_date_span, period
from helpers.errors import EXCERPT_CHARS, DataError, expect_choice, expect_text, shown, unknown
from helpers.lookups import canonical_name, last_date, load, meeting, meeting_dates, person, state, tables
from helpers.paths import DATA_DIR, PACKAGED_DATA_DIR, ROOT, SEEDS_DIR, reading
from helpers.queries import cities, fears_table, meetings_table, members
from helpers.quiz_files import MARKUP_RE, QUIZ_LINK_RE, QUIZ_TYPES, quiz_link_url, read_quiz
from helpers.rules import forecast_grade
from helpers.schema import SCHEMAS
from helpers.text import blank, excerpt_found, fold, fold_space, name_key, script_of, split_list, web_url, words
from helpers.validation import validate_all
from helpers.vocab import (
    CENTRAL_ASIA,
    DECLARATION_THEMES,
    ELLIPSIS,
    EVENT_KINDS,
    EVIDENCE_KINDS,
    FORECAST_BEARINGS,
    FORECAST_GRADES,
    LEVELS,
    MAX_EXCERPT_WORDS,
    ORGANISATIONS,
    ORIGIN_INTERNATIONAL,
    ORIGIN_REGIONS,
    ORIGIN_UNKNOWN,
    OTHER_ORIGIN_STATES,
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

__all__ = [
    "CENTRAL_ASIA",
    "CONTESTED_TOLERANCE_KM",
    "CROSS_CHECKS",
    "Col",
    "DATA_DIR",
    "DECLARATION_THEMES",
    "DataError",
    "ELLIPSIS",
    "EVENT_KINDS",
    "EVIDENCE_KINDS",
    "EXCERPT_CHARS",
    "FIRST_YEAR",
    "FORECAST_BEARINGS",
    "FORECAST_GRADES",
    "LAST_YEAR",
    "LEVELS",
    "MARKUP_RE",
    "MAX_EXCERPT_WORDS",
    "ORGANISATIONS",
    "ORIGIN_INTERNATIONAL",
    "ORIGIN_REGIONS",
    "ORIGIN_UNKNOWN",
    "OTHER_ORIGIN_STATES",
    "OUTLINE_TOLERANCE_KM",
    "PACKAGED_DATA_DIR",
    "PASSAGE_STATUSES",
    "PLACE_KINDS",
    "QUIZ_LINK_RE",
    "QUIZ_TYPES",
    "READINGS",
    "RESOLUTION_TOPICS",
    "ROLES",
    "ROOT",
    "SCHEMAS",
    "SCORECARD_CELL_COLUMNS",
    "SEEDS_DIR",
    "SOURCE_CLASSES",
    "SOURCE_KINDS",
    "STATUSES",
    "THEMES",
    "Table",
    "VOTES",
    "as_date",
    "blank",
    "canonical_name",
    "check_scorecard",
    "cite_text",
    "cited",
    "cities",
    "excerpt_found",
    "expect_choice",
    "expect_text",
    "fears_table",
    "fold",
    "fold_space",
    "forecast_grade",
    "is_year",
    "last_date",
    "load",
    "meeting",
    "meeting_dates",
    "meetings_table",
    "members",
    "name_key",
    "origin_region",
    "origin_vocabulary",
    "partial_date_span",
    "passage",
    "period",
    "person",
    "quiz_link_url",
    "read_quiz",
    "reading",
    "script_of",
    "seed_text",
    "shown",
    "source",
    "source_url",
    "split_list",
    "state",
    "tables",
    "unknown",
    "validate_all",
    "web_url",
    "words",
]

# The parts, each importing names only from those before it: the first that holds a name defines it.
pass_on_assignments(
    __name__, __all__, (vocab, errors, text, paths, dates, quiz_files, columns, rules, schema, crosschecks, validation, lookups, citations, queries)
)
