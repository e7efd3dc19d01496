"""What the widgets' panes share: citations, key terms marked, and a selector over panes.

The widgets of :mod:`helpers.widgets`, :mod:`helpers.timeline`, :mod:`helpers.scorecard` and
:mod:`helpers.lab` work the same in a live notebook and in the published book with no kernel:
every pane is rendered in advance into a ``Stack``, and a ``Dropdown``'s ``index`` is linked to
the stack's ``selected_index`` with ``jslink``, a link that runs in the browser from the widget
state that the book embeds.

A pane's HTML comes from a template in ``helpers/templates``; the pieces the templates share
(a citation, its note in brackets, marked text, the scroll area) are the macros of
``macros.html``, which :func:`highlight` and :func:`cite_html` call too. Every string from the
data is escaped there, and a citation links only to an http(s) address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import ipywidgets as w

from helpers import data
from helpers.templating import environment

#: Terms highlighted in the declarations' excerpts.
KEY_TERMS = (
    "territorial integrity",
    "sovereignty",
    "separatism",
    "splittism",
    "dialogue",
    "non-interference",
    "interference",
    "internal affairs",
    "peace",
    "political means",
    "negotiation",
    "Russia",
    "NATO",
    "missile defence",
    "missile defense",
    "expansion",
    "enlargement",
    "military presence",
)

#: The layout of a pane, a stack of panes and a widget's box: the width of the page.
FULL_WIDTH = w.Layout(width="100%")


def _macro(name: str, *args: Any) -> str:
    """Call one of the macros of ``helpers/templates/macros.html``."""
    return str(getattr(environment().get_template("macros.html").module, name)(*args))


def marks(text: Any, terms: Iterable[str] = KEY_TERMS) -> list[tuple[str, bool]]:
    """``text`` cut into (part, is a key term) pairs: what the ``marked`` macro of ``macros.html`` shows.

    Parameters
    ----------
    text : str
        The text; a blank value gives no part.
    terms : iterable of str, optional
        The words or phrases to find (any case, at the start of a word); by default :data:`KEY_TERMS`.

    Returns
    -------
    list of tuple of (str, bool)
        The parts in order, each with whether it is a key term.

    Raises
    ------
    TypeError
        If ``terms`` is a single string or holds anything but strings.

    Examples
    --------
    >>> marks("Peace & war")
    [('Peace', True), (' & war', False)]
    """
    if isinstance(terms, str) or not all(isinstance(t, str) for t in terms):
        raise TypeError(f"terms must be a list of words or phrases, got {data.shown(terms)}")
    text = "" if data.blank(text) else str(text)
    pattern = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    if not pattern:
        return [(text, False)]
    parts = re.split(rf"(?i)\b({pattern})", text)  # odd places hold the terms found
    return [(part, i % 2 == 1) for i, part in enumerate(parts) if part]


def highlight(text: str, terms: Iterable[str] = KEY_TERMS) -> str:
    """Escape ``text`` and mark every key term in it (any case) with ``<mark>``.

    Parameters
    ----------
    text : str
        The text (an excerpt from the data); a blank value gives an empty string.
    terms : iterable of str, optional
        The words or phrases to mark; by default :data:`KEY_TERMS`.

    Returns
    -------
    str
        The escaped text as HTML, the terms marked.

    Raises
    ------
    TypeError
        If ``terms`` is a single string or holds anything but strings.

    Examples
    --------
    >>> highlight("Respect for sovereignty & peace")
    'Respect for <mark>sovereignty</mark> &amp; <mark>peace</mark>'
    """
    return _macro("marked", marks(text, terms))


def citation(source_id: str, place: Any = None) -> dict[str, str | None]:
    """A citation as the templates take it: its text, and the source's address if it is a web address.

    Parameters
    ----------
    source_id : str
        The source's id in ``data/sources.csv``.
    place : str, optional
        Where in the source (``L8``, ``p. 3``).

    Returns
    -------
    dict
        ``text`` (as :func:`helpers.data.cite_text` writes it) and ``url`` (an http(s) address, or None).

    Examples
    --------
    >>> citation("genref")
    {'text': 'general reference', 'url': None}
    """
    return {"text": data.cite_text(source_id, place), "url": data.web_url(data.source_url(source_id))}


def cite_html(source_id: str, place: Any = None) -> str:
    """A citation as HTML: the escaped text, a link when the source has an http(s) address.

    Parameters
    ----------
    source_id : str
        The source's id in ``data/sources.csv``.
    place : str, optional
        Where in the source (``L8``, ``p. 3``); none cites the whole work.

    Returns
    -------
    str
        The citation, in a link that opens in a new tab when the source has a web address.

    Examples
    --------
    >>> cite_html("goodenough2008", "L8")
    '<a href="http://www.cnsnews.com/..." rel="noopener noreferrer" target="_blank">Goodenough (2008), para. 2</a>'
    >>> cite_html("genref")
    'general reference'
    """
    return _macro("citation", citation(source_id, place))


def selector(label: str, options: list[tuple[str, Any]], index: int, panes: list[w.Widget]) -> w.VBox:
    """A labelled Dropdown whose choice selects one of ``panes``, in the kernel and in the static page.

    Parameters
    ----------
    label : str
        The Dropdown's label (``"Theme:"``).
    options : list of tuple of (str, Any)
        The choices, as (label, value), one per pane.
    index : int
        The choice shown first.
    panes : list of ipywidgets.Widget
        The panes, in the order of ``options``.

    Returns
    -------
    ipywidgets.VBox
        The Dropdown above a ``Stack`` of the panes, linked by ``jslink``.

    Examples
    --------
    >>> box = selector("Theme:", [("a", "a"), ("b", "b")], 1, [pane("<p>a</p>", "x"), pane("<p>b</p>", "x")])
    >>> box.children[1].selected_index
    1
    """
    dropdown = w.Dropdown(
        options=options, index=index, description=label, style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="100%")
    )
    stack = w.Stack(panes, selected_index=index, layout=FULL_WIDTH)
    w.jslink((dropdown, "index"), (stack, "selected_index"))
    box = w.VBox([dropdown, stack], layout=FULL_WIDTH)
    box.add_class("sco-selector")
    return box


def pane(body_html: str, cls: str) -> w.HTML:
    """One pane of a widget: HTML built from a template, in a ``<div class=cls>``.

    Parameters
    ----------
    body_html : str
        The pane's HTML, built by a helper from a template (it is not escaped again).
    cls : str
        The class of the pane's ``div``.

    Returns
    -------
    ipywidgets.HTML
        The pane.

    Examples
    --------
    >>> pane("<p>text</p>", "sco-cell").value
    '<div class="sco-cell"><p>text</p></div>'
    """
    return w.HTML(value=_macro("pane", cls, body_html), layout=FULL_WIDTH)
