"""Find gazetteer entities in Persian and Arabic text, in one pass over the words.

Names are folded exactly as search folds them (daftar_text.fold), so ظریف and ظريف, or
شویگو and شويغو listed as aliases, are one name. Matching is by whole words: each word of the
text is looked up once in a table of first words (built once for all names), then the longest
name that continues there wins. Clitics are understood without listing them: Arabic
conjunctions, prepositions and the article before a name (وروسيا، بروسيا، لروسيا، والناتو،
بـموسكو) and Persian suffixes after it (روسیه‌ای، تحریم‌ها، ایران را). Names that are also common
words carry a context rule in the data (روحانی "cleric" vs Rouhani).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from daftar_text.fold import fold

from .gazetteer import Gazetteer

#: Arabic proclitics, longest first (folded forms: أ/إ/آ are already ا).
PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "کال", "لل", "ول", "وب", "فب", "فل", "ال", "و", "ف", "ب", "ل", "ك", "ک")
#: Persian enclitics and suffixes after a name (folded: ZWNJ removed), longest first.
SUFFIXES = ("هایی", "های", "ها", "ای", "را", "ی")
#: A word of the text: letters and digits, with the marks folding deletes kept inside it.
_WORD_RE = re.compile(r"[\w\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200c\u200d]+")


@dataclass(frozen=True)
class Mention:
    entity_id: str
    start: int  # offsets in the original text
    end: int
    surface: str


@dataclass(frozen=True)
class _Name:
    entity_id: str
    tokens: tuple[str, ...]
    requires: tuple[tuple[str, ...], ...] = ()  # folded context phrases (any of them)
    window: int = 0


def _fold_tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in (fold(m.group(0)) for m in _WORD_RE.finditer(text)) if t)


class Matcher:
    """All names of a gazetteer, compiled once; :meth:`find` walks a text once."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._first: dict[str, list[_Name]] = {}
        for ent in gazetteer.entities.values():
            for names in ent.names.values():
                for name in names:
                    self._add(_Name(ent.id, _fold_tokens(name)))
            for alias in ent.aliases:
                req = tuple(_fold_tokens(r) for r in alias.requires_any)
                self._add(_Name(ent.id, _fold_tokens(alias.text), req, alias.window))
        for lst in self._first.values():
            # longest first; unconditional names before context-bound ones of the same length
            lst.sort(key=lambda n: (-len(n.tokens), bool(n.requires), n.entity_id))

    def _add(self, name: _Name) -> None:
        if name.tokens:
            self._first.setdefault(name.tokens[0], []).append(name)

    @staticmethod
    def _variants_first(tok: str) -> list[str]:
        out = [tok]
        for p in PREFIXES:
            if tok.startswith(p) and len(tok) - len(p) >= 3:
                out.append(tok[len(p):])
        return out

    @staticmethod
    def _variants_last(tok: str) -> list[str]:
        out = [tok]
        for s in SUFFIXES:
            if tok.endswith(s) and len(tok) - len(s) >= 3:
                out.append(tok[: -len(s)])
        return out

    def _context_ok(self, name: _Name, folded: list[str], i: int, n: int) -> bool:
        if not name.requires:
            return True
        lo, hi = max(0, i - name.window - 4), min(len(folded), i + n + name.window + 4)
        around = folded[lo:i] + folded[i + n:hi]
        for phrase in name.requires:
            k = len(phrase)
            for j in range(len(around) - k + 1):
                if tuple(around[j:j + k]) == phrase:
                    # the phrase must touch the window on either side of the name
                    return True
        return False

    def find(self, text: str) -> list[Mention]:
        """Mentions in order of position; overlapping candidates resolved longest-first."""
        words = list(_WORD_RE.finditer(text))
        folded = [fold(w.group(0)) for w in words]
        out: list[Mention] = []
        i = 0
        while i < len(words):
            best: tuple[int, str] | None = None
            for first in self._variants_first(folded[i]):
                for name in self._first.get(first, ()):  # longest first
                    n = len(name.tokens)
                    if best is not None and n <= best[0]:
                        break
                    if i + n > len(words):
                        continue
                    if n == 1:
                        ok = True
                    else:
                        ok = all(folded[i + k] == name.tokens[k] for k in range(1, n - 1))
                        ok = ok and name.tokens[-1] in self._variants_last(folded[i + n - 1])
                    if ok and self._context_ok(name, folded, i, n):
                        best = (n, name.entity_id)
                        break
            if best is None:
                for last in self._variants_last(folded[i])[1:]:
                    for first in self._variants_first(last):
                        for name in self._first.get(first, ()):
                            if len(name.tokens) == 1 and self._context_ok(name, folded, i, 1):
                                best = (1, name.entity_id)
                                break
                        if best:
                            break
                    if best:
                        break
            if best is None:
                i += 1
                continue
            n, eid = best
            start, end = words[i].start(), words[i + n - 1].end()
            out.append(Mention(eid, start, end, text[start:end]))
            i += n
        return out

    def entities(self, text: str) -> list[str]:
        """Distinct entity ids in order of first mention."""
        seen: dict[str, None] = {}
        for m in self.find(text):
            seen.setdefault(m.entity_id, None)
        return list(seen)
