"""The reader's pure core on the five seeds: what each page itself states, and nothing else."""
from __future__ import annotations

import datetime as dt

import pytest

from support import REFERENCE_DATE, SEEDS
from daftar_seeds.document import Document, Rejected, build_document

REF = dt.date.fromisoformat(REFERENCE_DATE)


def doc(prefix: str) -> Document:
    path = next(SEEDS.glob(prefix + "_*.txt"))
    d = build_document(path.read_bytes(), path.stem, reference=REF)
    assert isinstance(d, Document), d
    return d


EXPECTED = {
    "000": dict(lang="fa", title_source="stated", date="2022-10-19", date_source="stated",
                captured="2024-11-21", outlet="آفتاب", agencies=["ایرنا"], news_code="2955",
                views=142, source_url="https://aftabir.com/article/show/2955"),
    "001": dict(lang="fa", title_source="derived", date="2024-01-15", date_source="inferred",
                outlet="جماران", agencies=["تسنیم"], relayed_from=["نووستی"],
                date_reference="2024-11-21", date_reference_source="setting"),
    "002": dict(lang="fa", title_source="derived", date=None, date_source=None, outlet="خبرگزاری مهر"),
    "003": dict(lang="ar", title="مزيد من التقدم في العلاقات الاستراتيجية بين إيران وروسيا",
                title_source="stated", title_marker="+ فيديو", date="2020-07-22T03:12Z",
                date_source="stated", outlet="العالم", dateline="موسكو"),
    "004": dict(lang="ar", title="وزير الدفاع الإيراني من موسكو: تعزيز التعاون ضروري وحتمي",
                title_source="stated", date="2020-08-22", views=11636, author="فريق ماسة",
                outlet="الماسة السورية"),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_metadata(prefix):
    d = doc(prefix)
    got = dict(d.fields, lang=d.lang)
    for key, want in EXPECTED[prefix].items():
        assert got[key] == want, (prefix, key, got[key])


def test_000_title_and_category_have_their_zwnj():
    d = doc("000")
    assert d.fields["title"] == "ظریف: همکاری‌های نظامی ایران و روسیه تداوم می‌یابد"
    assert d.fields["category"] == "بین‌الملل"


def test_004_lead_is_first_line_and_body_appears_once():
    d = doc("004")
    assert d.fields["lead"].startswith("وزير الدفاع الروسي يلتقي نظيره الإيراني في موسكو")
    assert sum(p.count("وقال بومبيو إن واشنطن تتأهب") for p in d.paragraphs) == 1
    assert not any("فريق ماسة" in p or "اكتب تعليق" in p or "المصدر" in p for p in d.paragraphs)


CHROME = {
    "000": ["امروز پنجشنبه", "Thursday 21 November 2024", "کد خبر", "دسته بندی", "تعداد بازدید",
            "لینک کوتاه", "PRINT", "شبکه های اجتماعی", "PDF", "نظرات", "مشاهده بیشتر",
            "با معرفی کسب و کار خود", "همین حالا تماس بگیرید", "https://aftabir.com"],
    "002": ["نظر شما"],
    "003": ["العالم - إيران", "للمزيد إليكم الفيديو المرفق", "بتوقيت غرينتش"],
    "004": ["• ", "11636", "المصدر :", "اكتب تعليق", "كل الحقول التي عليها علامة"],
}


@pytest.mark.parametrize("prefix", sorted(CHROME))
def test_chrome_is_gone(prefix):
    text = doc(prefix).text
    for chrome in CHROME[prefix]:
        assert chrome not in text, (prefix, chrome)


def test_undated_seed_is_not_given_a_date():
    d = doc("002")
    assert d.fields["date"] is None and d.fields["date_text"] is None


@pytest.mark.parametrize("raw,reason", [
    (b"", "empty"),
    (b"   \n\t\n", "whitespace"),
    (b"\x00\x01binary\x00", "binary"),
    (b"This page is entirely in English and has nothing in Persian or Arabic at all.", "neither"),
])
def test_bad_input_is_rejected_with_a_reason(raw, reason):
    r = build_document(raw, "bad", reference=REF)
    assert isinstance(r, Rejected)
    assert reason in r.reason


#: Sentences of the raw seeds that are site chrome, not article text (everything else must stay).
CHROME_SENTENCES = {
    "000": ["با معرفی کسب و کار خود در آفتاب در فضای آنلاین آفتابی شوید"],
    "004": ["كل الحقول التي عليها علامة (*) مطلوبة"],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_article_sentence_is_kept(prefix):
    """Every sentence of six or more words in the raw seed is in the cleaned text (letters
    compared, so ZWNJ repair and whitespace do not count), apart from the listed chrome."""
    import re

    from daftar_seeds.decode import decode_bytes

    path = next(SEEDS.glob(prefix + "_*.txt"))
    raw = decode_bytes(path.read_bytes()).text
    d = doc(prefix)

    def letters(s):
        return "".join(ch for ch in s if ch.isalnum())

    # what became metadata is kept too (the headline with its media marker, the date line)
    meta = [d.fields.get(k) or "" for k in ("title", "title_marker", "byline")]
    kept = letters(" ".join(meta)) + letters(d.text)
    date_line = letters(d.fields.get("date_text") or "")
    lost = []
    for sentence in re.split(r"(?<=[.!?؟])\s+|\n+", raw):
        if len(sentence.split()) >= 6 and sentence.strip() not in CHROME_SENTENCES.get(prefix, []):
            if letters(sentence) not in kept and not (date_line and date_line in letters(sentence)):
                lost.append(sentence)
    assert lost == []


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_document_round_trips_through_json_and_declares_its_fields(prefix):
    import json

    from daftar_seeds.fields import FIELDS

    d = doc(prefix)
    assert list(d.fields) == list(FIELDS)
    again = Document.from_dict(json.loads(json.dumps(d.to_dict(), ensure_ascii=False)))
    assert again == d and again.text == d.text and again.body_html() == d.body_html()


def test_without_a_reference_the_yearless_seed_stays_unresolved():
    """Seed 001 states "دوشنبه، 15 ژانویه" and no year, no today line: without a reference
    (and never the machine's clock) its date is unknown, the words kept."""
    path = next(SEEDS.glob("001_*.txt"))
    f = build_document(path.read_bytes(), path.stem, reference=None).fields
    assert (f["date"], f["date_source"], f["date_text"]) == (None, "unresolved", "دوشنبه، 15 ژانویه")
    later = build_document(path.read_bytes(), path.stem, reference=dt.date(2030, 6, 1)).fields
    assert (later["date"], later["date_reference"], later["date_reference_source"]) == ("2029-01-15", "2030-06-01", "setting")
