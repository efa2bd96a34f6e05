"""Entity matching precision and recall against hand-checked lists (run with -s for figures)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from daftar_links.gazetteer import load_gazetteer
from daftar_links.matcher import Matcher
from daftar_seeds.document import build_document
from support import REFERENCE_DATE, ROOT, SEEDS

EXPECTED = json.loads((Path(__file__).resolve().parent / "entities_expected.json").read_text("utf-8"))
M = Matcher(load_gazetteer(ROOT / "content" / "gazetteer.yaml"))


def found(path: Path) -> set[str]:
    d = build_document(path.read_bytes(), path.stem, reference=dt.date.fromisoformat(REFERENCE_DATE))
    return set(M.entities(d.title + "\n" + d.text))


def prf(pairs) -> tuple[float, float, int, int, int]:
    tp = sum(len(g & e) for g, e in pairs)
    fp = sum(len(g - e) for g, e in pairs)
    fn = sum(len(e - g) for g, e in pairs)
    return tp / ((tp + fp) or 1), tp / ((tp + fn) or 1), tp, fp, fn


def test_seeds_precision_recall():
    pairs = [(found(next(SEEDS.glob(k + "_*.txt"))), set(v)) for k, v in EXPECTED["seeds"].items()]
    p, r, tp, fp, fn = prf(pairs)
    print(f"\nentities on the seeds: precision {p:.3f} recall {r:.3f} (tp {tp}, fp {fp}, fn {fn})")
    assert p >= 0.97 and r >= 0.97


@pytest.mark.corpus
def test_corpus_precision_recall(corpus_dir):
    pairs = [(found(corpus_dir / k), set(v)) for k, v in EXPECTED["corpus"].items()]
    p, r, tp, fp, fn = prf(pairs)
    print(f"\nentities on the corpus: precision {p:.3f} recall {r:.3f} (tp {tp}, fp {fp}, fn {fn})")
    assert p >= 0.95 and r >= 0.95
