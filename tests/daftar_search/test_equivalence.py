"""Issue 13's proof: at N = 1,000 generated articles, over the fixed list of 50 fa/ar queries
(queries.json: words, inflected forms, both spellings, prefixes, phrases, several words,
filters, sort, no result), the sharded index assembled by daftar-index.js returns the same top
10, in the same order and with the same scores, and the same number of results, as one
monolithic lunr index built by lunr.py's Builder over the same documents. Both run in lunr.js
2.3.9 under node; each query on the sharded side loads only the shards it plans."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from daftar_search.analysis import analyse, protected_names
from daftar_search.index import build_index
from daftar_search.inputs import result_card, search_document
from daftar_search.writer import write_index
from support import ROOT

N = 1000
HERE = ROOT / "tests" / "daftar_search"
JS = ROOT / "themes" / "daftar" / "static" / "js"


def queries() -> list[dict]:
    return json.loads((HERE / "queries.json").read_text("utf-8"))["queries"]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    sys.path.insert(0, str(ROOT / "bench"))
    from search_corpus import gazetteer_names, records

    work = tmp_path_factory.mktemp("equivalence")
    recs = records(N, work)
    protected = protected_names(gazetteer_names())
    docs = [search_document(r) for r in recs]
    (work / "mono.json").write_text(json.dumps(build_index(docs, protected), ensure_ascii=False), "utf-8")
    cards = [result_card(r) for r in recs]
    (work / "cards.json").write_text(json.dumps(cards, ensure_ascii=False), "utf-8")
    summary = write_index(work / "search", (analyse(d, protected) for d in docs), cards,
                          [(r["id"], r["text"]) for r in recs], protected=protected)
    payload = {"js": str(JS), "mono": str(work / "mono.json"), "cards": str(work / "cards.json"),
               "search": str(work / "search"), "queries": queries(), "top": 10}
    out = subprocess.run([node, str(HERE / "run_queries.js")], input=json.dumps(payload),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout), summary


def test_the_list_has_fifty_queries_of_every_kind():
    qs = queries()
    assert len(qs) == 50
    assert any(q["q"] == "ظری*" for q in qs)
    assert any(q["q"].startswith('"') for q in qs)
    assert any(set(q) - {"q"} for q in qs)


def test_same_top_ten_same_order_same_scores(both):
    rows, _ = both
    assert len(rows) == 50
    differ = [(r["q"], r["mono"], r["sharded"]) for r in rows if r["mono"] != r["sharded"]]
    assert differ == []
    counts = [(r["q"], r["monoCount"], r["shardedCount"]) for r in rows if r["monoCount"] != r["shardedCount"]]
    assert counts == []
    # the list is not trivial: most queries find something, some find nothing
    assert sum(1 for r in rows if r["mono"]) >= 45
    assert any(r["monoCount"] == 0 for r in rows)


def test_each_query_loads_a_few_shards_not_the_index(both):
    rows, summary = both
    assert summary["shards"] > 20
    for r in rows:
        shards = [f for f in r["files"] if f.startswith("s/")]
        assert 1 <= len(shards) <= 12, (r["q"], shards)
