"""A page's HTML as a parser reads it, and edits spliced into its text.

The extension rewrites the pages Sphinx writes (a table's wrapper, a map's frame, a script's
``defer``) through this module, not with regular expressions: the standard library's HTML
parser (:mod:`html.parser`, the tokenizer of BeautifulSoup's ``html.parser`` builder) finds each tag
where a browser would (not a ``<table`` written inside a script or an attribute, whatever
order the attributes come in, a ``>`` inside a quoted value included), and an edit replaces
the exact characters of an element or of its start tag.  What no edit touches stays byte for
byte as Sphinx wrote it, so a rewritten page differs from the page it was given only where
it was meant to.  (A parser that writes its tree out again, as BeautifulSoup, lxml or html5lib
do, would rewrite every page's quoting, entities and ``<br />`` as well.)

    page = Page(html)
    for frame in page.find_all("iframe", class_="sco-map-frame"):
        page.set_attrs(frame, [*frame.attrs, ("loading", "lazy")])
    html = page.html()
"""

from __future__ import annotations

import html as html_lib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements that have no end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
#: Elements whose text a reader never sees.
HIDDEN_TEXT = frozenset({"script", "style", "template"})


@dataclass(eq=False)
class Element:
    """One element: its tag, its attributes (in order, values unescaped; None for a bare name),
    and where it sits in the page's text: ``start`` (its ``<``), ``open_end`` (after its start
    tag), ``close_start`` (its end tag's ``<``) and ``end`` (after its end tag).  A void or
    self-closed element ends with its start tag; an element closed implicitly ends where the
    element that closed it does."""

    tag: str
    attrs: list[tuple[str, str | None]]
    start: int
    open_end: int
    close_start: int = -1
    end: int = -1
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)

    def get(self, name: str, default: str | None = None) -> str | None:
        return next((v for k, v in self.attrs if k == name), default)

    def has(self, name: str) -> bool:
        return any(k == name for k, _ in self.attrs)

    @property
    def classes(self) -> list[str]:
        return (self.get("class") or "").split()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def descendants(self) -> Iterator[Element]:
        for child in self.children:
            yield child
            yield from child.descendants()


class _Reader(HTMLParser):
    """Builds the element tree of a text, recording where each element and each run of text lies."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.lines = [0]
        while (nl := text.find("\n", self.lines[-1])) != -1:
            self.lines.append(nl + 1)
        self.root = Element("#document", [], 0, 0)
        self.stack = [self.root]
        self.elements: list[Element] = []
        self.texts: list[tuple[int, str, Element]] = []  # (offset, text, the element it is in)

    def _at(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        start = self._at()
        raw = self.get_starttag_text() or ""
        el = Element(tag, list(attrs), start, start + len(raw), parent=self.stack[-1])
        self.stack[-1].children.append(el)
        self.elements.append(el)
        if closed or tag in VOID:
            el.close_start = el.end = el.open_end
        else:
            self.stack.append(el)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if not any(el.tag == tag for el in self.stack[1:]):
            return  # an end tag nothing opened: ignored, as a browser does
        start = self._at()
        end = self.text.find(">", start) + 1 or len(self.text)
        while self.stack[-1].tag != tag:  # elements closed implicitly (a <p> by its </div>)
            inner = self.stack.pop()
            inner.close_start = inner.end = start
        el = self.stack.pop()
        el.close_start, el.end = start, end

    def handle_data(self, data: str) -> None:
        self.texts.append((self._at(), data, self.stack[-1]))

    def finish(self) -> None:
        self.close()
        for el in self.stack[1:]:
            el.close_start = el.end = len(self.text)
        self.root.close_start = self.root.end = len(self.text)


def escape(value: str) -> str:
    """An attribute value as the helpers write it (``html.escape``, quotes included)."""
    return html_lib.escape(value, quote=True)


class Page:
    """The elements of an HTML text (a whole page or a fragment) and the edits to make to it."""

    def __init__(self, text: str):
        reader = _Reader(text)
        reader.feed(text)
        reader.finish()
        self.text = text
        self.root = reader.root
        self.elements = reader.elements
        self._texts = reader.texts
        self._text_starts = [t[0] for t in reader.texts]
        self._edits: list[tuple[int, int, int, str]] = []

    # --- reading ---------------------------------------------------------------------------
    def find_all(self, tag: str | None = None, *, within: Element | None = None, class_: str | None = None,
                 **attrs: str | bool) -> list[Element]:
        """The elements named ``tag`` (any when None), in the page's order, inside ``within`` when
        given, having the class ``class_`` and every attribute of ``attrs`` (a value, or True for
        any value; a trailing underscore of a name is dropped, and other underscores become hyphens)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        pool = within.descendants() if within is not None else iter(self.elements)
        found = []
        for el in pool:
            if tag is not None and el.tag != tag:
                continue
            if class_ is not None and class_ not in el.classes:
                continue
            if all(el.has(k) if v is True else el.get(k) == v for k, v in wanted.items()):
                found.append(el)
        return found

    def source(self, el: Element) -> str:
        """The element as written in the page, from its start tag to its end tag."""
        return self.text[el.start:el.end]

    def start_tag(self, el: Element) -> str:
        return self.text[el.start:el.open_end]

    def text_of(self, el: Element) -> str:
        """The text inside ``el`` (character references resolved), without that of scripts and styles."""
        lo = bisect_right(self._text_starts, el.open_end - 1)
        hi = bisect_right(self._text_starts, el.close_start - 1)
        return "".join(text for _, text, owner in self._texts[lo:hi] if owner.tag not in HIDDEN_TEXT)

    # --- editing ---------------------------------------------------------------------------
    def replace(self, start: int, end: int, new: str) -> None:
        """Replace the page's characters ``start:end`` by ``new`` (edits may not overlap)."""
        self._edits.append((start, end, len(self._edits), new))

    def insert(self, at: int, new: str) -> None:
        self.replace(at, at, new)

    def replace_element(self, el: Element, new: str) -> None:
        self.replace(el.start, el.end, new)

    def remove(self, el: Element, *, space_before: bool = False) -> None:
        """Remove ``el``; with ``space_before``, the white space before it too (a tag on a line of its own)."""
        start = len(self.text[:el.start].rstrip()) if space_before else el.start
        self.replace(start, el.end, "")

    def new_start_tag(self, el: Element, attrs: list[tuple[str, str | None]]) -> str:
        """``el``'s start tag with ``attrs`` instead of its attributes, written ``name="value"``
        (escaped) or as a bare name, and closed as the original was (``>``, ``/>`` or `` />``)."""
        raw = self.start_tag(el)
        close = " />" if raw.endswith(" />") else "/>" if raw.endswith("/>") else ">"
        written = "".join(f" {k}" if v is None else f' {k}="{escape(v)}"' for k, v in attrs)
        return f"<{el.tag}{written}{close}"

    def set_attrs(self, el: Element, attrs: list[tuple[str, str | None]]) -> None:
        """Rewrite ``el``'s start tag with ``attrs`` (in that order)."""
        self.replace(el.start, el.open_end, self.new_start_tag(el, attrs))

    def add_attr_first(self, el: Element, name: str, value: str) -> None:
        """Insert an attribute just after the tag's name, leaving the rest of the tag as it is."""
        self.insert(el.start + 1 + len(el.tag), f' {name}="{escape(value)}"')

    def html(self) -> str:
        """The text with every edit made."""
        if not self._edits:
            return self.text
        out, last = [], 0
        for start, end, _, new in sorted(self._edits):
            if start < last:
                raise ValueError(f"two edits of the page overlap at offset {start}")
            out += [self.text[last:start], new]
            last = end
        return "".join(out) + self.text[last:]


def src_path(url: str | None) -> str:
    """A URL without its query and fragment (``_static/x.css?digest=1`` -> ``_static/x.css``)."""
    return (url or "").split("#", 1)[0].split("?", 1)[0]
