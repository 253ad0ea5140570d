"""Dates: read once at ingest into ISO 8601, shown as people write them ("20 Nov 2019").

An article's date arrives written many ways ("January 1, 2020", "Tue, 05 Mar 2024 09:00:00 GMT",
"2024-03-05T10:00:00+01:00"). ``iso_date`` turns it into ISO 8601 once, when the article is read:
a day ("2020-01-01") or, when the text gives a time, a datetime with the offset it was written in,
so the index sorts on one form and the day shown is the writer's. Text that is not a whole date
("yesterday", "March 2024") has none: it is kept as written, shown as such, and sorted last.
``shown_date`` is what the list, the reader and the briefing print. Importing this module is
cheap: the parsers (``email.utils``, python-dateutil) are imported by the first date that needs them.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")
# Two defaults that differ in every field: what the text leaves out comes out different.
_DEFAULTS = (datetime(1, 1, 1, 0, 0), datetime(2, 2, 2, 1, 1))
_LONGEST = 80  # a date, even with its weekday, time and zone, is shorter than this


def iso_date(written: str | None) -> str | None:
    """``written`` as ISO 8601 (a day, or a datetime keeping its offset); ``None`` unless it is a whole date.

    A whole date names its day, month and year; a time is kept when the text gives one.
    """
    text = " ".join((written or "").split())
    if not text or len(text) > _LONGEST or not any(c.isdigit() for c in text):
        return None
    try:  # the common case, from feeds and page metadata: ISO already
        found = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        return found.date().isoformat() if _ISO_DAY.match(text) else found.isoformat()
    from email.utils import parsedate_to_datetime  # not on the reader's start path, as dateutil

    try:  # RFC 2822, as RSS writes it ("Tue, 05 Mar 2024 09:00:00 EST"): its zone names are known
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return _parsed(text)


def _parsed(text: str) -> str | None:
    from dateutil.parser import ParserError, parse

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a zone it does not know ("ET") leaves the time as written
            first, second = (parse(text, default=d) for d in _DEFAULTS)
    except (ParserError, ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None  # no day, month or year of its own
    if (first.hour, first.minute) != (second.hour, second.minute):
        return first.date().isoformat()
    return first.isoformat()


def day_of(iso: str | None) -> date | None:
    """The day of an ISO date or datetime as written (the writer's day), or None."""
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def shown_date(iso: str | None, written: str | None = None) -> str:
    """The date as people write it ("1 Jan 2020"); the text as written when it is no date; "" for none."""
    if iso:
        day = day_of(iso)
        if day is None:
            return " ".join(iso.split())
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return " ".join((written or "").split())[:40]
