"""Pure helpers for cross-links: linking first mentions, schema.org mentions, order, co-occurrence."""
from __future__ import annotations

from collections import Counter, defaultdict

from markupsafe import Markup, escape

SCHEMA_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place", "topic": "Thing"}


def link_first_mentions(paragraphs: list[str], mentions: list[list], href) -> Markup:
    """Paragraphs as HTML where the first mention of each entity links to its page.

    The one place an article body becomes HTML: every piece of seed text is escaped here
    (markupsafe), so the result can be rendered by an autoescaping template as it is.

    >>> from collections import namedtuple
    >>> M = namedtuple("M", "entity_id start end surface")
    >>> link_first_mentions(["ظریف و <ظریف>"], [[M("zarif", 0, 4, "ظریف"), M("zarif", 8, 12, "ظریف")]], lambda e: e + ".html")
    Markup('<p><a class="entity" href="zarif.html">ظریف</a> و &lt;ظریف&gt;</p>')
    >>> from daftar_links.matcher import Mention
    >>> link_first_mentions(["الخارجية الروسية"], [[Mention("russia", 9, 16, "الروسية", "demonym")]], lambda e: e)
    Markup('<p>الخارجية <a class="entity entity-demonym" href="russia">الروسية</a></p>')
    """
    done: set[str] = set()
    out = []
    for text, ms in zip(paragraphs, mentions):
        parts, pos = [], 0
        for m in sorted(ms, key=lambda m: m.start):
            if m.entity_id in done or m.start < pos:
                continue
            done.add(m.entity_id)
            parts.append(escape(text[pos:m.start]))
            # a demonym (الروسية، ایرانی) links to its place but is shown as an adjective
            cls = "entity entity-demonym" if getattr(m, "kind", "name") == "demonym" else "entity"
            parts.append(Markup('<a class="{}" href="{}">{}</a>').format(cls, href(m.entity_id),
                                                                       text[m.start:m.end]))
            pos = m.end
        parts.append(escape(text[pos:]))
        out.append(Markup("<p>{}</p>").format(Markup("").join(parts)))
    return Markup("\n").join(out)


def schema_mentions(entity_ids: list[str], gaz) -> list[dict]:
    """schema.org ``mentions`` for JSON-LD: type, English (or first) name, Wikidata sameAs."""
    out = []
    for eid in entity_ids:
        e = gaz.entities[eid]
        name = (e.names.get("en") or e.names.get("fa") or e.names.get("ar") or [eid])[0]
        item = {"@type": SCHEMA_TYPES.get(e.type, "Thing"), "name": name}
        if e.wikidata:
            item["sameAs"] = f"https://www.wikidata.org/wiki/{e.wikidata}"
        out.append(item)
    return out


def prev_next(records: list[dict]) -> dict[str, tuple[str | None, str | None]]:
    """Previous (older) and next (newer) article by date; undated ones have neither.

    >>> prev_next([{"id": "a", "date": "2020-01-01"}, {"id": "b", "date": "2021-01-01"}, {"id": "c", "date": None}])
    {'a': (None, 'b'), 'b': ('a', None), 'c': (None, None)}
    """
    dated = sorted((r for r in records if r.get("date")), key=lambda r: (r["date"], r["id"]))
    out: dict = {r["id"]: (None, None) for r in records}
    for i, r in enumerate(dated):
        out[r["id"]] = (dated[i - 1]["id"] if i else None, dated[i + 1]["id"] if i + 1 < len(dated) else None)
    return out


def co_occurrence(records: list[dict]) -> dict[str, list[tuple[str, int]]]:
    """For each entity, the entities it appears with most often (count of shared articles).

    >>> co_occurrence([{"entities": ["a", "b"]}, {"entities": ["a", "b", "c"]}])["a"]
    [('b', 2), ('c', 1)]
    """
    pairs: dict[str, Counter] = defaultdict(Counter)
    for r in records:
        ents = list(dict.fromkeys(r.get("entities") or []))
        for e in ents:
            for o in ents:
                if o != e:
                    pairs[e][o] += 1
    return {e: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for e, c in pairs.items()}
