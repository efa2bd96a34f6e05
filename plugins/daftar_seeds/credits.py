"""Credits a line states: outlets, agencies, relayed sources, desks, datelines and bylines.

A scraped page says who published it and who reported it in a handful of shapes, in Persian
and Arabic alike: a lead prefix (``خبرگزاري فارس: …``, ``تسنیم-گروه سیاسی: …``), an
attribution (``به گزارش گروه بین‌الملل خبرگزاری فارس، …``, ``بحسب رويترز``), a relay
(``به نقل از خبرگزاری «نووستی»``, ``خبرگزاری روسی «ریانووستی» … گزارش کرد``), a dateline
(``موسكو (النبأ) -``), a byline (``موسكو - د ب ا``, ``لندن: «الشرق الأوسط أونلاين»``,
``عين اليوم – برلين``, ``موسكو - سعيد طانيوس:``), a line that is only a name (``مجلة X``), a
copyright line, an agency after a date (``… 09:10 أ ف ب``). :func:`read_credits` reads them
all from one line and returns :class:`Credit` records; *which* role a credit plays for the
page (publisher, wire, relayed source) depends on where the line stands, and is decided by
the metadata stage (:mod:`fields`), which reads these records and parses nothing again.

The phrases come from ``data/credits.yaml``, the names from ``data/outlets.yaml``. Everything
works on the line's folded tokens (one regex over the line, then dictionary look-ups), so a
line of any length is read in linear time.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from daftar_text.fold import fold_word

from .outlets import Directory, NameMatch, Outlet, directory, name_tokens

DATA_FILE = Path(__file__).parent / "data" / "credits.yaml"

#: A raw token: letters and digits with the marks, tatweel and joiners that sit inside words.
_RAW_TOKEN_RE = re.compile(r"[\w\u0640\u064b-\u065f\u0670\u200c\u200d]+")
_WORD_RE = re.compile(r"\w+")
#: Characters that end a clause (a credit phrase never runs across them).
CLAUSE_END = frozenset("،؛:,.!?؟()[]{}\n-–—|/")
#: A name of more tokens than this is not a credit but prose.
MAX_NAME_TOKENS = 7
#: Only lines this short are read as bylines or name lines.
SHORT_LINE_TOKENS = 8
#: ``City (Outlet) -`` or ``City, Country (Outlet) --`` opening a paragraph. Bounded classes,
#: anchored at the start: linear on any line.
_DATELINE_RE = re.compile(
    r"^([^\s(،,:]{2,20}(?:[،,]? [^\s(،,:]{2,20})?)\s{0,3}\(([^()\n]{2,30})\)\s{0,3}(?:[-–—]|[0-9٠-٩۰-۹])"
)
_QUOTES = "«»\"'“”‘’„‹›()[]"


@dataclass(frozen=True)
class Tok:
    """One folded token with its character span in the line."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Credit:
    """One credit read from a line.

    ``how`` says which shape it came in (see :data:`HOWS`); ``name`` is the outlet's one form
    when ``outlet`` is known, else the words as written; ``kind`` is "agency" or "outlet" (from
    the directory, or from the org word of an unknown name: "خبرگزاری X" is an agency);
    ``common`` is True when the name was found under a spelling that is also an ordinary word.
    ``at_start``: the credit opens the line. ``desk``, ``city`` and ``person`` are the desk,
    dateline city and person the same credit names.
    """

    how: str
    name: str | None = None
    outlet: Outlet | None = None
    kind: str | None = None
    common: bool = False
    at_start: bool = False
    desk: str | None = None
    city: str | None = None
    person: str | None = None
    start: int = 0

    def as_dict(self) -> dict:
        """JSON-plain view (for logs and tests)."""
        d = {"how": self.how, "name": self.name, "kind": self.kind}
        for k in ("desk", "city", "person"):
            if getattr(self, k):
                d[k] = getattr(self, k)
        return d


#: Shapes a credit comes in, and what each means.
HOWS = {
    "lead_prefix": "«X: …» or «X-desk: …» opening a paragraph: X signs the text",
    "wrote": "«X نوشت:» opening a paragraph: X wrote what follows",
    "report": "«به گزارش X،», «بحسب X»: X reported (at the start of the lead: the house credit)",
    "relay": "«به نقل از X», «X گزارش کرد», «ذكرت وكالة X»: the text quotes X as reporting",
    "empty_slot": "«به گزارش :» with no name: a template slot left empty",
    "dateline": "«City (X) -» opening a paragraph",
    "byline": "«City - X», «X – City», «City: «X»», «City - Person:» on a short line",
    "credit_line": "a short line that is only a name («مجلة X», «خبرگزاری X», a known outlet)",
    "copyright": "a copyright line naming its holder",
    "mention": "a known name inside a short line (counts only in the site's own chrome lines)",
    "date_tail": "a known name right after the date on a date line («… 09:10 أ ف ب»)",
}


class _Phrases:
    """credits.yaml compiled to token tuples, indexed by first token."""

    def __init__(self, data: dict):
        def phrases(key):
            return sorted({name_tokens(str(p)) for p in data.get(key, []) if name_tokens(str(p))},
                          key=len, reverse=True)

        self.report = phrases("report_intro")
        self.relay = phrases("relay_intro")
        self.after = phrases("reporting_after")
        self.wrote = frozenset(phrases("wrote"))
        self.before = phrases("reporting_before")
        self.org = phrases("org_words")
        self.agency_words = frozenset(phrases("agency_words"))
        self.descriptors = frozenset(t for p in phrases("descriptors") for t in p)
        self.desks = frozenset(t for p in phrases("desk_words") for t in p)
        self.placeholders = frozenset(t for p in phrases("placeholders") for t in p)
        self.copyright = phrases("copyright")
        self.copyright_raw = tuple(p for p in data.get("copyright", []) if not name_tokens(str(p)))
        self.separators = tuple(data.get("byline_separators", []))
        self.stops = frozenset(t for p in phrases("clause_stops") for t in p)
        self.cities = frozenset("".join(name_tokens(str(c))) for c in data.get("cities", []))

    @staticmethod
    def index(phrases):
        out: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            out.setdefault(p[0], []).append(p)
        return out


@functools.lru_cache(maxsize=None)
def phrases() -> _Phrases:
    with open(DATA_FILE, encoding="utf-8") as fh:
        return _Phrases(yaml.safe_load(fh))


@functools.lru_cache(maxsize=None)
def _index(name: str) -> dict:
    return _Phrases.index(getattr(phrases(), name))


@functools.lru_cache(maxsize=None)
def _firsts(*names: str) -> frozenset:
    """First tokens of the phrases of these indexes: a token that is none of them (nor one
    after a glued و/ف) cannot open a phrase, so most tokens are skipped with one set look-up."""
    return frozenset(k for n in names for k in _index(n))


def _may_open(w: str, firsts: frozenset) -> bool:
    return w in firsts or (len(w) >= 3 and w[0] in "وف" and w[1:] in firsts)


@functools.lru_cache(maxsize=None)
def places() -> frozenset:
    """Folded keys of place names a dateline may hold: CLDR cities and countries in fa, ar
    and en (from Babel, already a dependency), and the cities listed in credits.yaml."""
    from babel import Locale

    keys = set(phrases().cities)
    for lang in ("fa", "ar", "en"):
        loc = Locale(lang)
        for zone in loc.time_zones.values():
            city = dict(zone).get("city")
            if city:
                keys.add("".join(name_tokens(city)))
        for code, name in loc.territories.items():
            if len(code) == 2 and code.isalpha():  # countries, not regions ("001" is the World)
                keys.add("".join(name_tokens(name)))
    keys.discard("")
    return frozenset(keys)


def is_place(text: str) -> bool:
    """A city or country a dateline may name (``دمشق، سوريا`` counts by its city).

    >>> is_place("موسكو"), is_place("مسکو"), is_place("دمشق، سوريا"), is_place("سعيد طانيوس")
    (True, True, True, False)
    """
    first = re.split(r"[،,]", text, maxsplit=1)[0]
    key = "".join(name_tokens(first))
    return bool(key) and key in places()


def tokens(text: str) -> list[Tok]:
    """The line's folded tokens with their spans (one linear regex pass).

    >>> [t.text for t in tokens("تسنیم-گروه سیاسی: «ریا‌نووستی»")]
    ['تسنیم', 'گروه', 'سیاسی', 'ریانووستی']
    """
    out: list[Tok] = []
    for m in _RAW_TOKEN_RE.finditer(text):
        for sub in _WORD_RE.findall(fold_word(m.group(0))):
            out.append(Tok(sub, m.start(), m.end()))
    return out


def _gap(text: str, toks: list[Tok], i: int) -> str:
    """The characters between token i and token i+1 (or the end of the line)."""
    end = toks[i + 1].start if i + 1 < len(toks) else len(text)
    return text[toks[i].end:end]


def _clause_end(text: str, toks: list[Tok], i: int) -> bool:
    return any(ch in CLAUSE_END for ch in _gap(text, toks, i))


def _clause(text: str, toks: list[Tok], start: int, limit: int = MAX_NAME_TOKENS + 3) -> int:
    """Index one past the last token of the clause that begins at ``start`` (it ends at
    punctuation or before a conjunction that opens what was reported: أن، که)."""
    stops = phrases().stops
    i = start
    while i < len(toks) and i - start < limit:
        if i > start and toks[i].text in stops:
            return i
        if _clause_end(text, toks, i):
            return i + 1
        i += 1
    return i


def _phrase_at(words: tuple[str, ...], i: int, index: dict) -> int:
    """How many tokens a phrase of ``index`` takes at ``words[i]`` (0: none there).

    Arabic glues و/ف to the phrase (``وبحسب``) and a final ل/ب to the next word
    (``وفقا لوكالة``): both are accepted; a glued final letter stays with the next token.
    """
    w = words[i]
    for first in (w, w[1:] if len(w) >= 3 and w[0] in "وف" else None):
        if not first:
            continue
        for p in index.get(first, ()):
            n = len(p)
            if words[i + 1:i + n] == p[1:]:
                return n
            tail = p[-1]
            if n >= 2 and len(tail) == 1 and words[i + 1:i + n - 1] == p[1:-1] \
                    and i + n - 1 < len(words) and words[i + n - 1][:1] == tail and len(words[i + n - 1]) > 2:
                return n - 1
    return 0


class _Words:
    """The folded words of a token list, read lazily by index (and by slice, as a tuple)."""

    __slots__ = ("toks",)

    def __init__(self, toks: list[Tok]):
        self.toks = toks

    def __len__(self) -> int:
        return len(self.toks)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(t.text for t in self.toks[i])
        return self.toks[i].text


@dataclass(frozen=True)
class _Name:
    name: str | None
    outlet: Outlet | None
    kind: str | None
    common: bool
    desk: str | None
    start: int  # token index where the name begins


def _span(text: str, toks: list[Tok], a: int, b: int) -> str:
    return text[toks[a].start:toks[b - 1].end].strip(_QUOTES + " ")


def parse_name(text: str, toks: list[Tok], a: int, b: int, d: Directory | None = None,
               allow_unknown: bool = False) -> _Name | None:
    """The name credited by tokens ``[a, b)`` of a line: known (canonical form), or an unknown
    one introduced by an org word (``مجلة X``), or (``allow_unknown``) the words as written.
    A leading desk (``گروه بین‌الملل``) is returned apart; placeholders (``خبرنگار``) and
    descriptors (``روسی``) are skipped; a run of placeholders alone credits no one. A spelling
    that is also an ordinary word (``البيان``, ``مهر``) comes back with ``common`` set unless
    it is signalled as a name: quoted, or after an org word, desk or placeholder
    (``خبرنگار مهر``); the caller decides whether its position makes it a credit.
    """
    d = d or directory()
    ph = phrases()
    b = min(b, a + MAX_NAME_TOKENS + 3)
    if a >= b:
        return None
    # only the tokens of the span are read: building the whole line's word list here would
    # make a line of many credit phrases quadratic
    words = _Words(toks)
    if a >= b:
        return None
    found = d.find(words, a, b)
    if found:
        m: NameMatch = found[0]
        tail = [w for w in words[m.end:b] if w not in ph.descriptors and w not in ph.placeholders]
        org_before = next((i for i in range(a, m.start) if _org_at(words, i)), None)
        if tail and len(tail) <= 2 and org_before is not None and b - a <= 6:
            found = []  # "مجلة الوطن العربي": an unknown name that holds a known one
    if found:
        m = found[0]
        common = m.common and not _signalled(text, toks, words, a, m.start)
        desk = None
        lead = [i for i in range(a, m.start)]
        desk_at = next((i for i in lead if words[i] in ph.desks), None)
        if desk_at is not None:
            stop = desk_at + 1
            while stop < m.start and words[stop] not in ph.placeholders and not _org_at(words, stop):
                stop += 1
            desk = _span(text, toks, desk_at, stop)
        return _Name(m.outlet.name, m.outlet, m.outlet.kind, common, desk, m.start)
    # unknown: skip desks and placeholders, then an org word makes it a name
    i, desk = a, None
    if i < b and words[i] in ph.desks:
        j = i + 1
        while j < b and not _org_at(words, j) and words[j] not in ph.placeholders:
            j += 1
        desk, i = _span(text, toks, i, j), j
    while i < b and words[i] in ph.placeholders and not _org_at(words, i):
        i += 1
    org = _org_at(words, i) if i < b else 0
    if org:
        j = i + org
        while j < b and words[j] in ph.descriptors:
            j += 1
        if j >= b or b - i > MAX_NAME_TOKENS or all(w in ph.placeholders or w in ph.descriptors for w in words[j:b]):
            return None  # "خبرگزاری" alone or with only generic words: an empty slot
        kind = "agency" if words[i:i + org] in ph.agency_words or (
            words[i][:1] in "لب" and (words[i][1:], *words[i + 1:i + org]) in ph.agency_words) else "outlet"
        return _Name(_span(text, toks, i, b), None, kind, False, desk, i)
    if allow_unknown and i < b and b - i <= 4 and not any(w.isdigit() for w in words[i:b]):
        return _Name(_span(text, toks, i, b), None, None, False, desk, i)
    return None


def _org_at(words: tuple[str, ...], i: int) -> int:
    """Tokens an org word takes at ``words[i]`` (``لوكالة`` counts: a glued ل/ب)."""
    if i >= len(words):
        return 0
    n = _phrase_at(words, i, _index("org"))
    w = words[i]
    if not n and len(w) >= 4 and w[0] in "لب":
        n = _phrase_at((w[1:], *words[i + 1:i + 3]), 0, _index("org"))
    return n


def _signalled(text: str, toks: list[Tok], words: tuple[str, ...], a: int, i: int) -> bool:
    """Is the name at token ``i`` marked as a name: quoted, or after an org word, a desk or a
    placeholder within ``[a, i)``?"""
    ph = phrases()
    before = text[toks[i - 1].end if i > 0 else 0:toks[i].start]
    if any(q in before for q in "«\"“'"):
        return True
    return any(words[j] in ph.placeholders or words[j] in ph.desks or _org_at(words, j) for j in range(a, i))


def _only_placeholders(words: tuple[str, ...], a: int, b: int) -> bool:
    ph = phrases()
    return all(w in ph.placeholders or w in ph.desks or w in ph.descriptors for w in words[a:b])


def _credit(how: str, n: _Name, toks: list[Tok], **kw) -> Credit:
    return Credit(how, n.name, n.outlet, n.kind, n.common, desk=n.desk,
                  start=toks[n.start].start if n.start < len(toks) else 0, **kw)


def _person(text: str, toks: list[Tok], a: int, b: int) -> str | None:
    """A person's name: 2–4 words of letters, none of them a placeholder, desk or org word."""
    ph = phrases()
    words = [t.text for t in toks[a:b]]
    if not 2 <= len(words) <= 4 or any(w.isdigit() or len(w) < 2 for w in words):
        return None
    if any(w in ph.placeholders or w in ph.desks for w in words) or _org_at(tuple(words), 0):
        return None
    if directory().find(words):
        return None
    return _span(text, toks, a, b)


def _byline(text: str) -> list[Credit]:
    """``City - X`` / ``X – City`` / ``City: «X»`` / ``City - Person:`` (a short line): one
    part is a place, the other a known or quoted name, or a person."""
    ph = phrases()
    stripped = text.strip().rstrip(":： ")
    for sep in ph.separators:
        parts = [p.strip() for p in stripped.split(sep)]
        if len(parts) != 2 or not all(parts):
            continue
        for city_i in (0, 1):
            city, other = parts[city_i], parts[1 - city_i]
            if not is_place(city) or is_place(other):
                continue
            otoks = tokens(other)
            if not otoks:
                continue
            quoted = other[:1] in _QUOTES and other[-1:] in _QUOTES
            n = parse_name(other, otoks, 0, len(otoks), allow_unknown=quoted)
            if n is not None and (n.start == 0 or n.desk):
                return [Credit("byline", n.name, n.outlet, n.kind or "outlet", n.common, True, n.desk,
                               city=city)]
            person = _person(other, otoks, 0, len(otoks))
            if person:
                return [Credit("byline", city=city, person=person, at_start=True)]
    return []


def read_credits(text: str, date_spans: tuple[tuple[int, int], ...] = ()) -> tuple[Credit, ...]:
    """Every credit stated on one line, in order of position.

    ``date_spans`` are the character spans of the dates found on the line (an agency right
    after the last one is credited: ``… 09:10 أ ف ب``).

    >>> [(c.how, c.name, c.desk) for c in read_credits("به گزارش گروه بین‌الملل خبرگزاری فارس، «دیمیتری پسکوف» گفت")]
    [('report', 'خبرگزاری فارس', 'گروه بین\u200cالملل')]
    >>> [(c.how, c.name) for c in read_credits("تسنیم به نقل از خبرگزاری «نووستی» نوشت: وزارت دفاع روسیه")]
    [('wrote', 'تسنیم'), ('relay', 'نووستی')]
    >>> [(c.how, c.name, c.kind, c.city) for c in read_credits("موسكو - د ب ا")]
    [('byline', 'د ب أ', 'agency', 'موسكو')]
    >>> [(c.how, c.city, c.person) for c in read_credits("موسكو - سعيد طانيوس:")]
    [('byline', 'موسكو', 'سعيد طانيوس')]
    >>> [(c.how, c.name) for c in read_credits("وأشار البيان إلى أن الوفد بحث بحسب البيان الأوضاع")]
    []
    >>> read_credits("وزير الخارجية: العلاقات استراتيجية")
    ()
    """
    if not text or not text.strip():
        return ()
    toks = tokens(text)
    if not toks:
        return ()
    words = tuple(t.text for t in toks)
    d = directory()
    out: list[Credit] = []
    used: set[int] = set()  # token indexes already read as part of a credit

    # ---- a dateline opening the line: City (X) -
    m = _DATELINE_RE.match(text)
    after_dateline = -1
    if m:
        inner = m.group(2)
        itoks = tokens(inner)
        n = parse_name(inner, itoks, 0, len(itoks), d, allow_unknown=True) if itoks else None
        if n is not None:
            out.append(Credit("dateline", n.name, n.outlet, n.kind, n.common, True, n.desk,
                              city=m.group(1).strip(), start=m.start(2)))
        used.update(i for i, t in enumerate(toks) if t.start < m.end())
        after_dateline = next((i for i, t in enumerate(toks) if t.start >= m.end()), -1)

    short = len(toks) <= SHORT_LINE_TOKENS
    # ---- a copyright line names its holder
    if _copyright(text, words):
        for nm in d.find(words):
            out.append(Credit("copyright", nm.outlet.name, nm.outlet, nm.outlet.kind, nm.common,
                              start=toks[nm.start].start))
        return tuple(out)
    # ---- short lines: a byline, or a name alone ("مجلة X", "«خبرگزاری X»")
    if short and not out:
        out += _byline(text)
        if out:
            return tuple(out)
        n = parse_name(text, toks, 0, len(toks), d)
        if n is not None and (n.start == 0 or _only_placeholders(words, 0, n.start)) \
                and _covers(d, words, n, len(words)):
            return (_credit("credit_line", n, toks, at_start=True),)

    # ---- a lead prefix "X: …" / "X-desk: …", or "X (به نقل از Y) نوشت: …"
    out += _lead(text, toks, words, used)

    # ---- attributions anywhere: به گزارش X، / به نقل از X / X گزارش کرد / ذكرت وكالة X
    out += _attributions(text, toks, words, used, after_dateline)

    # ---- an agency right after the date on a date line
    if date_spans:
        last = max(e for _, e in date_spans)
        rest = [j for j, t in enumerate(toks) if t.start >= last]
        if rest and len(rest) <= 5:
            for nm in d.find(words, rest[0], len(words)):
                if nm.end == len(words):
                    out.append(Credit("date_tail", nm.outlet.name, nm.outlet, nm.outlet.kind, nm.common,
                                      start=toks[nm.start].start))

    # ---- known names in a short line (the site's own chrome lines name the site)
    if len(toks) <= 40 and not out:
        for nm in d.find(words):
            if not nm.common:
                out.append(Credit("mention", nm.outlet.name, nm.outlet, nm.outlet.kind, False,
                                  start=toks[nm.start].start))
    return tuple(sorted(out, key=lambda c: c.start))


def _copyright(text: str, words: tuple[str, ...]) -> bool:
    ph = phrases()
    firsts = _firsts("copyright")
    return any(r in text for r in ph.copyright_raw) or \
        any(_may_open(w, firsts) and _phrase_at(words, i, _index("copyright")) for i, w in enumerate(words))


def _covers(d: Directory, words: tuple[str, ...], n: _Name, end: int) -> bool:
    """Does the name reach the end of the line (nothing but the name after it)?"""
    if n.outlet is None:
        return True  # an org-shaped name runs to the end by construction
    found = [m for m in d.find(words, n.start, end) if m.outlet is n.outlet]
    return bool(found) and found[0].end == end


def _lead(text: str, toks: list[Tok], words: tuple[str, ...], used: set[int]) -> list[Credit]:
    """``X: …``, ``X-desk: …`` and ``X (به نقل از Y) نوشت: …`` opening the line."""
    ph = phrases()
    d = directory()
    colon = next((i for i in range(min(len(toks), SHORT_LINE_TOKENS))
                  if any(c in _gap(text, toks, i) for c in ":："
                         )), None)
    if colon is None or any(any(ch in "،؛,.!?؟\n(" for ch in _gap(text, toks, i)) for i in range(colon)):
        return []
    if text[:toks[0].start].strip(_QUOTES + " \t"):
        return []  # something other than a name opens the line
    head_end = colon + 1
    out: list[Credit] = []
    if any(_phrase_at(words, i, _index("report")) for i in range(head_end)):
        return []  # "به گزارش X:" is an attribution, read below
    if (words[colon],) in ph.wrote:
        relay = next((i for i in range(colon) if _phrase_at(words, i, _index("relay"))), None)
        n = parse_name(text, toks, 0, relay if relay is not None else colon, d)
        if n is not None and (n.start == 0 or _only_placeholders(words, 0, n.start)):
            out.append(_credit("wrote", n, toks, at_start=True))
        if relay is not None:
            r = parse_name(text, toks, relay + _phrase_at(words, relay, _index("relay")), colon, d)
            if r is not None and not r.common:
                out.append(_credit("relay", r, toks))
        used.update(range(head_end))
        return out
    dash = next((i for i in range(colon) if any(ch in "-–—" for ch in _gap(text, toks, i))), None)
    name_end = dash + 1 if dash is not None else head_end
    n = parse_name(text, toks, 0, name_end, d)
    if n is None or not (n.start == 0 or _only_placeholders(words, 0, n.start)) \
            or not _covers(d, words, n, name_end):
        return []
    desk = n.desk
    if dash is not None and dash + 1 < head_end:
        desk = desk or _span(text, toks, dash + 1, head_end)
    used.update(range(head_end))
    return [Credit("lead_prefix", n.name, n.outlet, n.kind, n.common, True, desk, start=toks[n.start].start)]


def _attributions(text: str, toks: list[Tok], words: tuple[str, ...], used: set[int],
                  after_dateline: int) -> list[Credit]:
    """``به گزارش X،`` (with ``به نقل از Y`` and ``از City`` inside), ``به نقل از X``,
    ``بنا بر گزارش X``, ``ذكرت وكالة X`` and ``X … گزارش کرد`` anywhere in the line."""
    ph = phrases()
    d = directory()
    out: list[Credit] = []
    firsts = _firsts("report", "relay", "before", "after")
    i = 0
    while i < len(words):
        if i in used or not _may_open(words[i], firsts):
            i += 1
            continue
        n_intro = _phrase_at(words, i, _index("report"))
        if n_intro:
            a = i + n_intro
            b = _clause(text, toks, a)
            relay = next((j for j in range(a, b) if _phrase_at(words, j, _index("relay"))), None)
            name_b = relay if relay is not None else b
            city = None
            frm = next((j for j in range(a + 1, name_b) if words[j] == "از"
                        and is_place(_span(text, toks, j + 1, name_b))), None)
            if frm is not None:
                city, name_b = _span(text, toks, frm + 1, name_b), frm
            n = parse_name(text, toks, a, name_b, d, allow_unknown=True)
            at_start = i == 0 or i == after_dateline
            if n is not None and not _only_placeholders(words, n.start, name_b):
                out.append(_credit("report", n, toks, at_start=at_start, city=city))
            elif _only_placeholders(words, a, name_b):
                out.append(Credit("empty_slot", at_start=at_start, start=toks[i].start))
            if relay is not None:
                r = parse_name(text, toks, relay + _phrase_at(words, relay, _index("relay")), b, d)
                if r is not None and not r.common:
                    out.append(_credit("relay", r, toks))
            i = max(b, i + 1)
            continue
        n_intro = _phrase_at(words, i, _index("relay")) or _phrase_at(words, i, _index("before"))
        if n_intro:
            a = i + n_intro
            b = _clause(text, toks, a)
            n = parse_name(text, toks, a, b, d)
            if n is not None and n.start <= a + 2 and not n.common:
                out.append(_credit("relay", n, toks))
            i = a
            continue
        n_verb = _phrase_at(words, i, _index("after"))
        if n_verb and i > 0:
            start = i
            while start > 0 and i - start < MAX_NAME_TOKENS and not _clause_end(text, toks, start - 1) \
                    and start - 1 not in used:
                start -= 1
            found = [nm for nm in d.find(words, start, i) if not nm.common]
            n = None
            if found:
                nm = found[-1]
                n = _Name(nm.outlet.name, nm.outlet, nm.outlet.kind, False, None, nm.start)
            else:
                org = next((j for j in range(start, i) if _org_at(words, j)), None)
                if org is not None:
                    n = parse_name(text, toks, org, min(i, org + 4), d)
            if n is not None:
                out.append(_credit("relay", n, toks))
            i += n_verb
            continue
        i += 1
    return out
