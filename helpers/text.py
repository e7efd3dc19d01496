"""Text: folding for comparison, names, short excerpts in messages, checks of a value, web
addresses, and :class:`DataError`.

Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, NoReturn
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from helpers.vocab import ELLIPSIS


class DataError(ValueError):
    """A data file holds a value that breaks its schema (see ``data/README.md``)."""

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


# ---------------------------------------------------------------------------
# Small utilities
# ---------------------------------------------------------------------------
def fold(text: str) -> str:
    """Lower-case, strip accents and everything but letters and digits: the key for alias look-ups."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


#: What separates the words of a name without changing it: spaces, apostrophes, hyphens, dots, commas.
_NAME_SEPARATORS = re.compile(r"[\s'’‘ʼ`´\-‐‑‒–—.,]+")


def name_key(text: str) -> str:
    """The key a name is looked up by: case, accents, spacing and the separators of words
    (spaces, apostrophes, hyphens, dots, commas) do not matter; every other character does,
    so "Kazakhstan!" or a Cyrillic "а" in "Kazakhstan" names no state."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NAME_SEPARATORS.sub("", unicodedata.normalize("NFKC", text).casefold())


def fold_space(text: str) -> str:
    """Fold every run of whitespace to a single space (how excerpts are compared with sources)."""
    return re.sub(r"\s+", " ", str(text)).strip()


def words(text: str) -> int:
    return len(fold_space(text).replace(ELLIPSIS, " ").split())


def blank(value: Any) -> bool:
    """True for None, NA and empty strings."""
    return value is None or (not isinstance(value, (list, dict)) and (pd.isna(value) or str(value).strip() == ""))


def split_list(value: str) -> list[str]:
    return [part.strip() for part in str(value).split(";") if part.strip()]


#: How many characters of a bad value an error message quotes.
EXCERPT_CHARS = 60


def shown(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """``repr(value)``, cut to ``limit`` characters (with "…" and the full length): what a message quotes."""
    try:
        text = repr(value)
    except Exception:  # a student's object may fail in any way
        text = f"<{type(value).__name__}>"
    if len(text) <= limit:
        return text
    size = f", {len(value)} characters" if isinstance(value, str) else ""
    return f"{text[:limit]}…{size}"


def _closest(value: Any, valid: Iterable[str], n: int = 5) -> str:
    valid = list(dict.fromkeys(str(v) for v in valid))
    value = value if isinstance(value, str) and len(value) <= 200 else shown(value)
    close = difflib.get_close_matches(str(value), valid, n=n, cutoff=0.5)
    if not close:
        close = valid[:n]
    more = "" if len(valid) <= len(close) else f" (of {len(valid)} valid values)"
    return ", ".join(repr(c) for c in close) + more


def unknown(what: str, value: Any, valid: Iterable[str]) -> ValueError:
    """The ValueError for an unknown name: it names the value and the closest valid ones."""
    return ValueError(f"unknown {what} {shown(value)}; closest valid: {_closest(value, valid)}")


def expect_text(value: Any, what: str, valid: Iterable[str]) -> str:
    """``value`` if it is a string; else a TypeError naming it and some valid values."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a name (a string), got {type(value).__name__} {shown(value)}; valid: {_closest(value, valid)}")
    return value


def expect_choice(value: Any, what: str, valid: Iterable[str]) -> str:
    """``value`` if it is one of ``valid``; else a TypeError or ValueError naming it and the valid ones."""
    valid = [str(v) for v in valid]
    if expect_text(value, what, valid) not in valid:
        raise unknown(what, value, valid)
    return value


#: Characters a web address never holds as they are (RFC 3986 has them percent-encoded): quotes,
#: angle brackets, braces, backslash, caret, backtick, bar, whitespace and control characters.
_URL_UNSAFE = re.compile(r'[\s"\'<>{}\\^`|\x00-\x1f\x7f-\x9f]')


def web_url(value: Any) -> str | None:
    """``value`` if it is a web address (http or https, with a host), else None: the rule for every url shown.

    The address is parsed and put together again; it must come out the same and hold no
    character that could end an HTML attribute or a BibTeX field (see :data:`_URL_UNSAFE`).
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _URL_UNSAFE.search(text):
        return None
    try:
        parts = urlsplit(text)
        again = urlunsplit(parts)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or again != text:
        return None
    return text


def script_of(char: str) -> str:
    """The script of a letter, as the first word of its Unicode name ("Latin", "Cyrillic", "Greek", "Cjk"...)."""
    return unicodedata.name(char, "Unknown").split(" ")[0].capitalize()


def excerpt_found(excerpt: str, text: str) -> bool:
    """True when every piece of ``excerpt`` between cuts (…) stands in ``text``, in order."""
    haystack = fold_space(text)
    position = 0
    for piece in (p.strip() for p in fold_space(excerpt).split(ELLIPSIS)):
        if not piece:
            continue
        found = haystack.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True
