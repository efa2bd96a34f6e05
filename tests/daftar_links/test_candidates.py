"""The curator's tool: candidate names after role words and in quotes, never linked names."""
from __future__ import annotations

import pytest

from daftar_links.candidates import candidates_csv, entity_candidates, phrase_candidates
from daftar_links.gazetteer import load_gazetteer
from daftar_links.matcher import Matcher
from support import ROOT

M = Matcher(load_gazetteer(ROOT / "content" / "gazetteer.yaml"))


def linked(text, lang):
    return phrase_candidates(text, lang, [(m.start, m.end) for m in M.find(text, lang=lang)])


def cands(text, lang):
    return [(c[1], c[2], c[3]) for c in linked(text, lang)]


@pytest.mark.parametrize("description,text,lang,expected", [
    ("Arabic role + ال complement", "وزير الخارجية الألماني فرانك فالتر شتاينماير في برلين", "ar",
     [("فرانك فالتر شتاينماير", "role", "وزیر")]),
    ("Arabic spokeswoman", "قالت المتحدثة باسم وزارة الخارجية الروسية ليلى عبد الله إن", "ar",
     [("ليلى عبد الله", "role", "المتحدثه")]),
    ("Arabic deputy minister", "نائب وزير الخارجية الإيراني كاظم غريب آبادي", "ar", [("كاظم غريب آبادي", "role", "نایب")]),
    ("Persian spokesman after a comma", "سخنگوی وزارت امور خارجه روسیه، آندری رودنکو گفت", "fa",
     [("آندری رودنکو", "role", "سخنگوی")]),
    ("Persian ambassador", "سفیر روسیه در تهران الکسی ددوف", "fa", []),  # a known name: linked, not a candidate
    ("Persian quoted name", "جنرال «کنث مک‌کنزی» رئیس ستاد", "fa", [("کنث مک\u200cکنزی", "quoted", "")]),
    ("a verb after the role is no name", "وزیر امور خارجه خاطرنشان کرد", "fa", []),
    ("Arabic quotes are speech", "قال «سيكون اجتماعا ثنائيا»", "ar", []),
])
def test_phrase_candidates(description, text, lang, expected):
    assert cands(text, lang) == expected, description


def test_rows_count_articles_and_are_order_free():
    items = [("b", "fa", linked("سخنگوی کرملین، آندری رودنکو گفت", "fa")),
             ("a", "fa", linked("معاون وزیر خارجه روسیه آندری رودنکو", "fa")),
             ("c", "fa", linked("«علی رضایی»", "fa"))]
    rows = entity_candidates(items)
    assert rows == entity_candidates(list(reversed(items)))
    assert [(r["phrase"], r["articles"], r["mentions"], r["example"], r["kind"]) for r in rows] == [
        ("آندری رودنکو", 2, 2, "a", "role")]
    text = candidates_csv(rows)
    assert text.startswith("\ufeffphrase,lang,kind,role,mentions,articles,example\n")
