"""The collection-level search index writer: lunr's scoring, written as small static files.

It reads per-document analyses (:func:`daftar_search.analysis.analyse`), never the articles, and
writes ``data/search/`` for the search page (``themes/daftar/static/js/daftar-index.js``):

``manifest.js``
    ``daftarData("manifest", {...})``: format version, document count, lunr's fields and
    pipeline, the shard keys (with each shard's gzip size and term count), the folding tables
    and stemmer rules the JS needs (:func:`daftar_text.tables.for_js`, ``stem.yaml``), the
    protected names, the filter vocabularies (languages, outlets, entities, years) and the query
    limits. A few KB gzip at 10,000 articles.
``s/<n>.js`` (term shards)
    The terms of one contiguous range of the sorted vocabulary, each as
    ``[term, termIndex, title, lead, text, meta, entities]``; a field is ``0`` when the term is
    not in it, else a flat list ``[rankDelta, score, rankDelta, score, ...]`` where ``rank`` is
    the document number (documents numbered by sorted id) and ``score`` = 1000 × lunr's
    field-vector entry (lunr rounds it to 3 decimals). Every term of the index is in exactly one
    shard; a prefix query needs a contiguous run of shards.
``p/<n>.js`` (position shards, fetched for phrases only)
    The same terms' lunr positions in title, lead and text:
    ``[term, title, lead, text]``, a field a flat list ``[rankDelta, count, startDelta,
    length, ...]`` (start deltas within one document's field).
``d/<rank>.js`` (result data, one document a file)
    The result card (id, title, lang, url, date, date_display, outlet, entities, title_source)
    and the snippet source (``text``: the first :data:`SNIPPET_CHARS` characters, ``n``; the
    text runs on to the end of the piece lunr cut, so positions computed from it are lunr's).
``c/<column>.js`` and ``e/<k>.js`` (filters and sort, fetched when used)
    One value per document rank: ``lang`` (index into the manifest's langs), ``year`` (or
    null), ``date`` (rank of the date string, -1 undated: newest first is largest first),
    ``outlet`` (index, -1 none); ``e/<k>.js`` the ranks (deltas) of the documents mentioning
    entity ``k`` of the manifest.

Why this scores exactly like one lunr index: lunr.js 2.3.9 scores a document as
dot(query vector, field vector) / |query vector| per field. The query vector depends only on the
query's terms and their ``termIndex``; the dot product reads only the field vector's entries
for those terms. A partial ``lunr.Index`` holding the postings and field-vector entries of the
query's terms (assembled by daftar-index.js) therefore returns the same documents with the same
scores. Term indexes, idf, average field lengths and the rounding follow lunr.py's ``Builder``
operation for operation, so the floats are the same to the last bit
(tests/daftar_search/test_equivalence.py compares them with a lunr.py-built index).

Memory: postings are kept in flat ``array`` columns (term, field, tf: 9 bytes a posting), the
positions are spooled to a temporary file and regrouped shard range by shard range, the snippet
texts are written as they stream in. The result does not depend on the input order.
"""
from __future__ import annotations

import gzip
import json
import logging
import math
import os
import shutil
import tempfile
from array import array
from collections.abc import Iterable
from pathlib import Path

from daftar_text import tables
from daftar_text.stem import rules as stem_rules

from .analysis import ANALYSIS_VERSION, FIELDS, FIELD_NAMES, POSITION_FIELDS, SEPARATORS

logger = logging.getLogger(__name__)

#: Format of the files under data/search/ (daftar-index.js checks it).
FORMAT = 1
#: lunr's pipeline labels, saved with the index (search pipeline).
PIPELINE = ["daftar-normalise", "daftar-stem"]
#: lunr.py's Builder defaults (BM25 saturation and length normalisation).
K1, B = 1.2, 0.75
#: Characters of each article's text shipped for result snippets.
SNIPPET_CHARS = 6000
#: Aim for term shards of about this many gzip bytes (a shard holding one big term is bigger).
SHARD_BYTES = 12_000
#: Query limits the page enforces (shown to readers when they apply).
LIMITS = {"chars": 300, "terms": 12, "prefix_min": 2, "prefix_bytes": 400_000, "prefix_terms": 4000,
          "page": 10}

_BOOST = dict(FIELDS)
_SPOOL_PASS_INTS = 1_000_000  # positions regrouped per range of shards (4 MB of ints)


def utf16_key(s: str) -> bytes:
    """Sort key matching JavaScript's string order (UTF-16 code units), so Python and the page
    agree on shard ranges."""
    return s.encode("utf-16-be", "surrogatepass")


def _js(name: str, obj) -> bytes:
    """``daftarData(name, obj);`` with markup characters escaped: inert even if mis-served."""
    payload = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"daftarData({json.dumps(name)},{payload});\n".encode("utf-8")


def _snippet(text: str) -> tuple[str, int]:
    """The snippet source: ``SNIPPET_CHARS`` characters, plus the rest of a piece cut there."""
    n = min(len(text), SNIPPET_CHARS)
    end = n
    while end < len(text) and end < n + 200 and text[end] not in SEPARATORS:
        end += 1
    return text[:end], n


def _separator_keys(first_terms: list[str], last_terms: list[str]) -> list[str]:
    """Shard i's key: the shortest prefix of its first term above shard i-1's last term."""
    keys = [""]
    for first, prev_last in zip(first_terms[1:], last_terms[:-1]):
        pk = utf16_key(prev_last)
        for n in range(1, len(first) + 1):
            if utf16_key(first[:n]) > pk:
                keys.append(first[:n])
                break
    return keys


class _Out:
    """Writes files under the output folder and counts them."""

    def __init__(self, root: Path):
        self.root = root
        self.files = 0
        self.bytes = 0
        self.gzip_bytes = 0

    def write(self, rel: str, data: bytes, gz: bool = False) -> int:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)
        if gz:
            g = len(gzip.compress(data, 6, mtime=0))
            self.gzip_bytes += g
            return g
        return 0


def write_index(out_dir: Path, analyses: Iterable[dict], cards: Iterable[dict],
                snippets: Iterable[tuple[str, str]], *, protected: Iterable[str] = (),
                shard_bytes: int = SHARD_BYTES) -> dict:
    """Write the sharded search index of a collection into ``out_dir`` (``data/search``).

    ``analyses``: one :func:`~daftar_search.analysis.analyse` result per document; ``cards``:
    one dict per document (id, title, lang, url, date, date_display, outlet, entities,
    title_source); ``snippets``: ``(id, text)`` pairs (the article's text). They are consumed in
    that order, each once. ``protected``: the names the stemmer left whole (the page stems
    queries with the same set). A document missing from ``cards`` is left out with a warning.

    Returns a summary: documents, terms, shards, files, bytes, and ``facets`` (outlets, entity
    ids, years, langs) for the search form's options.
    """
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out = _Out(out_dir)
    nf = len(FIELD_NAMES)
    field_no = {name: i for i, name in enumerate(FIELD_NAMES)}
    pos_field_no = [field_no[f] for f in POSITION_FIELDS]

    # -- 1. analyses -> flat posting columns (doc-major), positions spooled to disk ------------
    ids: list[str] = []
    seen: set[str] = set()
    term_id: dict[str, int] = {}
    post_off = array("q", [0])
    post_tid, post_field, post_tf = array("i"), array("b"), array("i")
    lengths = array("i")
    out_dir.mkdir(parents=True)
    spool = tempfile.TemporaryFile()
    spool_ints = 0
    for a in analyses:
        if a.get("version") != ANALYSIS_VERSION:
            raise ValueError(f"daftar_search: analysis of {a.get('id')!r} has version "
                             f"{a.get('version')!r}, expected {ANALYSIS_VERSION}")
        doc_id = a["id"]
        if doc_id in seen:
            raise ValueError(f"daftar_search: document id {doc_id!r} analysed twice")
        seen.add(doc_id)
        d = len(ids)
        ids.append(doc_id)
        local = [term_id.setdefault(t, len(term_id)) for t in a["terms"]]
        for name in FIELD_NAMES:
            f = a["fields"][name]
            lengths.append(f["length"])
            fno = field_no[name]
            for i, n in f["tf"]:
                post_tid.append(local[i])
                post_field.append(fno)
                post_tf.append(n)
            if name in POSITION_FIELDS:
                for i, plist in f.get("positions", ()):
                    rec = array("i", [d, local[i], fno, len(plist)])
                    rec.extend(plist)
                    rec.tofile(spool)
                    spool_ints += len(rec)
        post_off.append(len(post_tid))

    # -- 2. cards (small: kept), document ranks by sorted id -----------------------------------
    card_of: dict[str, dict] = {}
    for c in cards:
        card_of[str(c["id"])] = c
    missing = [i for i in ids if i not in card_of]
    if missing:
        logger.warning("daftar_search: %d analysed documents have no result card and are left out "
                       "of the search index (first: %s)", len(missing), missing[0])
    order = sorted((i for i in range(len(ids)) if ids[i] in card_of), key=lambda i: ids[i])
    n_docs = len(order)
    rank = array("i", [-1]) * len(ids)
    for r, d in enumerate(order):
        rank[d] = r

    # -- 3. lunr's term numbering, document frequencies, field lengths ------------------------
    n_terms = len(term_id)
    terms = [""] * n_terms
    for t, i in term_id.items():
        terms[i] = t
    del term_id
    term_index = array("i", [-1]) * n_terms
    df = array("i", [0]) * n_terms
    next_index = 0
    length_sum = [0] * nf
    for d in order:
        for j in range(post_off[d], post_off[d + 1]):
            t = post_tid[j]
            df[t] += 1
            if term_index[t] < 0:
                term_index[t] = next_index
                next_index += 1
        for f in range(nf):
            length_sum[f] += lengths[d * nf + f]
    avg = [(length_sum[f] / n_docs) if n_docs else 0 for f in range(nf)]
    used = [t for t in range(n_terms) if term_index[t] >= 0]

    # -- 4. term-major order (counting sort; documents in rank order within a term) ------------
    start = array("q", [0]) * (n_terms + 1)
    for t in range(n_terms):
        start[t + 1] = start[t] + df[t]
    fill = array("q", start)
    perm = array("i", [0]) * start[n_terms]
    post_doc_rank = array("i", [0]) * start[n_terms]
    for d in order:
        r = rank[d]
        for j in range(post_off[d], post_off[d + 1]):
            t = post_tid[j]
            k = fill[t]
            perm[k] = j
            post_doc_rank[k] = r
            fill[t] = k + 1
    del fill

    # -- 5. shards: contiguous ranges of the vocabulary in JS string order ---------------------
    used.sort(key=lambda t: utf16_key(terms[t]))
    est = [12 + 2 * len(terms[t]) + 3 * df[t] for t in used]
    groups: list[list[int]] = []
    cur: list[int] = []
    size = 0
    for t, e in zip(used, est):
        if cur and size + e > shard_bytes * 2.2:  # estimate is of raw bytes; gzip ≈ 1/2.2
            groups.append(cur)
            cur, size = [], 0
        cur.append(t)
        size += e
    if cur:
        groups.append(cur)
    keys = _separator_keys([terms[g[0]] for g in groups], [terms[g[-1]] for g in groups])
    shard_of = array("i", [-1]) * n_terms
    for s, g in enumerate(groups):
        for t in g:
            shard_of[t] = s

    idf_cache: dict[int, float] = {}

    def score(t: int, f: int, tf: int, field_length: int) -> int:
        idf = idf_cache.get(t)
        if idf is None:
            x = (n_docs - df[t] + 0.5) / (df[t] + 0.5)
            idf = idf_cache[t] = math.log(1 + abs(x))
        s = (idf * ((K1 + 1) * tf)
             / (K1 * (1 - B + B * (field_length / avg[f])) + tf))
        s *= _BOOST[FIELD_NAMES[f]]
        return round(round(s, 3) * 1000)

    shard_gzip: list[int] = []
    for s, g in enumerate(groups):
        entries = []
        for t in g:
            flat: list[list[int]] = [[] for _ in range(nf)]
            last = [0] * nf
            for k in range(start[t], start[t + 1]):
                j = perm[k]
                f = post_field[j]
                r = post_doc_rank[k]
                flat[f].append(r - last[f])
                last[f] = r
                d = order[r]
                flat[f].append(score(t, f, post_tf[j], lengths[d * nf + f]))
            entries.append([terms[t], term_index[t], *[x or 0 for x in flat]])
        shard_gzip.append(out.write(f"s/{s}.js", _js(f"s/{s}", entries), gz=True))
    del perm, post_tid, post_field, post_tf, post_doc_rank

    # -- 6. position shards: the spool regrouped into a few shard ranges, then per shard ------
    pos_gzip = [0] * len(groups)
    for lo, hi, buf, recs in _regroup(spool, spool_ints, groups, shard_of, rank, df):
        by_term: dict[int, list[tuple[int, int, int, int]]] = {}
        for r, t, f, p, n in recs:
            by_term.setdefault(t, []).append((r, f, p, n))
        del recs
        for s in range(lo, hi):
            entries = []
            for t in groups[s]:
                trecs = sorted(by_term.pop(t, ()), key=lambda x: x[0])
                fields_out = []
                for f in pos_field_no:
                    flat: list[int] = []
                    last = 0
                    for r, ff, p, n in trecs:
                        if ff != f:
                            continue
                        flat += (r - last, n // 2)
                        last = r
                        prev = 0
                        for k in range(p, p + n, 2):
                            flat += (buf[k] - prev, buf[k + 1])
                            prev = buf[k]
                    fields_out.append(flat or 0)
                entries.append([terms[t], *fields_out])
            pos_gzip[s] = out.write(f"p/{s}.js", _js(f"p/{s}", entries), gz=True)
    spool.close()

    # -- 7. result data, one file per document, as the snippet texts stream in ----------------
    ranked_ids = [ids[d] for d in order]
    rank_of = {i: r for r, i in enumerate(ranked_ids)}
    written = bytearray(n_docs)
    for doc_id, text in snippets:
        r = rank_of.get(str(doc_id))
        if r is None or written[r]:
            continue
        written[r] = 1
        _write_doc(out, r, card_of[ranked_ids[r]], text or "")
    for r in range(n_docs):
        if not written[r]:
            _write_doc(out, r, card_of[ranked_ids[r]], "")

    # -- 8. filter and sort columns ------------------------------------------------------------
    ranked_cards = [card_of[i] for i in ranked_ids]
    langs = sorted({c.get("lang") or "" for c in ranked_cards})
    outlets = sorted({c["outlet"] for c in ranked_cards if c.get("outlet")})
    dates = sorted({c["date"] for c in ranked_cards if c.get("date")})
    date_rank = {x: i for i, x in enumerate(dates)}
    outlet_no = {x: i for i, x in enumerate(outlets)}
    lang_no = {x: i for i, x in enumerate(langs)}
    years = [int(c["date"][:4]) if c.get("date") else None for c in ranked_cards]
    columns = {
        "lang": [lang_no[c.get("lang") or ""] for c in ranked_cards],
        "year": years,
        "date": [date_rank[c["date"]] if c.get("date") else -1 for c in ranked_cards],
        "outlet": [outlet_no[c["outlet"]] if c.get("outlet") else -1 for c in ranked_cards],
    }
    for name, col in columns.items():
        out.write(f"c/{name}.js", _js(f"c/{name}", col), gz=True)
    entity_docs: dict[str, list[int]] = {}
    for r, c in enumerate(ranked_cards):
        for e in dict.fromkeys(c.get("entities") or ()):
            entity_docs.setdefault(e, []).append(r)
    entities = sorted(entity_docs)
    for k, e in enumerate(entities):
        rs = entity_docs[e]
        out.write(f"e/{k}.js", _js(f"e/{k}", [b - a for a, b in zip([0] + rs, rs)]), gz=True)
    outlet_langs = {}
    for c in ranked_cards:
        if c.get("outlet"):
            outlet_langs.setdefault(c["outlet"], set()).add(c.get("lang") or "")
    dated_years = [y for y in years if y is not None]

    # -- 9. the manifest ------------------------------------------------------------------------
    manifest = {
        "format": FORMAT, "lunr": "2.3.9", "documents": n_docs,
        "fields": list(FIELD_NAMES), "positionFields": list(POSITION_FIELDS), "pipeline": PIPELINE,
        "separators": SEPARATORS, "snippetChars": SNIPPET_CHARS,
        "shards": {"keys": keys, "gzip": shard_gzip, "terms": [len(g) for g in groups], "positionGzip": pos_gzip},
        "text": tables.for_js(), "stem": stem_rules(), "protected": sorted(set(protected)),
        "langs": langs, "outlets": outlets,
        "outletLangs": [sorted(lang_no[x] for x in outlet_langs[o]) for o in outlets],
        "entities": entities,
        "years": [min(dated_years), max(dated_years)] if dated_years else None,
        "limits": LIMITS,
    }
    manifest_gzip = out.write("manifest.js", _js("manifest", manifest), gz=True)
    summary = {
        "documents": n_docs, "terms": len(used), "shards": len(groups), "files": out.files,
        "bytes": out.bytes, "manifest_gzip": manifest_gzip,
        "largest_shard_gzip": max(shard_gzip, default=0),
        "facets": {"langs": langs, "outlets": outlets, "entities": entities,
                   "years": manifest["years"]},
    }
    logger.info("daftar_search: %d documents, %d terms in %d shards, %d files (%d bytes)",
                n_docs, len(used), len(groups), out.files, out.bytes)
    return summary


def _write_doc(out: _Out, r: int, card: dict, text: str) -> None:
    snippet, n = _snippet(text)
    keep = ("id", "title", "lang", "url", "date", "date_display", "outlet", "entities", "title_source")
    data = {k: card.get(k) for k in keep}
    data["text"] = snippet
    data["n"] = n
    out.write(f"d/{r}.js", _js(f"d/{r}", data))


def _records(buf: array, i: int = 0):
    """Walk the records (doc, term, field, n, n positions) of an int buffer from ``i``; yields
    (doc, term, field, start of positions, n) and finally the offset where it stopped."""
    end = len(buf)
    while i + 4 <= end:
        n = buf[i + 3]
        if i + 4 + n > end:
            break
        yield buf[i], buf[i + 1], buf[i + 2], i + 4, n
        i += 4 + n
    yield None, None, None, i, None


def _regroup(spool, spool_ints: int, groups, shard_of, rank, df):
    """The spooled positions, one contiguous range of shards at a time: yields
    (first shard, end shard, [(rank, term, field, positions)]). The spool is read once and
    split into a few temporary files (about _SPOOL_PASS_INTS ints each), each read once."""
    total = sum(df[t] for g in groups for t in g) or 1
    per_posting = spool_ints / total
    ranges, lo, acc = [], 0, 0.0
    for s, g in enumerate(groups):
        acc += per_posting * sum(df[t] for t in g)
        if acc > _SPOOL_PASS_INTS:
            ranges.append((lo, s + 1))
            lo, acc = s + 1, 0.0
    if lo < len(groups):
        ranges.append((lo, len(groups)))
    range_of = array("i", [0]) * len(groups)
    for k, (a, b) in enumerate(ranges):
        for s in range(a, b):
            range_of[s] = k
    parts = [tempfile.TemporaryFile() for _ in ranges]
    spool.flush()
    spool.seek(0)
    carry = array("i")
    while True:
        chunk = spool.read(1 << 24)
        buf = array("i", carry)
        buf.frombytes(chunk)
        stop = 0
        for d, t, f, p, n in _records(buf):
            if d is None:
                stop = p
                break
            if rank[d] >= 0:
                parts[range_of[shard_of[t]]].write(buf[p - 4:p + n].tobytes())
        carry = buf[stop:]
        if not chunk:
            break
    for (a, b), fh in zip(ranges, parts):
        fh.seek(0)
        buf = array("i")
        buf.frombytes(fh.read())
        fh.close()
        recs = [(rank[d], t, f, p, n) for d, t, f, p, n in _records(buf) if d is not None]
        yield a, b, buf, recs
