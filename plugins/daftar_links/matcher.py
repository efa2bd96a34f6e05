"""Find gazetteer entities in Persian and Arabic text, in one pass over its words.

Names are folded exactly as search folds them (:func:`daftar_text.fold.fold`), so ظریف and
ظريف, or شویگو and شويغو, are one word. Matching is by whole words: the matcher builds, once,
a table from the first word of every name to the names that start with it, including the few
spellings a name takes with clitics glued on (Arabic وروسيا، بروسيا، للناتو; Persian
روسیه‌ای، تحریم‌ها — the clitics are listed in ``clitics.yaml``). :meth:`Matcher.find` then
looks each word of the text up once in that table; the longest name that continues there
wins, and mentions never overlap. Cost: one dict lookup per word, whatever the number of
entities — no regex per entity.

Names that are also common words (روحانی "cleric", رئیسی "a head") are aliases with a
context rule in the gazetteer data; the code only knows how to check the rule.

Demonyms (Arabic nisba الروسي/الروسية/الروس, Persian روسی، ایرانی) are mentions of their
place with ``kind == "demonym"``; their inflections come from ``clitics.yaml`` and the words
from the gazetteer's ``demonyms`` field. Every other mention has ``kind == "name"``.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from daftar_text.fold import FOLD_TABLE, fold, fold_word

from .gazetteer import Alias, Gazetteer

logger = logging.getLogger(__name__)

CLITICS_PATH = Path(__file__).with_name("clitics.yaml")

#: A word of the original text: letters/digits plus the invisible marks that folding deletes
#: (harakat, tatweel, ZWNJ, bidi marks), so a word's offsets cover all of it and its folded
#: form equals the token that :func:`daftar_text.fold.tokenize` makes of it.
_DELETED = "".join(re.escape(chr(cp)) for cp, to in sorted(FOLD_TABLE.items()) if to is None)
_RUN_RE = re.compile(rf"[\w{_DELETED}]+")
_TOKEN_RE = re.compile(r"\w+")
#: What may stand between two words of one name: spaces, a hyphen, at most one line break
#: (a name wrapped in the source) — not punctuation: "(جمهوری) آذربایجان" and
#: "(فلاديمير) بوتين" are not one name, and a link must not swallow a bracket.
_JOIN_RE = re.compile(r"[ \t\u00a0\u200c\u200d\u2009\u202f\-\u2010\u2011]*\n?[ \t\u00a0\u200c\u200d\u2009\u202f]*")


@dataclass(frozen=True)
class Mention:
    """One mention: ``text[start:end] == surface`` in the ORIGINAL (unfolded) text."""

    entity_id: str
    start: int
    end: int
    surface: str
    kind: str = "name"  # or "demonym": an adjective of the place (الروسية، ایرانی)


@dataclass(frozen=True)
class Clitics:
    """Folded clitic lists (see clitics.yaml)."""

    ar_prefixes: tuple[str, ...]
    article: str
    lam_article: dict
    fa_suffixes: tuple[str, ...]
    min_length: int
    fa_adjective_suffixes: tuple[str, ...] = ()
    fa_demonym_suffixes: tuple[str, ...] = ("",)
    ar_nisba_endings: tuple[str, ...] = ("",)
    demonym_prefix_min_length: int = 5


@lru_cache(maxsize=4)
def load_clitics(path: str | Path = CLITICS_PATH) -> Clitics:
    """Read the clitic lists and fold them like the text will be.

    >>> c = load_clitics()
    >>> "ک" in c.ar_prefixes and c.lam_article["ل"]
    'لل'
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    lam = data["ar_lam_article"]
    return Clitics(
        ar_prefixes=tuple(fold(p) for p in data["ar_prefixes"]),
        article=fold(lam["article"]),
        lam_article={fold(k): fold(v) for k, v in lam["forms"].items()},
        fa_suffixes=tuple(fold(s) for s in data["fa_suffixes"]),
        min_length=int(data.get("min_length", 3)),
        fa_adjective_suffixes=tuple(fold(s) for s in data.get("fa_adjective_suffixes", ())),
        fa_demonym_suffixes=tuple(fold(s) for s in data.get("fa_demonym_suffixes", [""])),
        ar_nisba_endings=tuple(fold(s) for s in data.get("ar_nisba_endings", [""])),
        demonym_prefix_min_length=int(data.get("demonym_prefix_min_length", 5)),
    )


def prefixed_forms(word: str, clitics: Clitics) -> set[str]:
    """The spellings of a folded Arabic ``word`` with a proclitic glued in front.

    >>> forms = prefixed_forms("الناتو", load_clitics())
    >>> sorted(f for f in forms if f in ("والناتو", "بالناتو", "للناتو", "لالناتو", "ناتو"))
    ['بالناتو', 'للناتو', 'والناتو']
    >>> sorted(prefixed_forms("روسیا", load_clitics()))[:3]
    ['بروسیا', 'فبروسیا', 'فروسیا']
    """
    if len(word) < clitics.min_length:
        return set()
    out = {p + word for p in clitics.ar_prefixes}
    if word.startswith(clitics.article):
        rest = word[len(clitics.article):]
        out -= {p + word for p in clitics.lam_article}  # لالناتو is not written
        out |= {form + rest for form in clitics.lam_article.values()}
    return out


def suffixed_forms(word: str, clitics: Clitics) -> set[str]:
    """The spellings of a folded Persian ``word`` with a suffix glued after it.

    >>> sorted(suffixed_forms("روسیه", load_clitics()))[:3]
    ['روسیهای', 'روسیهرا', 'روسیهها']
    """
    if len(word) < clitics.min_length:
        return set()
    return {word + s for s in clitics.fa_suffixes}


def demonym_forms(word: str, lang: str, clitics: Clitics) -> set[str]:
    """The written forms of one folded demonym, before proclitics.

    >>> sorted(demonym_forms("روسی", "ar", load_clitics()))[:6]
    ['الروسی', 'الروسیات', 'الروسیان', 'الروسیتان', 'الروسیتین', 'الروسیه']
    >>> sorted(demonym_forms("روس", "ar", load_clitics()))
    ['الروس', 'روس']
    >>> sorted(demonym_forms("روسی", "fa", load_clitics()))
    ['روسی', 'روسیان', 'روسیها', 'روسیهای', 'روسیهایی']
    """
    if lang == "fa":
        return {word + s for s in clitics.fa_demonym_suffixes}
    forms = {word + e for e in clitics.ar_nisba_endings} if word.endswith("ی") else {word}
    return forms | {clitics.article + f for f in forms}


def split_words(text: str) -> list[tuple[str, int, int]]:
    """(folded token, start, end) for every token of ``text``, offsets in the original.

    The folded tokens are exactly ``tokenize(text)``; each keeps the span of the original
    word it came from, trimmed of invisible marks at its edges.

    >>> split_words("قال ظَرِيف‌ إنّ")
    [('قال', 0, 3), ('ظریف', 4, 10), ('ان', 12, 15)]
    """
    out = []
    for run in _RUN_RE.finditer(text):
        start, end = run.span()
        while start < end and unicodedata.category(text[start]) in ("Cf", "Mn"):
            start += 1
        while end > start and unicodedata.category(text[end - 1]) == "Cf":
            end -= 1
        for tok in _TOKEN_RE.findall(fold_word(run.group(0))):
            out.append((tok, start, end))
    return out


@dataclass(frozen=True)
class _Pattern:
    """One way a name can start at a word: the rest of its words and the rule to check."""

    entity_id: str
    length: int  # number of words
    middle: tuple[str, ...]  # words 2..n-1, exact
    last: frozenset  # accepted spellings of word n (n > 1)
    variant: bool  # the first word carries a clitic
    rule: Alias | None
    requires: tuple[tuple[frozenset, ...], ...] = ()
    forbids: tuple[tuple[frozenset, ...], ...] = ()
    langs: frozenset = frozenset()  # languages whose names give this spelling
    kind: str = "name"
    latin_word: bool = False  # an English name that is not an acronym (see LATIN_LANGS)

    def sort_key(self):
        # longest first; as written before a clitic variant; a name before a demonym;
        # unconditional first
        return (-self.length, self.variant, self.kind != "name", self.rule is not None, self.entity_id)


#: Names listed under these languages are Latin-script: an acronym among them (NATO, CICA,
#: IAEA) counts in a text of any language; a Latin word or phrase (Chile, Jordan, Turkey)
#: only in a text whose language is one of LATIN_LANGS, because in a Persian or Arabic page
#: Latin words are chrome (a footer's "CNN Chile") far more often than a mention.
ANY_LANG = frozenset({"en"})
LATIN_LANGS = frozenset({"en", "und"})
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,7}$")


class Matcher:
    """All names of a gazetteer compiled once into a first-word table; :meth:`find` walks a
    text once.

    >>> from daftar_links.gazetteer import parse_gazetteer
    >>> g = parse_gazetteer([{"id": "russia", "type": "place", "names": {"fa": ["روسیه"], "ar": ["روسيا"]}}])
    >>> [(m.entity_id, m.surface) for m in Matcher(g).find("علاقات إيران وروسيا")]
    [('russia', 'وروسيا')]
    """

    def __init__(self, gazetteer: Gazetteer, clitics: Clitics | None = None):
        self.gazetteer = gazetteer
        self.clitics = clitics or load_clitics()
        self._table: dict[str, list[_Pattern]] = {}
        for ent in gazetteer.entities.values():
            blocked = {w for ff in ent.false_friends for w, _, _ in split_words(ff)}
            adjectival = ent.type == "place"
            for lang, names in ent.names.items():
                for name in names:
                    latin = lang in ANY_LANG and not _ACRONYM_RE.match(name.strip())
                    self._add(ent.id, name, {lang}, None, blocked, adjectival, latin)
            for alias in ent.aliases:
                langs = {alias.lang} if alias.lang else {"fa", "ar"}
                self._add(ent.id, alias.text, langs, alias, blocked, adjectival)
            for lang, words in ent.demonyms.items():
                for word in words:
                    self._add_demonym(ent.id, word, lang, blocked)
        for patterns in self._table.values():
            patterns.sort(key=_Pattern.sort_key)

    # -- building -------------------------------------------------------------------------
    def _phrase(self, text: str) -> tuple[frozenset, ...]:
        """A context phrase: each word with its clitic spellings (والرئيس counts as الرئيس)."""
        words = [w for w, _, _ in split_words(text)]
        if not words:
            return ()
        sets = [{w} for w in words]
        sets[0] |= prefixed_forms(words[0], self.clitics)
        sets[-1] |= suffixed_forms(words[-1], self.clitics)
        return tuple(frozenset(s) for s in sets)

    def _add_demonym(self, eid: str, word: str, lang: str, blocked: set[str]) -> None:
        """Every inflected form of one demonym (see :func:`demonym_forms`), as one-word patterns."""
        for w, _, _ in split_words(word)[:1]:
            for form in sorted(demonym_forms(w, lang, self.clitics)):
                keys = {form: False}
                if lang == "ar" and len(form) >= self.clitics.demonym_prefix_min_length:
                    keys.update({f: True for f in prefixed_forms(form, self.clitics) if f not in keys})
                for key, variant in keys.items():
                    if key not in blocked:
                        self._put(key, _Pattern(eid, 1, (), frozenset(), variant, None, (), (),
                                                frozenset({lang}), "demonym"))

    def _add(self, eid: str, name: str, langs: set[str], rule: Alias | None, blocked: set[str],
             adjectival: bool = False, latin_word: bool = False) -> None:
        words = [w for w, _, _ in split_words(name)]
        if not words:
            return
        first = {words[0]: "name"}
        if "ar" in langs:
            first.update({f: "variant" for f in prefixed_forms(words[0], self.clitics) if f not in first})
        last = {words[-1]}
        if "fa" in langs:
            last |= suffixed_forms(words[-1], self.clitics)
        if len(words) == 1:  # one word: its suffixed spellings are first-word keys too
            adjectives = {words[0] + s for s in self.clitics.fa_adjective_suffixes} if adjectival else set()
            first.update({f: "demonym" if f in adjectives else "variant" for f in last if f not in first})
            last = set()
        requires = tuple(p for p in (self._phrase(w) for w in rule.requires_any) if p) if rule else ()
        forbids = tuple(p for p in (self._phrase(w) for w in rule.forbids_any) if p) if rule else ()
        for key, how in first.items():
            if key in blocked:
                continue
            self._put(key, _Pattern(eid, len(words), tuple(words[1:-1]), frozenset(last - blocked),
                                    how != "name", rule, requires, forbids, frozenset(langs),
                                    "demonym" if how == "demonym" else "name", latin_word))

    def _put(self, key: str, pattern: _Pattern) -> None:
        bucket = self._table.setdefault(key, [])
        for n, old in enumerate(bucket):  # the same spelling from another language: merge
            if old == replace(pattern, langs=old.langs):
                bucket[n] = replace(old, langs=old.langs | pattern.langs)
                break
        else:
            bucket.append(pattern)

    # -- matching -------------------------------------------------------------------------
    @staticmethod
    def _phrase_at(words: list[str], s: int, phrase: tuple[frozenset, ...]) -> bool:
        return s >= 0 and s + len(phrase) <= len(words) and all(
            words[s + k] in forms for k, forms in enumerate(phrase))

    def _near(self, words: list[str], i: int, j: int, phrases, window: int) -> bool:
        """Does one of ``phrases`` end within ``window`` words before word i, or start
        within ``window`` words after word j-1?"""
        for phrase in phrases:
            n = len(phrase)
            for gap in range(window):
                if self._phrase_at(words, i - gap - n, phrase) or self._phrase_at(words, j + gap, phrase):
                    return True
        return False

    def _fits(self, p: _Pattern, words: list[str], joins: list[bool], i: int, lang: str | None) -> bool:
        j = i + p.length
        if j > len(words):
            return False
        if p.latin_word and lang not in LATIN_LANGS:
            return False
        if lang is not None and lang not in p.langs and not (p.langs & ANY_LANG):
            return False
        if p.length > 1:
            if not all(joins[i:j - 1]):
                return False
            if any(words[i + 1 + k] != w for k, w in enumerate(p.middle)) or words[j - 1] not in p.last:
                return False
        if p.rule is None:
            return True
        if p.requires and not self._near(words, i, j, p.requires, p.rule.window):
            return False
        return not (p.forbids and self._near(words, i, j, p.forbids, p.rule.window))

    def find(self, text: str, lang: str | None = None) -> list[Mention]:
        """All mentions in ``text``, in order; the longest name wins and none overlap.

        With ``lang`` ("fa"/"ar"), only names listed for that language (and the English
        ones) count: folding makes Arabic روسية "Russian (f.)" look like Persian روسیه.

        >>> from daftar_links.gazetteer import parse_gazetteer
        >>> m = Matcher(parse_gazetteer([{"id": "russia", "type": "place", "names": {"fa": ["روسیه"]}}]))
        >>> len(m.find("مساع روسية")), len(m.find("مساع روسية", lang="ar"))
        (1, 0)
        """
        tokens = split_words(text)
        words = [t for t, _, _ in tokens]
        joins = [_JOIN_RE.fullmatch(text, a[2], b[1]) is not None for a, b in zip(tokens, tokens[1:])]
        table = self._table
        out: list[Mention] = []
        i = 0
        while i < len(words):
            hit = None
            for p in table.get(words[i], ()):
                if self._fits(p, words, joins, i, lang):
                    hit = p
                    break  # patterns are sorted longest first
            if hit is None:
                i += 1
                continue
            start, end = tokens[i][1], tokens[i + hit.length - 1][2]
            if not out or out[-1].end <= start:  # two tokens of one original word: keep the first
                out.append(Mention(hit.entity_id, start, end, text[start:end], hit.kind))
            i += hit.length
        return out

    def entities(self, text: str, lang: str | None = None) -> list[str]:
        """Distinct entity ids in order of first mention.

        >>> from daftar_links.gazetteer import parse_gazetteer
        >>> g = parse_gazetteer([{"id": "a", "type": "place", "names": {"fa": ["مسکو"]}},
        ...                      {"id": "b", "type": "place", "names": {"fa": ["تهران"]}}])
        >>> Matcher(g).entities("تهران و مسکو و تهران")
        ['b', 'a']
        """
        return list(dict.fromkeys(m.entity_id for m in self.find(text, lang)))
