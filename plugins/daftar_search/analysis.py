"""Per-document search analysis: what the index writer needs of one article, and nothing else.

:func:`analyse` is pure and JSON-plain, so it can run once per seed in a worker process and be
cached on disk; the collection-level writer (:mod:`daftar_search.writer`) then never sees an
article's text. It reproduces exactly what lunr.py's ``Builder.add`` computes with our pipeline
(``daftar-normalise`` then ``daftar-stem``, see :mod:`daftar_search.index`), so the written
index scores like a lunr.py-built one:

* lunr's tokenizer: the field string lower-cased, split on lunr.py's separators (space, tab,
  newlines, form feed, vertical tab, no-break space, hyphen); each piece keeps its
  ``[start, length]`` in the lower-cased string (lunr's "position");
* ``daftar-normalise``: each piece folded and split into tokens (:func:`daftar_text.fold.tokenize`);
* ``daftar-stem``: each token, then its stem when different (one-word gazetteer names are never
  stemmed: ``protected``);
* term frequencies per field, field lengths (number of terms after the pipeline), and the order
  in which terms first occur (fields in :data:`FIELDS` order): lunr.py numbers terms in that
  order, and the writer must too for scores to agree to the last bit.

``protected`` must not depend on the collection: pass every one-word name of the gazetteer
(:func:`protected_names`), known before any article is read.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from daftar_text.fold import tokenize
from daftar_text.stem import stem

from .varint import varint

#: Bump when the analysis changes (cached analyses of another version must be recomputed).
ANALYSIS_VERSION = 2

#: Fields and boosts, in lunr's field order. "entities" holds every name (fa, ar, en) of the
#: entities an article mentions, so a query in one language's spelling also finds articles that
#: write the name in the other; its low boost ranks such matches below the article's own words.
FIELDS: tuple[tuple[str, float], ...] = (("title", 10), ("lead", 2), ("text", 1), ("meta", 1), ("entities", 0.3))
FIELD_NAMES: tuple[str, ...] = tuple(name for name, _ in FIELDS)
#: Fields whose term positions the phrase check reads (search.js checks title, lead and text).
POSITION_FIELDS: tuple[str, ...] = ("title", "lead", "text")

#: lunr.py's tokenizer separators (lunr.tokenizer.SEPARATOR_CHARS); the index is built in
#: Python, so these, not lunr.js's ``/[\s\-]+/``, define the pieces and their positions.
SEPARATORS = " \t\n\r\f\v\xa0-"
_PIECE_RE = re.compile("[^" + re.escape(SEPARATORS) + "]+")


@functools.lru_cache(maxsize=1 << 16)
def _fold_tokens(piece: str) -> tuple[str, ...]:
    return tuple(tokenize(piece))


@functools.lru_cache(maxsize=1 << 17)
def _terms(token: str, protected: frozenset[str]) -> tuple[str, ...]:
    s = stem(token, protected)
    return (token,) if s == token else (token, s)


def _deltas(flat: list[int]) -> list[int]:
    """[start, length, start, length, ...] with each start written as the step from the last."""
    out, prev = list(flat), 0
    for k in range(0, len(out), 2):
        out[k], prev = out[k] - prev, out[k]
    return out


def pieces(text: str) -> list[tuple[int, str]]:
    """lunr's whitespace tokens of a field: ``(start, piece)`` in the lower-cased string.

    >>> pieces("Ab-cd  ef")
    [(0, 'ab'), (3, 'cd'), (7, 'ef')]
    """
    return [(m.start(), m.group()) for m in _PIECE_RE.finditer(str(text).lower())]


def analyse(doc: dict, protected: frozenset[str] = frozenset()) -> dict:
    """The analysis of one document for the index writer (JSON-plain).

    ``doc`` = {"id", "title", "lead", "text", "meta", "entities"} (strings; missing = empty).
    Returns::

        {"id": str, "version": ANALYSIS_VERSION,
         "terms": [term, ...],              # distinct terms, in first-occurrence order
         "fields": {field: {"length": int,  # terms after the pipeline (lunr's field length)
                            "tf": [[i, n], ...],            # i indexes "terms"
                            "positions": [[i, count, varint], ...]}}}

    "positions" (lunr's position metadata, in token order: ``count`` pairs ``[start, length]``
    written as :func:`~daftar_search.varint.varint` of ``startDelta, length, ...``, the start
    deltas within the field) is present for :data:`POSITION_FIELDS` only.

    >>> a = analyse({"id": "x", "title": "همکاری‌های ظریف", "text": "ظريف"}, frozenset({"ظریف"}))
    >>> a["terms"]
    ['همکاریهای', 'همکار', 'ظریف']
    >>> a["fields"]["title"]
    {'length': 3, 'tf': [[0, 1], [1, 1], [2, 1]], 'positions': [[0, 1, '0A'], [1, 1, '0A'], [2, 1, 'B4']]}
    >>> a["fields"]["text"]["tf"], a["fields"]["lead"]["length"]
    ([[2, 1]], 0)
    """
    protected = frozenset(protected)
    index: dict[str, int] = {}
    fields: dict[str, dict] = {}
    for name in FIELD_NAMES:
        value = doc.get(name) or ""
        tf: dict[int, int] = {}
        pos: dict[int, list[int]] | None = {} if name in POSITION_FIELDS else None
        length = 0
        for start, piece in pieces(value):
            for token in _fold_tokens(piece):
                for term in _terms(token, protected):
                    i = index.get(term)
                    if i is None:
                        i = index[term] = len(index)
                    tf[i] = tf.get(i, 0) + 1
                    length += 1
                    if pos is not None:
                        pos.setdefault(i, []).extend((start, len(piece)))
        entry: dict = {"length": length, "tf": [[i, n] for i, n in tf.items()]}
        if pos is not None:
            entry["positions"] = [[i, len(p) // 2, varint(_deltas(p))] for i, p in pos.items()]
        fields[name] = entry
    return {"id": str(doc["id"]), "version": ANALYSIS_VERSION, "terms": list(index), "fields": fields}


def protected_names(names: Iterable[str]) -> frozenset[str]:
    """The folded one-word names among ``names``: the words the stemmer leaves whole.

    Pass every name of every proper-name entity of the gazetteer (people, places,
    organisations: not topics, whose names are common words that must stem), so the set is known
    before any article is read.

    >>> sorted(protected_names(["ایران", "محمدجواد ظریف", "Iran", "ظريف"]))
    ['iran', 'ایران', 'ظریف']
    """
    out = set()
    for name in names:
        toks = tokenize(name)
        if len(toks) == 1:
            out.add(toks[0])
    return frozenset(out)
