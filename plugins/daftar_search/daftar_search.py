"""Pelican adapter: write ``data/search-index.js`` (lunr index + result cards) at build end."""
from __future__ import annotations

import logging
import os
import time

from pelican import signals
from pelican.generators import ArticlesGenerator

from .index import build_index, index_script

logger = logging.getLogger(__name__)


def search_docs(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """(documents to index, result cards shown by the search page)."""
    docs, cards = [], []
    for r in sorted(records, key=lambda r: r["id"]):
        meta = " ".join(str(x) for x in [r.get("outlet"), r.get("author"), r.get("category"),
                                         " ".join(r.get("agencies") or []), r.get("dateline")] if x)
        docs.append({"id": r["id"], "title": r["title"], "lead": r.get("lead") or "",
                     "text": r.get("text") or "", "meta": meta,
                     "entities": " ".join(r.get("entity_names") or [])})
        cards.append({"id": r["id"], "title": r["title"], "lang": r["lang"], "url": r["url"],
                      "date": r.get("date"), "outlet": r.get("outlet"),
                      "date_display": (r.get("date_display") or {}).get("gregorian")})
    return docs, cards


def write_index(generators):
    arts = []
    for g in generators:
        if isinstance(g, ArticlesGenerator):
            arts = list(g.articles)
    if not arts:
        return
    out = arts[0].settings["OUTPUT_PATH"]
    started = time.perf_counter()
    docs, cards = search_docs([a.daftar for a in arts])
    idx = build_index(docs)
    os.makedirs(os.path.join(out, "data"), exist_ok=True)
    path = os.path.join(out, "data", "search-index.js")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(index_script(idx, cards))
    logger.info("daftar: search index of %d articles (%d bytes) in %.2fs", len(docs),
                os.path.getsize(path), time.perf_counter() - started)


def register():
    # after daftar_exports (plugins register in PLUGINS order), so records carry their URLs
    signals.all_generators_finalized.connect(write_index)
