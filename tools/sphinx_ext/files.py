"""Files of the built book named by their content, and the removal of those no page uses.

A map's document (:mod:`.maps`), a page's widget state (:mod:`.widgets`) and jupyterquiz's code
(:mod:`.quizzes`) leave the page for a file of their own under ``_static/``, named by the first
16 hex digits of the SHA-256 of what it holds: the same content is written once, whichever
pages load it, and a changed content gets a new name (so no browser keeps an old copy).  After
a build, the files that no page names any more (left by earlier builds) are removed:
:func:`remove_files_no_page_uses`.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sphinx.application import Sphinx

#: Where the maps' documents are written, under the book's output folder.
MAPS = "_static/maps"
#: Where the widget state of each page is written (a script per page).
WIDGETS = "_static/widgets"
#: Where jupyterquiz's code is written, once for the book.
QUIZZES = "_static/quiz"
#: Each folder of files named by their content, with the suffix of its files.
CONTENT_FOLDERS: tuple[tuple[str, str], ...] = ((MAPS, "html"), (WIDGETS, "js"), (QUIZZES, "js"))
#: How many hex digits of the SHA-256 name a file.
DIGITS = 16


def content_name(text: str, suffix: str) -> str:
    """The name of a file holding ``text``: ``<16 hex digits of its SHA-256>.<suffix>``."""
    return f"{hashlib.sha256(text.encode('utf-8')).hexdigest()[:DIGITS]}.{suffix}"


def write_by_content(folder: Path, text: str, suffix: str) -> str:
    """Write ``text`` (UTF-8) to ``folder`` under its :func:`content_name`, creating the folder;
    return the name.  A file of that name holds that text already and is left as it is.  The
    text goes to a temporary file first, renamed into place, so that a page written in parallel
    never reads half a file."""
    name = content_name(text, suffix)
    target = Path(folder) / name
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{name}.{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    return name


def _file_name(suffix: str) -> str:
    """A pattern of the names :func:`content_name` gives (``0123456789abcdef.html``)."""
    return "[0-9a-f]{" + str(DIGITS) + r"}\." + re.escape(suffix)


def remove_files_no_page_uses(html_dir: Path) -> list[Path]:
    """Remove the files of :data:`CONTENT_FOLDERS` under ``html_dir`` that no page of it names
    (left by earlier builds whose maps, widgets or quizzes have changed since): the folders then
    hold exactly the files the pages load.  Only files named as :func:`write_by_content` names
    them are considered.  Returns the files removed, folder by folder, each in name order."""
    html_dir = Path(html_dir)
    pages: list[tuple[Path, str]] | None = None
    stale: list[Path] = []
    for where, suffix in CONTENT_FOLDERS:
        folder = html_dir / where
        if not folder.is_dir():
            continue
        if pages is None:  # read once, for every folder
            pages = [(page, page.read_text(encoding="utf-8", errors="replace")) for page in sorted(html_dir.rglob("*.html"))]
        named = re.compile(re.escape(where) + "/(" + _file_name(suffix) + ")")
        used = {name for page, text in pages if folder not in page.parents for name in named.findall(text)}
        own = re.compile(_file_name(suffix))
        stale += [p for p in sorted(folder.glob(f"*.{suffix}")) if own.fullmatch(p.name) and p.name not in used]
    for path in stale:
        path.unlink()
    return stale


def remove_unused_files_after_build(app: Sphinx, exception: Exception | None) -> None:
    """After a successful HTML build: :func:`remove_files_no_page_uses`."""
    if exception is None and app.builder.format == "html":
        remove_files_no_page_uses(Path(app.outdir))


def setup(app: Sphinx) -> None:
    app.connect("build-finished", remove_unused_files_after_build)
