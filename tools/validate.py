"""Validate the data (``helpers.data.validate_all``): the first step of ``make book`` and ``make classpack``.

    python -m tools.validate            # the repository's data/
    python -m tools.validate DATA_DIR   # another folder of data

Prints the row count of every table and the time taken; on invalid data prints the error
(file, row, column and the problem) and exits with status 1, so that nothing is built from it.
"""

from __future__ import annotations

import sys
import time

from helpers import data


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = args[0] if args else None
    start = time.perf_counter()
    try:
        counts = data.validate_all(folder)
    except data.DataError as exc:
        print(f"invalid data: {exc}", file=sys.stderr)
        return 1
    took = time.perf_counter() - start
    print(f"data valid: {len(counts)} tables, {sum(counts.values())} rows, and the quizzes ({took:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
