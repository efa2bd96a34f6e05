"""Gazetteer growth from CLDR: the generated file is current, curated drops hold, merges work."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from daftar_links.cldr import SELECTION, cldr_entries, generate
from daftar_links.gazetteer import load_gazetteer, parse_gazetteer
from daftar_links.matcher import Matcher

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "content" / "gazetteer-cldr.yaml"
GAZ = load_gazetteer(ROOT / "content" / "gazetteer.yaml")
M = Matcher(GAZ)


def test_generated_file_is_current():
    """Regenerate with: PYTHONPATH=plugins .venv/bin/python -m daftar_links.cldr"""
    assert GENERATED.read_text(encoding="utf-8") == generate(), "content/gazetteer-cldr.yaml is out of date"


def test_the_gazetteer_includes_it():
    assert [Path(f).name for f in GAZ.files] == ["gazetteer.yaml", "gazetteer-cldr.yaml"]
    assert len(GAZ.entities) > 300
    assert GAZ.entities["vienna"].names == {"fa": ["وین"], "ar": ["فيينا"], "en": ["Vienna"]}
    assert GAZ.entities["mali"].wikidata == "Q912"


def test_hand_entries_come_first_and_gain_cldr_names():
    russia = GAZ.entities["russia"]
    assert russia.names["fa"][0] == "روسیه" and russia.wikidata == "Q159"
    assert "Russia" in russia.names["en"]


@pytest.mark.parametrize("description,text,lang,entity", [
    ("مالی = financial", "کمک مالی به دولت", "fa", "mali"),
    ("مالي = financial", "الدعم المالي للحكومة", "ar", "mali"),
    ("چک = cheque", "یک چک بی محل", "fa", "czechia"),
    ("مصر = insistent", "ایران بر مواضع خود مصر است", "fa", "egypt"),
    ("عمان = Amman or Oman", "وصل إلى عمان أمس", "ar", "oman"),
    ("بنين = sons", "مدرسة للبنين", "ar", "benin"),
    ("دوشنبه = Monday", "روز دوشنبه جلسه برگزار شد", "fa", "dushanbe"),
    ("کیف = bag", "کیف خود را برداشت", "fa", "kyiv"),
    ("مسقط رأس = birthplace", "في مسقط رأسه", "ar", "muscat"),
    ("صوفيا = a name", "قالت صوفيا إن", "ar", "sofia"),
    ("آسيا = a name", "حوار: آسيا العتروس", "ar", "asia"),
    ("المغرب = sunset prayer", "بعد صلاة المغرب", "ar", "morocco"),
    ("پرو = fitting", "اتاق پرو", "fa", "peru"),
    ("در آستانه = on the verge", "در آستانه انتخابات", "fa", "astana"),
    ("تاس = dice", "تاس انداخت", "fa", "tass"),
])
def test_cldr_false_friends_are_not_linked(description, text, lang, entity):
    assert entity in GAZ.entities, entity
    assert entity not in M.entities(text, lang=lang), (description, M.find(text, lang=lang))


@pytest.mark.parametrize("description,text,lang,entity", [
    ("Mali in context", "شمال مالي", "ar", "mali"),
    ("Republic of Mali", "جمهوری مالی", "fa", "mali"),
    ("Egypt", "سفر به مصر و اردن", "fa", "egypt"),
    ("Sultanate of Oman", "سلطنة عمان", "ar", "oman"),
    ("Vienna", "مذاکرات وین", "fa", "vienna"),
    ("Vienna, Arabic", "محادثات فيينا", "ar", "vienna"),
    ("Doha", "في العاصمة القطرية الدوحة", "ar", "doha"),
    ("Kyiv in context", "پایتخت اوکراین کیف", "fa", "kyiv"),
    ("Astana talks", "روند آستانه", "fa", "astana"),
    ("Asia as a region", "جنوب شرقي آسيا", "ar", "asia"),
])
def test_cldr_places_are_linked(description, text, lang, entity):
    assert entity in M.entities(text, lang=lang), (description, M.find(text, lang=lang))


def test_selection_errors_name_the_key():
    with pytest.raises(ValueError, match="'XX' is not a CLDR territory"):
        cldr_entries({"territories": {"XX": {}}})
    with pytest.raises(ValueError, match="Europe/Atlantis"):
        cldr_entries({"cities": {"Europe/Atlantis": {}}})
    with pytest.raises(ValueError, match="both give id 'moscow'"):
        cldr_entries({"skip_territories": {}, "territories": {"RU": {"id": "moscow"}},
                      "cities": {"Europe/Moscow": {}}})


def test_every_skip_has_a_reason():
    sel = yaml.safe_load(SELECTION.read_text(encoding="utf-8"))
    assert all(isinstance(v, str) and v.strip() for v in sel["skip_territories"].values())


def test_merge_conflicts_are_errors():
    base = [{"id": "x", "type": "place", "wikidata": "Q1", "names": {"en": ["X"]}}]
    for other, message in [({"id": "x", "type": "person", "names": {"en": ["X"]}}, "field 'type'"),
                           ({"id": "x", "type": "place", "wikidata": "Q2", "names": {"en": ["X"]}}, "field 'wikidata'")]:
        with pytest.raises(ValueError, match=message):
            parse_gazetteer(base + [{"include": "more"}], "g.yaml", include=lambda s, n, o=other: ([o], "more.yaml"))
    with pytest.raises(ValueError, match="use load_gazetteer"):
        parse_gazetteer([{"include": "more.yaml"}], "g.yaml")


def test_missing_include_names_the_file(tmp_path):
    (tmp_path / "g.yaml").write_text("- include: nowhere.yaml\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'nowhere.yaml' not found"):
        load_gazetteer(tmp_path / "g.yaml")


def test_fingerprint_covers_included_files(tmp_path):
    (tmp_path / "g.yaml").write_text("- include: more.yaml\n", encoding="utf-8")
    (tmp_path / "more.yaml").write_text("- {id: a, type: place, names: {en: [A]}}\n", encoding="utf-8")
    first = load_gazetteer(tmp_path / "g.yaml").fingerprint()
    (tmp_path / "more.yaml").write_text("- {id: a, type: place, names: {en: [A, AA]}}\n", encoding="utf-8")
    assert load_gazetteer(tmp_path / "g.yaml").fingerprint() != first
