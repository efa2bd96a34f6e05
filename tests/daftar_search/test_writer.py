"""The per-document analysis and the index writer reproduce lunr.py's Builder exactly (postings,
term numbers, field vectors, positions), do not depend on input order, and lay out shards that a
word or a prefix can find."""
from __future__ import annotations

import json
import logging
import random
import re
from pathlib import Path

import pytest

from daftar_search.analysis import analyse, pieces, protected_names
from daftar_search.index import build_index
from daftar_search.inputs import result_card, search_document
from daftar_search.varint import unvarint
from daftar_search.writer import SNIPPET_CHARS, SNIPPET_HEAD, utf16_key, write_index
from support import ROOT, seed_paths

PROTECTED = protected_names(["ایران", "لاوروف", "روسیه", "محمدجواد ظریف", "ظریف", "ظريف", "روسيا"])


def data(root: Path, name: str):
    m = re.match(r'daftarData\("([^"]*)",(.*)\);\n$', (root / f"{name}.js").read_text("utf-8"), re.S)
    assert m and m.group(1) == name
    return json.loads(m.group(2))


@pytest.fixture(scope="module")
def records():
    import sys
    sys.path.insert(0, str(ROOT / "bench"))
    from search_corpus import GAZETTEER, record_of
    from daftar_links.gazetteer import load_gazetteer
    from daftar_links.matcher import Matcher

    gaz = load_gazetteer(GAZETTEER)
    matcher = Matcher(gaz)
    recs = [record_of(p, gaz, matcher) for p in seed_paths()]
    # a few more documents: fields empty, a hyphenated word, markup characters, a long text
    recs.append({"id": "x-empty", "title": "بدون متن", "lang": "fa", "text": ""})
    recs.append({"id": "x-hyphen", "title": "Pre-war ظریف-لاوروف", "lang": "fa", "text": "همکاری‌ها «<b>» و&nbsp; — ظريف"})
    recs.append({"id": "x-long", "title": "متن بلند", "lang": "ar", "text": ("العلاقات الإيرانية الروسية " * 400).strip()})
    return [r for r in recs if r]


def write(tmp: Path, recs, **kw) -> dict:
    analyses = [analyse(search_document(r), PROTECTED) for r in recs]
    return write_index(tmp, analyses, [result_card(r) for r in recs],
                       [(r["id"], r.get("text") or "") for r in recs], protected=PROTECTED, **kw)


def decode_shards(root: Path) -> tuple[dict, dict, dict, list[str]]:
    """(inverted index with scores, field vectors, positions, ids by rank) from the files."""
    man = data(root, "manifest")
    ids = [data(root, f"d/{r}")["id"] for r in range(man["documents"])]
    inverted, vectors, positions = {}, {}, {}
    for s in range(len(man["shards"]["keys"])):
        for e in data(root, f"s/{s}"):
            post = {"_index": e[1]}
            for fi, f in enumerate(man["fields"]):
                flat, r, post[f] = unvarint(e[2 + fi] or ""), 0, {}
                for k in range(0, len(flat), 2):
                    r += flat[k]
                    post[f][ids[r]] = {}
                    vectors.setdefault(f"{f}/{ids[r]}", {})[e[1]] = flat[k + 1] / 1000
            inverted[e[0]] = post
        for e in data(root, f"p/{s}"):
            for fi, f in enumerate(man["positionFields"]):
                flat, k, r = unvarint(e[1 + fi] or ""), 0, 0
                while k < len(flat):
                    r += flat[k]
                    n, k, at, lst = flat[k + 1], k + 2, 0, []
                    for _ in range(n):
                        at += flat[k]
                        lst.append([at, flat[k + 1]])
                        k += 2
                    positions.setdefault(e[0], {}).setdefault(f, {})[ids[r]] = lst
    return inverted, vectors, positions, ids


def test_written_index_is_lunr_py_builders_to_the_last_bit(records, tmp_path):
    write(tmp_path / "search", records)
    inverted, vectors, positions, ids = decode_shards(tmp_path / "search")
    ref = build_index([search_document(r) for r in records], PROTECTED)
    assert ids == sorted(r["id"] for r in records)
    ref_inv = dict(ref["invertedIndex"])
    assert set(inverted) == set(ref_inv)
    for term, post in ref_inv.items():
        assert inverted[term]["_index"] == post["_index"], term
        for f in ref["fields"]:
            assert list(inverted[term][f]) == list(post[f]), (term, f)  # same documents, same order
            if f in ("title", "lead", "text"):
                want = {d: m["position"] for d, m in post[f].items()}
                assert positions.get(term, {}).get(f, {}) == want, (term, f)
    for ref_, el in ref["fieldVectors"]:
        want = {el[i]: el[i + 1] for i in range(0, len(el), 2)}
        assert vectors.get(ref_, {}) == want, ref_  # == on floats: bit for bit


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("hub", [{}, {"hub_df": 2, "hub_head": 2}], ids=["postings", "hub-blocks"])
def test_output_does_not_depend_on_input_order(records, tmp_path, hub):
    """In rank order the writer takes its fast path (first occurrences, postings and positions
    already sorted); shuffled it sorts them: the files are the same, hub blocks included."""
    in_order = sorted(records, key=lambda r: r["id"])
    write_index(tmp_path / "a", [analyse(search_document(r), PROTECTED) for r in in_order],
                [result_card(r) for r in in_order], [(r["id"], r.get("text") or "") for r in in_order],
                protected=PROTECTED, **hub)
    shuffled = list(records)
    random.Random(7).shuffle(shuffled)
    analyses = [analyse(search_document(r), PROTECTED) for r in shuffled]
    cards = [result_card(r) for r in reversed(shuffled)]
    snippets = [(r["id"], r.get("text") or "") for r in sorted(shuffled, key=lambda r: r["title"])]
    write_index(tmp_path / "b", analyses, cards, snippets, protected=PROTECTED, **hub)
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    if hub:
        assert any(k.startswith("h/") for k in a) and any(k.startswith("q/") for k in a)
    assert a == b


def test_hub_blocks_are_best_first_and_the_block_index_names_each_documents_block(records, tmp_path):
    """A hub term's postings, cut in blocks of 1, 4, 16, ... by W (the sum of its field
    weights) largest first: each block's ``w`` bounds every W in it and in the blocks after it;
    ``m/`` says which documents hold the term and which of them are in each block between the
    first (inline) and the last, so the page bounds a document's W by its own block's largest
    before reading it."""
    write(tmp_path / "s", records, hub_df=2, hub_head=1)  # blocks of 1, 4, 16, ...
    root = tmp_path / "s"
    man = data(root, "manifest")
    n, fields = man["documents"], man["fields"]
    hubs = [e for s in range(len(man["shards"]["keys"])) for e in data(root, f"s/{s}")
            if len(e) == 3 and isinstance(e[2], dict)]
    assert hubs and any(len(e[2]["n"]) >= 3 for e in hubs)
    def ranks(enc):
        out, r = [], 0
        for d in unvarint(enc):
            r += d
            out.append(r)
        return out

    for term, ti, info in hubs:
        flag, members, middle = data(root, f"m/{ti}")
        held = ranks(members) if flag == 0 else sorted(set(range(n)) - set(ranks(members)))
        where = [0] * n
        for r in held:
            where[r] = len(info["n"])  # the last block, unless a list below says otherwise
        for b, enc in enumerate(middle, 1):
            for r in ranks(enc):
                where[r] = b + 1
        assert len(middle) == max(len(info["n"]) - 2, 0)
        seen: dict[int, int] = {}
        for i, size in enumerate(info["n"]):
            flat, k, r, ws = unvarint(info["b"] if i == 0 else data(root, f"h/{ti}.{i}")), 0, 0, []
            while k < len(flat):
                r += flat[k]
                mask, k = flat[k + 1], k + 2
                w = 0
                for f in range(len(fields)):
                    if mask & (1 << f):
                        w, k = w + flat[k], k + 1
                ws.append(w)
                seen[r] = i
            assert len(ws) == size and max(ws) == info["w"][i], (term, i)
            if i:
                assert max(ws) <= min(prev), (term, i)  # best first: no W here above the last block's
            prev = ws
        assert len(seen) == info["df"] == sum(info["n"])
        for r, i in seen.items():
            if i == 0:
                where[r] = 1  # the page knows the first block's documents from the block itself
        assert where == [seen[r] + 1 if r in seen else 0 for r in range(n)], term


def test_every_term_in_exactly_one_shard_and_prefixes_in_a_run(records, tmp_path):
    write(tmp_path / "s", records, shard_bytes=600)  # small shards: many of them
    root = tmp_path / "s"
    man = data(root, "manifest")
    keys = man["shards"]["keys"]
    assert len(keys) > 10 and keys[0] == ""
    assert [utf16_key(k) for k in keys] == sorted(utf16_key(k) for k in keys)
    shard_terms = [[e[0] for e in data(root, f"s/{s}")] for s in range(len(keys))]
    flat = [t for ts in shard_terms for t in ts]
    assert len(flat) == len(set(flat))
    assert [utf16_key(t) for t in flat] == sorted(utf16_key(t) for t in flat)  # ranges, in order
    for s, ts in enumerate(shard_terms):  # a term's shard is the last key <= term
        for t in ts:
            assert max(i for i, k in enumerate(keys) if utf16_key(k) <= utf16_key(t)) == s
    assert man["shards"]["terms"] == [len(ts) for ts in shard_terms]


def test_snippet_text_runs_to_the_end_of_the_cut_piece(tmp_path):
    """The source is cut after SNIPPET_CHARS characters at the end of lunr's piece; the result
    file holds its head (cut the same way after SNIPPET_HEAD), d/<rank>.1 the rest."""
    words = ("ب" * 50 + " ") * 200
    head = words[: SNIPPET_HEAD - 2] + " کلمه‌ای "  # a word across each cut
    text = head + words[: SNIPPET_CHARS - 2 - len(head)] + " کلمه‌ای بلند"
    rec = {"id": "a", "title": "t", "lang": "fa", "text": text}
    write(tmp_path / "s", [rec])
    doc = data(tmp_path / "s", "d/0")
    assert doc["n"] == SNIPPET_HEAD and doc["more"] == SNIPPET_CHARS
    assert doc["text"] == text[: SNIPPET_HEAD - 1 + len("کلمه‌ای")]
    assert doc["text"] + data(tmp_path / "s", "d/0.1") == text[: SNIPPET_CHARS - 1 + len("کلمه‌ای")]
    assert set(doc) >= {"id", "title", "lang", "url", "date", "date_display", "outlet", "entities", "title_source"}
    short = {"id": "b", "title": "t", "lang": "fa", "text": "کوتاه"}
    write(tmp_path / "t", [short])
    assert data(tmp_path / "t", "d/0")["text"] == "کوتاه" and "more" not in data(tmp_path / "t", "d/0")
    assert not (tmp_path / "t" / "d" / "0.1.js").exists()


def test_document_without_card_is_left_out_with_a_warning(records, tmp_path, caplog):
    analyses = [analyse(search_document(r), PROTECTED) for r in records]
    with caplog.at_level(logging.WARNING):
        summary = write_index(tmp_path / "s", analyses, [result_card(r) for r in records[1:]], [],
                              protected=PROTECTED)
    assert summary["documents"] == len(records) - 1
    assert "no result card" in caplog.text and records[0]["id"] in caplog.text
    inverted, _, _, ids = decode_shards(tmp_path / "s")
    assert records[0]["id"] not in ids
    ref = build_index([search_document(r) for r in records[1:]], PROTECTED)
    assert set(inverted) == {t for t, _ in ref["invertedIndex"]}


def test_duplicate_and_stale_analyses_are_refused(records, tmp_path):
    a = analyse(search_document(records[0]), PROTECTED)
    with pytest.raises(ValueError, match="analysed twice"):
        write_index(tmp_path / "s", [a, a], [result_card(records[0])], [])
    with pytest.raises(ValueError, match="version"):
        write_index(tmp_path / "t", [dict(a, version=0)], [result_card(records[0])], [])


def test_analysis_is_json_plain_and_pieces_are_lunr_py_tokens():
    import lunr.tokenizer

    text = "Pre-war\u00a0ظریف\tو\nلاوروف -- «همکاری‌ها»  ۲۰۲۰"
    assert [(s, p) for s, p in pieces(text)] == [
        (t.metadata["position"][0], str(t)) for t in lunr.tokenizer.Tokenizer(text)]
    a = analyse({"id": "a", "title": text, "text": text}, PROTECTED)
    assert json.loads(json.dumps(a)) == a


def test_filter_columns_and_facets(records, tmp_path):
    summary = write(tmp_path / "s", records)
    root = tmp_path / "s"
    man = data(root, "manifest")
    ranked = sorted(records, key=lambda r: r["id"])
    assert data(root, "c/lang") == [man["langs"].index(r["lang"]) for r in ranked]
    assert data(root, "c/year") == [int(r["date"][:4]) if r.get("date") else None for r in ranked]
    dates = data(root, "c/date")
    for i, a in enumerate(ranked):  # the date column orders as the date strings do
        for j, b in enumerate(ranked):
            if a.get("date") and b.get("date"):
                assert (dates[i] < dates[j]) == (a["date"] < b["date"])
            elif not a.get("date"):
                assert dates[i] == -1
    for k, e in enumerate(man["entities"]):
        rs = unvarint(data(root, f"e/{k}"))
        got = [ranked[sum(rs[: i + 1])]["id"] for i in range(len(rs))]
        assert got == [r["id"] for r in ranked if e in (r.get("entities") or [])]
    assert summary["facets"]["outlets"] == sorted({r["outlet"] for r in records if r.get("outlet")})


def test_a_card_without_entities_takes_them_from_the_analysis(records, tmp_path):
    """The build's cards leave ``entities`` None: the writer reads each article's entities
    from its analysis (so the index need not wait for the links stage); a card's own list,
    when it has one, wins."""
    with_ids = [r for r in records if r.get("entities")]
    assert with_ids
    analyses = [dict(analyse(search_document(r), PROTECTED), entity_ids=list(r.get("entities") or []))
                for r in records]
    cards = [dict(result_card(r), entities=None) for r in records]
    cards[-1]["entities"] = ["own"]
    write_index(tmp_path / "a", analyses, cards, [(r["id"], r.get("text") or "") for r in records],
                protected=PROTECTED)
    write(tmp_path / "b", records[:-1] + [dict(records[-1], entities=["own"])])
    for name in ["manifest"] + [f"d/{r}" for r in range(len(records))] + [f"e/{k}" for k in range(len(data(tmp_path / "b", "manifest")["entities"]))]:
        assert data(tmp_path / "a", name) == data(tmp_path / "b", name), name
    by_id = {data(tmp_path / "a", f"d/{k}")["id"]: data(tmp_path / "a", f"d/{k}") for k in range(len(records))}
    assert by_id[with_ids[0]["id"]]["entities"] == list(with_ids[0]["entities"])
    assert by_id[records[-1]["id"]]["entities"] == ["own"]


def test_card_without_analysis_is_left_out_and_ranks_close_up(records, tmp_path, caplog):
    analyses = [analyse(search_document(r), PROTECTED) for r in records[1:]]
    with caplog.at_level(logging.WARNING):
        summary = write_index(tmp_path / "s", analyses, [result_card(r) for r in records],
                              [(r["id"], r.get("text") or "") for r in records], protected=PROTECTED)
    assert summary["documents"] == len(records) - 1 and "no analysis" in caplog.text
    inverted, vectors, _, ids = decode_shards(tmp_path / "s")
    ref = build_index([search_document(r) for r in records[1:]], PROTECTED)
    assert ids == sorted(r["id"] for r in records[1:])
    for ref_, el in ref["fieldVectors"]:
        assert vectors.get(ref_, {}) == {el[i]: el[i + 1] for i in range(0, len(el), 2)}


def test_no_file_carries_markup_characters(tmp_path):
    rec = {"id": "h", "title": "<script>alert(1)</script> & «x»", "lang": "fa", "outlet": "<b>o</b>",
           "text": "<img src=x onerror=alert(1)> ظریف </script><!--"}
    write(tmp_path / "s", [rec])
    for p in (tmp_path / "s").rglob("*.js"):
        body = p.read_text("utf-8")
        assert "<" not in body and ">" not in body and "&" not in body, p
    assert data(tmp_path / "s", "d/0")["title"] == rec["title"]  # escaped, not changed
