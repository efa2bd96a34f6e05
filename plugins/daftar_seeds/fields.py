"""Metadata a researcher can cite, taken from what the page itself states — and only that.

:data:`FIELDS` declares every key of ``Document.fields``: its type and meaning, in one place
(exports and templates read this list). :func:`extract_fields` fills them from a
:class:`~daftar_seeds.clean.CleanResult` through one named extractor per field
(:data:`EXTRACTORS`). Extractors only *read* what the cleaning rules stored on the lines — a
date line's :class:`~daftar_seeds.clean.LineDate` s, a label line's
:class:`~daftar_seeds.clean.Label`, every line's :class:`~daftar_seeds.credits.Credit` s —
and never parse a line again or change the cleaning result. Nothing is invented: a field the
page does not state is None (or an empty list).

Provenance: ``fields["provenance"]`` maps each extracted field to the 1-based line of the
decoded seed it came from (for a list field, a list of lines parallel to its values), and
:func:`provenance_log` turns it into cleaning-log entries naming the rule that read the line.

Credits: who published the page and who reported it depends on where a credit stands.

* ``outlet`` (the publisher of this page), in order of evidence: the host of the page's own
  URL line (``data/outlets.yaml`` hosts); a source label (``المصدر : X``, unless X is a known
  agency); a house credit — a lead prefix (``خبرگزاري فارس: …``), a ``به گزارش X،`` opening
  the first or second paragraph, an opening dateline ``City (X) -``, a byline or a name line
  under the headline, in the page's language; a name line after the body; else the site's own
  chrome naming it (a copyright line, a line that is only its name, its disclaimers), the most
  often named, an edition (CNN بالعربية) over its parent (CNN).
* ``agencies``: wires credited for the text (a byline ``موسكو - د ب ا``, an agency after the
  date, ``X نوشت:`` or ``X:`` opening a paragraph, a house credit that lost to a stronger
  publisher, a source label naming an agency), never the outlet itself or its family.
* ``relayed_from``: sources the text quotes as reporting (``به نقل از X``, ``بنا بر گزارش X``,
  ``X … گزارش کرد``, ``ذكرت وكالة X``, a ``به گزارش X`` that is not the house credit).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

from daftar_text import tables
from daftar_text.fold import tokenize

from .clean import CleanResult, Line, _key, load_data
from .credits import Credit
from .dates import DateHit, resolve_year
from .outlets import Directory, Outlet, directory


@dataclass(frozen=True)
class FieldSpec:
    """One key of ``Document.fields``: its JSON type, what it means, its value when unstated."""

    type: str
    doc: str
    default: Any = None


#: Every key of ``Document.fields``, in order. Types are JSON types; "str|null" may be None.
FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec("str", "the headline as the page states it (media marker removed), or a title derived from the lead"),
    "title_source": FieldSpec("str", '"stated" (the page\'s headline), "derived" (from the lead) or "override" (sidecar)'),
    "title_marker": FieldSpec("str|null", 'media tag stripped from the headline ("+ فيديو")'),
    "lead": FieldSpec("str|null", "the first paragraph of the article body"),
    "date": FieldSpec("str|null", "publication date, ISO 8601 Gregorian; time and offset only when the page states them"),
    "date_source": FieldSpec("str|null", '"stated", "inferred" (year inferred from the weekday against date_reference), '
                             '"unresolved" (day and month stated, no reference to infer the year: date is null), "override"'),
    "date_text": FieldSpec("str|null", "the words the date was read from, as written"),
    "date_calendar": FieldSpec("str|null", '"jalali", "gregorian" or "hijri": the calendar the page wrote the date in'),
    "date_reference": FieldSpec("str|null", "ISO date the year of a year-less date was inferred against (only when inferred)"),
    "date_reference_source": FieldSpec("str|null", '"page" (its own today/capture line), "sidecar" (captured) or "setting" '
                                       "(the reference the caller passed): where date_reference came from"),
    "captured": FieldSpec("str|null", "ISO date the page itself shows as today (the day it was captured)"),
    "updated": FieldSpec("str|null", "ISO date (and time) of a stated last update; never taken as the publication date"),
    "outlet": FieldSpec("str|null", "publisher of this page, in its one form from data/outlets.yaml (else as written)"),
    "outlet_host": FieldSpec("str|null", "host of the page's own URL line (www. removed)"),
    "agencies": FieldSpec("list[str]", "wires credited for the text, in order of first credit", []),
    "relayed_from": FieldSpec("list[str]", "sources the text quotes as reporting, in order", []),
    "desk": FieldSpec("str|null", 'the outlet\'s desk credited with the report ("گروه بین‌الملل")'),
    "dateline": FieldSpec("str|null", "the city (and country) the report is filed from"),
    "author": FieldSpec("str|null", "the person (or team) the page credits as author"),
    "byline": FieldSpec("str|null", "the byline line as written"),
    "category": FieldSpec("str|null", "section or category label the page states"),
    "news_code": FieldSpec("str|null", "the page's news code (digits)"),
    "views": FieldSpec("int|null", "view count shown on the page when captured"),
    "source_url": FieldSpec("str|null", "the page's own URL as it states it (a short link or URL line)"),
    "truncated": FieldSpec("bool", "the page's text stops mid-sentence: its last paragraph is cut off", False),
    "provenance": FieldSpec("dict[str, int|list[int]]", "field -> 1-based line of the seed it came from "
                            "(a list of lines for a list field)", {}),
    "overridden": FieldSpec("list[str]", "fields a curator's sidecar set", []),
    "curator_note": FieldSpec("str|null", "the curator's note from the sidecar"),
}


def empty_fields() -> dict:
    """Every declared field at its 'not stated' value."""
    return {k: (list(s.default) if isinstance(s.default, list) else dict(s.default) if isinstance(s.default, dict)
                else s.default) for k, s in FIELDS.items()}


_INT_RE = re.compile(r"[0-9۰-۹٠-٩][0-9۰-۹٠-٩,،٬.]{0,30}")
_DIGITS = tables.latin_digits_table()
_URL_RE = re.compile(r"^(?:https?://|www\.)\S{1,2000}$", re.I)


def _int(text: str | None) -> int | None:
    """First whole number in ``text`` in any digit script: ``142 نفر`` -> 142."""
    if not text:
        return None
    m = _INT_RE.search(text)
    if not m:
        return None
    digits = re.sub(r"[^0-9]", "", m.group(0).translate(_DIGITS))
    return int(digits) if digits else None


# --------------------------------------------------------------------------------------
# Context: positions of lines, computed once per page (read-only views of the result).
# --------------------------------------------------------------------------------------

@dataclass
class Context:
    result: CleanResult
    lang: str | None
    reference: dt.date | None = None
    sidecar_captured: str | None = None
    directory: Directory = field(default_factory=directory)
    memo: dict = field(default_factory=dict)

    def __post_init__(self):
        r = self.result
        self.lines = r.lines
        self.body = r.body
        self.body_index = {id(ln): i for i, ln in enumerate(self.body)}
        self.title_i = next((i for i, ln in enumerate(self.lines) if ln.kind == "title"), None)
        self.first, self.last = r.block if r.block else (len(self.lines), len(self.lines))

    def zone(self, i: int, ln: Line) -> str:
        """Where a line stands: title, byline (between headline and body), lead, second, body,
        trailing (after the body), header (before it)."""
        if ln.kind == "title":
            return "title"
        if ln.kind == "meta" and ln.field == "byline":
            return "byline"
        b = self.body_index.get(id(ln))
        if b is not None:
            return "lead" if b == 0 else "second" if b == 1 else "body"
        if self.title_i is not None and self.title_i < i < self.first:
            return "byline"
        if i > self.last:
            return "trailing"
        if self.first <= i <= self.last:
            return "inside"
        return "header"


Prov = dict  # field -> (line number | [line numbers], rule name)


# --------------------------------------------------------------------------------------
# Title and lead.
# --------------------------------------------------------------------------------------

def extract_title(ctx: Context) -> tuple[dict, Prov]:
    """``title``, ``title_source``, ``title_marker``: the headline the cleaning stage took
    (marker already apart), or a title derived from the lead."""
    r = ctx.result
    if r.title is not None:
        return ({"title": r.title_text, "title_source": "stated", "title_marker": r.title_marker},
                {"title": (r.title.n, r.title.rule)})
    if ctx.body:
        lead = ctx.body[0]
        title = derive_title(lead.text, load_data("fields.yaml").get("attribution_patterns", []))
        return {"title": title, "title_source": "derived", "title_marker": None}, {"title": (lead.n, "find_article_block")}
    return {}, {}


def extract_lead(ctx: Context) -> tuple[dict, Prov]:
    """``lead``: the first paragraph of the body."""
    if not ctx.body:
        return {}, {}
    return {"lead": ctx.body[0].text}, {"lead": (ctx.body[0].n, "find_article_block")}


_SENTENCE_SPLIT_RE = re.compile(r"(?<=[^.][.!?؟])\s")


def derive_title(lead: str, patterns: list[str], max_words: int = 12) -> str:
    """A short title from the lead, for pages without a headline (marked ``derived``). An
    ellipsis (``...``, ``..``) is not a sentence end: the title is never cut there.

    >>> derive_title("به گزارش خبرگزاری نمونه؛ به دنبال مذاکرات تلفنی امروز وزیر دفاع روسیه با همتای ایرانی خود و همچنین", [r"^به گزارش [^،؛:]{1,40}[،؛]\\s*"])
    'به دنبال مذاکرات تلفنی امروز وزیر دفاع روسیه با همتای ایرانی خود…'
    >>> derive_title("مفاوضات فيينا... اتفاق قريب. وقال المتحدث إن الجولة انتهت", [])
    'مفاوضات فيينا... اتفاق قريب'
    """
    text = lead.strip()
    for p in patterns:
        new = re.sub(p, "", text, count=1)
        if new != text and len(new.split()) >= 4:
            text = new
            break
    sentence = _SENTENCE_SPLIT_RE.split(text, maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= max_words:
        return sentence.rstrip(" .")
    return " ".join(words[:max_words]).rstrip("،,؛:") + "…"


# --------------------------------------------------------------------------------------
# Labelled fields.
# --------------------------------------------------------------------------------------

def _labelled(ctx: Context, fld: str) -> tuple[Line, str] | None:
    for ln in ctx.lines:
        if ln.kind == "meta" and ln.label is not None and ln.label.field == fld and ln.label.value:
            return ln, ln.label.value
    return None


def extract_news_code(ctx: Context) -> tuple[dict, Prov]:
    """``news_code``: a labelled code (``کد خبر : 2955``), digits only."""
    hit = _labelled(ctx, "news_code")
    if not hit:
        return {}, {}
    ln, value = hit
    code = _int(value)
    return {"news_code": str(code) if code is not None else value.strip(" .:-")}, {"news_code": (ln.n, ln.rule)}


def extract_category(ctx: Context) -> tuple[dict, Prov]:
    """``category``: a labelled section (``دسته بندی : بین‌الملل``)."""
    hit = _labelled(ctx, "category")
    if not hit:
        return {}, {}
    return {"category": hit[1].strip(" .:-")}, {"category": (hit[0].n, hit[0].rule)}


def extract_views(ctx: Context) -> tuple[dict, Prov]:
    """``views``: a labelled count, or a bare number in a bullet block (the view counter)."""
    hit = _labelled(ctx, "views")
    if hit and _int(hit[1]) is not None:
        return {"views": _int(hit[1])}, {"views": (hit[0].n, hit[0].rule)}
    for ln in _bullets(ctx):
        if re.fullmatch(r"[0-9۰-۹٠-٩,٬.]{1,20}", ln.value or "") and not ln.dates:
            return {"views": _int(ln.value)}, {"views": (ln.n, ln.rule)}
    return {}, {}


def extract_source_url(ctx: Context) -> tuple[dict, Prov]:
    """``source_url`` and ``outlet_host``: the page's short link or a URL line."""
    for ln in ctx.lines:
        if _url_line(ln):
            url = ln.value.strip()
            parts = urlsplit(url if "://" in url else "http://" + url)
            host = (parts.hostname or "").lower()
            host = host[4:] if host.startswith("www.") else host
            return {"source_url": url, "outlet_host": host or None}, {"source_url": (ln.n, ln.rule)}
    return {}, {}


def _url_line(ln: Line) -> bool:
    """A metadata line that holds the page's URL itself (not the label above it)."""
    return (ln.kind == "meta" and ln.field in ("source_url", "url") and bool(ln.value)
            and bool(_URL_RE.match(ln.value.strip())) and ln.value.strip() in ln.text)


def _bullets(ctx: Context) -> list[Line]:
    return [ln for ln in ctx.lines if ln.kind == "meta" and ln.field == "bullet"]


# --------------------------------------------------------------------------------------
# Dates.
# --------------------------------------------------------------------------------------

def _date_lines(ctx: Context):
    """(index, line, LineDate) of every date on a date line, a date label or a bullet."""
    for i, ln in enumerate(ctx.lines):
        if ln.kind == "meta" and (ln.field == "date" or ln.field == "bullet") and ln.dates:
            for d in ln.dates:
                yield i, ln, d


def _as_date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def extract_dates(ctx: Context) -> tuple[dict, Prov]:
    """``date`` (with source, text, calendar, reference), ``captured`` and ``updated``.

    A date line's role decides: "today"/"captured" lines give ``captured``, "updated" lines
    ``updated``, the others are publication candidates; of those, one below the headline
    wins over a header date above it (site headers carry today's date), which then counts as
    ``captured``. Without a date line, a year-less weekday date opening one of the first
    three paragraphs (``امروز، دوشنبه، 15 ژانویه``) or a full date in the lead's dateline
    position dates the report.

    A year-less date is resolved against what the page itself states (its today/capture
    line), else the sidecar's ``captured``, else the caller's reference — never the machine's
    clock; with none of them it stays unresolved (``date`` None, the words in ``date_text``).
    """
    out: dict = {}
    prov: Prov = {}
    captured = updated = None
    pubs, header = [], []
    for i, ln, d in _date_lines(ctx):
        if d.role in ("today", "captured"):
            if captured is None and d.hit.iso:
                captured = (d.hit.iso[:10], ln)
            continue
        if d.role == "updated":
            if updated is None and d.hit.iso:
                updated = (d.hit.iso, ln)
            continue
        is_header = ctx.title_i is not None and i < ctx.title_i and d.role is None
        (header if is_header else pubs).append((ln, d.hit))
    pub = None
    if pubs:
        pub = pubs[0]
    elif header:
        pub, header = header[0], header[1:]
    for ln, hit in header:
        if captured is None and hit.iso and (pub is None or not pub[1].iso or hit.iso[:10] != pub[1].iso[:10]):
            captured = (hit.iso[:10], ln)
    if pub is None:
        pub = _report_date(ctx)
    if captured:
        out["captured"] = captured[0]
        prov["captured"] = (captured[1].n, "take_date_lines")
    if updated:
        out["updated"] = updated[0]
        prov["updated"] = (updated[1].n, "take_date_lines")
    if pub is None:
        return out, prov
    ln, hit = pub
    prov["date"] = (ln.n, "take_date_lines")
    out.update({"date_text": hit.text, "date_calendar": hit.calendar})
    if hit.iso is not None:
        out.update({"date": hit.iso, "date_source": "stated"})
        return out, prov
    ref, source = _reference(ctx, captured)
    resolved = resolve_year(hit, ref)
    if resolved is None:
        out.update({"date": None, "date_source": "unresolved"})
    else:
        out.update({"date": resolved.iso, "date_source": "inferred", "date_reference": ref.isoformat(),
                    "date_reference_source": source})
    return out, prov


def _reference(ctx: Context, captured) -> tuple[dt.date | None, str | None]:
    """The reference a year-less date is resolved against, and where it came from."""
    if captured and _as_date(captured[0]):
        return _as_date(captured[0]), "page"
    if _as_date(ctx.sidecar_captured):
        return _as_date(ctx.sidecar_captured), "sidecar"
    if ctx.reference is not None:
        ref = ctx.reference.date() if isinstance(ctx.reference, dt.datetime) else ctx.reference
        return ref, "setting"
    return None, None


#: How far into the lead a dateline's date may stand (``موسكو (النبأ) 2020.07.22 -``).
DATELINE_CHARS = 60


def _report_date(ctx: Context) -> tuple[Line, DateHit] | None:
    """A date the opening paragraphs give the report itself (no date line on the page).

    A year-less weekday date in one of the first three paragraphs (a full date in prose is an
    anniversary or a history, not the report's date), or a full date in the lead's dateline
    position: after at most six words before it with no sentence end, or right after the
    lead sentence and before a credit."""
    for ln in ctx.body[:3]:
        hit = next((d.hit for d in ln.dates if d.hit.iso is None and d.hit.partial), None)
        if hit is not None:
            return ln, hit
        hit = next((d.hit for d in ln.dates if d.hit.inferred), None)
        if hit is not None:
            return ln, hit
    if ctx.body:
        lead = ctx.body[0]
        for d in lead.dates:
            h = d.hit
            if h.iso is None:
                continue
            before = lead.text[:h.start]
            if h.start <= DATELINE_CHARS and len(before.split()) <= 6 and not re.search(r"[.!?؟]\s", before):
                return lead, h
            after = lead.text[h.end:h.end + 40]
            if re.search(r"[.!?؟]\s{0,3}$", before) and (
                    after.lstrip()[:1] in ("(", "-", "–", "—") or any(c.start >= h.end for c in lead.credits)):
                return lead, h
    return None


# --------------------------------------------------------------------------------------
# Credits: outlet, agencies, relayed sources, desk, dateline, author, byline.
# --------------------------------------------------------------------------------------

@dataclass(order=True)
class _Cand:
    rank: float
    line: int
    name: str = field(compare=False)
    outlet: Outlet | None = field(compare=False, default=None)
    desk: str | None = field(compare=False, default=None)


@dataclass
class _Credits:
    """The roles every credit of the page plays, decided once from the lines' positions."""

    house: list[_Cand] = field(default_factory=list)
    selfrefs: list[_Cand] = field(default_factory=list)
    agencies: list[tuple[int, str, Outlet | None]] = field(default_factory=list)
    relays: list[tuple[int, str, Outlet | None]] = field(default_factory=list)
    datelines: list[tuple[int, int, str]] = field(default_factory=list)  # (priority, line, city)
    persons: list[tuple[int, int, str]] = field(default_factory=list)  # (priority, line, name)
    bylines: list[tuple[int, int, str]] = field(default_factory=list)  # (priority, line, text)


#: Chrome rules whose lines are the site talking about itself (self-references count there,
#: other credits do not: "شبکه های اجتماعی" is a share widget, not a network).
_PHRASE_RULES = ("drop_chrome_phrases", "drop_symbol_lines", "drop_end_markers", "take_label_value_lines")


def _in_lang(c: Credit, lang: str | None) -> bool:
    return c.outlet is None or c.outlet.publishes_in(lang)


def _credits(ctx: Context) -> _Credits:
    """Decide each credit's role from where its line stands (computed once per page)."""
    if "credits" in ctx.memo:
        return ctx.memo["credits"]
    cr = _Credits()
    d = ctx.directory
    report_house_taken = False
    for i, ln in enumerate(ctx.lines):
        if ln.kind == "blank":
            continue
        if ln.kind == "duplicate":
            if ln.field == "fragment" and ln.value:
                o = d.lookup(ln.value)
                if o is not None:
                    cr.selfrefs.append(_Cand(5, ln.n, o.name, o))
            continue
        zone = ctx.zone(i, ln)
        phrase_chrome = ln.kind == "chrome" and ln.rule in _PHRASE_RULES
        # the page's own URL: its host's profile
        if _url_line(ln):
            v = ln.value.strip()
            parts = urlsplit(v if "://" in v else "http://" + v)
            o = d.by_host(parts.hostname or "", parts.path)
            if o is not None:
                cr.house.append(_Cand(1, ln.n, o.name, o))
        # a source label: المصدر : X
        if ln.kind == "meta" and ln.label is not None and ln.label.field == "outlet" and ln.label.value:
            value = ln.label.value.strip(" .:-«»\"")
            o = d.lookup(value)
            if o is not None and o.kind == "agency":
                cr.agencies.append((ln.n, o.name, o))
            elif value and _key(value):
                cr.house.append(_Cand(2, ln.n, o.name if o else value, o))
            continue
        for c in ln.credits:
            _role(cr, ctx, ln, zone, phrase_chrome, c, report_house_taken)
            if c.how == "report" and zone in ("lead", "second") and c.at_start:
                report_house_taken = True
        if zone == "byline" and ln.kind == "meta" and ln.field == "byline":
            shaped = any(c.how == "byline" for c in ln.credits)
            cr.bylines.append((0 if shaped else 1, ln.n, ln.value or ln.text.strip(" :")))
    ctx.memo["credits"] = cr
    return cr


def _role(cr: _Credits, ctx: Context, ln: Line, zone: str, phrase_chrome: bool, c: Credit,
          report_house_taken: bool) -> None:
    how = c.how
    lang = ctx.lang
    if how == "copyright":
        if c.outlet is not None:
            cr.selfrefs.append(_Cand(5, ln.n, c.name, c.outlet))
        return
    if how == "mention":
        if phrase_chrome and c.outlet is not None and not c.common:
            cr.selfrefs.append(_Cand(5, ln.n, c.name, c.outlet))
        return
    if phrase_chrome or how == "empty_slot" or not (c.name or c.person or c.city):
        return
    agency = (ln.n, c.name, c.outlet)
    if how == "credit_line":
        if zone in ("byline", "title"):
            if c.kind == "agency":
                cr.agencies.append(agency)
            elif _in_lang(c, lang):
                cr.house.append(_Cand(3, ln.n, c.name, c.outlet, c.desk))
        elif zone == "trailing" and not c.common:
            if c.kind == "agency":
                cr.agencies.append(agency)
            elif c.outlet is not None and _in_lang(c, lang):
                cr.house.append(_Cand(4, ln.n, c.name, c.outlet, c.desk))
        elif zone == "header" and c.outlet is not None and not c.common:
            cr.selfrefs.append(_Cand(5, ln.n, c.name, c.outlet))
        return
    if how == "byline":
        if zone not in ("byline", "lead"):
            return
        if c.city:
            cr.datelines.append((1, ln.n, c.city))
        if c.person:
            cr.persons.append((2, ln.n, c.person))
        if c.name:
            if c.kind == "agency":
                cr.agencies.append(agency)
            elif _in_lang(c, lang):
                cr.house.append(_Cand(3, ln.n, c.name, c.outlet, c.desk))
        return
    if how == "dateline":
        if zone != "lead":
            return
        if c.city:
            cr.datelines.append((2, ln.n, c.city))
        if c.outlet is None:
            return  # "(خاص)", "(تحديث)": an unknown word in brackets is no credit
        if c.kind == "outlet" and _in_lang(c, lang):
            cr.house.append(_Cand(3, ln.n, c.name, c.outlet, c.desk))
        else:
            cr.agencies.append(agency)
        return
    if how in ("lead_prefix", "wrote"):
        if c.common:
            return
        if zone in ("lead", "byline") and _in_lang(c, lang):
            cr.house.append(_Cand(3, ln.n, c.name, c.outlet, c.desk))
        elif zone in ("lead", "byline", "second", "body", "inside"):
            cr.agencies.append(agency)
        return
    if how == "report":
        house_slot = zone in ("lead", "second") and c.at_start and not report_house_taken
        if house_slot and (c.outlet is not None or c.kind is not None):
            if c.common:
                cr.house.append(_Cand(3.5, ln.n, c.name, c.outlet, c.desk))
            elif _in_lang(c, lang):
                cr.house.append(_Cand(3, ln.n, c.name, c.outlet, c.desk))
            else:
                cr.relays.append(agency)
        elif zone in ("lead", "second", "body", "inside") and not c.common:
            cr.relays.append(agency)
        return
    if how == "relay":
        if zone in ("lead", "second", "body", "inside") and not c.common:
            cr.relays.append(agency)
        return
    if how == "date_tail":
        if c.kind == "agency":
            cr.agencies.append(agency)
        return


def _chosen_outlet(ctx: Context) -> _Cand | None:
    if "outlet" in ctx.memo:
        return ctx.memo["outlet"]
    cr = _credits(ctx)
    best = min(cr.house) if cr.house else None
    if best is None and cr.selfrefs:
        d = ctx.directory
        count: dict[str, int] = {}
        first: dict[str, _Cand] = {}
        for c in cr.selfrefs:
            key = c.name
            per_line = (key, c.line)
            if per_line in first:
                continue
            first[per_line] = c
            count[key] = count.get(key, 0) + 1
            first.setdefault(key, c)
        # an edition named on its own site (CNN بالعربية) takes its parent's (CNN) mentions
        for name in list(count):
            o = d.by_name.get(name)
            if o is not None and o.parent in count:
                count[name] += count.pop(o.parent)
        best = max((first[n] for n in count), key=lambda c: (count[c.name], -c.line))
    ctx.memo["outlet"] = best
    return best


def _same(ctx: Context, name: str, outlet: Outlet | None, chosen: _Cand | None) -> bool:
    if chosen is None:
        return False
    if name == chosen.name:
        return True
    if outlet is not None and chosen.outlet is not None:
        return ctx.directory.family(outlet, chosen.outlet)
    return _key(name) == _key(chosen.name)


def extract_outlet(ctx: Context) -> tuple[dict, Prov]:
    """``outlet``: the publisher of this page (module docstring: the order of evidence)."""
    best = _chosen_outlet(ctx)
    if best is None:
        return {}, {}
    return {"outlet": best.name}, {"outlet": (best.line, _credit_rule(ctx, best.line))}


def extract_desk(ctx: Context) -> tuple[dict, Prov]:
    """``desk``: the desk the house credit names (``گروه بین‌الملل خبرگزاری فارس``)."""
    best = _chosen_outlet(ctx)
    if best is None:
        return {}, {}
    for c in sorted(_credits(ctx).house):
        if c.desk and _same(ctx, c.name, c.outlet, best):
            return {"desk": c.desk}, {"desk": (c.line, "read_credits_on_lines")}
    return {}, {}


def extract_agencies(ctx: Context) -> tuple[dict, Prov]:
    """``agencies``: wires credited (module docstring), never the outlet or its family."""
    cr = _credits(ctx)
    best = _chosen_outlet(ctx)
    items = list(cr.agencies) + [(c.line, c.name, c.outlet) for c in cr.house
                                 if c is not best and c.rank < 5 and c.rank > 1]
    return _ordered(ctx, "agencies", items, best, exclude=())


def extract_relayed_from(ctx: Context) -> tuple[dict, Prov]:
    """``relayed_from``: sources the text quotes as reporting, not the outlet or an agency."""
    cr = _credits(ctx)
    best = _chosen_outlet(ctx)
    agencies = extract_agencies(ctx)[0].get("agencies", [])
    return _ordered(ctx, "relayed_from", list(cr.relays), best, exclude=tuple(agencies))


def _ordered(ctx: Context, name: str, items, best: _Cand | None, exclude: tuple) -> tuple[dict, Prov]:
    seen, values, lines = set(), [], []
    for line, value, outlet in sorted(items, key=lambda t: t[0]):
        if not value or value in seen or value in exclude or _same(ctx, value, outlet, best):
            continue
        seen.add(value)
        values.append(value)
        lines.append(line)
    if not values:
        return {}, {}
    return {name: values}, {name: (lines, "read_credits_on_lines")}


def extract_dateline(ctx: Context) -> tuple[dict, Prov]:
    """``dateline``: the city of a byline (``موسكو - …``), else of the lead's ``City (X) -``."""
    cr = _credits(ctx)
    if not cr.datelines:
        return {}, {}
    _, line, city = min(cr.datelines)
    return {"dateline": city}, {"dateline": (line, "read_credits_on_lines")}


def extract_author(ctx: Context) -> tuple[dict, Prov]:
    """``author``: a labelled author (``حوار: آسيا العتروس``), else the person of a byline
    (``موسكو - سعيد طانيوس:``), else the first name-shaped entry of a bullet block."""
    hit = _labelled(ctx, "author")
    if hit:
        value = hit[1].strip(" .:-")
        if _key(value) and not _placeholder(value):
            return {"author": value}, {"author": (hit[0].n, hit[0].rule)}
    cr = _credits(ctx)
    if cr.persons:
        _, line, person = min(cr.persons)
        return {"author": person}, {"author": (line, "read_credits_on_lines")}
    bullets = _bullets(ctx)
    if bullets:
        ln = bullets[0]
        v = (ln.value or "").strip()
        if v and not any(ch.isdigit() for ch in v) and not ln.dates and not _placeholder(v) and _key(v):
            return {"author": v}, {"author": (ln.n, ln.rule)}
    return {}, {}


def _placeholder(value: str) -> bool:
    """A label word or a generic word left where a name should be (``نویسنده``, ``المصدر``)."""
    from .clean import _parse_label
    from .credits import phrases

    toks = tokenize(value)
    ph = phrases()
    if all(t in ph.placeholders or t in ph.desks for t in toks):
        return True
    return _parse_label(value + ":") is not None and len(toks) <= 3


def extract_byline(ctx: Context) -> tuple[dict, Prov]:
    """``byline``: the byline line as written (a shaped one — city, agency, person — first)."""
    cr = _credits(ctx)
    if not cr.bylines:
        return {}, {}
    _, line, text = min(cr.bylines)
    return {"byline": text}, {"byline": (line, "take_byline")}


def extract_truncated(ctx: Context) -> tuple[dict, Prov]:
    """``truncated``: the cleaning stage kept a cut-off last line."""
    if not ctx.result.truncated:
        return {}, {}
    tail = next((ln for ln in ctx.lines if ln.rule == "keep_truncated_tail"), None)
    return {"truncated": True}, ({"truncated": (tail.n, tail.rule)} if tail else {})


def _credit_rule(ctx: Context, line: int) -> str:
    ln = ctx.lines[line - 1] if 0 < line <= len(ctx.lines) else None
    if ln is not None and ln.label is not None:
        return "take_label_value_lines"
    if ln is not None and ln.field in ("url", "source_url"):
        return ln.rule or "take_url_lines"
    if ln is not None and ln.kind == "duplicate":
        return "drop_repeated_lines"
    return "read_credits_on_lines"


#: The extractors, in order; each fills the fields its name says.
EXTRACTORS: list[tuple[str, Callable[[Context], tuple[dict, Prov]]]] = [
    ("title", extract_title),
    ("lead", extract_lead),
    ("date", extract_dates),
    ("news_code", extract_news_code),
    ("category", extract_category),
    ("views", extract_views),
    ("source_url", extract_source_url),
    ("outlet", extract_outlet),
    ("desk", extract_desk),
    ("agencies", extract_agencies),
    ("relayed_from", extract_relayed_from),
    ("dateline", extract_dateline),
    ("author", extract_author),
    ("byline", extract_byline),
    ("truncated", extract_truncated),
]


def extract_fields(result: CleanResult, lang: str | None = None, *, reference: dt.date | None = None,
                   sidecar_captured: str | None = None, with_rules: bool = False):
    """Return the article's fields (every key of :data:`FIELDS`). The result is not changed.

    ``reference``: the caller's reference date for year-less dates (a setting); the page's
    own today line and then ``sidecar_captured`` come first. With ``with_rules`` also return
    ``{field: rule}``: the rule that read each field's line (for the cleaning log).
    """
    ctx = Context(result, lang if lang is not None else result.lang, reference, sidecar_captured)
    out = empty_fields()
    provenance: dict = {}
    rules: dict = {}
    for _name, fn in EXTRACTORS:
        values, prov = fn(ctx)
        out.update(values)
        for k, (lines, rule) in prov.items():
            provenance[k] = lines
            rules[k] = rule
    out["provenance"] = dict(sorted(provenance.items()))
    return (out, rules) if with_rules else out


def provenance_log(fields: dict, rules: dict, result: CleanResult) -> list[dict]:
    """Cleaning-log entries for the extracted fields: which line each came from, read by
    which registered rule."""
    out = []
    for k, lines in sorted(fields.get("provenance", {}).items()):
        for n in lines if isinstance(lines, list) else [lines]:
            ln = result.lines[n - 1] if 0 < n <= len(result.lines) else None
            out.append({"rule": rules.get(k, "read_credits_on_lines"), "action": "field", "field": k, "line": n,
                        "text": (ln.text[:120] if ln else "")})
    return out
