"""Cleaning of scraped news pages: drop site chrome, keep every sentence of the article.

Modelled on ftfy: every rule is a small named function with a docstring; rules sit in two
registries (``TEXT_RULES`` act on the whole text and may only adjust whitespace, punctuation,
invisible controls or insert ZWNJ; ``LINE_RULES`` classify whole lines as chrome, metadata,
title or duplicate and never edit a line's words). :func:`clean_document` runs them and
records which rule changed what, so every article page can show its cleaning log.

Site- and language-specific knowledge (chrome phrases, labels, markers) lives in
``data/chrome.yaml`` and ``data/fields.yaml``; the rules themselves use structure (position,
line length, runs, repetition, label:value shape) and those phrase lists. No rule names an
outlet or a seed.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from daftar_text.fold import fold, tokenize

DATA = Path(__file__).parent / "data"


@functools.lru_cache(maxsize=None)
def load_data(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _key(text: str) -> str:
    """Folded comparison key of a line: letters and digits only, single-spaced."""
    return " ".join(tokenize(text))


# --------------------------------------------------------------------------------------
# Text rules: str -> str, whitespace/punctuation/invisible characters only.
# --------------------------------------------------------------------------------------

TEXT_RULES: dict[str, Callable[[str], str]] = {}
PERSIAN_RULES: dict[str, Callable[[str], str]] = {}


def text_rule(registry: dict) -> Callable:
    def deco(fn: Callable[[str], str]) -> Callable[[str], str]:
        registry[fn.__name__] = fn
        return fn

    return deco


@text_rule(TEXT_RULES)
def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so that Windows files split into the same lines.

    >>> normalize_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


@text_rule(TEXT_RULES)
def remove_bidi_controls(text: str) -> str:
    """Remove bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069).

    Scraped text carries them from page markup; in our pages they would reorder the
    surrounding text or hide content (a spoofing risk). The marks LRM/RLM are left alone.

    >>> remove_bidi_controls("\\u202eabc\\u202c")
    'abc'
    """
    return text.translate(_BIDI_CONTROLS)


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\u200b]")


@text_rule(TEXT_RULES)
def remove_control_characters(text: str) -> str:
    """Remove C0/C1 control characters, stray BOMs and zero-width spaces (not ZWNJ/ZWJ).

    >>> remove_control_characters("a\\x07b\\ufeffc")
    'abc'
    """
    return _CONTROL_RE.sub("", text)


_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000\t"), " ")


@text_rule(TEXT_RULES)
def nbsp_to_space(text: str) -> str:
    """No-break, thin, figure and other typographic spaces (and tabs) become plain spaces.

    >>> nbsp_to_space("a\\u00a0b\\u202fc")
    'a b c'
    """
    return text.translate(_SPACES)


_MULTISPACE_RE = re.compile(r" {2,}")
_EDGE_SPACE_RE = re.compile(r"^ +| +$", re.M)


@text_rule(TEXT_RULES)
def collapse_spaces(text: str) -> str:
    """Runs of spaces become one space; lines lose leading and trailing spaces.

    >>> collapse_spaces("  a   b  \\n c ")
    'a b\\nc'
    """
    return _EDGE_SPACE_RE.sub("", _MULTISPACE_RE.sub(" ", text))


_DOUBLE_COLON_RE = re.compile(r"(?<![:/\w])::(?!:)")
_DOUBLE_COLON_AFTER_WORD_RE = re.compile(r"(?<=[^\s:/A-Za-z0-9])::(?![:/A-Za-z0-9])")


@text_rule(TEXT_RULES)
def fix_double_colon(text: str) -> str:
    """A doubled colon after a word (``اظهار داشت::``) becomes one; code and URLs are left alone.

    >>> fix_double_colon("اظهار داشت:: ایران")
    'اظهار داشت: ایران'
    >>> fix_double_colon("std::vector")
    'std::vector'
    """
    return _DOUBLE_COLON_AFTER_WORD_RE.sub(":", text)


def _zwnj_rules() -> None:
    """Persian ZWNJ repair comes from zwnj.py; only for Persian documents."""
    try:
        from . import zwnj
    except ImportError:  # pragma: no cover - zwnj.py is part of the package
        return

    def fix_spaced_zwnj(text: str) -> str:
        return zwnj.fix_spaced_zwnj(text)

    def fix_glued_zwnj(text: str) -> str:
        return zwnj.fix_glued_zwnj(text)

    fix_spaced_zwnj.__doc__ = zwnj.fix_spaced_zwnj.__doc__
    fix_glued_zwnj.__doc__ = zwnj.fix_glued_zwnj.__doc__
    PERSIAN_RULES["fix_spaced_zwnj"] = fix_spaced_zwnj
    PERSIAN_RULES["fix_glued_zwnj"] = fix_glued_zwnj


def _count_change(before: str, after: str) -> int:
    if len(before) != len(after):
        return abs(len(before) - len(after))
    return sum(1 for a, b in zip(before, after) if a != b)


# --------------------------------------------------------------------------------------
# Line structure.
# --------------------------------------------------------------------------------------

SENTENCE_END = tuple(".!?؟…۔")
CLOSERS = " \"'”»)]›"


def ends_sentence(text: str) -> bool:
    """Ends like a sentence, looking through closing quotes and brackets: ``قال: "نعم."``"""
    return text.rstrip(CLOSERS).endswith(SENTENCE_END)



@dataclass
class Line:
    n: int  # 1-based line number in the decoded seed
    text: str
    kind: str = "body"  # body | title | meta | chrome | duplicate | blank
    rule: str | None = None
    field: str | None = None  # for meta lines: which metadata field they carry
    value: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def sentence_like(self) -> bool:
        """Prose: a long line, or a medium one that ends like a sentence."""
        w = self.words
        return w >= 25 or (w >= 6 and ends_sentence(self.text))


@dataclass
class CleanResult:
    lines: list[Line]
    title: Line | None
    title_marker: str | None
    text_log: Counter = field(default_factory=Counter)

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
        """Per-line log: what each rule did (removed chrome, took metadata, dropped copies)."""
        out = [
            {"rule": name, "action": "edited", "count": count}
            for name, count in sorted(self.text_log.items())
        ]
        for ln in self.lines:
            if ln.kind in ("chrome", "meta", "duplicate", "title") and ln.rule:
                out.append({"rule": ln.rule, "action": ln.kind, "line": ln.n, "text": ln.text[:120],
                            **({"field": ln.field} if ln.field else {})})
        return out

    def rule_counts(self) -> dict[str, int]:
        """Names of the rules that changed the text, with counts (for articles.json)."""
        counts = Counter(dict(self.text_log))
        for ln in self.lines:
            if ln.kind in ("chrome", "meta", "duplicate", "title") and ln.rule:
                counts[ln.rule] += 1
        return dict(sorted(counts.items()))


LINE_RULES: dict[str, Callable[[list[Line], dict], None]] = {}


def line_rule(fn):
    LINE_RULES[fn.__name__] = fn
    return fn


def _mark(ln: Line, kind: str, rule: str, field_: str | None = None, value: str | None = None):
    ln.kind, ln.rule = kind, rule
    if field_:
        ln.field, ln.value = field_, value


@functools.lru_cache(maxsize=None)
def _chrome_sets():
    data = load_data("chrome.yaml")
    lines = frozenset(_key(p) for p in data["lines"])
    prefixes = tuple(sorted({_key(p) for p in data["prefixes"] if _key(p)}, key=len, reverse=True))
    raw_prefixes = tuple(p for p in data["prefixes"] if not _key(p))  # e.g. "©"
    ends = frozenset(_key(p) for p in data["end_markers"])
    return lines, prefixes, raw_prefixes, ends


@line_rule
def drop_chrome_phrases(lines: list[Line], ctx: dict) -> None:
    """Share/print/comment prompts, ads, copyright and cookie lines from ``chrome.yaml``.

    A line is chrome when, folded, it *is* a listed phrase, or it *starts with* a listed
    prefix and is not long prose (long lines that merely start alike are kept).
    """
    whole, prefixes, raw_prefixes, ends = _chrome_sets()
    for ln in lines:
        if ln.kind != "body":
            continue
        k = _key(ln.text)
        if not k and ln.text.strip():
            _mark(ln, "chrome", "drop_symbol_lines")
            continue
        if k in whole:
            _mark(ln, "chrome", "drop_chrome_phrases")
        elif k in ends:
            _mark(ln, "chrome", "drop_end_markers")
        elif ln.words <= 80 and (
            any(k == p or k.startswith(p + " ") for p in prefixes)
            or ln.text.lstrip().startswith(raw_prefixes)
        ):
            _mark(ln, "chrome", "drop_chrome_phrases")


_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


@functools.lru_cache(maxsize=None)
def _label_re():
    data = load_data("fields.yaml")
    alts = []
    for fld, labels in data["labels"].items():
        for label in labels:
            alts.append((label, fld))
    alts.sort(key=lambda a: -len(a[0]))
    return alts


def _match_label(text: str) -> tuple[str, str, str] | None:
    """``label : value`` -> (field, label, value) when the label is a known one."""
    m = re.match(r"^\s*[•·*\-]?\s*([^:：]{1,40}?)\s*[:：]\s*(.*)$", text)
    if not m:
        return None
    label_key = _key(m.group(1))
    for label, fld in _label_re():
        if _key(label) == label_key:
            return fld, m.group(1).strip(), m.group(2).strip()
    return None


@line_rule
def take_label_value_lines(lines: list[Line], ctx: dict) -> None:
    """``کد خبر : 2955``, ``المصدر : وكالة الأنباء``: metadata, handed to the metadata stage.

    A label with an empty value takes its value from the next line (``لینک کوتاه :`` then
    the URL). Long lines that only start with a label-like word are prose and are kept.
    """
    for i, ln in enumerate(lines):
        if ln.kind != "body" or ln.words > 16:
            continue
        hit = _match_label(ln.text)
        if not hit:
            continue
        fld, _label, value = hit
        if not value:
            nxt = next((x for x in lines[i + 1:] if x.kind != "blank"), None)
            if nxt is not None and nxt.words <= 6:
                value = nxt.text.strip()
                _mark(nxt, "meta", "take_label_value_lines", fld, value)
        _mark(ln, "meta", "take_label_value_lines", fld, value or None)


@line_rule
def take_url_lines(lines: list[Line], ctx: dict) -> None:
    """A line that is only a URL is metadata (the page's short link or source), not prose."""
    for ln in lines:
        if ln.kind == "body" and _URL_RE.match(ln.text.strip()):
            _mark(ln, "meta", "take_url_lines", "url", ln.text.strip())


_BULLET_RE = re.compile(r"^\s*[•·▪◦●■]\s*(.+)$")


@line_rule
def take_bullet_metadata(lines: list[Line], ctx: dict) -> None:
    """A run of short bullet lines (``• فريق ماسة • 2020-08-22 • 11636``) is a metadata block."""
    run: list[Line] = []

    def flush():
        if len(run) >= 2:
            for x in run:
                _mark(x, "meta", "take_bullet_metadata", "bullet", _BULLET_RE.match(x.text).group(1).strip())
        run.clear()

    for ln in lines:
        if ln.kind == "blank":
            continue
        if ln.kind == "body" and ln.words <= 8 and _BULLET_RE.match(ln.text):
            run.append(ln)
        else:
            flush()
    flush()


@line_rule
def take_date_lines(lines: list[Line], ctx: dict) -> None:
    """A line that is mostly a date (``الأربعاء ٢٢ يوليو ٢٠٢٠ - ٠٣:١٢``) is metadata.

    Whether it is the publication date or the site's "today" date is decided later, by
    position and markers (``امروز``), in the metadata stage.
    """
    find_dates = ctx.get("find_dates")
    if find_dates is None:
        return
    for ln in lines:
        if ln.kind != "body" or ln.words > 14:
            continue
        hits = find_dates(ln.text, ctx.get("reference"))
        if not hits:
            continue
        covered = sum(h.end - h.start for h in hits)
        rest = _key(ln.text)
        if covered >= 0.5 * len(ln.text.strip()) or ln.words <= 6:
            _mark(ln, "meta", "take_date_lines", "date", ln.text)
        del rest


@line_rule
def drop_breadcrumbs(lines: list[Line], ctx: dict) -> None:
    """``الأخبار - إيران``: short segments joined by separators, no sentence: navigation."""
    seps = load_data("chrome.yaml")["breadcrumb_separators"]
    for ln in lines:
        if ln.kind != "body" or ln.words > 8 or ln.sentence_like:
            continue
        t = ln.text.strip()
        for sep in seps:
            parts = [p for p in t.split(sep)]
            if len(parts) >= 2 and all(1 <= len(p.split()) <= 3 and not any(c.isdigit() for c in p) for p in parts):
                _mark(ln, "chrome", "drop_breadcrumbs")
                break


@line_rule
def drop_navigation_runs(lines: list[Line], ctx: dict) -> None:
    """Runs of four or more very short lines (menus, widgets, tickers) are navigation."""
    run: list[Line] = []

    def flush():
        if len(run) >= 4:
            for x in run:
                _mark(x, "chrome", "drop_navigation_runs")
        run.clear()

    for ln in lines:
        if ln.kind == "blank":
            continue
        if ln.kind in ("body", "chrome") and ln.words <= 4 and not ln.text.rstrip().endswith(("؟", "?", ":")):
            run.append(ln)
        elif ln.kind == "meta":
            continue
        else:
            flush()
    flush()


@line_rule
def drop_repeated_lines(lines: list[Line], ctx: dict) -> None:
    """A line repeated verbatim (the title or lead shown twice) is kept once, the first time."""
    seen: dict[str, Line] = {}
    for ln in lines:
        if ln.kind not in ("body",):
            continue
        k = _key(ln.text)
        if not k:
            continue
        if k in seen:
            _mark(ln, "duplicate", "drop_repeated_lines")
            seen[k].repeated = True  # type: ignore[attr-defined]
        else:
            seen[k] = ln


@line_rule
def drop_repeated_body(lines: list[Line], ctx: dict) -> None:
    """Keep one copy of text the page shows twice, the best-formed one.

    * A paragraph that is the run-together copy of two or more other paragraphs (the whole
      body repeated as one block) is dropped; the paragraphed copy stays.
    * A paragraph whose text is contained in a longer one (a lead repeated inside the first
      paragraph with its attribution) is dropped; the longer one keeps every word.

    Candidates come from an index of each paragraph's opening and closing word 4-grams, so
    long pages are not compared pair by pair.
    """
    body = [ln for ln in lines if ln.kind == "body" and ln.words >= 6]
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
            _mark(body[j], "duplicate", "drop_repeated_body")
            dropped.add(j)
    for j, parts in inside.items():
        if j in dropped:
            continue
        for i in parts:
            if i not in dropped:
                _mark(body[i], "duplicate", "drop_repeated_body")
                dropped.add(i)


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


def _is_headline(ln: Line) -> bool:
    w = ln.words
    t = ln.text.rstrip()
    return ln.kind == "body" and 3 <= w <= 30 and not ends_sentence(t) and not ln.text.startswith(("-", "*"))


def find_title(lines: list[Line], block: tuple[int, int] | None) -> Line | None:
    """The page's headline, or None when the page has none (a title is then derived).

    In order of evidence: a headline-shaped line the page shows twice; one directly followed
    by a date line (the one nearest above the article body wins: site headers carry dates
    too); one directly after a metadata block (pages that print the body first); otherwise
    the first headline-shaped line above the article body.
    """
    first, last = block if block else (len(lines), len(lines))
    cands = [(i, ln) for i, ln in enumerate(lines) if _is_headline(ln) and not (first <= i <= last)]

    def nearest(items):
        above = [c for c in items if c[0] < first]
        return (above[-1] if above else items[0])[1] if items else None

    repeated = [(i, ln) for i, ln in cands if getattr(ln, "repeated", False)]
    if repeated:
        return nearest(repeated)
    nonblank = [j for j, x in enumerate(lines) if x.kind not in ("blank", "duplicate")]
    pos = {j: p for p, j in enumerate(nonblank)}
    dated, after_meta = [], []
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
    if dated:
        return nearest(dated)
    if after_meta:
        return after_meta[0][1]
    before = [(i, ln) for i, ln in cands if i < first and ln.words >= 4]
    if before:
        return before[0][1]
    return None


def take_byline(lines: list[Line], title: Line | None, first: int) -> None:
    """A short line between the headline and the article body (``موسكو - سعيد طانيوس:``,
    ``لندن: «الشرق الأوسط أونلاين»``) is the byline: metadata, not article text."""
    if title is None:
        return
    start = lines.index(title)
    # "City - Name" right under a headline is a byline even though it is shaped like a breadcrumb
    between = [ln for ln in lines[start + 1:first]
               if ln.kind == "body" or (ln.kind == "chrome" and ln.rule == "drop_breadcrumbs")]
    for ln in between:
        if ln.words <= 8 and not ln.sentence_like:
            _mark(ln, "meta", "take_byline", "byline", ln.text.strip(" :"))


def strip_title_marker(title: str) -> tuple[str, str | None]:
    """``مزيد من التقدم ... + فيديو`` -> (title, "+ فيديو"): media tags are not the title."""
    for marker in load_data("chrome.yaml")["title_markers"]:
        if title.rstrip().endswith(marker):
            return title.rstrip()[: -len(marker)].rstrip(" -–|"), marker
    return title, None


def clean_document(text: str, lang: str | None, *, find_dates=None, reference=None) -> CleanResult:
    """Run every rule over a decoded page and return lines classified with their rules."""
    log: Counter = Counter()
    rules = dict(TEXT_RULES)
    if lang == "fa":
        if not PERSIAN_RULES:
            _zwnj_rules()
        rules.update(PERSIAN_RULES)
    for name, fn in rules.items():
        new = fn(text)
        if new != text:
            log[name] += _count_change(text, new)
            text = new
    lines = [Line(i + 1, t, "body" if t.strip() else "blank") for i, t in enumerate(text.split("\n"))]
    ctx = {"find_dates": find_dates, "reference": reference, "lang": lang}
    for name in ("drop_chrome_phrases", "take_label_value_lines", "take_url_lines", "take_bullet_metadata",
                 "take_date_lines", "drop_breadcrumbs", "drop_navigation_runs", "drop_repeated_lines",
                 "drop_repeated_body"):
        LINE_RULES[name](lines, ctx)
    block = _main_block(lines)
    title = find_title(lines, block)
    marker = None
    if title is not None:
        _mark(title, "title", "take_headline")
    if block is not None:
        first, last = block
        take_byline(lines, title, first)
        for i, ln in enumerate(lines):
            if ln.kind == "body" and not (first <= i <= last):
                _mark(ln, "chrome", "drop_outside_article")
    result = CleanResult(lines, title, marker, log)
    if title is not None:
        _t, result.title_marker = strip_title_marker(title.text)
    return result
