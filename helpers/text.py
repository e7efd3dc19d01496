"""Text: folding for comparison, names, words, lists in a cell, web addresses, scripts, excerpts.

Part of :mod:`helpers.data` (import that). The errors and what their messages say of a value
are in :mod:`helpers.errors`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from helpers.vocab import ELLIPSIS


# ---------------------------------------------------------------------------
# Small utilities
# ---------------------------------------------------------------------------
def fold(text: str) -> str:
    """Fold a text to the key that alias look-ups compare.

    Parameters
    ----------
    text : str
        Any text (another value is read as its ``str``).

    Returns
    -------
    str
        The text in lower case, without accents and without anything but letters and digits.

    Examples
    --------
    >>> fold("Côte d’Ivoire") == fold("cote divoire")
    True
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


#: What separates the words of a name without changing it: spaces, apostrophes, hyphens, dots, commas.
_NAME_SEPARATORS = re.compile(r"[\s'’‘ʼ`´\-‐‑‒–—.,]+")


def name_key(text: str) -> str:
    """Give the key a name is looked up by.

    Case, accents, spacing and the separators of words (spaces, apostrophes, hyphens, dots,
    commas) do not matter; every other character does, so "Kazakhstan!" or a Cyrillic "а" in
    "Kazakhstan" names no state.

    Parameters
    ----------
    text : str
        A name (another value is read as its ``str``).

    Returns
    -------
    str
        Its key.

    Examples
    --------
    >>> name_key("Côte d’Ivoire") == name_key("cote divoire")
    True
    >>> name_key("Kazakhstan!")
    'kazakhstan!'
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NAME_SEPARATORS.sub("", unicodedata.normalize("NFKC", text).casefold())


def fold_space(text: str) -> str:
    """Fold every run of whitespace to a single space, as excerpts are compared with sources.

    Parameters
    ----------
    text : str
        Any text (another value is read as its ``str``).

    Returns
    -------
    str
        The text with single spaces, stripped.

    Examples
    --------
    >>> fold_space("  the Shanghai   Five ")
    'the Shanghai Five'
    """
    return re.sub(r"\s+", " ", str(text)).strip()


def words(text: str) -> int:
    """Count the words of a text, as the limit on quotations counts them (a cut "…" is no word).

    Parameters
    ----------
    text : str
        An excerpt.

    Returns
    -------
    int
        How many words it has.

    Examples
    --------
    >>> words("the SCO … a club")
    4
    """
    return len(fold_space(text).replace(ELLIPSIS, " ").split())


def blank(value: Any) -> bool:
    """Tell whether a cell is empty.

    Parameters
    ----------
    value : object
        A cell's value.

    Returns
    -------
    bool
        True for None, NA (``NaN``, ``pd.NA``, ``NaT``) and a string of spaces or nothing;
        False for anything else, a list or a dict included.

    Examples
    --------
    >>> blank(" "), blank(float("nan")), blank("0")
    (True, True, False)
    """
    return value is None or (not isinstance(value, (list, dict)) and (pd.isna(value) or str(value).strip() == ""))


def split_list(value: str) -> list[str]:
    """Split a cell that holds a list (items separated by ``;``).

    Parameters
    ----------
    value : str
        The cell's text.

    Returns
    -------
    list of str
        The items, stripped; empty items are dropped.

    Examples
    --------
    >>> split_list("CHN; RUS;")
    ['CHN', 'RUS']
    """
    return [part.strip() for part in str(value).split(";") if part.strip()]


#: Characters a web address never holds as they are (RFC 3986 has them percent-encoded): quotes,
#: angle brackets, braces, backslash, caret, backtick, bar, whitespace and control characters.
_URL_UNSAFE = re.compile(r'[\s"\'<>{}\\^`|\x00-\x1f\x7f-\x9f]')


def web_url(value: Any) -> str | None:
    """Check that a value is a web address: the rule for every address the book shows.

    The address is parsed and put together again; it must come out the same and hold no
    character that could end an HTML attribute or a BibTeX field (see :data:`_URL_UNSAFE`).

    Parameters
    ----------
    value : object
        The value given.

    Returns
    -------
    str or None
        ``value`` stripped, if it is an http or https address with a host; else None.

    Examples
    --------
    >>> web_url("https://www.un.org/en/")
    'https://www.un.org/en/'
    >>> web_url("javascript:alert(1)") is None, web_url('https://a.org/"x') is None
    (True, True)
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
    """Name the script a letter is written in.

    Parameters
    ----------
    char : str
        One character.

    Returns
    -------
    str
        The first word of its Unicode name, capitalised ("Latin", "Cyrillic", "Greek",
        "Cjk"...), or "Unknown".

    Examples
    --------
    >>> script_of("Ж"), script_of("a")
    ('Cyrillic', 'Latin')
    """
    return unicodedata.name(char, "Unknown").split(" ")[0].capitalize()


def excerpt_found(excerpt: str, text: str) -> bool:
    """Tell whether an excerpt stands in a text, as it is quoted.

    Parameters
    ----------
    excerpt : str
        The quotation; "…" marks a cut.
    text : str
        The source's text.

    Returns
    -------
    bool
        True when every piece of ``excerpt`` between cuts stands in ``text``, in order
        (whitespace folded).

    Examples
    --------
    >>> excerpt_found("the SCO … a club", "Some say the SCO is a club of autocrats")
    True
    >>> excerpt_found("a club … the SCO", "Some say the SCO is a club of autocrats")
    False
    """
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
