"""Metadata a researcher can cite, taken from what the page itself states — and only that.

Input is a :class:`~daftar_seeds.clean.CleanResult`: the chrome lines that carry metadata
(dates, codes, views, sources, bylines) were classified by the cleaning stage and are read
here. Nothing is invented: a field the page does not state is None.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from daftar_text.fold import fold, tokenize

from .clean import CleanResult, _key, load_data

_INT_RE = re.compile(r"[0-9۰-۹٠-٩][0-9۰-۹٠-٩,،٬.]*")
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def _int(text: str | None) -> int | None:
    """First whole number in ``text`` in any digit script: ``142 نفر`` -> 142."""
    if not text:
        return None
    m = _INT_RE.search(text)
    if not m:
        return None
    digits = re.sub(r"[^0-9]", "", m.group(0).translate(_DIGITS))
    return int(digits) if digits else None


def _has_marker(text: str, markers: list[str]) -> bool:
    toks = set(tokenize(text))
    return any(_key(m) in toks or _key(m) in _key(text) for m in markers)


def _date_value(hit) -> str:
    return hit.iso


def extract_fields(result: CleanResult, lang: str | None, *, find_dates=None,
                   reference: dt.date | None = None, hosts: dict | None = None) -> dict:
    """Return the article's metadata fields (see issue 3 for the list)."""
    data = load_data("fields.yaml")
    hosts = dict(data.get("hosts") or {}, **(hosts or {}))
    out: dict = {
        "title": None, "title_source": None, "title_marker": result.title_marker, "lead": None,
        "date": None, "date_source": None, "date_text": None, "date_calendar": None,
        "captured": None, "outlet": None, "agencies": [], "author": None, "category": None,
        "news_code": None, "views": None, "source_url": None, "dateline": None, "byline": None,
    }
    lines = result.lines
    title_idx = next((i for i, ln in enumerate(lines) if ln.kind == "title"), None)
    body = result.body
    first_body_idx = next((i for i, ln in enumerate(lines) if ln.kind == "body"), len(lines))

    # ---- labelled fields and bullets
    for ln in result.meta:
        if ln.field in ("news_code", "category", "author", "outlet") and ln.value and not out[ln.field]:
            out[ln.field] = ln.value.strip(" .:-")
        elif ln.field == "byline" and out["byline"] is None:
            out["byline"] = ln.value
        elif ln.field == "views" and out["views"] is None:
            out["views"] = _int(ln.value)
        elif ln.field in ("source_url", "url") and ln.value and out["source_url"] is None:
            if re.match(r"^(https?://|www\.)", ln.value.strip(), re.I):
                out["source_url"] = ln.value.strip()
    if out["news_code"]:
        code = _int(out["news_code"])
        out["news_code"] = str(code) if code is not None else out["news_code"]

    bullets = [ln for ln in result.meta if ln.field == "bullet"]
    for ln in bullets:
        v = ln.value or ""
        if find_dates and find_dates(v, reference):
            ln.field = "date"
            continue
        if re.fullmatch(r"[0-9۰-۹٠-٩,٬.]+", v) and out["views"] is None:
            # a bare count in a byline block is the page's view counter
            out["views"] = _int(v)
        elif not any(ch.isdigit() for ch in v) and out["author"] is None and ln is bullets[0]:
            out["author"] = v

    # ---- dates: publication vs capture
    date_lines = [(i, ln) for i, ln in enumerate(lines) if ln.kind == "meta" and ln.field == "date"]
    pub = None
    if find_dates:
        today_markers = data["today_markers"]
        not_pub = data["not_publication_markers"]
        scored = []
        for i, ln in date_lines:
            hits = find_dates(ln.text, reference)
            if not hits:
                continue
            hit = hits[0]
            if _has_marker(ln.text, today_markers):
                out["captured"] = out["captured"] or hit.iso[:10]
                continue
            if _has_marker(ln.text, not_pub) and hits[0].start > 0:
                pass
            # header dates above the headline are the site's "today" unless nothing else exists
            header = title_idx is not None and i < title_idx
            scored.append((1 if header else 0, i, hit, ln))
        after = [s for s in scored if s[0] == 0]
        if after:
            _, _, pub, ln = after[0]
        elif scored:
            _, _, pub, ln = scored[0]
            scored = scored[1:]
        for s in scored:
            if s[0] == 1 and out["captured"] is None and (pub is None or s[2].iso[:10] != pub.iso[:10]):
                out["captured"] = s[2].iso[:10]
        if pub is None and body:
            # A weekday with day and month but no year in the opening paragraphs
            # ("امروز، دوشنبه، 15 ژانویه") dates the report itself; it is resolved to the latest
            # matching year (date_source "inferred"). A full date inside prose is not used:
            # "في عام 2015" or an anniversary is not a publication date.
            for para in body[:3]:
                pub = next((h for h in find_dates(para.text[:400], reference) if h.inferred), None)
                if pub is not None:
                    break
    if pub is not None:
        out["date"] = pub.iso
        out["date_text"] = pub.text
        out["date_calendar"] = pub.calendar
        out["date_source"] = "inferred" if pub.inferred else "stated"

    # ---- title
    if result.title is not None:
        from .clean import strip_title_marker

        out["title"], _m = strip_title_marker(result.title.text.strip())
        out["title_source"] = "stated"
    if body:
        out["lead"] = body[0].text
    if out["title"] is None and body:
        out["title"] = derive_title(body[0].text, data.get("attribution_patterns", []))
        out["title_source"] = "derived"

    # ---- outlet, agencies, dateline
    if out["source_url"]:
        host = urlsplit(out["source_url"]).hostname or ""
        host = host[4:] if host.startswith("www.") else host
        if not out["outlet"]:
            out["outlet"] = hosts.get(host) or None
        out["outlet_host"] = host
    opening = " ".join(ln.text for ln in body[:3])
    if not out["outlet"]:
        for intro in data["outlet_intro"]:
            m = re.search(r"(?:^|\s)" + re.escape(intro) + r"\s+([^،؛:,\n]{2,40}?)\s*[،؛:,]", opening)
            if m and len(m.group(1).split()) <= 4:
                out["outlet"] = m.group(1).strip("«» ")
                break
    dl = re.match(r"^([^\s(،,]{2,20}(?:[،,]? [^\s(،,]{2,20})?)\s*\(([^)]{2,30})\)\s*(?:[-–—]|\d|[٠-٩۰-۹])", body[0].text) if body else None
    if dl:
        out["dateline"] = dl.group(1).strip()
        if not out["outlet"]:
            out["outlet"] = dl.group(2).strip()
    out["agencies"] = find_agencies([ln.text for ln in body], data)
    return out


def find_agencies(paragraphs: list[str], data: dict) -> list[str]:
    """Credited wires: a known agency that opens a paragraph (``ایرنا:``) or follows an
    attribution phrase (``به نقل از خبرگزاری «نووستی»``). A mere mention ("in an interview
    with Sputnik") is not a credit.
    """
    variants = []
    for canon, names in data["agencies"].items():
        for n in names:
            variants.append((_key(n), canon))
    variants.sort(key=lambda v: -len(v[0]))
    intros = [_key(x) for x in data["agency_intro"]]
    found: dict[str, tuple[int, int]] = {}  # canonical name -> (paragraph, offset) first seen
    for p_i, para in enumerate(paragraphs):
        k = _key(para)
        padded = " " + k + " "
        for v, canon in variants:
            if not v or canon in found or v not in k:
                continue
            opens = k.startswith(v + " ") and re.match(r"^[^:]{0,40}:", para) is not None
            opens = opens or k.startswith(v + " به نقل از") or k.startswith(v + " نقلا عن")
            pos = 0 if opens else -1
            if not opens:
                for i in intros:
                    for form in (f" {i} {v} ", f" {i} خبرگزاری {v} ", f" {i} وكاله {v} "):
                        at = padded.find(form)
                        if at >= 0:
                            pos = at + len(form) - len(v) - 1
                            break
                    if pos >= 0:
                        break
            if pos >= 0:
                found[canon] = (p_i, pos)
    return sorted(found, key=lambda c: found[c])


def derive_title(lead: str, patterns: list[str], max_words: int = 12) -> str:
    """A short title from the lead, for pages without a headline (marked ``derived``).

    >>> derive_title("به گزارش خبرگزاری نمونه؛ به دنبال مذاکرات تلفنی امروز وزیر دفاع روسیه با همتای ایرانی خود و همچنین", [r"^به گزارش [^،؛:]{1,40}[،؛]\\s*"])
    'به دنبال مذاکرات تلفنی امروز وزیر دفاع روسیه با همتای ایرانی خود…'
    """
    text = lead.strip()
    for p in patterns:
        new = re.sub(p, "", text, count=1)
        if new != text and len(new.split()) >= 4:
            text = new
            break
    sentence = re.split(r"(?<=[.!?؟])\s", text, maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= max_words:
        return sentence.rstrip(" .")
    return " ".join(words[:max_words]).rstrip("،,؛:") + "…"
