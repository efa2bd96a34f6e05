"""Pelican adapter: write ``data/search-index.js`` (lunr index + result cards) at build end."""
from __future__ import annotations

import logging
import os
import time

from pelican import signals
from pelican.generators import ArticlesGenerator

from daftar_text.fold import tokenize

from .index import build_index, index_script

logger = logging.getLogger(__name__)

#: Characters of each article's text shipped for result snippets.
SNIPPET_SOURCE_CHARS = 6000


def search_docs(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """(documents to index, result cards shown by the search page)."""
    docs, cards = [], []
    for r in sorted(records, key=lambda r: r["id"]):
        meta = " ".join(str(x) for x in [r.get("outlet"), r.get("author"), r.get("category"),
                                         " ".join(r.get("agencies") or []), r.get("dateline")] if x)
        docs.append({"id": r["id"], "title": r["title"], "lead": r.get("lead") or "",
                     "text": r.get("text") or "", "meta": meta,
                     "entities": " ".join(r.get("entity_names") or [])})
        disp = r.get("date_display") or {}
        cards.append({"id": r["id"], "title": r["title"], "lang": r["lang"], "url": r["url"],
                      "date": r.get("date"), "outlet": r.get("outlet"),
                      "date_display": disp.get("jalali") if r["lang"] == "fa" else disp.get("gregorian"),
                      "entities": r.get("entities") or [],
                      # the text for snippets (search highlights matches inside it)
                      "text": (r.get("text") or "")[:SNIPPET_SOURCE_CHARS]})
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
    # one-word proper names are never stemmed (ایران must not become ایر)
    protected = {toks[0] for a in arts for name in a.daftar.get("entity_names") or []
                 for toks in [tokenize(name)] if len(toks) == 1}
    idx = build_index(docs, protected)
    os.makedirs(os.path.join(out, "data"), exist_ok=True)
    path = os.path.join(out, "data", "search-index.js")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(index_script(idx, cards, protected))
    logger.info("daftar: search index of %d articles (%d bytes) in %.2fs", len(docs),
                os.path.getsize(path), time.perf_counter() - started)


def register():
    # after daftar_exports (plugins register in PLUGINS order), so records carry their URLs
    signals.all_generators_finalized.connect(write_index)
