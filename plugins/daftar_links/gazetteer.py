"""The gazetteer: people, organisations, places and topics, with names in fa, ar and en.

Data lives in ``content/gazetteer.yaml`` (see its header for the format). Loading validates it
and fails with a message naming the file, the entry and the field, so a curator's typo is
found at once instead of silently dropping an entity.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

TYPES = ("person", "organisation", "place", "topic")
LANGS = ("fa", "ar", "en")
ENTRY_FIELDS = {"id", "type", "names", "wikidata", "aliases"}
ALIAS_FIELDS = {"text", "lang", "requires_any", "window"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Alias:
    """A name that counts only when one of ``requires_any`` stands within ``window`` words."""

    text: str
    lang: str
    requires_any: tuple[str, ...]
    window: int = 3


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    names: dict
    wikidata: str | None = None
    aliases: tuple[Alias, ...] = ()

    def display(self, lang: str) -> str:
        for code in (lang, "en", "fa", "ar"):
            if self.names.get(code):
                return self.names[code][0]
        return self.id


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)

    def by_type(self) -> dict[str, list[Entity]]:
        out: dict[str, list[Entity]] = {t: [] for t in TYPES}
        for e in self.entities.values():
            out[e.type].append(e)
        return out


def parse_gazetteer(data, name: str = "gazetteer") -> Gazetteer:
    """Validate parsed YAML and build the gazetteer; ValueError names file, entry and field.

    >>> g = parse_gazetteer([{"id": "iran", "type": "place", "names": {"fa": ["ایران"], "ar": ["إيران"]}}])
    >>> g.entities["iran"].display("ar")
    'إيران'
    >>> parse_gazetteer([{"id": "x", "type": "planet", "names": {"fa": ["x"]}}], "g.yaml")
    Traceback (most recent call last):
    ValueError: g.yaml: entry 'x': field 'type': 'planet' is not one of person, organisation, place, topic
    """
    if not isinstance(data, list):
        raise ValueError(f"{name}: expected a list of entries")
    gaz = Gazetteer()
    for i, entry in enumerate(data):
        where = f"{name}: entry {entry.get('id', i)!r}" if isinstance(entry, dict) else f"{name}: entry {i}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: not a mapping")
        unknown = sorted(set(entry) - ENTRY_FIELDS)
        if unknown:
            raise ValueError(f"{where}: unknown field {unknown[0]!r}")
        eid = entry.get("id")
        if not isinstance(eid, str) or not _ID_RE.match(eid):
            raise ValueError(f"{where}: field 'id': must be a lower-case ASCII slug")
        if eid in gaz.entities:
            raise ValueError(f"{where}: field 'id': duplicate id")
        if entry.get("type") not in TYPES:
            raise ValueError(f"{where}: field 'type': {entry.get('type')!r} is not one of {', '.join(TYPES)}")
        names = entry.get("names")
        if not isinstance(names, dict) or not names or set(names) - set(LANGS):
            raise ValueError(f"{where}: field 'names': a mapping of fa/ar/en to lists of names")
        clean_names = {}
        for lang, vals in names.items():
            if not isinstance(vals, list) or not all(isinstance(v, str) and v.strip() for v in vals):
                raise ValueError(f"{where}: field 'names.{lang}': a list of names")
            clean_names[lang] = [v.strip() for v in vals]
        wd = entry.get("wikidata")
        if wd is not None and not re.match(r"^Q[0-9]+$", str(wd)):
            raise ValueError(f"{where}: field 'wikidata': {wd!r} is not a Q-id")
        aliases = []
        for a in entry.get("aliases") or []:
            if not isinstance(a, dict) or set(a) - ALIAS_FIELDS or not a.get("text") or not a.get("requires_any"):
                raise ValueError(f"{where}: field 'aliases': each needs text and requires_any")
            aliases.append(Alias(a["text"], a.get("lang", ""), tuple(a["requires_any"]), int(a.get("window", 3))))
        gaz.entities[eid] = Entity(eid, entry["type"], clean_names, wd, tuple(aliases))
    return gaz


def load_gazetteer(path) -> Gazetteer:
    with open(path, encoding="utf-8") as fh:
        try:
            data = yaml.safe_load(fh)
        except yaml.YAMLError as exc:
            raise ValueError(f"{path}: invalid YAML: {exc}") from None
    return parse_gazetteer(data, str(path))
