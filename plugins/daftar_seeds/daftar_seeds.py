"""Pelican adapter of daftar_seeds: the seeds become articles, and the stages run in order.

* ``initialized``: check the settings (this plugin's, and any ``DAFTAR_*`` key no plugin owns),
  point Pelican's article walk at the seeds folder, switch off Pelican's translation pairing
  (a Persian and an Arabic seed are two articles, never "translations").
* ``article_generator_init``: list the seeds (only ``*.txt``; anything else is named once and
  ignored), give each a unique slug, and prepare every seed — document and per-article features,
  from the per-seed cache or in a process pool — with progress on the console.
* the reader: hands Pelican the prepared record of a seed (or skips it with one warning naming
  the file and the reason).
* ``all_generators_finalized``: gathers the records into the :class:`Archive` and runs every
  active stage in :data:`~daftar_seeds.pipeline.STAGE_ORDER`.

The pure work is in :mod:`.prepare`, :mod:`.document` and the modules they call.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import time

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator
from pelican.readers import BaseReader

from . import build, pipeline
from .cache import Cache
from .ids import list_seeds, seeds_dir
from .prepare import PrepareConfig, Prepared, default_workers, prepare_all, prepare_one
from .record import Archive, ArticleRecord
from .settings import Setting, check, iso_date, number, one_of, text, unowned, whole

logger = logging.getLogger(__name__)

PLUGIN = "daftar_seeds"
SETTINGS = (
    Setting("DAFTAR_SEEDS_PATH", "seeds", text(),
            "Folder of the seeds, relative to the project (the folder holding `content/`); every `*.txt` in it is an article."),
    Setting("DAFTAR_SEEDS_MAX_BYTES", 8 * 1024 * 1024, whole(1),
            "Seeds larger than this many bytes are not published (one warning names the file)."),
    Setting("DAFTAR_SEEDS_OTHER_LANGUAGES", "skip", one_of("skip", "publish"),
            "A seed in neither Persian nor Arabic: `skip` it, or `publish` it with its own language, left to right."),
    Setting("DAFTAR_SEEDS_REFERENCE_DATE", None, iso_date,
            "When the collection was captured (`YYYY-MM-DD`): a year-less date on a page that states no capture date of its own is resolved against it, and marked inferred. Never the build date."),
    Setting("DAFTAR_SEEDS_WORKERS", 0, whole(0, 64),
            "Processes that prepare seeds in parallel; 0 = one per core, 1 = none."),
    Setting("DAFTAR_SEEDS_TIME_BUDGET", 60, number(0),
            "Seconds one seed may take to prepare before it is set aside with a warning (0 = no limit)."),
    Setting("DAFTAR_SEEDS_CACHE", True, one_of(True, False),
            "Keep each seed's document and features in `CACHE_PATH/daftar/` between builds (a rebuild prepares only what changed)."),
)
#: Settings of earlier versions, renamed when every plugin got its own prefix.
RENAMED = {"DAFTAR_MAX_SEED_BYTES": "DAFTAR_SEEDS_MAX_BYTES", "DAFTAR_OTHER_LANGUAGES": "DAFTAR_SEEDS_OTHER_LANGUAGES",
           "DAFTAR_REFERENCE_DATE": "DAFTAR_SEEDS_REFERENCE_DATE"}
#: Every Daftar plugin's prefix (a DAFTAR_ key under none of them is a typo).
PREFIXES = {"DAFTAR_SEEDS_": "daftar_seeds", "DAFTAR_LINKS_": "daftar_links", "DAFTAR_ARCHIVE_": "daftar_archive",
            "DAFTAR_EXPORTS_": "daftar_exports", "DAFTAR_SEARCH_": "daftar_search", "DAFTAR_THEME_": "daftar_theme"}
#: Settings tables of every plugin, registered when their adapters are imported.
TABLES: dict[str, tuple[Setting, ...]] = {PLUGIN: SETTINGS}


def register_settings(plugin: str, table: tuple[Setting, ...]) -> None:
    TABLES[plugin] = table


def settings_tables() -> dict[str, tuple[Setting, ...]]:
    """Every registered table, in stage order (the README's table is made from this)."""
    order = list(PREFIXES.values())
    return dict(sorted(TABLES.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))


def checked(pelican_settings, plugin: str, table: tuple[Setting, ...], prefix: str) -> dict:
    """Validate one plugin's settings, log each problem once, store the values, return them."""
    values, problems = check(plugin, prefix, table, pelican_settings)
    for msg in problems:
        logger.error("%s", msg)
    pelican_settings.update(values)
    return values


def set_up(pelican, plugin: str, table: tuple[Setting, ...], prefix: str, without_seeds: str) -> bool:
    """What every Daftar plugin does at ``initialized``: whether it takes part in this build,
    its settings checked, and one error when daftar_seeds (the first stage) is missing."""
    s = pelican.settings
    act = pipeline.active(s.get("PLUGINS"))
    if plugin not in act:
        return False
    checked(s, plugin, table, prefix)
    if PLUGIN not in act:
        logger.error("%s: needs daftar_seeds in PLUGINS; %s", plugin, without_seeds)
    return True


def generators_of(plugin: str, cls):
    """A ``get_generators`` receiver that adds ``cls`` when ``plugin`` takes part in the build.
    Keep it in a module variable: signals hold their receivers weakly."""
    def get_generators(pelican):
        return cls if plugin in pipeline.active(pelican.settings.get("PLUGINS")) else None
    return get_generators


class StageWriter(Generator):
    """Base of the plugins' generators: they compute nothing (the stages did), only write."""

    def generate_context(self):
        pass


def configure(pelican) -> None:
    s = pelican.settings
    if PLUGIN not in pipeline.active(s.get("PLUGINS")):
        return
    checked(s, PLUGIN, SETTINGS, "DAFTAR_SEEDS_")
    for old, new in RENAMED.items():
        if old in s:
            logger.error("daftar: setting %s was renamed to %s; %s is ignored", old, new, old)
    known = {x.key for t in TABLES.values() for x in t}
    retired = ("DAFTAR_CANONICAL_URL",)  # daftar_exports says what replaced it
    for msg in unowned({k: v for k, v in s.items() if k not in RENAMED and k not in retired}, PREFIXES, known):
        logger.error("%s", msg)
    s["ARTICLE_PATHS"] = [seeds_dir(s)]
    s["ARTICLE_EXCLUDES"] = []
    # Articles in two languages about one event are two articles: never pair them.
    s["ARTICLE_TRANSLATION_ID"] = None
    build.configure(pelican)


# ---- the article generator's file walk and the per-seed pass


def take_over(generator) -> None:
    """Replace the generator's walk of ARTICLE_PATHS by the seed listing, and prepare every seed."""
    s = generator.settings
    if PLUGIN not in pipeline.active(s.get("PLUGINS")):
        return
    root = seeds_dir(s)
    state = build.state(generator.context)
    started = time.perf_counter()
    listing = list_seeds(root) if os.path.isdir(root) else None
    if listing is None:
        logger.error("daftar_seeds: the seeds folder %s does not exist (DAFTAR_SEEDS_PATH)", build.rel(root))
        seeds = []
    else:
        seeds = listing.seeds
        for rel, reason in listing.ignored:
            logger.warning("daftar: %s ignored: %s", build.rel(os.path.join(root, rel)), reason)
            state.summary.ignored.append((rel, reason))
        for rel, msg in listing.orphans:
            logger.warning("daftar: %s", msg)
            state.summary.sidecar_errors.append(msg)
        for msg in listing.collisions:
            logger.warning("daftar: %s", msg)
            state.summary.warnings["slug collision"] += 1
    cache = Cache(os.path.join(s.get("CACHE_PATH", "cache"), "daftar") if s["DAFTAR_SEEDS_CACHE"] else None)
    state.cache = cache
    conf = PrepareConfig(
        cache_root=str(cache.root), reference=s["DAFTAR_SEEDS_REFERENCE_DATE"],
        max_bytes=s["DAFTAR_SEEDS_MAX_BYTES"], other_languages=s["DAFTAR_SEEDS_OTHER_LANGUAGES"],
        time_budget=float(s["DAFTAR_SEEDS_TIME_BUDGET"]), feature_settings=build.feature_settings(s))
    features = pipeline.REGISTRY.ordered_features(pipeline.active(s.get("PLUGINS")))
    workers = default_workers(s["DAFTAR_SEEDS_WORKERS"])
    with build.progress("preparing seeds", len(seeds)) as tick:
        prepared = prepare_all(seeds, conf, features, cache, workers=workers, progress=tick)
    state.prepared = {os.path.abspath(p.seed.path): p for p in prepared.values()}
    state.conf, state.features, state.root = conf, features, root
    state.summary.cache["documents reused"] = sum(1 for p in prepared.values() if p.cached)
    state.summary.cache["documents made"] = sum(1 for p in prepared.values() if not p.cached)
    state.summary.timings["prepare"] = time.perf_counter() - started
    for p in prepared.values():
        for err in p.sidecar_errors:
            logger.error("daftar: curator sidecar of %s: %s", p.seed.rel, err)
            state.summary.sidecar_errors.append(err)
    reader = generator.readers.readers.get("txt")
    if isinstance(reader, SeedReader):
        reader.state = state
    files = {os.path.relpath(p.seed.path, generator.path) for p in prepared.values()}
    generator.get_files = lambda paths, exclude=None, extensions=None, _files=files: set(_files)


def make_record(p: Prepared, store: Cache) -> ArticleRecord:
    m = p.meta
    slug = p.seed.slug
    fields = m.get("fields") or {}
    return ArticleRecord(
        id=p.seed.id, slug=slug, lang=m["lang"], dir=m["dir"], title=m["title"], sha256=m["sha256"],
        encoding=m["encoding"], raw_size=m["raw_size"], source_file=p.seed.rel, fields=fields,
        cleaning=m.get("cleaning") or {}, url=f"articles/{slug}.html", raw_url=f"raw/{slug}.txt",
        doc_key=p.doc_key, feature_keys=dict(p.feature_keys), store=store)


#: Pelican needs a date on every article. Undated articles get this value *only* for
#: ordering (it sorts them last, newest first); templates and exports show "unknown".
UNDATED = dt.datetime(1000, 1, 1, tzinfo=dt.timezone.utc)


def parse_iso(iso: str) -> dt.datetime:
    """ISO 8601 from the metadata stage -> aware datetime (a stated offset is kept)."""
    d = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return d if d.tzinfo else d.replace(tzinfo=dt.timezone.utc)


class SeedReader(BaseReader):
    """Reads a scraped news page (``.txt``): its record was prepared before Pelican asked."""

    enabled = True
    file_extensions = ["txt"]
    state = None

    def read(self, source_path):
        state = self.state
        path = os.path.abspath(source_path)
        try:
            p = state.prepared.get(path) if state else None
            if p is None:  # not listed in advance (a file Pelican found on its own): prepare it here
                from .ids import SeedFile

                root = state.root if state else os.path.dirname(path)
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                p = prepare_one(SeedFile(path, rel, rel[:-4], None, rel[:-4].lower()),
                                state.conf, state.features, state.cache)
            if p.rejected:
                logger.warning("daftar: seed %s not published: %s", build.rel(path), p.rejected)
                if state:
                    state.summary.skipped.append((p.seed.rel, p.rejected))
                return "", {"status": "skip", "title": os.path.basename(path)}
            rec = make_record(p, state.cache)
            date = rec.fields.get("date")
            metadata = {
                "title": rec.title, "slug": rec.slug, "lang": rec.lang, "url": rec.url, "save_as": rec.url,
                "date": parse_iso(date) if date else UNDATED, "undated": date is None,
                "daftar": rec, "template": "article",
            }
            return "", metadata
        except Exception as exc:  # the promised one line, never Pelican's "Could not process"
            logger.warning("daftar: seed %s not published: could not be read (%s: %s)", build.rel(path),
                           type(exc).__name__, " ".join(str(exc).split())[:160])
            logger.debug("reading %s failed", path, exc_info=True)
            return "", {"status": "skip", "title": os.path.basename(path)}


def add_reader(readers) -> None:
    readers.reader_classes["txt"] = SeedReader


# ---- the collection stages


def seeds_stage(archive: Archive) -> None:
    """Every article page is a public page; count what was published."""
    for r in archive.records:
        archive.add_page(r.url, r.lang, lastmod=(r.date or "")[:10] or None, kind="article")
        archive.summary.published[r.lang] += 1


pipeline.register_stage(pipeline.Stage("seeds", seeds_stage, needs=()))


def run_stages(generators) -> None:
    arts_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if arts_gen is None or PLUGIN not in pipeline.active(arts_gen.settings.get("PLUGINS")):
        return
    s = arts_gen.settings
    state = build.state(arts_gen.context)
    articles = [a for a in arts_gen.articles if isinstance(getattr(a, "daftar", None), ArticleRecord)]
    archive = Archive([a.daftar for a in articles], settings=s, store=state.cache, summary=state.summary)
    archive.articles = {a.daftar.id: a for a in articles}
    archive.context = arts_gen.context
    for p in state.prepared.values():  # what the cache must keep after this build
        if p.doc_key:
            state.keep.update((("doc", p.doc_key), ("meta", p.doc_key)))
            state.keep.update(("feature-" + stage, key) for stage, key in p.feature_keys.items() if key)
    state.prepared = {}  # the records hold what is needed now
    arts_gen.context["daftar"] = archive
    state.archive = archive
    started = time.perf_counter()
    ran = pipeline.run_stages(archive, s.get("PLUGINS"))
    state.summary.timings["stages"] = time.perf_counter() - started
    logger.debug("daftar: stages %s ran", ", ".join(ran))


def register() -> None:
    signals.initialized.connect(configure)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(take_over)
    signals.all_generators_finalized.connect(run_stages)
    build.register()
