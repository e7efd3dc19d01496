"""Dates: the book's one date rule (:func:`period`, :func:`as_date`) and partial dates.

Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

from helpers.text import shown
from helpers.vocab import _DATE_RE, _PARTIAL_DATE_RE


def partial_date_span(value: Any) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) can mean."""
    if isinstance(value, (dt.date, pd.Timestamp)):
        day = pd.Timestamp(value).date()
        return day, day
    text = str(value).strip()
    if not _PARTIAL_DATE_RE.match(text):
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if len(text) == 4:
        return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
    if len(text) == 7:
        first = dt.date.fromisoformat(text + "-01")
        last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
        return first, last
    day = dt.date.fromisoformat(text)
    return day, day


def _parse_date(value: str) -> dt.date:
    if not _DATE_RE.match(value):
        raise ValueError
    return dt.date.fromisoformat(value)


FIRST_YEAR, LAST_YEAR = 1990, 2100

_YEAR_RE = re.compile(r"^\d{4}$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+)?$")
_AMBIGUOUS_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _year_period(year: int, value: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{shown(value)}: the year {year} is outside the years the book covers; choose a year from {FIRST_YEAR} to {LAST_YEAR}")
    return pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)


def period(value: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and the last day that ``value`` names: a year is the whole year, a date one day.

    ``value`` may be a year (``2008``, ``numpy.int64(2008)`` or ``"2008"``), an ISO date
    (``"2008-08-28"``), a ``date``, a ``datetime`` or a pandas ``Timestamp`` (a time of day
    is dropped; a time zone too, keeping the local date).  Every helper reads dates with
    this rule.  Anything else raises: a ``TypeError`` for a value of the wrong type, a
    ``ValueError`` for a string that is not a year or an ISO date, for an ambiguous form
    such as ``"08/06/2017"``, and for a year outside ``FIRST_YEAR``..``LAST_YEAR``.
    """
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"expected a date or a year, got {shown(value)}")
    if isinstance(value, (int, np.integer)):
        return _year_period(int(value), value)
    if isinstance(value, str):
        text = value.strip()
        if _YEAR_RE.match(text):
            return _year_period(int(text), value)
        iso = _ISO_RE.match(text)
        if iso:
            try:
                day = pd.Timestamp(dt.date(*(int(g) for g in iso.groups())))
            except ValueError:
                raise ValueError(f"{shown(value)} is not a real date (YYYY-MM-DD)") from None
            return _check_day(day, value)
        loose = _AMBIGUOUS_RE.match(text)
        if loose:
            a, b, y = loose.groups()
            year = int(y) if len(y) == 4 else 2000 + int(y)
            readings = []
            for d, m in ((int(a), int(b)), (int(b), int(a))):
                try:
                    readings.append(dt.date(year, m, d))
                except ValueError:
                    pass
            example = readings[0] if readings else dt.date(year, 1, 1)
            guesses = " or ".join(f"{r.day} {_MONTHS[r.month - 1]}" for r in dict.fromkeys(readings))
            what = f"is ambiguous ({guesses}?)" if len(readings) > 1 else "is not an ISO date"
            raise ValueError(f"{shown(value)} {what}: write the date as ISO YYYY-MM-DD, like {example.isoformat()!r}")
        raise ValueError(f"cannot read {shown(value)} as a date: write it as ISO YYYY-MM-DD (like '2008-08-28') or a year (like 2008)")
    if isinstance(value, np.datetime64):
        unit = np.datetime_data(value.dtype)[0]
        if not np.isnat(value) and unit == "Y":  # numpy.datetime64('2017') names a year, like 2017
            return _year_period(int(str(value)), value)
        if unit in ("M", "W"):
            raise ValueError(
                f"{shown(value)} names a {'month' if unit == 'M' else 'week'}, neither a day nor a year: "
                "give an ISO date YYYY-MM-DD (like '2008-08-28') or a year (like 2008)"
            )
        value = pd.Timestamp(value) if not np.isnat(value) else pd.NaT
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        if pd.isna(value):
            raise ValueError(f"{shown(value)} is not a date")
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_localize(None)  # the local date where the moment happened
        return _check_day(stamp.normalize(), value)
    if isinstance(value, dt.date):
        return _check_day(pd.Timestamp(value), value)
    raise TypeError(
        f"expected a date or a year, got {type(value).__name__} {shown(value)}: give an ISO date like '2008-08-28', a year like 2008, or a date object"
    )


def _check_day(day: pd.Timestamp, value: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    _year_period(day.year, value)
    return day, day


def as_date(value: Any, *, end_of_year: bool = False) -> pd.Timestamp:
    """One day from ``value`` (see :func:`period`): a year gives its first day, or with
    ``end_of_year=True`` its last day (31 December); a date gives itself."""
    first, last = period(value)
    return last if end_of_year else first


def is_year(value: Any) -> bool:
    """True when :func:`period` reads ``value`` as a whole year."""
    first, last = period(value)
    return first != last
