"""Property tests (hypothesis): cleaning never raises, never changes a kept letter, and is
idempotent."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daftar_seeds.clean import apply_text_rules, clean_document
from daftar_seeds.dates import find_dates as FIND

ALPHABET = st.sampled_from(
    list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةىأإآؤئ")
    + list("abcXYZ0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")
    + [" ", " ", " ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200c", "\u202e", "\u2066", "\x07", "\ufeff",
       ":", "::", ".", "،", "؛", "؟", "«", "»", "•", "-", "/", "(", ")", "https://", "www.", "://"]
    + ["می", "ها", "های", "ای", "تر", "ترین", "لینک کوتاه", "نظرات", "PRINT", "کد خبر : 12",
       "1401/07/27", "2020-08-22", "الأربعاء ٢٢ يوليو ٢٠٢٠", "امروز پنجشنبه 01 آذر 1403", "المصدر : س"]
)
TEXT = st.lists(ALPHABET, max_size=120).map("".join)
LANG = st.sampled_from(["fa", "ar", None])


def letters(s: str) -> str:
    return "".join(ch for ch in s if ch.isalnum())


def text_rules(text: str, lang) -> str:
    return apply_text_rules(text, lang)[0]


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT, LANG)
def test_text_rules_are_idempotent_and_keep_letters(text, lang):
    once = text_rules(text, lang)
    assert text_rules(once, lang) == once
    assert letters(once) == letters(text)


@FAST
@given(TEXT, LANG)
def test_cleaning_never_raises_and_kept_letters_are_the_page_letters(text, lang):
    result = clean_document(text, lang, find_dates=FIND)
    source = letters(text)
    for para in result.paragraphs:
        assert letters(para) in source
    if result.title is not None:
        assert letters(result.title.text) in source


@FAST
@given(TEXT, LANG)
def test_cleaning_is_idempotent_on_its_output(text, lang):
    first = clean_document(text, lang, find_dates=FIND)
    again = clean_document(first.text, lang, find_dates=FIND)
    assert again.text == first.text


@FAST
@given(TEXT, st.sampled_from([None, "2024-11-21"]))
def test_build_document_never_raises_and_declares_every_field(text, ref):
    import datetime as dt

    from daftar_seeds.document import Document, build_document
    from daftar_seeds.fields import FIELDS

    doc = build_document(text.encode("utf-8"), "p", reference=dt.date.fromisoformat(ref) if ref else None)
    if isinstance(doc, Document):
        assert list(doc.fields) == list(FIELDS)
        assert letters(doc.fields["title"] or "") in letters(text) or doc.fields["title_source"] == "derived"
