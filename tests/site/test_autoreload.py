"""Live preview: `pelican --autoreload` rebuilds when a seed is edited or added (issue 16).

Pelican's autoreload watches PATH, the theme and the settings; daftar_seeds adds the seeds
folder. A real `pelican --autoreload` runs in a subprocess; the test waits (generously — this
is not a speed test) for the rebuilt data.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from support import REFERENCE_DATE, ROOT, SEEDS, copy_seeds

PATIENCE = 300  # seconds to wait for a build on a very busy machine before giving up


def _titles(out: Path) -> dict[str, str]:
    try:
        return {r["id"]: r["title"] for r in json.loads((out / "data" / "articles.json").read_text("utf-8"))}
    except (OSError, ValueError):
        return {}


def _wait(predicate, proc) -> bool:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.5)
    return False


def test_editing_and_adding_a_seed_rebuilds(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    out = tmp_path / "out"
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(ROOT / 'content')!r}\nTHEME = {str(ROOT / 'themes' / 'daftar')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nDAFTAR_SEEDS_PATH = {str(seeds)!r}\n"
        f"DAFTAR_SEEDS_REFERENCE_DATE = {REFERENCE_DATE!r}\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n", "utf-8")
    pelican = str(Path(sys.executable).with_name("pelican"))
    proc = subprocess.Popen([pelican, str(ROOT / "content"), "-s", str(conf), "-o", str(out), "--autoreload"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        assert _wait(lambda: len(_titles(out)) == 5, proc), "the first build did not finish"
        path = seeds / "003_e296fb844f5b8a25.txt"
        path.write_text(path.read_text("utf-8").replace("مزيد من التقدم", "خطوة أخرى من التقدم", 1), "utf-8")
        assert _wait(lambda: "خطوة أخرى" in _titles(out).get("003_e296fb844f5b8a25", ""), proc), \
            "editing a seed did not rebuild"
        (seeds / "new-seed.txt").write_bytes((SEEDS / "000_45a8cd35f748c1ef.txt").read_bytes())
        assert _wait(lambda: "new-seed" in _titles(out), proc), "adding a seed did not rebuild"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
