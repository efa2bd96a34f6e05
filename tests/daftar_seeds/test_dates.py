"""Tests for daftar_seeds.dates: the JSON cases, the seeds' own lines, the corpus's
stated dates, a property test (never raises, never leaves 1900–2100) and a speed bound."""
from __future__ import annotations

import csv
import datetime
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daftar_seeds.dates import DateHit, find_dates, load_names, parse_date, resolve_year

HERE = Path(__file__).resolve().parent
REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
CORPUS = REPO / ".." / "shared" / "corpus"
CASES = json.loads((HERE / "date_cases.json").read_text(encoding="utf-8"))
ISO_RE = re.compile(r"(\d{4})-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?")
FIXED_REFERENCE = datetime.date(2024, 11, 21)


def _reference(case: dict) -> datetime.date:
    ref = case.get("reference")
    return datetime.date.fromisoformat(ref) if ref else FIXED_REFERENCE


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_case(case):
    hits = find_dates(case["text"], _reference(case))
    assert [h.iso for h in hits] == case["expected"]
    for hit in hits:
        assert hit.calendar == case["calendar"]
        assert hit.text == case["text"][hit.start:hit.end]
        assert hit.inferred == case.get("inferred", False)
        assert hit.has_time == ("T" in hit.iso)
    if "match" in case:
        assert hits[0].text == case["match"]


def test_cases_cover_every_calendar_and_traps():
    calendars = {c["calendar"] for c in CASES}
    assert {"jalali", "gregorian", "hijri", None} <= calendars
    assert sum(1 for c in CASES if not c["expected"]) >= 20


def test_parse_date_is_first_hit():
    hit = parse_date("از 2019/02/05 تا 2019/02/09")
    assert isinstance(hit, DateHit) and hit.iso == "2019-02-05"
    assert parse_date("کد خبر : 2955") is None
    assert parse_date("") is None


def test_without_a_reference_a_yearless_date_is_left_unresolved():
    """Never the machine's clock: no reference, no inferred year (the words are kept)."""
    hit = parse_date("دوشنبه، 15 ژانویه")
    assert hit is not None and hit.iso is None and not hit.inferred
    assert hit.text == "دوشنبه، 15 ژانویه" and hit.partial[:4] == ("gregorian", 1, 15, 0)
    assert resolve_year(hit, datetime.date(2030, 6, 1)).iso == "2029-01-15"
    assert resolve_year(hit, datetime.date(2024, 11, 21)).iso == "2024-01-15"
    # a full date never depends on a reference
    assert parse_date("1401/07/27").iso == parse_date("1401/07/27", datetime.date(2030, 1, 1)).iso


def test_offsets_survive_every_digit_script():
    text = "متن «الأربعاء ٢٢ يوليو ٢٠٢٠ - ٠٣:١٢ بتوقيت غرينتش» متن"
    (hit,) = find_dates(text)
    assert text[hit.start:hit.end] == hit.text and hit.text.startswith("الأربعاء")


def test_every_data_file_month_name_is_read():
    """Each spelling in dates.yaml must be readable in a full date."""
    data = load_names()
    years = {"jalali": (1401, lambda m: 10), "gregorian": (2020, lambda m: 10), "hijri": (1441, lambda m: 10)}
    for calendar, months in data["months"].items():
        year, day = years[calendar]
        for number, names in months.items():
            for name in names:
                hits = find_dates(f"متن {day(number)} {name} {year} متن")
                assert len(hits) == 1, (calendar, name)
                assert hits[0].calendar == calendar, name


def test_every_data_file_weekday_name_is_read():
    data = load_names()
    for number, names in data["weekdays"].items():
        for name in names:
            hit = parse_date(f"{name} 21 November 2024")
            assert hit is not None and hit.text.lower().startswith(name.split()[0].lower()), name


# --- the seeds' own lines (the five defining inputs) ------------------------

SEED_LINES = [
    ("000", "امروز پنجشنبه 01 آذر 1403", "2024-11-21", "jalali", False),
    ("000", "1401/07/27", "2022-10-19", "jalali", False),
    ("000", "Thursday 21 November 2024", "2024-11-21", "gregorian", False),
    ("003", "الأربعاء ٢٢ يوليو ٢٠٢٠ - ٠٣:١٢ بتوقيت غرينتش", "2020-07-22T03:12Z", "gregorian", False),
    ("004", "  • 2020-08-22", "2020-08-22", "gregorian", False),
    ("001", "دوشنبه، 15 ژانویه", "2024-01-15", "gregorian", True),
]


@pytest.mark.parametrize("seed, line, iso, calendar, inferred", SEED_LINES)
def test_seed_lines(seed, line, iso, calendar, inferred):
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    text = path.read_text(encoding="utf-8")
    assert line.strip() in text
    hit = next(h for h in find_dates(text, FIXED_REFERENCE) if h.text in line)
    assert (hit.iso, hit.calendar, hit.inferred) == (iso, calendar, inferred)


_TRAP_MARKS = ("کد خبر", "تعداد بازدید", "کووید", "قفقاز", "2231", "معرض الجيش", "11636")


def test_seed_traps_give_nothing():
    """Seed lines holding numbers that are not dates."""
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if any(k in line for k in _TRAP_MARKS):
                assert find_dates(line, FIXED_REFERENCE) == [], line


# --- the corpus's stated dates ---------------------------------------------

#: What each stated date means (checked by hand against the page; MANIFEST notes).
CORPUS_EXPECTED = {
    "الجمعة 8 فيفري 2019": "2019-02-08",
    "الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)": "2013-08-28T14:00+04:00",
    "2026-01-08 | 12:42": "2026-01-08T12:42",
}


def _manifest() -> list[dict]:
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip("../shared/corpus is absent")
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.mark.corpus
def test_corpus_stated_dates():
    rows = [r for r in _manifest() if r["date_stated"].strip()]
    assert rows
    for row in rows:
        stated = row["date_stated"].strip()
        expected = CORPUS_EXPECTED[stated]
        hit = parse_date(stated, FIXED_REFERENCE)
        assert hit is not None and hit.iso == expected and hit.text == stated, stated
        # in the page itself, the first date read is the stated one, read whole
        page = (CORPUS / row["file"]).read_text(encoding="utf-8")
        first = find_dates(page, FIXED_REFERENCE)[0]
        assert (first.iso, first.text) == (expected, stated), row["file"]


@pytest.mark.corpus
def test_corpus_pages_without_a_stated_date_give_none():
    """Pages that state no date must not get one from years, codes or counts in the prose."""
    for row in _manifest():
        if not row["date_stated"].strip():
            page = (CORPUS / row["file"]).read_text(encoding="utf-8")
            assert find_dates(page, FIXED_REFERENCE) == [], row["file"]


# --- robustness --------------------------------------------------------------

_NAMES = load_names()
_TOKENS = sorted(
    {str(n) for m in _NAMES["months"].values() for ns in m.values() for n in ns}
    | {str(n) for ns in _NAMES["weekdays"].values() for n in ns}
    | {"هـ", "ه.ق", "م", "ص", "GMT", "بتوقيت غرينتش", "+0400", "T", "Z", "آخر تحديث", "ساعت"}
)
_PIECES = st.one_of(
    st.sampled_from(_TOKENS),
    st.integers(0, 9999).map(str),
    st.sampled_from(list("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩/-.:،, |()+\n\u200c\u064e")),
    st.text(max_size=4),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=25).map("".join), st.dates(datetime.date(1950, 1, 1), datetime.date(2090, 12, 31)))
def test_never_raises_and_stays_in_range(text, reference):
    hits = find_dates(text, reference)
    last = -1
    for hit in hits:
        assert hit.iso is not None  # a reference is given: year-less dates are resolved or dropped
        m = ISO_RE.fullmatch(hit.iso)
        assert m, hit.iso
        assert 1900 <= int(m.group(1)) <= 2100
        assert hit.text == text[hit.start:hit.end]
        assert hit.start >= last  # in order, no overlaps
        last = hit.end
        assert hit.calendar in {"jalali", "gregorian", "hijri"}
        if hit.inferred:
            assert datetime.date.fromisoformat(hit.iso[:10]) <= reference


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_never_raises_on_any_text(text):
    assert isinstance(find_dates(text), list)


def _seed_prose() -> str:
    return " ".join(p.read_text(encoding="utf-8").replace("\n", " ") for p in sorted(SEEDS.glob("*.txt")))


@pytest.mark.parametrize(
    "name, build",
    [
        ("seed prose", lambda n: (_seed_prose() * (n // len(_seed_prose()) + 1))[:n]),
        ("digits", lambda n: "1" * n),
        ("digits and separators", lambda n: ("1/2-3.4 5:6 " * (n // 12 + 1))[:n]),
        ("spaced dots", lambda n: ("1 . 2 . " * (n // 8 + 1))[:n]),
        ("month names with days", lambda n: ("1 آذر " * (n // 6 + 1))[:n]),
        ("long space runs around dates", lambda n: (("x" + " " * 47 + "1 آذر" + " " * 200) * (n // 253 + 1))[:n]),
        ("dense dates with weekdays", lambda n: ("دوشنبه 15 ژانویه 2024 10:30 " * (n // 28 + 1))[:n]),
        ("times before dates", lambda n: ("10:30 ص 22/07/2020 " * (n // 19 + 1))[:n]),
    ],
)
def test_a_long_line_is_read(name, build):
    """A 300 KB single line is read to the end (the linear-time table is bench/bench_clean.py;
    no wall-clock assertion here)."""
    text = build(300_000)
    assert "\n" not in text
    hits = find_dates(text, FIXED_REFERENCE)
    assert all(h.text == text[h.start:h.end] for h in hits)
    if name in ("dense dates with weekdays", "times before dates"):
        assert len(hits) >= 10_000 and hits[-1].end > 290_000
