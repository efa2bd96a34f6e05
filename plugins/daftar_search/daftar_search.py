"""Pelican adapter for search: the ``search`` stage and the index it writes.

The stage (last: it reads the metadata, the entity names of ``links`` and the URLs) makes each
article's search document and result card; the generator writes ``data/search-index.js``.
The index itself is built by :mod:`.index`.
"""
from __future__ import annotations

import logging
import os
import time

from pelican import signals
from pelican.generators import Generator

from daftar_seeds import pipeline
from daftar_seeds.daftar_seeds import checked, register_settings
from daftar_text.fold import tokenize

from .index import build_index, index_script

logger = logging.getLogger(__name__)

PLUGIN = "daftar_search"
SETTINGS = ()
register_settings(PLUGIN, SETTINGS)

#: Characters of each article's text shipped for result snippets.
SNIPPET_SOURCE_CHARS = 6000


def search_doc(r) -> dict:
    meta = " ".join(str(x) for x in [r.get("outlet"), r.get("author"), r.get("category"),
                                     " ".join(r.get("agencies") or []), r.get("dateline")] if x)
    names = r.links.entity_names() if r.links is not None else []
    return {"id": r.id, "title": r.title, "lead": r.get("lead") or "", "text": r.text, "meta": meta,
            "entities": " ".join(names)}


def search_card(r) -> dict:
    from daftar_text.calendars import format_date

    disp = format_date(r.date, r.lang) if r.date else {}
    return {"id": r.id, "title": r.title, "lang": r.lang, "url": r.url, "date": r.date, "outlet": r.get("outlet"),
            "date_display": disp.get("jalali") if r.lang == "fa" else disp.get("gregorian"),
            "entities": list(r.links.entities) if r.links is not None else [],
            "text": r.text[:SNIPPET_SOURCE_CHARS]}


def search_stage(archive) -> None:
    archive.parts["search"] = {"protected": sorted(
        {toks[0] for r in archive.records if r.links is not None for name in r.links.entity_names()
         for toks in [tokenize(name)] if len(toks) == 1})}


pipeline.register_stage(pipeline.Stage("search", search_stage, needs=("seeds",), wants=("links",)))


class SearchIndexGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        archive = self.context.get("daftar")
        part = archive.parts.get("search") if archive else None
        if part is None or not archive.records:
            return
        started = time.perf_counter()
        protected = set(part["protected"])
        docs = [search_doc(r) for r in archive.records]
        cards = [search_card(r) for r in archive.records]
        idx = build_index(docs, protected)
        os.makedirs(os.path.join(self.output_path, "data"), exist_ok=True)
        path = os.path.join(self.output_path, "data", "search-index.js")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(index_script(idx, cards, protected))
        archive.summary.outputs["search index"] = "data/search-index.js"
        logger.info("daftar: search index of %d articles (%d bytes) in %.2fs", len(docs),
                    os.path.getsize(path), time.perf_counter() - started)


def configure(pelican) -> None:
    s = pelican.settings
    act = pipeline.active(s.get("PLUGINS"))
    if PLUGIN not in act:
        return
    checked(s, PLUGIN, SETTINGS, "DAFTAR_SEARCH_")
    if "daftar_seeds" not in act:
        logger.error("daftar_search: needs daftar_seeds in PLUGINS; no search index is written")


def get_generators(pelican):
    return SearchIndexGenerator if PLUGIN in pipeline.active(pelican.settings.get("PLUGINS")) else None


def register() -> None:
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
