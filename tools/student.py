"""Write the student edition of the chapter notebooks: every cell tagged ``solution`` removed.

    python -m tools.student chapters _build/student

The chapters are MyST Markdown notebooks (``chapters/NN_name.md``, see ``tools.notebooks``);
the student edition is written as ``.ipynb`` files, which JupyterLab opens as they are.

The student edition keeps the exercises and their ``answer = ...`` cells, which
``check()`` reports as not answered yet, so the edition still runs from top to bottom.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat

from tools import notebooks as nbfiles

#: The tag of the cells that hold a solution (see chapters/README.md).
SOLUTION_TAG = "solution"


def strip(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, int]:
    """A copy of ``nb`` without its solution cells, and how many were removed."""
    kept = [c for c in nb.cells if SOLUTION_TAG not in c.get("metadata", {}).get("tags", [])]
    removed = len(nb.cells) - len(kept)
    out = nbformat.from_dict(nb)
    out.cells = kept
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return out, removed


#: A MyST box: ``:::{name} title``, its ``:option: value`` lines, its body, ``:::``.
_BOX = re.compile(r"^(?P<fence>:{3,})\{(?P<name>[a-z-]+)\}[ \t]*(?P<title>[^\n]*)\n(?P<options>(?::[\w-]+:[^\n]*\n)*)"
                  r"(?P<body>.*?)^(?P=fence)[ \t]*$", re.S | re.M)
#: What a box is called in a notebook when its directive gives it no title of its own.
_BOX_WORDS = {"exercise": "Exercise", "note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
              "seealso": "See also", "hint": "Hint", "caution": "Caution", "attention": "Attention"}
_CITE = re.compile(r"\{cite:[a-z]+\}`([^`]+)`")
_DOC = re.compile(r"\{(?:doc|ref|numref)\}`([^`<]*?)\s*(?:<([^`>]+)>)?`")
#: Roles with a location in braces: ``key{para. 4}``.
_CITED = re.compile(r"([\w.-]+)(?:\{([^}]*)\})?")


def _citation(match: re.Match) -> str:
    parts = []
    for item in re.split(r"\s*[;,]\s*(?![^{]*\})", match.group(1)):
        found = _CITED.fullmatch(item.strip())
        parts.append(item.strip() if not found else found.group(1) + (f", {found.group(2)}" if found.group(2) else ""))
    return "(" + "; ".join(parts) + ")"


def _box(match: re.Match) -> str:
    name, title = match.group("name"), match.group("title").strip()
    word = _BOX_WORDS.get(name, name.capitalize())
    heading = title if name == "admonition" and title else (f"{word}: {title}" if title else word)
    body = match.group("body").strip("\n")
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in body.splitlines())
    return f"> **{heading}**\n>\n{quoted}" if body else f"> **{heading}**"


def readable(text: str) -> str:
    """A chapter's Markdown as JupyterLab shows it: MyST boxes (``:::{exercise}``,
    ``:::{admonition}``, ...) as quoted blocks with a bold title, citations as (key, place), and
    links to other pages as their text.  JupyterLab's Markdown renderer knows no MyST: it would
    show a box as a paragraph of directive syntax."""
    text = _BOX.sub(_box, text)
    text = _CITE.sub(_citation, text)
    return _DOC.sub(lambda m: m.group(1) or m.group(2), text)


def for_jupyterlab(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` with its Markdown cells made :func:`readable`."""
    out = nbformat.from_dict(nb)
    for cell in out.cells:
        if cell.cell_type == "markdown":
            cell.source = readable(cell.source)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python -m tools.student CHAPTERS_DIR OUT_DIR", file=sys.stderr)
        return 2
    src, dest = Path(argv[0]), Path(argv[1])
    try:
        notebooks = nbfiles.chapters(src)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    if not notebooks:
        print(f"no chapter notebooks ({nbfiles.CHAPTER_GLOB}) in {src}", file=sys.stderr)
        return 1
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for path in notebooks:
        nb, removed = strip(nbfiles.read(path))
        nb = for_jupyterlab(nb)
        written = nbfiles.write_ipynb(nb, dest / path.name)
        print(f"{written.name}: {removed} solution cells removed")
    print(f"The student edition is in {dest}/ (open it next to the repository's helpers and data).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
