"""Pelican adapter: raw seed copies, articles.json/.csv, and per-article record fields.

Runs on ``all_generators_finalized``: every article's record (from the reader) gets its URLs,
then the raw seeds are copied byte for byte to ``output/raw/`` and the data files written.
"""
from __future__ import annotations

import logging
import os
import shutil

from pelican import signals
from pelican.generators import ArticlesGenerator

from .records import articles_csv, articles_json

logger = logging.getLogger(__name__)


def articles_of(generators) -> list:
    for g in generators:
        if isinstance(g, ArticlesGenerator):
            return list(g.articles)
    return []


def complete_records(generators) -> None:
    """Add URLs and display data to each article's record (before pages are written)."""
    try:
        from daftar_text.calendars import format_date
    except ImportError:  # pragma: no cover - calendars.py ships with the package
        format_date = None
    for art in articles_of(generators):
        rec = art.daftar
        rec["url"] = art.url
        rec["raw_url"] = f"raw/{rec['slug']}.txt"
        rec.setdefault("entities", [])
        rec.setdefault("related", [])
        if format_date:
            rec["date_display"] = format_date(rec.get("date"), rec["lang"]) if rec.get("date") else {}
            rec["captured_display"] = format_date(rec.get("captured"), rec["lang"]) if rec.get("captured") else {}


def write_exports(generators) -> None:
    arts = articles_of(generators)
    if not arts:
        return
    out = arts[0].settings["OUTPUT_PATH"]
    raw_dir = os.path.join(out, "raw")
    data_dir = os.path.join(out, "data")
    os.makedirs(raw_dir, exist_ok=True)
    os.makedirs(data_dir, exist_ok=True)
    for art in arts:
        dest = os.path.join(out, art.daftar["raw_url"])
        shutil.copyfile(art.source_path, dest)  # byte for byte
    records = [a.daftar for a in arts]
    with open(os.path.join(data_dir, "articles.json"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(articles_json(records))
    with open(os.path.join(data_dir, "articles.csv"), "w", encoding="utf-8", newline="") as fh:
        fh.write(articles_csv(records))
    logger.info("daftar: wrote %d records and raw copies", len(records))


def add_home_timeline(generators) -> None:
    """Articles per month for the home page (a context global the index template reads)."""
    records = [a.daftar for a in articles_of(generators)]
    counts = listings.month_counts(records)
    svg = timeline_svg(counts, lambda m: f"archives/{m}.html",
                       labels={"chart": "شمار مقاله‌ها در هر ماه"})
    for g in generators:
        g.context["daftar_timeline"] = svg
        g.context["daftar_month_counts"] = counts
        break


def on_generators(generators):
    complete_records(generators)
    add_home_timeline(generators)
    for art in articles_of(generators):
        decorate_article(art)
    write_exports(generators)


# --------------------------------------------------------------------------------------
# Extra pages: listings by language/period/outlet, citations, feeds, sitemap, robots, 404.
# --------------------------------------------------------------------------------------
import json  # noqa: E402

from pelican.generators import Generator  # noqa: E402

from . import citations, feeds, listings  # noqa: E402
from .timeline import timeline_svg  # noqa: E402

LANGS = ("fa", "ar")


def canonical(settings, url: str) -> str:
    base = (settings.get("DAFTAR_CANONICAL_URL") or "").rstrip("/")
    return f"{base}/{url}" if base else url


def decorate_article(art) -> None:
    """Citation strings and machine-readable metadata for the article template."""
    rec = art.daftar
    url = canonical(art.settings, art.url)
    slug = rec["slug"]
    rec["cite_urls"] = {"bib": f"cite/{slug}.bib", "ris": f"cite/{slug}.ris", "csl": f"cite/{slug}.csl.json"}
    art.daftar_reference = citations.reference(rec, url)
    art.daftar_reference_parts = citations.reference_parts(rec, url)
    art.daftar_citation_tags = citations.highwire_tags(rec, url)
    art.daftar_jsonld = citations.json_ld(rec, url, rec.get("mentions"))


class DaftarPagesGenerator(Generator):
    """Writes the archive's own pages and files after Pelican's articles are known."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        arts = [a for a in self.context.get("articles", []) if getattr(a, "daftar", None)]
        if not arts:
            return
        s = self.settings
        rel = s.get("RELATIVE_URLS", True)
        by_id = {a.daftar["id"]: a for a in arts}
        records = [a.daftar for a in arts]

        def articles_for(recs):
            return [by_id[r["id"]] for r in sorted(recs, key=listings.sort_key)]

        def write(name, template, **ctx):
            writer.write_file(name, self.get_template(template), self.context, relative_urls=rel, **ctx)

        periods = listings.by_period(records)

        def month_href_from(name):
            depth = name.count("/")
            prefix = "../" * depth
            return lambda m: f"{prefix}archives/{m}.html"

        def timeline_for(recs, name, lang):
            counts = listings.month_counts(recs)
            labels = {"chart": {"fa": "شمار مقاله‌ها در هر ماه", "ar": "عدد المقالات في كل شهر"}.get(lang, "timeline")}
            return timeline_svg(counts, month_href_from(name), labels=labels), counts

        # language listings and the combined one
        for lang in LANGS:
            recs = [r for r in records if r["lang"] == lang]
            name = f"{lang}/index.html"
            svg, counts = timeline_for(recs, name, lang)
            write(name, "listing", articles=articles_for(recs), page_lang=lang, listing_kind="lang",
                  listing_title=None, timeline=svg, month_counts=counts, listing_lang=lang)
        # periods
        for year, months in sorted(periods.items()):
            recs = [r for ms in months.values() for r in ms]
            name = f"archives/{year}.html"
            svg, counts = timeline_for(recs, name, "fa")
            write(name, "listing", articles=articles_for(recs), listing_kind="year", listing_title=year,
                  timeline=svg, month_counts=counts, months=sorted(months))
            for month, mrecs in sorted(months.items()):
                write(f"archives/{year}-{month}.html", "listing", articles=articles_for(mrecs),
                      listing_kind="month", listing_title=f"{year}-{month}", timeline="", month_counts=[])
        undated = [r for r in records if not r.get("date")]
        write("archives/undated.html", "listing", articles=articles_for(undated), listing_kind="undated",
              listing_title=None, timeline="", month_counts=[])
        # outlets
        outlets = listings.by_outlet(records)
        outlet_list = []
        for outlet, recs in sorted(outlets.items()):
            slug = listings.outlet_slug(outlet)
            for r in recs:
                r["outlet_url"] = f"outlets/{slug}.html"
            name = f"outlets/{slug}.html"
            svg, counts = timeline_for(recs, name, recs[0]["lang"])
            write(name, "listing", articles=articles_for(recs), listing_kind="outlet", listing_title=outlet,
                  timeline=svg, month_counts=counts)
            outlet_list.append({"name": outlet, "url": name, "count": len(recs),
                                "langs": sorted({r["lang"] for r in recs})})
        write("outlets/index.html", "outlets", outlets=outlet_list)
        # GitHub Pages serves 404.html at any depth: relative links would break there, so
        # it uses the absolute site address when one is configured.
        base = (s.get("DAFTAR_CANONICAL_URL") or "").rstrip("/")
        if base:
            writer.write_file("404.html", self.get_template("404"), self.context, relative_urls=False,
                              SITEURL=base)
        else:
            write("404.html", "404")
        self._write_files(records)

    def _write_files(self, records):
        s = self.settings
        out = self.output_path
        os.makedirs(os.path.join(out, "cite"), exist_ok=True)
        for r in records:
            page = canonical(s, r["url"])
            files = {
                r["cite_urls"]["bib"]: citations.bibtex(r, page),
                r["cite_urls"]["ris"]: citations.ris(r, page),
                r["cite_urls"]["csl"]: json.dumps([citations.csl_json(r, page)], ensure_ascii=False,
                                                  sort_keys=True, indent=1) + "\n",
            }
            for rel_path, text in files.items():
                with open(os.path.join(out, rel_path), "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
        # feeds (dated articles only) and sitemap
        base = (s.get("DAFTAR_CANONICAL_URL") or "").rstrip("/")
        os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
        for r in records:
            r["_abs_url"] = canonical(s, r["url"])
        dated = sorted((r for r in records if r.get("date")), key=listings.sort_key)
        build_time = _build_time()
        for lang in (*LANGS, "all"):
            recs = [r for r in dated if lang == "all" or r["lang"] == lang]
            updated = feeds._atom_time(recs[0]["date"]) if recs else build_time
            feed_url = canonical(s, f"feeds/{lang}.atom.xml")
            title = f"{s.get('SITENAME', 'Daftar')} ({lang})"
            with open(os.path.join(out, "feeds", f"{lang}.atom.xml"), "w", encoding="utf-8", newline="\n") as fh:
                fh.write(feeds.atom(title, feed_url, canonical(s, "index.html"), recs,
                                    lang if lang != "all" else "fa", updated))
        entries = []
        for name in ["index.html", "fa/index.html", "ar/index.html", "archives.html", "search.html",
                     "outlets/index.html"]:
            entries.append({"loc": canonical(s, name), "alternates": []})
        for r in sorted(records, key=lambda r: r["id"]):
            entries.append({"loc": canonical(s, r["url"]),
                            "alternates": [(r["lang"], canonical(s, r["url"]))]})
        with open(os.path.join(out, "sitemap.xml"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(feeds.sitemap(entries))
        with open(os.path.join(out, "robots.txt"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(feeds.robots(f"{base}/sitemap.xml" if base else None))
        with open(os.path.join(out, ".nojekyll"), "w") as fh:
            fh.write("")
        for r in records:
            r.pop("_abs_url", None)


def _build_time() -> str:
    import datetime as dt

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def get_generators(pelican):
    return DaftarPagesGenerator


def register():
    signals.all_generators_finalized.connect(on_generators)
    signals.get_generators.connect(get_generators)
