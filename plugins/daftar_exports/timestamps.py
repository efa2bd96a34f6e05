"""A record's stated date in the forms its consumers need, never adding what the page did not state.

The reader gives a date as ISO 8601 at the precision the page stated: a day (``2020-08-22``), a
local time with no zone (``2013-08-28T14:00``), or a time with its zone (``2020-07-22T03:12Z``,
``2013-08-28T14:00+04:00``). Here it is split into a day, a full timestamp and an offset, each
in one form, so a column or a field never mixes forms.
"""
from __future__ import annotations

import re
from typing import NamedTuple

_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$")


class Stamp(NamedTuple):
    date: str  # YYYY-MM-DD
    datetime: str | None  # YYYY-MM-DDTHH:MM:SS plus the stated offset, when a time is stated
    offset: str | None  # +HH:MM ("Z" is written +00:00), when a zone is stated


def split(iso: str | None) -> Stamp | None:
    """The day, the full timestamp (when a time is stated) and the offset (when one is stated).

    >>> split("2020-07-22T03:12Z")
    Stamp(date='2020-07-22', datetime='2020-07-22T03:12:00Z', offset='+00:00')
    >>> split("2013-08-28T14:00+0400")
    Stamp(date='2013-08-28', datetime='2013-08-28T14:00:00+04:00', offset='+04:00')
    >>> split("2013-08-28T14:00"), split("2020-08-22"), split(None), split("soon")
    (Stamp(date='2013-08-28', datetime='2013-08-28T14:00:00', offset=None), Stamp(date='2020-08-22', datetime=None, offset=None), None, None)
    """
    if not isinstance(iso, str):
        return None
    m = _ISO.match(iso.strip())
    if not m:
        return None
    day, hh, mm, ss, zone = m.groups()
    if hh is None:
        return Stamp(day, None, None)
    offset = None
    suffix = ""
    if zone:
        if zone == "Z":
            offset, suffix = "+00:00", "Z"
        else:
            z = zone.replace(":", "")
            offset = f"{z[:3]}:{z[3:]}"
            suffix = offset
    return Stamp(day, f"{day}T{hh}:{mm}:{ss or '00'}{suffix}", offset)


def known_date(rec: dict) -> str | None:
    """The record's date when the page states it (or a curator set it); None when it is absent
    or its year was inferred: machine readers (JSON-LD, feeds, sitemaps) take a date as a fact.

    >>> known_date({"date": "2024-01-15", "date_source": "inferred"}), known_date({"date": "2020-08-22", "date_source": "stated"})
    (None, '2020-08-22')
    """
    if not rec.get("date") or rec.get("date_source") == "inferred":
        return None
    return rec["date"]


def atom_time(iso: str) -> str | None:
    """An Atom date-time for a stated date, with the stated zone only.

    Atom needs a time: a stated day becomes the start of that day. A zone is written only when the
    page stated one: RFC 4287 asks for an offset, but writing ``Z`` would claim a zone the page
    never gave; the local form is the ``xsd:dateTime`` of Atom's own RELAX NG schema and
    feedparser reads it.

    >>> atom_time("2020-08-22"), atom_time("2020-07-22T03:12Z"), atom_time("2013-08-28T14:00+04:00"), atom_time("2013-08-28T14:00")
    ('2020-08-22T00:00:00', '2020-07-22T03:12:00Z', '2013-08-28T14:00:00+04:00', '2013-08-28T14:00:00')
    """
    s = split(iso)
    if s is None:
        return None
    return s.datetime or f"{s.date}T00:00:00"


def order_key(iso: str) -> str:
    """A sort key for mixed precisions (newest last): the local day and time as stated.

    >>> sorted(["2020-08-22", "2020-07-22T03:12Z", "2020-08-22T10:00"], key=order_key)
    ['2020-07-22T03:12Z', '2020-08-22', '2020-08-22T10:00']
    """
    s = split(iso)
    if s is None:
        return ""
    return (s.datetime or s.date + "T00:00:00")[:19]
