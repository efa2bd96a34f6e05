"""Citations of an archived article: CSL-JSON, BibTeX, RIS, Highwire and Dublin Core tags,
JSON-LD, and a formatted reference.

Every function takes the article's record (see articles.json) and the absolute URL of its
archive page, or None when the build has no absolute base (a local preview): then no relative
URL is put where a citation tool expects an absolute one; the page's address is left out.

Only stated metadata is cited. An undated article is cited without a date ("n.d."), never with
one made up; a year the reader inferred from the weekday is cited as the page shows it, with a
note saying so (machine-facing JSON-LD states only known dates). A title Daftar derived for a
page with no headline is given in square brackets, as cataloguers mark a supplied title.
"""
from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import quote

from markupsafe import Markup

from daftar_text.calendars import to_digits

from .timestamps import known_date, split

LANG_NAMES = {"fa": ("persian", "fas", "Persian"), "ar": ("arabic", "ara", "Arabic")}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
INFERRED_NOTE = "Year inferred from the weekday the page states"


def display_title(rec: dict) -> str:
    """The title to cite: a derived title (the page has no headline) in square brackets.

    >>> display_title({"title": "T", "title_source": "derived"}), display_title({"title": "T", "title_source": "stated"})
    ('[T]', 'T')
    """
    title = one_line(rec.get("title") or "")
    return f"[{title}]" if rec.get("title_source") == "derived" else title


#: Line breaks and other controls: a value must stay on one line (a newline in an RIS value
#: would start a new tag, in a title a new record).
_CONTROLS = dict.fromkeys([*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029], " ")


def one_line(s) -> str:
    """The text on one line, whitespace runs as one space.

    >>> one_line("a\\r\\nER  - b\\u2028c\\x00")
    'a ER - b c'
    """
    return " ".join(str(s).translate(_CONTROLS).split())


def _date_parts(iso: str | None) -> list[int] | None:
    if not iso or not re.match(r"^\d{4}-\d{2}-\d{2}", iso):
        return None
    y, m, d = iso[:10].split("-")
    return [int(y), int(m), int(d)]


def _notes(rec: dict, page_url: str | None, accessed_label: str = "Accessed") -> str:
    parts = []
    if rec.get("captured"):
        parts.append(f"{accessed_label} {rec['captured'][:10]}.")
    if rec.get("date") and rec.get("date_source") == "inferred":
        parts.append(INFERRED_NOTE + ".")
    if rec.get("title_source") == "derived":
        parts.append("Title supplied by the archive (the page has no headline).")
    archived = f"Archived in Daftar ({rec['id']})"
    parts.append(f"{archived}: {page_url}." if page_url else f"{archived}.")
    if rec.get("sha256"):
        parts.append(f"Raw copy sha256 {rec['sha256']}.")
    return " ".join(parts)


def csl_json(rec: dict, page_url: str | None) -> dict:
    """CSL-JSON item of type ``article-newspaper`` (Zotero, Pandoc, citeproc).

    >>> csl_json({"id": "x", "title": "T", "lang": "fa", "date": "2022-10-19", "outlet": "O"}, "u")["issued"]
    {'date-parts': [[2022, 10, 19]]}
    """
    item = {
        "id": f"daftar-{rec['id']}",
        "type": "article-newspaper",
        "title": display_title(rec),
        "language": rec.get("lang"),
        "archive": "Daftar",
        "archive_location": rec["id"],
        "note": _notes(rec, page_url),
    }
    url = rec.get("source_url") or page_url
    if url:
        item["URL"] = one_line(url)
    if rec.get("outlet"):
        item["container-title"] = one_line(rec["outlet"])
    if rec.get("author"):
        item["author"] = [{"literal": one_line(rec["author"])}]
    parts = _date_parts(rec.get("date"))
    if parts:
        item["issued"] = {"date-parts": [parts]}
    cap = _date_parts(rec.get("captured"))
    if cap:
        item["accessed"] = {"date-parts": [cap]}
    return item


#: TeX's special characters in a BibTeX text value. Braces become \textbrace…{} (balanced):
#: BibTeX counts braces even after a backslash, so "\{" would still unbalance the entry.
_BIB_TEXT = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
             "%": r"\%", "#": r"\#", "&": r"\&", "$": r"\$", "_": r"\_",
             "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
_BIB_TEXT_TABLE = str.maketrans(_BIB_TEXT)


def bib_text(s) -> str:
    """A BibTeX text value: one line, TeX specials escaped, braces balanced.

    >>> bib_text("50% {off} & #1 \\\\ a_b\\nc")
    '50\\\\% \\\\textbraceleft{}off\\\\textbraceright{} \\\\& \\\\#1 \\\\textbackslash{} a\\\\_b c'
    """
    return one_line(s).translate(_BIB_TEXT_TABLE)


def bib_url(url: str) -> str:
    """A URL for BibTeX's ``url`` field, which biblatex and url.sty read verbatim: the characters
    that would break the entry (braces, backslash, quotes, spaces, controls) are percent-encoded,
    which leaves the URL the same resource; ``%`` escapes and ``#`` fragments stay as they are.

    >>> bib_url("https://e.org/a b/{x}\\\\y?q=1%20#frag")
    'https://e.org/a%20b/%7Bx%7D%5Cy?q=1%20#frag'
    """
    return quote(one_line(url).replace(" ", "%20"), safe="".join(chr(c) for c in range(0x21, 0x7F)
                                                                    if chr(c) not in '{}\\"<>^`|'))


def bib_key(rec_id: str) -> str:
    """A citation key safe in BibTeX and LaTeX: ``daftar_`` + the id's ASCII letters and digits,
    with a short hash when anything else was dropped (two ids never share a key).

    >>> bib_key("017_news-page"), bib_key("گزارش 1")[:-9]
    ('daftar_017_news-page', 'daftar_______1')
    """
    safe = "".join(c if (c.isascii() and c.isalnum()) or c in "_-" else "_" for c in rec_id)
    if safe != rec_id:
        safe += "_" + hashlib.sha1(rec_id.encode("utf-8")).hexdigest()[:8]
    return "daftar_" + safe


def bibtex(rec: dict, page_url: str | None) -> str:
    """A BibTeX entry that classic styles (plain, apalike: ``year``, ``month``, ``journal``,
    ``howpublished``, ``note``) and biblatex (``date``, ``journaltitle``, ``urldate``,
    ``langid``) both print. ``@article`` when the outlet is stated, else ``@misc``.

    >>> print(bibtex({"id": "a1", "title": "T {x", "lang": "ar", "outlet": "O", "date": "2020-08-22",
    ...               "captured": "2024-11-21"}, "https://e.org/a.html"))
    @article{daftar_a1,
      title = {T \\textbraceleft{}x},
      journal = {O},
      journaltitle = {O},
      year = {2020},
      month = aug,
      date = {2020-08-22},
      url = {https://e.org/a.html},
      urldate = {2024-11-21},
      langid = {arabic},
      note = {Accessed 2024-11-21. Archived in Daftar (a1): https://e.org/a.html.}
    }
    <BLANKLINE>
    """
    fields: list[tuple[str, str, bool]] = [("title", bib_text(display_title(rec)), True)]  # (name, value, braced)
    if rec.get("author"):
        fields.append(("author", "{" + bib_text(rec["author"]) + "}", True))  # one literal name
    if rec.get("outlet"):
        outlet = bib_text(rec["outlet"])
        fields += [("journal", outlet, True), ("journaltitle", outlet, True)]
    else:
        fields.append(("howpublished", "Web page archived in Daftar", True))
    parts = _date_parts(rec.get("date"))
    if parts:
        fields += [("year", str(parts[0]), True), ("month", MONTHS[parts[1] - 1], False),
                   ("date", rec["date"][:10], True)]
    url = rec.get("source_url") or page_url
    if url:
        fields.append(("url", bib_url(url), True))
    if _date_parts(rec.get("captured")):
        fields.append(("urldate", rec["captured"][:10], True))
    lang = LANG_NAMES.get(rec.get("lang"))
    if lang:
        fields.append(("langid", lang[0], True))
    fields.append(("note", bib_text(_notes(rec, page_url)), True))
    body = ",\n".join(f"  {k} = {{{v}}}" if braced else f"  {k} = {v}" for k, v, braced in fields if v)
    kind = "article" if rec.get("outlet") else "misc"
    return f"@{kind}{{{bib_key(rec['id'])},\n{body}\n}}\n"


def ris(rec: dict, page_url: str | None) -> str:
    """An RIS record of type NEWS (EndNote, Zotero, Mendeley): CRLF line ends, every value on one
    line (a line break in a title must not start a tag or a record), ``ER  - `` last.

    >>> ris({"id": "a", "title": "T\\nER  - x", "lang": "fa"}, None).split("\\r\\n")[:2]
    ['TY  - NEWS', 'TI  - T ER - x']
    """
    lines = [("TY", "NEWS"), ("TI", display_title(rec))]
    if rec.get("author"):
        lines.append(("AU", rec["author"]))
    if rec.get("outlet"):
        lines.append(("T2", rec["outlet"]))
    parts = _date_parts(rec.get("date"))
    if parts:
        d = rec["date"][:10]
        lines += [("PY", d[:4]), ("DA", d.replace("-", "/"))]
    url = rec.get("source_url") or page_url
    if url:
        lines.append(("UR", url))
    if _date_parts(rec.get("captured")):
        lines.append(("Y2", rec["captured"][:10].replace("-", "/")))
    lang = LANG_NAMES.get(rec.get("lang"))
    if lang:
        lines.append(("LA", lang[2]))
    lines += [("DB", "Daftar"), ("AN", rec["id"]), ("N1", _notes(rec, page_url))]
    out = [f"{k}  - {one_line(v)}" for k, v in lines if one_line(v)]
    out.append("ER  - ")
    return "\r\n".join(out) + "\r\n"


REFERENCE_WORDS = {
    "fa": {"undated": "بدون تاریخ", "archived": "بایگانی‌شده در دفتر", "open": "«", "close": "»."},
    "ar": {"undated": "بدون تاريخ", "archived": "محفوظ في أرشيف دفتر", "open": "«", "close": "»."},
}
_OTHER_WORDS = {"undated": "n.d.", "archived": "Archived in Daftar", "open": "“", "close": ".”"}


def _title_and_date(rec: dict, words: dict, undated: str) -> tuple[str, str | None]:
    """The quoted title (guillemets in Persian and Arabic, the period outside them) and the ISO
    date in the article's digits (None when undated)."""
    title = f"{words['open']}{display_title(rec).rstrip('.…')}{words['close']}"
    date = to_digits(rec["date"][:10], rec.get("lang") or "") if rec.get("date") else None
    return title, date


def reference_parts(rec: dict, page_url: str | None) -> list[tuple[str, bool]]:
    """The reference as (text, is_left_to_right) runs, so a page can isolate URLs and ids.

    >>> [ltr for _t, ltr in reference_parts({"id": "a", "title": "T", "lang": "fa"}, "u")]
    [False, False, False, False, True, False, True, False]
    >>> "".join(t for t, _ in reference_parts({"id": "a", "title": "T", "lang": "fa", "date": "2016-08-10"}, None))
    '«T». ۲۰۱۶-۰۸-۱۰. بایگانی‌شده در دفتر (a).'
    """
    words = REFERENCE_WORDS.get(rec.get("lang"), _OTHER_WORDS)
    title, date = _title_and_date(rec, words, words["undated"])
    parts: list[tuple[str, bool]] = []
    if rec.get("author"):
        parts.append((one_line(rec["author"]) + ". ", False))
    if rec.get("outlet"):
        parts.append((one_line(rec["outlet"]) + ". ", False))
    parts.append((title + " ", False))
    parts.append((date or words["undated"], date is not None))
    parts.append((". ", False))
    if rec.get("source_url"):
        parts += [(one_line(rec["source_url"]), True), (". ", False)]
    parts += [(f"{words['archived']} (", False), (rec["id"], True)]
    parts += [("): ", False), (page_url, True), (".", False)] if page_url else [(").", False)]
    return [p for p in parts if p[0]]


def reference(rec: dict, page_url: str | None, undated: str | None = None) -> str:
    """A formatted reference (Chicago-like) for the "cite" block, in the article's language.

    >>> reference({"id": "a", "title": "T", "lang": "ar", "outlet": "O"}, "u")
    'O. «T». بدون تاريخ. محفوظ في أرشيف دفتر (a): u.'
    >>> reference({"id": "a", "title": "T", "lang": "en", "date": "2016-08-10"}, None)
    '“T.” 2016-08-10. Archived in Daftar (a).'
    """
    words = REFERENCE_WORDS.get(rec.get("lang"), _OTHER_WORDS)
    undated = undated or words["undated"]
    title, date = _title_and_date(rec, words, undated)
    parts = []
    if rec.get("author"):
        parts.append(one_line(rec["author"]) + ".")
    if rec.get("outlet"):
        parts.append(one_line(rec["outlet"]) + ".")
    parts.append(title)
    parts.append((date or undated) + ".")
    if rec.get("source_url"):
        parts.append(one_line(rec["source_url"]) + ".")
    parts.append(f"{words['archived']} ({rec['id']}): {page_url}." if page_url else f"{words['archived']} ({rec['id']}).")
    return " ".join(parts)


def highwire_tags(rec: dict, page_url: str | None) -> list[tuple[str, str]]:
    """``citation_*`` meta tags (Highwire Press), read by Zotero and Google Scholar; a derived
    title is bracketed and said so by the tag beside it.

    >>> highwire_tags({"id": "a", "title": "T", "title_source": "derived", "lang": "fa"}, None)[:2]
    [('citation_title', '[T]'), ('daftar:title_source', 'derived')]
    """
    tags = [("citation_title", display_title(rec))]
    if rec.get("title_source") == "derived":
        tags.append(("daftar:title_source", "derived"))
    tags.append(("citation_language", rec.get("lang") or ""))
    if rec.get("author"):
        tags.append(("citation_author", one_line(rec["author"])))
    if _date_parts(rec.get("date")):
        tags.append(("citation_publication_date", rec["date"][:10].replace("-", "/")))
        tags.append(("citation_date", rec["date"][:10].replace("-", "/")))
    if rec.get("outlet"):
        tags.append(("citation_journal_title", one_line(rec["outlet"])))
    if page_url:
        tags.append(("citation_public_url", page_url))
        tags.append(("citation_fulltext_html_url", page_url))
    return [(k, v) for k, v in tags if v]


def dublin_core(rec: dict, page_url: str | None) -> list[tuple[str, str]]:
    """``DC.*`` meta tags (Dublin Core elements; the page links ``schema.DC``).

    >>> dublin_core({"id": "a", "title": "T", "lang": "ar", "sha256": "f0"}, "https://e.org/a.html")
    [('DC.title', 'T'), ('DC.language', 'ar'), ('DC.type', 'Text'), ('DC.identifier', 'https://e.org/a.html'), ('DC.identifier', 'sha256:f0')]
    """
    tags = [("DC.title", display_title(rec)), ("DC.language", rec.get("lang") or "")]
    if rec.get("author"):
        tags.append(("DC.creator", one_line(rec["author"])))
    if _date_parts(rec.get("date")):
        tags.append(("DC.date", rec["date"][:10]))
    if rec.get("outlet"):
        tags.append(("DC.publisher", one_line(rec["outlet"])))
    if rec.get("source_url"):
        tags.append(("DC.source", one_line(rec["source_url"])))
    tags.append(("DC.type", "Text"))
    if page_url:
        tags.append(("DC.identifier", page_url))
    if rec.get("sha256"):
        tags.append(("DC.identifier", f"sha256:{rec['sha256']}"))
    return [(k, v) for k, v in tags if v]


def published_time(rec: dict) -> str | None:
    """The stated publication time for ``datePublished`` and ``article:published_time``: the full
    timestamp when a time is stated, else the day; None for no date or an inferred year.

    >>> published_time({"date": "2020-07-22T03:12Z", "date_source": "stated"}), published_time({"date": "2024-01-15", "date_source": "inferred"})
    ('2020-07-22T03:12:00Z', None)
    """
    stamp = split(known_date(rec))
    return (stamp.datetime or stamp.date) if stamp else None


def json_ld(rec: dict, page_url: str | None, mentions: list[dict] | None = None) -> Markup:
    """schema.org NewsArticle as JSON safe to embed in <script type="application/ld+json">.

    ``datePublished`` only for a date the page states (not an inferred year); ``url`` only when
    absolute. Markup characters are written as JSON escapes here, where the JSON is made, so the
    result is marked safe for the autoescaping template (it stays valid JSON).

    >>> "</script>" in json_ld({"id": "a", "title": "</script>", "lang": "ar"}, "u")
    False
    """
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": display_title(rec),
        "inLanguage": rec.get("lang"),
        "identifier": [rec["id"], "sha256:" + str(rec.get("sha256"))],
    }
    if page_url:
        data["url"] = page_url
        data["mainEntityOfPage"] = page_url
    published = published_time(rec)
    if published:
        data["datePublished"] = published
    if rec.get("outlet"):
        data["publisher"] = {"@type": "Organization", "name": one_line(rec["outlet"])}
    if rec.get("author"):
        data["author"] = {"@type": "Person", "name": one_line(rec["author"])}
    if rec.get("source_url"):
        data["isBasedOn"] = one_line(rec["source_url"])
    if rec.get("lead"):
        data["description"] = one_line(rec["lead"])[:300]
    if mentions:
        data["mentions"] = mentions
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # nothing in the data may close the script element or open a comment
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
