"""Errors and what a message says of a refused value: :class:`DataError` and its helpers.

A value is quoted short (:func:`shown`), an unknown name comes with the closest valid ones
(:func:`unknown`), and :func:`expect_text` and :func:`expect_choice` check that a value is a
name, or one of the valid names. Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any, NoReturn


class DataError(ValueError):
    """A data file holds a value that breaks its schema (see ``data/README.md``).

    Its message names the file, the row (and the row's key), the column and the problem:
    ``states.csv, row 3 (KAZ), column 'name': must not be empty``.
    """

    def __init__(self, file: str, row: int | None, column: str | None, problem: str, key: Any = None):
        self.file, self.row, self.column, self.problem = file, row, column, problem
        where = file
        if row is not None:
            where += f", row {row}" + (f" ({key})" if key not in (None, "") else "")
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


#: A check's way to fail: ``err(column, problem)`` raises the DataError naming the file, the row and ``column``.
Err = Callable[[str | None, str], NoReturn]


#: How many characters of a bad value an error message quotes.
EXCERPT_CHARS = 60


def shown(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """Quote a value in a message, cut short.

    Parameters
    ----------
    value : object
        Any value; one whose ``repr`` fails is shown by its type.
    limit : int, optional
        How many characters of its ``repr`` are kept.

    Returns
    -------
    str
        ``repr(value)``, cut to ``limit`` characters with "…" and, for a string, its length.

    Examples
    --------
    >>> shown("Kazakhstan")
    "'Kazakhstan'"
    >>> shown("x" * 100, limit=5)
    "'xxxx…, 100 characters"
    """
    try:
        text = repr(value)
    except Exception:  # a student's object may fail in any way
        text = f"<{type(value).__name__}>"
    if len(text) <= limit:
        return text
    size = f", {len(value)} characters" if isinstance(value, str) else ""
    return f"{text[:limit]}…{size}"


def _closest(value: Any, valid: Iterable[str], n: int = 5) -> str:
    """Up to ``n`` valid values closest to ``value``, quoted (or the first ``n``), for a message."""
    valid = list(dict.fromkeys(str(v) for v in valid))
    value = value if isinstance(value, str) and len(value) <= 200 else shown(value)
    close = difflib.get_close_matches(str(value), valid, n=n, cutoff=0.5)
    if not close:
        close = valid[:n]
    more = "" if len(valid) <= len(close) else f" (of {len(valid)} valid values)"
    return ", ".join(repr(c) for c in close) + more


def unknown(what: str, value: Any, valid: Iterable[str]) -> ValueError:
    """Make the error for an unknown name.

    Parameters
    ----------
    what : str
        What the name should name (``"state"``).
    value : object
        The name given.
    valid : iterable of str
        The valid names.

    Returns
    -------
    ValueError
        Its message names the value and the closest valid names (the caller raises it).

    Examples
    --------
    >>> unknown("state", "Kazakstn", ["Kazakhstan", "Kyrgyzstan"])
    ValueError("unknown state 'Kazakstn'; closest valid: 'Kazakhstan', 'Kyrgyzstan'")
    """
    return ValueError(f"unknown {what} {shown(value)}; closest valid: {_closest(value, valid)}")


def expect_text(value: Any, what: str, valid: Iterable[str]) -> str:
    """Check that a value is a name (a string).

    Parameters
    ----------
    value : object
        The value given.
    what : str
        What it should name, for the message (``"state"``).
    valid : iterable of str
        Valid names, some of which the message suggests.

    Returns
    -------
    str
        ``value``.

    Raises
    ------
    TypeError
        If ``value`` is not a string.

    Examples
    --------
    >>> expect_text("CHN", "state", ["CHN", "RUS"])
    'CHN'
    """
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a name (a string), got {type(value).__name__} {shown(value)}; valid: {_closest(value, valid)}")
    return value


def expect_choice(value: Any, what: str, valid: Iterable[str]) -> str:
    """Check that a value is one of the valid names.

    Parameters
    ----------
    value : object
        The value given.
    what : str
        What it should name, for the message (``"level"``).
    valid : iterable of str
        The valid names.

    Returns
    -------
    str
        ``value``.

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        If it is not one of ``valid`` (the message names the closest ones).

    Examples
    --------
    >>> expect_choice("ministers", "level", ["heads of state", "ministers"])
    'ministers'
    >>> expect_choice("minister", "level", ["heads of state", "ministers"])
    Traceback (most recent call last):
    ...
    ValueError: unknown level 'minister'; closest valid: 'ministers'...
    """
    valid = [str(v) for v in valid]
    if expect_text(value, what, valid) not in valid:
        raise unknown(what, value, valid)
    return value
