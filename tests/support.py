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


#: The days of the copies :func:`story_seeds` makes (not in order, so "oldest first" is tested).
STORY_DAYS = (24, 19, 30, 21, 26, 17, 28, 23, 25, 20)


def story_seeds(dest: Path, copies: int = 6) -> tuple[Path, list[str]]:
    """The seeds plus ``copies`` reposts of the fifth seed, so that they make one same-story
    cluster (the seeds alone make none): each copy has one word added in the middle of its
    body and another day of the same month. Returns the folder and the ids of the story."""
    import re

    original = seed_paths()[4]
    text = original.read_text(encoding="utf-8")
    paras = text.split("\n\n")
    mid = len(paras) // 2
    extra = {}
    for n in range(copies):
        words = paras[mid].split(" ")
        words.insert(len(words) // 2, "أيضاً")
        body = "\n\n".join(paras[:mid] + [" ".join(words)] + paras[mid + 1:])
        body = re.sub(r"\b(\d{4})-(\d{2})-\d{2}\b", lambda m: f"{m[1]}-{m[2]}-{STORY_DAYS[n % len(STORY_DAYS)]:02d}", body, count=1)
        extra[f"{original.stem[:3]}_copy{n + 1}.txt"] = body.encode("utf-8")
    return copy_seeds(dest, extra), sorted([original.stem] + [Path(k).stem for k in extra])


#: The per-seed cache shared by every build of one test session.
CACHE = os.environ.get("DAFTAR_TEST_CACHE") or tempfile.mkdtemp(prefix="daftar-test-cache-")

os.environ.setdefault("SOURCE_DATE_EPOCH", "1732147200")  # 2024-11-21, for reproducible builds
