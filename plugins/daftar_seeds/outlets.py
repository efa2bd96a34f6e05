"""The directory of known outlets and agencies (``data/outlets.yaml``): one form per outlet.

Pages spell one outlet many ways (``خبرگزاري فارس``, ``خبرگزاری فارس``, ``وكالة فارس``,
``Fars News``); the archive shows and exports one form, so the outlet pages list one page
per real outlet. :class:`Directory` finds known names in a run of folded tokens and maps a
page's host to its publisher. The data file documents its own format; loading validates it
and names the entry and the key of every mistake.

Matching works on tokens folded as for search (:func:`daftar_text.fold.tokenize`): letter
variants, harakat and ZWNJ do not matter. Spaces inside a name of six letters or more are
ignored (``ریانووستی`` = ``ریا نووستی``); short names (``د ب ا``) must match token for token, so
the town ``دبا`` is not dpa. An Arabic ل/ب/و/ف glued to a name (``لوكالة``, ``والجزيرة``) is
tried without it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from daftar_text.fold import fold

DATA_FILE = Path(__file__).parent / "data" / "outlets.yaml"
KINDS = ("agency", "outlet")
ENTRY_KEYS = frozenset({"name", "en", "kind", "langs", "hosts", "variants", "common", "parent"})
#: Names at least this long (in folded letters) also match with their spaces left out.
GLUED_MIN = 6
#: The longest name, in tokens, that is looked for.
MAX_TOKENS = 8
_WORD_RE = re.compile(r"\w+")
_CLITICS = frozenset("لبوف")


def name_tokens(text: str) -> tuple[str, ...]:
    """Folded tokens of a name (the unit of matching).

    >>> name_tokens("خبرگزاري «فارس»")
    ('خبرگزاری', 'فارس')
    """
    return tuple(_WORD_RE.findall(fold(text)))


@dataclass(frozen=True)
class Outlet:
    """One known outlet or agency; ``name`` is its one published form."""

    name: str
    kind: str
    langs: tuple[str, ...] = ()
    en: str | None = None
    hosts: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    common: frozenset = frozenset()  #: folded keys of the variants that are ordinary words
    parent: str | None = None

    def publishes_in(self, lang: str | None) -> bool:
        """Does it publish in ``lang``? (Unknown language: yes.)"""
        return lang is None or not self.langs or lang in self.langs


@dataclass(frozen=True)
class NameMatch:
    """A known name found at tokens ``[start, end)``; ``common`` when the spelling found is
    also an ordinary word (it counts only in a credit position)."""

    start: int
    end: int
    outlet: Outlet
    common: bool


class Directory:
    """Known outlets by name key and by host."""

    def __init__(self, outlets: list[Outlet]):
        self.outlets = outlets
        self.by_name = {o.name: o for o in outlets}
        #: joined folded key -> [(outlet, token count, common)]
        self._keys: dict[str, list[tuple[Outlet, int, bool]]] = {}
        self._hosts: dict[str, Outlet] = {}
        for o in outlets:
            for v in (o.name, *o.variants):
                toks = name_tokens(v)
                if not toks:
                    continue
                key = "".join(toks)
                entry = (o, len(toks), key in o.common)
                bucket = self._keys.setdefault(key, [])
                if all(e[0] is not o or e[1] != entry[1] for e in bucket):
                    bucket.append(entry)
            for h in o.hosts:
                self._hosts[h.lower().strip("/")] = o

    def _lookup(self, tokens: tuple[str, ...] | list[str], i: int, n: int) -> tuple[Outlet, bool] | None:
        key = "".join(tokens[i:i + n])
        for outlet, count, common in self._keys.get(key, ()):
            if count == n or len(key) >= GLUED_MIN:
                return outlet, common
        return None

    def lookup(self, name: str) -> Outlet | None:
        """The known outlet a whole name denotes, or None.

        >>> d = directory()
        >>> d.lookup("خبرگزاري فارس").name, d.lookup("ریانووستی").name, d.lookup("دبا")
        ('خبرگزاری فارس', 'نووستی', None)
        """
        toks = name_tokens(name)
        hit = self._lookup(toks, 0, len(toks)) if toks else None
        return hit[0] if hit else None

    def find(self, tokens: list[str] | tuple[str, ...], start: int = 0, end: int | None = None) -> list[NameMatch]:
        """Known names in ``tokens[start:end]``, longest first, not overlapping, in order.

        >>> [(m.outlet.name, m.common) for m in directory().find(name_tokens("به گزارش گروه بین‌الملل خبرگزاری فارس"))]
        [('خبرگزاری فارس', False)]
        >>> [m.outlet.name for m in directory().find(name_tokens("قال متحدث لوكالة إنترفاكس"))]
        ['اینترفاکس']
        """
        end = len(tokens) if end is None else end
        out: list[NameMatch] = []
        i = start
        while i < end:
            found = None
            t = tokens[i]
            glued = len(t) >= 4 and t[0] in _CLITICS
            for n in range(min(MAX_TOKENS, end - i), 0, -1):
                hit = self._lookup(tokens, i, n)
                if hit is None and glued:
                    # a glued Arabic clitic: لوكالة → وكالة, والجزيرة → الجزيرة
                    hit = self._lookup((t[1:], *tokens[i + 1:i + n]), 0, n)
                if hit is not None:
                    found = NameMatch(i, i + n, hit[0], hit[1])
                    break
            if found:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out

    def by_host(self, host: str, path: str = "") -> Outlet | None:
        """The outlet whose pages live on ``host`` (``www.``/``m.`` ignored; an edition on a
        path, ``bbc.com/persian``, before the host itself; a subdomain falls back to its
        parent domain).

        >>> directory().by_host("www.farsnews.ir").name, directory().by_host("ar.irna.ir").name
        ('خبرگزاری فارس', 'ایرنا')
        >>> directory().by_host("example.org") is None
        True
        """
        host = (host or "").lower().rstrip(".")
        for prefix in ("www.", "m.", "amp."):
            if host.startswith(prefix):
                host = host[len(prefix):]
        first = path.strip("/").split("/", 1)[0].lower() if path else ""
        if first and f"{host}/{first}" in self._hosts:
            return self._hosts[f"{host}/{first}"]
        parts = host.split(".")
        for i in range(len(parts) - 1):
            cand = ".".join(parts[i:])
            if cand in self._hosts:
                return self._hosts[cand]
        return None

    def family(self, a: Outlet, b: Outlet) -> bool:
        """Same outlet, or one is an edition of the other (CNN بالعربية and CNN)."""
        return a is b or a.parent == b.name or b.parent == a.name


def _fail(name: str, where: str, msg: str):
    raise ValueError(f"{name}: {where}: {msg}")


def parse_directory(data, name: str = "outlets.yaml") -> Directory:
    """Validate the data file's content; every error names the entry and the key.

    >>> parse_directory({"outlets": [{"name": "X", "kind": "wire"}]})
    Traceback (most recent call last):
    ...
    ValueError: outlets.yaml: entry 1 (X): kind must be one of agency, outlet, not 'wire'
    """
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
        _fail(name, "top level", "expected a mapping with an 'outlets' list")
    outlets: list[Outlet] = []
    seen: dict[str, int] = {}
    for i, e in enumerate(data["outlets"], 1):
        label = f"entry {i}"
        if not isinstance(e, dict):
            _fail(name, label, "expected a mapping")
        if not isinstance(e.get("name"), str) or not e["name"].strip():
            _fail(name, label, "'name' is required (a non-empty string)")
        label = f"entry {i} ({e['name']})"
        unknown = sorted(set(e) - ENTRY_KEYS)
        if unknown:
            _fail(name, label, f"unknown key {unknown[0]!r}")
        if e.get("kind") not in KINDS:
            _fail(name, label, f"kind must be one of {', '.join(KINDS)}, not {e.get('kind')!r}")
        lists = {}
        for key in ("langs", "hosts", "variants", "common"):
            v = e.get(key, [])
            if not isinstance(v, list) or not all(isinstance(x, (str, int)) and str(x).strip() for x in v):
                _fail(name, label, f"{key} must be a list of non-empty strings")
            lists[key] = tuple(str(x) for x in v)
        names = {"".join(name_tokens(v)) for v in (e["name"], *lists["variants"])}
        for c in lists["common"]:
            if "".join(name_tokens(c)) not in names:
                _fail(name, label, f"common: {c!r} is not one of its variants")
        if e["name"] in seen:
            _fail(name, label, f"name already used by entry {seen[e['name']]}")
        seen[e["name"]] = i
        outlets.append(Outlet(
            name=e["name"].strip(), kind=e["kind"], langs=lists["langs"], en=e.get("en"),
            hosts=lists["hosts"], variants=lists["variants"],
            common=frozenset("".join(name_tokens(c)) for c in lists["common"]), parent=e.get("parent"),
        ))
    for o in outlets:
        if o.parent and o.parent not in seen:
            _fail(name, f"entry {seen[o.name]} ({o.name})", f"parent {o.parent!r} is not an entry")
    return Directory(outlets)


@functools.lru_cache(maxsize=None)
def directory(path: Path = DATA_FILE) -> Directory:
    """The directory from ``data/outlets.yaml`` (loaded once)."""
    with open(path, encoding="utf-8") as fh:
        return parse_directory(yaml.safe_load(fh), path.name)
