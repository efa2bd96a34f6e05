"""Citations of an archived article: CSL-JSON, BibTeX, RIS, Highwire tags, JSON-LD, a reference.

Every function takes the article's record (see articles.json) and the absolute URL of its
archive page (or its relative URL when the site has no canonical address). Only stated
metadata is cited; an undated article is cited without a date ("n.d."), never with one made up.
"""
from __future__ import annotations

import json

from markupsafe import Markup

LANG_NAMES = {"fa": ("persian", "fas", "Persian"), "ar": ("arabic", "ara", "Arabic")}


def _date_parts(iso: str | None) -> list[int] | None:
    if not iso:
        return None
    y, m, d = iso[:10].split("-")
    return [int(y), int(m), int(d)]


def csl_json(rec: dict, page_url: str) -> dict:
    """CSL-JSON item of type ``article-newspaper`` (Zotero, Pandoc, citeproc).

    >>> csl_json({"id": "x", "title": "T", "lang": "fa", "date": "2022-10-19", "outlet": "O"}, "u")["issued"]
    {'date-parts': [[2022, 10, 19]]}
    """
    item = {
        "id": f"daftar-{rec['id']}",
        "type": "article-newspaper",
        "title": rec["title"],
        "language": rec.get("lang"),
        "archive": "Daftar",
        "archive_location": rec["id"],
        "URL": rec.get("source_url") or page_url,
        "note": f"Archived copy: {page_url} (raw seed sha256 {rec.get('sha256')})",
    }
    if rec.get("outlet"):
        item["container-title"] = rec["outlet"]
    if rec.get("author"):
        item["author"] = [{"literal": rec["author"]}]
    parts = _date_parts(rec.get("date"))
    if parts:
        item["issued"] = {"date-parts": [parts]}
    cap = _date_parts(rec.get("captured"))
    if cap:
        item["accessed"] = {"date-parts": [cap]}
    return item


def _bib_escape(s: str) -> str:
    return "".join("\\" + c if c in "{}%&$#_" else c for c in s).replace("\\\\", "\\textbackslash{}")


def bibtex(rec: dict, page_url: str) -> str:
    """A BibTeX (biblatex) ``@article`` entry; ``date`` only when the page states one.

    >>> print(bibtex({"id": "a1", "title": "T {x}", "lang": "ar", "outlet": "O"}, "u").splitlines()[0])
    @article{daftar_a1,
    """
    key = "daftar_" + "".join(c if c.isalnum() else "_" for c in rec["id"])
    fields = [("title", rec["title"])]
    if rec.get("outlet"):
        fields.append(("journaltitle", rec["outlet"]))
    if rec.get("author"):
        fields.append(("author", "{" + rec["author"] + "}"))
    if rec.get("date"):
        fields.append(("date", rec["date"][:10]))
    fields.append(("url", rec.get("source_url") or page_url))
    if rec.get("captured"):
        fields.append(("urldate", rec["captured"]))
    fields.append(("langid", LANG_NAMES.get(rec.get("lang"), ("", "", ""))[0]))
    fields.append(("note", f"Archived in Daftar: {page_url}; sha256 {rec.get('sha256')}"))
    body = ",\n".join(
        f"  {k} = {{{v if k in ('url', 'author') else _bib_escape(str(v))}}}" for k, v in fields if v
    )
    return f"@article{{{key},\n{body}\n}}\n"


def ris(rec: dict, page_url: str) -> str:
    """An RIS record of type NEWS (EndNote, Zotero, Mendeley).

    >>> ris({"id": "a", "title": "T", "lang": "fa"}, "u").splitlines()[0]
    'TY  - NEWS'
    """
    lines = [("TY", "NEWS"), ("TI", rec["title"])]
    if rec.get("author"):
        lines.append(("AU", rec["author"]))
    if rec.get("outlet"):
        lines.append(("T2", rec["outlet"]))
    if rec.get("date"):
        d = rec["date"][:10]
        lines += [("PY", d[:4]), ("DA", d.replace("-", "/"))]
    lines.append(("UR", rec.get("source_url") or page_url))
    if rec.get("captured"):
        lines.append(("Y2", rec["captured"].replace("-", "/")))
    lines.append(("LA", LANG_NAMES.get(rec.get("lang"), ("", "", rec.get("lang") or ""))[2]))
    lines.append(("N1", f"Archived in Daftar: {page_url}; sha256 {rec.get('sha256')}"))
    lines.append(("ER", ""))
    return "".join(f"{k}  - {v}\n" if v else f"{k}  - \n" for k, v in lines)


REFERENCE_WORDS = {
    "fa": {"undated": "بدون تاریخ", "archived": "بایگانی‌شده در دفتر"},
    "ar": {"undated": "بدون تاريخ", "archived": "محفوظ في أرشيف دفتر"},
}


def reference_parts(rec: dict, page_url: str) -> list[tuple[str, bool]]:
    """The reference as (text, is_left_to_right) runs, so a page can isolate URLs and ids.

    >>> [ltr for _t, ltr in reference_parts({"id": "a", "title": "T", "lang": "fa"}, "u")]
    [False, False, False, False, True, False, True, False]
    """
    words = REFERENCE_WORDS.get(rec.get("lang"), {"undated": "n.d.", "archived": "Archived in Daftar"})
    parts: list[tuple[str, bool]] = []
    if rec.get("author"):
        parts.append((rec["author"] + ". ", False))
    if rec.get("outlet"):
        parts.append((rec["outlet"] + ". ", False))
    parts.append((f"“{rec['title'].rstrip('.…')}.” ", False))
    parts.append(((rec["date"][:10] if rec.get("date") else words["undated"]), bool(rec.get("date"))))
    parts.append((". ", False))
    if rec.get("source_url"):
        parts += [(rec["source_url"], True), (". ", False)]
    parts += [(f"{words['archived']} (", False), (rec["id"], True), ("): ", False), (page_url, True), (".", False)]
    return [p for p in parts if p[0]]


def reference(rec: dict, page_url: str, undated: str | None = None) -> str:
    """A formatted reference (Chicago-like) for the "cite" block, in the article's language.

    >>> reference({"id": "a", "title": "T", "lang": "ar", "outlet": "O"}, "u")
    'O. “T.” بدون تاريخ. محفوظ في أرشيف دفتر (a): u.'
    """
    words = REFERENCE_WORDS.get(rec.get("lang"), {"undated": "n.d.", "archived": "Archived in Daftar"})
    undated = undated or words["undated"]
    parts = []
    if rec.get("author"):
        parts.append(rec["author"] + ".")
    if rec.get("outlet"):
        parts.append(rec["outlet"] + ".")
    parts.append(f"“{rec['title'].rstrip('.…')}.”")
    parts.append((rec["date"][:10] if rec.get("date") else undated) + ".")
    if rec.get("source_url"):
        parts.append(rec["source_url"] + ".")
    parts.append(f"{words['archived']} ({rec['id']}): {page_url}.")
    return " ".join(parts)


def highwire_tags(rec: dict, page_url: str) -> list[tuple[str, str]]:
    """``citation_*`` meta tags (Highwire Press), read by Zotero and Google Scholar."""
    tags = [("citation_title", rec["title"]), ("citation_language", rec.get("lang") or "")]
    if rec.get("author"):
        tags.append(("citation_author", rec["author"]))
    if rec.get("date"):
        tags.append(("citation_publication_date", rec["date"][:10].replace("-", "/")))
        tags.append(("citation_date", rec["date"][:10].replace("-", "/")))
    if rec.get("outlet"):
        tags.append(("citation_journal_title", rec["outlet"]))
    tags.append(("citation_public_url", page_url))
    if rec.get("source_url"):
        tags.append(("citation_fulltext_html_url", page_url))
    return tags


def json_ld(rec: dict, page_url: str, mentions: list[dict] | None = None) -> Markup:
    """schema.org NewsArticle as JSON safe to embed in <script type="application/ld+json">.

    Markup characters are written as JSON escapes here, where the JSON is made, so the result
    is marked safe for the autoescaping template (it stays valid JSON).

    >>> "</script>" in json_ld({"id": "a", "title": "</script>", "lang": "ar"}, "u")
    False
    """
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": rec["title"],
        "inLanguage": rec.get("lang"),
        "url": page_url,
        "identifier": [rec["id"], "sha256:" + str(rec.get("sha256"))],
    }
    if rec.get("date"):
        data["datePublished"] = rec["date"]
    if rec.get("outlet"):
        data["publisher"] = {"@type": "Organization", "name": rec["outlet"]}
    if rec.get("author"):
        data["author"] = {"@type": "Person", "name": rec["author"]}
    if rec.get("source_url"):
        data["isBasedOn"] = rec["source_url"]
    if rec.get("lead"):
        data["description"] = rec["lead"][:300]
    if mentions:
        data["mentions"] = mentions
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # nothing in the data may close the script element or open a comment
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
