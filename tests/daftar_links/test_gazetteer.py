"""The gazetteer data and its validation: errors name the file, the entry and the field."""
from __future__ import annotations

from pathlib import Path

import pytest

from daftar_links.gazetteer import TYPES, load_gazetteer, parse_gazetteer

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "content" / "gazetteer.yaml"

#: The entities the issue asks for by name.
REQUIRED = {
    "zarif", "lavrov", "shoigu", "putin", "amir-abdollahian", "raisi", "rouhani", "hatami",
    "ashtiani", "novak", "pompeo", "kazem-jalali", "iran", "russia", "moscow", "tehran", "syria",
    "yemen", "gaza", "ukraine", "caspian", "usa", "china", "turkey", "azerbaijan", "armenia",
    "un", "unsc", "iaea", "iaea-board", "nato", "cica", "jcpoa", "arms-embargo",
    "resolution-2231", "sanctions",
}


def test_shipped_gazetteer_loads_and_covers_the_issue():
    gaz = load_gazetteer(GAZETTEER)
    assert REQUIRED <= set(gaz.entities), REQUIRED - set(gaz.entities)
    for ent in gaz.entities.values():
        assert ent.type in TYPES
        # a CLDR name that is also a common word is dropped (cldr_selection.yaml), so one
        # language may lack a plain name (it may still have a context alias)
        assert ent.names.get("en") and (ent.names.get("fa") or ent.names.get("ar") or ent.aliases), ent.id
        if ent.id in REQUIRED:
            assert ent.names.get("fa") and ent.names.get("ar"), ent.id
    assert [e.id for e in gaz.by_type()["person"]] == sorted(e.id for e in gaz.by_type()["person"])
    assert gaz.entities["putin"].wikidata == "Q7747"


GOOD = {"id": "x", "type": "person", "names": {"fa": ["ایکس"]}}


@pytest.mark.parametrize("description,data,message", [
    ("unknown field", [dict(GOOD, colour="red")], "entry 'x': field 'colour': unknown field"),
    ("missing id", [{"type": "person", "names": {"fa": ["x"]}}], "entry #1: field 'id': missing"),
    ("id not a slug", [dict(GOOD, id="X Y")], "entry 'X Y': field 'id'"),
    ("duplicate id", [GOOD, dict(GOOD, names={"ar": ["واي"]})], "entry 'x': field 'id': duplicate id (entries #1 and #2)"),
    ("bad type", [dict(GOOD, type="planet")], "field 'type': 'planet' is not one of"),
    ("names missing", [{"id": "x", "type": "person"}], "field 'names'"),
    ("unknown language", [dict(GOOD, names={"de": ["x"]})], "field 'names': unknown language 'de'"),
    ("names not a list", [dict(GOOD, names={"fa": "ایکس"})], "field 'names.fa'"),
    ("blank name", [dict(GOOD, names={"fa": [" "]})], "field 'names.fa'"),
    ("name of punctuation only", [dict(GOOD, names={"fa": ["«»"]})], "has no letters or digits"),
    ("bad wikidata", [dict(GOOD, wikidata="42")], "field 'wikidata'"),
    ("alias without rule", [dict(GOOD, aliases=[{"text": "y"}])], "field 'aliases[0]': an alias needs"),
    ("alias unknown field", [dict(GOOD, aliases=[{"text": "y", "requires_any": ["z"], "near": 2}])],
     "field 'aliases[0].near': unknown field"),
    ("alias bad window", [dict(GOOD, aliases=[{"text": "y", "requires_any": ["z"], "window": 0}])],
     "field 'aliases[0].window'"),
    ("alias bad lang", [dict(GOOD, aliases=[{"text": "y", "requires_any": ["z"], "lang": "de"}])],
     "field 'aliases[0].lang'"),
    ("same name for two entities (after folding)",
     [dict(GOOD, names={"fa": ["ظریف"]}), {"id": "y", "type": "person", "names": {"ar": ["ظريف"]}}],
     "entry 'y': field 'names': 'ظريف' is also a name of entry 'x'"),
    ("not a list", {"id": "x"}, "expected a list of entries"),
    ("entry not a mapping", ["x"], "entry #1: must be a mapping"),
])
def test_invalid_data_names_file_entry_and_field(description, data, message):
    with pytest.raises(ValueError) as exc:
        parse_gazetteer(data, "g.yaml")
    assert str(exc.value).startswith("g.yaml: ") and message in str(exc.value), (description, str(exc.value))


def test_load_names_the_path(tmp_path):
    bad = tmp_path / "gaz.yaml"
    bad.write_text("- id: a\n  type: place\n  names: {fa: [الف]}\n  colour: red\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gaz\.yaml: entry 'a': field 'colour'"):
        load_gazetteer(bad)
    bad.write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gaz\.yaml: invalid YAML"):
        load_gazetteer(bad)


def test_aliases_and_false_friends_are_kept():
    gaz = parse_gazetteer([dict(GOOD, false_friends=["ایکسی"],
                                aliases=[{"text": "ایک", "lang": "fa", "requires_any": ["آقای"], "window": 2}])])
    ent = gaz.entities["x"]
    assert ent.false_friends == ("ایکسی",)
    assert ent.aliases[0].requires_any == ("آقای",) and ent.aliases[0].window == 2
    assert ent.display("ar") == "ایکس"


def test_an_alias_bomb_in_the_gazetteer_is_refused_before_it_expands(tmp_path):
    """Nine lines of aliases (10^9 strings once walked) are one message naming the file and line."""
    from daftar_links.gazetteer import load_gazetteer

    lines = ['- &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"- &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    bomb = tmp_path / "gazetteer.yaml"
    bomb.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(ValueError, match=r"gazetteer.yaml: line 1: anchors and aliases are not allowed"):
        load_gazetteer(bomb)


def test_gazetteer_messages_never_show_a_long_value_whole(tmp_path):
    from daftar_links.gazetteer import load_gazetteer

    g = tmp_path / "gazetteer.yaml"
    g.write_text(f"- id: x\n  type: place\n  names: {{fa: ['{'ب' * 100000}'], xx: ['y']}}\n", "utf-8")
    with pytest.raises(ValueError) as err:
        load_gazetteer(g)
    assert len(str(err.value)) < 400, len(str(err.value))


def test_an_oversized_gazetteer_file_is_refused(tmp_path, monkeypatch):
    from daftar_links import gazetteer

    monkeypatch.setattr(gazetteer, "MAX_GAZETTEER_BYTES", 100)
    g = tmp_path / "gazetteer.yaml"
    g.write_text("- id: x\n  type: place\n  names: {fa: [" + "'ب', " * 50 + "]}\n", "utf-8")
    with pytest.raises(ValueError, match="more than the 100"):
        gazetteer.load_gazetteer(g)
