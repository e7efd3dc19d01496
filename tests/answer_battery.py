"""Answers to try on an exercise, right and wrong, built from its expected answer: the same list
is put to the book's checker and to the class pack's (tests/test_fingerprints.py and
tests/test_classpack.py), which must give the same verdict and hint to each."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers import data


def _other_state(names: list[str]) -> str:
    """A state's name that is not among ``names``."""
    have = {data.name_key(n) for n in names}
    return next(n for n in data.load("states")["name"].astype(str) if data.name_key(n) not in have)


def battery(kind: str, expected) -> list:
    """Right and wrong answers to an exercise of ``kind`` whose answer is ``expected``."""
    if kind == "number":
        x = expected
        return [x, float(x), x + 1, x - 1, x + 7, x - 7, x + 1000, str(x), [x], None, float("nan")]
    if kind in ("names", "ordered names"):
        names = [str(n) for n in expected]
        other = _other_state(names)
        out = [names, names[::-1], names + [other], [other], names + names[:1], ", ".join(names)]
        if len(names) > 1:
            out += [names[:-1], names[1:] + [other]]
        return out
    if kind == "date":
        day = data.as_date(expected).date()
        return [day, day.isoformat(), day + dt.timedelta(days=1), day.replace(year=day.year - 1),
                day.replace(year=day.year + 1), day.replace(year=day.year + 6), day.replace(year=day.year - 9), day.year]
    if kind == "text":
        return [expected, str(expected).upper(), "Nowhere at all"]
    if kind == "table":
        table = expected.reset_index(drop=True)
        extra_row = table.iloc[[0]]
        changed = table.copy()
        first = changed.columns[-1]
        changed.loc[0, first] = (changed.loc[0, first] + 1) if pd.api.types.is_numeric_dtype(changed[first]) else "zzz"
        out = [table, table[table.columns[::-1]], table.iloc[:-1], pd.concat([table, extra_row], ignore_index=True),
               table.assign(extra=1), changed, list(table.columns)]
        if len(table) > 1:
            out.append(table.iloc[::-1].reset_index(drop=True))
        return out
    raise ValueError(kind)
