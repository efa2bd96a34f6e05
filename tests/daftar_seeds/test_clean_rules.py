"""Each cleaning rule on its own cases (clean_cases.json), and texts that must not change."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from daftar_seeds.clean import LINE_RULES, TEXT_RULES, clean_document
from daftar_seeds.dates import find_dates

HERE = Path(__file__).resolve().parent
CASES = json.loads((HERE / "clean_cases.json").read_text("utf-8"))
UNCHANGED = [ln for ln in (HERE / "clean_unchanged.txt").read_text("utf-8").splitlines() if ln]


@pytest.mark.parametrize("case", CASES["text"], ids=lambda c: f"{c['rule']}: {c['label']}")
def test_text_rule(case):
    assert TEXT_RULES[case["rule"]](case["original"]) == case["expected"]


@pytest.mark.parametrize("case", CASES["lines"], ids=lambda c: f"{c['rule']}: {c['label']}")
def test_line_rule(case):
    lang = "fa" if any(ch in case["original"] for ch in "پچژگی") else "ar"
    res = clean_document(case["original"], lang, find_dates=find_dates)
    line = next(ln for ln in res.lines if ln.n == case["line"])
    assert (line.kind, line.rule) == (case["kind"], case["rule"]), line


def test_every_rule_has_cases():
    named = {c["rule"] for c in CASES["text"]} | {c["rule"] for c in CASES["lines"]}
    assert set(TEXT_RULES) <= named
    assert set(LINE_RULES) <= named


@pytest.mark.parametrize("text", UNCHANGED)
def test_text_rules_leave_these_alone(text):
    for name, rule in TEXT_RULES.items():
        assert rule(text) == text, name


@pytest.mark.parametrize("text", UNCHANGED)
def test_article_lines_survive_cleaning(text):
    """A line of article prose between two others is kept whole, in either language."""
    before = "این جمله نخست متن خبر است که دربارهٔ روابط دو کشور نوشته شده است."
    page = f"{before}\n\n{text}\n\n{before.replace('نخست', 'پایانی')}"
    res = clean_document(page, "fa" if "ی" in text else "ar", find_dates=find_dates)
    kinds = {ln.n: ln.kind for ln in res.lines}
    # prose stays; metadata-shaped lines (URLs, dates) are taken as metadata, never silently lost
    assert kinds[3] in ("body", "meta"), (text, kinds)
