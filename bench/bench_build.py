"""Build time and output size: Daftar vs vanilla Pelican on the same generated corpus.

    python bench/bench_build.py N [N ...]      (e.g. 1000 10000)

Vanilla Pelican builds the same articles as Markdown with its default theme (Python-Markdown
is installed into a throwaway venv-less target for that run only if missing: pass --skip-vanilla
to measure Daftar alone). Results are printed as a Markdown table for docs/benchmarks.md.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate_corpus import generate  # noqa: E402


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run(cmd: list[str], env=None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - t


def bench(n: int, vanilla: bool) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"daftar-bench-{n}-"))
    generate(n, tmp)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1732147200")
    out = tmp / "daftar-out"
    conf = tmp / "daftarconf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                    f"PATH = {str(ROOT / 'content')!r}\nTHEME = {str(ROOT / 'themes' / 'daftar')!r}\n"
                    f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nDAFTAR_SEEDS_PATH = {str(tmp / 'seeds')!r}\n"
                    f"DAFTAR_SEEDS_REFERENCE_DATE = '2024-11-21'\n", "utf-8")
    pelican = str(Path(sys.executable).with_name("pelican"))
    t_daftar = run([pelican, str(ROOT / "content"), "-s", str(conf), "-o", str(out)], env)
    idx = out / "data" / "search-index.js"
    result = {"n": n, "daftar_s": round(t_daftar, 1), "daftar_mb": round(du(out) / 2**20, 1),
              "index_mb": round(idx.stat().st_size / 2**20, 2),
              "articles": len(json.loads((out / "data" / "articles.json").read_text("utf-8")))}
    if vanilla:
        vconf = tmp / "vanillaconf.py"
        vconf.write_text("SITENAME='vanilla'\nPATH='md'\nTIMEZONE='UTC'\nRELATIVE_URLS=True\n"
                         "FEED_ALL_ATOM=None\nCATEGORY_FEED_ATOM=None\nARTICLE_URL='{slug}.html'\n"
                         "ARTICLE_SAVE_AS='{slug}.html'\n", "utf-8")
        try:
            result["vanilla_s"] = round(run([pelican, str(tmp / "md"), "-s", str(vconf), "-o", str(tmp / "vanilla-out")], env), 1)
            result["vanilla_mb"] = round(du(tmp / "vanilla-out") / 2**20, 1)
        except subprocess.CalledProcessError as exc:
            result["vanilla_s"] = f"failed: {exc.stderr.decode()[-200:]}"
    shutil.rmtree(tmp, ignore_errors=True)
    return result


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    vanilla = "--skip-vanilla" not in sys.argv
    rows = [bench(int(a), vanilla) for a in args or ["1000"]]
    print("| articles (published) | Daftar build (s) | Daftar output (MB) | search index (MB) | vanilla Pelican (s) | vanilla output (MB) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['n']} ({r['articles']}) | {r['daftar_s']} | {r['daftar_mb']} | {r['index_mb']} | {r.get('vanilla_s', '-')} | {r.get('vanilla_mb', '-')} |")
