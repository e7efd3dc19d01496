"""Checking every cell, row and table against its schema, then the cross-checks and the quizzes.

:func:`validate_all` runs them all. Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote

import pandas as pd

from helpers import lookups, paths
from helpers.columns import Col, Table
from helpers.crosschecks import CROSS_CHECKS
from helpers.dates import _parse_date
from helpers.errors import DataError, Err, _closest, shown
from helpers.files import _read_rows, _read_text
from helpers.paths import _dir_arg
from helpers.quiz_files import _check_computed, read_quiz
from helpers.schema import _ORDER, SCHEMAS
from helpers.text import _URL_UNSAFE, blank, fold_space, script_of, split_list, web_url, words
from helpers.vocab import _ID_RE, _INVISIBLE_RE, _ISO3_RE, _LOCATOR_RE, _PARTIAL_DATE_RE, _PLACE_RE, MAX_EXCERPT_WORDS

#: Scripts with letters that look like Latin ones (a Cyrillic "а", a Greek "ο").
_LOOKALIKE_SCRIPTS = ("Cyrillic", "Greek", "Armenian", "Cherokee", "Coptic")


def _check_scripts(value: str, scripts: tuple[str, ...], name: str, err: Err) -> None:
    """Check that every letter of ``value`` is in one of ``scripts``.

    A look-alike letter from another script (a Cyrillic "а" in "Kazakhstan") would make a name
    that no look-up finds.
    """
    allowed = {s.capitalize() for s in scripts}
    for i, char in enumerate(value):
        if char.isalpha() and script_of(char) not in allowed:
            script = script_of(char)
            looks = f"which looks like a {' or '.join(sorted(allowed))} letter but is not: " if script in _LOOKALIKE_SCRIPTS else ""
            err(
                name,
                f"{shown(value)} holds the {script} letter {char!r} (U+{ord(char):04X}, "
                f"character {i + 1}), {looks}this column holds {' or '.join(sorted(allowed))} letters only; "
                "retype it, or declare the column's scripts in the schema",
            )


def _check_cell(table: Table, name: str, col: Col, raw: Any, err: Err, refs: dict[Any, Any]) -> Any:
    """Check one cell; return its typed value (None for an empty optional cell)."""
    if col.kind == "mapping":
        if not isinstance(raw, dict) or not raw:
            err(name, "must be a non-empty mapping of code: meaning")
        for code, meaning in raw.items():
            if not _ID_RE.match(str(code)):
                err(name, f"stance code {shown(code)} must be lower-case words joined by '-'")
            if not str(meaning or "").strip():
                err(name, f"stance {shown(code)} has no meaning")
        return {str(k): str(v) for k, v in raw.items()}
    if raw is not None and not isinstance(raw, str):
        err(name, f"is a {type(raw).__name__} ({shown(raw)}), not text: write it as a string")
    if raw is not None:
        found = _INVISIBLE_RE.search(raw)
        bad = found.group(0) if found else None
        if bad is not None:
            err(name, f"holds the control character U+{ord(bad):04X} (invisible): delete it")
    value = "" if raw is None else str(raw).strip()
    if value and col.scripts is not None and col.kind != "url" and not value.isascii():
        _check_scripts(value, col.scripts, name, err)
    if value == "":
        if col.required:
            err(name, "is empty but required")
        return [] if col.kind in ("list", "list_ref") else None
    if col.kind == "id" and not _ID_RE.match(value):
        err(name, f"{shown(value)} is not an id (lower-case ASCII words joined by '-')")
    elif col.kind == "iso3" and not _ISO3_RE.match(value):
        err(name, f"{shown(value)} is not an ISO 3166 alpha-3 code")
    elif col.kind == "date":
        try:
            return _parse_date(value)
        except ValueError:
            err(name, f"cannot parse {shown(value)} as a date (YYYY-MM-DD)")
    elif col.kind == "partial_date":
        if not _PARTIAL_DATE_RE.match(value):
            err(name, f"cannot parse {shown(value)} as a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        try:
            dt.date.fromisoformat((value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10])
        except ValueError:
            err(name, f"{shown(value)} is not a real date")
    elif col.kind in ("lat", "lon"):
        limit = 90 if col.kind == "lat" else 180
        try:
            number = float(value)
        except ValueError:
            err(name, f"{shown(value)} is not a number")
        if not -limit <= number <= limit:
            err(name, f"{number} is out of range (-{limit} to {limit})")
        return number
    elif col.kind == "category" and value not in col.vocab:
        err(name, f"{shown(value)} is not one of {', '.join(repr(v) for v in col.vocab)}")
    elif col.kind == "ref":
        if value not in refs[col.ref]:
            err(name, f"{shown(value)} is not a known {col.ref} key; closest: {_closest(value, refs[col.ref])}")
    elif col.kind == "list":
        return split_list(value)
    elif col.kind == "list_ref":
        items = split_list(value)
        for item in items:
            if item not in refs[col.ref]:
                err(name, f"{shown(item)} is not a known {col.ref} key; closest: {_closest(item, refs[col.ref])}")
        return items
    elif col.kind == "place":
        if _LOCATOR_RE.match(value):
            return value
        line_ref = _PLACE_RE.match(value)
        if not line_ref:
            err(
                name,
                f"{shown(value)} is neither a line reference like 'L34' or 'L120-125' nor a locator like 'para. 12', 'paras 3–4', '§ 2', 'p. 5' or 'record 3929264'",
            )
        first, last = line_ref.groups()
        if int(first) < 1:
            err(name, f"{shown(value)}: lines are numbered from 1")
        if last is not None and int(last) < int(first):
            err(name, f"{shown(value)}: the range ends before it starts")
    elif col.kind == "count":
        if not re.fullmatch(r"\d+", value):
            err(name, f"{shown(value)} is not a whole number (0, 1, 2 …)")
        return int(value)
    elif col.kind == "url":
        if not web_url(value):
            unsafe = _URL_UNSAFE.search(value)
            if unsafe:
                err(
                    name,
                    f"{shown(value)} is not a web address as a page or the bibliography can hold it: "
                    f"a url holds no {unsafe.group(0)!r} (write it percent-encoded, like {quote(unsafe.group(0))!r})",
                )
            err(name, f"{shown(value)} is not a web address: a url starts with https:// or http://")
    elif col.kind == "excerpt":
        count = words(value)
        if count > MAX_EXCERPT_WORDS:
            err(name, f"excerpt has {count} words; at most {MAX_EXCERPT_WORDS} are allowed")
        return fold_space(value)
    return value


def _validate(name: str, data_dir: Path, refs: dict[str, Any], sources: pd.DataFrame | None) -> pd.DataFrame:
    table = SCHEMAS[name]
    path = data_dir / table.file
    header, rows = _read_rows(path)
    missing = [c for c in table.columns if c not in header]
    if missing:
        raise DataError(table.file, None, missing[0], "column is missing from the file")
    extra = [c for c in header if c not in table.columns]
    if extra:
        # a YAML key belongs to one row: name it (a CSV header names the column of every row)
        at = next((n for n, r in enumerate(rows, start=1) if extra[0] in r), None) if path.suffix != ".csv" else None
        key = rows[at - 1].get(table.key) if at and table.key else None
        raise DataError(table.file, at, extra[0], f"{'key' if at else 'column'} is not in the schema (data/README.md); valid: {', '.join(table.columns)}", key)
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    seen_rows: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        key = row.get(table.key) if table.key else None

        def err(column: str | None, problem: str, _n: int = number, _k: Any = key) -> NoReturn:
            raise DataError(table.file, _n, column, problem, _k)

        whole = json.dumps(row, sort_keys=True, default=str)
        if whole in seen_rows:
            err(None, f"duplicates row {seen_rows[whole]}: delete one of them")
        seen_rows[whole] = number

        typed = {c: _check_cell(table, c, spec, row.get(c), err, refs) for c, spec in table.columns.items()}
        if table.key:
            if typed[table.key] in seen:
                err(table.key, f"duplicate key {typed[table.key]!r} (first in row {seen[typed[table.key]]})")
            seen[typed[table.key]] = number
        if table.cited:
            _check_citation(table, typed, err, refs["_sources"])
            _check_lines(table, typed, err, refs["_sources"], refs["_passages"])
        for check in table.row_checks:
            check(typed, err, refs)
        out.append(typed)
    if not out:
        raise DataError(table.file, None, None, "has no rows")
    frame = pd.DataFrame(out, columns=list(table.columns))
    for check in table.table_checks:
        if getattr(check, "needs_refs", False):  # a check across tables reads those loaded before
            check(frame, table, data_dir, refs)
        else:
            check(frame, table, data_dir)
    return _with_dtypes(frame, table)


def _check_citation(table: Table, typed: dict, err: Err, sources: dict[str, dict]) -> None:
    src = sources[typed["source"]]
    place = typed[table.place_column]
    if src["kind"] == "reference":
        if place:
            err(table.place_column, "general reference has no line reference: leave it empty")
    elif not blank(src["file"]):
        if not place or not _PLACE_RE.match(place):
            err(table.place_column, f"cite the lines of {typed['source']!r} (like 'L34' or 'L120-125')")
    elif not place or not _LOCATOR_RE.match(place):
        err(table.place_column, f"cite {typed['source']!r} by its own paragraph, section or page (like 'para. 12', '§ 2' or 'p. 5')")


@cache
def _line_count(path: str) -> int:
    return len(Path(path).read_text(encoding="utf-8").splitlines())


def _check_lines(table: Table, typed: dict, err: Err, sources: dict[str, dict], passages: dict[str, list]) -> None:
    """Check that a line reference names lines that exist.

    They start from L1 and lie within the file (when the sources are at hand), and within a
    passage of ``passages.csv`` (which travels with the data), so that the book can say where
    the passage stands in its publication.
    """
    place = typed[table.place_column]
    found = _PLACE_RE.match(str(place)) if place else None
    if not found:
        return
    first, last = int(found.group(1)), int(found.group(2) or found.group(1))
    if first < 1:
        err(table.place_column, f"{place!r}: lines are numbered from 1 (L1 is the first line)")
    file = sources[typed["source"]]["file"]
    path = paths.SEEDS_DIR / str(file)
    if not blank(file) and path.is_file():
        count = _line_count(str(path))
        if last > count:
            err(table.place_column, f"{place!r} is past the end of {file} ({count} lines)")
    spans = passages.get(typed["source"])
    if spans is not None:
        low, high = min(a for a, _ in spans), max(b for _, b in spans)
        if last > high or first < low or not any(a <= last and b >= first for a, b in spans):
            end = f"; its passages run from L{low} to L{high}"
            err(table.place_column, f"{place!r}: {typed['source']!r} has no passage at these lines (data/passages.csv){end}")


def _with_dtypes(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    for c, col in table.columns.items():
        if col.kind == "date":
            frame[c] = pd.to_datetime(frame[c])
        elif col.kind == "category":
            frame[c] = pd.Categorical(frame[c], categories=list(col.vocab))
        elif col.kind in ("lat", "lon"):
            frame[c] = frame[c].astype("float64")
        elif col.kind == "count":
            frame[c] = frame[c].astype("Int64")
        elif col.kind in ("text", "id", "iso3", "ref", "place", "excerpt", "partial_date", "url"):
            frame[c] = frame[c].astype("string")
    return frame


def _read_passages(data_dir: Path) -> dict[str, list[tuple[int, int]]]:
    """Give source -> [(first, last)] of ``passages.csv`` (empty when the file is absent)."""
    path = data_dir / "passages.csv"
    if not path.is_file():
        return {}
    spans: dict[str, list[tuple[int, int]]] = {}
    with io.StringIO(_read_text(path), newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), start=1):
            try:
                spans.setdefault(row["source"], []).append((int(row["first"]), int(row["last"])))
            except (KeyError, TypeError, ValueError):
                raise DataError("passages.csv", number, None, "needs a source and whole line numbers first and last: run python -m tools.passages") from None
    return spans


@cache
def _load_all(data_dir: str) -> dict[str, pd.DataFrame]:
    loaded: dict[str, pd.DataFrame] = {}
    refs: dict[str, Any] = {"_passages": _read_passages(Path(data_dir)), "_loaded": loaded}  # checks across tables read the tables loaded before
    for name in _ORDER:
        frame = _validate(name, Path(data_dir), refs, loaded.get("sources"))
        loaded[name] = frame
        key = SCHEMAS[name].key
        if key:
            refs[name] = set(frame[key].astype(str))
        if name == "sources":
            refs["_sources"] = {r["id"]: {"kind": r["kind"], "file": r["file"]} for r in frame[["id", "kind", "file"]].astype(object).to_dict("records")}
        if name == "questions":
            refs["_stances"] = dict(zip(frame["id"].astype(str), frame["stances"]))
        if name == "evidence":
            refs["_evidence_dates"] = dict(zip(frame["id"].astype(str), frame["date"].astype(str)))
    for check in CROSS_CHECKS:
        check(loaded, Path(data_dir))
    return loaded


def validate_all(data_dir: str | Path | None = None) -> dict[str, int]:
    """Validate every table again (no cache), then the cross-checks and the quizzes.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        The data folder to check; by default the book's (:data:`helpers.paths.DATA_DIR`).

    Returns
    -------
    dict of str to int
        The number of rows of each table, in the order they are checked.

    Raises
    ------
    DataError
        At the first value that breaks a rule: it names the file, the row and the column.

    Examples
    --------
    >>> validate_all()["states"] > 0
    True
    """
    data_dir = _dir_arg(data_dir)
    _load_all.cache_clear()
    lookups._name_index.cache_clear()
    lookups._canonical_names.cache_clear()
    _line_count.cache_clear()
    loaded = _load_all(data_dir)
    for path in sorted((Path(data_dir) / "quizzes").glob("*.json")):
        questions = read_quiz(path)
        for number, q in enumerate(questions, start=1):
            if "computed" in q:
                _check_computed(f"quizzes/{path.name}", number, q, data_dir)
    return {name: len(frame) for name, frame in loaded.items()}
