"""Per-article features: everything the collection-level passes (related articles, same-story
clusters, entity candidates) need from one article, computed once and small enough to cache.

:func:`article_features` is pure and knows nothing of other articles, so a build can run it
in a worker per seed and keep the result on disk as JSON; the collection passes
(:mod:`daftar_links.related`, :mod:`daftar_links.clusters`, :mod:`daftar_links.candidates`)
read only these dicts. The dict (all JSON-plain):

``v``               :data:`FEATURES_VERSION` (a cache made by other code is not reused)
``lang``            the article's language
``entities``        ``{entity_id: [mentions, in_title, demonym_mentions]}`` (title included)
``order``           entity ids in order of first mention (title first)
``title_mentions``  ``[[entity_id, start, end, kind], ...]`` offsets into the title
``mentions``        one such list per paragraph, offsets into that paragraph (for linking)
``terms``           ``{stem: count}``: folded, stemmed words without function words, the
                    :data:`MAX_TERMS` most frequent (ties by stem) — the text profile's input
``signature``       :data:`SIGNATURE_BINS` unsigned 32-bit ints: a one-permutation MinHash
                    of the word 3-shingles (folded words), for near-duplicate detection;
                    ``[]`` when the text has fewer words than a shingle
``n_words``         folded words in title + paragraphs
``candidates``      name-like phrases for the curator's tool (:mod:`daftar_links.candidates`)
"""
from __future__ import annotations

import hashlib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from daftar_text.fold import tokenize
from daftar_text.stem import stem_word

from .candidates import MAX_PER_ARTICLE, phrase_candidates

FEATURES_VERSION = 1
MAX_TERMS = 200
SHINGLE = 3
SIGNATURE_BINS = 64  # a power of two: the bin is the hash's top bits
_BIN_SHIFT = 64 - (SIGNATURE_BINS.bit_length() - 1)
_EMPTY = 0xFFFFFFFF
STOPWORDS_PATH = Path(__file__).with_name("stopwords.yaml")


@lru_cache(maxsize=2)
def stopwords(path: str | Path = STOPWORDS_PATH) -> dict[str, frozenset]:
    """Folded function words per language (``stopwords.yaml``).

    >>> "که" in stopwords()["fa"] and "الذی" in stopwords()["ar"]
    True
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return {lang: frozenset(t for w in words for t in tokenize(str(w))) for lang, words in data.items()}


def _protected(matcher) -> frozenset:
    """Words of gazetteer names: stemmed whole, as search does (ایران stays ایران)."""
    cached = getattr(matcher, "_daftar_name_words", None)
    if cached is None:
        cached = frozenset(w for e in matcher.gazetteer.entities.values() for names in e.names.values()
                           for n in names for w in tokenize(n))
        matcher._daftar_name_words = cached
    return cached


def term_counts(tokens: list[str], lang: str, protected: frozenset = frozenset(),
                limit: int = MAX_TERMS) -> dict[str, int]:
    """Stem counts of folded ``tokens`` without function words, digits and one-letter words;
    the ``limit`` most frequent, ties by stem.

    >>> term_counts(["و", "همکاریهای", "همکاری", "نظامی", "2020"], "fa")
    {'همکار': 2, 'نظام': 1}
    """
    stop = stopwords().get(lang, frozenset())
    c = Counter(stem_word(t, protected) for t in tokens if len(t) > 1 and t not in stop and not t.isdigit())
    return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def signature(tokens: list[str], k: int = SHINGLE) -> list[int]:
    """One-permutation MinHash of the word ``k``-shingles, densified by rotation.

    Each shingle is hashed once (blake2b: the same value in every process and on every
    machine); its top bits choose a bin and the bin keeps its smallest low 32 bits. Empty
    bins borrow from the next full bin to the right, offset by the distance, so two signatures
    agree on a bin with probability ≈ the Jaccard similarity of the shingle sets.

    >>> a = signature("the wire story was carried by two papers on the same day".split())
    >>> b = signature("the wire story was carried by two papers on the next day".split())
    >>> len(a), a == signature("the wire story was carried by two papers on the same day".split())
    (64, True)
    >>> 0.4 < sum(x == y for x, y in zip(a, b)) / 64 < 1, signature(["two", "words"])
    (True, [])
    """
    if len(tokens) < k:
        return []
    bins = [_EMPTY] * SIGNATURE_BINS
    mask = _EMPTY
    for i in range(len(tokens) - k + 1):
        h = _hash64(" ".join(tokens[i:i + k]))
        b, v = h >> _BIN_SHIFT, h & mask
        if v < bins[b]:
            bins[b] = v
    full = [i for i, v in enumerate(bins) if v != _EMPTY]
    if len(full) < SIGNATURE_BINS:
        out = list(bins)
        for i in range(SIGNATURE_BINS):
            if bins[i] == _EMPTY:
                d = 1
                while bins[(i + d) % SIGNATURE_BINS] == _EMPTY:
                    d += 1
                out[i] = (bins[(i + d) % SIGNATURE_BINS] + d * 0x9E3779B1) & mask
        bins = out
    return bins


def article_features(title: str, paragraphs: list[str], lang: str, matcher) -> dict:
    """The features of one article (see the module docstring for the fields).

    >>> from daftar_links.gazetteer import parse_gazetteer
    >>> from daftar_links.matcher import Matcher
    >>> m = Matcher(parse_gazetteer([{"id": "russia", "type": "place", "names": {"ar": ["روسيا"]},
    ...                               "demonyms": {"ar": ["روسي"]}}]))
    >>> f = article_features("روسيا ترحب", ["قال وزير الخارجية الروسي إن روسيا ..."], "ar", m)
    >>> f["entities"], f["order"], f["mentions"]
    ({'russia': [3, 1, 1]}, ['russia'], [[['russia', 18, 24, 'demonym'], ['russia', 28, 33, 'name']]])
    """
    title_ms = matcher.find(title or "", lang=lang)
    para_ms = [matcher.find(p, lang=lang) for p in paragraphs]
    ents: dict[str, list[int]] = {}
    for n, ms in enumerate([title_ms] + para_ms):
        for m in ms:
            row = ents.setdefault(m.entity_id, [0, 0, 0])
            row[0] += 1
            row[1] = 1 if n == 0 else row[1]
            row[2] += m.kind == "demonym"
    tokens = tokenize(title or "") + [t for p in paragraphs for t in tokenize(p)]
    cands: list[list[str]] = []
    seen: set[str] = set()
    for text, ms in zip([title or ""] + list(paragraphs), [title_ms] + para_ms):
        for c in phrase_candidates(text, lang, [(m.start, m.end) for m in ms]):
            if c[0] not in seen and len(cands) < MAX_PER_ARTICLE:
                seen.add(c[0])
                cands.append(c)
    return {
        "v": FEATURES_VERSION,
        "lang": lang,
        "entities": ents,
        "order": list(ents),
        "title_mentions": [[m.entity_id, m.start, m.end, m.kind] for m in title_ms],
        "mentions": [[[m.entity_id, m.start, m.end, m.kind] for m in ms] for ms in para_ms],
        "terms": term_counts(tokens, lang, _protected(matcher)),
        "signature": signature(tokens),
        "n_words": len(tokens),
        "candidates": cands,
    }


def legacy_features(lang: str, entities: list[str], tokens: list[str]) -> dict:
    """Features from the old record shape (entity ids, folded tokens) for callers that have
    not moved to :func:`article_features`: every entity counts once and as prominent.

    >>> f = legacy_features("fa", ["iran"], ["ایران", "و", "روسیه", "همکاری"])
    >>> f["entities"], sorted(f["terms"])
    ({'iran': [2, 1, 0]}, ['ایر', 'روس', 'همکار'])
    """
    return {"v": FEATURES_VERSION, "lang": lang, "entities": {e: [2, 1, 0] for e in dict.fromkeys(entities)},
            "order": list(dict.fromkeys(entities)), "title_mentions": [], "mentions": [],
            "terms": term_counts(list(tokens), lang), "signature": signature(list(tokens)),
            "n_words": len(tokens), "candidates": []}


