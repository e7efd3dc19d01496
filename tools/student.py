"""Write the student edition of the chapter notebooks: every cell tagged ``solution`` removed.

    python -m tools.student chapters _build/student

The student edition keeps the exercises and their ``answer = ...`` cells, which
``check()`` reports as not answered yet, so the edition still runs from top to bottom.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat

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
    notebooks = sorted(src.glob("*.ipynb"))
    if not notebooks:
        print(f"no notebooks in {src}", file=sys.stderr)
        return 1
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for path in notebooks:
        nb, removed = strip(nbformat.read(path, as_version=4))
        nbformat.write(nb, dest / path.name)
        print(f"{path.name}: {removed} solution cells removed")
    print(f"The student edition is in {dest}/ (open it next to the repository's helpers and data).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
