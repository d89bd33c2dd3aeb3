"""Dates of office and membership, as sortable ISO strings.

A start given as a year or a month (``2014``, ``2025-02``) counts from its first
day; an end given so counts to its last day. An empty start is "always", an
empty end "still in office". Ends are exclusive: a successor takes office on the
day the predecessor leaves it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EARLIEST = "0001-01-01"
LATEST = "9999-12-31"


def parse_bound(value: str, *, end: bool) -> str:
    """An ISO date string from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also with a time).

    Raises ValueError for anything else.
    """
    text = value.strip()
    if not text:
        return LATEST if end else EARLIEST
    if "T" in text:
        text = text.split("T", 1)[0]
    text = text.lstrip("+")
    match = _ISO.match(text)
    if match is None:
        raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    y = int(year)
    if month is None:
        return f"{y:04d}-12-31" if end else f"{y:04d}-01-01"
    m = int(month)
    if not 1 <= m <= 12:
        raise ValueError(f"{value!r} has no month {m}")
    if day is None:
        last = calendar.monthrange(y, m)[1]
        return f"{y:04d}-{m:02d}-{last:02d}" if end else f"{y:04d}-{m:02d}-01"
    dt.date(y, m, int(day))  # raises ValueError for 2022-02-30
    return f"{y:04d}-{m:02d}-{int(day):02d}"


def phoenix_date(token: str) -> str:
    """A Phoenix dictionary date (``YYMMDD`` or ``YYYYMMDD``) as ISO.

    Two-digit years up to 30 are read as 20xx, later ones as 19xx.
    """
    if len(token) == 8:
        return f"{token[:4]}-{token[4:6]}-{token[6:]}"
    if len(token) != 6:
        raise ValueError(f"bad Phoenix date {token!r}")
    yy = int(token[:2])
    year = 2000 + yy if yy <= 30 else 1900 + yy
    return f"{year:04d}-{token[2:4]}-{token[4:]}"


def active(start: str, end: str, on: str) -> bool:
    """True when ``on`` (ISO) falls in ``[start, end)``."""
    return start <= on < end
