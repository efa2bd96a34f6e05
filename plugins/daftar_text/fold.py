"""Letter folding and tokenising shared by search, entity matching and cleaning checks.

Persian and Arabic write the same words with different code points (ي/ی, ك/ک), with or
without hamza seats, harakat, tatweel and zero-width non-joiners, and with three digit
scripts. Search and entity matching must treat those spellings as one word, so both go
through :func:`fold` and :func:`tokenize`. The JavaScript twin lives in
``themes/daftar/static/js/daftar-normalise.js``; ``tests/daftar_text/test_parity.py``
proves the two give identical output. Change both or neither.

Folding is for *matching only*: it is never applied to text shown to readers.
"""
from __future__ import annotations

import re
import unicodedata

#: Search-time folding table. Keys are code points; a value of None deletes.
#: Kept identical to FOLD_MAP in daftar-normalise.js (the parity test checks it).
FOLD_TABLE: dict[int, str | None] = {}


def _build_table() -> None:
    def put(chars: str, to: str | None) -> None:
        for ch in chars:
            FOLD_TABLE[ord(ch)] = to

    put("\u064a\u0649\u06cc\u06d0\u0626", "\u06cc")  # ي ى ی ې ئ -> ی
    put("\u0643\u06a9\u06aa", "\u06a9")  # ك ک ڪ -> ک
    put("\u0623\u0625\u0622\u0671\u0672\u0673", "\u0627")  # أ إ آ ٱ ٲ ٳ -> ا
    put("\u0624", "\u0648")  # ؤ -> و
    put("\u0629\u06c0\u06c1\u06d5", "\u0647")  # ة ۀ ہ ە -> ه
    # harakat, Quranic marks, superscript alef, tatweel, hamza above/below
    for cp in list(range(0x064B, 0x0660)) + [0x0670] + list(range(0x06D6, 0x06EE)):
        FOLD_TABLE[cp] = None
    put("\u0640", None)  # tatweel
    # zero-width joiners/non-joiners, marks, BOM, soft hyphen: invisible, not word breaks
    put("\u200c\u200d\u200e\u200f\u200b\u2060\ufeff\u00ad", None)
    put("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", None)
    for i in range(10):
        FOLD_TABLE[0x06F0 + i] = str(i)  # ۰–۹
        FOLD_TABLE[0x0660 + i] = str(i)  # ٠–٩


_build_table()

#: A token is a run of letters, digits (and underscore): the same class as
#: ``[\p{L}\p{N}_]+`` in JS. Python's ``\w`` is exactly str.isalnum() or "_".
_TOKEN_RE = re.compile(r"\w+")


def fold(text: str) -> str:
    """Fold a string for matching: NFKC, lower case, one letter per Persian/Arabic variant.

    >>> fold("ظريف") == fold("ظریف")
    True
    >>> fold("همکاری\u200cهای")
    'همکاریهای'
    >>> fold("إيران ١٤٠١ ۱۴۰۱")
    'ایران 1401 1401'
    >>> fold("وِزارَة") == fold("وزاره")
    True
    """
    return unicodedata.normalize("NFKC", text).lower().translate(FOLD_TABLE)


def tokenize(text: str) -> list[str]:
    """Fold ``text`` and split it into tokens on anything that is not a letter or digit.

    >>> tokenize("ظریف: همکاری‌های «قفقاز ۲۰۲۰»")
    ['ظریف', 'همکاریهای', 'قفقاز', '2020']
    >>> tokenize("https://example.com/article/show/2955")
    ['https', 'example', 'com', 'article', 'show', '2955']
    """
    return _TOKEN_RE.findall(fold(text))
