"""The archive's outlets: one page per publisher, with what the outlet directory knows of it.

An article's ``outlet`` is the one published form of its publisher (daftar_seeds resolves the
spellings a page uses through ``daftar_seeds/data/outlets.yaml``). This module groups the
articles by it and gives each outlet what its page shows: its name in both scripts where the
directory knows them (the other language's form and the English name), its kind (agency or
outlet), its web host, its article count by language, and a readable page name
(``outlets/<host-or-slug>.html``).

Pure: no Pelican import.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from daftar_text.lang import LETTER_WEIGHTS_AR, LETTER_WEIGHTS_FA

_HOST_RE = re.compile(r"[a-z0-9][a-z0-9.-]{0,60}")
_LATIN_RE = re.compile(r"[A-Za-z]")


@dataclass
class Outlet:
    """One outlet of the archive (``ids`` newest first)."""

    name: str
    slug: str
    host: str | None
    ids: list[str]
    langs: dict[str, int]
    #: the name in Latin letters, from the directory
    en: str | None = None
    #: the outlet's name as the other language writes it ({"ar": "وكالة مهر للأنباء"}), from the directory
    other_names: dict[str, str] = field(default_factory=dict)
    #: every host the directory knows for it (``host`` first)
    hosts: tuple[str, ...] = ()
    #: "agency" or "outlet" when the directory knows it
    kind: str | None = None

    @property
    def url(self) -> str:
        return f"outlets/{self.slug}.html"

    @property
    def known(self) -> bool:
        """Is it in the outlet directory?"""
        return self.kind is not None


def script_lang(text: str) -> str | None:
    """"fa" or "ar" when the letters of ``text`` say which (پ چ ژ گ ی ک against ة ي ك أ إ),
    else None (``السلام``, ``مهر`` and Latin names are written alike).

    >>> script_lang("وكالة مهر للأنباء"), script_lang("خبرگزاری مهر"), script_lang("السلام"), script_lang("IRNA")
    ('ar', 'fa', None, None)
    """
    fa = sum(LETTER_WEIGHTS_FA.get(ch, 0.0) for ch in text)
    ar = sum(LETTER_WEIGHTS_AR.get(ch, 0.0) for ch in text)
    if fa > ar:
        return "fa"
    if ar > fa:
        return "ar"
    return None


def other_names(name: str, variants, langs) -> dict[str, str]:
    """The name as the other language writes it: for each of Persian and Arabic that is not the
    language of ``name``, its longest variant in that language's letters.

    >>> other_names("خبرگزاری مهر", ["خبرگزاری مهر", "مهر نیوز", "وكالة مهر", "وكالة مهر للأنباء", "Mehr News"], ["fa", "ar"])
    {'ar': 'وكالة مهر للأنباء'}
    >>> other_names("السلام", ["السلام", "قناة السلام", "Al-Salam"], ["ar"])
    {}
    """
    own = script_lang(name) or (list(langs)[0] if langs else None)
    out: dict[str, str] = {}
    for v in variants:
        v = str(v).strip()
        lang = script_lang(v)
        if lang is None or lang == own or _LATIN_RE.search(v):
            continue
        if len(v) > len(out.get(lang, "")):
            out[lang] = v
    return out


def outlet_slug(name: str, host: str | None, taken: set[str], en: str | None = None) -> str:
    """A readable page name: the outlet's host when it is known, else the Latin letters of its
    English name or of its name, else a short digest of the name.

    >>> outlet_slug("خبرگزاری فارس", "farsnews.ir", set()), outlet_slug("CNN بالعربية", None, set())
    ('farsnews.ir', 'cnn')
    >>> outlet_slug("الواحة", None, set(), en="Al-Waha"), outlet_slug("الواحة", None, set())[:2]
    ('al-waha', 'o-')
    """
    base = (host or "").lower()
    if not _HOST_RE.fullmatch(base):
        base = ""
        for text in (en, name):
            if text:
                base = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text.lower())
                              .encode("ascii", "ignore").decode()).strip("-")[:40]
                if base:
                    break
    if not base:
        base = "o-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    slug = base
    if slug in taken:
        slug = f"{base}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:6]}"
    taken.add(slug)
    return slug


def _val(rec, key):
    """A record's value: an ArticleRecord's attribute (``lang``, ``id``), else a field; dicts alike."""
    if isinstance(rec, dict):
        return rec.get(key)
    return getattr(rec, key, None) if key in ("id", "lang") else rec.get(key)


def group_outlets(records, directory=None) -> list[Outlet]:
    """The outlets of ``records`` (newest first), largest first; ``directory`` is
    :func:`daftar_seeds.outlets.directory` (or None: names and page hosts only).

    A page's own host (its URL line) names the outlet's host when all its pages agree; else
    the directory's first host.
    """
    groups: dict[str, list] = {}
    for r in records:
        if _val(r, "outlet"):
            groups.setdefault(_val(r, "outlet"), []).append(r)
    taken: set[str] = set()
    out = []
    for name in sorted(groups, key=lambda n: (-len(groups[n]), n)):
        members = groups[name]
        known = None
        if directory is not None:
            known = directory.by_name.get(name) or directory.lookup(name)
        page_hosts = {_val(m, "outlet_host") for m in members if _val(m, "outlet_host")}
        host = page_hosts.pop() if len(page_hosts) == 1 else None
        hosts: tuple[str, ...] = tuple(known.hosts) if known else ()
        if host is None and hosts:
            host = hosts[0]
        if host:
            hosts = (host, *[h for h in hosts if h != host])
        langs: dict[str, int] = {}
        for m in members:
            langs[_val(m, "lang")] = langs.get(_val(m, "lang"), 0) + 1
        en = known.en if known else None
        out.append(Outlet(
            name=name, slug=outlet_slug(name, host, taken, en), host=host, ids=[_val(m, "id") for m in members],
            langs=langs, en=en, hosts=hosts, kind=known.kind if known else None,
            other_names=other_names(name, known.variants, known.langs) if known else {},
        ))
    return out
