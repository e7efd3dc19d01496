"""Reading a data file: CSV and YAML rows, the encoding, byte-order marks and duplicate keys.

Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from helpers.errors import DataError


# ---------------------------------------------------------------------------
# Reading and validating
# ---------------------------------------------------------------------------
def _read_rows(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    text = _read_text(path)
    if path.suffix == ".csv":
        with io.StringIO(text, newline="") as fh:
            reader = csv.reader(fh)
            try:
                header = [h.strip() for h in next(reader)]
            except StopIteration:
                raise DataError(path.name, None, None, "empty file: no header row") from None
            rows = []
            for number, cells in enumerate(reader, start=1):
                if not any(c.strip() for c in cells):
                    raise DataError(path.name, number, None, "blank row")
                if len(cells) != len(header):
                    raise DataError(
                        path.name,
                        number,
                        None,
                        f"has {len(cells)} cells but the header has {len(header)} columns",
                    )
                rows.append(dict(zip(header, cells)))
        return header, rows
    try:  # parsed once (with libyaml when present): the keys are checked on the tree, then it is built
        node = yaml.compose(text, Loader=_YAML_LOADER)
        _check_yaml_keys(path.name, node)
        content = yaml.constructor.SafeConstructor().construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise DataError(path.name, None, None, f"not valid YAML: {exc}") from None
    if not isinstance(content, list) or not all(isinstance(r, dict) for r in content):
        raise DataError(path.name, None, None, "must be a YAML list of mappings, one per row")
    header = list(dict.fromkeys(k for r in content for k in r))
    return header, content


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_text(path: Path) -> str:
    """The text of a data file, which must be UTF-8 (the error names the line of the first bad byte)."""
    if not path.exists():
        raise DataError(str(path), None, None, "file not found")
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark, as some spreadsheets save UTF-8: not part of the text
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        row = line - 1 if path.suffix == ".csv" and line > 1 else None
        raise DataError(
            path.name,
            row,
            None,
            f"is not UTF-8: byte 0x{raw[exc.start]:02x} on line {line}; save the file as UTF-8",
        ) from None


def _check_yaml_keys(file: str, node: Any) -> None:
    """Refuse a key written twice in one mapping (YAML would silently keep the last)."""
    if not isinstance(node, yaml.SequenceNode):
        return
    for number, item in enumerate(node.value, start=1):
        stack: list[tuple[Any, str | None]] = [(item, None)]
        while stack:
            current, column = stack.pop()
            if not isinstance(current, yaml.MappingNode):
                continue
            lines: dict[str, int] = {}
            for key_node, value_node in current.value:
                key = str(key_node.value)
                if key in lines:
                    raise DataError(file, number, column or key, f"key {key!r} is written twice (lines {lines[key]} and {key_node.start_mark.line + 1})")
                lines[key] = key_node.start_mark.line + 1
                stack.append((value_node, column or key))
