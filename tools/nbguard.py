"""Refuse notebooks that should not be committed (a pre-commit hook: ``python -m tools.nbguard FILE...``).

The chapters are MyST Markdown notebooks (``chapters/*.md``): an ``.ipynb`` in ``chapters/`` is a
converted copy, refused. Any other ``.ipynb`` is refused if it carries outputs (the build executes
every notebook; outputs in git are stale and heavy): clear them first, as
``jupyter nbconvert --clear-output --inplace FILE`` does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def problems(path: Path) -> list[str]:
    """What is wrong with committing notebook ``path`` (an empty list: nothing).

    Parameters
    ----------
    path : Path
        A file about to be committed; only ``.ipynb`` files are looked at.

    Returns
    -------
    list of str
        One message per problem, naming the file (and the cell).

    Examples
    --------
    >>> problems(Path("chapters/01_x.ipynb"))
    ['chapters/01_x.ipynb: the chapters are MyST Markdown notebooks (chapters/*.md); do not commit an .ipynb there']
    """
    if path.suffix != ".ipynb":
        return []
    if path.parts and path.parts[0] == "chapters":
        return [f"{path.as_posix()}: the chapters are MyST Markdown notebooks (chapters/*.md); do not commit an .ipynb there"]
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{path.as_posix()}: not a readable notebook ({exc})"]
    found = []
    for number, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("outputs") or cell.get("execution_count") is not None:
            found.append(f"{path.as_posix()}: cell {number} has outputs; clear them "
                         f"(jupyter nbconvert --clear-output --inplace {path.as_posix()})")
    return found


def main(argv: list[str] | None = None) -> int:
    """Check every file named on the command line; exit 1 if any notebook is refused."""
    found = [p for name in (sys.argv[1:] if argv is None else argv) for p in problems(Path(name))]
    print("\n".join(found)) if found else None
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
