"""A work cited twice in one citation keeps both places.

sphinxcontrib-bibtex shows a work once in a citation and keeps only the last place given for it:
``{cite:p}`summit2014{para. 1},summit2014{para. 13}``` read "[Eurasianet, 2014, para. 13]".  Before
a page is parsed, the places of a work named more than once in one citation are joined, in the
order written, at the work's first mention: "[Eurasianet, 2014, para. 1; para. 13]".  A citation
that names each work once is left as it is.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

#: A citation role, ``{cite:p}`...``` or ``{cite:t}`...```.
ROLE = re.compile(r"\{cite:(?P<kind>[pt])\}`(?P<body>[^`]*)`")
#: One cited work in a role: its key, and the place in braces if one is given.
ITEM = re.compile(r"\s*(?P<key>[^\s,{}]+)\s*(?:\{(?P<place>[^{}]*)\})?\s*")


def _items(body: str) -> list[tuple[str, str]] | None:
    """The (key, place) pairs of a role's text, or None when it is not a plain list of them."""
    items, pos = [], 0
    while pos <= len(body):
        match = ITEM.match(body, pos)
        if not match or not match.group("key"):
            return None
        items.append((match.group("key"), match.group("place") or ""))
        pos = match.end()
        if pos == len(body):
            return items
        if body[pos] != ",":
            return None
        pos += 1
    return None


def _joined(match: re.Match) -> str:
    items = _items(match.group("body"))
    if items is None or len({key for key, _ in items}) == len(items):
        return match.group(0)
    places: dict[str, list[str]] = {}
    for key, place in items:
        places.setdefault(key, [])
        if place and place not in places[key]:
            places[key].append(place)
    body = ",".join(key + ("{" + "; ".join(found) + "}" if found else "") for key, found in places.items())
    return f"{{cite:{match.group('kind')}}}`{body}`"


def join_places(text: str) -> str:
    """Join the places of a work named more than once in one citation.

    >>> join_places("{cite:p}`a{para. 1},b,a{para. 3}`")
    '{cite:p}`a{para. 1; para. 3},b`'
    """
    return ROLE.sub(_joined, text)


def join_repeated_places(app: Sphinx, docname: str, source: list[str]) -> None:
    """Every page's citations, a work's places joined, before the page is parsed."""
    if source:
        source[0] = join_places(source[0])


def setup(app: Sphinx) -> None:
    app.connect("source-read", join_repeated_places)
