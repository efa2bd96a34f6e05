"""The search index writer's time and memory at N articles, as the pipeline will run it: the
per-document analyses read back one at a time from a file (as from the per-seed cache), the
cards and snippet texts streamed likewise.

    python bench/bench_search_writer.py N [--work DIR]

Prints the analysis time per document, then the writer's CPU time (and that of each of its
phases) and its peak RSS above the process's baseline (ru_maxrss, measured in a fresh child
process that only streams the files).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT / "plugins", ROOT / "bench"):
    sys.path.insert(0, str(p))


def dump(n: int, work: Path) -> float:
    from search_corpus import gazetteer_names, records
    from daftar_search.analysis import analyse, protected_names
    from daftar_search.inputs import result_card, search_document

    recs = records(n, work)
    prot = protected_names(gazetteer_names())
    cpu = 0.0
    with open(work / "analyses.jsonl", "w", encoding="utf-8") as fa, \
            open(work / "cards.jsonl", "w", encoding="utf-8") as fc, \
            open(work / "snippets.jsonl", "w", encoding="utf-8") as fs:
        for r in recs:
            t = time.process_time()
            a = analyse(search_document(r), prot)
            cpu += time.process_time() - t
            fa.write(json.dumps(a, ensure_ascii=False) + "\n")
            fc.write(json.dumps(result_card(r), ensure_ascii=False) + "\n")
            fs.write(json.dumps([r["id"], r.get("text") or ""], ensure_ascii=False) + "\n")
    (work / "protected.json").write_text(json.dumps(sorted(prot), ensure_ascii=False), "utf-8")
    return 1000 * cpu / len(recs)


def measure(work: Path) -> dict:
    from daftar_search.writer import write_index

    def lines(name):
        with open(work / name, encoding="utf-8") as fh:
            for ln in fh:
                yield json.loads(ln)

    prot = json.loads((work / "protected.json").read_text("utf-8"))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.process_time()
    s = write_index(work / "search", lines("analyses.jsonl"), lines("cards.jsonl"),
                    (tuple(x) for x in lines("snippets.jsonl")), protected=prot)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"cpu_s": round(time.process_time() - t, 1), "extra_mb": round((peak - base) / 1024), "laps": s.get("cpu_seconds"),
            **{k: v for k, v in s.items() if k != "facets"}}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?")
    ap.add_argument("--work", type=Path)
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        sys.exit()
    work = args.work or Path(f"/tmp/daftar-bench-search-{args.n}")
    work.mkdir(parents=True, exist_ok=True)
    per_doc = dump(args.n, work)
    out = subprocess.run([sys.executable, __file__, "--measure", str(work)], check=True,
                         capture_output=True, text=True)
    w = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"| {args.n:,} | {per_doc:.1f} ms | {w['cpu_s']} s | {w['extra_mb']} MB | {w['shards']} | "
          f"{w['files']:,} | {w['bytes'] / 2**20:.0f} MB |")
    print("writer phases, CPU s:", ", ".join(f"{k} {v}" for k, v in (w.get("laps") or {}).items()))
