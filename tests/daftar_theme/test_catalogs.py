"""Interface catalogs: every template string is translated into Persian and Arabic."""
from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from support import ROOT

THEME = ROOT / "themes" / "daftar"


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_every_message_translated(lang):
    pot = {m.id for m in read_po((THEME / "messages.pot").open("rb")) if m.id}
    po = {m.id: m.string for m in read_po((THEME / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb")) if m.id}
    assert pot, "messages.pot is empty"
    missing = sorted(i for i in pot if not po.get(i))
    assert missing == []


def test_catalog_compiles_and_differs_per_language():
    from daftar_theme.catalogs import load_catalogs

    cats = load_catalogs(THEME / "translations")
    assert cats["fa"].gettext("Undated") == "بدون تاریخ"
    assert cats["ar"].gettext("Undated") == "بدون تاريخ"
    assert cats["fa"].gettext("Search") == "جستجو" and cats["ar"].gettext("Search") == "بحث"
