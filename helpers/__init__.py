"""Helpers of the teaching module "Russia, China and the Shanghai Cooperation Organization".

Chapter authors: chapters/README.md explains how a chapter uses these helpers.

The modules a chapter may import (``from helpers import data, maps, ...``):

* ``helpers.data``      – load and validate the tables in ``data/``, look up states, people, meetings;
* ``helpers.maps``      – the folium maps of the book;
* ``helpers.widgets``   – the comparison widgets (declarations, analysts, timeline);
* ``helpers.tables``    – the tables a chapter shows (accessible HTML, sortable, with sources);
* ``helpers.exercises`` – ``check()`` for code exercises, and ``quiz()`` for the quizzes;
* ``helpers.scorecard`` – chapter 5's scorecard of the schools of thought against the record;
* ``helpers.forecasts`` – chapter 6's forecasts and how the evidence grades them;
* ``helpers.lab``       – chapter 7's votes, their chart and shares, and a theme followed through the declarations.

The parts of ``helpers.data``, one concern each (a chapter imports ``data``, which gathers
their public names): ``paths`` (where the data are; the packaged-data layout), ``vocab``
(vocabularies), ``errors`` (``DataError``, values quoted in messages, checks of a name),
``text`` (folding, names, web addresses), ``dates``, ``files`` (reading CSV/YAML),
``columns`` (``Col`` and ``Table``), ``schema`` (the tables' schemas), ``rules`` (per-row and
per-table rules), ``crosschecks`` (checks across tables), ``validation`` (``validate_all``),
``lookups`` (``load`` and the look-ups), ``queries`` (members on a day, the meetings, the
worries), ``citations`` (sources and passages) and ``quiz_files`` (reading and checking the
quizzes).

The parts of ``helpers.exercises`` (a chapter imports ``exercises``): ``exercise_registry``
(what an exercise is), ``fingerprints`` (what an answer is compared with), ``answer_checks``
(how each kind of answer is judged, and the hints) and ``quizzes`` (showing a quiz).

``helpers.exercise_bank`` is the answer key: the code exercises and how each expected
answer is computed.  The build's own tools (bibliography, student edition, instructors'
guide, Sphinx extension) live in ``tools/`` and are never imported by a chapter.
"""
