"""Each cleaning rule on its own cases (clean_cases.json), texts that must not change, and the
registry itself: the runner and these tests iterate the same ordered registry."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from support import CORPUS, seed_paths
from daftar_seeds.clean import RULES, Rule, apply_text_rules, clean_document, line_rule
from daftar_seeds.dates import find_dates
from daftar_seeds.document import Document, build_document
from daftar_seeds.fields import extract_fields

HERE = Path(__file__).resolve().parent
CASES = json.loads((HERE / "clean_cases.json").read_text("utf-8"))
UNCHANGED = [ln for ln in (HERE / "clean_unchanged.txt").read_text("utf-8").splitlines() if ln]
TEXT_RULES = {r.name: r for r in RULES.of("text", "*")}


def _lang(text: str) -> str:
    return "fa" if any(ch in text for ch in "پچژگی") else "ar"


@pytest.mark.parametrize("case", CASES["text"], ids=lambda c: f"{c['rule']}: {c['label']}")
def test_text_rule(case):
    assert TEXT_RULES[case["rule"]].fn(case["original"]) == case["expected"]


@pytest.mark.parametrize("case", CASES["lines"], ids=lambda c: f"{c['rule']}: {c['label']}")
def test_line_rule(case):
    res = clean_document(case["original"], case.get("lang") or _lang(case["original"]), find_dates=find_dates)
    if case["line"] is not None:
        line = next(ln for ln in res.lines if ln.n == case["line"])
        assert (line.kind, line.rule) == (case["kind"], case["rule"]), line
    if "field" in case:
        assert line.field == case["field"], line
    if "block" in case:
        first, last = res.block
        assert [res.lines[first].n, res.lines[last].n] == case["block"]


@pytest.mark.parametrize("case", CASES["twins"], ids=lambda c: f"{c['twin_of']}: {c['label']}")
def test_must_not_change_twin(case):
    """The twin of a case: a line that looks alike but must keep its classification."""
    res = clean_document(case["original"], case.get("lang") or _lang(case["original"]), find_dates=find_dates)
    line = next(ln for ln in res.lines if ln.n == case["line"])
    assert (line.kind, line.rule) == (case["kind"], case.get("rule")), line
    labels = {c["label"] for c in CASES["lines"]}
    assert case["twin_of"] in labels


def test_every_registered_rule_has_cases():
    named = {c["rule"] for c in CASES["text"]} | {c["rule"] for c in CASES["lines"]}
    assert set(RULES.names()) <= named, set(RULES.names()) - named
    assert named <= set(RULES.names()), named - set(RULES.names())


def test_registry_order_is_by_kind_then_stage():
    order = [(r.kind, r.stage) for r in RULES]
    stages = [("text", "normalize"), ("text", "repair"), ("line", "parse"), ("line", "chrome"),
              ("line", "dedupe"), ("line", "structure")]
    assert order == sorted(order, key=stages.index)
    assert RULES.names()[:2] == ["normalize_newlines", "remove_bidi_controls"]


def test_every_rule_has_a_docstring():
    for rule in RULES:
        assert rule.doc, rule.name


def test_a_newly_registered_rule_runs_and_is_logged():
    """A decorated rule runs without any edit to the runner, and the log names it."""
    page_text = "عنوان خبر آزمایشی درباره ایران\n\nمتن خبر درباره روابط ایران و روسیه است که در این جمله آمده است.\n\nلینک اختبار"
    seen = []

    @line_rule("chrome")
    def drop_test_marker_lines(page):
        """Test rule: a line that says «اختبار» is chrome."""
        seen.append(page.rule)
        for ln in page.lines:
            if ln.kind == "body" and "اختبار" in ln.text:
                page.mark(ln, "chrome")

    try:
        res = clean_document(page_text, "fa")
        assert seen == ["drop_test_marker_lines"]
        assert {"rule": "drop_test_marker_lines", "action": "chrome", "line": 5, "text": "لینک اختبار"} in res.log()
        # ordered by stage: after the other chrome rules registered before it, before dedupe
        names = RULES.names()
        assert names.index("drop_navigation_runs") < names.index("drop_test_marker_lines") < names.index("drop_repeated_lines")
    finally:
        RULES.remove("drop_test_marker_lines")
    assert "drop_test_marker_lines" not in RULES


def test_registry_refuses_unknown_stages_and_duplicates():
    with pytest.raises(ValueError):
        RULES.add(Rule("x", "line", "cleanup", lambda page: None))
    with pytest.raises(ValueError):
        RULES.add(Rule("normalize_newlines", "text", "normalize", lambda t: t))


def _all_logs():
    pages = [p.read_bytes() for p in seed_paths()]
    if (CORPUS / "MANIFEST.tsv").exists():
        pages += [p.read_bytes() for p in sorted(CORPUS.glob("*.txt"))]
    pages += [c["original"].encode("utf-8") for c in CASES["lines"] + CASES["twins"]]
    for raw in pages:
        doc = build_document(raw, "x", reference=None)
        if isinstance(doc, Document):
            yield doc


def test_the_log_names_only_registered_rules():
    names = set(RULES.names())
    seen = set()
    for doc in _all_logs():
        for entry in doc.cleaning_log:
            assert entry["rule"] in names, entry
            seen.add(entry["rule"])
        assert set(doc.cleaning) <= names
    assert {"take_headline", "drop_outside_article", "read_credits_on_lines"} <= seen


def test_extraction_does_not_change_the_cleaning_result():
    for path in seed_paths():
        text = path.read_text("utf-8")
        res = clean_document(text, _lang(text))
        before = copy.deepcopy(res)
        extract_fields(res, res.lang, reference=None)
        assert repr(res.lines) == repr(before.lines)
        assert (res.title_text, res.title_marker, res.block, res.truncated) == \
            (before.title_text, before.title_marker, before.block, before.truncated)


@pytest.mark.parametrize("text", UNCHANGED)
def test_text_rules_leave_these_alone(text):
    for rule in RULES.of("text", "*"):
        assert rule.fn(text) == text, rule.name


def test_sidecar_text_uses_the_same_text_rules():
    text, log = apply_text_rules("عنوان\u202e مهم\x00", "fa", ("normalize",))
    assert text == "عنوان مهم" and set(log) <= set(TEXT_RULES)


@pytest.mark.parametrize("text", UNCHANGED)
def test_article_lines_survive_cleaning(text):
    """A line of article prose between two others is kept whole, in either language."""
    before = "این جمله نخست متن خبر است که دربارهٔ روابط دو کشور نوشته شده است."
    page = f"{before}\n\n{text}\n\n{before.replace('نخست', 'پایانی')}"
    res = clean_document(page, "fa" if "ی" in text else "ar", find_dates=find_dates)
    kinds = {ln.n: ln.kind for ln in res.lines}
    # prose stays; metadata-shaped lines (URLs, dates) are taken as metadata, never silently lost
    assert kinds[3] in ("body", "meta"), (text, kinds)
