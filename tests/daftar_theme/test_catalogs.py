"""Interface catalogs: every template string is translated into Persian and Arabic, with the
same placeholders, nothing fuzzy, and the committed catalogs are what `make catalogs` makes."""
from __future__ import annotations

import re
import shutil

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from support import ROOT

THEME = ROOT / "themes" / "daftar"
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _po(lang):
    with open(THEME / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_every_message_translated(lang):
    pot = {m.id for m in read_po((THEME / "messages.pot").open("rb")) if m.id}
    po = {m.id: m.string for m in _po(lang) if m.id}
    assert pot, "messages.pot is empty"
    missing = sorted(i for i in pot if not po.get(i))
    assert missing == []


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_translations_keep_their_placeholders_and_are_not_fuzzy(lang):
    for m in _po(lang):
        if not m.id:
            continue
        assert "fuzzy" not in m.flags, m.id
        assert sorted(_PLACEHOLDER.findall(m.string)) == sorted(_PLACEHOLDER.findall(m.id)), (m.id, m.string)


def test_catalog_compiles_and_differs_per_language():
    from daftar_theme.catalogs import load_catalogs

    cats = load_catalogs(THEME / "translations")
    assert cats["fa"].gettext("Undated") == "بدون تاریخ"
    assert cats["ar"].gettext("Undated") == "بدون تاريخ"
    assert cats["fa"].gettext("Search") == "جستجو" and cats["ar"].gettext("Search") == "بحث"


def test_make_catalogs_changes_nothing(tmp_path, monkeypatch):
    """The Makefile's extract and update, run on a copy: the template and both catalogs come
    out byte for byte as committed (no dates, no wrapping, nothing stale)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ncatalogs:", 1)[1].split("\n\n", 1)[0]
    commands = [line.strip().replace("$(BIN)/", "") for line in recipe.splitlines()[1:] if line.strip()]
    assert [c.split()[:2] for c in commands] == [["pybabel", "extract"], ["pybabel", "update"]]
    work = tmp_path / "repo"
    shutil.copytree(THEME, work / "themes" / "daftar")
    shutil.copytree(ROOT / "plugins" / "daftar_theme", work / "plugins" / "daftar_theme",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "babel.cfg", work / "babel.cfg")
    monkeypatch.chdir(work)
    for command in commands:
        CommandLineInterface().run(command.split())
    for rel in ["messages.pot", "translations/fa/LC_MESSAGES/messages.po", "translations/ar/LC_MESSAGES/messages.po"]:
        assert (work / "themes" / "daftar" / rel).read_bytes() == (THEME / rel).read_bytes(), rel
