"""Write the student edition of the chapter notebooks: every cell tagged ``solution`` removed.

    python -m tools.student chapters _build/student

The chapters are MyST Markdown notebooks (``chapters/NN_name.md``, see ``tools.notebooks``);
the student edition is written as ``.ipynb`` files, which JupyterLab opens as they are.

The student edition keeps the exercises and their ``answer = ...`` cells, which
``check()`` reports as not answered yet, so the edition still runs from top to bottom.
"""

from __future__ import annotations

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
        written = nbfiles.write_ipynb(nb, dest / path.name)
        print(f"{written.name}: {removed} solution cells removed")
    print(f"The student edition is in {dest}/ (open it next to the repository's helpers and data).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
