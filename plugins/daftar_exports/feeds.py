"""Atom feeds of the archive: small XML writers with stable output.

Each entry carries its own ``xml:lang``, is credited to the byline or the outlet the page states
(never to the archive), and is dated only with what the page states: ``published`` and
``updated`` from a stated date in its stated zone (see :func:`timestamps.atom_time`); an
article with no known date is present only when its capture date is known, with that as an
honest ``updated`` and no ``published``; the others are left out and the adapter logs why.
A feed holds the newest ``max_entries`` entries, so it does not grow with the archive.
"""
from __future__ import annotations

from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from .citations import display_title
from .options import absolute
from .timestamps import atom_time, known_date, order_key

ATOM_NS = "http://www.w3.org/2005/Atom"

#: The name of an entry whose page states neither a byline nor an outlet (Atom needs a name).
UNKNOWN_AUTHOR = {"fa": "نامعلوم", "ar": "غير معروف"}
UNKNOWN_AUTHOR_OTHER = "unknown"


def credit(rec: dict) -> str:
    """Who the page says wrote or published the article: byline, else outlet, else the host of its
    stated URL, else "unknown" in the article's language.

    >>> credit({"author": "A", "outlet": "O"}), credit({"outlet": "O"}), credit({"lang": "ar"})
    ('A', 'O', 'غير معروف')
    >>> credit({"source_url": "https://www.example.org/x"})
    'example.org'
    """
    for key in ("author", "byline", "outlet"):
        v = rec.get(key)
        if isinstance(v, str) and v.strip():
            return " ".join(v.split())
    host = _http(rec.get("source_url"))
    if host:
        return urlsplit(host).hostname.removeprefix("www.")
    return UNKNOWN_AUTHOR.get(rec.get("lang"), UNKNOWN_AUTHOR_OTHER)


def _http(url) -> str | None:
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    if (parts.scheme.lower() in ("http", "https") and parts.hostname and url.strip().isprintable()
            and not any(c.isspace() for c in url.strip())):
        return url.strip()
    return None


def entries(records: list[dict]) -> tuple[list[dict], list[tuple[str, str]]]:
    """(entries newest first, left out as (id, reason)). An entry: the record, ``updated`` and
    ``published`` (None when only the capture date is known).

    >>> es, out = entries([{"id": "a", "date": "2020-08-22", "date_source": "stated"},
    ...                    {"id": "b", "captured": "2024-11-21"}, {"id": "c"}])
    >>> [(e["rec"]["id"], e["updated"], e["published"]) for e in es], out
    ([('b', '2024-11-21T00:00:00', None), ('a', '2020-08-22T00:00:00', '2020-08-22T00:00:00')], [('c', 'no known date and no capture date')])
    """
    out, left = [], []
    for r in records:
        stated = known_date(r)
        when = atom_time(stated) if stated else None
        if when:
            out.append({"rec": r, "updated": when, "published": when, "key": order_key(stated)})
            continue
        captured = atom_time(r["captured"]) if r.get("captured") else None
        if captured:
            out.append({"rec": r, "updated": captured, "published": None, "key": order_key(r["captured"])})
        else:
            why = "year inferred and no capture date" if r.get("date") else "no known date and no capture date"
            left.append((r["id"], why))
    out.sort(key=lambda e: (e["key"], e["rec"]["id"]), reverse=True)
    return out, left


def atom(*, title: str, feed_path: str, home_path: str, base: str, records: list[dict], lang: str,
         max_entries: int, build_time: str) -> tuple[str, list[tuple[str, str]]]:
    """An Atom 1.0 feed of the newest ``max_entries`` records, and the records left out (id, reason).

    ``base`` is the absolute base; paths are output paths. ``updated`` of the feed is that of its
    newest entry, or ``build_time`` for an empty feed.

    >>> xml, left = atom(title="t", feed_path="feeds/fa.atom.xml", home_path="index.html", base="https://e.org",
    ...                  records=[{"id": "a", "url": "articles/a.html", "title": "T", "lang": "ar", "outlet": "O",
    ...                            "date": "2020-07-22T03:12Z", "date_source": "stated"}],
    ...                  lang="fa", max_entries=10, build_time="2024-11-21T00:00:00Z")
    >>> '<entry xml:lang="ar">' in xml and "<updated>2020-07-22T03:12:00Z</updated>" in xml and "<name>O</name>" in xml
    True
    """
    es, left = entries(records)
    es = es[:max_entries]
    feed_url = absolute(base, feed_path)
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="{ATOM_NS}" xml:lang={quoteattr(lang)}>',
           f"<title>{escape(_one_line(title))}</title>", f"<id>{escape(feed_url)}</id>",
           f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
           f'<link rel="alternate" type="text/html" href={quoteattr(absolute(base, home_path))}/>',
           f"<updated>{escape(es[0]['updated'] if es else build_time)}</updated>"]
    if not es:  # Atom: a feed names an author unless every entry does
        out.append(f"<author><name>{escape(_one_line(title))}</name></author>")
    for e in es:
        r = e["rec"]
        url = absolute(base, r["url"])
        rlang = r.get("lang") or lang
        out += [f"<entry xml:lang={quoteattr(rlang)}>",
                f"<title>{escape(_one_line(display_title(r)))}</title>",
                f"<id>{escape(url)}</id>",
                f'<link rel="alternate" type="text/html" hreflang={quoteattr(rlang)} href={quoteattr(url)}/>']
        via = _http(r.get("source_url"))
        if via:
            out.append(f'<link rel="via" href={quoteattr(via)}/>')
        out.append(f"<updated>{e['updated']}</updated>")
        if e["published"]:
            out.append(f"<published>{e['published']}</published>")
        out.append(f"<author><name>{escape(_one_line(credit(r)))}</name></author>")
        lead = _one_line(r.get("lead") or "")
        if lead:
            out.append(f'<summary type="text">{escape(lead[:500])}</summary>')
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n", left


#: Characters XML 1.0 forbids (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF): one in a
#: feed makes every parser reject the whole file, so they are dropped from text, not escaped.
_NOT_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000),
                          0xFFFE, 0xFFFF])


def _one_line(s: str) -> str:
    r"""Text on one line with only characters XML allows.

    >>> _one_line("a\x00b\n c\u2028d")
    'ab c d'
    """
    return " ".join(str(s).translate(_NOT_XML).split())
