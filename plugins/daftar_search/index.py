"""The monolithic reference: one lunr index built with lunr.py's Builder, for lunr.js 2.3.9.

The site ships the sharded index of :mod:`daftar_search.writer` instead; this module is what it
is proved against (tests/daftar_search/test_equivalence.py) and measured against
(bench/bench_search.py), and it defines the pipeline functions under the labels the index
carries.

lunr.js's default trimmer deletes every Persian/Arabic letter and its stemmer is English, so
neither is used: the index pipeline is only ``daftar-normalise`` (letter folding and
punctuation splitting from :mod:`daftar_text.fold`), registered under the same label in
``themes/daftar/static/js/daftar-normalise.js``. The label travels in the serialised index;
lunr.js refuses to load an index whose pipeline label it does not know.
"""
from __future__ import annotations

import json

from lunr.builder import Builder
from lunr.pipeline import Pipeline

from daftar_text.fold import tokenize
from daftar_text.stem import rules as stem_rules
from daftar_text.stem import stem

LABEL = "daftar-normalise"
STEM_LABEL = "daftar-stem"
#: Folded gazetteer names: never stemmed (set by build_index for the collection being built).
PROTECTED: set[str] = set()


def normalise(token, i=None, tokens=None):
    """lunr pipeline function: one token in, its folded parts out (punctuation splits)."""
    parts = tokenize(str(token))
    return [token.clone(lambda _s, _m, p=p: p) for p in parts]


def stem_both(token, i=None, tokens=None):
    """lunr pipeline function: the word as written and, when different, its stem."""
    s = stem(str(token), PROTECTED)
    if s == str(token):
        return token
    return [token, token.clone(lambda _s, _m: s)]


if LABEL not in Pipeline.registered_functions:
    Pipeline.register_function(normalise, LABEL)
if STEM_LABEL not in Pipeline.registered_functions:
    Pipeline.register_function(stem_both, STEM_LABEL)


from .analysis import FIELDS  # noqa: E402  (one list of fields and boosts)


def build_index(docs: list[dict], protected: set[str] | frozenset = frozenset()) -> dict:
    """Serialised lunr index of ``docs`` (dicts with id, title, lead, text, meta).

    >>> idx = build_index([{"id": "a", "title": "ظریف در مسکو", "text": "ظريف", "lead": "", "meta": ""}])
    >>> idx["pipeline"]
    ['daftar-normalise', 'daftar-stem']
    >>> "ظریف" in dict(idx["invertedIndex"])
    True
    """
    PROTECTED.clear()
    PROTECTED.update(protected)
    builder = Builder()
    builder.pipeline.add(normalise, stem_both)
    builder.search_pipeline.add(normalise, stem_both)
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    builder.metadata_whitelist = ["position"]
    for doc in sorted(docs, key=lambda d: d["id"]):
        builder.add({k: doc.get(k) or "" for k in ("id", *(name for name, _ in FIELDS))})
    return builder.build().serialize()


def index_script(serialised: dict, docs: list[dict], protected=()) -> str:
    """The index, the result cards and the stemmer's data as one JS file (the former single
    file; bench/bench_search.py still serves it as the monolithic baseline)."""
    payload = json.dumps({"index": serialised, "docs": docs, "stem": stem_rules(),
                          "protected": sorted(protected)},
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # The file is loaded by src, so nothing in it can close a <script>; markup characters are
    # escaped anyway so the payload stays inert even if it is ever inlined or mis-served.
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return "window.DAFTAR_SEARCH=" + payload + ";\n"
