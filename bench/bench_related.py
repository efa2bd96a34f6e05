"""Related-articles time at scale: N synthetic articles, scored through the inverted indexes.

Each generated article has a language, a random date over ten years (one in twenty has
none), two hub entities (Iran, Russia, as in the real archive) plus 2–8 entities drawn from
the gazetteer with a skew (some entities are far commoner than others), and 150–600 tokens
drawn from the seeds' vocabulary of its language.

    python bench/bench_related.py            # 10,000 articles
    python bench/bench_related.py 1000 5000  # several sizes
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


def seed_vocabulary() -> dict[str, list[str]]:
    """Tokens of the seeds by language (Persian letters tell Persian from Arabic)."""
    vocab: dict[str, list[str]] = {"fa": [], "ar": []}
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = p.read_text("utf-8")
        vocab["fa" if any(c in text for c in "پچژگ") else "ar"].extend(tokenize(text))
    return vocab


def corpus(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    ents = sorted(e for e in load_gazetteer(ROOT / "content" / "gazetteer.yaml").entities
                  if e not in ("iran", "russia"))
    weights = [1 / (r + 1) for r in range(len(ents))]  # Zipf-like: a few entities are everywhere
    vocab = seed_vocabulary()
    out = []
    for i in range(n):
        lang = "fa" if i % 3 else "ar"
        date = None if i % 20 == 0 else f"{rnd.randint(2015, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        es = ["iran", "russia"] + list(dict.fromkeys(rnd.choices(ents, weights, k=rnd.randint(2, 8))))
        out.append({"id": f"a{i:05d}", "lang": lang, "date": date, "entities": es,
                    "tokens": rnd.choices(vocab[lang], k=rnd.randint(150, 600))})
    return out


def run(n: int) -> str:
    arts = corpus(n)
    t = time.perf_counter()
    rel = related_articles(arts, k=5)
    elapsed = time.perf_counter() - t
    filled = sum(len(v) for v in rel.values()) / n
    return (f"| {n:,} articles | related_articles {elapsed:.1f} s | {1000 * elapsed / n:.2f} ms/article "
            f"| {filled:.1f} related per article |")


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [10_000]:
        print(run(size), flush=True)
