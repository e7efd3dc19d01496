"""Learning objectives look the same in every chapter."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

OBJECTIVES = "Learning objectives"


def objectives_box(app: Sphinx, doctree: nodes.document) -> None:
    """A chapter opens with its learning objectives either as an admonition titled "Learning
    objectives" or as a paragraph starting with a bold "**Learning objectives.**" followed by
    a list; both are rendered as the same box (class ``sco-objectives``, styled in book.css)."""
    for para in list(doctree.findall(nodes.paragraph)):
        while para.children and isinstance(para[0], nodes.Text) and not para[0].astext().strip():
            para.remove(para[0])  # MyST leaves an empty text before a bold start
        if not (para.children and isinstance(para[0], nodes.strong)
                and para[0].astext().strip().rstrip(".:") == OBJECTIVES):
            continue
        items = para.next_node(descend=False, siblings=True)
        if not isinstance(items, (nodes.enumerated_list, nodes.bullet_list)):
            continue
        box = nodes.admonition(classes=["note", "sco-objectives"])
        box += nodes.title("", OBJECTIVES)
        rest = para.deepcopy()
        rest.remove(rest[0])
        if rest.children and isinstance(rest[0], nodes.Text):
            rest.replace(rest[0], nodes.Text(rest[0].astext().lstrip()))
        if rest.astext().strip():
            box += rest
        items.parent.remove(items)
        box += items
        para.replace_self(box)
    for box in doctree.findall(nodes.admonition):
        titled = box.children and isinstance(box[0], nodes.title) and box[0].astext().strip() == OBJECTIVES
        if titled and "sco-objectives" not in box["classes"]:
            box["classes"].append("sco-objectives")


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", objectives_box)
