"""A light stemmer for folded Persian and Arabic tokens, shared with search.js.

Search indexes each word twice: as written (folded) and as its stem, so `همکاری` finds
`همکاری‌های`, `تحریم` finds `تحریم‌ها`, `العلاقات` finds `وعلاقات` and `بالعلاقات`, while a query
word that matches exactly still ranks above one that only shares a stem. Affixes are data
(``data/stem.yaml``); names from the gazetteer are left whole. The JavaScript twin is
``themes/daftar/static/js/daftar-stem.js``; tests/daftar_text/test_stem.py checks they agree.
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "stem.yaml"


@functools.lru_cache(maxsize=None)
def rules() -> dict:
    with open(DATA, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def stem(token: str, protected: frozenset | set = frozenset()) -> str:
    """The stem of one folded token (unchanged when too short, numeric or protected).

    >>> stem("همکاریهای") == stem("همکاری")
    True
    >>> stem("العلاقات") == stem("وعلاقات") == stem("بالعلاقات")
    True
    >>> stem("تحریمها") == stem("تحریم")
    True
    >>> stem("ایران", protected={"ایران"})  # a gazetteer name stays whole
    'ایران'
    """
    r = rules()
    n = r["min_stem"]
    if token in protected or len(token) <= n or not token.isalpha():
        return token
    t = token
    for p in r["verb_prefixes"] + r["prefixes"]:
        if t.startswith(p) and len(t) - len(p) >= n:
            t = t[len(p):]
            break
    for _ in range(2):
        if t in protected:  # reached a name (الإيراني -> ایران): stop there
            break
        for s in r["suffixes"]:
            if t.endswith(s) and len(t) - len(s) >= n:
                t = t[: -len(s)]
                break
        else:
            break
    return t


@functools.lru_cache(maxsize=1 << 15)
def stem_word(token: str, protected: frozenset = frozenset()) -> str:
    """stem(), remembered: for the per-token loops, where the same words come again and again
    (``protected`` must be a frozenset; it keeps its hash, so a lookup does not rehash it).

    >>> stem_word("همکاریهای") == stem("همکاریهای")
    True
    """
    return stem(token, protected)
