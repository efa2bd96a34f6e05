"""Pelican adapter for cross-links: entities, related articles, previous/next, entity pages.

Pure work lives beside this file (gazetteer.py, matcher.py, related.py, linking.py); this module
gathers the articles, calls those functions and renders the entity pages.
"""
from __future__ import annotations

import json
import logging
import os

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator

from daftar_text.fold import tokenize

from .linking import co_occurrence, link_first_mentions, prev_next, schema_mentions

logger = logging.getLogger(__name__)

DEFAULTS = {
    "DAFTAR_LINKS_GAZETTEER": "content/gazetteer.yaml",
    "DAFTAR_LINKS_RELATED": 5,
}
_STATE: dict = {}


def _gazetteer_path(settings) -> str:
    path = settings.get("DAFTAR_LINKS_GAZETTEER", DEFAULTS["DAFTAR_LINKS_GAZETTEER"])
    if not os.path.isabs(path):
        path = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), path)
    return path


def link_articles(generators) -> None:
    _STATE.clear()
    arts = []
    for g in generators:
        if isinstance(g, ArticlesGenerator):
            arts = [a for a in g.articles if getattr(a, "daftar", None)]
    if not arts:
        return
    try:
        from .gazetteer import load_gazetteer
        from .matcher import Matcher
        from .related import related_articles
    except ImportError as exc:  # pragma: no cover - the modules ship with the plugin
        logger.warning("daftar_links: entity matching unavailable (%s)", exc)
        return

    settings = arts[0].settings
    path = _gazetteer_path(settings)
    try:
        gaz = load_gazetteer(path)
    except (OSError, ValueError) as exc:
        logger.error("daftar_links: gazetteer not loaded (%s); articles are published without entities", exc)
        return
    matcher = Matcher(gaz)
    for art in arts:
        rec = art.daftar
        mentions = [matcher.find(p, lang=rec["lang"]) for p in rec["paragraphs"]]
        seen: list[str] = []
        for para in [matcher.find(rec["title"], lang=rec["lang"])] + mentions:  # the headline mentions count too
            for m in para:
                if m.entity_id not in seen:
                    seen.append(m.entity_id)
        rec["entities"] = seen
        rec["mentions"] = schema_mentions(seen, gaz)
        rec["body_html"] = link_first_mentions(rec["paragraphs"], mentions, lambda eid: f"../entities/{eid}.html")
        # proper names (not topics, which are common words) in every language: search finds an
        # article under the other language's spelling of a name it mentions
        rec["entity_names"] = sorted({n for eid in seen if gaz.entities[eid].type != "topic"
                                      for names in gaz.entities[eid].names.values() for n in names})
    records = [a.daftar for a in arts]
    rel = related_articles(
        [{"id": r["id"], "lang": r["lang"], "date": r.get("date"), "entities": r["entities"],
          "tokens": tokenize(r["text"])} for r in records],
        k=settings.get("DAFTAR_LINKS_RELATED", DEFAULTS["DAFTAR_LINKS_RELATED"]),
    )
    by_id = {a.daftar["id"]: a for a in arts}
    for art in arts:
        rec = art.daftar
        items = rel.get(rec["id"], [])
        rec["related"] = [x["id"] for x in items]
        art.daftar_related = [{"article": by_id[x["id"]], **x} for x in items if x["id"] in by_id]
    order = prev_next(records)
    for art in arts:
        p, n = order.get(art.daftar["id"], (None, None))
        art.daftar_prev = by_id.get(p) if p else None
        art.daftar_next = by_id.get(n) if n else None
        art.daftar_entities = [gaz.entities[e] for e in art.daftar["entities"]]
    _STATE["gazetteer"] = gaz
    _STATE["cooc"] = co_occurrence(records)
    for g in generators:
        g.context["daftar_has_entities"] = any(r["entities"] for r in records)
        break


class EntityPagesGenerator(Generator):
    """entities/<id>.html for every entity with articles, entities/index.html, data/entities.json."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        gaz = _STATE.get("gazetteer")
        arts = [a for a in self.context.get("articles", []) if getattr(a, "daftar", None)]
        if gaz is None or not arts:
            return
        from daftar_exports.listings import month_counts, sort_key
        from daftar_exports.timeline import timeline_svg

        rel = self.settings.get("RELATIVE_URLS", True)
        by_entity: dict[str, list] = {}
        for a in arts:
            for eid in a.daftar["entities"]:
                by_entity.setdefault(eid, []).append(a)
        cooc = _STATE.get("cooc", {})
        records = []
        for eid, ent in sorted(gaz.entities.items()):
            its = sorted(by_entity.get(eid, []), key=lambda a: sort_key(a.daftar))
            url = f"entities/{eid}.html"
            records.append({"id": eid, "type": ent.type, "names": ent.names, "wikidata": ent.wikidata,
                            "articles": [a.daftar["id"] for a in its], "url": url})
            if not its:
                continue
            recs = [a.daftar for a in its]
            svg = timeline_svg(month_counts(recs), lambda m: f"../archives/{m}.html",
                               labels={"chart": "timeline"})
            partners = [(gaz.entities[o], n) for o, n in cooc.get(eid, [])[:10] if o in gaz.entities]
            writer.write_file(url, self.get_template("entity"), self.context, relative_urls=rel,
                              entity=ent, articles=its, timeline=svg, month_counts=month_counts(recs),
                              partners=partners, page_lang=self.settings.get("DEFAULT_LANG", "fa"))
        by_type: dict[str, list] = {}
        for r in records:
            if r["articles"]:
                by_type.setdefault(r["type"], []).append((gaz.entities[r["id"]], len(r["articles"])))
        writer.write_file("entities/index.html", self.get_template("entities"), self.context,
                          relative_urls=rel, by_type=sorted(by_type.items()))
        os.makedirs(os.path.join(self.output_path, "data"), exist_ok=True)
        with open(os.path.join(self.output_path, "data", "entities.json"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(json.dumps(records, ensure_ascii=False, sort_keys=True, indent=1) + "\n")


def get_generators(pelican):
    return EntityPagesGenerator


def register():
    signals.all_generators_finalized.connect(link_articles)
    signals.get_generators.connect(get_generators)
