"""Two editions from one source: the public book and the instructors' edition.

One cell tag decides what stays with the instructor: **``assessed``** (see chapters/README.md).
It marks the cells holding the model answer of an exercise an instructor marks (the source
exercises' model answers, the capstone's outline answer) and the instructors' keys (the quiz
answer key, the full list of solutions, the quizzes exported for an LMS).

* The public book (``make book``, what is published) is built without those cells: each
  removed model answer of an exercise is replaced by a line saying that the instructors'
  edition holds it. The worked solutions of the practice exercises (the code exercises,
  tagged ``solution`` only) stay in the public book, collapsed under each exercise. The
  page sources the book offers for download (``_sources/…``, the ``.ipynb`` of a chapter)
  are written without them too.
* The instructors' edition (``make instructors``; ``SCO_EDITION=instructors``) keeps
  every cell and prints its answers (``tools/sphinx_ext/editions.py``).

The class pack and the student edition have no cell tagged ``solution`` at all
(``tools/student.py``); an ``assessed`` cell is always tagged ``solution`` too when it is an
exercise's answer (a test checks it).
"""

from __future__ import annotations

import copy
import os

import nbformat

#: The one tag: a cell the public book leaves out.
ASSESSED_TAG = "assessed"
#: The environment variable that chooses the edition a build makes.
EDITION_ENV = "SCO_EDITION"
EDITIONS = ("public", "instructors")
#: What the public book shows in place of a removed model answer.
NOTE = ("*The model answer to this exercise, and its marking rubric, are in the instructors' edition "
        "of the module: ask your teacher.*")


def edition() -> str:
    value = os.environ.get(EDITION_ENV, "public").strip() or "public"
    if value not in EDITIONS:
        raise ValueError(f"{EDITION_ENV}={value!r}: the editions are {', '.join(EDITIONS)}")
    return value


def is_assessed(cell: nbformat.NotebookNode) -> bool:
    return ASSESSED_TAG in (cell.get("metadata", {}).get("tags") or [])


def _is_model_answer(cell: nbformat.NotebookNode) -> bool:
    return cell.get("cell_type") == "markdown" and cell.get("source", "").lstrip().startswith((":::{solution}", "::::{solution}", "```{solution}"))


def public_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` without its ``assessed`` cells; a removed model answer leaves a note."""
    out = copy.deepcopy(nb)
    cells = []
    for cell in out.cells:
        if not is_assessed(cell):
            cells.append(cell)
        elif _is_model_answer(cell):
            cells.append(nbformat.v4.new_markdown_cell(NOTE, metadata={"tags": ["assessed-note"]}))
    out.cells = cells
    return out


def public_text(text: str) -> str:
    """A MyST Markdown notebook's text without its ``assessed`` cells (text without the tag is returned as it is)."""
    if ASSESSED_TAG not in text:
        return text
    import jupytext

    nb = jupytext.reads(text, fmt="md:myst")
    if not any(is_assessed(c) for c in nb.cells):
        return text
    return jupytext.writes(public_notebook(nb), fmt="md:myst")
