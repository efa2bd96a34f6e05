"""The gazetteer: people, organisations, places and topics, with their names in fa, ar and en.

The data lives in ``content/gazetteer.yaml`` (its header documents the format). Loading
validates every entry and fails with a ``ValueError`` naming the file, the entry and the field,
so a curator's typo stops the build at once instead of silently dropping an entity or
linking the wrong one.

Two kinds of names:

* ``names`` always count (after the same letter folding as search);
* ``aliases`` count only with context, because they are also common words: روحانی is the
  surname of Hassan Rouhani and the word for "cleric". An alias carries ``requires_any``
  (one of these words must stand within ``window`` words) and/or ``forbids_any`` (none of
  these may). ``false_friends`` lists words that look like a clitic form of a name but are
  other words (حماسی "epic" is not حماس + ی).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from daftar_text.fold import tokenize

logger = logging.getLogger(__name__)

TYPES = ("person", "organisation", "place", "topic")
LANGS = ("fa", "ar", "en")
ENTRY_FIELDS = frozenset({"id", "type", "names", "wikidata", "aliases", "false_friends"})
ALIAS_FIELDS = frozenset({"text", "lang", "requires_any", "forbids_any", "window"})
DEFAULT_WINDOW = 3
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class Alias:
    """A name that counts only in context (see the module docstring)."""

    text: str
    lang: str | None = None
    requires_any: tuple[str, ...] = ()
    forbids_any: tuple[str, ...] = ()
    window: int = DEFAULT_WINDOW


@dataclass(frozen=True)
class Entity:
    """One person, organisation, place or topic; ``names[lang][0]`` is its display name."""

    id: str
    type: str
    names: dict[str, list[str]]
    wikidata: str | None = None
    aliases: tuple[Alias, ...] = ()
    false_friends: tuple[str, ...] = ()

    def __hash__(self) -> int:  # names is a dict: hash by id so entities can key dicts and sets
        return hash(self.id)

    def display(self, lang: str) -> str:
        """The display name in ``lang``, else in English, Persian, Arabic, else the id.

        >>> Entity("iran", "place", {"fa": ["ایران"], "en": ["Iran"]}).display("ar")
        'Iran'
        >>> len({Entity("iran", "place", {"fa": ["ایران"]})})
        1
        """
        for code in (lang, "en", "fa", "ar"):
            if self.names.get(code):
                return self.names[code][0]
        return self.id


@dataclass
class Gazetteer:
    """All entities by id, in file order."""

    entities: dict[str, Entity] = field(default_factory=dict)
    source: str = "gazetteer"

    def by_type(self) -> dict[str, list[Entity]]:
        """Entities grouped by type (every type present, in TYPES order), each sorted by id.

        >>> g = parse_gazetteer([{"id": "b", "type": "place", "names": {"en": ["B"]}},
        ...                      {"id": "a", "type": "place", "names": {"en": ["A"]}}])
        >>> [e.id for e in g.by_type()["place"]], g.by_type()["person"]
        (['a', 'b'], [])
        """
        out: dict[str, list[Entity]] = {t: [] for t in TYPES}
        for ent in sorted(self.entities.values(), key=lambda e: e.id):
            out[ent.type].append(ent)
        return out


class _Where:
    """Builds error messages: ``<file>: entry '<id>': field '<field>': <reason>``."""

    def __init__(self, source: str, entry: object, index: int):
        label = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else None
        self.prefix = f"{source}: entry {label!r}" if label else f"{source}: entry #{index + 1}"

    def error(self, fieldname: str | None, reason: str) -> ValueError:
        where = f"{self.prefix}: field {fieldname!r}" if fieldname else self.prefix
        return ValueError(f"{where}: {reason}")


def _string_list(value, where: _Where, fieldname: str, allow_empty: bool = False) -> tuple[str, ...]:
    """A list of non-blank strings, stripped; anything else is an error naming the field."""
    if not isinstance(value, list) or (not value and not allow_empty):
        raise where.error(fieldname, "must be a non-empty list of strings")
    out = []
    for item in value:
        if not isinstance(item, (str, int)) or not str(item).strip():
            raise where.error(fieldname, f"{item!r} is not a non-blank string")
        out.append(str(item).strip())
    return tuple(out)


def _parse_names(value, where: _Where) -> dict[str, list[str]]:
    if not isinstance(value, dict) or not value:
        raise where.error("names", "must be a mapping of fa/ar/en to lists of names")
    unknown = sorted(set(value) - set(LANGS), key=str)
    if unknown:
        raise where.error("names", f"unknown language {unknown[0]!r} (expected one of {', '.join(LANGS)})")
    return {lang: list(_string_list(value[lang], where, f"names.{lang}")) for lang in LANGS if lang in value}


def _parse_alias(value, where: _Where, n: int) -> Alias:
    name = f"aliases[{n}]"
    if not isinstance(value, dict):
        raise where.error(name, "must be a mapping with text and requires_any/forbids_any")
    unknown = sorted(set(value) - ALIAS_FIELDS, key=str)
    if unknown:
        raise where.error(f"{name}.{unknown[0]}", "unknown field")
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise where.error(f"{name}.text", "missing")
    lang = value.get("lang")
    if lang is not None and lang not in LANGS:
        raise where.error(f"{name}.lang", f"{lang!r} is not one of {', '.join(LANGS)}")
    requires = _string_list(value.get("requires_any", []), where, f"{name}.requires_any", allow_empty=True)
    forbids = _string_list(value.get("forbids_any", []), where, f"{name}.forbids_any", allow_empty=True)
    if not requires and not forbids:
        raise where.error(name, "an alias needs requires_any or forbids_any (else list it under names)")
    window = value.get("window", DEFAULT_WINDOW)
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise where.error(f"{name}.window", f"{window!r} is not a positive whole number")
    return Alias(text.strip(), lang, requires, forbids, window)


def parse_entry(entry, index: int, source: str = "gazetteer") -> Entity:
    """Validate one entry of the YAML list and build its Entity.

    >>> parse_entry({"id": "x", "type": "planet", "names": {"fa": ["x"]}}, 0, "g.yaml")
    Traceback (most recent call last):
    ValueError: g.yaml: entry 'x': field 'type': 'planet' is not one of person, organisation, place, topic
    >>> parse_entry({"type": "place", "names": {"fa": ["x"]}}, 4, "g.yaml")
    Traceback (most recent call last):
    ValueError: g.yaml: entry #5: field 'id': missing
    """
    where = _Where(source, entry, index)
    if not isinstance(entry, dict):
        raise where.error(None, "must be a mapping")
    unknown = sorted(set(entry) - ENTRY_FIELDS, key=str)
    if unknown:
        raise where.error(str(unknown[0]), f"unknown field (expected {', '.join(sorted(ENTRY_FIELDS))})")
    eid = entry.get("id")
    if eid is None:
        raise where.error("id", "missing")
    if not isinstance(eid, str) or not _ID_RE.match(eid):
        raise where.error("id", f"{eid!r} is not a lower-case ASCII slug (a-z, 0-9, hyphens)")
    if entry.get("type") not in TYPES:
        raise where.error("type", f"{entry.get('type')!r} is not one of {', '.join(TYPES)}")
    names = _parse_names(entry.get("names"), where)
    wikidata = entry.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and _QID_RE.match(wikidata)):
        raise where.error("wikidata", f"{wikidata!r} is not a Wikidata Q-id")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list):
        raise where.error("aliases", "must be a list")
    false_friends = _string_list(entry.get("false_friends", []), where, "false_friends", allow_empty=True)
    return Entity(eid, entry["type"], names, wikidata,
                  tuple(_parse_alias(a, where, n) for n, a in enumerate(aliases)), false_friends)


def _check_name_clashes(entities: list[Entity], source: str) -> None:
    """Two entities may not share a name after folding: a mention could not say which one
    it is. (Homonyms are told apart with context aliases instead.)"""
    owner: dict[tuple[str, ...], str] = {}
    for ent in entities:
        for names in ent.names.values():
            for name in names:
                key = tuple(tokenize(name))
                if not key:
                    raise ValueError(f"{source}: entry {ent.id!r}: field 'names': {name!r} has no letters or digits")
                other = owner.setdefault(key, ent.id)
                if other != ent.id:
                    raise ValueError(f"{source}: entry {ent.id!r}: field 'names': {name!r} is also a name "
                                     f"of entry {other!r}")


def parse_gazetteer(data, source: str = "gazetteer") -> Gazetteer:
    """Validate parsed YAML (a list of entries) and build the gazetteer.

    >>> g = parse_gazetteer([{"id": "iran", "type": "place", "names": {"fa": ["ایران"], "ar": ["إيران"]}}])
    >>> g.entities["iran"].display("ar")
    'إيران'
    >>> parse_gazetteer([{"id": "a", "type": "place", "names": {"fa": ["x"]}},
    ...                  {"id": "a", "type": "place", "names": {"fa": ["y"]}}], "g.yaml")
    Traceback (most recent call last):
    ValueError: g.yaml: entry 'a': field 'id': duplicate id (entries #1 and #2)
    """
    if not isinstance(data, list):
        raise ValueError(f"{source}: expected a list of entries, got {type(data).__name__}")
    gaz = Gazetteer(source=source)
    first_seen: dict[str, int] = {}
    for index, entry in enumerate(data):
        ent = parse_entry(entry, index, source)
        if ent.id in first_seen:
            raise _Where(source, entry, index).error(
                "id", f"duplicate id (entries #{first_seen[ent.id] + 1} and #{index + 1})")
        first_seen[ent.id] = index
        gaz.entities[ent.id] = ent
    _check_name_clashes(list(gaz.entities.values()), source)
    return gaz


def load_gazetteer(path) -> Gazetteer:
    """Read and validate a gazetteer YAML file; errors name the file, the entry and the field."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: invalid YAML: {exc}") from None
    gaz = parse_gazetteer(data, str(path))
    logger.debug("gazetteer %s: %d entities", path, len(gaz.entities))
    return gaz
