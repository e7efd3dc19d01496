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
* every value escaped: no HTML from the data;
* wide tables scroll sideways inside their own focusable, labelled area
  (``<div class="sco-scroll" role="region" tabindex="0" aria-label=...>``), so that the
  page itself never grows wider than a phone's screen.

In a chapter::

    tables.show(meets[["start", "name", "city_name", "documents"]])
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import numpy as np
import pandas as pd

from helpers import data

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
    """How a value reads in a table (plain text, not yet escaped)."""
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
    """``inner_html`` (a table) inside a labelled, focusable area that scrolls sideways when it must."""
    return (f'<div class="sco-scroll" role="region" tabindex="0" aria-label="{html.escape(label, quote=True)}">'
            f"{inner_html}</div>")


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


def table_html(frame: pd.DataFrame, index: bool | None = None, caption: str | None = None,
               label: str | None = None) -> str:
    """The HTML of :func:`show`: a ``sco-table`` in its scroll area."""
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
    head = []
    for row in _header_rows(frame.columns):
        head.append("<tr>" + "".join(
            f'<th scope="{"col" if span == 1 else "colgroup"}"{f" colspan={span}" if span > 1 else ""}>{html.escape(text)}</th>'
            for text, span in row) + "</tr>")
    body = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for i, value in enumerate(values):
            text = html.escape(cell_text(value))
            cls = ' class="sco-date"' if _is_date(value) else ""
            cells.append(f'<th scope="row"{cls}>{text}</th>' if i < n_index else f"<td{cls}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    table = (f'<table class="sco-table">{cap}<thead>{"".join(head)}</thead>'
             f'<tbody>{"".join(body)}</tbody></table>')
    if label is None:
        flat = [" ".join(str(x) for x in c if str(x)) if isinstance(c, tuple) else str(c) for c in frame.columns]
        label = caption or "Table: " + ", ".join(c.replace("_", " ") for c in flat if c)
    return scroll_area(table, label)


class Table:
    """What :func:`show` returns: shown as an HTML table, printed as text."""

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

    ``index``: ``None`` shows the index only when it has a name; ``True`` or ``False`` force it.
    """
    if index is not None and not isinstance(index, bool):
        raise TypeError(f"index must be True, False or None, got {type(index).__name__} {data.shown(index)}")
    if caption is not None and not isinstance(caption, str):
        raise TypeError(f"caption must be text (a string), got {type(caption).__name__} {data.shown(caption)}")
    return Table(frame, index, caption)
