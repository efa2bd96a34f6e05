"""Tests for daftar_text.calendars: digits, the three calendars, and that every
displayed date reads back to the same ISO date through daftar_seeds.dates."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from daftar_text.calendars import display_names, format_date, to_digits

CASES = [
    # (description, iso, lang, key, expected)
    ("fa Gregorian with Persian month and digits", "2022-10-19", "fa", "gregorian", "۱۹ اکتبر ۲۰۲۲"),
    ("fa Jalali", "2022-10-19", "fa", "jalali", "۲۷ مهر ۱۴۰۱"),
    ("ar Gregorian, Egyptian/Gulf month name", "2020-07-22", "ar", "gregorian", "٢٢ يوليو ٢٠٢٠"),
    ("ar Jalali in Arabic-Indic digits", "2022-10-19", "ar", "jalali", "٢٧ مهر ١٤٠١"),
    ("ar Hijri with هـ", "2020-07-22", "ar", "hijri", "١ ذو الحجة ١٤٤١ هـ"),
    ("fa Hijri with ه.ق", "2020-07-22", "fa", "hijri", "۱ ذی‌الحجه ۱۴۴۱ ه.ق"),
    ("fa weekday with ZWNJ", "2024-11-21", "fa", "weekday", "پنج‌شنبه"),
    ("ar weekday", "2020-07-22", "ar", "weekday", "الأربعاء"),
    ("fa time in Persian digits", "2021-08-12T13:26", "fa", "time", "۱۳:۲۶"),
    ("ar time with seconds", "2020-08-22T11:30:45", "ar", "time", "١١:٣٠:٤٥"),
    ("stated Greenwich zone", "2020-07-22T03:12Z", "ar", "zone", "UTC"),
    ("stated offset", "2013-08-28T14:00+04:00", "ar", "zone", "UTC+٠٤:٠٠"),
    ("iso unchanged with Latin digits", "2013-08-28T14:00+04:00", "fa", "iso", "2013-08-28T14:00+04:00"),
    ("other language: English names, Latin digits", "2024-11-21", "en", "gregorian", "21 November 2024"),
    ("unknown language falls back to English", "2024-11-21", "de", "jalali", "1 Azar 1403"),
]


@pytest.mark.parametrize("description, iso, lang, key, expected", CASES, ids=[c[0] for c in CASES])
def test_format_date(description, iso, lang, key, expected):
    assert format_date(iso, lang)[key] == expected


def test_no_time_no_zone_when_not_stated():
    d = format_date("2022-10-19", "fa")
    assert "time" not in d and "zone" not in d
    assert set(d) == {"gregorian", "jalali", "hijri", "weekday", "iso"}


def test_none_and_malformed():
    assert format_date(None, "fa") == {}
    assert format_date("not a date", "ar") == {}
    assert format_date("2021-02-30", "ar") == {}


def test_hijri_absent_outside_umm_al_qura():
    d = format_date("1910-05-01", "ar")
    assert "hijri" not in d and d["gregorian"] == "١ مايو ١٩١٠"


@pytest.mark.parametrize(
    "s, lang, expected",
    [("2020", "fa", "۲۰۲۰"), ("2020", "ar", "٢٠٢٠"), ("2020", "en", "2020"), ("a1-b2", "fa", "a۱-b۲")],
)
def test_to_digits(s, lang, expected):
    assert to_digits(s, lang) == expected


def test_display_lists_are_complete():
    for lang, names in display_names().items():
        for key in ("gregorian", "jalali", "hijri"):
            assert len(names[key]) == 12, (lang, key)
        assert len(names["weekdays"]) == 7, lang


_ROUND_TRIP_DAYS = [datetime.date(2000, 1, 1) + datetime.timedelta(days=k) for k in range(0, 9000, 97)]


@pytest.mark.parametrize("lang", ["fa", "ar"])
@pytest.mark.parametrize("calendar", ["gregorian", "jalali", "hijri"])
def test_displayed_dates_read_back(lang, calendar):
    """What we show, the parser reads: display names and parser names stay in step."""
    from daftar_seeds.dates import parse_date

    for day in _ROUND_TRIP_DAYS:
        shown = format_date(day.isoformat(), lang)
        text = f"{shown['weekday']} {shown[calendar]}"
        hit = parse_date(text)
        assert hit is not None and hit.iso == day.isoformat(), text
        assert hit.calendar == calendar and hit.text == text


def test_parser_cases_display_without_error():
    cases = json.loads((Path(__file__).resolve().parents[1] / "daftar_seeds" / "date_cases.json").read_text("utf-8"))
    for case in cases:
        for iso in case["expected"]:
            for lang in ("fa", "ar", "en"):
                d = format_date(iso, lang)
                assert d["iso"] == iso and d["gregorian"] and d["jalali"]
