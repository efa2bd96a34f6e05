"""The date grammar by construction: every shape, in Latin, Persian and Arabic-Indic digits,
with every separator, a time before or after (with ص/م/صباحاً/مساءً/AM/PM or none), the weekday
optional, and every month name of dates.yaml; and twins that must not match (phone numbers,
scores, versions, year ranges, times, codes).

Expected values are computed here from the parts (persiantools and hijridate for the other
calendars), never by the parser under test.
"""
from __future__ import annotations

import datetime as dt

import pytest
from hijridate import Hijri
from persiantools.jdatetime import JalaliDate

from daftar_seeds.dates import find_dates, load_names

REF = dt.date(2026, 11, 1)
SCRIPTS = {"latin": "0123456789", "persian": "۰۱۲۳۴۵۶۷۸۹", "arabic-indic": "٠١٢٣٤٥٦٧٨٩"}
NAMES = load_names()


def digits(text: str, script: str) -> str:
    return text.translate(str.maketrans("0123456789", SCRIPTS[script]))


def weekday_name(day: dt.date, lang: str) -> str:
    names = [str(n) for n in NAMES["weekdays"][day.weekday()]]
    if lang == "en":
        return next(n for n in names if n.isascii()).capitalize()
    if lang == "ar":
        return next(n for n in names if n.startswith("ال"))
    return names[0]


#: (label, time text before the date, time text after the date, expected clock)
TIMES = [("no time", "", "", None)]
for half, words, hour in (("am", ["ص", "صباحاً", "AM"], "10:30"), ("pm", ["م", "مساءً", "PM"], "22:30")):
    for w in words:
        TIMES.append((f"after, {w}", "", f" - 10:30 {w}", hour))
        TIMES.append((f"before, {w}", f"10:30 {w} - ", "", hour))
TIMES += [("after, 24h", "", " | 15:05", "15:05"), ("before, 24h", "15:05 ", "", "15:05"),
          ("after, connector", "", "، الساعة 09:10", "09:10")]

NUMERIC_SEPS = ["/", "-", ".", " . ", " / ", ". "]
NUMERIC = [  # (text with Latin digits, separator slot "{s}", calendar, expected date)
    ("22{s}07{s}2020", "gregorian", dt.date(2020, 7, 22)),
    ("2020{s}07{s}22", "gregorian", dt.date(2020, 7, 22)),
    ("8{s}2{s}2019", "gregorian", dt.date(2019, 2, 8)),
    ("1401{s}07{s}27", "jalali", dt.date(2022, 10, 19)),
    ("27{s}07{s}1401", "jalali", dt.date(2022, 10, 19)),
]


def _numeric_table():
    for script in SCRIPTS:
        for shape, calendar, day in NUMERIC:
            for sep in NUMERIC_SEPS:
                if sep.strip() == "-" and sep != "-":
                    continue
                for with_weekday in (False, True):
                    for label, before, after, clock in TIMES:
                        text = shape.format(s=sep)
                        if with_weekday:
                            text = weekday_name(day, "ar" if script == "arabic-indic" else "fa") + " " + text
                        yield (f"{script} {shape.format(s=sep)!r} weekday={with_weekday} {label}",
                               digits(before, script) + digits(text, script) + digits(after, script),
                               calendar, day, clock)


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_numeric_shapes(script):
    failures = []
    for label, text, calendar, day, clock in _numeric_table():
        if not label.startswith(script + " "):
            continue
        hits = find_dates(f"متن {text} متن", REF)
        want = day.isoformat() + (f"T{clock}" if clock else "")
        if [h.iso for h in hits] != [want] or hits[0].calendar != calendar:
            failures.append((label, text, [(h.iso, h.text) for h in hits], want))
    assert failures == [], failures[:10]


def _named_dates():
    """Every month spelling of dates.yaml in a full date of its calendar."""
    for calendar, months in NAMES["months"].items():
        for number, names in months.items():
            number = int(number)
            if calendar == "gregorian":
                year, day = 2021, dt.date(2021, number, 10)
            elif calendar == "jalali":
                year, day = 1401, JalaliDate(1401, number, 10).to_gregorian()
            else:
                year = 1442
                g = Hijri(1442, number, 10).to_gregorian()
                day = dt.date(g.year, g.month, g.day)
            for name in names:
                yield calendar, str(name), year, day


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_named_month_shapes(script):
    """DD <month> YYYY (and "<month> DD, YYYY", ordinals, "ماه") for every month name, weekday
    optional, with a time after or before."""
    failures = []
    for calendar, name, year, day in _named_dates():
        shapes = [f"10 {name} {year}", f"10 {name}، {year}"]
        if calendar == "jalali":
            shapes += [f"10 {name} ماه {year}"]
        if name.isascii():
            shapes += [f"{name.capitalize()} 10, {year}", f"10th, {name.capitalize()} {year}", f"10th {name} {year}"]
        lang = "en" if name.isascii() else ("ar" if any(ch in name for ch in "ةيىكأإ") else "fa")
        for shape in shapes:
            for with_weekday in (False, True):
                for label, before, after, clock in (TIMES[0], TIMES[2], TIMES[5]):
                    text = shape if not with_weekday else f"{weekday_name(day, lang)}، {shape}"
                    page = digits(f"{before}{text}{after}", script)
                    hits = find_dates(f"متن {page} متن", REF)
                    want = day.isoformat() + (f"T{clock}" if clock else "")
                    if [h.iso for h in hits] != [want] or hits[0].calendar != calendar:
                        failures.append((calendar, name, page, [(h.iso, h.text) for h in hits], want))
    assert failures == [], failures[:10]


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_yearless_with_weekday_needs_a_reference(script):
    """A weekday, day and month: resolved against the reference given, else left unresolved."""
    text = digits("دوشنبه، 15 ژانویه", script)
    (hit,) = find_dates(text)
    assert hit.iso is None and hit.partial[:4] == ("gregorian", 1, 15, 0)
    (hit,) = find_dates(text, dt.date(2024, 11, 21))
    assert hit.iso == "2024-01-15" and hit.inferred


#: Must not match, in every digit script.
TWINS = [
    ("phone number", "تلفن: 021-88776655"),
    ("mobile number with spaces", "0912 345 6789"),
    ("international phone", "+98 21 2222 3333"),
    ("phone with dots", "021.8877.6655"),
    ("football score", "استقلال 3-1 پرسپولیس"),
    ("score with spaces", "النتيجة 2 - 0 لصالح الفريق"),
    ("version", "نسخه 1.2.3"),
    ("version with a v", "v2.10.1"),
    ("long version", "Python 3.11.4"),
    ("year range", "2019-2020"),
    ("Jalali year range", "1399-1400"),
    ("short year range", "2015/16"),
    ("year range with spaces", "1399 - 1400"),
    ("a time alone", "ساعت 10:30 صبح"),
    ("a bare year", "سال 2020"),
    ("a news code", "کد خبر : 2955"),
    ("an IP address", "192.168.1.1"),
    ("a fraction", "1/2 و 3/4"),
    ("a decimal", "12.5 درصد"),
    ("day and month without year or weekday", "15 ژانویه"),
    ("impossible day", "31/02/2020"),
    ("thirtieth of Esfand in a common year", "1401/12/30"),
]


@pytest.mark.parametrize("script", sorted(SCRIPTS))
@pytest.mark.parametrize("label, text", TWINS, ids=[t[0] for t in TWINS])
def test_must_not_match(label, text, script):
    assert find_dates(digits(text, script), REF) == [], (label, script)
