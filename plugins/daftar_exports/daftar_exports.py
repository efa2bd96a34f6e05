"""Pelican adapter for the archive's data: the ``exports`` stage and its generator.

The stage gives each record its :class:`ExportsPart` (citation files, the absolute address of
its page, and — computed when a page asks — its JSON-LD, Highwire tags and formatted reference).
The generator writes the downloads and the files machines read: the raw seeds byte for byte,
``data/articles.json`` and ``.csv`` (metadata), ``data/corpus.jsonl`` (the full text, one
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
from pelican.generators import Generator

from daftar_seeds import pipeline
from daftar_seeds.cache import digest
from daftar_seeds.daftar_seeds import checked, register_settings
from daftar_seeds.record import newest_first
from daftar_seeds.settings import Setting, whole

from . import citations, feeds
from .records import articles_csv, articles_json, public_record

logger = logging.getLogger(__name__)

PLUGIN = "daftar_exports"
LANGS = ("fa", "ar")
SETTINGS = (
    Setting("DAFTAR_EXPORTS_FEED_ENTRIES", 50, whole(1, 1000), "Entries in each Atom feed (the latest)."),
)
register_settings(PLUGIN, SETTINGS)


def site_base(settings) -> str:
    """The absolute address of the site (SITEURL), or "" for a local build."""
    base = (settings.get("SITEURL") or "").rstrip("/")
    return base if base.startswith(("http://", "https://")) else ""


def absolute(settings, url: str) -> str:
    base = site_base(settings)
    return f"{base}/{url}" if base else url


@dataclass(eq=False)
class ExportsPart:
    """What daftar_exports knows of one article (``record.exports``)."""

    cite_urls: dict
    page_url: str  # absolute when SITEURL is set, else site-relative
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
        r.exports = ExportsPart(cite, absolute(s, r.url), r)


pipeline.register_stage(pipeline.Stage("exports", exports_stage, needs=("seeds",), wants=("links", "archive")))


class DataExportsGenerator(Generator):
    """Writes the downloads, citations, feeds, sitemap and robots.txt."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        archive = self.context.get("daftar")
        if archive is None or not archive.records or archive.records[0].exports is None:
            return
        out = self.output_path
        s = self.settings
        recs = archive.records
        for d in ("raw", "data", "cite", "feeds"):
            os.makedirs(os.path.join(out, d), exist_ok=True)
        seeds_root = getattr(self.context.get("daftar_build"), "root", "")
        views = []
        with open(os.path.join(out, "data", "corpus.jsonl"), "w", encoding="utf-8", newline="\n") as corpus:
            for r in recs:
                shutil.copyfile(os.path.join(seeds_root, r.source_file), os.path.join(out, r.raw_url))  # byte for byte
                v = export_view(r)
                page = r.exports.page_url
                _write(out, r.exports.cite_urls["bib"], citations.bibtex(v, page))
                _write(out, r.exports.cite_urls["ris"], citations.ris(v, page))
                _write(out, r.exports.cite_urls["csl"], json.dumps([citations.csl_json(v, page)], ensure_ascii=False,
                                                                  sort_keys=True, indent=1) + "\n")
                corpus.write(json.dumps({"id": r.id, "lang": r.lang, "title": r.title, "text": r.text},
                                        ensure_ascii=False, sort_keys=True) + "\n")
                views.append(public_record(v))
        _write(out, "data/articles.json", articles_json(views))
        _write(out, "data/articles.csv", articles_csv(views))
        archive.summary.outputs.update({"data": "data/", "citations": "cite/"})
        links = archive.parts.get("links")
        if links is not None:
            gaz = links.gazetteer
            ents = [{"id": eid, "type": e.type, "names": e.names, "wikidata": e.wikidata,
                     "articles": links.by_entity.get(eid, []),
                     "url": f"entities/{eid}.html" if links.by_entity.get(eid) else None}
                    for eid, e in sorted(gaz.entities.items())]
            _write(out, "data/entities.json", json.dumps(ents, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
        self._feeds(archive, views)
        self._sitemap(archive)
        _write(out, ".nojekyll", "")

    def _feeds(self, archive, views):
        s = self.settings
        n = s["DAFTAR_EXPORTS_FEED_ENTRIES"]
        dated = sorted((v for v in views if v.get("date")), key=newest_first)
        build_time = _build_time()
        for lang in (*LANGS, "all"):
            recs = [dict(v, _abs_url=absolute(s, v["url"])) for v in dated if lang == "all" or v["lang"] == lang][:n]
            updated = feeds._atom_time(recs[0]["date"]) if recs else build_time
            title = f"{s.get('SITENAME', 'Daftar')} ({lang})"
            _write(self.output_path, f"feeds/{lang}.atom.xml",
                   feeds.atom(title, absolute(s, f"feeds/{lang}.atom.xml"), absolute(s, "index.html"), recs,
                              lang if lang != "all" else "fa", updated))

    def _sitemap(self, archive):
        s = self.settings
        entries = [{"loc": absolute(s, p["path"]),
                    "alternates": [(lang, absolute(s, href)) for lang, href in p.get("alternates") or []]}
                   for p in archive.pages]
        _write(self.output_path, "sitemap.xml", feeds.sitemap(entries))
        base = site_base(s)
        _write(self.output_path, "robots.txt", feeds.robots(f"{base}/sitemap.xml" if base else None))


def _write(out: str, rel_path: str, text: str) -> None:
    path = os.path.join(out, rel_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _build_time() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def configure(pelican) -> None:
    s = pelican.settings
    act = pipeline.active(s.get("PLUGINS"))
    if PLUGIN not in act:
        return
    checked(s, PLUGIN, SETTINGS, "DAFTAR_EXPORTS_")
    if "daftar_seeds" not in act:
        logger.error("daftar_exports: needs daftar_seeds in PLUGINS; no data is exported")


def get_generators(pelican):
    return DataExportsGenerator if PLUGIN in pipeline.active(pelican.settings.get("PLUGINS")) else None


def register() -> None:
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
