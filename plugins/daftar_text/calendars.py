"""Show one date in the three calendars our readers use, in the page's digits.

An Iranian reader thinks in Jalali dates, an Arab reader in Gregorian (and Hijri for
religious events), and both read their own digits. Templates get one dict per date
from :func:`format_date` and pick what to show. The stored value stays an ISO string
with Latin digits (``iso``); everything else is for display only.

Month and weekday names come from the ``display`` section of
``daftar_text/data/dates.yaml``, the same file the date parser reads, so one
spelling list serves both. Babel is not used: it has no Persian calendar and keeps
Latin digits (see NOTES.md).
"""
from __future__ import annotations

import datetime
import functools
import logging
import re
from pathlib import Path

import yaml
from hijridate import Gregorian
from persiantools.jdatetime import JalaliDate

from . import tables

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent / "data" / "dates.yaml"

#: Digit tables per page language (from daftar_text/data/tables.yaml); others keep Latin digits.
DIGITS = {lang: tables.local_digits_table(lang) for lang in tables.DIGITS}

_ISO_RE = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:T(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?P<zone>Z|[+-]\d{2}:\d{2})?)?",
    re.ASCII,
)


def to_digits(s: str, lang: str) -> str:
    """Write the Latin digits of ``s`` in the digits of ``lang``.

    "fa" gives ۰–۹, "ar" gives ٠–٩, any other language leaves ``s`` unchanged.

    >>> to_digits("1401/07/27", "fa")
    '۱۴۰۱/۰۷/۲۷'
    >>> to_digits("22 يوليو 2020", "ar")
    '٢٢ يوليو ٢٠٢٠'
    >>> to_digits("2020", "en")
    '2020'
    """
    table = DIGITS.get(lang)
    return s.translate(table) if table else s


@functools.lru_cache(maxsize=1)
def display_names(path: Path = DATA_FILE) -> dict:
    """The ``display`` section of dates.yaml: month and weekday names per language."""
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)["display"]


def _names(lang: str) -> dict:
    """Display names for ``lang``; languages without their own list use English."""
    names = display_names()
    return names.get(lang) or names["en"]


def _day_month_year(day: int, month_name: str, year: int, lang: str) -> str:
    return to_digits(f"{day} {month_name} {year}", lang)


def gregorian_text(day: datetime.date, lang: str) -> str:
    """Gregorian date with the page's month names and digits.

    >>> gregorian_text(datetime.date(2022, 10, 19), "fa")
    '۱۹ اکتبر ۲۰۲۲'
    >>> gregorian_text(datetime.date(2020, 7, 22), "ar")
    '٢٢ يوليو ٢٠٢٠'
    """
    return _day_month_year(day.day, _names(lang)["gregorian"][day.month - 1], day.year, lang)


def jalali_text(day: datetime.date, lang: str) -> str:
    """Jalali (Solar Hijri) date, the calendar of Iranian pages.

    >>> jalali_text(datetime.date(2022, 10, 19), "fa")
    '۲۷ مهر ۱۴۰۱'
    >>> jalali_text(datetime.date(2022, 10, 19), "ar")
    '٢٧ مهر ١٤٠١'
    """
    j = JalaliDate(day)
    return _day_month_year(j.day, _names(lang)["jalali"][j.month - 1], j.year, lang)


def hijri_text(day: datetime.date, lang: str) -> str | None:
    """Lunar Hijri (Umm al-Qura) date with its era mark, or None outside 1924–2077.

    >>> hijri_text(datetime.date(2020, 7, 22), "ar")
    '١ ذو الحجة ١٤٤١ هـ'
    >>> hijri_text(datetime.date(1900, 1, 1), "ar") is None
    True
    """
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    names = _names(lang)
    text = _day_month_year(h.day, names["hijri"][h.month - 1], h.year, lang)
    suffix = names.get("hijri_suffix")
    return f"{text} {suffix}" if suffix else text


def weekday_text(day: datetime.date, lang: str) -> str:
    """Weekday name in ``lang``.

    >>> weekday_text(datetime.date(2024, 11, 21), "fa"), weekday_text(datetime.date(2024, 11, 21), "ar")
    ('پنج\u200cشنبه', 'الخميس')
    """
    return _names(lang)["weekdays"][day.weekday()]


def format_date(iso: str | None, lang: str) -> dict:
    """Everything a template may show about one date, for a page in ``lang``.

    Keys: ``gregorian``, ``jalali``, ``hijri`` (absent outside 1924–2077),
    ``weekday``, ``time`` and ``zone`` (only when ``iso`` states them: a date
    without a time never shows one), and ``iso`` (unchanged, Latin digits).
    The time is the one the page stated; it is not converted between zones.
    None (an undated page) gives ``{}``; so does a malformed value, with a warning.

    >>> d = format_date("2021-08-12T13:26", "fa")
    >>> d["gregorian"], d["jalali"], d["time"], d["iso"]
    ('۱۲ اوت ۲۰۲۱', '۲۱ مرداد ۱۴۰۰', '۱۳:۲۶', '2021-08-12T13:26')
    >>> d = format_date("2020-07-22T03:12Z", "ar")
    >>> d["gregorian"], d["hijri"], d["weekday"], d["time"], d["zone"]
    ('٢٢ يوليو ٢٠٢٠', '١ ذو الحجة ١٤٤١ هـ', 'الأربعاء', '٠٣:١٢', 'UTC')
    >>> "time" in format_date("2022-10-19", "fa")
    False
    >>> format_date(None, "fa")
    {}
    """
    if iso is None:
        return {}
    m = _ISO_RE.fullmatch(str(iso).strip())
    try:
        day = datetime.date(int(m["y"]), int(m["mo"]), int(m["d"])) if m else None
    except ValueError:
        day = None
    if day is None:
        logger.warning("format_date: not an ISO date: %r", iso)
        return {}
    out = {
        "gregorian": gregorian_text(day, lang),
        "jalali": jalali_text(day, lang),
        "weekday": weekday_text(day, lang),
        "iso": iso,
    }
    hijri = hijri_text(day, lang)
    if hijri:
        out["hijri"] = hijri
    if m["h"]:
        clock = f"{m['h']}:{m['mi']}" + (f":{m['s']}" if m["s"] else "")
        out["time"] = to_digits(clock, lang)
    if m["zone"]:
        zone = "UTC" if m["zone"] == "Z" else f"UTC{m['zone']}"
        out["zone"] = to_digits(zone, lang)
    return out
