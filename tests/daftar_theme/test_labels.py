"""Machine names get human labels: every cleaning rule, log action and record field, in both
catalogs; and the filters that show them speak the page's language."""
from __future__ import annotations

import pytest

from daftar_seeds.clean import RULES
from daftar_seeds.document import Rejected, build_document
from daftar_seeds.fields import FIELDS
from daftar_theme import labels
from daftar_theme.catalogs import load_catalogs
from support import ROOT, seed_paths

CATALOGS = load_catalogs(ROOT / "themes" / "daftar" / "translations")


def test_every_registered_rule_has_a_label():
    assert sorted(set(RULES.names()) - set(labels.RULE_LABELS)) == []


def test_no_label_for_a_rule_that_does_not_exist():
    assert sorted(set(labels.RULE_LABELS) - set(RULES.names())) == []


def test_every_record_field_has_a_label():
    assert sorted(set(FIELDS) - set(labels.FIELD_LABELS)) == []


def _logs(paths):
    for p in paths:
        doc = build_document(p.read_bytes(), p.stem)
        if not isinstance(doc, Rejected):
            yield p, doc.cleaning_log


def _check_log_entries(paths):
    unknown = set()
    for path, log in _logs(paths):
        for e in log:
            assert e["rule"] in labels.RULE_LABELS, (path.name, e)
            key = "meta_field" if e["action"] == "meta" and e.get("field") else e["action"]
            if key not in labels.ACTION_LABELS:
                unknown.add(e["action"])
            if e.get("field"):
                assert e["field"] in labels.FIELD_LABELS or e["field"] in labels.LINE_LABELS, (path.name, e)
    assert unknown == set()


def test_every_action_of_the_seeds_logs_has_a_label():
    _check_log_entries(seed_paths())


@pytest.mark.corpus
def test_every_action_of_the_corpus_logs_has_a_label(corpus_dir):
    _check_log_entries(sorted(corpus_dir.glob("*.txt")))


@pytest.mark.parametrize("lang", ["fa", "ar"])
@pytest.mark.parametrize("table", ["RULE_LABELS", "ACTION_LABELS", "FIELD_LABELS", "ZONE_LABELS",
                                   "KIND_LABELS", "CHART_LABELS", "LINE_LABELS"])
def test_every_label_is_translated_without_latin_letters(lang, table):
    cat = CATALOGS[lang]
    for key, msg in getattr(labels, table).items():
        text = cat.gettext(msg)
        assert text != msg, (key, msg)
        latin = [c for c in text.replace("%(count)s", "").replace("%(field)s", "").replace("%(offset)s", "")
                 .replace("%(month)s", "").replace("%(fa)s", "").replace("%(ar)s", "")
                 if c.isascii() and c.isalpha()]
        assert latin == [], (key, text)


def test_action_label_names_the_field_and_counts_in_page_digits():
    from daftar_text.calendars import to_digits

    fa = CATALOGS["fa"].gettext
    field = lambda f: fa(labels.FIELD_LABELS[f])  # noqa: E731
    assert labels.action_label({"action": "meta", "field": "news_code"}, fa, field) == "فراداده: کد خبر"
    assert labels.action_label({"action": "edited", "count": 18}, fa, field,
                               lambda n: to_digits(str(n), "fa")) == "۱۸ مورد اصلاح"
    ar = CATALOGS["ar"].gettext
    assert labels.action_label({"action": "field", "field": "outlet"}, ar,
                               lambda f: ar(labels.FIELD_LABELS[f])) == "مصدر الوسيلة الإعلامية"


def _check_groups_keep_every_entry(paths):
    """The page's grouping of a log shows every entry once, in log order within its rule, and
    a shared action cell only over entries whose action reads the same."""
    for path, log in _logs(paths):
        groups = labels.log_groups(log)
        shown = [e for _rule, rows in groups for e, _span in rows]
        assert sorted(map(id, shown)) == sorted(map(id, log)), path.name
        for rule, rows in groups:
            assert [e for e, _ in rows] == [e for e in log if e["rule"] == rule], path.name
            assert rows[0][1] >= 1 and sum(span for _, span in rows) == len(rows), path.name
            for i, (head, span) in enumerate(rows):
                for e, cont in rows[i + 1:i + span]:
                    assert cont == 0 and (e["action"], e.get("field"), e.get("count")) == \
                        (head["action"], head.get("field"), head.get("count")), path.name


def test_log_groups_keep_every_entry_of_the_seeds():
    _check_groups_keep_every_entry(seed_paths())


@pytest.mark.corpus
def test_log_groups_keep_every_entry_of_the_corpus(corpus_dir):
    _check_groups_keep_every_entry(sorted(corpus_dir.glob("*.txt")))


def test_log_groups_share_an_action_cell_only_for_the_same_words():
    log = [{"rule": "r", "action": "edited", "count": 2}, {"rule": "r", "action": "edited", "count": 3},
           {"rule": "r", "action": "meta", "field": "date", "line": 1},
           {"rule": "r", "action": "meta", "field": "date", "line": 4},
           {"rule": "r", "action": "meta", "field": "desk", "line": 5}]
    [(rule, rows)] = labels.log_groups(log)
    assert rule == "r" and [span for _, span in rows] == [1, 1, 2, 0, 1]
    assert labels.log_groups([]) == []
