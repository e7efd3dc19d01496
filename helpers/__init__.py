"""Helpers of the teaching module "Russia, China and the Shanghai Cooperation Organization".

Chapter authors: chapters/README.md explains how a chapter uses these helpers.

One module per concern, imported by the chapters:

* ``helpers.data``      – load and validate the tables in ``data/``, look up states, people, meetings;
* ``helpers.maps``      – the folium maps of the book;
* ``helpers.widgets``   – the comparison widgets (declarations, analysts, timeline);
* ``helpers.exercises`` – ``check()`` for code exercises, and the quizzes.

Build tooling lives beside them (``helpers.bib``, ``helpers.student``, ``helpers.sphinx_ext``)
and is never imported by a chapter.
"""
