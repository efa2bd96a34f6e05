"""Language detection for Persian and Arabic pages, from the text itself (sampled across the
whole text, so a long header or footer does not decide).

Both languages share most letters, so the decision rests on what only one of them uses:
Persian has پ چ ژ گ and writes ی/ک; Arabic writes ي/ك/ة/ى and uses function words
(في، من، على، التي، الذي) that Persian prose does not. Older Persian pages typed on Arabic
keyboards use ي/ك too (see the corpus), so letters alone are not enough: we weigh letters and
frequent function words together. Returns None for text that is in neither script.
"""
from __future__ import annotations

import re

from .fold import fold, fold_word

_WORD_RE = re.compile(r"[\u0600-\u06FF\u200c]+")

# Function words that are frequent in one language and rare in the other.
FA_WORDS = frozenset("""است این که را با از برای می شد شده کرد کرده کند های ها هم بر دو آن
    او وی اند بود خود شود نیز یک ایران روسیه گفت کشور""".split())
AR_WORDS = frozenset("""في من على إلى الى التي الذي أن ان عن مع هذا هذه كان قال بين الدولي
    وزير إيران روسيا أنه لا ما حيث""".split())
# Letters only Persian uses weigh most; ی/ک vs ي/ك weigh little, since old Persian pages were
# typed with Arabic ي/ك.
LETTER_WEIGHTS_FA = {"پ": 2.0, "چ": 2.0, "ژ": 2.0, "گ": 2.0, "ی": 0.5, "ک": 0.5}
LETTER_WEIGHTS_AR = {"ة": 1.0, "ى": 0.5, "ي": 0.3, "ك": 0.3, "إ": 0.5, "أ": 0.3}


#: Texts up to this long are read whole; longer ones through WINDOWS evenly spaced windows
#: of SAMPLE_CHARS // WINDOWS characters (the opening, the end and the middle all count).
SAMPLE_CHARS = 30_000
WINDOWS = 10


def sample(text: str) -> str:
    """Up to SAMPLE_CHARS characters drawn from across ``text`` (the whole of a short one).

    Why: a page whose first 30,000 characters are navigation or an English header must still
    be read by its article, and an 8 MB seed must stay cheap.

    >>> sample("abc") == "abc"
    True
    >>> s = sample("a" * 40_000 + "ب" * 40_000)
    >>> len(s) <= SAMPLE_CHARS + WINDOWS and "a" in s and "ب" in s
    True
    """
    if len(text) <= SAMPLE_CHARS:
        return text
    width = SAMPLE_CHARS // WINDOWS
    step = (len(text) - width) / (WINDOWS - 1)
    return "\n".join(text[int(i * step):int(i * step) + width] for i in range(WINDOWS))


def detect_lang(text: str) -> str | None:
    """Return "fa", "ar", or None when the text has too few Arabic-script words.

    >>> detect_lang("همکاری‌های نظامی ایران و روسیه تداوم می‌یابد و گفت")
    'fa'
    >>> detect_lang("مزيد من التقدم في العلاقات الاستراتيجية بين إيران وروسيا")
    'ar'
    >>> detect_lang("Thursday 21 November 2024") is None
    True
    >>> detect_lang("Home | News | Sport | " * 2000 + "همکاری‌های نظامی ایران و روسیه تداوم می‌یابد و گفت " * 800)
    'fa'
    """
    sample_ = sample(text)
    words = _WORD_RE.findall(sample_)
    if len(words) < 3:
        return None
    latin = len(re.findall(r"[A-Za-z]{2,}", sample_))
    if latin > 3 * len(words):
        return None
    fa = ar = 0.0
    for w in words:
        f = fold_word(w)
        if f in _FA_FOLDED:
            fa += 3
        if f in _AR_FOLDED:
            ar += 3
        for ch in w:
            fa += LETTER_WEIGHTS_FA.get(ch, 0.0)
            ar += LETTER_WEIGHTS_AR.get(ch, 0.0)
    if "\u200c" in sample_:
        fa += 5
    return "fa" if fa >= ar else "ar"


_FA_FOLDED = frozenset(fold(w) for w in FA_WORDS) - frozenset(fold(w) for w in AR_WORDS)
_AR_FOLDED = frozenset(fold(w) for w in AR_WORDS) - frozenset(fold(w) for w in FA_WORDS)


def script_share(text: str) -> float:
    """Share of letters that are Arabic-script (0..1): tells RTL pages from LTR ones.

    >>> script_share("abc ابت")
    0.5
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff") / len(letters)
