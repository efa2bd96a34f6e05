"""Same-story clusters: wire copies and reposts, one event across languages, no chaining, no
dependence on input order; run on real pages through build_document and article_features."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from daftar_links.clusters import DEFAULTS, find_clusters
from daftar_links.features import article_features, signature
from daftar_links.gazetteer import load_gazetteer
from daftar_links.matcher import Matcher
from daftar_links.related import build_index, related_articles, related_factors
from daftar_seeds.document import build_document
from support import CORPUS, REFERENCE_DATE, ROOT, seed_paths

GAZ = load_gazetteer(ROOT / "content" / "gazetteer.yaml")
M = Matcher(GAZ)


def doc(path, stem):
    return build_document(path.read_bytes(), stem, reference=dt.date.fromisoformat(REFERENCE_DATE))


def record(aid, title, paragraphs, lang, date):
    return {"id": aid, "lang": lang, "date": date, "features": article_features(title, paragraphs, lang, M)}


@pytest.fixture(scope="module")
def archive():
    paths = seed_paths() + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])
    out = []
    for p in paths:
        d = doc(p, p.stem[:3] if p.parent.name == "seeds" else p.stem)
        out.append(record(d.id, d.title, d.paragraphs, d.lang, d.fields.get("date")))
    return out


def test_real_pages_form_no_false_clusters(archive):
    """The seeds and the corpus are different stories: no cluster at all."""
    assert find_clusters(archive) == {"clusters": {}, "cluster_of": {}}


def test_a_wire_copy_and_a_repost_join_their_original(archive):
    """One paper's copy of a wire story (another headline, the last paragraph cut, a sentence
    edited) and a verbatim repost a year later are the same story."""
    d = doc(seed_paths()[4], "004")
    paras = list(d.paragraphs)
    copy = paras[:-1]
    copy[0] = copy[0].replace("اليوم الأحد", "الأحد")
    recs = archive + [record("copy", "شويغو: علاقاتنا مع إيران استراتيجية", copy, d.lang, "2020-08-23"),
                      record("repost", d.title, paras, d.lang, "2021-08-23")]
    found = find_clusters(recs)
    cid = found["cluster_of"]["004"]
    assert found["clusters"][cid]["members"] == ["004", "copy", "repost"]
    links = {(a, b): kind for a, b, kind, _ in found["clusters"][cid]["links"]}
    assert links[("004", "repost")] == links[("004", "copy")] == "duplicate"
    assert len(found["cluster_of"]) == 3
    rel = related_articles(recs, clusters=found, entity_factors=related_factors(GAZ))
    assert {r["id"] for r in rel["004"] if r["reasons"]["same_story"]} == {"copy", "repost"}


def ev(aid, lang, date, entities, terms=None):
    return {"id": aid, "lang": lang, "date": date,
            "features": {"entities": {e: [2, 1, 0] for e in entities}, "terms": terms or {}, "signature": []}}


def filler(n=60):
    return [ev(f"z{i:03d}", "fa" if i % 2 else "ar", f"2020-0{1 + i % 9}-1{i % 9}", ["iran", "russia", f"p{i % 9}"],
               {f"w{i % 5}": 2}) for i in range(n)]


def test_one_event_across_the_language_line():
    """A Persian and an Arabic report of one visit, two days apart: one story. The same people
    a month later, or one shared person only, are not."""
    people = ["iran", "russia", "lavrov", "meshaal", "doha"]
    recs = filler() + [ev("fa1", "fa", "2015-08-03", people), ev("ar1", "ar", "2015-08-05", people),
                       ev("ar2", "ar", "2015-09-20", people), ev("ar3", "ar", "2015-08-04", ["iran", "lavrov"])]
    found = find_clusters(recs)
    assert found["clusters"] == {"cluster-ar1": {"members": ["ar1", "fa1"], "links": [["ar1", "fa1", "same_event", 1.0]]}}


def test_same_language_same_day_needs_similar_text():
    people = ["lavrov", "zarif", "vienna"]
    a = ev("a", "fa", "2020-01-01", people, {"برجام": 3, "مذاکرات": 2, "وین": 2})
    b = ev("b", "fa", "2020-01-01", people, {"برجام": 2, "مذاکرات": 3, "تحریم": 1})
    c = ev("c", "fa", "2020-01-02", people, {"فوتبال": 3, "جام": 2})
    found = find_clusters(filler() + [a, b, c])
    assert found["clusters"]["cluster-a"]["members"] == ["a", "b"]


def test_chains_cannot_swallow_the_archive():
    """A chain of articles each sharing an event with the next stops at max_cluster."""
    base = dt.date(2020, 1, 1)
    chain = [ev(f"c{i:03d}", "fa" if i % 2 else "ar", (base + dt.timedelta(days=i)).isoformat(),
                [f"x{i}", f"x{i + 1}", f"x{i + 2}", "iran"]) for i in range(80)]
    found = find_clusters(filler() + chain)
    sizes = [len(c["members"]) for c in found["clusters"].values()]
    assert sizes and max(sizes) <= DEFAULTS["max_cluster"]


def test_order_does_not_matter(archive):
    d = doc(seed_paths()[3], "003")
    recs = archive + [record("copy", "x", list(d.paragraphs), d.lang, None)]
    shuffled = list(recs)
    random.Random(5).shuffle(shuffled)
    assert find_clusters(shuffled) == find_clusters(recs)


def test_options_and_index_reuse(archive):
    idx = build_index(archive)
    assert find_clusters(idx) == find_clusters(archive)
    with pytest.raises(TypeError, match="bogus"):
        find_clusters(idx, bogus=1)


def test_signature_estimates_jaccard():
    words = [f"w{i}" for i in range(400)]
    a = signature(words)
    b = signature(words[:300] + [f"v{i}" for i in range(100)])  # 298 of 500 shingles shared
    agree = sum(x == y for x, y in zip(a, b)) / len(a)
    assert 0.4 < agree < 0.8
    assert signature(words) == a  # the same in every process: blake2b, not hash()
