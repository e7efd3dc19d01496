"""Dates: the book's one date rule (:func:`period`, :func:`as_date`) and partial dates.

Part of :mod:`helpers.data` (import that).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

from helpers.errors import shown
from helpers.vocab import _DATE_RE, _PARTIAL_DATE_RE


def partial_date_span(value: Any) -> tuple[dt.date, dt.date]:
    """Give the first and the last day a partial date can mean.

    Parameters
    ----------
    value : str or datetime.date or pandas.Timestamp
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or a day.

    Returns
    -------
    tuple of datetime.date
        The first and the last day (the same day for a full date).

    Raises
    ------
    ValueError
        If ``value`` is none of these forms.

    Examples
    --------
    >>> partial_date_span("2008-02")
    (datetime.date(2008, 2, 1), datetime.date(2008, 2, 29))
    """
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
    """The day of an ISO date ``YYYY-MM-DD``; a bare ValueError for anything else."""
    if not _DATE_RE.match(value):
        raise ValueError
    return dt.date.fromisoformat(value)


#: The years the book covers: a date outside them is refused as a slip.
FIRST_YEAR, LAST_YEAR = 1990, 2100

_YEAR_RE = re.compile(r"^\d{4}$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+)?$")
_AMBIGUOUS_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _year_period(year: int, value: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of ``year``, if the book covers it (``value`` is what the message quotes)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{shown(value)}: the year {year} is outside the years the book covers; choose a year from {FIRST_YEAR} to {LAST_YEAR}")
    return pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)


def period(value: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Give the first and the last day that a value names: a year is the whole year, a date one day.

    Every helper reads dates with this rule.

    Parameters
    ----------
    value : int or str or datetime.date or datetime.datetime or pandas.Timestamp or numpy.datetime64
        A year (``2008``, ``numpy.int64(2008)`` or ``"2008"``), an ISO date
        (``"2008-08-28"``), a ``date``, a ``datetime`` or a ``Timestamp`` (a time of day is
        dropped; a time zone too, keeping the local date).

    Returns
    -------
    tuple of pandas.Timestamp
        The first and the last day, at midnight.

    Raises
    ------
    TypeError
        For a value of the wrong type (a bool, a float, a list...).
    ValueError
        For a string that is not a year or an ISO date, an ambiguous form such as
        ``"08/06/2017"``, and a year outside ``FIRST_YEAR``..``LAST_YEAR``.

    Examples
    --------
    >>> first, last = period(2008)
    >>> first.date(), last.date()
    (datetime.date(2008, 1, 1), datetime.date(2008, 12, 31))
    >>> period("08/06/2017")
    Traceback (most recent call last):
    ...
    ValueError: '08/06/2017' is ambiguous (8 June or 6 August?): write the date as ISO YYYY-MM-DD, like '2017-06-08'
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
    """``(day, day)``, if the book covers its year."""
    _year_period(day.year, value)
    return day, day


def as_date(value: Any, *, end_of_year: bool = False) -> pd.Timestamp:
    """Read one day from a value, by the rule of :func:`period`.

    Parameters
    ----------
    value : int or str or datetime.date or pandas.Timestamp
        A year or a date, as :func:`period` reads them.
    end_of_year : bool, optional
        For a year, give its last day (31 December) rather than its first.

    Returns
    -------
    pandas.Timestamp
        The day: a date gives itself.

    Raises
    ------
    TypeError, ValueError
        As :func:`period` does.

    Examples
    --------
    >>> as_date(2008, end_of_year=True)
    Timestamp('2008-12-31 00:00:00')
    """
    first, last = period(value)
    return last if end_of_year else first


def is_year(value: Any) -> bool:
    """Tell whether a value names a whole year.

    Parameters
    ----------
    value : int or str or datetime.date or pandas.Timestamp
        A year or a date, as :func:`period` reads them.

    Returns
    -------
    bool
        True when :func:`period` reads it as a whole year.

    Raises
    ------
    TypeError, ValueError
        As :func:`period` does.

    Examples
    --------
    >>> is_year("2008"), is_year("2008-08-28")
    (True, False)
    """
    first, last = period(value)
    return first != last
