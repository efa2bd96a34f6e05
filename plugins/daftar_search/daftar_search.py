"""Pelican adapter for search: a per-seed analysis and the ``search`` stage.

* per seed (a worker, cached): :func:`.analysis.analyse` of the article's search document
  (title, lead, text, metadata and every name of the entities ``links`` found in it);
* per collection (first after ``seeds``: the index reads only the per-seed cache — the
  entities the result cards carry are in each article's analysis — so on an archive large
  enough a second process writes it while ``links``, ``related`` and the pages run): the
  sharded index written into ``data/search/`` by :func:`.writer.write_index`, streaming the
  analyses, cards and snippet texts from the cache; then, when first read, the search page's
  filter options and its pinned bootstrap script for the templates.

Context variable set for templates: ``daftar_search`` = {"outlets": [name, ...], "entities":
[{"id", "names": {lang: display name}}], "years": [first, last] or None, "bootstrap": Markup
(the inline script), "csp": Markup (its script-src sources)}.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Mapping
from pathlib import Path

from markupsafe import Markup
from pelican import signals

from daftar_seeds import build, pipeline
from daftar_seeds.cache import digest
from daftar_seeds.daftar_seeds import register_settings, set_up
from daftar_seeds.ids import project_dir
from daftar_seeds.prepare import default_workers
from daftar_seeds.settings import Setting, whole

from .analysis import ANALYSIS_VERSION, analyse, protected_names
from .inputs import result_card, search_document
from . import background
from .pinning import bootstrap, csp_source
from .writer import HUB_DF, LIMITS, SHARD_BYTES

logger = logging.getLogger(__name__)

PLUGIN = "daftar_search"
#: Where the index goes, below OUTPUT_PATH (the bootstrap's index_url matches it).
INDEX_DIR = "data/search"
SETTINGS = (
    Setting("DAFTAR_SEARCH_SHARD_BYTES", SHARD_BYTES, whole(100, 10_000_000),
            "Size in bytes the index's term shards aim at: smaller shards, fewer bytes a query, more files."),
    Setting("DAFTAR_SEARCH_PAGE_SIZE", LIMITS["page"], whole(1, 200), "Search results shown at a time (the rest behind \"More results\")."),
    Setting("DAFTAR_SEARCH_BACKGROUND", 500, whole(0, 1_000_000_000),
            "From this many articles (on a machine with more than one core), the search index is written by a second process "
            "while the pages are rendered (0: always; a number above the archive's size: never)."),
    Setting("DAFTAR_SEARCH_HUB_DF", HUB_DF, whole(1, 1_000_000_000),
            "A word with this many postings or more (one per article field it is in) is a hub word: its postings are written best first, "
            "in blocks, and a search fetches only the blocks its top results need."),
)
register_settings(PLUGIN, SETTINGS)


# ---- per seed

_CONTEXTS: dict = {}


def _gazetteer_path(settings) -> str:
    path = settings.get("DAFTAR_LINKS_GAZETTEER", "content/gazetteer.yaml")
    base = settings.get("PROJECT_DIR") or project_dir(settings)
    return path if os.path.isabs(path) else os.path.join(base, path)


def _context(settings):
    """What the analysis needs besides the document: every entity's names and the one-word
    names the stemmer leaves whole — from the gazetteer, known before any article is read."""
    from daftar_links.daftar_links import _context as links_context

    links_key, _factory = links_context(settings)
    memo = _CONTEXTS.get(links_key)
    if memo is None:
        path = _gazetteer_path(settings)

        def factory():
            from daftar_links.gazetteer import load_gazetteer

            try:
                gaz = load_gazetteer(path)
            except (OSError, ValueError):
                return {}, frozenset()
            names = {e.id: sorted({n for ns in e.names.values() for n in ns})
                     for e in gaz.entities.values() if e.type != "topic"}
            return names, protected_names(n for ns in names.values() for n in ns)

        memo = _CONTEXTS[links_key] = (digest(links_key, ANALYSIS_VERSION), factory)
    return memo


def features(doc, earlier: dict, ctx) -> dict:
    names, protected = ctx
    order = (earlier.get("links") or {}).get("order") or []
    entity_names = sorted({n for e in order for n in names.get(e, ())})
    rec = dict(doc.fields, id=doc.id, title=doc.title, text="\n\n".join(doc.paragraphs), entity_names=entity_names)
    # the entities' ids too: the result cards carry them, and the writer reads them from here,
    # so the index need not wait for the links stage
    return dict(analyse(search_document(rec), protected), entity_ids=list(order))


pipeline.register_feature(pipeline.Feature("search", features, _context, version=pipeline.code_version("daftar_search")))


# ---- per collection


def card_of(r) -> dict:
    from daftar_text.calendars import format_date

    d = dict(r.fields, id=r.id, title=r.title, lang=r.lang, url=r.url,
             date_display=format_date(r.date, r.lang) if r.date else {})
    card = result_card(d)
    card["entities"] = None  # the writer takes them from the article's analysis (entity_ids)
    return card


#: Where the last index's inputs and summary are kept, under the per-seed cache's folder.
STAMP = "search-index.json"


def _reuse_index(archive, out: Path, inputs: str) -> dict | None:
    """The previous build's index, linked into ``out``, when it was written from the same
    inputs (the records' analyses, texts and cards, the settings and this code): a rebuild
    that changed nothing the index reads (the theme, a page, a gazetteer entry no article
    names) does not write it again. None when it cannot be reused."""
    store = archive.store
    prev = build.previous_output()
    if store is None or not store.persistent or prev is None:
        return None
    try:
        stamp = json.loads((Path(store.root) / STAMP).read_text("utf-8"))
        old = Path(prev) / INDEX_DIR
        if stamp.get("inputs") != inputs or digest((old / "manifest.js").read_bytes()) != stamp.get("manifest"):
            return None
        if out.exists():
            shutil.rmtree(out)
        build.link_tree(str(old), str(out))
        return stamp["summary"]
    except (OSError, ValueError, KeyError):
        return None


def _save_stamp(archive, out: Path, inputs: str, summary: dict) -> None:
    store = archive.store
    if store is None or not store.persistent:
        return
    try:
        Path(store.root).mkdir(parents=True, exist_ok=True)
        (Path(store.root) / STAMP).write_text(json.dumps(
            {"inputs": inputs, "manifest": digest((out / "manifest.js").read_bytes()), "summary": summary},
            ensure_ascii=False), "utf-8")
    except OSError:
        pass


def search_stage(archive) -> None:
    """Write the index now (the search page, rendered later, pins the manifest's hash)."""
    s = archive.settings
    started = time.perf_counter()
    out = Path(s["OUTPUT_PATH"]) / INDEX_DIR
    key, factory = _context(dict(s))
    recs = archive.records
    cards = [card_of(r) for r in recs]
    docs = [(r.id, r.feature_keys.get("search"), r.doc_key) for r in recs]
    inputs = digest("search-index", pipeline.code_version("daftar_search", "daftar_text"), key,
                    s["DAFTAR_SEARCH_SHARD_BYTES"], s["DAFTAR_SEARCH_PAGE_SIZE"], s["DAFTAR_SEARCH_HUB_DF"],
                    docs, cards)
    summary = _reuse_index(archive, out, inputs)
    if summary is not None:
        archive.summary.cache["search index"] = "reused"
        _defer(archive, lambda: _finish(archive, out, summary, started))
        return
    _names, protected = factory()
    # one job, run by a second process or here: the same reading of the cache either way
    job = background.job(out, archive.store.root, docs, cards,
                         {"protected": sorted(protected), "shard_bytes": s["DAFTAR_SEARCH_SHARD_BYTES"],
                          "limits": {"page": s["DAFTAR_SEARCH_PAGE_SIZE"]}, "hub_df": s["DAFTAR_SEARCH_HUB_DF"]})
    pending = None
    if _in_background(archive, len(recs)):
        try:
            pending = background.start(job)
        except OSError as exc:
            logger.warning("daftar_search: could not start a second process for the index (%s); writing it here", exc)

    def complete() -> dict:
        summary = None
        if pending is not None:
            try:
                summary = pending.result()
            except RuntimeError as exc:
                logger.warning("daftar_search: the second process did not write the index (%s); writing it here", exc)
        if summary is None:
            summary = background.run(job)
        _save_stamp(archive, out, inputs, summary)
        return _finish(archive, out, summary, started)

    # the pages render meanwhile; the search page (the only reader of the part) or the end of
    # the build, whichever comes first, waits for the index (or, with no second process,
    # writes it then)
    _defer(archive, complete)


def _defer(archive, complete) -> None:
    """The search part, made when first read (by the search page, or at the end of the build):
    its filter options name the entities in the gazetteer the ``links`` stage, which runs after
    this one, loads."""
    part = LazyPart(complete)
    archive.parts["search"] = part
    if archive.context is not None:
        archive.context["daftar_search"] = part
    build.state().pending.append(part.resolve)


def _in_background(archive, n: int) -> bool:
    threshold = archive.settings["DAFTAR_SEARCH_BACKGROUND"]
    if n < threshold:
        return False
    return threshold == 0 or default_workers(0) > 1  # 0: one per available core


class LazyPart(Mapping):
    """The search part, made when first read: ``complete()`` waits for the index."""

    def __init__(self, complete):
        self._complete = complete
        self._part: dict | None = None

    def resolve(self) -> dict:
        if self._part is None:
            self._part = self._complete()
        return self._part

    def __getitem__(self, key):
        return self.resolve()[key]

    def __iter__(self):
        return iter(self.resolve())

    def __len__(self):
        return len(self.resolve())


def _finish(archive, out: Path, summary: dict, started: float) -> dict:
    """The search part for the templates, from the written index's summary and manifest."""
    s = archive.settings
    links = archive.parts.get("links")
    gaz = links.gazetteer if links is not None else None
    ents = []
    for e in summary["facets"]["entities"]:
        ent = gaz.entities.get(e) if gaz is not None else None
        ents.append({"id": e, "names": {lang: ent.display(lang) for lang in ("fa", "ar", "en")} if ent else {}})
    theme_static = Path(s["THEME"]) / "static"
    script = bootstrap(theme_static, manifest=(out / "manifest.js").read_bytes())
    part = {"outlets": summary["facets"]["outlets"], "entities": ents, "years": summary["facets"]["years"],
            "bootstrap": Markup(script), "csp": Markup(csp_source(script))}
    archive.parts["search"] = part
    if archive.context is not None:
        archive.context["daftar_search"] = part
    archive.summary.outputs["search index"] = INDEX_DIR + "/"
    logger.info("daftar: search index of %d articles, %d shards, %d files (%d bytes) in %.2fs",
                summary["documents"], summary["shards"], summary["files"], summary["bytes"],
                time.perf_counter() - started)
    logger.debug("daftar_search: writer CPU seconds by phase: %s", summary.get("cpu_seconds"))
    return part


pipeline.register_stage(pipeline.Stage("search", search_stage, needs=("seeds",)))


def configure(pelican) -> None:
    set_up(pelican, PLUGIN, SETTINGS, "DAFTAR_SEARCH_", "no search index is written")


def register() -> None:
    signals.initialized.connect(configure)
