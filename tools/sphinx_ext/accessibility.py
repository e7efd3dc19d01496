"""What assistive technologies read: a wide table scrolls in its own labelled, focusable area, and
the bibliography's entries are list items.  The pages are rewritten with the parser of :mod:`.markup`."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from tools.sphinx_ext.markup import Element, Page

#: The theme's wrapper of the tables Sphinx writes.
THEME_WRAPPER = "pst-scrollable-table-container"
#: The wrapper of the tables helpers.tables writes (helpers.tables.scroll_area).
SCO_WRAPPER = "sco-scroll"


def table_label(page: Page, table: Element) -> str:
    """What a screen reader calls a table: "Table: " and its caption, or its first four column headings."""
    caption = page.find_all("caption", within=table)
    if caption:
        text = page.text_of(caption[0])
    else:
        heads = [page.text_of(th).strip() for th in page.find_all("th", within=table)[:4]]
        text = ", ".join(h for h in heads if h)
    text = " ".join(text.split())
    return f"Table: {text}" if text else "Table"


def _only_child(page: Page, parent: Element | None, child: Element) -> bool:
    """``child`` is the first thing inside ``parent`` (white space aside)."""
    return parent is not None and not page.text[parent.open_end:child.start].strip()


def scroll_tables(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Every table of a page scrolls sideways inside an area a keyboard can reach and a screen
    reader can name (role="region", tabindex="0", aria-label), so that no table makes the page
    wider than a phone's screen.  Tables made by ``helpers.tables`` come wrapped already; the
    theme's own wrapper of Sphinx tables gets the attributes.  A table inside a table, or
    holding one, is left as it is."""
    from helpers.tables import scroll_area

    body = context.get("body")
    if not body or "<table" not in body:
        return
    page = Page(body)
    for table in page.find_all("table"):
        if any(a.tag == "table" for a in table.ancestors()) or page.find_all("table", within=table):
            continue
        parent = table.parent
        if parent is not None and parent.tag == "div" and SCO_WRAPPER in parent.classes and _only_child(page, parent, table):
            continue  # wrapped by helpers.tables
        label = table_label(page, table)
        if (parent is not None and parent.tag == "div" and parent.attrs == [("class", THEME_WRAPPER)]
                and _only_child(page, parent, table)):
            wrapper = page.new_start_tag(parent, [*parent.attrs, ("role", "region"), ("tabindex", "0"), ("aria-label", label)])
            page.replace(parent.start, table.start, wrapper)
        else:
            page.replace_element(table, scroll_area(page.source(table), label))
    context["body"] = page.html()


def fix_citation_roles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """docutils marks each bibliography entry role="doc-biblioentry" inside a role="list";
    ARIA wants the items of a list to be list items (axe-core: aria-required-children)."""
    body = context.get("body")
    if not body or "doc-biblioentry" not in body:
        return
    page = Page(body)
    for entry in page.find_all(role="doc-biblioentry"):
        page.set_attrs(entry, [(k, "listitem" if k == "role" else v) for k, v in entry.attrs])
    context["body"] = page.html()


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", fix_citation_roles)
    app.connect("html-page-context", scroll_tables)

