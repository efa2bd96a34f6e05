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
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from daftar_text.fold import FOLD_TABLE, fold

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


@dataclass(frozen=True)
class Clitics:
    """Folded clitic lists (see clitics.yaml)."""

    ar_prefixes: tuple[str, ...]
    article: str
    lam_article: dict
    fa_suffixes: tuple[str, ...]
    min_length: int


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
        for tok in _TOKEN_RE.findall(fold(run.group(0))):
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

    def sort_key(self):
        # longest first; a name as written before a clitic variant; unconditional first
        return (-self.length, self.variant, self.rule is not None, self.entity_id)


#: Names listed under these languages count in a text of any language (Latin acronyms).
ANY_LANG = frozenset({"en"})


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
            for lang, names in ent.names.items():
                for name in names:
                    self._add(ent.id, name, {lang}, None, blocked)
            for alias in ent.aliases:
                langs = {alias.lang} if alias.lang else {"fa", "ar"}
                self._add(ent.id, alias.text, langs, alias, blocked)
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

    def _add(self, eid: str, name: str, langs: set[str], rule: Alias | None, blocked: set[str]) -> None:
        words = [w for w, _, _ in split_words(name)]
        if not words:
            return
        first = {words[0]: False}
        if "ar" in langs:
            first.update({f: True for f in prefixed_forms(words[0], self.clitics) if f not in first})
        last = {words[-1]}
        if "fa" in langs:
            last |= suffixed_forms(words[-1], self.clitics)
        if len(words) == 1:  # one word: its suffixed spellings are first-word keys too
            first.update({f: True for f in last if f not in first})
            last = set()
        requires = tuple(p for p in (self._phrase(w) for w in rule.requires_any) if p) if rule else ()
        forbids = tuple(p for p in (self._phrase(w) for w in rule.forbids_any) if p) if rule else ()
        for key, variant in first.items():
            if key in blocked:
                continue
            pattern = _Pattern(eid, len(words), tuple(words[1:-1]), frozenset(last - blocked), variant,
                               rule, requires, forbids, frozenset(langs))
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
                out.append(Mention(hit.entity_id, start, end, text[start:end]))
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
