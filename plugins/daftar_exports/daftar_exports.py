"""Pelican adapter for the archive's data: the ``exports`` stage and its generator.

The stage gives each record its :class:`ExportsPart` (citation files, the absolute address of
its page, and — computed when a page asks — its JSON-LD, Highwire tags and formatted reference).
The generator writes the downloads and the files machines read: the raw seeds byte for byte,
``data/articles.json`` and ``.csv`` (metadata), ``data/corpus.jsonl.gz`` (the full text, one
article a line, streamed from the cache), ``data/entities.json``, per-article citations, Atom
feeds, ``sitemap.xml``, ``robots.txt``.

The formats are pure functions in :mod:`.records`, :mod:`.citations` and :mod:`.feeds`.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from dataclasses import dataclass, field

from pelican import signals

from daftar_seeds import build, pipeline
from daftar_seeds.cache import digest
from daftar_seeds.daftar_seeds import StageWriter, generators_of, register_settings, set_up

from . import citations, corpus, feeds, options, sitemap
from .records import CORPUS, articles_csv, articles_json, data_dictionary

logger = logging.getLogger(__name__)

PLUGIN = "daftar_exports"
LANGS = ("fa", "ar")
SETTINGS = options.SETTINGS
register_settings(PLUGIN, SETTINGS)
#: Pages that are language versions of each other (each lists all, itself included).
ALTERNATES = sitemap.alternate_groups([{lang: f"{lang}/index.html" for lang in LANGS}])


def canonical(settings, url: str) -> str | None:
    """The absolute URL of an output path (SITEURL, else the preview base), or None."""
    return options.absolute(options.bases(settings).absolute, url)


@dataclass(eq=False)
class ExportsPart:
    """What daftar_exports knows of one article (``record.exports``)."""

    cite_urls: dict
    page_url: str | None  # absolute (SITEURL, else the preview base), else None
    record: object = field(repr=False, default=None)

    def _rec(self) -> dict:
        return export_view(self.record)

    def jsonld(self):
        links = self.record.links
        return citations.json_ld(self._rec(), self.page_url, links.schema_mentions() if links else None)

    def citation_tags(self) -> list[tuple[str, str]]:
        return citations.highwire_tags(self._rec(), self.page_url)

    def reference_parts(self) -> list[tuple[str, bool]]:
        return citations.reference_parts(self._rec(), self.page_url)

    def dublin_core(self) -> list[tuple[str, str]]:
        return citations.dublin_core(self._rec(), self.page_url)

    def published_time(self) -> str | None:
        return citations.published_time(self._rec())

    def digest(self) -> str:
        return digest(self.cite_urls, self.page_url)


def export_view(rec) -> dict:
    """The record as the plain dict the format functions read (metadata, ids, urls, links)."""
    d = dict(rec.fields)
    d.update(id=rec.id, slug=rec.slug, lang=rec.lang, dir=rec.dir, title=rec.title, sha256=rec.sha256,
             encoding=rec.encoding, raw_size=rec.raw_size, source_file=rec.source_file, cleaning=rec.cleaning,
             url=rec.url, raw_url=rec.raw_url)
    if rec.links is not None:
        d["entities"] = list(rec.links.entities)
        d["related"] = [x["id"] for x in rec.links.related]
        d["cluster"] = rec.links.cluster
        d["same_story"] = [o.id for o, _kind in rec.links.same_story()]
    else:
        d.setdefault("entities", [])
        d.setdefault("related", [])
    if rec.exports is not None:
        d["cite_urls"] = rec.exports.cite_urls
    return d


def exports_stage(archive) -> None:
    s = archive.settings
    for r in archive.records:
        cite = {"bib": f"cite/{r.slug}.bib", "ris": f"cite/{r.slug}.ris", "csl": f"cite/{r.slug}.csl.json"}
        r.exports = ExportsPart(cite, canonical(s, r.url), r)
    # the absolute bases for templates (Pelican makes SITEURL relative in each page's context)
    b = options.bases(s)
    ctx = getattr(archive, "context", None)
    if ctx is not None:
        ctx["daftar_site_url"] = b.site  # canonical links and og:url: only with SITEURL
        ctx["daftar_absolute_url"] = b.absolute  # feeds and sitemap exist only with a base
        ctx["daftar_unlisted"] = sorted(sitemap.UNLISTED)


pipeline.register_stage(pipeline.Stage("exports", exports_stage, needs=("seeds",), wants=("links", "related", "archive")))


class DataExportsGenerator(StageWriter):
    """Writes the downloads, citations, feeds, sitemap and robots.txt."""

    def generate_output(self, writer):
        archive = self.context.get("daftar")
        if archive is None or not archive.records or archive.records[0].exports is None:
            return
        out = self.output_path
        s = self.settings
        recs = archive.records
        for d in ("raw", "data", "cite"):
            os.makedirs(os.path.join(out, d), exist_ok=True)
        seeds_root = getattr(self.context.get("daftar_build"), "root", "")
        reuse = getattr(writer, "reuse_file", None)  # Daftar's writer: files of the last build linked in

        def once(name, key, make):
            """Link ``name`` in from the last build when it was made from ``key``, else make it."""
            if reuse and reuse(name, key):
                return
            make()
            if reuse:
                writer.wrote_file(name, key)

        views = []
        for r in recs:
            once(r.raw_url, digest("raw", r.sha256, r.source_file) if reuse else "",  # byte for byte
                 lambda: shutil.copyfile(os.path.join(seeds_root, r.source_file), os.path.join(out, r.raw_url)))
            v = export_view(r)
            page = r.exports.page_url
            cite_key = digest("cite", v, page) if reuse else ""
            for fmt, (make, newline) in _CITE.items():
                name = r.exports.cite_urls[fmt]
                once(name, cite_key, lambda: _write(out, name, make(v, page), newline=newline))
            views.append(v)
        self._corpus(archive, recs)
        _write(out, "data/articles.json", articles_json(views))
        _write(out, "data/articles.csv", articles_csv(views), newline="")  # BOM first, CRLF rows
        _write(out, "data/README.md", data_dictionary())
        archive.summary.outputs.update({"data": "data/", "citations": "cite/"})
        links = archive.parts.get("links")
        if links is not None:
            gaz = links.gazetteer
            ents = [{"id": eid, "type": e.type, "names": e.names, "wikidata": e.wikidata,
                     "articles": links.by_entity.get(eid, []),
                     "url": f"entities/{eid}.html" if links.by_entity.get(eid) else None}
                    for eid, e in sorted(gaz.entities.items())]
            _write(out, "data/entities.json", json.dumps(ents, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
            from daftar_links.candidates import candidates_csv

            # the curator's tool: name-like phrases the gazetteer does not know yet
            _write(out, "data/entity-candidates.csv", candidates_csv(links.candidates), newline="")
        self._feeds(archive, views)
        self._sitemap(archive)
        _write(out, ".nojekyll", "")

    def _corpus(self, archive, recs) -> None:
        """data/corpus.jsonl.gz, its unchanged members copied from the last build's (the stamp,
        kept in the cache folder, says where they are)."""
        store = archive.store
        stamp_path = os.path.join(store.root, CORPUS_STAMP) if store is not None and store.persistent else None
        prev = build.previous_output()
        stamp = None
        if stamp_path and prev:
            try:
                with open(stamp_path, encoding="utf-8") as fh:
                    stamp = json.load(fh)
            except (OSError, ValueError):
                stamp = None
        new = corpus.write(os.path.join(self.output_path, CORPUS), recs,
                           os.path.join(prev, CORPUS) if prev else None, stamp, _CORPUS_VERSION)
        if stamp_path:
            try:
                os.makedirs(store.root, exist_ok=True)
                with open(stamp_path, "w", encoding="utf-8") as fh:
                    json.dump(new, fh)
            except OSError:
                pass
        if new["reused"]:
            archive.summary.cache["full-text members reused"] = f"{new['reused']} of {len(new['members'])}"

    def _feeds(self, archive, views):
        """feeds/{fa,ar,all}.atom.xml, when the build has an absolute base; the articles left out
        are logged once, with the reason."""
        s = self.settings
        base = options.bases(s).absolute
        if not base:
            return
        cap = s["DAFTAR_EXPORTS_FEED_ENTRIES"]
        left_out: dict[str, str] = {}
        for lang in (*LANGS, "all"):
            recs = [v for v in views if lang == "all" or v["lang"] == lang]
            xml, left = feeds.atom(title=f"{s.get('SITENAME', 'Daftar')} ({lang})", feed_path=f"feeds/{lang}.atom.xml",
                                   home_path="index.html" if lang == "all" else f"{lang}/index.html", base=base,
                                   records=recs, lang=lang if lang != "all" else s.get("DEFAULT_LANG", "fa"),
                                   max_entries=cap, build_time=_build_time())
            left_out.update(left)
            _write(self.output_path, f"feeds/{lang}.atom.xml", xml)
        archive.summary.outputs["feeds"] = "feeds/"
        if left_out:
            shown = "; ".join(f"{i} ({why})" for i, why in sorted(left_out.items())[:10])
            more = f" and {len(left_out) - 10} more" if len(left_out) > 10 else ""
            logger.info("daftar_exports: %d undated articles left out of the feeds (an Atom entry needs a "
                        "time): %s%s", len(left_out), shown, more)

    def _sitemap(self, archive):
        """sitemap.xml (or an index and its parts) of every public page, and robots.txt at a host root."""
        s = self.settings
        base = options.bases(s).absolute
        if not base:
            return
        pages = [sitemap.Page(p["path"], _lastmod(archive, p), ALTERNATES.get(p["path"], []))
                 for p in archive.pages]
        pages += [sitemap.Page(pg.save_as) for pg in self.context.get("pages", []) if getattr(pg, "save_as", None)]
        files = sitemap.sitemap_files(base, pages, s["DAFTAR_EXPORTS_SITEMAP_MAX_URLS"])
        for name, xml in files:
            _write(self.output_path, name, xml)
        archive.summary.outputs["sitemap"] = "sitemap.xml"
        robots = sitemap.robots(base)
        if robots:
            _write(self.output_path, "robots.txt", robots)
        else:
            logger.info("daftar_exports: robots.txt not written: crawlers read it only at a host's root, "
                        "and %s is below one; on a GitHub project site add \"Sitemap: %s\" to the "
                        "robots.txt of the host's root site (USER.github.io) or submit it to the search "
                        "engines", base, options.absolute(base, "sitemap.xml"))


def _lastmod(archive, page: dict) -> str | None:
    if page.get("kind") != "article":
        return None
    rec = archive.by_url.get(page["path"]) if hasattr(archive, "by_url") else None
    return sitemap.lastmod(export_view(rec)) if rec is not None else None


#: Each citation file: its formatter and its line ending.
_CITE = {
    "bib": (citations.bibtex, "\n"),
    "ris": (citations.ris, ""),  # CRLF, as the format says
    "csl": (lambda v, page: json.dumps([citations.csl_json(v, page)], ensure_ascii=False, sort_keys=True, indent=1) + "\n", "\n"),
}
#: Where the last full-text download's members are described, in the cache folder.
CORPUS_STAMP = "corpus-members.json"
_CORPUS_VERSION = pipeline.code_version("daftar_exports")


def _write(out: str, rel_path: str, text: str, newline: str = "\n") -> None:
    path = os.path.join(out, rel_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline=newline) as fh:
        fh.write(text)


def _build_time() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def configure(pelican) -> None:
    s = pelican.settings
    if not set_up(pelican, PLUGIN, SETTINGS, "DAFTAR_EXPORTS_", "no data is exported"):
        return
    for msg in options.site_problems(s):
        logger.error("%s", msg)
    b = options.bases(s)
    if b.site is None and b.absolute is None:
        logger.info("daftar_exports: no SITEURL (a local preview): sitemap.xml and the Atom feeds are "
                    "not written (they need absolute URLs) and pages have no canonical link; set "
                    "SITEURL (publishconf.py), or DAFTAR_EXPORTS_PREVIEW_URL for a preview base")
    elif b.preview:
        logger.info("daftar_exports: no SITEURL: sitemap.xml and the Atom feeds use the preview base "
                    "%s; pages have no canonical link", b.absolute)


#: module-level, so the signal (which holds receivers weakly) keeps it
get_generators = generators_of(PLUGIN, DataExportsGenerator)


def register() -> None:
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
