"""Related-articles time at scale: N synthetic articles (entities from the gazetteer, tokens
from the seeds' vocabulary, random dates), scored through the inverted indexes.

    python bench/bench_related.py 10000
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins")]

from daftar_links.gazetteer import load_gazetteer  # noqa: E402
from daftar_links.related import related_articles  # noqa: E402
from daftar_text.fold import tokenize  # noqa: E402


def corpus(n: int) -> list[dict]:
    rnd = random.Random(7)
    ents = sorted(load_gazetteer(ROOT / "content" / "gazetteer.yaml").entities)
    vocab = {"fa": [], "ar": []}
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = p.read_text("utf-8")
        vocab["fa" if any(c in text for c in "پچژگ") else "ar"].extend(tokenize(text))
    out = []
    for i in range(n):
        lang = "fa" if i % 3 else "ar"
        k = rnd.randint(2, 8)
        es = ["iran", "russia"] + rnd.sample(ents, k)  # hubs everywhere, like the real archive
        out.append({"id": f"a{i:05d}", "lang": lang,
                    "date": f"{rnd.randint(2015, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                    "entities": es, "tokens": rnd.choices(vocab[lang], k=rnd.randint(150, 600))})
    return out


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    arts = corpus(n)
    t = time.perf_counter()
    rel = related_articles(arts, k=5)
    dt_ = time.perf_counter() - t
    print(f"| {n} articles | related_articles: {dt_:.1f} s | {1000 * dt_ / n:.2f} ms/article | "
          f"{sum(len(v) for v in rel.values()) / n:.1f} related per article |")
