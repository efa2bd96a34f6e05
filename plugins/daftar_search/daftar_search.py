"""Pelican adapter: write the sharded search index (``data/search/``) when all generators are done,
and give search.html its filter options and its pinned bootstrap script.

Thin on purpose: the work is in :mod:`.inputs` (record -> document, card), :mod:`.analysis`
(per-document, cacheable), :mod:`.writer` (collection-level, streaming) and :mod:`.pinning`
(CSP). Context variable set for templates: ``daftar_search`` = {"outlets": [name, ...],
"entities": [{"id", "names": {lang: display name}}], "years": [first, last] or None,
"bootstrap": Markup (the inline script), "csp": Markup (its script-src sources)}.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import ArticlesGenerator

from .analysis import analyse, protected_names
from .inputs import result_card, search_document
from .pinning import bootstrap, csp_source
from .writer import LIMITS, SHARD_BYTES, write_index

logger = logging.getLogger(__name__)

#: Where the index goes, below OUTPUT_PATH (the bootstrap's index_url matches it).
INDEX_DIR = "data/search"

#: Settings (DAFTAR_SEARCH_*) and their defaults.
DEFAULTS = {
    # the size (bytes) term shards aim at: smaller shards, fewer bytes a query, more files
    "DAFTAR_SEARCH_SHARD_BYTES": SHARD_BYTES,
    # results shown at a time (the rest behind "More results")
    "DAFTAR_SEARCH_PAGE_SIZE": LIMITS["page"],
}


def _setting(settings, key: str) -> int:
    value = settings.get(key, DEFAULTS[key])
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        logger.error("daftar_search: setting %s must be a positive integer, not %r; using %r",
                     key, value, DEFAULTS[key])
        return DEFAULTS[key]
    return value


def _gazetteer_names(settings) -> list[str]:
    """Every name of every proper-name entity of the gazetteer (known before any article)."""
    try:
        from daftar_links.gazetteer import load_gazetteer
    except ImportError:  # pragma: no cover - daftar_links ships with the package
        return []
    path = settings.get("DAFTAR_LINKS_GAZETTEER", "content/gazetteer.yaml")
    if not os.path.isabs(path):
        path = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), path)
    try:
        gaz = load_gazetteer(path)
    except (OSError, ValueError) as exc:
        logger.warning("daftar_search: gazetteer not read (%s); names will be stemmed like words", exc)
        return []
    return [n for e in gaz.entities.values() if e.type != "topic" for names in e.names.values() for n in names]


def write_search(generators) -> None:
    arts, gen = [], None
    for g in generators:
        if isinstance(g, ArticlesGenerator):
            arts, gen = [a for a in g.articles if getattr(a, "daftar", None)], g
    if gen is None:
        return
    settings = gen.settings
    out = Path(settings["OUTPUT_PATH"]) / INDEX_DIR
    started = time.perf_counter()
    protected = protected_names(_gazetteer_names(settings))
    records = [a.daftar for a in arts]
    summary = write_index(
        out,
        (analyse(search_document(r), protected) for r in records),
        (result_card(r) for r in records),
        ((r["id"], r.get("text") or "") for r in records),
        protected=protected,
        shard_bytes=_setting(settings, "DAFTAR_SEARCH_SHARD_BYTES"),
        limits={"page": _setting(settings, "DAFTAR_SEARCH_PAGE_SIZE")},
    )
    names = {}
    for a in arts:
        for e in getattr(a, "daftar_entities", None) or []:
            names.setdefault(e.id, {lang: e.display(lang) for lang in ("fa", "ar", "en")})
    theme_static = Path(settings["THEME"]) / "static"
    script = bootstrap(theme_static, manifest=(out / "manifest.js").read_bytes())
    gen.context["daftar_search"] = {
        "outlets": summary["facets"]["outlets"],
        "entities": [{"id": e, "names": names.get(e, {})} for e in summary["facets"]["entities"]],
        "years": summary["facets"]["years"],
        "bootstrap": Markup(script),
        "csp": Markup(csp_source(script)),
    }
    logger.info("daftar: search index of %d articles, %d shards, %d files (%d bytes) in %.2fs",
                summary["documents"], summary["shards"], summary["files"], summary["bytes"],
                time.perf_counter() - started)


def register():
    # after daftar_exports (plugins register in PLUGINS order), so records carry their URLs
    signals.all_generators_finalized.connect(write_search)
