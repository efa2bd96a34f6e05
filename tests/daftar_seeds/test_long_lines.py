"""Seeds with one enormous line are cleaned and keep their text (issue 11).

A long unbroken token once made ZWNJ repair's URL regex backtrack quadratically (40,000
characters: 26 s). These tests check the outcome — the page is built, the long line is article
text, unchanged but for the rules' own edits — and never the time: linearity is shown in
``bench/bench_clean.py`` (a timed test would fail on a busy machine, and prove little).
"""
from __future__ import annotations

import pytest

from daftar_seeds.clean import clean_document
from daftar_seeds.credits import read_credits
from daftar_seeds.dates import find_dates
from daftar_seeds.document import Document, build_document
from daftar_seeds.zwnj import fix_glued_zwnj, fix_spaced_zwnj, url_spans

N = 100_000
HEAD = "عنوان خبر درباره روابط ایران و روسیه"
P1 = "وزیر امور خارجه روسیه امروز در نشست خبری در مسکو گفت که دو کشور به توافق نزدیک شده‌اند."
P2 = "وی افزود که گفت‌وگوها درباره همکاری‌های اقتصادی و انرژی در هفته آینده ادامه خواهد یافت."

LONG = {
    "unbroken Persian token": ("سلام" * (N // 4)),
    "a@ repeated": "a@" * (N // 2),
    "a. repeated": "a." * (N // 2),
    "www. and letters": "www." + "a" * N,
    "host and slashes": "سلام/x.ir/" * (N // 10),
    "1/ repeated": "1/" * (N // 2),
    "spaced dots": "1 . 2 . " * (N // 8),
    "label words": "کدخبر:" * (N // 6),
    "credit words": "به گزارش " * (N // 9),
    "quoted names": "«ا»،" * (N // 4),
}


def letters(s: str) -> str:
    return "".join(ch for ch in s if ch.isalnum())


@pytest.mark.parametrize("name", sorted(LONG))
def test_long_line_is_cleaned_and_keeps_its_text(name):
    line = LONG[name]
    raw = "\n\n".join([HEAD, P1, line, P2]).encode("utf-8")
    doc = build_document(raw, "long", reference=None)
    assert isinstance(doc, Document), doc
    kept = [p for p in doc.paragraphs if len(p) > N // 2]
    assert len(kept) == 1, [len(p) for p in doc.paragraphs]
    assert letters(kept[0]) == letters(line)
    assert doc.fields["title"] == HEAD


def test_a_whole_seed_of_one_long_persian_token():
    """Nothing but one 100,000-character token: built or refused with a reason, never hung."""
    doc = build_document(("سلام" * (N // 4)).encode("utf-8"), "long", reference=None)
    assert isinstance(doc, Document) or doc.reason


@pytest.mark.parametrize("name", sorted(LONG))
def test_each_stage_reads_the_long_line(name):
    line = LONG[name]
    assert fix_glued_zwnj(line).replace("\u200c", "") == line
    assert fix_spaced_zwnj(line).replace("\u200c", " ") == line
    assert all(0 <= a < b <= len(line) for a, b in url_spans(line))
    assert isinstance(read_credits(line), tuple)
    assert all(h.text == line[h.start:h.end] for h in find_dates(line))
    res = clean_document("\n\n".join([HEAD, P1, line, P2]), "fa")
    assert any(ln.text == line or len(ln.text) > N // 2 for ln in res.body)


def test_urls_and_mail_runs_are_left_alone_by_zwnj_repair():
    text = "https://x.ir/میکنند و a@b.ir میکنند"
    assert fix_glued_zwnj(text) == "https://x.ir/میکنند و a@b.ir می\u200cکنند"
