"""Where the data and the source documents are, and the packaged-data layout.

Part of :mod:`helpers.data` (import that). ``DATA_DIR`` is ``$SCO_DATA_DIR`` if set, else the
data inside an installed wheel (the class pack), else the repository's ``data/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from helpers.assets import PACKAGED_DATA_DIR
from helpers.errors import shown

ROOT = Path(__file__).resolve().parent.parent
#: The folder of this package (``helpers/``), in the repository or installed.
PACKAGE_DIR = Path(__file__).resolve().parent

# The packaged-data layout (what an installed wheel carries inside ``helpers/`` besides the
# code) is written once, in helpers/assets.py: PACKAGED_DATA, PACKAGED_DATA_DIR, package_data_globs.

#: The JSON Schema of the quiz files: part of the helpers' contract, so read from their own data
#: (packaged or the repository's), whichever data folder is being checked.
QUIZ_SCHEMA = (PACKAGED_DATA_DIR if PACKAGED_DATA_DIR.is_dir() else ROOT / "data") / "quiz.schema.json"
#: Where the data live: ``$SCO_DATA_DIR`` if set; in an installed wheel (the class pack),
#: inside the package (``helpers/_data``); in the repository, the authors' ``data/`` folder
#: beside ``helpers/``.
DATA_DIR = Path(os.environ.get("SCO_DATA_DIR") or (PACKAGED_DATA_DIR if PACKAGED_DATA_DIR.is_dir() else ROOT / "data"))
#: The source documents; present beside the repository for the authors, not shipped with the book.
SEEDS_DIR = Path(os.environ.get("SCO_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))


#: The data folders being checked (innermost last): while validate_all() computes the quizzes'
#: answers from a folder, every look-up without a data_dir reads that folder.
_ACTIVE_DIRS: list[str] = []


def _dir_arg(data_dir: Any) -> str:
    """The folder a look-up reads: ``data_dir`` resolved, or the one being checked, or :data:`DATA_DIR`."""
    if data_dir is None:
        if _ACTIVE_DIRS:
            return _ACTIVE_DIRS[-1]
        data_dir = DATA_DIR
    if not isinstance(data_dir, (str, os.PathLike)):
        raise TypeError(f"data_dir must be a folder (a path), got {type(data_dir).__name__} {shown(data_dir)}")
    return _resolved(os.fspath(data_dir))


@lru_cache(maxsize=64)
def _resolved(path: str) -> str:
    """``path`` made absolute, with its links resolved (cached)."""
    return str(Path(path).resolve())


@contextmanager
def reading(data_dir: str | Path) -> Iterator[None]:
    """Make every look-up without a ``data_dir`` read another data folder, within a block.

    Parameters
    ----------
    data_dir : str or pathlib.Path
        The folder, laid out as ``data/``.

    Yields
    ------
    None
        Within the block, look-ups read ``data_dir``.

    Raises
    ------
    TypeError
        If ``data_dir`` is not a path.

    Examples
    --------
    >>> from helpers import lookups
    >>> with reading(DATA_DIR):
    ...     lookups.state("RUS")["name"]
    'Russia'
    """
    _ACTIVE_DIRS.append(_dir_arg(data_dir))
    try:
        yield
    finally:
        _ACTIVE_DIRS.pop()
