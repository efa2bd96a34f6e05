"""Related articles and same-story clusters at scale: N synthetic articles' features through the
two-pass ArchiveIndex, then find_clusters and related.

The generated archive has the shape of the real one: two thirds Persian, one third Arabic;
a date over ten years (one in twenty undated); two hub entities (Iran, Russia) in nearly every
article plus 2–8 entities drawn from the gazetteer with a Zipf-like skew; 150–600 words drawn
from the seeds' vocabulary of its language. One article in four belongs to a *story*: 2–4
articles within three days sharing the story's rare entities and words, some of them in the
other language, and one story in three has a wire copy (the same text, the last fifth cut).

    python bench/bench_related.py            # 10,000 articles
    python bench/bench_related.py 1000 10000 # several sizes

It prints, per size: the time of the collection-level work (both passes, indexes, clusters,
related) and, in a second run under tracemalloc, its peak of memory allocated beyond the input
features; and the per-article feature time (article_features on generated texts, the work a
per-seed worker does once and caches).
"""
from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins")]

from daftar_links.clusters import find_clusters  # noqa: E402
from daftar_links.features import article_features, signature, term_counts  # noqa: E402
from daftar_links.gazetteer import load_gazetteer  # noqa: E402
from daftar_links.matcher import Matcher  # noqa: E402
from daftar_links.related import ArchiveIndex, related_factors  # noqa: E402
from daftar_text.fold import tokenize  # noqa: E402


def seed_vocabulary() -> dict[str, list[str]]:
    """Tokens of the seeds by language (Persian letters tell Persian from Arabic)."""
    vocab: dict[str, list[str]] = {"fa": [], "ar": []}
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = p.read_text("utf-8")
        vocab["fa" if any(c in text for c in "پچژگ") else "ar"].extend(tokenize(text))
    return vocab


def corpus(n: int, seed: int = 7) -> list[tuple]:
    """(id, lang, date, features) for n articles (features made directly: fast to generate)."""
    rnd = random.Random(seed)
    gaz = load_gazetteer(ROOT / "content" / "gazetteer.yaml")
    ents = sorted(e for e in gaz.entities if e not in ("iran", "russia"))
    weights = [1 / (r + 1) for r in range(len(ents))]  # a few entities are everywhere
    vocab = seed_vocabulary()
    out: list[tuple] = []
    i = 0
    while len(out) < n:
        lang = "fa" if i % 3 else "ar"
        date = None if i % 20 == 0 else f"{rnd.randint(2015, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 25):02d}"
        story = rnd.random() < 0.25 / 3  # ~1/4 of the articles end up in a story of 2-4
        size = rnd.randint(2, 4) if story else 1
        story_ents = rnd.sample(ents[200:], 3)  # rarer entities
        story_words = {l: [f"{w}{rnd.randint(0, 9999)}" for w in rnd.sample(vocab[l], 30)] for l in vocab}
        base_tokens = None
        for m in range(size):
            member_lang = lang if m == 0 or rnd.random() < 0.5 else ("ar" if lang == "fa" else "fa")
            es = ["iran", "russia"] + list(dict.fromkeys(rnd.choices(ents, weights, k=rnd.randint(2, 8))))
            if story:
                es += story_ents
            tokens = rnd.choices(vocab[member_lang], k=rnd.randint(150, 600))
            if story:
                tokens += rnd.choices(story_words[member_lang], k=60)
            if story and m == 1 and base_tokens is not None and rnd.random() < 0.33 and member_lang == lang:
                tokens = base_tokens[: int(len(base_tokens) * 0.8)]  # a wire copy
            if m == 0:
                base_tokens = tokens
            d = date
            if date and m:
                y, mo, dd = date.split("-")
                d = f"{y}-{mo}-{min(28, int(dd) + rnd.randint(0, 3)):02d}"
            feats = {"entities": {e: [rnd.randint(1, 4), int(rnd.random() < 0.3), 0] for e in dict.fromkeys(es)},
                     "terms": term_counts(tokens, member_lang), "signature": signature(tokens)}
            out.append((f"a{len(out):05d}", member_lang, d, feats))
            if len(out) == n:
                break
        i += 1
    return out


def collection_pass(arts: list[tuple], factors: dict) -> tuple[dict, dict]:
    idx = ArchiveIndex(entity_factors=factors)
    for a in arts:
        idx.count(*a)
    for a in reversed(arts):  # any order: the second pass need not follow the first
        idx.add(*a)
    clusters = find_clusters(idx)
    return clusters, idx.related(5, clusters)


def feature_time(sample: int = 200) -> float:
    """ms per article of article_features on generated 150–600-word texts."""
    m = Matcher(load_gazetteer(ROOT / "content" / "gazetteer.yaml"))
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    paras = [[p for p in t.split("\n") if p.strip()] for t in texts]
    t = time.perf_counter()
    for i in range(sample):
        ps = paras[i % len(paras)]
        article_features(ps[0], ps[1:], "fa" if i % 5 in (0, 1, 2) else "ar", m)
    return 1000 * (time.perf_counter() - t) / sample


def run(n: int) -> str:
    arts = corpus(n)
    factors = related_factors(load_gazetteer(ROOT / "content" / "gazetteer.yaml"))
    t = time.perf_counter()
    clusters, rel = collection_pass(arts, factors)
    elapsed = time.perf_counter() - t
    tracemalloc.start()
    collection_pass(arts, factors)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    shown = [len(v) for v in rel.values()]
    in_clusters = len(clusters["cluster_of"])
    return (f"| {n:,} | {elapsed:.1f} s | {1000 * elapsed / n:.2f} ms | {peak / 2**20:.0f} MB "
            f"| {sum(shown) / n:.1f} | {sum(1 for s in shown if s == 0) / n:.0%} "
            f"| {len(clusters['clusters']):,} clusters, {in_clusters:,} articles |")


if __name__ == "__main__":
    print("| articles | related + clusters | per article | peak extra memory | related shown (mean) "
          "| articles with none | same-story clusters |")
    print("|---|---|---|---|---|---|---|")
    for size in [int(a) for a in sys.argv[1:]] or [10_000]:
        print(run(size), flush=True)
    print(f"\narticle_features (per-seed worker, cached): {feature_time():.1f} ms per article")
