"""Regenerate the golden files of the seeds: `python tests/golden/regenerate.py`.

Each tests/golden/<id>.json holds what the pure core makes of one seed (metadata fields,
cleaned paragraphs, the cleaning rules that fired). test_golden.py compares against them, so a
change in cleaning or metadata shows up as a reviewable diff of these files.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]

from support import REFERENCE_DATE, seed_paths  # noqa: E402

from daftar_seeds.document import build_document  # noqa: E402

GOLDEN = Path(__file__).resolve().parent
#: Built files kept as golden: one Persian and one Arabic article page, and the data download.
SITE_FILES = ("articles/000_45a8cd35f748c1ef.html", "articles/003_e296fb844f5b8a25.html", "data/articles.json")


def snapshot(path: Path) -> dict:
    doc = build_document(path.read_bytes(), path.stem, reference=dt.date.fromisoformat(REFERENCE_DATE))
    return {"id": doc.id, "lang": doc.lang, "fields": doc.fields, "paragraphs": doc.paragraphs,
            "cleaning": doc.cleaning}


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def build() -> Path:
    """A real build of the seeds into a temporary folder (as the test suite's ``site``)."""
    import tempfile

    from support import build_site

    return build_site(Path(tempfile.mkdtemp(prefix="daftar-golden-")) / "output")


if __name__ == "__main__":
    for p in seed_paths():
        (GOLDEN / f"{p.stem}.json").write_text(dump(snapshot(p)), "utf-8")
        print("wrote", p.stem)
    out = build()
    for name in SITE_FILES:
        dest = GOLDEN / "site" / name.replace("/", "__")
        dest.parent.mkdir(exist_ok=True)
        dest.write_bytes((out / name).read_bytes())
        print("wrote", dest.relative_to(GOLDEN))
