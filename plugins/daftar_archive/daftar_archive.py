"""Pelican adapter for the archive's own pages: the ``archive`` stage and its generator.

The stage (after ``seeds`` and, when present, ``links``) groups the collection — by language,
year and month, outlet, entity, same story — gives each record its :class:`ArchivePart` (its
outlet and story pages), and registers every page it will write. The generator then writes
them, each listing paginated so that no page grows with the archive: the home page (latest
articles and the timeline), ``fa/`` and ``ar/``, ``archives.html`` and the period pages, the
outlet, entity and story pages, the search page and 404.

The groupings are pure functions in :mod:`.listings`; the timeline SVG is :mod:`.timeline`.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from pelican import signals

from daftar_seeds import build, pipeline
from daftar_seeds.cache import digest
from daftar_seeds.daftar_seeds import StageWriter, generators_of, register_settings, set_up
from daftar_seeds.outlets import directory as outlet_directory
from daftar_seeds.record import newest_first
from daftar_seeds.settings import Setting, whole

from daftar_links.stories import earlier_copies, oldest_first

from . import listings
from .outlets import Outlet, group_outlets, outlet_slug  # noqa: F401  (Outlet, outlet_slug: public names)
from .paging import pages_of
from .timeline import timeline_svg

logger = logging.getLogger(__name__)

PLUGIN = "daftar_archive"
LANGS = ("fa", "ar")
SETTINGS = (
    Setting("DAFTAR_ARCHIVE_PER_PAGE", 50, whole(5, 500),
            "Articles per page of every listing (language, period, outlet and entity pages)."),
    Setting("DAFTAR_ARCHIVE_HOME_LATEST", 30, whole(1, 200), "Latest articles shown on the home page."),
)
register_settings(PLUGIN, SETTINGS)


@dataclass(eq=False)
class ArchivePart:
    """What daftar_archive knows of one article (``record.archive``)."""

    outlet_url: str | None = None
    story_url: str | None = None  # the page of its same-story cluster

    def digest(self) -> str:
        return digest(self.outlet_url, self.story_url)


@dataclass
class ArchiveResult:
    by_lang: dict[str, list[str]] = field(default_factory=dict)
    periods: dict = field(default_factory=dict)  # year -> month -> [ids], newest first
    undated: list[str] = field(default_factory=list)
    outlets: list[Outlet] = field(default_factory=list)
    newest: list[str] = field(default_factory=list)  # every id, newest first
    month_counts: list[dict] = field(default_factory=list)
    stories: dict[str, str] = field(default_factory=dict)  # cluster id -> its page's base ("stories/<slug>")


def story_bases(clusters: dict, by_id: dict) -> dict[str, str]:
    """Each same-story cluster's page: ``stories/<slug of its first member>``. A cluster's id is
    ``cluster-<its smallest article id>``, and an id is a seed's path (it may hold ``/``, spaces,
    any script); that article's slug is ASCII, unique and as stable as the id."""
    return {cid: f"stories/{by_id[c['members'][0]].slug}" for cid, c in clusters.items()
            if c.get("members") and c["members"][0] in by_id}


def archive_stage(archive) -> None:
    s = archive.settings
    per = s["DAFTAR_ARCHIVE_PER_PAGE"]
    recs = sorted(archive.records, key=newest_first)
    res = ArchiveResult()
    res.newest = [r.id for r in recs]
    for lang in LANGS:
        res.by_lang[lang] = [r.id for r in recs if r.lang == lang]
    for r in recs:
        if r.date:
            res.periods.setdefault(r.date[:4], {}).setdefault(r.date[5:7], []).append(r.id)
        else:
            res.undated.append(r.id)
    res.month_counts = listings.month_counts(recs)
    # outlets, largest first for the index, with what the outlet directory knows of each
    res.outlets = group_outlets(recs, outlet_directory())
    outlet_url = {o.name: o.url for o in res.outlets}
    links = archive.parts.get("links")
    res.stories = story_bases(links.clusters, archive.by_id) if links is not None else {}
    story_of = {m: cid for cid in res.stories for m in links.clusters[cid]["members"]}
    for r in archive.records:
        cid = story_of.get(r.id)
        r.archive = ArchivePart(outlet_url.get(r.get("outlet")), f"{res.stories[cid]}.html" if cid else None)
    archive.parts["archive"] = res
    # every page this plugin writes, for the sitemap
    archive.add_page("index.html", kind="home", alternates=[("fa", "fa/index.html"), ("ar", "ar/index.html")])
    for lang in LANGS:
        other = "ar" if lang == "fa" else "fa"
        for p in pages_of(f"{lang}/index", len(res.by_lang[lang]), per):
            alts = [(lang, p.path), (other, f"{other}/index.html")] if p.number == 1 else []
            archive.add_page(p.path, lang, kind="listing", alternates=alts)
    archive.add_page("archives.html", kind="archives")
    for year, months in res.periods.items():
        for p in pages_of(f"archives/{year}", sum(len(v) for v in months.values()), per):
            archive.add_page(p.path, kind="period")
        for month, ids in months.items():
            for p in pages_of(f"archives/{year}-{month}", len(ids), per):
                archive.add_page(p.path, kind="period")
    if res.undated:
        for p in pages_of("archives/undated", len(res.undated), per):
            archive.add_page(p.path, kind="period")
    archive.add_page("outlets/index.html", kind="outlets")
    for o in res.outlets:
        for p in pages_of(f"outlets/{o.slug}", len(o.ids), per):
            archive.add_page(p.path, kind="outlet")
    if links is not None:
        archive.add_page("entities/index.html", kind="entities")
        for eid, ids in links.by_entity.items():
            for p in pages_of(f"entities/{eid}", len(ids), per):
                archive.add_page(p.path, kind="entity")
    for cid, base in res.stories.items():
        for p in pages_of(base, len(links.clusters[cid]["members"]), per):
            archive.add_page(p.path, kind="story")
    archive.add_page("search.html", kind="search")


pipeline.register_stage(pipeline.Stage("archive", archive_stage, needs=("seeds",), wants=("links", "related")))


def card_view(r) -> list:
    """What a card shows of an article (the reuse digest of a listing page is made of these)."""
    return [r.id, r.title, r.lang, r.dir, r.url, r.date, r.get("outlet"), r.get("title_source")]


class ArchivePagesGenerator(StageWriter):
    """Writes the archive's listings after Pelican's articles are known."""

    def generate_output(self, writer):
        archive = self.context.get("daftar")
        res = archive.parts.get("archive") if archive else None
        if res is None:
            return
        s = self.settings
        per = s["DAFTAR_ARCHIVE_PER_PAGE"]
        rel = s.get("RELATIVE_URLS", True)
        by_id = archive.by_id

        def write(name, template, **ctx):
            writer.write_file(name, self.get_template(template), self.context, relative_urls=rel, **ctx)

        def listing(base, ids, kind, title=None, lang=None, timeline=True, template="listing", **extra):
            recs = [by_id[i] for i in ids]
            counts = listings.month_counts(recs) if timeline else []
            for p in pages_of(base, len(recs), per):
                svg = timeline_svg(counts, _month_href(p.path), labels={"chart": title or kind}) if (counts and p.number == 1) else ""
                items = recs[p.start:p.stop]
                write(p.path, template, records=items, total=len(recs), paging=p, listing_kind=kind,
                      listing_title=title, listing_lang=lang, page_lang=lang or s.get("DEFAULT_LANG", "fa"),
                      timeline=svg, month_counts=counts if p.number == 1 else [], **extra,
                      daftar_digest=digest(kind, title, lang, [card_view(r) for r in items], len(recs),
                                           counts if p.number == 1 else None, p.number, p.count,
                                           {k: repr(v) for k, v in extra.items()}))

        # home: the latest articles and the whole timeline
        latest = [by_id[i] for i in res.newest[: s["DAFTAR_ARCHIVE_HOME_LATEST"]]]
        counts = res.month_counts
        write("index.html", "index", records=latest, total=len(res.newest),
              counts_by_lang={lang: len(res.by_lang[lang]) for lang in LANGS},
              timeline=timeline_svg(counts, _month_href("index.html"), labels={"chart": "timeline"}),
              month_counts=counts,
              daftar_digest=digest("home", [card_view(r) for r in latest], len(res.newest), counts,
                                   {lang: len(v) for lang, v in res.by_lang.items()}))
        for lang in LANGS:
            listing(f"{lang}/index", res.by_lang[lang], "lang", lang=lang)
        years = []
        for year in sorted(res.periods, reverse=True):
            months = res.periods[year]
            ids = [i for m in sorted(months, reverse=True) for i in months[m]]
            listing(f"archives/{year}", ids, "year", title=year, months=sorted(months))
            for month in sorted(months):
                listing(f"archives/{year}-{month}", months[month], "month", title=f"{year}-{month}", timeline=False)
            years.append((year, [(m, len(months[m])) for m in sorted(months)], len(ids)))
        if res.undated:
            listing("archives/undated", res.undated, "undated", timeline=False)
        write("archives.html", "archives", years=years, undated=len(res.undated),
              daftar_digest=digest("archives", years, len(res.undated)))
        for o in res.outlets:
            listing(f"outlets/{o.slug}", o.ids, "outlet", title=o.name, template="outlet", outlet=o)
        write("outlets/index.html", "outlets", outlets=res.outlets, total=len(res.newest),
              with_outlet=sum(len(o.ids) for o in res.outlets),
              daftar_digest=digest("outlets", [repr(o) for o in res.outlets], len(res.newest)))
        links = archive.parts.get("links")
        if links is not None:
            self._entities(archive, links, listing, write)
            self._stories(archive, res, links, listing)
        self._search(archive, res, links, write)
        # GitHub Pages serves 404.html at any depth: relative links would break there, so it links
        # absolutely when the site's address is known
        base = (s.get("SITEURL") or "").rstrip("/")
        if base.startswith(("http://", "https://")):
            writer.write_file("404.html", self.get_template("404"), self.context, relative_urls=False,
                              SITEURL=base, daftar_digest=digest("404", base))
        else:
            write("404.html", "404", daftar_digest=digest("404"))

    def _entities(self, archive, links, listing, write):
        gaz = links.gazetteer
        lang = self.settings.get("DEFAULT_LANG", "fa")
        by_type: dict[str, list] = {}
        for eid, ids in sorted(links.by_entity.items()):
            ent = gaz.entities[eid]
            by_type.setdefault(ent.type, []).append((ent, len(ids)))
            partners = [(gaz.entities[o], n) for o, n in links.cooc.get(eid, [])[:10] if o in gaz.entities]
            listing(f"entities/{eid}", ids, "entity", title=ent.display(lang), template="entity", entity=ent,
                    partners=partners)
        write("entities/index.html", "entities", by_type=sorted(by_type.items()),
              daftar_digest=digest("entities", [(t, [(e.id, e.names, n) for e, n in v]) for t, v in sorted(by_type.items())]))

    def _stories(self, archive, res, links, listing):
        """One page per same-story cluster: every report, oldest first, the copies marked."""
        by_id = archive.by_id
        for cid, base in res.stories.items():
            c = links.clusters[cid]
            recs = sorted((by_id[m] for m in c["members"] if m in by_id), key=oldest_first)
            langs = dict(Counter(r.lang for r in recs))
            copies = earlier_copies([(r.id, r.date) for r in recs], c.get("links", []))
            # plain values (the page's reuse digest is made of them): the earlier report's title and page
            copy_of = {m: [by_id[o].title, by_id[o].url, by_id[o].lang] for m, o in copies.items()}
            listing(base, [r.id for r in recs], "story", timeline=False, template="story", langs=langs,
                    copy_of=copy_of, span=[recs[0].date, max((r.date for r in recs if r.date), default=None)])

    def _search(self, archive, res, links, write):
        """The search page (its filter options and pinned script come from the search stage:
        the ``daftar_search`` context variable), written at the end of the build, after every
        other page and file: it waits for the index, which a second process may still be
        writing, so everything else is written meanwhile."""
        build.state().pending.append(lambda: write("search.html", "search"))


def _month_href(page_path: str):
    prefix = "../" * page_path.count("/")
    return lambda m: f"{prefix}archives/{m}.html"


def configure(pelican) -> None:
    if set_up(pelican, PLUGIN, SETTINGS, "DAFTAR_ARCHIVE_", "no archive pages are written"):
        # this plugin writes the home, archives and search pages itself, paginated
        pelican.settings["DIRECT_TEMPLATES"] = []


#: module-level, so the signal (which holds receivers weakly) keeps it
get_generators = generators_of(PLUGIN, ArchivePagesGenerator)


def register() -> None:
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
