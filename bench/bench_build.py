"""Build cost at scale: Daftar vs vanilla Pelican on the same generated corpus, A B A B.

    python bench/bench_build.py 1000 10000          # sizes; two rounds each (A B A B)
    python bench/bench_build.py 1000 --rounds 3 --workers 1

For each size N, `generate_corpus.py` makes N articles (seeds for Daftar, the same titles,
dates and paragraphs as Markdown for vanilla Pelican 4 with its default theme — which needs
`pip install markdown`, a package Daftar itself does not use). Each round runs, in turn:

* A: a full Daftar build (cold: empty cache, empty output);
* B: vanilla Pelican on the same articles;

then, once, a Daftar rebuild with a warm cache after one seed was edited. Every figure is of a
whole process: wall time, CPU time (user + system of the process and the workers it waited
for), peak resident memory of the main process and of the largest worker (from wait4), and the
size of the output. Medians over the rounds and the Daftar/vanilla ratios are printed as
Markdown rows for docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate_corpus import generate  # noqa: E402

BIN = Path(sys.executable).parent
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1732147200")


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(cmd: list[str], cwd: Path) -> dict:
    """Run ``cmd``; wall, CPU and peak memory of the whole process (workers included)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd[0]} failed: {err.decode(errors='replace')[-400:]}")
    # ru_maxrss (KiB) of wait4 is the largest of the process and its waited-for children
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def daftar_conf(tmp: Path, workers: int) -> Path:
    conf = tmp / "daftarconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(ROOT / 'content')!r}\nTHEME = {str(ROOT / 'themes' / 'daftar')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nDAFTAR_SEEDS_PATH = {str(tmp / 'seeds')!r}\n"
        f"DAFTAR_SEEDS_REFERENCE_DATE = '2024-11-21'\nCACHE_PATH = {str(tmp / 'daftar-cache')!r}\n"
        f"DAFTAR_SEEDS_WORKERS = {workers}\n", "utf-8")
    return conf


def vanilla_conf(tmp: Path) -> Path:
    conf = tmp / "vanillaconf.py"
    conf.write_text("SITENAME='vanilla'\nPATH='md'\nTIMEZONE='UTC'\nRELATIVE_URLS=True\n"
                    "FEED_ALL_ATOM=None\nCATEGORY_FEED_ATOM=None\nARTICLE_URL='{slug}.html'\n"
                    "ARTICLE_SAVE_AS='{slug}.html'\n", "utf-8")
    return conf


def folders(out: Path) -> dict:
    """MB of each top-level folder of the output, and of data/'s own files and search index."""
    sizes = {p.name + ("/" if p.is_dir() else ""): (du(p) if p.is_dir() else p.stat().st_size) / 2**20
             for p in out.iterdir()}
    for p in (out / "data").iterdir():
        sizes["data/" + p.name + ("/" if p.is_dir() else "")] = (du(p) if p.is_dir() else p.stat().st_size) / 2**20
    return sizes


def search_bytes(out: Path) -> dict:
    """Sizes of the search files: everything under data/search*, raw and gzip."""
    files = [p for p in (out / "data" / "search").rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files) if raw < 2**31 else 0
    return {"search_mb": raw / 2**20, "search_gz_mb": gz / 2**20}


def bench(n: int, rounds: int, workers: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"daftar-bench-{n}-"))
    generate(n, tmp)
    pelican = str(BIN / "pelican")
    dconf, vconf = daftar_conf(tmp, workers), vanilla_conf(tmp)
    runs: dict[str, list[dict]] = {"daftar": [], "vanilla": []}
    for _ in range(rounds):
        for name in ("daftar", "vanilla"):
            out = tmp / f"{name}-out"
            shutil.rmtree(out, ignore_errors=True)
            # each tool's own cache folder, emptied before its own cold runs only, so the
            # rebuild below finds the last Daftar build's cache
            shutil.rmtree(tmp / f"{name}-cache" if name == "daftar" else tmp / "cache", ignore_errors=True)
            if name == "daftar":
                cmd = [pelican, str(ROOT / "content"), "-s", str(dconf), "-o", str(out)]
            else:
                cmd = [pelican, str(tmp / "md"), "-s", str(vconf), "-o", str(out)]
            r = measure(cmd, tmp)
            r["out_mb"] = du(out) / 2**20
            runs[name].append(r)
    dout = tmp / "daftar-out"
    sizes = search_bytes(dout)
    sizes["folders"] = folders(dout)
    # a rebuild after editing one seed (the cache and the previous output are warm)
    seed = sorted((tmp / "seeds").glob("*.txt"))[n // 2]
    seed.write_text(seed.read_text("utf-8") + "\nیک جمله تازه برای آزمودن بازسازی.\n", "utf-8")
    rebuild = measure([pelican, str(ROOT / "content"), "-s", str(dconf), "-o", str(dout)], tmp)
    shutil.rmtree(tmp, ignore_errors=True)
    med = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in runs.items()}
    return {"n": n, "rounds": rounds, "workers": workers, **{f"{name}_{k}": v for name, m in med.items() for k, v in m.items()},
            "rebuild_wall": rebuild["wall"], "rebuild_cpu": rebuild["cpu"], "rebuild_rss_mb": rebuild["rss_mb"], **sizes}


def row(r: dict) -> str:
    d, v = r, r
    return (f"| {r['n']:,} | {d['daftar_wall']:.0f} s / {d['daftar_cpu']:.0f} s | {v['vanilla_wall']:.0f} s / {v['vanilla_cpu']:.0f} s "
            f"| {d['daftar_wall'] / v['vanilla_wall']:.2f}× / {d['daftar_cpu'] / v['vanilla_cpu']:.2f}× "
            f"| {d['daftar_rss_mb']:.0f} MB | {v['vanilla_rss_mb']:.0f} MB | {d['daftar_out_mb']:.0f} MB "
            f"| {v['vanilla_out_mb']:.0f} MB | {r['rebuild_wall']:.0f} s ({r['rebuild_wall'] / d['daftar_wall']:.0%}) "
            f"| {r['search_mb']:.1f} MB ({r['search_gz_mb']:.1f} gz) |")


HEADER = ("| articles | Daftar wall / CPU | vanilla wall / CPU | ratio wall / CPU | Daftar peak RSS | vanilla peak RSS "
          "| Daftar output | vanilla output | rebuild after one edit (of full) | search files |\n"
          "|---|---|---|---|---|---|---|---|---|---|")

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--workers", type=int, default=0, help="DAFTAR_SEEDS_WORKERS (0 = one per core)")
    args = ap.parse_args()
    try:
        import markdown  # noqa: F401
    except ImportError:
        sys.exit("vanilla Pelican needs Python-Markdown: pip install markdown")
    print(HEADER, flush=True)
    where = []
    for size in args.sizes:
        r = bench(size, args.rounds, args.workers)
        print(row(r), flush=True)
        where.append((size, r["folders"]))
    # where each build's output goes (its folders over 1 MB at the largest size, largest first)
    names = sorted((k for k, v in where[-1][1].items() if v >= 1), key=lambda k: -where[-1][1][k])
    print("\n| output (MB) | " + " | ".join(f"{n:,}" for n, _ in where) + " |\n|---|" + "---|" * len(where))
    for k in names:
        print(f"| `{k}` | " + " | ".join(f"{f.get(k, 0):.1f}" for _, f in where) + " |")
