"""The language of the schemas: a column (:class:`Col`) and a table (:class:`Table`).

Part of :mod:`helpers.data` (import that); :mod:`helpers.schema` declares every table with them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Col:
    """A column of a table's schema: its kind and what its values may be.

    ``kind`` is one of text, id, iso3, list, date, partial_date, lat, lon, category, ref,
    list_ref, place, excerpt, mapping, url, count; ``vocab`` the values a category takes; ``ref``
    the table a ref or list_ref names.
    """

    kind: str  # text, id, iso3, list, date, partial_date, lat, lon, category, ref, list_ref, place, excerpt, mapping, url, count
    required: bool = True
    vocab: tuple[str, ...] = ()
    ref: str | None = None  # table name for ref/list_ref (resolved against its key)
    #: the scripts the column's letters may be in (the first word of a letter's Unicode name:
    #: "Latin", "Cyrillic", "Greek", "CJK"...); None for any script (quotations, titles)
    scripts: tuple[str, ...] | None = ("Latin",)

    def __post_init__(self) -> None:
        if self.kind == "excerpt" and self.scripts == ("Latin",):  # a quotation keeps its own script
            object.__setattr__(self, "scripts", None)


@dataclass(frozen=True)
class Table:
    """A table's schema: its file, key, columns, citation columns and the checks beyond its cells."""

    file: str
    key: str | None
    columns: dict[str, Col]
    cited: bool = True  # has source/place citation columns
    place_column: str = "place"
    #: checks of one row: fn(row, err, refs), err(column, problem) raises the DataError
    row_checks: tuple[Callable, ...] = ()
    #: checks of the whole table: fn(frame, table, data_dir), raising a DataError
    table_checks: tuple[Callable, ...] = ()
