"""The build's own tools, never imported by a chapter (chapters import ``helpers``).

* ``tools.bib``        – ``references.bib`` from ``data/sources.csv`` (``python -m tools.bib``);
* ``tools.student``    – the student edition, without solutions (``python -m tools.student``);
* ``tools.classpack``  – the class pack: student notebooks, the helpers+data wheel, requirements (``make classpack``);
* ``tools.notebooks``  – the chapters as MyST Markdown notebooks: find, read, convert to ``.ipynb``;
* ``tools.guide``      – the instructors' guide shown by ``instructors.md``;
* ``tools.passages``   – ``data/passages.csv``: where each line of the source documents stands in its publication
  (``python -m tools.passages``);
* ``tools.geo``        – ``data/geo/states.geojson``: simplified state outlines from npm's world-atlas (``python -m tools.geo``);
* ``tools.pagetext``   – the visible text of every built page, to compare before and after a refactoring;
* ``tools.sphinx_ext`` – the Sphinx extension, a package with one module per job (its docstring lists
  them): serves Leaflet and the widget manager from the book, copies the class pack into it, shows
  launch buttons only when a repository is configured, draws the icons, lightens and rewrites the pages.
"""
