"""Tables as a reader sees them: :func:`show` a DataFrame as a plain HTML table.

pandas shows a DataFrame as programmers read it: a column of row numbers, lists with
their brackets (``['Shanghai Communiqué', ...]``) and dates at midnight.  ``show``
shows it as a reader reads it:

* no index column, unless the index means something (it has a name, as after
  ``set_index("name")``, ``groupby`` or ``crosstab``): then it is the first column;
* a list, tuple or set as its items joined by "; " (``a; b``);
* a date as "28 Aug 2008", in a cell that does not wrap;
* a column name as words (``city_name`` reads "city name");
* an empty cell for a missing value (``NaN``, ``None``, ``NaT``);
* every value escaped (the HTML comes from ``helpers/templates/table.html``): no HTML from the data;
* wide tables scroll sideways inside their own focusable, labelled area
  (``<div class="sco-scroll" role="region" tabindex="0" aria-label=...>``), so that the
  page itself never grows wider than a phone's screen.

In a chapter::

    tables.show(meets[["start", "name", "city_name", "documents"]])
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from helpers import data
from helpers.templating import render

__all__ = ["show", "Table", "table_html", "cell_text", "scroll_area"]


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value)) if np.ndim(value) == 0 else False
    except (TypeError, ValueError):
        return False


def _is_date(value: Any) -> bool:
    return isinstance(value, (dt.date, np.datetime64)) and not _missing(value)


def cell_text(value: Any) -> str:
    """How a value reads in a table: plain text, not yet escaped.

    Parameters
    ----------
    value : Any
        A cell: a list, tuple or set (its items joined by "; "), a date, a number, text, or a
        missing value (``None``, ``NaN``, ``NaT``).

    Returns
    -------
    str
        The text; empty for a missing value.

    Examples
    --------
    >>> cell_text(["Shanghai", "Dushanbe"]), cell_text(pd.Timestamp("2008-08-28")), cell_text(3.0), cell_text(None)
    ('Shanghai; Dushanbe', '28 Aug 2008', '3', '')
    """
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Series)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        return "; ".join(cell_text(v) for v in items if not _missing(v))
    if _missing(value):
        return ""
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime):
        return f"{value.day} {value:%b %Y}" + ("" if (value.hour, value.minute) == (0, 0) else f" {value:%H:%M}")
    if isinstance(value, dt.date):
        return f"{value.day} {value:%b %Y}"
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def scroll_area(inner_html: str, label: str) -> str:
    """Put HTML the helpers built (a table, a chart) in a labelled, focusable area that scrolls sideways.

    Parameters
    ----------
    inner_html : str
        HTML built by a helper from a template (or a page's own table): it is not escaped again.
    label : str
        What the area holds, for screen readers (``aria-label``); escaped.

    Returns
    -------
    str
        The ``<div class="sco-scroll" role="region" tabindex="0">`` holding ``inner_html``.

    Examples
    --------
    >>> scroll_area("<table></table>", "Votes & abstentions")
    '<div class="sco-scroll" role="region" tabindex="0" aria-label="Votes &amp; abstentions"><table></table></div>'
    """
    return render("scroll_area.html", inner_html=inner_html, label=label)


def _heading(name: Any) -> str:
    return cell_text(name).replace("_", " ")


def _header_rows(columns: pd.Index) -> list[list[tuple[str, int]]]:
    """The header rows of ``columns``: per level, (label, colspan) of each run of equal labels."""
    if not isinstance(columns, pd.MultiIndex):
        return [[(_heading(c), 1) for c in columns]]
    rows = []
    for level in range(columns.nlevels):
        keys = [tuple(c[: level + 1]) for c in columns]
        row: list[tuple[str, int]] = []
        for i, key in enumerate(keys):
            if i and keys[i - 1] == key:
                row[-1] = (row[-1][0], row[-1][1] + 1)
            else:
                row.append((_heading(key[-1]), 1))
        rows.append(row)
    return rows


def table_html(frame: pd.DataFrame, index: bool | None = None, caption: str | None = None, label: str | None = None) -> str:
    """The HTML of :func:`show`: a ``sco-table`` in its scroll area.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        The table.
    index : bool or None, optional
        Show the index as the first column(s): ``None`` does when the index has a name.
    caption : str or None, optional
        The table's caption.
    label : str or None, optional
        The scroll area's label for screen readers; by default the caption, else "Table: "
        and the column names.

    Returns
    -------
    str
        The HTML, every value escaped.

    Raises
    ------
    TypeError
        If ``frame`` is neither a DataFrame nor a Series.

    Examples
    --------
    >>> table_html(pd.DataFrame({"city_name": ["<Shanghai>"]}))
    '<div ... aria-label="Table: city name"><table class="sco-table"><thead><tr><th scope="col">city name</th></tr></thead><tbody><tr><td>&lt;Shanghai&gt;</td></tr></tbody></table></div>'
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"show() takes a pandas DataFrame or Series, got {type(frame).__name__} {data.shown(frame)}")
    if index is None:
        index = any(name is not None for name in frame.index.names)
    n_index = frame.index.nlevels if index else 0
    if index:
        names = [n if n is not None else "" for n in frame.index.names]
        frame = frame.copy()
        frame.index = frame.index.set_names(names)
        frame = frame.reset_index(col_level=frame.columns.nlevels - 1 if isinstance(frame.columns, pd.MultiIndex) else 0)
    body = [[(cell_text(value), i < n_index, _is_date(value)) for i, value in enumerate(values)] for values in frame.itertuples(index=False, name=None)]
    if label is None:
        flat = [" ".join(str(x) for x in c if str(x)) if isinstance(c, tuple) else str(c) for c in frame.columns]
        label = caption or "Table: " + ", ".join(c.replace("_", " ") for c in flat if c)
    return render("table.html", head=_header_rows(frame.columns), body=body, caption=caption, label=label)


class Table:
    """What :func:`show` returns: shown as an HTML table, printed as text.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        The table.
    index : bool or None, optional
        As in :func:`show`.
    caption : str or None, optional
        The table's caption.
    """

    def __init__(self, frame: pd.DataFrame, index: bool | None = None, caption: str | None = None):
        self.frame, self.index, self.caption = frame, index, caption
        self._html = table_html(frame, index, caption)  # fail in the cell that asks, not later

    def _repr_html_(self) -> str:
        return self._html

    def __repr__(self) -> str:
        frame = self.frame if isinstance(self.frame, pd.DataFrame) else self.frame.to_frame()
        shown = frame.map(cell_text) if hasattr(frame, "map") else frame.applymap(cell_text)
        keep = self.index if self.index is not None else any(n is not None for n in frame.index.names)
        return shown.to_string(index=bool(keep))


def show(frame: pd.DataFrame, index: bool | None = None, caption: str | None = None) -> Table:
    """Show ``frame`` as a reader reads it (see the module's text); use as a cell's last line.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        The table.
    index : bool or None, optional
        ``None`` shows the index only when it has a name; ``True`` or ``False`` force it.
    caption : str or None, optional
        The table's caption.

    Returns
    -------
    Table
        Shown as an HTML table in a notebook, printed as text.

    Raises
    ------
    TypeError
        If ``index`` is not a bool or None, ``caption`` is not a string, or ``frame`` is not a table.

    Examples
    --------
    >>> show(pd.DataFrame({"start": [pd.Timestamp("2008-08-28")], "documents": [["Declaration", "Communiqué"]]}))
          start               documents
    28 Aug 2008 Declaration; Communiqué
    """
    if index is not None and not isinstance(index, bool):
        raise TypeError(f"index must be True, False or None, got {type(index).__name__} {data.shown(index)}")
    if caption is not None and not isinstance(caption, str):
        raise TypeError(f"caption must be text (a string), got {type(caption).__name__} {data.shown(caption)}")
    return Table(frame, index, caption)
