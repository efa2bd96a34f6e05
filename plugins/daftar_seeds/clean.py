"""Cleaning of scraped news pages: drop site chrome, keep every sentence of the article.

Modelled on ftfy: every rule is a small named function with a docstring, registered in one
ordered registry, :data:`RULES`, that both :func:`clean_document` and the rule tests iterate.
A rule is registered with its *kind*, its *stage* and the languages it applies to:

* **text rules** (``str -> str``; stages ``normalize`` then ``repair``) may only adjust
  whitespace, punctuation, invisible controls or insert ZWNJ;
* **line rules** (``Page -> None``; stages ``parse``, ``chrome``, ``dedupe``, ``structure``)
  classify whole lines (chrome, metadata, title, duplicate) and never edit a line's words.
  Parse rules store what they read *on the line* (a date line keeps its :class:`LineDate`\\ s,
  a label line its :class:`Label`, every line its credits), so the metadata stage reads those
  results and parses nothing again.

The runner records which rule changed what: a line rule marks lines through
:meth:`Page.mark`, which stamps the running rule's name, so every name in the cleaning log
is a registered rule by construction. A newly decorated rule runs without further edits.

Site- and language-specific knowledge (chrome phrases, labels, markers) lives in
``data/chrome.yaml`` and ``data/fields.yaml``; the rules themselves use structure (position,
line length, runs, repetition, label:value shape) and those phrase lists. No rule names an
outlet or a seed.
"""
from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import yaml

from daftar_text import tables
from daftar_text.fold import tokenize

from . import zwnj
from .credits import Credit, read_credits
from .dates import DateHit, find_dates as _find_dates, load_names, match_view, name_pattern

logger = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"


@functools.lru_cache(maxsize=None)
def load_data(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _key(text: str) -> str:
    """Folded comparison key of a line: letters and digits only, single-spaced."""
    return " ".join(tokenize(text))


# --------------------------------------------------------------------------------------
# The registry.
# --------------------------------------------------------------------------------------

TEXT_STAGES = ("normalize", "repair")
LINE_STAGES = ("parse", "chrome", "dedupe", "structure")
_STAGE_ORDER = {("text", s): i for i, s in enumerate(TEXT_STAGES)}
_STAGE_ORDER.update({("line", s): len(TEXT_STAGES) + i for i, s in enumerate(LINE_STAGES)})


@dataclass(frozen=True)
class Rule:
    """A registered cleaning rule. ``langs`` None: every language."""

    name: str
    kind: str  # "text" | "line"
    stage: str
    fn: Callable
    langs: frozenset | None = None

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip()

    def applies(self, lang: str | None) -> bool:
        return self.langs is None or lang in self.langs


class Registry:
    """Rules in run order: text rules, then line rules, each by stage, then by registration."""

    def __init__(self) -> None:
        self._rules: list[Rule] = []

    def add(self, rule: Rule) -> Rule:
        if (rule.kind, rule.stage) not in _STAGE_ORDER:
            raise ValueError(f"rule {rule.name}: unknown {rule.kind} stage {rule.stage!r}")
        if rule.name in self:
            raise ValueError(f"rule {rule.name} is already registered")
        order = _STAGE_ORDER[(rule.kind, rule.stage)]
        at = next((i for i, r in enumerate(self._rules) if _STAGE_ORDER[(r.kind, r.stage)] > order),
                  len(self._rules))
        self._rules.insert(at, rule)
        return rule

    def remove(self, name: str) -> None:
        self._rules = [r for r in self._rules if r.name != name]

    def __iter__(self) -> Iterator[Rule]:
        return iter(list(self._rules))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, name: object) -> bool:
        return any(r.name == name for r in self._rules)

    def __getitem__(self, name: str) -> Rule:
        for r in self._rules:
            if r.name == name:
                return r
        raise KeyError(name)

    def names(self) -> list[str]:
        return [r.name for r in self._rules]

    def of(self, kind: str, lang: str | None = None, stages: tuple[str, ...] | None = None) -> list[Rule]:
        """The rules of ``kind`` that apply to ``lang`` (all languages' rules when lang is "*")."""
        return [r for r in self._rules if r.kind == kind and (lang == "*" or r.applies(lang))
                and (stages is None or r.stage in stages)]


RULES = Registry()


def text_rule(stage: str = "normalize", langs: tuple[str, ...] | None = None):
    """Register a ``str -> str`` rule (decorator)."""
    def deco(fn):
        RULES.add(Rule(fn.__name__, "text", stage, fn, frozenset(langs) if langs else None))
        return fn
    return deco


def line_rule(stage: str, langs: tuple[str, ...] | None = None):
    """Register a ``Page -> None`` rule (decorator)."""
    def deco(fn):
        RULES.add(Rule(fn.__name__, "line", stage, fn, frozenset(langs) if langs else None))
        return fn
    return deco


# --------------------------------------------------------------------------------------
# Text rules: str -> str, whitespace/punctuation/invisible characters only.
# --------------------------------------------------------------------------------------

@text_rule("normalize")
def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so that Windows files split into the same lines.

    >>> normalize_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


_BIDI_CONTROLS = tables.deletion_table(tables.BIDI_CONTROLS)


@text_rule("normalize")
def remove_bidi_controls(text: str) -> str:
    """Remove bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069).

    Scraped text carries them from page markup; in our pages they would reorder the
    surrounding text or hide content (a spoofing risk). The marks LRM/RLM are left alone.

    >>> remove_bidi_controls("\\u202eabc\\u202c")
    'abc'
    """
    return text.translate(_BIDI_CONTROLS)


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\u200b]")


@text_rule("normalize")
def remove_control_characters(text: str) -> str:
    """Remove C0/C1 control characters, stray BOMs and zero-width spaces (not ZWNJ/ZWJ).

    >>> remove_control_characters("a\\x07b\\ufeffc")
    'abc'
    """
    return _CONTROL_RE.sub("", text)


_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000\t"), " ")


@text_rule("normalize")
def nbsp_to_space(text: str) -> str:
    """No-break, thin, figure and other typographic spaces (and tabs) become plain spaces.

    >>> nbsp_to_space("a\\u00a0b\\u202fc")
    'a b c'
    """
    return text.translate(_SPACES)


_MULTISPACE_RE = re.compile(r" {2,}")
_EDGE_SPACE_RE = re.compile(r"^ +| +$", re.M)


@text_rule("normalize")
def collapse_spaces(text: str) -> str:
    """Runs of spaces become one space; lines lose leading and trailing spaces.

    >>> collapse_spaces("  a   b  \\n c ")
    'a b\\nc'
    """
    return _EDGE_SPACE_RE.sub("", _MULTISPACE_RE.sub(" ", text))


_DOUBLE_COLON_AFTER_WORD_RE = re.compile(r"(?<=[^\s:/A-Za-z0-9])::(?![:/A-Za-z0-9])")


@text_rule("repair")
def fix_double_colon(text: str) -> str:
    """A doubled colon after a word (``اظهار داشت::``) becomes one; code and URLs are left alone.

    >>> fix_double_colon("اظهار داشت:: ایران")
    'اظهار داشت: ایران'
    >>> fix_double_colon("std::vector")
    'std::vector'
    """
    return _DOUBLE_COLON_AFTER_WORD_RE.sub(":", text)


@text_rule("repair", langs=("fa",))
def fix_spaced_zwnj(text: str) -> str:
    return zwnj.fix_spaced_zwnj(text)


@text_rule("repair", langs=("fa",))
def fix_glued_zwnj(text: str) -> str:
    return zwnj.fix_glued_zwnj(text)


fix_spaced_zwnj.__doc__ = zwnj.fix_spaced_zwnj.__doc__
fix_glued_zwnj.__doc__ = zwnj.fix_glued_zwnj.__doc__


def _count_change(before: str, after: str) -> int:
    if len(before) != len(after):
        return abs(len(before) - len(after))
    return sum(1 for a, b in zip(before, after) if a != b)


def apply_text_rules(text: str, lang: str | None, stages: tuple[str, ...] = TEXT_STAGES) -> tuple[str, Counter]:
    """Run the registered text rules of ``stages`` that apply to ``lang``, in order; return the
    text and, per rule that changed it, how many characters it changed. Sidecar values go
    through the ``normalize`` stage, the same control/bidi/space cleaning as seeds.

    >>> text, log = apply_text_rules("a\\u202e  b\\x07", None, ("normalize",))
    >>> text, sorted(log)
    ('a b', ['collapse_spaces', 'remove_bidi_controls', 'remove_control_characters'])
    """
    log: Counter = Counter()
    for rule in RULES.of("text", lang, stages):
        new = rule.fn(text)
        if new != text:
            log[rule.name] += _count_change(text, new)
            text = new
    return text, log


# --------------------------------------------------------------------------------------
# Line structure.
# --------------------------------------------------------------------------------------

SENTENCE_END = tuple(".!?؟…۔")
CLOSERS = " \"'”»)]›"


def ends_sentence(text: str) -> bool:
    """Ends like a sentence, looking through closing quotes and brackets: ``قال: "نعم."``"""
    return text.rstrip(CLOSERS).endswith(SENTENCE_END)


def ends_statement(text: str) -> bool:
    """Ends with a full stop (not an ellipsis, a question or an exclamation mark): prose, not a
    headline. ``؟``, ``!``, ``...`` and ``…`` endings are left to headlines and prose alike.

    >>> ends_statement("قال الوزير."), ends_statement("هل تنجح المفاوضات؟"), ends_statement("ما حصل...")
    (True, False, False)
    """
    t = text.rstrip(CLOSERS)
    return t.endswith((".", "۔")) and not t.endswith("..")


@dataclass(frozen=True)
class LineDate:
    """A date read on a line, with what the line says it is: "published", "today" (the site's
    own date: when the page was captured), "updated", "captured", or None (not said)."""

    hit: DateHit
    role: str | None = None


@dataclass(frozen=True)
class Label:
    """A ``label : value`` line: the field it fills, the label as written, the value (None:
    the slot is empty)."""

    field: str
    label: str
    value: str | None


@dataclass
class Line:
    n: int  # 1-based line number in the decoded seed
    text: str
    kind: str = "body"  # body | title | meta | chrome | duplicate | blank
    rule: str | None = None
    field: str | None = None  # for meta lines: which metadata field they carry
    value: str | None = None
    #: what the parse rules read on this line (never re-parsed by the metadata stage)
    dates: tuple[LineDate, ...] = ()
    credits: tuple[Credit, ...] = ()
    label: Label | None = None
    #: set by drop_repeated_lines on the copy it keeps
    repeated: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def sentence_like(self) -> bool:
        """Prose: a long line, or a medium one that ends like a sentence."""
        w = self.words
        return w >= 25 or (w >= 6 and ends_sentence(self.text))


@dataclass
class Page:
    """The working state the line rules share: the lines, the language, the date parser and
    reference (passed explicitly), and what the structure rules found."""

    lines: list[Line]
    lang: str | None
    find_dates: Callable[..., list[DateHit]] = _find_dates
    reference: object | None = None
    block: tuple[int, int] | None = None  # index range of the article body
    title: Line | None = None
    title_text: str | None = None  # the headline without its media marker
    title_marker: str | None = None
    truncated: bool = False
    rule: str = ""  # the rule now running: marks carry its name

    def mark(self, ln: Line, kind: str, field_: str | None = None, value: str | None = None) -> None:
        """Classify a line on behalf of the running rule."""
        ln.kind, ln.rule = kind, self.rule
        if field_:
            ln.field, ln.value = field_, value

    def nonblank(self) -> list[int]:
        return [i for i, ln in enumerate(self.lines) if ln.kind not in ("blank", "duplicate")]


@dataclass
class CleanResult:
    """What cleaning made of a page. The metadata stage reads it and never changes it."""

    lines: list[Line]
    title: Line | None
    title_marker: str | None
    text_log: Counter = field(default_factory=Counter)
    title_text: str | None = None
    block: tuple[int, int] | None = None
    truncated: bool = False
    lang: str | None = None

    @property
    def body(self) -> list[Line]:
        return [ln for ln in self.lines if ln.kind == "body"]

    @property
    def paragraphs(self) -> list[str]:
        return [ln.text for ln in self.body]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def meta(self) -> list[Line]:
        return [ln for ln in self.lines if ln.kind == "meta"]

    def log(self) -> list[dict]:
        """Per-line log: what each rule did (removed chrome, took metadata, dropped copies,
        kept a cut-off last line)."""
        out = [
            {"rule": name, "action": "edited", "count": count}
            for name, count in sorted(self.text_log.items())
        ]
        for ln in self.lines:
            if ln.rule and ln.kind in ("chrome", "meta", "duplicate", "title", "body"):
                out.append({"rule": ln.rule, "action": "kept" if ln.kind == "body" else ln.kind,
                            "line": ln.n, "text": ln.text[:120], **({"field": ln.field} if ln.field else {})})
        return out

    def rule_counts(self) -> dict[str, int]:
        """Names of the rules that changed the text, with counts (for articles.json)."""
        counts = Counter(dict(self.text_log))
        for ln in self.lines:
            if ln.rule and ln.kind in ("chrome", "meta", "duplicate", "title", "body"):
                counts[ln.rule] += 1
        return dict(sorted(counts.items()))


# --------------------------------------------------------------------------------------
# Parse rules: read dates, labels, URLs, bullets and credits, and store them on the line.
# --------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _label_grammar():
    """One regex over the match view for every label of fields.yaml: spaces inside a label
    optional (``کدخبر``), a bullet before it allowed, the colon optional only where the
    value shows its type (a number, a URL) or the label is a preposition (``بقلم``)."""
    data = load_data("fields.yaml")
    alts, field_of = [], {}
    for fld, labels in data["labels"].items():
        for label in labels:
            key = "".join(match_view(label).split())
            field_of[key] = fld
            alts.append(label)
    alts.sort(key=len, reverse=True)
    parts = [" {0,2}".join(name_pattern(w) for w in match_view(a).split()) for a in alts]
    rx = re.compile(
        r"^ {0,3}(?:[•·*\-▪◦●■] {0,3})?(?P<label>" + "|".join(f"(?:{p})" for p in parts) + r")"
        r"(?![^\W\d_])(?P<sp> {0,3})(?P<colon>[:：])? {0,3}(?P<value>.*)$"
    )
    no_colon = frozenset("".join(match_view(x).split()) for x in data.get("labels_without_colon", []))
    numeric = frozenset(data.get("numeric_fields", []))
    return rx, field_of, no_colon, numeric


def _parse_label(text: str) -> Label | None:
    """``کد خبر : 2955`` → Label(news_code, کد خبر, 2955); ``کدخبر48213`` too (a number needs
    no colon); a label word opening prose without a colon is no label."""
    if len(text) > 400:
        return None
    rx, field_of, no_colon, numeric = _label_grammar()
    view = match_view(text)
    m = rx.match(view)
    if not m:
        return None
    key = "".join(m["label"].replace("ـ", "").split())
    fld = field_of.get(key)
    if fld is None:
        return None
    value = text[m.start("value"):].strip()
    if not m["colon"]:
        ok = (fld in numeric and value[:1].isdigit()) or key in no_colon or \
            (fld == "source_url" and _URL_RE.match(value))
        if not ok:
            return None
    return Label(fld, text[m.start("label"):m.end("label")].strip(), value or None)


_URL_RE = re.compile(r"^(?:https?://|www\.)\S{1,2000}$", re.I)
_DIGIT_RE = re.compile(r"[0-9۰-۹٠-٩]")


def _valid_value(fld: str, value: str | None) -> bool:
    """A value that can fill ``fld``: a number for codes and counts, a URL for links, letters
    for names; never another label, never only punctuation."""
    if not value or not _key(value):
        return False
    if _parse_label(value) is not None or re.fullmatch(r"[^:：]{1,30}[:：]", value):
        return False
    if fld in ("news_code", "views"):
        return bool(_DIGIT_RE.search(value))
    if fld == "source_url":
        return bool(_URL_RE.match(value.strip()))
    if fld in ("author", "outlet", "category"):
        return any(ch.isalpha() for ch in value) and not _BULLET_RE.match(value)
    return True


@line_rule("parse")
def take_label_value_lines(page: Page) -> None:
    """``کد خبر : 2955``, ``کدخبر48213``, ``المصدر : وكالة الأنباء``: metadata, kept on the line as
    a :class:`Label` for the metadata stage.

    A label with an empty value takes its value from the next line (``لینک کوتاه :`` then the
    URL) when that line can be its value — never another label, never a bullet or a date for a
    name. A label left empty (``نویسنده:`` followed by ``منبع:``) keeps its Label with no value
    (``drop_empty_labels`` drops it). Long lines that only start with a label-like word are
    prose and are kept.
    """
    lines = page.lines
    for i, ln in enumerate(lines):
        if ln.kind != "body" or ln.words > 16:
            continue
        lab = _parse_label(ln.text)
        if lab is None:
            continue
        value = lab.value
        if not value:
            nxt = next((x for x in lines[i + 1:] if x.kind != "blank"), None)
            if nxt is not None and nxt.kind == "body" and nxt.words <= 6 and _valid_value(lab.field, nxt.text.strip()):
                value = nxt.text.strip()
                nxt.label = Label(lab.field, lab.label, value)
                page.mark(nxt, "meta", lab.field, value)
        if not _valid_value(lab.field, value):
            ln.label = Label(lab.field, lab.label, None)
            continue
        ln.label = Label(lab.field, lab.label, value)
        page.mark(ln, "meta", lab.field, value)


@line_rule("parse")
def take_url_lines(page: Page) -> None:
    """A line that is only a URL is metadata (the page's short link or source), not prose."""
    for ln in page.lines:
        if ln.kind == "body" and _URL_RE.match(ln.text.strip()):
            page.mark(ln, "meta", "url", ln.text.strip())


_BULLET_RE = re.compile(r"^\s{0,8}[•·▪◦●■]\s{0,8}(\S.{0,400})$")


@line_rule("parse")
def take_bullet_metadata(page: Page) -> None:
    """A run of short bullet lines (``• فريق ماسة • 2020-08-22 • 11636``) is a metadata block;
    each line keeps its value (the date rule reads the dates among them)."""
    run: list[Line] = []

    def flush():
        if len(run) >= 2:
            for x in run:
                page.mark(x, "meta", "bullet", _BULLET_RE.match(x.text).group(1).strip())
        run.clear()

    for ln in page.lines:
        if ln.kind == "blank" or ln.label is not None:
            continue  # a labelled bullet is its label's (filled or empty), inside the block
        if ln.kind == "body" and ln.words <= 8 and _BULLET_RE.match(ln.text):
            run.append(ln)
        else:
            flush()
    flush()


@functools.lru_cache(maxsize=None)
def _role_markers() -> list[tuple[str, tuple[str, ...]]]:
    roles = grammar_roles()
    out = []
    for role, words in roles.items():
        for w in words:
            toks = tuple(tokenize(w))
            if toks:
                out.append((role, toks))
    out.sort(key=lambda rt: -len(rt[1]))
    return out


def grammar_roles() -> dict:
    """The date roles of dates.yaml (today, updated, captured, published)."""
    return load_names().get("roles", {})


def _role(window: str) -> str | None:
    """The role named by the last marker in ``window`` (the text before a date)."""
    toks = tokenize(window[-60:])
    best, at = None, -1
    for role, marker in _role_markers():
        n = len(marker)
        for i in range(len(toks) - n, -1, -1):
            if tuple(toks[i:i + n]) == marker:
                if i + n > at:
                    best, at = role, i + n
                break
    return best


#: How much of a long line is read for dates (the opening of a paragraph dates the report).
PROSE_DATE_CHARS = 400


@line_rule("parse")
def take_date_lines(page: Page) -> None:
    """A line that is mostly a date (``الأربعاء ٢٢ يوليو ٢٠٢٠ - ٠٣:١٢``) is metadata.

    Every date read is kept on its line with the role the words before it give it
    ("today" for ``امروز``/``اليوم``, "updated" for ``آخر تحديث``, "published" for
    ``تاریخ انتشار``…, from dates.yaml); bullets and date labels keep theirs too, and the
    opening of a prose line keeps its dates (unmarked) for a year-less report date.
    Year-less dates stay unresolved here: the metadata stage resolves them against what the
    page states, the sidecar or the caller's reference.
    """
    for ln in page.lines:
        if ln.kind == "blank":
            continue
        is_meta_date = ln.kind == "meta" and ln.field in ("date", "bullet")
        if ln.kind != "body" and not is_meta_date:
            continue
        short = ln.words <= 14
        text = ln.text if short else ln.text[:PROSE_DATE_CHARS]
        hits = page.find_dates(text, page.reference, infer_years=False)
        if not hits:
            continue
        if short:
            stored, prev = [], 0
            for h in hits:
                stored.append(LineDate(h, _role(text[prev:h.start])))
                prev = h.end
            ln.dates = tuple(stored)
        else:
            ln.dates = tuple(LineDate(h) for h in hits)
        if ln.kind == "body" and short:
            covered = sum(h.end - h.start for h in hits)
            if covered >= 0.5 * len(ln.text.strip()) or ln.words <= 6:
                page.mark(ln, "meta", "date", ln.text)


@line_rule("parse")
def read_credits_on_lines(page: Page) -> None:
    """Read the credits every line states (:mod:`credits`) before any chrome decision, so a
    credit line that is about to be dropped (``خبرگزاری X`` after the body, ``مجلة X`` under
    the headline) still credits its outlet. A line that is only a known name becomes
    metadata; an empty ``به گزارش :`` slot is chrome. The roles (publisher, wire, relayed source) are
    decided by the metadata stage from the line's position.
    """
    for ln in page.lines:
        if ln.kind == "blank":
            continue
        spans = tuple((d.hit.start, d.hit.end) for d in ln.dates)
        ln.credits = read_credits(ln.text, spans)
        if ln.kind != "body" or not ln.credits:
            continue
        first = ln.credits[0]
        if first.how == "credit_line" and first.outlet is not None and not first.common:
            page.mark(ln, "meta", "credit", first.name)
        elif first.how == "empty_slot" and ln.words <= 4:
            page.mark(ln, "chrome")


# --------------------------------------------------------------------------------------
# Chrome rules.
# --------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _chrome_sets():
    data = load_data("chrome.yaml")
    lines = frozenset(_key(p) for p in data["lines"])
    prefixes = tuple(sorted({_key(p) for p in data["prefixes"] if _key(p)}, key=len, reverse=True))
    raw_prefixes = tuple(p for p in data["prefixes"] if not _key(p))  # e.g. "©"
    ends = frozenset(_key(p) for p in data["end_markers"])
    by_first: dict[str, list[str]] = {}
    for p in prefixes:
        by_first.setdefault(p.split(" ", 1)[0], []).append(p)
    return lines, by_first, raw_prefixes, ends


@line_rule("chrome")
def drop_symbol_lines(page: Page) -> None:
    """A line of symbols only (``•``, ``|``, ``*``, a stray ``—``): no letter or digit to keep."""
    for ln in page.lines:
        if ln.kind == "body" and not _key(ln.text) and ln.text.strip():
            page.mark(ln, "chrome")


@line_rule("chrome")
def drop_chrome_phrases(page: Page) -> None:
    """Share/print/comment prompts, ads, copyright and cookie lines from ``chrome.yaml``.

    A line is chrome when, folded, it *is* a listed phrase, or it *starts with* a listed
    prefix and is not long prose (long lines that merely start alike are kept).
    """
    whole, by_first, raw_prefixes, _ends = _chrome_sets()
    for ln in page.lines:
        if ln.kind != "body":
            continue
        k = _key(ln.text)
        if k in whole:
            page.mark(ln, "chrome")
        elif ln.words <= 80 and (
            any(k == p or k.startswith(p + " ") for p in by_first.get(k.split(" ", 1)[0], ()))
            or ln.text.lstrip().startswith(raw_prefixes)
        ):
            page.mark(ln, "chrome")


@line_rule("chrome")
def drop_empty_labels(page: Page) -> None:
    """A label with no value (``نویسنده:``, ``منبع:`` left empty by the site's template) is an
    empty slot: chrome, never a field and never article text."""
    for ln in page.lines:
        if ln.kind == "body" and ln.label is not None and ln.label.value is None:
            page.mark(ln, "chrome", ln.label.field, None)


@line_rule("chrome")
def drop_end_markers(page: Page) -> None:
    """``انتهای پیام``, ``/انتهى/``: the end-of-report marker is chrome, not article text."""
    ends = _chrome_sets()[3]
    for ln in page.lines:
        if ln.kind == "body" and _key(ln.text) in ends:
            page.mark(ln, "chrome")


@line_rule("chrome")
def drop_breadcrumbs(page: Page) -> None:
    """``الأخبار - إيران``: short segments joined by separators, no sentence: navigation."""
    seps = load_data("chrome.yaml")["breadcrumb_separators"]
    for ln in page.lines:
        if ln.kind != "body" or ln.words > 8 or ln.sentence_like:
            continue
        t = ln.text.strip()
        for sep in seps:
            parts = t.split(sep)
            if len(parts) >= 2 and all(1 <= len(p.split()) <= 3 and not any(c.isdigit() for c in p) for p in parts):
                page.mark(ln, "chrome")
                break


@line_rule("chrome")
def drop_navigation_runs(page: Page) -> None:
    """Runs of four or more very short lines (menus, widgets, tickers) are navigation."""
    run: list[Line] = []

    def flush():
        if len(run) >= 4:
            for x in run:
                page.mark(x, "chrome")
        run.clear()

    for ln in page.lines:
        if ln.kind == "blank":
            continue
        if ln.kind in ("body", "chrome") and ln.words <= 4 and not ln.text.rstrip().endswith(("؟", "?", ":")):
            run.append(ln)
        elif ln.kind == "meta":
            continue
        else:
            flush()
    flush()


# --------------------------------------------------------------------------------------
# Copies.
# --------------------------------------------------------------------------------------

_FRAGMENT_SEPS = (" | ", " - ", " – ", " — ", " :: ", " « ", " » ")
#: A headline repeated with at most this many words appended (``… | Outlet``) is a copy.
MAX_FRAGMENT_WORDS = 6


@line_rule("dedupe")
def drop_repeated_lines(page: Page) -> None:
    """A line repeated verbatim (the title or lead shown twice) is kept once, the first time.

    A headline repeated with a fragment appended or prepended (``Headline | Site``, ``Site -
    Headline``, as page titles show it) is the same headline: the clean form is kept and the
    longer copy is dropped, keeping its fragment as its value (the metadata stage may read a
    site name there).
    """
    seen: dict[str, Line] = {}
    for ln in page.lines:
        if ln.kind != "body":
            continue
        k = _key(ln.text)
        if not k:
            continue
        if k in seen:
            page.mark(ln, "duplicate")
            seen[k].repeated = True
        else:
            seen[k] = ln
    short = {k: ln for k, ln in seen.items() if ln.kind == "body" and 3 <= ln.words <= 30}
    for ln in page.lines:
        if ln.kind != "body" or ln.words > 36:
            continue
        t = ln.text.strip()
        for sep in _FRAGMENT_SEPS:
            at = t.find(sep)
            while at > 0:
                left, right = t[:at], t[at + len(sep):]
                for clean, frag in ((left, right), (right, left)):
                    other = short.get(_key(clean))
                    if other is not None and other is not ln and len(frag.split()) <= MAX_FRAGMENT_WORDS:
                        page.mark(ln, "duplicate", "fragment", frag.strip())
                        other.repeated = True
                        break
                if ln.kind == "duplicate":
                    break
                at = t.find(sep, at + 1)
            if ln.kind == "duplicate":
                break


@line_rule("dedupe")
def drop_repeated_body(page: Page) -> None:
    """Keep one copy of text the page shows twice, the best-formed one.

    * A paragraph that is the run-together copy of two or more other paragraphs (the whole
      body repeated as one block) is dropped; the paragraphed copy stays.
    * A paragraph whose text is contained in a longer one (a lead repeated inside the first
      paragraph with its attribution) is dropped; the longer one keeps every word.

    Candidates come from an index of each paragraph's opening and closing word 4-grams, so
    long pages are not compared pair by pair.
    """
    body = [ln for ln in page.lines if ln.kind == "body" and ln.words >= 6]
    if len(body) < 2:
        return
    keys = [_key(ln.text) for ln in body]
    toks = [k.split() for k in keys]
    index: dict[str, list[int]] = {}
    for j, t in enumerate(toks):
        for g in {" ".join(t[i:i + 4]) for i in range(max(1, len(t) - 3))}:
            index.setdefault(g, []).append(j)
    inside: dict[int, list[int]] = {}  # big -> paragraphs contained in it
    for i, t in enumerate(toks):
        first, last = " ".join(t[:4]), " ".join(t[-4:])
        cands = set(index.get(first, ())[:200]) & set(index.get(last, ())[:200])
        for j in cands:
            if j != i and len(keys[j]) > len(keys[i]) and keys[i] in keys[j]:
                inside.setdefault(j, []).append(i)
    dropped: set[int] = set()
    for j in sorted(inside, key=lambda j: -len(keys[j])):
        if j in dropped:
            continue
        parts = [i for i in inside[j] if i not in dropped]
        covered = sum(len(keys[i]) + 1 for i in parts)
        if len(parts) >= 2 and covered >= 0.8 * len(keys[j]):
            page.mark(body[j], "duplicate")
            dropped.add(j)
    for j, parts in inside.items():
        if j in dropped:
            continue
        for i in parts:
            if i not in dropped:
                page.mark(body[i], "duplicate")
                dropped.add(i)


# --------------------------------------------------------------------------------------
# Structure: the article block, its headline, byline and end.
# --------------------------------------------------------------------------------------

def _main_block(lines: list[Line]) -> tuple[int, int] | None:
    """Index range (first, last) of the densest run of prose lines: the article body.

    Prose lines separated by at most three non-prose lines belong to one block (subheads,
    interview questions); the block with the most prose characters wins.
    """
    idx = [i for i, ln in enumerate(lines) if ln.kind == "body" and ln.sentence_like]
    if not idx:
        idx = [i for i, ln in enumerate(lines) if ln.kind == "body" and ln.words >= 4]
        if not idx:
            return None
    blocks: list[list[int]] = [[idx[0]]]
    for a, b in zip(idx, idx[1:]):
        between = [ln for ln in lines[a + 1:b] if ln.kind not in ("blank", "duplicate")]
        gap_chrome = sum(1 for ln in between if ln.kind in ("chrome", "body"))
        if gap_chrome > 3:
            blocks.append([b])
        else:
            blocks[-1].append(b)
    best = max(blocks, key=lambda blk: sum(len(lines[i].text) for i in blk))
    return best[0], best[-1]


@line_rule("structure")
def find_article_block(page: Page) -> None:
    """Find the article body: the densest run of prose lines (marks nothing)."""
    page.block = _main_block(page.lines)


def _is_headline(ln: Line) -> bool:
    """Headline-shaped: 3–30 words, not a full-stop sentence (``!``, ``؟``, ``?``, ``...`` and
    ``…`` endings and inner ellipses are headlines' too), not a list item."""
    return (ln.kind == "body" and 3 <= ln.words <= 30 and not ends_statement(ln.text)
            and not ln.text.startswith(("-", "*")))


def _open_headline(ln: Line) -> bool:
    """A question, exclamation or ellipsis headline that the block took for prose."""
    t = ln.text.rstrip(CLOSERS)
    return (ln.kind == "body" and 3 <= ln.words <= 24 and not ends_statement(ln.text)
            and (t.endswith(("؟", "?", "!", "…", "..")) or ".." in t or "…" in t))


def find_title(lines: list[Line], block: tuple[int, int] | None) -> Line | None:
    """The page's headline, or None when the page has none (a title is then derived).

    In order of evidence: a headline-shaped line the page shows twice; one directly followed
    by a date line (the one nearest above the article body wins: site headers carry dates
    too); one directly after a metadata block (pages that print the body first) or a date
    line; otherwise the first headline-shaped line above the article body.
    """
    first, last = block if block else (len(lines), len(lines))
    cands = [(i, ln) for i, ln in enumerate(lines) if _is_headline(ln) and not (first <= i <= last)]

    def nearest(items):
        above = [c for c in items if c[0] < first]
        return (above[-1] if above else items[0])[1] if items else None

    repeated = [(i, ln) for i, ln in cands if ln.repeated]
    if repeated:
        return nearest(repeated)
    nonblank = [j for j, x in enumerate(lines) if x.kind not in ("blank", "duplicate")]
    pos = {j: p for p, j in enumerate(nonblank)}
    dated, after_meta, after_date = [], [], []
    for i, ln in cands:
        p = pos.get(i)
        if p is None:
            continue
        nxt = [lines[j] for j in nonblank[p + 1:p + 3]]
        if nxt and nxt[0].kind == "meta" and nxt[0].field == "date":
            dated.append((i, ln))
        prev = [lines[j] for j in nonblank[max(0, p - 2):p]]
        if prev and prev[-1].kind == "meta" and prev[-1].field == "bullet":
            after_meta.append((i, ln))
        if prev and prev[-1].kind == "meta" and prev[-1].field == "date" and i < first and \
                all(lines[j].kind in ("meta", "chrome") or j == i for j in nonblank[p:] if j < first):
            after_date.append((i, ln))
    if dated:
        return nearest(dated)
    if after_meta:
        return after_meta[0][1]
    if after_date:
        return after_date[-1][1]
    before = [(i, ln) for i, ln in cands if i < first and ln.words >= 4]
    if before:
        return before[0][1]
    return None


def strip_title_marker(title: str) -> tuple[str, str | None]:
    """``مزيد من التقدم ... + فيديو`` -> (title, "+ فيديو"): media tags are not the title."""
    for marker in load_data("chrome.yaml")["title_markers"]:
        if title.rstrip().endswith(marker):
            return title.rstrip()[: -len(marker)].rstrip(" -–|"), marker
    return title, None


@line_rule("structure")
def take_headline(page: Page) -> None:
    """The page's headline (see :func:`find_title`); its media marker (``+ فيديو``) is kept
    apart. A question or exclamation headline that opens the page, set off by a blank or a
    metadata line, is the headline even though the block took it for prose."""
    lines = page.lines
    title = find_title(lines, page.block)
    if title is None and page.block is not None:
        first, last = page.block
        top = lines[first]
        before = [ln for ln in lines[:first] if ln.kind not in ("blank", "duplicate")]
        after = next((j for j in range(first + 1, len(lines)) if lines[j].kind != "blank"), None)
        set_off = after is not None and (after > first + 1 or lines[after].kind == "meta")
        if _open_headline(top) and all(ln.kind in ("chrome", "meta") for ln in before) and set_off:
            rest = [i for i in range(first + 1, last + 1) if lines[i].kind == "body" and lines[i].sentence_like]
            if rest:
                title = top
                page.block = (rest[0], last)
    if title is None:
        return
    page.mark(title, "title")
    page.title = title
    page.title_text, page.title_marker = strip_title_marker(title.text.strip())


@line_rule("structure")
def take_byline(page: Page) -> None:
    """A short line between the headline and the article body (``موسكو - سعيد طانيوس:``,
    ``لندن: «الشرق الأوسط أونلاين»``, a photo caption's name) is the byline: metadata, not
    article text. The metadata stage picks the author from the best-shaped one."""
    if page.title is None or page.block is None:
        return
    lines = page.lines
    start, first = lines.index(page.title), page.block[0]
    # "City - Name" right under a headline is a byline even though it is shaped like a breadcrumb
    between = [ln for ln in lines[start + 1:first]
               if ln.kind == "body" or (ln.kind == "chrome" and ln.rule == "drop_breadcrumbs")]
    for ln in between:
        if ln.words <= 8 and not ln.sentence_like:
            page.mark(ln, "meta", "byline", ln.text.strip(" :"))


@functools.lru_cache(maxsize=None)
def _prose_words() -> frozenset:
    return frozenset(t for w in load_data("chrome.yaml").get("prose_words", []) for t in tokenize(w))


@line_rule("structure")
def keep_truncated_tail(page: Page) -> None:
    """A last line that continues the article — straight after its last paragraph, with no
    chrome in between, cut off without final punctuation — is article text, however short:
    it stays in the body and the article is marked truncated. (The page stopped mid-sentence;
    dropping the fragment would lose what the article says.) Such a line has four words or
    more and a function word of prose (``prose_words`` in chrome.yaml), which menu and footer
    lines lack."""
    if page.block is None:
        return
    first, last = page.block
    lines = page.lines
    nxt = next((j for j in range(last + 1, len(lines)) if lines[j].kind != "blank"), None)
    if nxt is None:
        return
    ln = lines[nxt]
    rest = [x for x in lines[nxt + 1:] if x.kind not in ("blank",)]
    prose = _prose_words()
    if (ln.kind == "body" and ln.words >= 4 and not ends_sentence(ln.text) and not ln.text.rstrip().endswith(":")
            and not ln.credits and not ln.dates and any(t in prose for t in tokenize(ln.text))
            and all(x.kind in ("chrome", "meta", "duplicate") or x.words <= 4 for x in rest)):
        page.mark(ln, "body")
        page.block = (first, nxt)
        page.truncated = True


@line_rule("structure")
def drop_outside_article(page: Page) -> None:
    """Lines outside the article block that no other rule claimed are site chrome."""
    if page.block is None:
        return
    first, last = page.block
    for i, ln in enumerate(page.lines):
        if ln.kind == "body" and not (first <= i <= last):
            page.mark(ln, "chrome")


# --------------------------------------------------------------------------------------
# The runner.
# --------------------------------------------------------------------------------------

def clean_document(text: str, lang: str | None, *, find_dates: Callable[..., list[DateHit]] = _find_dates,
                   reference=None, rules: Registry | None = None) -> CleanResult:
    """Run every registered rule that applies to ``lang``, in registry order, over a decoded
    page and return its lines classified, each with the rule that classified it.

    ``find_dates`` is the date parser the parse rules use (passed explicitly);
    ``reference`` is the caller's reference date (it only settles 14xx numeric years here:
    year-less dates are resolved by the metadata stage).
    """
    rules = RULES if rules is None else rules
    log: Counter = Counter()
    for rule in rules.of("text", lang):
        new = rule.fn(text)
        if new != text:
            log[rule.name] += _count_change(text, new)
            text = new
    lines = [Line(i + 1, t, "body" if t.strip() else "blank") for i, t in enumerate(text.split("\n"))]
    page = Page(lines, lang, find_dates, reference)
    for rule in rules.of("line", lang):
        page.rule = rule.name
        rule.fn(page)
    page.rule = ""
    return CleanResult(lines, page.title, page.title_marker, log, page.title_text, page.block,
                       page.truncated, lang)
