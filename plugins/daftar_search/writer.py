"""The collection-level search index writer: lunr's scoring, written as small static files.

It reads per-document analyses (:func:`daftar_search.analysis.analyse`), never the articles, and
writes ``data/search/`` for the search page (``themes/daftar/static/js/daftar-index.js``):

``manifest.js``
    ``daftarData("manifest", {...})``: format version, document count, lunr's fields and
    pipeline, the shard keys (with each shard's size in bytes and term count), the folding tables
    and stemmer rules the JS needs (:func:`daftar_text.tables.for_js`, ``stem.yaml``), the
    protected names, the filter vocabularies (languages, outlets, entities, years) and the query
    limits. A few KB gzip at 10,000 articles.
``s/<n>.js`` (term shards)
    The terms of one contiguous range of the sorted vocabulary, each as
    ``[term, termIndex, title, lead, text, meta, entities]``; a field is ``0`` when the term is
    not in it, else a :func:`varint` string of ``rankDelta, score, rankDelta, score, ...`` where ``rank`` is
    the document number (documents numbered by sorted id) and ``score`` = 1000 × lunr's
    field-vector entry (lunr rounds it to 3 decimals). Every term of the index is in exactly one
    shard; a prefix query needs a contiguous run of shards. A *hub* term (``hub_df`` postings
    or more: lunr's document frequency, one per document field) is ``[term, termIndex, {df, n, w, b}]`` instead: its postings in impact
    order, in blocks (``h/<termIndex>.<i>.js``, the first inline), with the set of documents
    holding it, each with the number of its block, in ``m/<termIndex>.js`` and its positions by block in ``q/<termIndex>.<i>.js``
    (:func:`_hub`, :func:`_hub_positions`). The page fetches a hub term's blocks only
    as far as the top results need (daftar-index.js ``Sharded.search``), so a query of words in
    most articles costs a few KB, not their whole posting lists.
``p/<n>.js`` (position shards, fetched for phrases only)
    The same terms' lunr positions in title, lead and text (a hub term's are in its ``q/`` files):
    ``[term, title, lead, text]``, a field ``0`` or a :func:`varint` string of ``rankDelta,
    count, startDelta, length, ...`` (start deltas within one document's field).
``d/<rank>.js`` (result data, one document a file)
    The result card (id, title, lang, url, date, date_display, outlet, entities, title_source)
    and the head of the snippet source (``text``: the first :data:`SNIPPET_HEAD` characters,
    ``n``; the text runs on to the end of the piece lunr cut, so positions computed from it are
    lunr's). When the source (the first :data:`SNIPPET_CHARS` characters) is longer, ``more``
    is its ``n`` and ``d/<rank>.1.js`` holds the rest, a string: the page fetches it only for a
    result whose first match is not in the head.
``c/<column>.js`` and ``e/<k>.js`` (filters and sort, fetched when used)
    One value per document rank: ``lang`` (index into the manifest's langs), ``year`` (or
    null), ``date`` (rank of the date string, -1 undated: newest first is largest first),
    ``outlet`` (index, -1 none), as JSON lists; ``e/<k>.js`` a :func:`varint` string of the rank
    deltas of the documents mentioning entity ``k`` of the manifest.

Why this scores exactly like one lunr index: lunr.js 2.3.9 scores a document as
dot(query vector, field vector) / |query vector| per field. The query vector depends only on the
query's terms and their ``termIndex``; the dot product reads only the field vector's entries
for those terms. A partial ``lunr.Index`` holding the postings and field-vector entries of the
query's terms (assembled by daftar-index.js) therefore returns the same documents with the same
scores. Term indexes, idf, average field lengths and the rounding follow lunr.py's ``Builder``
operation for operation, so the floats are the same to the last bit
(tests/daftar_search/test_equivalence.py compares them with a lunr.py-built index).

Memory: the cards are read first (small; they fix every document's rank), then each posting
is kept in two per-term ``array`` columns (rank; field and tf: 6 bytes a posting, about 40 MB
at 10,000 generated articles), the positions are spooled to a temporary file and regrouped
shard range by shard range, the snippet texts are written as they stream in. The result does
not depend on the input order.
"""
from __future__ import annotations

import gzip
import json
import logging
import math
import os
import shutil
import struct
import tempfile
import time
from array import array
from collections.abc import Iterable
from pathlib import Path

from daftar_text import tables
from daftar_text.stem import rules as stem_rules

from .analysis import ANALYSIS_VERSION, FIELDS, FIELD_NAMES, POSITION_FIELDS, SEPARATORS
from .varint import DIGITS, varint

logger = logging.getLogger(__name__)

#: Format of the files under data/search/ (daftar-index.js checks it).
FORMAT = 3
#: lunr's pipeline labels, saved with the index (search pipeline).
PIPELINE = ["daftar-normalise", "daftar-stem"]
#: lunr.py's Builder defaults (BM25 saturation and length normalisation).
K1, B = 1.2, 0.75
#: Characters of each article's text shipped for result snippets ...
SNIPPET_CHARS = 6000
#: ... of them in the result file itself (the rest in a second file, fetched when needed).
SNIPPET_HEAD = 1200
#: Aim for term shards of about this many bytes (a shard holding one big term is bigger).
SHARD_BYTES = 24_000
#: Query limits the page enforces (shown to readers when they apply).
LIMITS = {"chars": 300, "terms": 12, "prefix_min": 2, "prefix_bytes": 600_000, "prefix_terms": 2000,
          "page": 10}

#: A term with at least this many postings (one per document field holding it: lunr's document
#: frequency) is a hub term: its postings are written in impact
#: order, in blocks (see the module docstring), so a query need not fetch them all.
HUB_DF = 256
#: Postings in a hub term's first block (inline in its shard); each next block is 4 times larger.
HUB_HEAD = 32
HUB_GROWTH = 4

_BOOST = dict(FIELDS)
_SPOOL_PASS_BYTES = 4_000_000  # spooled positions regrouped per range of shards
_HEAD = struct.Struct("<iiiii")  # first rank, term, field, count, bytes of varint
TF_MAX = (1 << 13) - 1  # term frequencies from here up are kept aside (13 bits in the column)


def utf16_key(s: str) -> bytes:
    """Sort key matching JavaScript's string order (UTF-16 code units), so Python and the page
    agree on shard ranges."""
    return s.encode("utf-16-be", "surrogatepass")


def _js(name: str, obj) -> bytes:
    """``daftarData(name, obj);`` with markup characters escaped: inert even if mis-served."""
    payload = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"daftarData({json.dumps(name)},{payload});\n".encode("utf-8")


def _snippet(text: str, chars: int = SNIPPET_CHARS) -> tuple[str, int]:
    """The snippet source: ``chars`` characters, plus the rest of a piece cut there."""
    n = min(len(text), chars)
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


class _Clock:
    """CPU seconds of the writer's phases (in the summary, for the build's debug log)."""

    def __init__(self):
        self.laps: dict[str, float] = {}
        self._at = time.process_time()

    def lap(self, name: str) -> None:
        now = time.process_time()
        self.laps[name] = round(now - self._at, 2)
        self._at = now


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
                shard_bytes: int = SHARD_BYTES, limits: dict | None = None,
                hub_df: int = HUB_DF, hub_head: int = HUB_HEAD) -> dict:
    """Write the sharded search index of a collection into ``out_dir`` (``data/search``).

    ``analyses``: one :func:`~daftar_search.analysis.analyse` result per document; ``cards``:
    one dict per document (id, title, lang, url, date, date_display, outlet, entities,
    title_source; a card whose ``entities`` is None or absent takes the analysis's
    ``entity_ids``); ``snippets``: ``(id, text)`` pairs (the article's text). Each is consumed
    once, ``cards`` first, then ``analyses``, then ``snippets``. ``protected``: the names the stemmer left whole (the page stems
    queries with the same set). A document without a card or without an analysis is left out
    with a warning.
    ``shard_bytes``: the size term shards aim at; ``limits``: overrides of :data:`LIMITS`;
    ``hub_df``: the document frequency from which a term's postings go in impact-ordered blocks;
    ``hub_head``: the postings of a hub term's first block.

    Returns a summary: documents, terms, shards, files, bytes, and ``facets`` (outlets, entity
    ids, years, langs) for the search form's options.
    """
    clock = _Clock()
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out = _Out(out_dir)
    nf = len(FIELD_NAMES)
    field_no = {name: i for i, name in enumerate(FIELD_NAMES)}
    pos_field_no = [field_no[f] for f in POSITION_FIELDS]

    # -- 1. cards (small: kept): every document's rank is its place in sorted-id order -------
    card_of: dict[str, dict] = {}
    for c in cards:
        card_of[str(c["id"])] = c
    carded = sorted(card_of)
    first_rank = {i: r for r, i in enumerate(carded)}

    # -- 2. analyses -> per-term posting columns (rank, field << 13 | tf), positions spooled --
    term_id: dict[str, int] = {}
    t_rank: list[array] = []   # per term: ranks of its postings
    t_ftf: list[array] = []    # per term: field << 13 | min(tf, TF_MAX) of its postings
    overflow: dict[tuple[int, int], int] = {}  # (term, posting) -> tf when tf >= TF_MAX
    first = array("q")         # per term: rank << 24 | place among the document's terms
    lengths = array("i", [0]) * (len(carded) * nf)
    analysed = bytearray(len(carded))
    no_card: list[str] = []
    out_dir.mkdir(parents=True)
    spool = tempfile.TemporaryFile()
    spool_bytes = 0
    pack = _HEAD.pack
    in_order, last_r = True, -1  # analyses in rank order: each term's postings are too
    for a in analyses:
        if a.get("version") != ANALYSIS_VERSION:
            raise ValueError(f"daftar_search: analysis of {a.get('id')!r} has version "
                             f"{a.get('version')!r}, expected {ANALYSIS_VERSION}")
        doc_id = str(a["id"])
        r = first_rank.get(doc_id)
        if r is None:
            no_card.append(doc_id)
            continue
        if analysed[r]:
            raise ValueError(f"daftar_search: document id {doc_id!r} analysed twice")
        analysed[r] = 1
        card = card_of[doc_id]
        if card.get("entities") is None:  # a card without its entities: the analysis names them
            card["entities"] = list(a.get("entity_ids") or ())
        if r < last_r:
            in_order = False
        last_r = r
        local = []
        for place, t in enumerate(a["terms"]):
            i = term_id.get(t)
            if i is None:
                i = term_id[t] = len(term_id)
                t_rank.append(array("i"))
                t_ftf.append(array("H"))
                first.append((r << 24) | place)
            elif not in_order:  # in rank order, a term's first document is the first seen
                key = (r << 24) | place
                if key < first[i]:
                    first[i] = key
            local.append(i)
        ranks_of = [t_rank[i] for i in local]
        codes_of = [t_ftf[i] for i in local]
        for name in FIELD_NAMES:
            f = a["fields"][name]
            fno = field_no[name]
            lengths[r * nf + fno] = f["length"]
            code = fno << 13
            for i, n in f["tf"]:
                if n >= TF_MAX:
                    overflow[(local[i], len(ranks_of[i]))] = n
                    n = TF_MAX
                ranks_of[i].append(r)
                codes_of[i].append(code | n)
            if name in POSITION_FIELDS:
                chunk = bytearray()
                for i, count, enc in f.get("positions", ()):
                    e = enc.encode("ascii")
                    chunk += pack(r, local[i], fno, count, len(e))
                    chunk += e
                spool.write(chunk)
                spool_bytes += len(chunk)
    if no_card:
        logger.warning("daftar_search: %d analysed documents have no result card and are left out "
                       "of the search index (first: %s)", len(no_card), no_card[0])
    # documents with a card but no analysis are left out too: final ranks close the gaps
    ranked_ids = [i for r, i in enumerate(carded) if analysed[r]]
    if len(ranked_ids) < len(carded):
        logger.warning("daftar_search: %d result cards have no analysis and are left out (first: %s)",
                       len(carded) - len(ranked_ids), next(i for r, i in enumerate(carded) if not analysed[r]))
    n_docs = len(ranked_ids)
    rank = array("i", [-1]) * len(carded)   # first rank -> final rank
    for r, i in enumerate(ranked_ids):
        rank[first_rank[i]] = r
    del first_rank

    clock.lap("postings")
    # -- 3. lunr's term numbering (first occurrence in rank order), field lengths --------------
    n_terms = len(term_id)
    terms = [""] * n_terms
    for t, i in term_id.items():
        terms[i] = t
    del term_id
    df = array("i", [len(x) for x in t_rank])
    term_index = array("i", [-1]) * n_terms
    for k, t in enumerate(sorted(range(n_terms), key=first.__getitem__)):
        term_index[t] = k
    del first
    length_sum = [0] * nf
    for r0 in range(len(carded)):
        if analysed[r0]:
            for f in range(nf):
                length_sum[f] += lengths[r0 * nf + f]
    avg = [(length_sum[f] / n_docs) if n_docs else 0 for f in range(nf)]
    used = list(range(n_terms))

    # -- 4. shards: contiguous ranges of the vocabulary in JS string order ---------------------
    used.sort(key=lambda t: utf16_key(terms[t]))
    groups: list[list[int]] = []
    cur: list[int] = []
    size = 0
    for t in used:
        e = 12 + 2 * len(terms[t]) + 2 * df[t]  # raw bytes, roughly (2 varint digits a posting)
        if cur and size + e > shard_bytes:
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

    # lunr.py's field-vector entry, operation for operation (see the module docstring): the
    # length normalisation of each document field once, then per posting
    # round(round(idf * (k1 + 1) * tf / (norm + tf) * boost, 3) * 1000)
    k1_plus_1 = K1 + 1
    norms = array("d", [0.0]) * len(lengths)
    for j, field_length in enumerate(lengths):
        a = avg[j % nf]
        if a:
            norms[j] = K1 * (1 - B + B * (field_length / a))
    boosts = [_BOOST[name] for name in FIELD_NAMES]

    shard_size: list[int] = []
    hub_blocks: dict[int, list[array]] = {}  # hub term -> its blocks' ranks (for positions)
    for s, g in enumerate(groups):
        entries = []
        for t in g:
            x = (n_docs - df[t] + 0.5) / (df[t] + 0.5)
            idf = math.log(1 + abs(x))
            ra, fa = t_rank[t], t_ftf[t]
            ks = range(len(ra))
            if not in_order:  # analyses came out of rank order: a term's postings by rank
                ks = sorted(ks, key=ra.__getitem__)
            hub = df[t] >= hub_df
            # hub: one row per document (its postings are consecutive, fields in order)
            docs, big_w, masks, weights = [], [], [], []
            flat: list[list[int]] = [[] for _ in range(nf)]
            last = [0] * nf
            prev = -1
            for k in ks:
                r0 = ra[k]
                code = fa[k]
                f = code >> 13
                tf = code & TF_MAX
                if tf == TF_MAX:
                    tf = overflow.get((t, k), tf)
                v = idf * (k1_plus_1 * tf) / (norms[r0 * nf + f] + tf)
                v *= boosts[f]
                w = round(round(v, 3) * 1000)
                r = rank[r0]
                if hub:
                    if r != prev:
                        docs.append(r)
                        big_w.append(w)
                        masks.append(1 << f)
                        weights.append([w])
                        prev = r
                    else:
                        big_w[-1] += w
                        masks[-1] |= 1 << f
                        weights[-1].append(w)
                    continue
                flat[f] += (r - last[f], w)
                last[f] = r
            if hub:
                entry, hub_blocks[t] = _hub(out, term_index[t], docs, big_w, masks, weights, n_docs, hub_head)
                entries.append([terms[t], term_index[t], entry])
            else:
                entries.append([terms[t], term_index[t], *[varint(x) if x else 0 for x in flat]])
        data = _js(f"s/{s}", entries)
        shard_size.append(len(data))
        out.write(f"s/{s}.js", data)
    del t_rank, t_ftf

    clock.lap("shards")
    # -- 5. position shards: the spool regrouped into a few shard ranges, then per shard ------
    unpack, head_size = _HEAD.unpack_from, _HEAD.size
    for lo, hi, buf in _regroup(spool, spool_bytes, groups, shard_of, df):
        by_term: dict[int, list[int]] = {}  # term -> offsets of its records in buf
        i, end = 0, len(buf)
        while i < end:
            _r0, t, _f, _count, n = unpack(buf, i)
            at = by_term.get(t)
            if at is None:
                by_term[t] = [i]
            else:
                at.append(i)
            i += head_size + n
        for s in range(lo, hi):
            entries = []
            for t in groups[s]:
                at = by_term.pop(t, [])
                if not in_order:
                    at.sort(key=lambda i: rank[unpack(buf, i)[0]])
                if t in hub_blocks:  # by block, beside the postings: q/<termIndex>.<i>.js
                    _hub_positions(out, term_index[t], hub_blocks.pop(t), at, buf, pos_field_no, rank)
                    continue
                entries.append([terms[t], *_positions(at, buf, pos_field_no, rank)])
            out.write(f"p/{s}.js", _js(f"p/{s}", entries))
        del buf, by_term
    spool.close()

    clock.lap("positions")
    # -- 7. result data, one file per document, as the snippet texts stream in ----------------
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

    clock.lap("documents")
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
        out.write(f"c/{name}.js", _js(f"c/{name}", col))
    entity_docs: dict[str, list[int]] = {}
    for r, c in enumerate(ranked_cards):
        for e in dict.fromkeys(c.get("entities") or ()):
            entity_docs.setdefault(e, []).append(r)
    entities = sorted(entity_docs)
    for k, e in enumerate(entities):
        rs = entity_docs[e]
        out.write(f"e/{k}.js", _js(f"e/{k}", varint(b - a for a, b in zip([0] + rs, rs))))
    outlet_langs = {}
    for c in ranked_cards:
        if c.get("outlet"):
            outlet_langs.setdefault(c["outlet"], set()).add(c.get("lang") or "")
    dated_years = [y for y in years if y is not None]

    # -- 9. the manifest ------------------------------------------------------------------------
    manifest = {
        "format": FORMAT, "lunr": "2.3.9", "documents": n_docs, "hubDf": hub_df,
        "fields": list(FIELD_NAMES), "positionFields": list(POSITION_FIELDS), "pipeline": PIPELINE,
        "separators": SEPARATORS, "snippetChars": SNIPPET_CHARS,
        "shards": {"keys": keys, "bytes": shard_size, "terms": [len(g) for g in groups]},
        "text": tables.for_js(), "stem": stem_rules(), "protected": sorted(set(protected)),
        "langs": langs, "outlets": outlets,
        "outletLangs": [sorted(lang_no[x] for x in outlet_langs[o]) for o in outlets],
        "entities": entities,
        "years": [min(dated_years), max(dated_years)] if dated_years else None,
        "limits": dict(LIMITS, **(limits or {})),
    }
    manifest_gzip = out.write("manifest.js", _js("manifest", manifest), gz=True)
    clock.lap("columns and manifest")
    summary = {
        "documents": n_docs, "terms": len(used), "shards": len(groups), "files": out.files,
        "bytes": out.bytes, "manifest_gzip": manifest_gzip,
        "largest_shard_bytes": max(shard_size, default=0),
        "cpu_seconds": clock.laps,
        "facets": {"langs": langs, "outlets": outlets, "entities": entities,
                   "years": manifest["years"]},
    }
    logger.info("daftar_search: %d documents, %d terms in %d shards, %d files (%d bytes)",
                n_docs, len(used), len(groups), out.files, out.bytes)
    return summary


def _hub(out: _Out, ti: int, docs: list[int], big_w: list[int], masks: list[int],
         weights: list[list[int]], n_docs: int, head: int) -> tuple[dict, list[array]]:
    """A hub term's postings in impact order: its shard entry (returned with the sorted ranks of
    each block, for :func:`_hub_positions`), and its block and membership files.

    One row per document holding the term, in rank order: ``docs`` its rank, ``big_w`` its W,
    the sum of the document's field weights for the term (what the term adds to a query's
    score, times the query's boost of it, before lunr's division by the query vector's length),
    ``masks`` the fields holding it (bit f for field f), ``weights`` its weight in each of those
    fields in field order. Documents are sorted by W (largest first, then rank) and cut in
    blocks of ``head``, ×HUB_GROWTH, ... postings; a block is written in rank order
    (``rankDelta, fieldMask, weight per field in the mask, ...``), block 0 inline, block i in
    ``h/<termIndex>.<i>.js``. ``w`` lists each block's largest W: no posting of
    block ``i`` has more than ``w[i]``.
    ``m/<termIndex>.js``, the block index: ``[0, rank deltas of the documents holding the
    term, ...]`` (or ``[1, ...]`` of those not holding it, when that list is shorter), then the
    rank deltas of each block's documents but the first (inline) and the last (the rest): so
    the page knows which documents hold the term and in which block, and bounds each one's W
    by its own block's largest before reading that block (it reads only the blocks its top
    results need).
    """
    top = max(big_w, default=0)
    shift = max(n_docs, 1).bit_length()
    keys = [((top - w) << shift) | r for w, r in zip(big_w, docs)]  # W descending, then rank
    order = sorted(range(len(docs)), key=keys.__getitem__)
    sizes, maxes, blocks, block_ranks = [], [], [], []
    at, size = 0, head
    while at < len(order):
        block = sorted(order[at:at + size])  # row numbers: rank order
        maxes.append(big_w[order[at]])
        sizes.append(len(block))
        flat: list[int] = []
        last = 0
        for i in block:
            r = docs[i]
            flat += (r - last, masks[i])
            flat += weights[i]
            last = r
        blocks.append(varint(flat))
        block_ranks.append(array("i", [docs[i] for i in block]))
        at += size
        size *= HUB_GROWTH
    for i, enc in enumerate(blocks[1:], 1):
        out.write(f"h/{ti}.{i}.js", _js(f"h/{ti}.{i}", enc))
    if 2 * len(docs) > n_docs:
        held = bytearray(n_docs)
        for r in docs:
            held[r] = 1
        flag, ranks = 1, [r for r in range(n_docs) if not held[r]]
    else:
        flag, ranks = 0, docs
    middle = [_deltas_of(rs) for rs in block_ranks[1:-1]]
    out.write(f"m/{ti}.js", _js(f"m/{ti}", [flag, _deltas_of(ranks), middle]))
    return {"df": len(docs), "n": sizes, "w": maxes, "b": blocks[0]}, block_ranks


def _deltas_of(ranks) -> str:
    """Sorted ranks as the :func:`varint` of their differences (the first from 0)."""
    return varint(b - a for a, b in zip([0, *ranks], ranks))


def _hub_positions(out: _Out, ti: int, blocks: list[array], at: list[int], buf: bytes,
                   pos_field_no: list[int], rank: array) -> None:
    """A hub term's positions, cut in the blocks of its postings: ``q/<termIndex>.<i>.js`` holds
    those of block ``i``'s documents, in the format of the position shards (``[title, lead,
    text]``, each ``0`` or ``rankDelta, count, startDelta, length, ...``). A phrase reads a
    document's positions when it has read that document's postings, so the page ranks a phrase
    best-first too (daftar-index.js ``Sharded.search``). ``at``: the offsets in ``buf`` of the
    term's spool records, in rank order."""
    block_of = {}
    for i, rs in enumerate(blocks):
        for r in rs:
            block_of[r] = i
    by_block: list[list[int]] = [[] for _ in blocks]
    unpack = _HEAD.unpack_from
    for i in at:  # in rank order, so each block's records are too
        by_block[block_of[rank[unpack(buf, i)[0]]]].append(i)
    for i, recs in enumerate(by_block):
        out.write(f"q/{ti}.{i}.js", _js(f"q/{ti}.{i}", _positions(recs, buf, pos_field_no, rank)))


_DIGIT_BYTES = [d.encode("ascii") for d in DIGITS[:32]]


def _positions(at: list[int], buf: bytes, pos_field_no: list[int], rank: array) -> list:
    """One term's positions, a field at a time: ``0`` or the varint string ``rankDelta, count,
    startDelta, length, ...``. ``at``: the offsets in ``buf`` of the term's spool records
    (first rank, term, field, count, bytes, then the position varints), in rank order."""
    slot = {f: j for j, f in enumerate(pos_field_no)}
    parts: list[list[bytes]] = [[] for _ in pos_field_no]
    last = [0] * len(pos_field_no)
    unpack, size, one = _HEAD.unpack_from, _HEAD.size, _DIGIT_BYTES
    for i in at:
        r0, _t, f, count, n = unpack(buf, i)
        j = slot[f]
        r = rank[r0]
        d = r - last[j]
        last[j] = r
        out = parts[j]
        out.append(one[d] if d < 32 else varint((d,)).encode("ascii"))
        out.append(one[count] if count < 32 else varint((count,)).encode("ascii"))
        out.append(buf[i + size:i + size + n])
    return [b"".join(x).decode("ascii") or 0 for x in parts]


def _write_doc(out: _Out, r: int, card: dict, text: str) -> None:
    snippet, n = _snippet(text)
    head, head_n = _snippet(snippet, SNIPPET_HEAD)
    keep = ("id", "title", "lang", "url", "date", "date_display", "outlet", "entities", "title_source")
    data = {k: card.get(k) for k in keep}
    data["text"] = head
    data["n"] = head_n
    if len(head) < len(snippet):
        data["more"] = n
        out.write(f"d/{r}.1.js", _js(f"d/{r}.1", snippet[len(head):]))
    out.write(f"d/{r}.js", _js(f"d/{r}", data))


def _regroup(spool, spool_bytes: int, groups, shard_of, df):
    """The spooled positions, one contiguous range of shards at a time: yields
    (first shard, end shard, buffer of their spool records). The spool is read
    once and split into a few temporary files (about _SPOOL_PASS_BYTES each), each read once."""
    total = sum(df[t] for g in groups for t in g) or 1
    per_posting = spool_bytes / total
    ranges, lo, acc = [], 0, 0.0
    for s, g in enumerate(groups):
        acc += per_posting * sum(df[t] for t in g)
        if acc > _SPOOL_PASS_BYTES:
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
    carry = b""
    size = _HEAD.size
    while True:
        chunk = spool.read(1 << 22)
        buf = carry + chunk
        i, end = 0, len(buf)
        unpack = _HEAD.unpack_from
        while i + size <= end:
            _d, t, _f, _count, n = unpack(buf, i)
            if i + size + n > end:
                break
            parts[range_of[shard_of[t]]].write(buf[i:i + size + n])
            i += size + n
        carry = buf[i:]
        if not chunk:
            break
    for (a, b), fh in zip(ranges, parts):
        fh.seek(0)
        buf = fh.read()
        fh.close()
        yield a, b, buf
