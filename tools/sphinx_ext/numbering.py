"""Exercises are numbered by chapter: "Exercise 3.2", as in the instructors' guide."""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_CHAPTER_DOC = re.compile(r"^chapters/(\d+)_")


def chapter_number(docname: str) -> int | None:
    """3 for ``chapters/03_dushanbe_2008``; None for a page that is not a chapter."""
    m = _CHAPTER_DOC.match(docname)
    return int(m.group(1)) if m else None


def number_exercises_by_chapter(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """sphinx-exercise numbers exercises across the whole book (12, 13...); number them in
    each chapter instead, as (chapter, n) in the page's order, which renders "Exercise 3.2"
    (tools/guide.py numbers the instructors' guide the same way)."""
    for docname, numbers in env.toc_fignumbers.items():
        chapter, found = chapter_number(docname), numbers.get("exercise")
        if chapter is None or not found:
            continue
        order = sorted(found, key=lambda ident: found[ident])
        numbers["exercise"] = {ident: (chapter, n) for n, ident in enumerate(order, 1)}
    return []


def setup(app: Sphinx) -> None:
    # after Sphinx has numbered the figures (TocTreeCollector, priority 500)
    app.connect("env-get-updated", number_exercises_by_chapter, priority=900)
