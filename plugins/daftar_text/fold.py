"""Letter folding and tokenising shared by search, entity matching and cleaning checks.

Persian and Arabic write the same words with different code points (ي/ی, ك/ک), with or
without hamza seats, harakat, tatweel and zero-width non-joiners, and with three digit
scripts. Search and entity matching must treat those spellings as one word, so both go
through :func:`fold` and :func:`tokenize`. The tables come from ``data/tables.yaml`` (see
:mod:`daftar_text.tables`); the JavaScript twin ``themes/daftar/static/js/daftar-normalise.js``
holds only the algorithm (NFKC, lower case, table, token regex) and receives the same tables in
the search manifest. ``tests/daftar_text/test_parity.py`` proves the two give identical output
over every code point of the Arabic blocks.

Folding is for *matching only*: it is never applied to text shown to readers.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from .tables import fold_table

#: Search-time folding table, built from the one data file (``data/tables.yaml``) by
#: :func:`daftar_text.tables.fold_table`. Keys are code points; a value of None deletes.
FOLD_TABLE: dict[int, str | None] = fold_table()

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


#: fold() of one word, remembered: a text's words repeat (most of an article's tokens are words
#: it has used before, and the archive's vocabulary is far smaller than its tokens), and folding
#: (NFKC, lower case, the table) is most of what the per-word loops of matching, credits and
#: language detection cost. For words only: a whole text is folded by fold().
fold_word = functools.lru_cache(maxsize=1 << 15)(fold)


def tokenize(text: str) -> list[str]:
    """Fold ``text`` and split it into tokens on anything that is not a letter or digit.

    >>> tokenize("ظریف: همکاری‌های «قفقاز ۲۰۲۰»")
    ['ظریف', 'همکاریهای', 'قفقاز', '2020']
    >>> tokenize("https://example.com/article/show/2955")
    ['https', 'example', 'com', 'article', 'show', '2955']
    """
    return _TOKEN_RE.findall(fold(text))
