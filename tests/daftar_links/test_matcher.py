"""Entity matching: the seeds' expected lists, clitics, false friends, and properties."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar_links.gazetteer import load_gazetteer
from daftar_links.matcher import Matcher
from daftar_seeds.document import build_document
from support import REFERENCE_DATE, ROOT, seed_paths

GAZ = load_gazetteer(ROOT / "content" / "gazetteer.yaml")
M = Matcher(GAZ)


@pytest.fixture(scope="module")
def seed_entities() -> dict[str, list[str]]:
    out = {}
    for p in seed_paths():
        d = build_document(p.read_bytes(), p.stem, reference=dt.date.fromisoformat(REFERENCE_DATE))
        out[p.stem[:3]] = M.entities(d.text)
    return out


EXPECTED = {
    "zarif": ["000", "003"], "lavrov": ["000", "001", "002", "003"], "shoigu": ["001", "004"],
    "putin": ["000", "002", "003"], "jcpoa": ["000", "003"], "yemen": ["001", "002"],
    "syria": ["002", "004"],
}


@pytest.mark.parametrize("entity", sorted(EXPECTED))
def test_seed_entity_lists(seed_entities, entity):
    assert [k for k, v in sorted(seed_entities.items()) if entity in v] == EXPECTED[entity]


@pytest.mark.parametrize("text,entity", [
    ("وروسيا", "russia"), ("بروسيا", "russia"), ("لروسيا", "russia"), ("والناتو", "nato"),
    ("بـموسكو", "moscow"), ("فلافروف", "lavrov"), ("وبالاتفاق النووي", "jcpoa"),
    ("روسیه‌ای", "russia"), ("ایران را", "iran"), ("تحریم‌ها", "sanctions"), ("ناتو", "nato"),
    ("ظريف", "zarif"), ("ظریف", "zarif"), ("شویگو", "shoigu"), ("شويغو", "shoigu"),
    ("حسن روحانی", "rouhani"), ("رئیس جمهور روحانی گفت", "rouhani"), ("آقای رئیسی", "raisi"),
    ("تحریم‌های تسلیحاتی", "arms-embargo"), ("مجلس الأمن الدولي", "unsc"),
])
def test_clitics_and_spellings(text, entity):
    assert entity in M.entities(text), (text, M.find(text))


@pytest.mark.parametrize("text,entity", [
    ("یک روحانی در مسجد سخنرانی کرد", "rouhani"),  # روحانی = cleric
    ("رئیس سازمان گفت", "raisi"),
    ("رئیسی برای این اداره انتخاب شد", "raisi"),  # a head, not Raisi (no context)
    ("مناطق مسکونی", "moscow"),
    ("روسری", "russia"),
    ("آژانس مسافرتی", "iaea"),
])
def test_false_friends(text, entity):
    assert entity not in M.entities(text), (text, M.find(text))


def test_longest_name_wins_and_offsets_point_at_the_original_text():
    text = "وزیر امور خارجه، محمد جواد ظریف، با سرگئی لاوروف دیدار کرد."
    ms = M.find(text)
    assert [(m.entity_id, m.surface) for m in ms] == [("zarif", "محمد جواد ظریف"), ("lavrov", "سرگئی لاوروف")]
    for m in ms:
        assert text[m.start:m.end] == m.surface


def test_offsets_survive_harakat_and_tatweel():
    text = "قال ظَرِيف إنّ مـوسـكو"
    ms = M.find(text)
    assert [m.entity_id for m in ms] == ["zarif", "moscow"]
    assert ms[0].surface == "ظَرِيف" and ms[1].surface == "مـوسـكو"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ابتپجچدرزسشظفقکگلمنوهیيكةأإـَُِّ ‌،.") + ["ظریف", "وروسيا", "\n", "حسن روحانی"]),
                max_size=60).map("".join))
def test_find_never_raises_and_offsets_are_valid(text):
    for m in M.find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.surface
        assert m.entity_id in GAZ.entities
