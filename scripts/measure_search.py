"""Search matching measured on the seeds: recall and precision of a table of queries, with
folding only and with folding + the light stemmer (Python side of the twin pipelines; the
browser tests check the JS side gives the same sets).

    python scripts/measure_search.py
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins")]

from daftar_links.gazetteer import load_gazetteer  # noqa: E402
from daftar_seeds.document import build_document  # noqa: E402
from daftar_text.fold import tokenize  # noqa: E402
from daftar_text.stem import stem  # noqa: E402

#: (query, seed prefixes a reader expects): judged by reading the seeds.
TABLE = [
    ("همکاری", {"000", "001", "002"}), ("تحریم", {"000", "002"}), ("العلاقات", {"003", "004"}),
    ("ظریف", {"000", "003"}), ("مذاکرات", {"000", "001", "002"}), ("الاتفاق", {"003"}),
    ("توافقنامه", {"001"}), ("روابط", {"001", "002"}), ("الإيراني", {"003", "004"}),
    ("کشورها", {"000", "001", "002"}), ("دفاع", {"000", "001", "004"}), ("التعاون", {"004"}),
]


#: Queries over ../shared/corpus (file-name prefixes), judged by reading those pages.
CORPUS_TABLE = [
    ("تحریم", {"fa_15", "fa_16"}), ("العلاقات", {"ar_01", "ar_06"}), ("الاتفاق", {"ar_04", "ar_06"}),
    ("همکاری", {"fa_18", "fa_19"}),
]


def docs() -> dict[str, set[str]]:
    out = {}
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        d = build_document(p.read_bytes(), p.stem, reference=dt.date(2024, 11, 21))
        out[p.stem[:3]] = set(tokenize(d.title + " " + d.text))
    corpus = ROOT / ".." / "shared" / "corpus"
    for p in sorted(corpus.glob("*.txt")) if corpus.is_dir() else []:
        d = build_document(p.read_bytes(), p.stem, reference=dt.date(2026, 11, 1))
        out[p.stem[:5]] = set(tokenize(d.title + " " + d.text))
    return out


def main() -> None:
    corpus = docs()
    gaz = load_gazetteer(ROOT / "content" / "gazetteer.yaml")
    # as on the site: one-word proper names are never stemmed
    protected = frozenset(toks[0] for e in gaz.entities.values() if e.type != "topic"
                          for names in e.names.values() for n in names for toks in [tokenize(n)] if len(toks) == 1)
    stems = {k: {stem(t, protected) for t in v} for k, v in corpus.items()}
    rows = []
    have_corpus = any(k.startswith(("ar_", "fa_")) for k in corpus)
    for q, want in TABLE + (CORPUS_TABLE if have_corpus else []):
        qt = tokenize(q)
        scope = [k for k in corpus if (len(k) == 3) == (len(next(iter(want))) == 3)]
        fold_hits = {k for k in scope if all(t in corpus[k] for t in qt)}
        stem_hits = {k for k in scope if all(stem(t, protected) in stems[k] for t in qt)}
        rows.append((q, want, fold_hits, stem_hits))
    def pr(hits_of):
        tp = sum(len(hits_of(r) & r[1]) for r in rows)
        found = sum(len(hits_of(r)) for r in rows)
        want = sum(len(r[1]) for r in rows)
        return tp / (found or 1), tp / (want or 1)
    print("| query | expected | fold only | fold + stem |")
    print("|---|---|---|---|")
    for q, w, f, s in rows:
        print(f"| {q} | {' '.join(sorted(w))} | {' '.join(sorted(f)) or '—'} | {' '.join(sorted(s)) or '—'} |")
    p1, r1 = pr(lambda r: r[2])
    p2, r2 = pr(lambda r: r[3])
    print(f"\nfold only: precision {p1:.2f} recall {r1:.2f}; fold + stem: precision {p2:.2f} recall {r2:.2f}")


if __name__ == "__main__":
    main()
