"""ZWNJ repair: per-rule cases, texts that must not change, properties, and the gold of the
seeds scored as fixed / missed / wrong (run with -s to see the figures)."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar_seeds.zwnj import ZWNJ, fix_glued_zwnj, fix_spaced_zwnj
from support import GOLD, SEEDS

HERE = Path(__file__).resolve().parent
CASES = json.loads((HERE / "zwnj_cases.json").read_text("utf-8"))
UNCHANGED = [ln for ln in (HERE / "zwnj_unchanged.txt").read_text("utf-8").splitlines() if ln.strip()]
RULES = {"fix_glued_zwnj": fix_glued_zwnj, "fix_spaced_zwnj": fix_spaced_zwnj}
WORD = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+")


def repair(text: str) -> str:
    return fix_glued_zwnj(fix_spaced_zwnj(text))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['rule']}: {c['label']}")
def test_case(case):
    assert RULES[case["rule"]](case["original"]) == case["expected"]


@pytest.mark.parametrize("text", UNCHANGED)
def test_must_not_change(text):
    assert repair(text) == text


def gold():
    path = GOLD / "zwnj_seeds.json"
    if not path.exists():
        pytest.skip("../shared/gold is not present")
    return json.loads(path.read_text("utf-8"))


def score_glued(gold_map: dict, debatable: set, texts: list[str]) -> tuple[int, int, int, Counter]:
    fixed = missed = wrong = 0
    wrongs: Counter = Counter()
    for text in texts:
        out = repair(text)
        assert out.replace(ZWNJ, "") == text.replace(ZWNJ, "")  # letters never change
        for word in WORD.findall(out):
            glued = word.replace(ZWNJ, "")
            if glued in gold_map:
                if word == gold_map[glued]:
                    fixed += 1
                else:
                    missed += 1
            elif ZWNJ in word and glued not in debatable and word not in text:
                wrong += 1
                wrongs[word] += 1
    return fixed, missed, wrong, wrongs


def test_gold_001_002():
    g = gold()
    texts = [next(SEEDS.glob(p + "_*.txt")).read_text("utf-8") for p in ("001", "002")]
    total = sum(len(re.findall(rf"(?<![\w\u200c]){re.escape(w)}(?![\w\u200c])", t)) for t in texts for w in g["glued_001_002"])
    fixed, missed, wrong, wrongs = score_glued(g["glued_001_002"], set(g["debatable"]), texts)
    print(f"\nZWNJ gold 001-002: {fixed}/{total} fixed, {missed} missed, {wrong} wrong {dict(wrongs)}")
    assert fixed >= total - 2 and fixed >= 43
    assert wrong == 0
    for w in g["word_break"]:  # a missing space is not a missing ZWNJ
        assert all(w not in repair(t).replace(ZWNJ, "") or ZWNJ not in _word_at(repair(t), w) for t in texts)


def _word_at(text: str, glued: str) -> str:
    for word in WORD.findall(text):
        if word.replace(ZWNJ, "") == glued:
            return word
    return ""


def test_gold_000():
    g = gold()
    text = next(SEEDS.glob("000_*.txt")).read_text("utf-8")
    out = repair(text)
    assert out.replace(ZWNJ, "").replace(" ", "") == text.replace(ZWNJ, "").replace(" ", "")
    for glued, standard in g["glued_000"].items():
        assert standard in out, glued
    spaced_fixed = sum(1 for pair in g["spaced_000"] if _joined(out, pair))
    print(f"\nZWNJ gold 000: glued {len(g['glued_000'])}/{len(g['glued_000'])}, spaced {spaced_fixed}/{len(g['spaced_000'])}")
    for pair in ("همکاری های", "می یابد", "بین الملل", "تحریم های", "هسته ای", "منطقه ای", "داشته اند"):
        assert _joined(out, pair), pair
    # the trap: "قرار دادهای" (contracts) must not become "داده‌ای"
    assert "داده\u200cای" not in out and "قرار دادهای" in out


def _joined(out: str, pair: str) -> bool:
    parts = pair.split()
    return re.search(r"(?<![\w\u200c])" + r"\u200c?".join(map(re.escape, parts)).replace(" ", "") + r"(?![\w])",
                     out.replace(" ", "\u0001")) is not None and (ZWNJ.join(parts) in out or "".join(parts) in out.replace(ZWNJ, "") and pair not in out)


PERSIANISH = st.lists(st.sampled_from(list("ابتپجچدرزسشکگلمنوهیيكة ‌ای") + [
    "می", "ها", "های", "تر", "ترین", "https://x.ir/a", "1401/07/27", "CICA", "\n", "،", ".", " ", "و"]),
    max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(PERSIANISH)
def test_properties(text):
    for rule in RULES.values():
        out = rule(text)
        assert out.replace(ZWNJ, "").replace(" ", "") == text.replace(ZWNJ, "").replace(" ", "")
        assert rule(out) == out  # idempotent
        assert len(out) >= len(text) - text.count(" ")
