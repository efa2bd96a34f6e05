"""Find the dates written in a Persian, Arabic or English news text.

Scraped pages state their dates in many shapes: Jalali (``01 آذر 1403``,
``1401/07/27``), Gregorian with Persian, Arabic (all regional month names) or
English month names, ISO and day-first numbers, Lunar Hijri (``١ ذو الحجة ١٤٤١``),
in three digit scripts, often with a weekday, a time and a time zone. This module
reads them all and returns each one as a :class:`DateHit` whose ``iso`` is always
Gregorian. Month, weekday and marker spellings live in ``daftar_text/data/dates.yaml`` (shared with the display helpers).

Rules that keep it honest:

* a date needs a day, a month and a year. A year may be *inferred* only when a
  weekday is stated next to the day and month (``دوشنبه، 15 ژانویه``), and only
  against a ``reference`` the caller passes (what the page itself states, a
  sidecar, a setting — never the machine's clock): then it is the latest year,
  not after ``reference``, whose day falls on that weekday. Without a reference
  such a date comes back unresolved (``iso`` None, ``partial`` set), for
  :func:`resolve_year` to finish once the reference is known;
* a time or a time zone is reported only when the text states it;
* a bare year, a news code, a phone number or a time alone is not a date, and
  anything outside 1900–2100 (after conversion) is dropped.

How: the text is folded to a *match view* of exactly the same length (digits to
ASCII, letter variants to one letter, invisible marks to a space, harakat to a
tatweel), so a match in the view gives offsets in the original text. Every
pattern is anchored on digits or a Latin month name, has bounded repetition and
no nested quantifiers, so a long line is read in linear time. Weekdays are looked
for only in the few characters before a found date.

>>> [h.iso for h in find_dates("امروز پنجشنبه 01 آذر 1403 — ۱۴۰۱/۰۷/۲۷")]
['2024-11-21', '2022-10-19']
>>> find_dates("سال ۱۳۵۷ و کد خبر : 2955")
[]
"""
from __future__ import annotations

import datetime
import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from hijridate import Gregorian as _HijriFromGregorian
from hijridate import Hijri
from persiantools.jdatetime import JalaliDate

from daftar_text import tables

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent.parent / "daftar_text" / "data" / "dates.yaml"

#: Gregorian years a hit may fall in; anything else is a misreading.
MIN_YEAR, MAX_YEAR = 1900, 2100
#: Numeric years read as Jalali when no marker says otherwise.
JALALI_YEARS = range(1300, 1500)
#: How many years back the weekday inference may look (28 covers 29 February).
INFER_YEARS_BACK = 40
CALENDARS = ("jalali", "gregorian", "hijri")


@dataclass(frozen=True)
class DateHit:
    """One date read from a text.

    ``iso`` is Gregorian: ``YYYY-MM-DD``, plus ``THH:MM`` (and ``:SS``) when a time
    is stated, plus ``Z`` or ``+HH:MM`` only when a zone is stated. ``calendar`` is
    the calendar the text was written in. ``text`` is ``input[start:end]``.
    ``inferred`` is True only when the year was inferred from the weekday.
    A year-less date read without a reference has ``iso`` None and ``partial`` =
    (calendar, month, day, weekday, clock) for :func:`resolve_year`.
    """

    iso: str | None
    calendar: str
    text: str
    start: int
    end: int
    inferred: bool = False
    has_time: bool = False
    partial: tuple | None = None


# --------------------------------------------------------------------------
# The match view: a same-length folding of the input.

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _build_view_table() -> dict[int, str]:
    """Build the 1:1 translation table of the match view.

    Every entry maps one code point to exactly one code point, so offsets in the
    view are offsets in the input (``str.translate`` keeps the length).
    """
    table: dict[int, str] = {}

    def put(chars: str, to: str) -> None:
        for ch in chars:
            table[ord(ch)] = to

    # digits and letter variants as folding writes them (daftar_text/data/tables.yaml) ...
    table.update(tables.latin_digits_table())
    for variant, letter in tables.LETTERS.items():
        if variant != letter:
            table[ord(variant)] = letter
    # ... but marks become a tatweel, not nothing, so the length is kept (patterns allow ـ*
    # between letters)
    for ch in tables.MARKS:
        table[ord(ch)] = tables.TATWEEL
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    # invisible marks and every horizontal space -> one plain space
    put("\t\u00a0\u1680\u202f\u205f\u3000\ufeff\u061c\u2060\u00ad", " ")
    for cp in list(range(0x2000, 0x200B)) + list(range(0x200B, 0x2010)):
        table[cp] = " "
    for cp in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)):
        table[cp] = " "
    put(_LINE_BREAKS, "\n")
    put("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
    return table


VIEW_TABLE = _build_view_table()


def match_view(text: str) -> str:
    """Fold ``text`` for matching without changing its length.

    >>> match_view("۱۴۰۱/۰۷/۲۷ پنج\u200cشنبه الأربعاء GMT")
    '1401/07/27 پنج شنبه الاربعاء gmt'
    >>> len(match_view("ذو الحِجَّة")) == len("ذو الحِجَّة")
    True
    """
    return text.translate(VIEW_TABLE)


# --------------------------------------------------------------------------
# Names from dates.yaml, compiled once.


@functools.lru_cache(maxsize=1)
def load_names(path: Path = DATA_FILE) -> dict:
    """Read ``dates.yaml`` once (month, weekday, marker and time words)."""
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _word_pattern(word: str, reverse: bool = False) -> str:
    """Regex for one folded word: harakat may sit after any letter; an initial
    Arabic article "ال" is optional, because pages drop it (اربعاء, ربیع اول).
    With ``reverse`` the pattern reads the word backwards (for looking behind)."""
    article = ""
    if word.startswith("ال") and len(word) > 3:
        article, word = "ال", word[2:]
    if reverse:
        body = "".join("ـ*" + re.escape(ch) for ch in reversed(word))
        return body + (f"(?:{article[::-1]})?" if article else "")
    return (f"(?:{article})?" if article else "") + "".join(re.escape(ch) + "ـ*" for ch in word)


def name_pattern(name: str, reverse: bool = False) -> str:
    """Regex source for one spelling from dates.yaml.

    Spaces inside a name match any run of spaces (ZWNJ reads as a space) or none.

    >>> bool(re.fullmatch(name_pattern("سه شنبه"), match_view("سه\u200cشنبه")))
    True
    >>> bool(re.fullmatch(name_pattern("ذو الحجة"), match_view("ذوالحجه")))
    True
    >>> bool(re.fullmatch(name_pattern("الأربعاء"), match_view("اربعاء")))
    True
    >>> bool(re.fullmatch(name_pattern("الأربعاء", reverse=True), match_view("الأربعاء")[::-1]))
    True
    """
    words = match_view(name).split()
    if reverse:
        words = words[::-1]
    return " {0,3}".join(_word_pattern(w, reverse) for w in words)


def _first_chars(name: str, reverse: bool) -> set[str]:
    """Characters a spelling can begin with (the first-character guard's set)."""
    words = match_view(name).split()
    if not words:
        return set()
    word = words[-1][::-1] if reverse else words[0]
    chars = {word[0]}
    if not reverse and word.startswith("ال") and len(word) > 3:
        chars.add(word[2])
    return chars


def _alternation(names, reverse: bool = False) -> str:
    """Alternation of spellings, longest first so that مهر wins over مه.

    A lookahead on the possible first characters goes in front: the regex engine
    tries the alternatives one by one, so the guard saves ~100 failed tries at
    each position of a long text.
    """
    folded = sorted({match_view(str(n)).strip() for n in names}, key=lambda s: (-len(s), s))
    folded = [n for n in folded if n]
    if not folded:
        return "(?!)"
    first = set().union(*(_first_chars(n, reverse) for n in folded))
    guard = "(?=[" + "".join(re.escape(c) for c in sorted(first)) + "])"
    return guard + "(?:" + "|".join(name_pattern(n, reverse) for n in folded) + ")"


_LETTER_BEFORE = r"(?<![^\W\d_])"
_LETTER_AFTER = r"(?![^\W\d_])"


class _Grammar:
    """All compiled patterns and lookup tables, built from dates.yaml once."""

    def __init__(self, data: dict) -> None:
        self.months: list[tuple[str, int, re.Pattern]] = []
        all_month_names: list[str] = []
        latin_month_names: list[str] = []
        for calendar in CALENDARS:
            for number, names in data["months"][calendar].items():
                names = [str(n) for n in names]
                self.months.append((calendar, int(number), re.compile(_alternation(names))))
                all_month_names += names
                if calendar == "gregorian":
                    latin_month_names += [n for n in names if n.isascii()]
        self.weekdays: list[tuple[int, re.Pattern]] = []
        weekday_names: list[str] = []
        for number, names in data["weekdays"].items():
            names = [str(n) for n in names]
            self.weekdays.append((int(number), re.compile(_alternation(names))))
            weekday_names += names
        self.markers = [
            (cal, re.compile(_alternation(data["markers"][cal]) + "$"))
            for cal in CALENDARS
        ]
        self.ampm = [(half, re.compile(_alternation(data["ampm"][half]) + "$")) for half in ("am", "pm")]

        # Every gap is a bounded, possessive run (" {0,3}+"): a long run of spaces can
        # then never be re-split by backtracking (a 3 MB line stays linear).
        month = f"(?:{_alternation(all_month_names)})"
        latin = f"(?:{_alternation(latin_month_names)})"
        marker = _alternation(sum((data["markers"][c] for c in CALENDARS), []))
        marker_tail = rf"(?: {{0,2}}+(?P<marker>{marker}){_LETTER_AFTER})?"
        year_tail = rf"(?:[ ,،\-]{{0,4}}+(?P<year>[0-9]{{4}})(?![0-9]){marker_tail})?"
        second = rf"(?: {{0,2}}+[/\\(] {{0,2}}+(?P<month2>{month})\.?{_LETTER_AFTER}(?: {{0,2}}+\))?)?"

        #: 01 آذر 1403, ٢٢ يوليو ٢٠٢٠, 28 آب/اغسطس 2013, 15 ژانویه (year optional here)
        self.named_dmy = re.compile(
            rf"(?P<day>[0-9](?<![0-9][0-9])[0-9]?)(?:st|nd|rd|th)?,?[ \-]{{0,3}}+"
            rf"{_LETTER_BEFORE}(?P<month>{month})(?: ?ماه)?\.?{_LETTER_AFTER}{second}{year_tail}"
        )
        #: November 21, 2024; Feb. 19 2020
        self.named_mdy = re.compile(
            rf"{_LETTER_BEFORE}(?P<month>{latin})\.?,? {{0,3}}+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9])"
            rf"{year_tail}"
        )
        #: 1401/07/27, 2020-08-22, 2020.07.22, 22/08/2020
        self.numeric = re.compile(
            r"(?P<a>[0-9](?<![0-9/\\_.\-][0-9])[0-9]{0,3})(?P<sep>[-/.])(?P<b>[0-9]{1,2})(?P=sep)(?P<c>[0-9]{1,4})"
            rf"(?![0-9/\\_]|[.\-][0-9]){marker_tail}"
        )
        #: 08 . 02 . 2019, 22 / 07 / 2020: dots or slashes with spaces around them (a dash
        #: with spaces is a range or a score, never a date)
        self.numeric_spaced = re.compile(
            r"(?P<a>[0-9](?<![0-9/\\_.\-][0-9])[0-9]{0,3}) {0,2}+(?P<sep>[/.]) {0,2}+(?P<b>[0-9]{1,2})"
            r" {0,2}+(?P=sep) {0,2}+(?P<c>[0-9]{1,4})"
            rf"(?![0-9/\\_]| ?[.\-/][0-9]){marker_tail}"
        )
        #: "= 11-10 2021" after a date: the same day in another calendar (consumed when it agrees)
        self.equivalent = re.compile(
            r" {0,3}+[=＝] {0,3}+(?P<a>[0-9]{1,4})[-/. ](?P<b>[0-9]{1,2})[-/. ](?P<c>[0-9]{1,4})(?![0-9])"
        )
        #: a weekday just before the date: "پنجشنبه ", "الأربعاء، ", "Thursday, "
        #: (matched against the reversed text before the date, so it is one anchored try)
        self.weekday_before_reversed = re.compile(
            rf"[ ,،\-]{{0,4}}+\.?(?P<weekday>{_alternation(weekday_names, reverse=True)})"
            rf"(?: {{0,2}}+(?:{_alternation(data.get('weekday_prefixes', []), reverse=True)}))?{_LETTER_AFTER}"
        )
        connectors = _alternation(data.get("time_connectors", []))
        ampm = _alternation(sum((data["ampm"][h] for h in ("am", "pm")), []))
        utc = _alternation(data.get("utc_words", []))
        #: the time after a date: " - ١٣:٢٦", " | 12:42", "T11:30:00Z", "، آخر تحديث 14:00 (GMT+0400)"
        self.time_tail = re.compile(
            rf"(?:t|[ \-|،,@/]{{1,5}}+(?:(?:{connectors}){_LETTER_AFTER} {{0,3}}+:? {{0,3}}+)?(?:\( {{0,2}}+)?)"
            r"(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?(?:\.[0-9]{1,6})?(?![0-9:])"
            rf"(?: {{0,2}}+(?P<ampm>{ampm})\.?{_LETTER_AFTER})?"
            rf"(?:(?P<z>z){_LETTER_AFTER}| ?(?P<isooff>[+-][0-9]{{2}}:?[0-9]{{2}})(?![0-9])"
            rf"| {{0,2}}+\(? {{0,2}}+(?P<utc>{utc}){_LETTER_AFTER}"
            r"(?: {0,2}+(?P<off>[+-] ?[0-9]{1,2}(?::?[0-9]{2})?)(?![0-9]))?(?: {0,2}+\))?)?"
        )

        #: a time just before the date ("١٠:٣٠ ص - ٢٢/٠٧/٢٠٢٠"), matched on the reversed text
        #: before the date so that it is one anchored try
        self.time_before_reversed = re.compile(
            r"[ \-|،,@/]{1,5}+"
            rf"(?:(?P<ampm>{_alternation(sum((data['ampm'][h] for h in ('am', 'pm')), []), reverse=True)})"
            r"\.? {0,2}+)?"
            r"(?P<m>[0-9]{2}):(?P<h>[0-9]{1,2})(?![0-9:])"
        )

    @functools.lru_cache(maxsize=1024)
    def month_of(self, name: str) -> tuple[str, int] | None:
        """(calendar, month number) of a matched month spelling."""
        for calendar, number, pattern in self.months:
            if pattern.fullmatch(name):
                return calendar, number
        return None

    @functools.lru_cache(maxsize=1024)
    def weekday_of(self, name: str) -> int | None:
        """0 = Monday … 6 = Sunday for a matched weekday spelling."""
        for number, pattern in self.weekdays:
            if pattern.fullmatch(name):
                return number
        return None

    def marker_of(self, marker: str | None) -> str | None:
        """The calendar a year marker (هـ, ه.ش, میلادی) names."""
        if not marker:
            return None
        for calendar, pattern in self.markers:
            if pattern.match(marker):
                return calendar
        return None

    def half_of(self, word: str | None) -> str | None:
        """"am" or "pm" for a word after a time (ص/م, ق.ظ/ب.ظ, am/pm)."""
        if not word:
            return None
        for half, pattern in self.ampm:
            if pattern.match(word):
                return half
        return None


@functools.lru_cache(maxsize=1)
def grammar() -> _Grammar:
    """The compiled grammar (built on first use)."""
    return _Grammar(load_names())


# --------------------------------------------------------------------------
# Calendar arithmetic.


@functools.lru_cache(maxsize=4096)
def to_gregorian(calendar: str, year: int, month: int, day: int) -> datetime.date | None:
    """Gregorian date of a day in ``calendar``, or None if that day does not exist.

    >>> to_gregorian("jalali", 1401, 7, 27)
    datetime.date(2022, 10, 19)
    >>> to_gregorian("hijri", 1441, 12, 1)
    datetime.date(2020, 7, 22)
    >>> to_gregorian("jalali", 1401, 12, 30) is None   # 1401 is not a leap year
    True
    >>> to_gregorian("gregorian", 2021, 2, 29) is None
    True
    """
    try:
        if calendar == "gregorian":
            result = datetime.date(year, month, day)
        elif calendar == "jalali":
            result = JalaliDate(year, month, day).to_gregorian()
        elif calendar == "hijri":
            result = Hijri(year, month, day).to_gregorian()
            result = datetime.date(result.year, result.month, result.day)
        else:
            return None
    except (ValueError, OverflowError, TypeError):
        return None
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        return None
    return result


def year_in(calendar: str, day: datetime.date) -> int:
    """The year ``day`` falls in, in ``calendar``.

    >>> year_in("jalali", datetime.date(2024, 11, 21)), year_in("hijri", datetime.date(2024, 11, 21))
    (1403, 1446)
    """
    if calendar == "jalali":
        return JalaliDate(day).year
    if calendar == "hijri":
        return _HijriFromGregorian(day.year, day.month, day.day).to_hijri().year
    return day.year


def infer_year(
    calendar: str, month: int, day: int, weekday: int, reference: datetime.date
) -> datetime.date | None:
    """The latest date, not after ``reference``, with this month, day and weekday.

    Why: pages write "دوشنبه، 15 ژانویه" (Monday, 15 January) without a year; the
    weekday pins the year down, and a news page never reports a future date.

    >>> infer_year("gregorian", 1, 15, 0, datetime.date(2024, 11, 21))
    datetime.date(2024, 1, 15)
    >>> infer_year("gregorian", 12, 25, 2, datetime.date(2024, 11, 21))  # 25 Dec 2024 is after reference
    datetime.date(2019, 12, 25)
    """
    try:
        start = year_in(calendar, reference)
    except (ValueError, OverflowError):
        return None
    for year in range(start, start - INFER_YEARS_BACK, -1):
        found = to_gregorian(calendar, year, month, day)
        if found and found <= reference and found.weekday() == weekday:
            return found
    return None


# --------------------------------------------------------------------------
# Reading.


@dataclass
class _Candidate:
    start: int
    end: int
    calendar: str
    day: datetime.date | None
    inferred: bool = False
    partial: tuple | None = None


def _numeric_calendar(year: int, marker: str | None) -> list[str]:
    """Calendars to try for a numeric date, in order.

    A marker (هـ, ه.ش, م) decides. Otherwise 1900–2100 is Gregorian, 1300–1499
    is Jalali (Iranian pages), and a 14xx year that is not a valid Jalali date is
    tried as Hijri.

    >>> _numeric_calendar(2020, None), _numeric_calendar(1401, None), _numeric_calendar(1401, "hijri")
    (['gregorian'], ['jalali', 'hijri'], ['hijri'])
    """
    if marker:
        return [marker]
    if MIN_YEAR <= year <= MAX_YEAR:
        return ["gregorian"]
    if year in JALALI_YEARS:
        return ["jalali", "hijri"] if year >= 1400 else ["jalali"]
    return []


#: A 14xx numeric date read as Jalali more than this far after the reference is
#: read as Hijri instead when it can be (1445/09/15 is 2066 in Jalali, 2024 in Hijri).
FUTURE_SLACK = datetime.timedelta(days=366)


def _read_numeric(
    g: _Grammar, m: re.Match, reference: datetime.date | None
) -> tuple[str, datetime.date] | None:
    """A numeric date: year first (1401/07/27, 2020-08-22) or day first (22/08/2020).

    Without a marker, a 14xx year is Jalali unless that lands far in the future
    of ``reference`` and the Hijri reading does not: a news page reports what has
    happened. Without a reference the Jalali reading stands.
    """
    a, b, c = m["a"], m["b"], m["c"]
    marker = g.marker_of(m["marker"])
    if len(a) == 4 and len(c) <= 2:
        year, month, day = int(a), int(b), int(c)
        orders = [(month, day)]
    elif len(c) == 4 and len(a) <= 2:
        year, day, month = int(c), int(a), int(b)
        orders = [(month, day), (day, month)]  # these locales write day first
    else:
        return None
    readings = []
    for calendar in _numeric_calendar(year, marker):
        for mo, da in orders:
            found = to_gregorian(calendar, year, mo, da)
            if found:
                readings.append((calendar, found))
                break
    if not readings:
        return None
    first = readings[0]
    if reference is not None and not marker and first[0] == "jalali" and first[1] > reference + FUTURE_SLACK:
        past = [r for r in readings[1:] if r[1] <= reference + FUTURE_SLACK]
        if past:
            return past[0]
    return first


def _same_month(g: _Grammar, m: re.Match) -> tuple[str, int] | None:
    """Calendar and number of the month name(s); a second name (آب/اغسطس) must agree."""
    first = g.month_of(m["month"])
    second = m["month2"] if "month2" in m.re.groupindex else None
    if first and second and g.month_of(second) != first:
        return None
    return first


#: The last character before a date that follows a weekday: a space or a separator
#: (a digit or letter glued to the day means no weekday stands there).
_BEFORE_WEEKDAY_END = frozenset(" ,،-.")


def _weekday_before(g: _Grammar, view: str, start: int) -> tuple[int, int] | None:
    """(start offset, weekday) of a weekday name just before ``start``."""
    if start == 0 or view[start - 1] not in _BEFORE_WEEKDAY_END:
        return None
    before = view[max(0, start - 48):start][::-1]
    w = g.weekday_before_reversed.match(before)
    if not w:
        return None
    number = g.weekday_of(w["weekday"][::-1])
    return None if number is None else (start - w.end(), number)


def _time_after(g: _Grammar, view: str, end: int) -> tuple[int, str, str] | None:
    """(end offset, "HH:MM[:SS]", offset) of a time stated right after a date."""
    t = g.time_tail.match(view, end)
    if not t:
        return None
    hour, minute = int(t["h"]), int(t["m"])
    second = int(t["s"]) if t["s"] else None
    half = g.half_of(t["ampm"])
    if half and 1 <= hour <= 12:
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        return None
    clock = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")
    offset = ""
    if t["z"] or t["utc"]:
        offset = _format_offset(t["off"]) if t["off"] else "Z"
    elif t["isooff"]:
        offset = _format_offset(t["isooff"])
    if offset is None:
        return None
    # an "ampm" or zone word that was not used must not be swallowed
    stop = t.end()
    if t["ampm"] and not half:
        stop = t.start("ampm")
    return stop, clock, offset


def _format_offset(raw: str) -> str | None:
    """"+0400", "+4", "+04:00" → "+04:00"; a zero offset → "Z".

    >>> _format_offset("+0400"), _format_offset("+4"), _format_offset("-03:30"), _format_offset("+0")
    ('+04:00', '+04:00', '-03:30', 'Z')
    """
    raw = raw.replace(" ", "")
    sign, digits = raw[0], raw[1:].replace(":", "")
    if len(digits) <= 2:
        hours, minutes = int(digits), 0
    else:
        hours, minutes = int(digits[:-2]), int(digits[-2:])
    if hours > 14 or minutes > 59:
        return None
    if hours == minutes == 0:
        return "Z"
    return f"{sign}{hours:02d}:{minutes:02d}"


def _candidates(g: _Grammar, view: str, reference: datetime.date | None, infer_years: bool):
    """Yield every readable date in the match view, overlapping ones included."""
    for pattern in (g.named_dmy, g.named_mdy):
        for m in pattern.finditer(view):
            weekday = _weekday_before(g, view, m.start())
            if not (m["year"] or weekday):
                continue  # day and month without year or weekday: never invent a year
            month = _same_month(g, m)
            if not month:
                continue
            calendar, number = month
            day = int(m["day"])
            end = m.end()
            start = weekday[0] if weekday else m.start()
            if m["year"]:
                found = to_gregorian(calendar, int(m["year"]), number, day)
                if found:
                    yield _Candidate(start, end, calendar, found)
            elif infer_years and reference is not None:
                found = infer_year(calendar, number, day, weekday[1], reference)
                if found:
                    yield _Candidate(start, end, calendar, found, True)
            elif _day_exists(calendar, number, day):
                yield _Candidate(start, end, calendar, None, partial=(calendar, number, day, weekday[1]))
    for pattern in (g.numeric, g.numeric_spaced):
        for m in pattern.finditer(view):
            read = _read_numeric(g, m, reference)
            if read:
                weekday = _weekday_before(g, view, m.start())
                start = weekday[0] if weekday else m.start()
                yield _Candidate(start, m.end(), read[0], read[1])


def _day_exists(calendar: str, month: int, day: int) -> bool:
    """Can ``day`` ``month`` exist in some year of ``calendar`` (30 Esfand, 29 February)?"""
    limits = {"gregorian": (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
              "jalali": (31,) * 6 + (30,) * 6, "hijri": (30,) * 12}
    return 1 <= month <= 12 and 1 <= day <= limits[calendar][month - 1]


def find_dates(text: str, reference: datetime.date | None = None, *,
               infer_years: bool = True) -> list[DateHit]:
    """Every date expression in ``text`` (a line or paragraph), in order of position.

    ``reference`` is the latest date a year may be inferred to, and what a 14xx numeric
    year is checked against (Jalali unless that is far after it). It is never the machine's
    clock: without one (or with ``infer_years=False``) a year-less date comes back
    unresolved, ``iso`` None, to be finished by :func:`resolve_year`.

    >>> [(h.iso, h.calendar) for h in find_dates("الأربعاء ٢٢ يوليو ٢٠٢٠ - ٠٣:١٢ بتوقيت غرينتش")]
    [('2020-07-22T03:12Z', 'gregorian')]
    >>> h = find_dates("دوشنبه، 15 ژانویه", datetime.date(2024, 11, 21))[0]
    >>> h.iso, h.inferred, h.text
    ('2024-01-15', True, 'دوشنبه، 15 ژانویه')
    >>> h = find_dates("دوشنبه، 15 ژانویه")[0]
    >>> h.iso, h.partial
    (None, ('gregorian', 1, 15, 0, None))
    >>> find_dates("15 ژانویه")
    []
    """
    if not isinstance(text, str) or not text:
        return []
    if isinstance(reference, datetime.datetime):
        reference = reference.date()
    try:
        return _read_all(text, reference, infer_years)
    except Exception:  # a parser must never take the build down; say what happened
        logger.exception("date parsing failed on a text of %d characters", len(text))
        return []


def resolve_year(hit: DateHit, reference: datetime.date | None) -> DateHit | None:
    """Finish a year-less hit against ``reference``: the latest matching day not after it.

    >>> h = find_dates("دوشنبه، 15 ژانویه")[0]
    >>> resolve_year(h, datetime.date(2024, 11, 21)).iso
    '2024-01-15'
    >>> resolve_year(h, None) is None
    True
    """
    if hit.iso is not None:
        return hit
    if reference is None or not hit.partial:
        return None
    if isinstance(reference, datetime.datetime):
        reference = reference.date()
    calendar, month, day, weekday, clock = hit.partial
    found = infer_year(calendar, month, day, weekday, reference)
    if found is None:
        return None
    iso = found.isoformat() + (f"T{clock}" if clock else "")
    return DateHit(iso, hit.calendar, hit.text, hit.start, hit.end, True, hit.has_time)


def _read_all(text: str, reference: datetime.date | None, infer_years: bool) -> list[DateHit]:
    """Candidates in order of position; where two overlap, the earlier (then the
    longer) wins; each kept date takes the time stated right after (or before) it."""
    g = grammar()
    view = match_view(text)
    found = sorted(_candidates(g, view, reference, infer_years), key=lambda c: (c.start, -c.end))
    hits: list[DateHit] = []
    last_end = -1
    for cand in found:
        if cand.start < last_end:
            continue
        start, end, has_time = cand.start, cand.end, False
        clock = offset = ""
        tail = _time_after(g, view, end)
        if tail:
            end, clock, offset = tail
            has_time = True
        else:
            head = _time_before(g, view, start, last_end)
            if head:
                start, clock = head
                has_time = True
        if cand.day is not None:
            eq = _equivalent_after(g, view, end, cand.day)
            end = eq or end
        if cand.day is None:
            partial = (*cand.partial, (clock + offset) if has_time else None)
            hits.append(DateHit(None, cand.calendar, text[start:end], start, end, False, has_time, partial))
        else:
            iso = cand.day.isoformat() + (f"T{clock}{offset}" if has_time else "")
            hits.append(DateHit(iso, cand.calendar, text[start:end], start, end, cand.inferred, has_time))
        last_end = end
    return hits


def _time_before(g: _Grammar, view: str, start: int, floor: int) -> tuple[int, str] | None:
    """(start offset, "HH:MM") of a time written just before a date: "10:30 ص 22/07/2020"."""
    lo = max(0, floor, start - 32)
    before = view[lo:start][::-1]
    t = g.time_before_reversed.match(before)
    if not t:
        return None
    hour, minute = int(t["h"][::-1]), int(t["m"][::-1])
    half = g.half_of(t["ampm"][::-1]) if t["ampm"] else None
    if half and 1 <= hour <= 12:
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    begin = start - t.end()
    if begin > 0 and view[begin - 1].isdigit():
        return None
    return begin, f"{hour:02d}:{minute:02d}"


def _equivalent_after(g: _Grammar, view: str, end: int, day: datetime.date) -> int | None:
    """End offset of "= DD-MM YYYY" after a date when it states the same day."""
    m = g.equivalent.match(view, end)
    if not m:
        return None
    a, b, c = int(m["a"]), int(m["b"]), int(m["c"])
    for y, mo, d in ((c, b, a), (c, a, b), (a, b, c)):
        try:
            if datetime.date(y, mo, d) == day:
                return m.end()
        except ValueError:
            continue
    return None


def parse_date(text: str, reference: datetime.date | None = None) -> DateHit | None:
    """The first date in ``text``, or None.

    >>> parse_date("1401/07/27").iso
    '2022-10-19'
    >>> parse_date("کووید-۱۹") is None
    True
    """
    hits = find_dates(text, reference)
    return hits[0] if hits else None
