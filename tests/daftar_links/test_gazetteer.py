"""Gazetteer data and its validation."""
from __future__ import annotations

import pytest

from daftar_links.gazetteer import TYPES, load_gazetteer, parse_gazetteer
from support import ROOT


def test_shipped_gazetteer_loads_and_covers_the_seeds():
    gaz = load_gazetteer(ROOT / "content" / "gazetteer.yaml")
    need = {"zarif", "lavrov", "shoigu", "putin", "amir-abdollahian", "raisi", "rouhani", "hatami",
            "ashtiani", "novak", "pompeo", "kazem-jalali", "iran", "russia", "moscow", "tehran", "syria",
            "yemen", "gaza", "ukraine", "caspian", "un", "unsc", "iaea", "iaea-board", "nato", "cica",
            "jcpoa", "arms-embargo", "resolution-2231", "sanctions"}
    assert need <= set(gaz.entities)
    for e in gaz.entities.values():
        assert e.type in TYPES and e.names.get("fa") and e.names.get("ar") and e.names.get("en"), e.id


@pytest.mark.parametrize("data,message", [
    ([{"id": "x", "type": "person", "names": {"fa": ["x"]}, "colour": "red"}], "unknown field 'colour'"),
    ([{"id": "X Y", "type": "person", "names": {"fa": ["x"]}}], "field 'id'"),
    ([{"id": "x", "type": "person", "names": {"fa": ["x"]}}, {"id": "x", "type": "place", "names": {"ar": ["y"]}}],
     "duplicate id"),
    ([{"id": "x", "type": "person", "names": {"de": ["x"]}}], "field 'names'"),
    ([{"id": "x", "type": "person", "names": {"fa": ["x"]}, "wikidata": "42"}], "field 'wikidata'"),
    ([{"id": "x", "type": "person", "names": {"fa": ["x"]}, "aliases": [{"text": "y"}]}], "field 'aliases'"),
    ({"id": "x"}, "expected a list"),
])
def test_invalid_entries_name_file_entry_and_field(data, message):
    with pytest.raises(ValueError) as exc:
        parse_gazetteer(data, "g.yaml")
    assert message in str(exc.value) and str(exc.value).startswith("g.yaml")
