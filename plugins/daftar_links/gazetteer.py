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

``demonyms`` are the adjectives of a place (Arabic nisba الروسي/الروسية, Persian روسی): the
matcher inflects them (``clitics.yaml``) and reports them as mentions of the place with kind
``demonym``, so a page can show «وزارة الخارجية الروسية» as a mention of Russia but
differently from the name.

``relates`` (0 to 1, default 1) says how much sharing the entity relates two articles: a
news agency credited as a story's source (TASS, ISNA) relates nothing (0).

``include`` entries pull in another gazetteer file (relative to the including one), e.g. the
country and city names generated from CLDR (:mod:`daftar_links.cldr`). An included entry
whose id is already defined *extends* it: its names and demonyms are appended, its Wikidata
id fills a missing one (a different one is an error).
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from daftar_text.fold import tokenize
from daftar_text.messages import shown as _show

logger = logging.getLogger(__name__)

TYPES = ("person", "organisation", "place", "topic")
LANGS = ("fa", "ar", "en")
ENTRY_FIELDS = frozenset({"id", "type", "names", "wikidata", "aliases", "false_friends", "demonyms", "relates"})
DEMONYM_LANGS = ("fa", "ar")
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
    demonyms: dict[str, list[str]] = field(default_factory=dict)
    relates: float = 1.0  # how much sharing this entity relates two articles (0: a source credit)

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
    #: every file read (the main one first, then includes): a cache key must cover them all
    files: list[str] = field(default_factory=list)

    def fingerprint(self) -> str:
        """A short digest of the loaded entities: changes when any name, rule or id does.

        >>> g = parse_gazetteer([{"id": "a", "type": "place", "names": {"en": ["A"]}}])
        >>> len(g.fingerprint()), g.fingerprint() == parse_gazetteer([{"id": "a", "type": "place", "names": {"en": ["B"]}}]).fingerprint()
        (16, False)
        """
        import hashlib

        h = hashlib.sha256()
        for ent in self.entities.values():
            h.update(repr((ent.id, ent.type, sorted(ent.names.items()), ent.wikidata, ent.aliases,
                           ent.false_friends, sorted(ent.demonyms.items()), ent.relates)).encode("utf-8"))
        return h.hexdigest()[:16]

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
        self.prefix = f"{source}: entry {_show(label)}" if label else f"{source}: entry #{index + 1}"

    def error(self, fieldname: str | None, reason: str) -> ValueError:
        where = f"{self.prefix}: field {_show(fieldname)}" if fieldname else self.prefix
        return ValueError(f"{where}: {reason}")


def _string_list(value, where: _Where, fieldname: str, allow_empty: bool = False) -> tuple[str, ...]:
    """A list of non-blank strings, stripped; anything else is an error naming the field."""
    if not isinstance(value, list) or (not value and not allow_empty):
        raise where.error(fieldname, "must be a non-empty list of strings")
    out = []
    for item in value:
        if not isinstance(item, (str, int)) or not str(item).strip():
            raise where.error(fieldname, f"{_show(item)} is not a non-blank string")
        out.append(str(item).strip())
    return tuple(out)


def _parse_names(value, where: _Where) -> dict[str, list[str]]:
    if not isinstance(value, dict) or not value:
        raise where.error("names", "must be a mapping of fa/ar/en to lists of names")
    unknown = sorted(set(value) - set(LANGS), key=str)
    if unknown:
        raise where.error("names", f"unknown language {_show(unknown[0])} (expected one of {', '.join(LANGS)})")
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
        raise where.error(f"{name}.lang", f"{_show(lang)} is not one of {', '.join(LANGS)}")
    requires = _string_list(value.get("requires_any", []), where, f"{name}.requires_any", allow_empty=True)
    forbids = _string_list(value.get("forbids_any", []), where, f"{name}.forbids_any", allow_empty=True)
    if not requires and not forbids:
        raise where.error(name, "an alias needs requires_any or forbids_any (else list it under names)")
    window = value.get("window", DEFAULT_WINDOW)
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise where.error(f"{name}.window", f"{_show(window)} is not a positive whole number")
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
        raise where.error("id", f"{_show(eid)} is not a lower-case ASCII slug (a-z, 0-9, hyphens)")
    if entry.get("type") not in TYPES:
        raise where.error("type", f"{_show(entry.get('type'))} is not one of {', '.join(TYPES)}")
    names = _parse_names(entry.get("names"), where)
    wikidata = entry.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and _QID_RE.match(wikidata)):
        raise where.error("wikidata", f"{_show(wikidata)} is not a Wikidata Q-id")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list):
        raise where.error("aliases", "must be a list")
    false_friends = _string_list(entry.get("false_friends", []), where, "false_friends", allow_empty=True)
    demonyms = _parse_demonyms(entry.get("demonyms"), where)
    relates = entry.get("relates", 1.0)
    if isinstance(relates, bool) or not isinstance(relates, (int, float)) or not 0 <= relates <= 1:
        raise where.error("relates", f"{_show(relates)} is not a number from 0 to 1")
    return Entity(eid, entry["type"], names, wikidata,
                  tuple(_parse_alias(a, where, n) for n, a in enumerate(aliases)), false_friends, demonyms,
                  float(relates))


def _parse_demonyms(value, where: _Where) -> dict[str, list[str]]:
    """``{fa: [...], ar: [...]}``, one word each (the matcher inflects them)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise where.error("demonyms", "must be a mapping of fa/ar to lists of words")
    unknown = sorted(set(value) - set(DEMONYM_LANGS), key=str)
    if unknown:
        raise where.error("demonyms", f"unknown language {_show(unknown[0])} (expected fa or ar)")
    out = {}
    for lang in DEMONYM_LANGS:
        if lang in value:
            words = _string_list(value[lang], where, f"demonyms.{lang}")
            for w in words:
                if len(tokenize(w)) != 1:
                    raise where.error(f"demonyms.{lang}", f"{_show(w)} must be one word")
            out[lang] = list(words)
    return out


def _check_name_clashes(entities: list[Entity], source: str) -> None:
    """Two entities may not share a name after folding: a mention could not say which one
    it is. (Homonyms are told apart with context aliases instead.)"""
    owner: dict[tuple[str, ...], str] = {}
    for ent in entities:
        for names in ent.names.values():
            for name in names:
                key = tuple(tokenize(name))
                if not key:
                    raise ValueError(f"{source}: entry {_show(ent.id)}: field 'names': {_show(name)} has no letters or digits")
                other = owner.setdefault(key, ent.id)
                if other != ent.id:
                    raise ValueError(f"{source}: entry {_show(ent.id)}: field 'names': {_show(name)} is also a name "
                                     f"of entry {_show(other)}")
    for ent in entities:
        for lang, words in ent.demonyms.items():
            for word in words:
                other = owner.get(tuple(tokenize(word)), ent.id)
                if other != ent.id:
                    raise ValueError(f"{source}: entry {_show(ent.id)}: field 'demonyms.{lang}': {_show(word)} is a name "
                                     f"of entry {_show(other)}")


def _merge(old: Entity, new: Entity, source: str) -> Entity:
    """``old`` extended by an included entry with the same id (see the module docstring)."""
    where = f"{source}: entry {_show(new.id)}"
    if new.type != old.type:
        raise ValueError(f"{where}: field 'type': {_show(new.type)} differs from {_show(old.type)} where the id is first defined")
    if new.wikidata and old.wikidata and new.wikidata != old.wikidata:
        raise ValueError(f"{where}: field 'wikidata': {new.wikidata} differs from {old.wikidata} where the id "
                         f"is first defined")

    def extend(a: dict[str, list[str]], b: dict[str, list[str]]) -> dict[str, list[str]]:
        out = {lang: list(v) for lang, v in a.items()}
        for lang, more in b.items():
            have = {tuple(tokenize(n)) for n in out.get(lang, [])}
            for n in more:
                if tuple(tokenize(n)) not in have:
                    out.setdefault(lang, []).append(n)
                    have.add(tuple(tokenize(n)))
        return out

    return Entity(old.id, old.type, extend(old.names, new.names), old.wikidata or new.wikidata,
                  old.aliases + new.aliases, old.false_friends + new.false_friends,
                  extend(old.demonyms, new.demonyms), old.relates)


def _parse_into(gaz: Gazetteer, data, source: str, include, depth: int) -> None:
    if not isinstance(data, list):
        raise ValueError(f"{source}: expected a list of entries, got {type(data).__name__}")
    first_seen: dict[str, int] = {}
    includes = []
    mine: dict[str, Entity] = {}
    for index, entry in enumerate(data):
        if isinstance(entry, dict) and "include" in entry:
            if set(entry) != {"include"} or not isinstance(entry["include"], str):
                raise _Where(source, entry, index).error("include", "an include entry is {include: <file name>}")
            includes.append((index, entry["include"]))
            continue
        ent = parse_entry(entry, index, source)
        if ent.id in first_seen:
            raise _Where(source, entry, index).error(
                "id", f"duplicate id (entries #{first_seen[ent.id] + 1} and #{index + 1})")
        first_seen[ent.id] = index
        mine[ent.id] = ent
    for eid, ent in mine.items():  # a file's own entries first, whatever the include's position
        gaz.entities[eid] = _merge(gaz.entities[eid], ent, source) if eid in gaz.entities else ent
    for index, name in includes:
        if include is None:
            raise ValueError(f"{source}: entry #{index + 1}: field 'include': {_show(name)} cannot be read here "
                             f"(use load_gazetteer)")
        if depth >= 3:
            raise ValueError(f"{source}: entry #{index + 1}: field 'include': includes nested too deep")
        sub_data, sub_source = include(source, name)
        _parse_into(gaz, sub_data, sub_source, include, depth + 1)


def parse_gazetteer(data, source: str = "gazetteer", include=None) -> Gazetteer:
    """Validate parsed YAML (a list of entries) and build the gazetteer.

    ``include(source, name) -> (data, source)`` reads an included file (see
    :func:`load_gazetteer`); entries of the including file come first.

    >>> g = parse_gazetteer([{"id": "iran", "type": "place", "names": {"fa": ["ایران"], "ar": ["إيران"]}}])
    >>> g.entities["iran"].display("ar")
    'إيران'
    >>> parse_gazetteer([{"id": "a", "type": "place", "names": {"fa": ["x"]}},
    ...                  {"id": "a", "type": "place", "names": {"fa": ["y"]}}], "g.yaml")
    Traceback (most recent call last):
    ValueError: g.yaml: entry 'a': field 'id': duplicate id (entries #1 and #2)
    >>> more = {"more.yaml": [{"id": "iran", "type": "place", "wikidata": "Q794", "names": {"en": ["Iran"], "fa": ["ايران"]}}]}
    >>> g = parse_gazetteer([{"include": "more.yaml"}, {"id": "iran", "type": "place", "names": {"fa": ["ایران"]}}],
    ...                     "g.yaml", include=lambda src, name: (more[name], name))
    >>> g.entities["iran"].names, g.entities["iran"].wikidata
    ({'fa': ['ایران'], 'en': ['Iran']}, 'Q794')
    """
    gaz = Gazetteer(source=source)
    _parse_into(gaz, data, source, include, 0)
    _check_name_clashes(list(gaz.entities.values()), source)
    return gaz


#: A gazetteer file larger than this is refused (the project's own is about 80 KB).
MAX_GAZETTEER_BYTES = 16 * 1024 * 1024

#: libyaml's safe loader where PyYAML has it (the same documents, about ten times faster).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: path -> ((file, mtime_ns, size) of every file read, Gazetteer): one parse per process while
#: no file of it changes (the links features, the links stage and search all read it).
_LOADED: dict[str, tuple[tuple, "Gazetteer"]] = {}


def _stamp(files) -> tuple:
    out = []
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            return ()
        out.append((f, st.st_mtime_ns, st.st_size))
    return tuple(out)


def _read_yaml(path: Path):
    r"""One gazetteer file's YAML: capped in size, without anchors and aliases (a few hundred
    bytes of aliases expand to gigabytes once walked), errors naming the file.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as fh:
    ...     _ = fh.write("- &a [x, x]\n- &b [*a, *a]\n- [*b, *b]\n")
    >>> _read_yaml(Path(fh.name))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: ...: line 1: anchors and aliases are not allowed in a gazetteer
    >>> os.unlink(fh.name)
    """
    size = path.stat().st_size
    if size > MAX_GAZETTEER_BYTES:
        raise ValueError(f"{path}: {size} bytes, more than the {MAX_GAZETTEER_BYTES} a gazetteer file may have")
    text = path.read_text(encoding="utf-8")
    try:
        if "&" in text or "*" in text:  # only then can there be an anchor or an alias: look at the events
            for event in yaml.parse(text, Loader=_SAFE_LOADER):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    raise ValueError(f"{path}: line {event.start_mark.line + 1}: anchors and aliases "
                                     "are not allowed in a gazetteer")
        return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 (safe loader)
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: invalid YAML: {exc}") from None


def load_gazetteer(path) -> Gazetteer:
    """Read and validate a gazetteer YAML file and the files it includes; errors name the file,
    the entry and the field. ``Gazetteer.files`` lists every file read."""
    path = Path(path)
    known = _LOADED.get(str(path))
    if known and known[0] and _stamp(f for f, _m, _s in known[0]) == known[0]:
        return known[1]
    files = [str(path)]

    def include(source: str, name: str):
        sub = Path(source).parent / name
        if not sub.is_file():
            raise ValueError(f"{source}: field 'include': {_show(name)} not found (looked for {sub})")
        files.append(str(sub))
        return _read_yaml(sub), str(sub)

    gaz = parse_gazetteer(_read_yaml(path), str(path), include)
    gaz.files = files
    _LOADED[str(path)] = (_stamp(files), gaz)
    logger.debug("gazetteer %s: %d entities from %d file(s)", path, len(gaz.entities), len(files))
    return gaz
