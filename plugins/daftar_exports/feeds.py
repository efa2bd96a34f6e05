"""Atom feeds, sitemap.xml and robots.txt: small XML writers with stable output.

Feeds carry only dated articles: Atom requires an <updated> time per entry, and an undated
article must never be given one.
"""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr


def atom(title: str, feed_url: str, site_url: str, records: list[dict], lang: str, updated: str) -> str:
    """An Atom 1.0 feed (``updated``: ISO time of the newest entry, or the build date).

    >>> "<feed" in atom("t", "f", "s", [], "fa", "2024-01-01T00:00:00Z")
    True
    """
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{escape(lang)}">',
           f"<title>{escape(title)}</title>", f"<id>{escape(feed_url)}</id>",
           f'<link rel="self" href={quoteattr(feed_url)}/>', f"<link href={quoteattr(site_url)}/>",
           f"<updated>{escape(updated)}</updated>"]
    for r in records:
        if not r.get("date"):
            continue
        when = _atom_time(r["date"])
        url = r["_abs_url"]
        out += ["<entry>", f"<title>{escape(r['title'])}</title>", f"<id>{escape(url)}</id>",
                f'<link href={quoteattr(url)}/>', f"<updated>{when}</updated>", f"<published>{when}</published>",
                f"<author><name>{escape(r.get('outlet') or r.get('author') or 'Daftar')}</name></author>",
                f'<summary type="text">{escape((r.get("lead") or "")[:500])}</summary>', "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _atom_time(iso: str) -> str:
    """Atom needs a full date-time: a date-only value is that day at 00:00 UTC.

    >>> _atom_time("2020-08-22"), _atom_time("2020-07-22T03:12Z"), _atom_time("2013-08-28T14:00+04:00")
    ('2020-08-22T00:00:00Z', '2020-07-22T03:12:00Z', '2013-08-28T14:00:00+04:00')
    """
    if len(iso) == 10:
        return iso + "T00:00:00Z"
    date, _, rest = iso.partition("T")
    tz = ""
    for sep in ("Z", "+", "-"):
        if sep in rest:
            i = rest.index(sep)
            rest, tz = rest[:i], rest[i:]
            break
    if rest.count(":") == 1:
        rest += ":00"
    return f"{date}T{rest}{tz or 'Z'}"


def sitemap(entries: list[dict]) -> str:
    """sitemap.xml; ``entries``: {"loc", "alternates": [(hreflang, href)]}. Uses href= (the
    pelican-plugins sitemap wrote ref=, which search engines ignore)."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for e in entries:
        out.append(f"<url><loc>{escape(e['loc'])}</loc>")
        for hreflang, href in e.get("alternates", []):
            out.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(href)}/>')
        out.append("</url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def robots(sitemap_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_url:
        lines.append(f"Sitemap: {sitemap_url}")
    return "\n".join(lines) + "\n"
