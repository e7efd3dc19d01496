"""The book's Sphinx extension (``_config.yml`` names it: ``tools.sphinx_ext``), one module per job.

* :mod:`.assets` – every third-party script and stylesheet served by the book itself, copied
  from npm's packages; the path of the served Leaflet in every page (the layout is
  ``helpers/assets.py``'s);
* :mod:`.launch` – launch buttons only when a public repository is configured;
* :mod:`.downloads` – the class pack's zip in the built book, a chapter's ``.ipynb`` in the
  download menu;
* :mod:`.pageweight` – what a page does not use is not loaded and what the first paint does
  not need waits (the filters of ``templates/layout.html``);
* :mod:`.icons` – the theme's icons drawn from Font Awesome's SVG files, without its script
  or webfont;
* :mod:`.widgets` – each widget's first view in plain HTML; its state and the manager loaded
  when the reader comes near;
* :mod:`.quizzes` – each quiz drawn when the reader comes near, jupyterquiz's code in one file;
* :mod:`.maps` – each map in its own file, loaded when the reader scrolls near it;
* :mod:`.files` – the files of maps, widget states and quiz code named by their content, and
  the removal of those no page uses after a build;
* :mod:`.accessibility` – tables that scroll in labelled regions, bibliography entries as
  list items;
* :mod:`.numbering` – exercises numbered by chapter ("Exercise 3.2");
* :mod:`.objectives` – one look for every chapter's learning objectives;
* :mod:`.editions` – the public book and the instructors' edition from one source;
* :mod:`.citations` – a work cited twice in one citation keeps both places;
* :mod:`.markup` – the HTML parser and the edits with which the pages are rewritten.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from tools.sphinx_ext import (
    accessibility,
    assets,
    citations,
    downloads,
    editions,
    files,
    icons,
    launch,
    maps,
    numbering,
    objectives,
    pageweight,
    quizzes,
    widgets,
)

#: The modules whose ``setup`` registers their part, in this order.
PARTS = (assets, citations, launch, downloads, pageweight, icons, widgets, quizzes, maps, files, accessibility, numbering, objectives, editions)


def setup(app: Sphinx) -> dict[str, bool]:
    for part in PARTS:
        part.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
