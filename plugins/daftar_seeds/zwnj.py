"""Repair of the zero-width non-joiner (U+200C) that scraping lost in Persian text.

Persian writes a ZWNJ inside many words: after the verb prefix (``می‌کنند``), before plural and
comparative suffixes (``تحریم‌ها``, ``مهم‌ترین``), and inside compounds (``بین‌المللی``). Scraped
pages lose it, gluing the parts (``میکنند``) or splitting them with a space (``همکاری های``).
General-purpose normalisers (hazm, shekar, parsivar) also rewrite Arabic letters, split URLs and
dates, so we use our own conservative rules with hazm's word and verb lists as data
(``data/zwnj/``, MIT licence, credited in ``data/zwnj/README.md``).

Guarantees (property-tested): the letters never change — a rule only inserts U+200C or turns
a space into U+200C; applying a rule twice changes nothing more; URLs, numbers, Latin runs and
words written with Arabic-only letters (ي ك ة) are left alone; two words are joined only when
the pair is known (a lexicon compound, a verb prefix, or a suffix that never stands alone).
A ZWNJ is only inserted after a letter that would otherwise join the next one: after
ا د ذ ر ز ژ و it changes nothing visible and standard spelling omits it.
"""
from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path

DATA = Path(__file__).parent / "data" / "zwnj"
ZWNJ = "\u200c"

#: Letters that do not join the following letter: no ZWNJ is ever needed after them.
NON_JOINING = frozenset("اآأإدذرزژوؤ")
#: Letters that mark a word as Arabic-spelled (Persian uses ی ک ه): left alone.
ARABIC_ONLY = frozenset("يكةى")

#: Suffixes that take a ZWNJ after any joining letter (longest first).
SUFFIXES = ("هایمان", "هایتان", "هایشان", "هایی", "هایم", "هایت", "هایش", "هاست", "های", "ها",
            "ترین", "تر")
#: Suffixes that take a ZWNJ only after a final ه (منطقه‌ای، داشته‌اند، خسته‌ام).
AFTER_HEH = ("ایم", "اید", "اند", "ای", "ام")
#: Tokens that never stand alone and join the previous word when written apart.
#: Bound second parts of compounds (…‌گرایی، …‌محور): joined with a ZWNJ after a final ه.
BOUND_HEADS = ("گرایانه", "گرایی", "گرایان", "گرا", "محوری", "محور", "سازی", "ساز", "گیری", "گیر")
BOUND_SUFFIX_TOKENS = frozenset(("ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان",
                                 "هاست", "ترین"))
PERSONAL = ("م", "ی", "د", "یم", "ید", "ند", "")

_WORD_RE = re.compile(r"[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0654\u200c]+")
_SKIP_RE = re.compile(r"(?:https?://|www\.)\S+|[A-Za-z0-9_.\-/@:]+")


@functools.lru_cache(maxsize=None)
def stopwords() -> frozenset:
    """Function words (data/zwnj/function_words.txt)."""
    lines = (DATA / "function_words.txt").read_text("utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=None)
def lexicon() -> tuple[frozenset, frozenset, dict]:
    """(every listed word, the words with a corpus frequency, glued form -> standard form).

    The glued map holds lexicon words written with a ZWNJ (بین‌المللی) under their glued form
    (بینالمللی), except multiword expressions with a function word (راجع‌به، یکی‌از): a
    missing space there is not a missing ZWNJ.
    """
    words, known = set(), set()
    with gzip.open(DATA / "words.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            w, _, flag = line.rstrip("\n").partition("\t")
            if w:
                words.add(w)
                if flag == "1":
                    known.add(w)
    stop = stopwords()
    glued: dict[str, str] = {}
    for w in sorted(words):
        if ZWNJ in w and not any(part in stop for part in w.split(ZWNJ)):
            g = w.replace(ZWNJ, "")
            # a glued spelling that is itself a common word stays (e.g. کمتر)
            if g not in known and (w in known or g not in words):
                glued.setdefault(g, w)
    return frozenset(words), frozenset(known), glued


@functools.lru_cache(maxsize=None)
def verb_forms() -> frozenset:
    """Conjugated forms that follow the prefix می/نمی: present and past stems + endings."""
    forms = set()
    for line in (DATA / "verbs.txt").read_text("utf-8").splitlines():
        if "#" not in line:
            continue
        past, present = line.strip().split("#", 1)
        for stem in (present, past):
            if len(stem) < 1:
                continue
            for end in PERSONAL:
                if stem == past and end == "د":
                    continue
                forms.add(stem + end)
            if stem == past:
                forms.add(past + "ه")  # participle: شده، گرفته
                if stem[-1] in "اآو" and end and end[0] != "ی":
                    forms.add(stem + "ی" + end)  # آ -> آیند، گو -> گویند
    return frozenset(f for f in forms if len(f) >= 2)


def _joins(ch: str) -> bool:
    return ch not in NON_JOINING


def _standard(word: str, depth: int = 0) -> str | None:
    """The standard spelling of a glued word, or None when no rule recognises it."""
    words, known, glued = lexicon()
    if word in known:
        return word
    for suf in SUFFIXES:
        base = word[: -len(suf)]
        if word.endswith(suf) and len(base) >= 2 and base in known and not _joins(base[-1]):
            # readable as a word + suffix that needs no ZWNJ (دادهای = داد + های): leave it, even
            # if another reading (داده‌ای) would want one — never change what the text says
            return word
    if word in glued:
        return glued[word]
    if depth > 2 or len(word) < 4:
        return None
    for prefix in ("نمی", "می"):
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 2 and rest in verb_forms():
            return prefix + ZWNJ + rest
    for suf in SUFFIXES:
        base = word[: -len(suf)]
        if word.endswith(suf) and len(base) >= 2:
            std = base if base in known else _standard(base, depth + 1) if len(base) >= 4 else None
            if std is not None:
                # after ا د ر ز و… the suffix needs no ZWNJ: the word is already right
                return std + ZWNJ + suf if _joins(base[-1]) else word
    if word.endswith("ی") and word[:-1] in known:
        return word  # adjective or indefinite ی (فرهنگی): no ZWNJ
    for suf in AFTER_HEH:
        base = word[: -len(suf)]
        if word.endswith(suf) and len(base) >= 3 and base.endswith("ه") and base in known:
            return base + ZWNJ + suf
    # compound whose first part ends in ه: همسایهمحور -> همسایه‌محور (both parts common words)
    for i in range(3, len(word) - 2):
        right = word[i:]
        if word[i - 1] == "ه" and word[:i] in known and (
                right in known or right in BOUND_HEADS or (right[-1] == "ی" and right[:-1] in known)
                or (right.endswith("یی") and right[:-2] in known)):
            return word[:i] + ZWNJ + right
    return None


@functools.lru_cache(maxsize=200_000)
def _fix_word(word: str) -> str:
    if ZWNJ in word or any(ch in ARABIC_ONLY for ch in word):
        return word
    std = _standard(word)
    if std is None or std.replace(ZWNJ, "") != word:
        return word
    # keep only ZWNJs that follow a joining letter (standard spelling omits the others)
    out = []
    for i, ch in enumerate(std):
        if ch == ZWNJ and (not out or not _joins(out[-1])):
            continue
        out.append(ch)
    return "".join(out)


def _outside_skips(text: str, fn) -> str:
    """Apply ``fn`` to the stretches of ``text`` outside URLs and Latin/number runs."""
    out, pos = [], 0
    for m in _SKIP_RE.finditer(text):
        out.append(fn(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fn(text[pos:]))
    return "".join(out)


def fix_glued_zwnj(text: str) -> str:
    """Insert the ZWNJ that scraping removed inside Persian words.

    Only words the lexicon, the verb list or the suffix rules recognise are changed, and only
    by inserting U+200C; words already containing a ZWNJ, Arabic-spelled words, URLs and
    numbers are left alone.

    >>> fix_glued_zwnj("امضا میکنند و تحریمها و مهمترین مسائل منطقهای")
    'امضا می\\u200cکنند و تحریم\\u200cها و مهم\\u200cترین مسائل منطقه\\u200cای'
    >>> fix_glued_zwnj("کشورها و میدان و https://x.ir/میکنند")
    'کشورها و میدان و https://x.ir/میکنند'
    """
    return _outside_skips(text, lambda s: _WORD_RE.sub(lambda m: _fix_word(m.group(0)), s))


_SPACED_RE = re.compile(r"(?<![\w\u200c])(\w+) (\w+)(?![\w\u200c])")


def _compound_with_va(left: str, right: str) -> bool:
    """``گفت`` + ``و`` + ``گوهای``: a lexicon compound ``گفت‌وگو`` (+ suffix) whose second part
    is not a word of its own (``حمل و نقل`` stays apart: نقل is a word)."""
    if not (_first_word(left) and _first_word(right)) or not _joins(left[-1]):
        return False
    words, known, _ = lexicon()
    for suf in ("",) + SUFFIXES:
        stem = right[: len(right) - len(suf)] if suf else right
        if right.endswith(suf) and stem and stem not in known and left + ZWNJ + "و" + stem in words:
            return True
    return False


@functools.lru_cache(maxsize=200_000)
def _pair(left: str, right: str) -> bool:
    """Should the space between these two Persian words be a ZWNJ?"""
    if any(ch in ARABIC_ONLY for ch in left + right) or not _joins(left[-1]):
        return False
    words, known, _ = lexicon()
    stop = stopwords()
    if left in ("می", "نمی"):
        # standing alone, می/نمی is the verb prefix: the next word is the verb
        return len(right) >= 2 and right not in stop
    if left in stop or len(left) < 2:
        return False
    if right in BOUND_SUFFIX_TOKENS:
        return True
    if right in AFTER_HEH and left.endswith("ه") and len(left) >= 3 and left in known:
        return True
    # a lexicon compound whose second part is not a word of its own: بین الملل، گفت وگو
    for suf in ("",) + SUFFIXES:
        stem = right[: len(right) - len(suf)] if suf else right
        if (right.endswith(suf) and stem and stem not in known and stem not in stop
                and stem not in verb_forms() and left + ZWNJ + stem in words):
            return True
    return False


def fix_spaced_zwnj(text: str) -> str:
    """Turn a plain space into a ZWNJ inside known pairs: ``همکاری های`` -> ``همکاری‌های``.

    Known pairs: the verb prefix می/نمی and a verb; a word and a suffix that never stands
    alone (ها، های، ترین…); ای/اند/ام after a final ه; compounds the lexicon writes with a ZWNJ
    (بین الملل، دسته بندی، گفت وگو). Any other pair of words is left apart.

    >>> fix_spaced_zwnj("همکاری های نظامی تداوم می یابد؛ هسته ای و بین الملل")
    'همکاری\\u200cهای نظامی تداوم می\\u200cیابد؛ هسته\\u200cای و بین\\u200cالملل'
    >>> fix_spaced_zwnj("قرار دادهای نظامی")
    'قرار دادهای نظامی'
    """

    def fix(segment: str) -> str:
        words = segment.split(" ")
        if len(words) < 2:
            return segment
        out = [words[0]]
        i = 1
        while i < len(words):
            w = words[i]
            prev = out[-1]
            # "گفت و گوهای": a compound the lexicon writes A‌وB, spaced out around و
            if w == "و" and i + 1 < len(words) and _compound_with_va(prev, words[i + 1]):
                out[-1] = prev + ZWNJ + "و" + words[i + 1]
                i += 2
                continue
            i += 1
            lw = _last_word(prev)
            fw = _first_word(w)
            if lw and fw and _pair(lw, fw):
                out[-1] = prev + ZWNJ + w
            else:
                out.append(w)
        return " ".join(out)

    return _outside_skips(text, lambda s: "\n".join(fix(line) for line in s.split("\n")))


_LETTERS = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0654"
_LAST_RE = re.compile(f"(?:^|\u200c)([{_LETTERS}]+)$")
_FIRST_RE = re.compile(f"^([{_LETTERS}]+)(?:[^{_LETTERS}\\w\u200c]*)$")


def _last_word(token: str) -> str | None:
    """The Persian word ending ``token`` (after its last ZWNJ), if it ends in letters."""
    m = _LAST_RE.search(token)
    return m.group(1) if m else None


def _first_word(token: str) -> str | None:
    """The Persian word opening ``token`` when only punctuation follows it (``یابد؛``)."""
    m = _FIRST_RE.match(token)
    return m.group(1) if m else None
