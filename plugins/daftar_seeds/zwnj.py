"""Repair of the zero-width non-joiner (U+200C, ZWNJ) that scraping lost in Persian text.

Persian writes a ZWNJ inside many words: after the verb prefix (``می‌کنند``), before plural and
comparative suffixes (``تحریم‌ها``, ``مهم‌ترین``), after a final ه (``منطقه‌ای``) and inside
compounds (``بین‌المللی``). Scraped pages lose it, gluing the parts (``میکنند``) or splitting them
with a space (``همکاری های``). General-purpose normalisers (hazm, shekar, parsivar) also rewrite
Arabic letters and split URLs and dates, so this module has its own conservative rules; the
vocabulary is data: hazm's word and verb lists (MIT licence, trimmed, credited in
``data/zwnj/README.md``), the affixes in ``data/zwnj/rules.yaml``.

Guarantees (property-tested):

* the letters never change: :func:`fix_glued_zwnj` only inserts U+200C, :func:`fix_spaced_zwnj`
  only turns a U+0020 into U+200C;
* each function is idempotent;
* URLs, numbers, Latin runs and words holding an Arabic-only letter (ي ك ة ى) or a diacritic
  are left alone, and so is every word that already holds a ZWNJ;
* a word is changed only when its reading is unique: ``دادهای`` (داد + های, or داده + ای) and
  ``مصاحبهای`` (مصاحب‌های or مصاحبه‌ای) stay as written;
* two words are joined only when the pair is known (a verb prefix and a verb, a word and a
  suffix that never stands alone, or a compound in the lexicon);
* a ZWNJ is never put after ا د ذ ر ز ژ و, where it changes nothing visible and standard
  spelling omits it.
"""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

logger = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data" / "zwnj"
ZWNJ = "\u200c"

#: Persian/Arabic letters (hamza above included); harakat, tatweel and digits are not letters.
LETTERS = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0654"
_PERSIAN_WORD_RE = re.compile(f"[{LETTERS}]+")
#: A token: letters, digits, Latin, marks, tatweel and ZWNJ together, so that a Persian word
#: glued to a digit, a Latin letter or a diacritic is seen whole (and left alone).
_TOKEN_RE = re.compile(r"[\w\u200c\u0640\u064b-\u065f\u0670]+")
#: URLs (with or without a scheme) and e-mail-like runs are never touched. They are found by
#: :func:`url_spans`, which reads whitespace-delimited tokens first and then scans each token
#: once: the single regex it replaces (``(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)\S+|
#: [A-Za-z0-9.-]+\.[A-Za-z]{2,}/\S*|\S+@\S+``) backtracked quadratically on a long token
#: (40,000 characters took 26 s).
_TOKEN_SPAN_RE = re.compile(r"\S+")
_SCHEME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-")
_HOST_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _url_start(t: str) -> int | None:
    """Where a URL or e-mail-like run begins in the token ``t`` (it always runs to the token's
    end), or None. Same answers as the regex above, in one pass over the token: each kind's
    first valid occurrence is its leftmost start, and the earliest kind wins."""
    n = len(t)
    # \S+@\S+ : an "@" with something before and after it makes the whole token one
    at = t.find("@", 1)
    if 0 < at < n - 1:
        return 0
    starts = []
    # www.X
    at = t.find("www.")
    if at != -1 and at + 4 < n:
        starts.append(at)
    # scheme://X : the leftmost letter of the scheme-character run before "://"
    k = t.find("://")
    while k != -1:
        if k + 3 < n:
            r = k
            while r > 0 and t[r - 1] in _SCHEME_CHARS:
                r -= 1
            p = next((i for i in range(r, k) if t[i] in _ASCII_LETTERS), None)
            if p is not None:
                starts.append(p)
                break
        k = t.find("://", k + 1)
    # host.tld/ : a run of host characters before a "/", its last dot followed by 2+ letters
    s = t.find("/")
    while s != -1:
        r = s
        while r > 0 and t[r - 1] in _HOST_CHARS:
            r -= 1
        d = t.rfind(".", r, s)
        if d - r >= 1 and s - d - 1 >= 2 and all(ch in _ASCII_LETTERS for ch in t[d + 1:s]):
            starts.append(r)
            break
        s = t.find("/", s + 1)
    return min(starts) if starts else None


def url_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the URLs and e-mail-like runs in ``text``, in linear time.

    >>> t = "بنگرید (https://x.ir/a) و x.ir/b و a@b.c و www.y.com"
    >>> [t[a:b] for a, b in url_spans(t)]
    ['https://x.ir/a)', 'x.ir/b', 'a@b.c', 'www.y.com']
    >>> url_spans("a@" * 5), url_spans("سلام" * 5)
    ([(0, 10)], [])
    """
    out = []
    for m in _TOKEN_SPAN_RE.finditer(text):
        start = _url_start(m.group(0))
        if start is not None:
            out.append((m.start() + start, m.end()))
    return out


@dataclass(frozen=True)
class Lexicon:
    """Everything the rules consult, loaded once from ``data/zwnj/``."""

    known: frozenset  #: words a corpus attests, glued spelling (hazm frequency > 0)
    compounds: frozenset  #: lexicon words written with a ZWNJ (بین‌المللی، گفت‌وگو)
    first_parts: frozenset  #: what comes before the first ZWNJ of a compound (بین، گفت)
    glued_map: dict  #: glued form -> ZWNJ spelling, for compounds whose glued form is not a word
    established: frozenset  #: glued spellings the lexicon lists as such (پیشتر، فیلتر)
    function_words: frozenset
    verb_forms: frozenset  #: present/past stem + person ending, participles (کنند، یابد، داشته)
    prefixed_forms: frozenset  #: the verb forms that follow می/نمی (no bare present stem)
    present_stems: frozenset
    non_joining: frozenset
    arabic_only: frozenset
    persian_letter: re.Pattern  #: finds a Persian-only letter
    arabic_letter: re.Pattern  #: finds an Arabic-only letter

    def arabic_line(self, line: str) -> bool:
        return bool(self.arabic_letter.search(line)) and not self.persian_letter.search(line)
    adjectives: frozenset  #: known words the lexicon tags as adjectives (مهم، کوچک)
    verb_prefixes: tuple
    plural_suffixes: tuple
    joined_plurals: frozenset
    comparative_suffixes: tuple
    after_heh: tuple
    bound_heads: frozenset
    bound_tokens: frozenset


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.lru_cache(maxsize=None)
def lexicon() -> Lexicon:
    """Load the word lists and affixes (once; about half a second)."""
    rules = yaml.safe_load((DATA / "rules.yaml").read_text("utf-8"))
    known = frozenset(_lines("words.txt"))
    compounds = frozenset(_lines("compounds.txt"))
    function_words = frozenset(_lines("function_words.txt"))
    glued_map: dict[str, str] = {}
    for word in sorted(compounds):
        parts = word.split(ZWNJ)
        glued = "".join(parts)
        # راجع‌به، یکی‌از: a multiword expression; a missing space there is not a lost ZWNJ
        if glued not in known and not any(p in function_words or not p for p in parts):
            glued_map.setdefault(glued, word)
    forms, prefixed, present = set(), set(), set()
    for line in _lines("verbs.txt"):
        past, _, pres = line.partition("#")
        if " " in line or not past or not pres or past + "ن" not in known:
            continue  # a verb whose infinitive (past stem + ن) the corpus never attests
        present.add(pres)
        prefixed.add(past + "ه")  # می‌کرده (است)
        forms.add(past + "ه")  # participle: شده، گرفته، داشته
        for stem, is_past in ((pres, False), (past, True)):
            for end in rules["person_endings"]:
                if is_past and end == "د":
                    continue
                conjugated = {stem + end}
                if end and end[0] != "ی" and stem[-1] in "اآو":
                    conjugated.add(stem + "ی" + end)  # آ → آیند، گو → گویند
                forms |= conjugated
                if end or is_past:
                    prefixed |= conjugated  # می + a bare present stem (میران) is no verb
    return Lexicon(
        known=known,
        compounds=compounds,
        first_parts=frozenset(c.split(ZWNJ, 1)[0] for c in compounds),
        glued_map=glued_map,
        established=frozenset(_lines("glued.txt")),
        function_words=function_words,
        verb_forms=frozenset(f for f in forms if len(f) >= 2),
        prefixed_forms=frozenset(f for f in prefixed if len(f) >= 2),
        present_stems=frozenset(present),
        non_joining=frozenset(rules["non_joining"]),
        arabic_only=frozenset(rules["arabic_only"]),
        persian_letter=re.compile("[%s]" % re.escape(rules["persian_only"])),
        arabic_letter=re.compile("[%s]" % re.escape(rules["arabic_only"])),
        verb_prefixes=tuple(rules["verb_prefixes"]),
        adjectives=frozenset(_lines("adjectives.txt")),
        plural_suffixes=tuple(rules["plural_suffixes"]),
        joined_plurals=frozenset(rules["joined_plurals"]),
        comparative_suffixes=tuple(rules["comparative_suffixes"]),
        after_heh=tuple(rules["after_heh"]),
        bound_heads=frozenset(rules["bound_heads"]),
        bound_tokens=frozenset(rules["bound_tokens"]),
    )


# --------------------------------------------------------------------------------------
# Glued words.
# --------------------------------------------------------------------------------------

def _verb(word: str, lex: Lexicon) -> str | None:
    """``میکنند`` → ``می‌کنند``: a verb prefix before a conjugated form of a listed verb."""
    for prefix in lex.verb_prefixes:
        rest = word[len(prefix):]
        if word.startswith(prefix) and rest in lex.prefixed_forms:
            return prefix + ZWNJ + rest
    return None


def _as_written(word: str, lex: Lexicon) -> bool:
    """Is the word, as written, already the spelling of some reading? A known word, or a known
    word + ی (``میدانی`` field-, ``میمونی``), so that it is no lost ZWNJ for sure."""
    return word in lex.known or (word.endswith("ی") and word[:-1] in lex.known)


def _suffix_readings(word: str, lex: Lexicon, depth: int) -> dict[str, bool]:
    """Every way to read ``word`` as a recognised base + suffix, in standard spelling, each
    with True when the reading is sure even for a word the lexicon lists glued (a plural, a
    participle + اند) and False when it is not (a comparative, a noun + ای: پیشتر، فیلتر)."""
    readings: dict[str, bool] = {}

    def add(base: str, std: str, suf: str, sure: bool) -> None:
        reading = std + ZWNJ + suf if base[-1] not in lex.non_joining else std + suf
        readings[reading] = readings.get(reading, False) or sure

    for suf in lex.plural_suffixes:
        base = word[: -len(suf)]
        if (word.endswith(suf) and len(base) >= 2 and base not in lex.joined_plurals
                and base not in lex.function_words):
            std = base if base in lex.known else _standard(base, lex, depth + 1)
            if std is not None:
                add(base, std, suf, True)
    shortest = min(lex.comparative_suffixes, key=len)
    for suf in lex.comparative_suffixes:
        base = word[: -len(suf)]
        if word.endswith(suf) and len(base) >= 2 and base in lex.adjectives:
            if base + shortest in lex.known:
                readings[word] = True  # بیشترین، کمترین follow the glued بیشتر، کمتر
            else:
                add(base, base, suf, False)
    for suf in lex.after_heh:
        base = word[: -len(suf)]
        if word.endswith(suf) and len(base) >= 3 and base[-1] == "ه":
            if base in lex.verb_forms:
                add(base, base, suf, True)  # داشته‌اند، گفته‌ایم
            elif base in lex.known:
                add(base, base, suf, False)  # منطقه‌ای، خانه‌ام
    return readings


def _heh_compound(word: str, lex: Lexicon) -> str | None:
    """``همسایهمحور`` → ``همسایه‌محور``: a known word ending in ه, then a bound head (محور،
    گیر، گرایی…) that is never a word's own ending. Two free words are not cut apart:
    ``خواهران`` is خواهر + ان, not خواه + ران."""
    for head in lex.bound_heads:
        left = word[: -len(head)]
        if word.endswith(head) and len(left) >= 3 and left[-1] == "ه" and left in lex.known:
            return left + ZWNJ + head
    return None


def _standard(word: str, lex: Lexicon, depth: int = 0) -> str | None:
    """The standard spelling of a glued word, or None when no rule reads it unambiguously."""
    if _as_written(word, lex) and word not in lex.glued_map:
        return word
    if depth == 0:
        verb = _verb(word, lex)
        if verb is not None:
            return verb
    if depth > 2 or len(word) < 3:
        return lex.glued_map.get(word)
    readings = _suffix_readings(word, lex, depth)
    if word in readings:
        # already a standard spelling of one reading (قرار دادهای = قرارداد + های, not داده‌ای):
        # never change what the text may mean
        return word
    if word in lex.glued_map:
        return lex.glued_map[word]  # the lexicon's word (منطقه‌ای) over a bare parse (منطق‌های)
    if word in lex.established:
        # the lexicon lists this glued spelling (فیلتر، پیشتر): only a sure reading overrides it
        readings = {r: sure for r, sure in readings.items() if sure}
        if not readings:
            return word
    if len(readings) == 1:
        return next(iter(readings))
    if readings:
        return None  # مصاحبهای: مصاحب‌های or مصاحبه‌ای, only the reader knows
    return None if word in lex.established else _heh_compound(word, lex)


@functools.lru_cache(maxsize=300_000)
def _fix_word(word: str) -> str:
    lex = lexicon()
    if not _PERSIAN_WORD_RE.fullmatch(word) or not lex.arabic_only.isdisjoint(word):
        return word
    std = _standard(word, lex)
    if std is None or std.replace(ZWNJ, "") != word:
        return word
    out: list[str] = []
    for ch in std:
        # a ZWNJ after ا د ر ز و… is invisible: standard spelling omits it
        if ch == ZWNJ and (not out or out[-1] in lex.non_joining or out[-1] == ZWNJ):
            continue
        out.append(ch)
    return "".join(out)


def _outside_arabic_lines(text: str, fn) -> str:
    """Apply ``fn`` to each line, except Arabic lines: an Arabic-only letter (ي ك ة ى) and no
    Persian-only letter (پ چ ژ گ ک ی). An Arabic quotation inside a Persian page (``مع هذا``،
    ``استخدامها``) is not Persian spelling."""
    lex = lexicon()
    return "\n".join(ln if lex.arabic_line(ln) else fn(ln) for ln in text.split("\n"))


def _fix_glued_line(line: str) -> str:
    return _TOKEN_RE.sub(lambda m: _fix_word(m.group(0)), line)


def _outside_urls(text: str, fn) -> str:
    """Apply ``fn`` to the stretches of ``text`` between URLs."""
    out, pos = [], 0
    for start, end in url_spans(text):
        out.append(fn(text[pos:start]))
        out.append(text[start:end])
        pos = end
    out.append(fn(text[pos:]))
    return "".join(out)


def fix_glued_zwnj(text: str) -> str:
    """Insert the ZWNJ that scraping removed inside Persian words: ``میکنند`` → ``می‌کنند``.

    Why: scraped Persian pages lose U+200C, so words read wrongly (``منطقهای``) and search for
    ``تحریم‌ها`` misses ``تحریمها``. A word is changed only when the verb list, the lexicon or
    the suffix rules read it one way; it is changed only by inserting U+200C.

    Left alone: words already holding a ZWNJ, words the lexicon knows glued (``کمتر``,
    ``میدان``, ``آنها``), ambiguous words (``دادهای``: داد + های or داده + ای), Arabic-spelled
    words (ي ك ة), words with digits, Latin letters or diacritics, URLs.

    >>> fix_glued_zwnj("امضا میکنند و تحریمها و مهمترین مسائل منطقهای")
    'امضا می\\u200cکنند و تحریم\\u200cها و مهم\\u200cترین مسائل منطقه\\u200cای'
    >>> fix_glued_zwnj("کشورها و میدان و قرار دادهای نظامی")
    'کشورها و میدان و قرار دادهای نظامی'
    >>> fix_glued_zwnj("https://x.ir/میکنند ميكنند")
    'https://x.ir/میکنند ميكنند'
    """
    if not text or not isinstance(text, str):
        return text
    return _outside_urls(text, lambda s: _outside_arabic_lines(s, _fix_glued_line))


# --------------------------------------------------------------------------------------
# Spaced words.
# --------------------------------------------------------------------------------------

def _standalone(stem: str, lex: Lexicon) -> bool:
    """Could ``stem`` stand as a word of its own after a space? (Then a pair is two words.)
    A bare present stem (``گو``) or a present stem + ی (``بندی``, ``سازی``) is read as part
    of the compound, not as an imperative or "you tie"; any word the corpus attests stands."""
    if stem in lex.known or stem in lex.function_words:
        return True
    if stem in lex.present_stems or (stem.endswith("ی") and stem[:-1] in lex.present_stems):
        return False
    return stem in lex.verb_forms


def _compound_pair(left: str, right: str, lex: Lexicon) -> bool:
    """``بین الملل``, ``دسته بندی``, ``گفت وگوها``: the lexicon writes left‌right (possibly with a
    suffix after it) and right is not a word of its own, so the space is a lost ZWNJ."""
    if left not in lex.first_parts:
        return False
    for suf in ("",) + lex.plural_suffixes + lex.comparative_suffixes:
        stem = right[: len(right) - len(suf)]
        if right.endswith(suf) and len(stem) >= 2 and left + ZWNJ + stem in lex.compounds \
                and not _standalone(stem, lex):
            return True
    return False


@functools.lru_cache(maxsize=300_000)
def _pair(left: str, right: str) -> bool:
    """Should the space between these two Persian words be a ZWNJ?"""
    lex = lexicon()
    if (left[-1] in lex.non_joining or not lex.arabic_only.isdisjoint(left)
            or not lex.arabic_only.isdisjoint(right) or len(right) < 2):
        return False
    if left in lex.verb_prefixes:
        return right in lex.prefixed_forms  # می یابد، نمی دهند
    if left in lex.function_words or len(left) < 2:
        return False
    if right in lex.bound_tokens:
        return left not in lex.joined_plurals  # همکاری های (but آن ها may stay)
    if right in lex.comparative_suffixes:
        return right != "تر" and left in lex.adjectives  # مهم ترین (تر alone is "wet")
    if right in lex.after_heh:
        # هسته ای، داشته اند: ای/اند/ام after a final ه of a known word or participle
        return left[-1] == "ه" and len(left) >= 3 and (left in lex.known or left in lex.verb_forms)
    return _compound_pair(left, right, lex)


@functools.lru_cache(maxsize=100_000)
def _va_compound(left: str, right: str) -> bool:
    """``گفت و گوهای``: the lexicon writes ``گفت‌وگو`` and گو is not a word of its own
    (``حمل و نقل`` stays: نقل is a word)."""
    lex = lexicon()
    if left[-1] in lex.non_joining or left not in lex.first_parts:
        return False
    if not (lex.arabic_only.isdisjoint(left) and lex.arabic_only.isdisjoint(right)):
        return False
    for suf in ("",) + lex.plural_suffixes + lex.comparative_suffixes:
        stem = right[: len(right) - len(suf)]
        if right.endswith(suf) and len(stem) >= 2 and left + ZWNJ + "و" + stem in lex.compounds \
                and not _standalone(stem, lex):
            return True
    return False


_LAST_RE = re.compile(f"(?:^|[^\\w\u0640\u064b-\u065f\u0670])([{LETTERS}]+)$")
_FIRST_RE = re.compile(f"([{LETTERS}]+)(?:$|[^\\w\u200c\u0640\u064b-\u065f\u0670])")


@functools.lru_cache(maxsize=300_000)
def _last_word(token: str) -> str | None:
    """The Persian word ending ``token`` (after a ZWNJ or punctuation): ``«همکاری`` → همکاری."""
    m = _LAST_RE.search(token)
    return m.group(1) if m else None


@functools.lru_cache(maxsize=300_000)
def _first_word(token: str) -> str | None:
    """The Persian word opening ``token`` when punctuation (or nothing) follows: ``یابد؛``."""
    m = _FIRST_RE.match(token)
    return m.group(1) if m else None


def _join_line(line: str) -> str:
    tokens = line.split(" ")
    if len(tokens) < 2:
        return line
    out = [tokens[0]]
    i = 1
    while i < len(tokens):
        token, prev = tokens[i], out[-1]
        left, right = _last_word(prev), _first_word(token)
        if left and right == token and right == "و" and i + 1 < len(tokens):
            nxt = _first_word(tokens[i + 1])
            if nxt and _va_compound(left, nxt):
                # both spaces become ZWNJ (the one after و is invisible): گفت‌و‌گوهای
                out[-1] = prev + ZWNJ + "و" + ZWNJ + tokens[i + 1]
                i += 2
                continue
        if left and right and _pair(left, right):
            out[-1] = prev + ZWNJ + token
        else:
            out.append(token)
        i += 1
    return " ".join(out)


def fix_spaced_zwnj(text: str) -> str:
    """Turn a plain space into a ZWNJ inside known pairs: ``همکاری های`` → ``همکاری‌های``.

    Why: some pages type a space where Persian writes a ZWNJ, splitting one word in two (for
    reading, search and entity matching). Known pairs: the verb prefix می/نمی and a listed
    verb form; a word and a suffix that never stands alone (ها، های، ترین…); ای/اند/ام after
    a final ه; a lexicon compound whose second part is not a word of its own (بین الملل،
    دسته بندی، گفت وگو، گفت و گو). Only U+0020 is ever replaced, by U+200C.

    Left alone: any other pair of words (``قرار دادهای``, ``حمل و نقل``, ``توسعه است``), pairs
    with a function word (``به زودی``), pairs after ا د ر ز و (``کشور ها``: a ZWNJ there would
    be invisible), Arabic-spelled words, numbers, Latin runs, URLs, line breaks.

    >>> fix_spaced_zwnj("همکاری های نظامی تداوم می یابد؛ هسته ای و بین الملل")
    'همکاری\\u200cهای نظامی تداوم می\\u200cیابد؛ هسته\\u200cای و بین\\u200cالملل'
    >>> fix_spaced_zwnj("قرار دادهای نظامی، حمل و نقل، به زودی")
    'قرار دادهای نظامی، حمل و نقل، به زودی'
    """
    if not text or not isinstance(text, str) or " " not in text:
        return text
    return _outside_urls(text, lambda s: _outside_arabic_lines(s, _join_line))
