"""Shared test helpers: paths, the shared corpus, real Pelican builds."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()
GOLD = (ROOT / ".." / "shared" / "gold").resolve()

#: The build date used by tests, so year-less dates resolve the same on every machine/day.
REFERENCE_DATE = "2024-11-21"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def build_site(out: Path, seeds: Path | None = None, **overrides) -> Path:
    """Build the real site with Pelican into ``out`` (seeds from ``seeds``)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "OUTPUT_PATH": str(out),
            "DAFTAR_SEEDS_PATH": str(seeds or SEEDS),
            "DAFTAR_SEEDS_REFERENCE_DATE": REFERENCE_DATE,
            # one per-seed cache for the whole test session (entries are keyed by their inputs)
            "CACHE_PATH": CACHE,
            **overrides,
        },
    )
    Pelican(settings).run()
    return out


def texts(site: Path) -> dict[str, str]:
    """Each article's full text, from the corpus download (one JSON object a line)."""
    out = {}
    with gzip.open(site / "data" / "corpus.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out[d["id"]] = d["text"]
    return out


def copy_seeds(dest: Path, extra: dict[str, bytes] | None = None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for p in seed_paths():
        shutil.copyfile(p, dest / p.name)
    for name, data in (extra or {}).items():
        (dest / name).write_bytes(data)
    return dest


#: The per-seed cache shared by every build of one test session.
CACHE = os.environ.get("DAFTAR_TEST_CACHE") or tempfile.mkdtemp(prefix="daftar-test-cache-")

os.environ.setdefault("SOURCE_DATE_EPOCH", "1732147200")  # 2024-11-21, for reproducible builds
