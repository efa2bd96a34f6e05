"""What one edited article changes in the search index: why a rebuild rewrites it whole.

    python bench/bench_search_writer.py 10000 --work /tmp/w     # makes /tmp/w/analyses.jsonl
    python bench/bench_search_edit.py /tmp/w [--tokens 6]

lunr's field-vector entry of a posting is BM25 with the field's average length in it,
rounded to 3 decimals (daftar_search.writer, operation for operation). An edit that adds
``--tokens`` words to one article's text changes that average for every document; this counts
the postings whose rounded entry changes (the edit's own terms and df aside: only the length
effect, the least an edit does), and the terms — the shard entries — they belong to.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from daftar_search.analysis import FIELD_NAMES  # noqa: E402
from daftar_search.writer import _BOOST, B, K1  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("work", type=Path)
    ap.add_argument("--tokens", type=int, default=6)
    args = ap.parse_args()
    postings = []  # (term, field, tf, doc)
    lengths = []
    df: dict[str, int] = {}
    with open(args.work / "analyses.jsonl", encoding="utf-8") as fh:
        for d, line in enumerate(fh):
            a = json.loads(line)
            lengths.append([a["fields"][f]["length"] for f in FIELD_NAMES])
            for fno, f in enumerate(FIELD_NAMES):
                for i, n in a["fields"][f]["tf"]:
                    t = a["terms"][i]
                    postings.append((t, fno, n, d))
                    df[t] = df.get(t, 0) + 1
    n_docs = len(lengths)
    text = FIELD_NAMES.index("text")

    def weights(lens):
        avg = [sum(x[f] for x in lens) / n_docs for f in range(len(FIELD_NAMES))]
        idf = {t: math.log(1 + abs((n_docs - k + 0.5) / (k + 0.5))) for t, k in df.items()}
        out = []
        for t, f, tf, d in postings:
            norm = K1 * (1 - B + B * (lens[d][f] / avg[f]))
            s = idf[t] * ((K1 + 1) * tf) / (norm + tf)
            s *= _BOOST[FIELD_NAMES[f]]
            out.append(round(round(s, 3) * 1000))
        return out

    before = weights(lengths)
    edited = [list(x) for x in lengths]
    edited[n_docs // 2][text] += args.tokens
    after = weights(edited)
    changed = [p for p, x, y in zip(postings, before, after) if x != y and p[3] != n_docs // 2]
    terms = {p[0] for p in changed}
    print(f"{n_docs:,} documents, {len(postings):,} postings, {len(df):,} terms; one article's text "
          f"+{args.tokens} words: {len(changed):,} postings of other articles change "
          f"({len(changed) / len(postings):.2%}), in {len(terms):,} terms ({len(terms) / len(df):.0%})")


if __name__ == "__main__":
    main()
