"""Helpers of the teaching module "Russia, China and the Shanghai Cooperation Organization".

Chapter authors: chapters/README.md explains how a chapter uses these helpers.

One module per concern, imported by the chapters:

* ``helpers.data``      – load and validate the tables in ``data/``, look up states, people, meetings;
* ``helpers.maps``      – the folium maps of the book;
* ``helpers.widgets``   – the comparison widgets (declarations, analysts, timeline);
* ``helpers.exercises`` – ``check()`` for code exercises, and the quizzes;
* ``helpers.lab``       – chapter 7's votes, their chart and shares, and a theme followed through the declarations.

``helpers.exercise_bank`` is the answer key: the code exercises and how each expected
answer is computed.  The build's own tools (bibliography, student edition, instructors'
guide, Sphinx extension) live in ``tools/`` and are never imported by a chapter.
"""
