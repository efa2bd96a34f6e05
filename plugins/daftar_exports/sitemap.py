"""sitemap.xml (sitemaps.org 0.9) and robots.txt of the archive: pure writers with stable output.

Every public HTML page the build writes is listed (the adapter collects them as Pelican writes
them). ``lastmod`` is given only where a real date of the page's content is known (an article's
stated date, not an inferred year); hreflang alternates only between pages that are real
language versions of each other (the Persian and Arabic listings), each listing itself too, as
the search engines ask. Past ``max_urls`` URLs (the protocol allows 50,000 per file),
``sitemap.xml`` becomes a sitemap index of ``sitemap-1.xml``, ``sitemap-2.xml``, … — written at
the site's base, because a sitemap may only list URLs at or below its own folder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from .options import absolute, is_host_root

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
#: The protocol's size limit per file (uncompressed), besides its 50,000 URLs.
MAX_BYTES = 50 * 1024 * 1024

#: Pages written but not public: the error page GitHub Pages serves for a missing file.
UNLISTED = frozenset({"404.html"})

_W3C_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?(Z|[+-]\d{2}:\d{2}))?$")


@dataclass
class Page:
    """One written page: its output path, and what the sitemap may say of it."""

    path: str
    lastmod: str | None = None
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, output path)


def lastmod(rec: dict) -> str | None:
    """The W3C Datetime of an article's stated date, or None when no real date is known.

    A time is kept only with its stated offset (the format requires one); a stated time with no
    stated zone is cut to the day rather than given a zone. An inferred year is not a known date.

    >>> lastmod({"date": "2020-07-22T03:12Z", "date_source": "stated"})
    '2020-07-22T03:12:00Z'
    >>> lastmod({"date": "2013-08-28T14:00", "date_source": "stated"}), lastmod({"date": "2024-01-15", "date_source": "inferred"})
    ('2013-08-28', None)
    """
    iso = rec.get("date")
    if not iso or rec.get("date_source") == "inferred":
        return None
    date, _, rest = iso.partition("T")
    m = re.match(r"^(\d{2}:\d{2})(:\d{2})?(Z|[+-]\d{2}:\d{2})$", rest) if rest else None
    if m:
        return f"{date}T{m[1]}{m[2] or ':00'}{m[3]}"
    return date


def alternate_groups(groups: list[dict[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """For each page of a group of language versions ({lang: path}), every version, itself included.

    >>> alternate_groups([{"fa": "fa/index.html", "ar": "ar/index.html"}])["ar/index.html"]
    [('ar', 'ar/index.html'), ('fa', 'fa/index.html')]
    """
    out: dict[str, list[tuple[str, str]]] = {}
    for g in groups:
        if len(g) < 2:
            continue  # a page alone has no alternate
        versions = sorted(g.items())
        for _lang, path in versions:
            out[path] = versions
    return out


def public_pages(pages: list[Page]) -> list[Page]:
    """The listed pages: unlisted ones dropped, one per path, in path order (stable output)."""
    seen: dict[str, Page] = {}
    for p in pages:
        if p.path not in UNLISTED and p.path.endswith(".html"):
            seen.setdefault(p.path, p)
    return [seen[k] for k in sorted(seen)]


def _urlset(base: str, pages: list[Page]) -> str:
    alt = any(p.alternates for p in pages)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<urlset xmlns="{NS}"' + (f' xmlns:xhtml="{XHTML_NS}"' if alt else "") + ">"]
    for p in pages:
        out.append(f"<url><loc>{escape(absolute(base, p.path))}</loc>"
                   + (f"<lastmod>{p.lastmod}</lastmod>" if p.lastmod and _W3C_DATETIME.match(p.lastmod) else ""))
        for hreflang, path in p.alternates:
            out.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} '
                       f"href={quoteattr(absolute(base, path))}/>")
        out.append("</url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def _index(base: str, names: list[str]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NS}">']
    out += [f"<sitemap><loc>{escape(absolute(base, n))}</loc></sitemap>" for n in names]
    out.append("</sitemapindex>")
    return "\n".join(out) + "\n"


def sitemap_files(base: str, pages: list[Page], max_urls: int = 50_000) -> list[tuple[str, str]]:
    """(output path, XML) of the sitemap: one urlset, or an index and its parts when it is too big.

    >>> [name for name, _ in sitemap_files("https://e.org", [Page("a.html"), Page("b.html"), Page("c.html")], 2)]
    ['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml']
    >>> "<loc>https://e.org/a.html</loc>" in sitemap_files("https://e.org", [Page("a.html")])[0][1]
    True
    """
    listed = public_pages(pages)
    chunks = [listed[i:i + max_urls] for i in range(0, len(listed), max_urls)] or [[]]
    # the byte limit too: split a chunk further while its file would be too large
    files: list[str] = []
    while chunks:
        chunk = chunks.pop(0)
        xml = _urlset(base, chunk)
        if len(xml.encode("utf-8")) > MAX_BYTES and len(chunk) > 1:
            half = len(chunk) // 2
            chunks[:0] = [chunk[:half], chunk[half:]]
            continue
        files.append(xml)
    if len(files) == 1:
        return [("sitemap.xml", files[0])]
    names = [f"sitemap-{i}.xml" for i in range(1, len(files) + 1)]
    return [("sitemap.xml", _index(base, names)), *zip(names, files)]


def robots(base: str) -> str | None:
    """robots.txt naming the sitemap — only for a base at a host's root, the one place crawlers
    read it (a project site at ``https://USER.github.io/REPO/`` is not: None).

    >>> print(robots("https://example.org"), end="")
    User-agent: *
    Allow: /
    Sitemap: https://example.org/sitemap.xml
    >>> robots("https://user.github.io/daftar") is None
    True
    """
    if not is_host_root(base):
        return None
    return f"User-agent: *\nAllow: /\nSitemap: {absolute(base, 'sitemap.xml')}\n"
