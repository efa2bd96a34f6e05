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

from . import options, sitemap
from .records import articles_csv, articles_json, data_dictionary

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
        fh.write(articles_csv(records))  # starts with a BOM, rows end in CRLF
    write_data_dictionary(data_dir)
    logger.info("daftar: wrote %d records and raw copies", len(records))


def write_data_dictionary(data_dir: str) -> None:
    """data/README.md: every field of the data files, generated from records.FIELDS."""
    with open(os.path.join(data_dir, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(data_dictionary())


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


def add_site_urls(generators) -> None:
    """The absolute bases for templates (Pelican makes SITEURL relative in each page's context)."""
    for g in generators:
        b = options.bases(g.settings)
        g.context["daftar_site_url"] = b.site  # canonical links and og:url: only with SITEURL
        g.context["daftar_absolute_url"] = b.absolute  # feeds and sitemap exist only with a base
        g.context["daftar_unlisted"] = sorted(sitemap.UNLISTED)
        break


def on_generators(generators):
    add_site_urls(generators)
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


def canonical(settings, url: str) -> str | None:
    """The absolute URL of an output path (SITEURL, else the preview base), or None."""
    return options.absolute(options.bases(settings).absolute, url)


def decorate_article(art) -> None:
    """Citation strings and machine-readable metadata for the article template."""
    rec = art.daftar
    url = canonical(art.settings, art.url)
    slug = rec["slug"]
    rec["cite_urls"] = {"bib": f"cite/{slug}.bib", "ris": f"cite/{slug}.ris", "csl": f"cite/{slug}.csl.json"}
    art.daftar_reference = citations.reference(rec, url)
    art.daftar_reference_parts = citations.reference_parts(rec, url)
    art.daftar_citation_tags = citations.highwire_tags(rec, url)
    art.daftar_dublin_core = citations.dublin_core(rec, url)
    art.daftar_published_time = citations.published_time(rec)
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
        base = options.bases(s).site
        if base:
            writer.write_file("404.html", self.get_template("404"), self.context, relative_urls=False,
                              SITEURL=base)
        else:
            write("404.html", "404")
        self._write_files(records)

    def _write_files(self, records):
        write_citation_files(self.settings, self.output_path, records)
        write_feeds(self.settings, self.output_path, records)
        with open(os.path.join(self.output_path, ".nojekyll"), "w") as fh:
            fh.write("")


def write_citation_files(settings, out: str, records: list[dict]) -> None:
    """cite/<slug>.bib, .ris (CRLF) and .csl.json of every article."""
    os.makedirs(os.path.join(out, "cite"), exist_ok=True)
    for r in records:
        page = canonical(settings, r["url"])
        files = {
            r["cite_urls"]["bib"]: citations.bibtex(r, page),
            r["cite_urls"]["ris"]: citations.ris(r, page),
            r["cite_urls"]["csl"]: json.dumps([citations.csl_json(r, page)], ensure_ascii=False,
                                              sort_keys=True, indent=1) + "\n",
        }
        for rel_path, text in files.items():
            with open(os.path.join(out, rel_path), "w", encoding="utf-8", newline="") as fh:
                fh.write(text)


def write_feeds(settings, out: str, records: list[dict]) -> None:
    """feeds/{fa,ar,all}.atom.xml, when the build has an absolute base (else announce_bases said
    why there are none); the articles left out are logged once, with the reason."""
    base = options.bases(settings).absolute
    if not base:
        return
    cap = options.options(settings)["DAFTAR_EXPORTS_FEED_ENTRIES"]
    os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
    left_out: dict[str, str] = {}
    for lang in (*LANGS, "all"):
        recs = [r for r in records if lang == "all" or r["lang"] == lang]
        xml, left = feeds.atom(title=f"{settings.get('SITENAME', 'Daftar')} ({lang})",
                               feed_path=f"feeds/{lang}.atom.xml", home_path="index.html" if lang == "all"
                               else f"{lang}/index.html", base=base, records=recs,
                               lang=lang if lang != "all" else settings.get("DEFAULT_LANG", "fa"),
                               max_entries=cap, build_time=_build_time())
        left_out.update(left)
        with open(os.path.join(out, "feeds", f"{lang}.atom.xml"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(xml)
    if left_out:
        shown = "; ".join(f"{i} ({why})" for i, why in sorted(left_out.items())[:10])
        more = f" and {len(left_out) - 10} more" if len(left_out) > 10 else ""
        logger.info("daftar_exports: %d undated articles left out of the feeds (an Atom entry needs a "
                    "time): %s%s", len(left_out), shown, more)


def _build_time() -> str:
    import datetime as dt

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------------------
# Settings, the written pages and the sitemap (signals: initialized, content_written, finalized).
# --------------------------------------------------------------------------------------
#: Pages written by this build, per output folder (content_written -> finalized).
_WRITTEN: dict[str, list[sitemap.Page]] = {}


def announce_bases(pelican) -> None:
    """Validate the exports settings; say once what a build without SITEURL leaves out."""
    s = pelican.settings
    for err in options.validate(s):
        logger.error("%s", err)
    b = options.bases(s)
    if b.site is None and b.absolute is None:
        logger.info("daftar_exports: no SITEURL (a local preview): sitemap.xml and the Atom feeds are "
                    "not written (they need absolute URLs) and pages have no canonical link; set "
                    "SITEURL (publishconf.py), or DAFTAR_EXPORTS_PREVIEW_URL for a preview base")
    elif b.preview:
        logger.info("daftar_exports: no SITEURL: sitemap.xml and the Atom feeds use the preview base "
                    "%s; pages have no canonical link", b.absolute)
    _WRITTEN[os.path.abspath(s["OUTPUT_PATH"])] = []


def collect_page(path, context=None) -> None:
    """Remember each HTML page as Pelican writes it, with what the sitemap may say of it."""
    if not context or not str(path).endswith(".html"):
        return
    pages = _WRITTEN.get(os.path.abspath(context.get("OUTPUT_PATH", "")))
    name = context.get("output_file")
    if pages is None or not name:
        return
    art = context.get("article")
    rec = getattr(art, "daftar", None) if art is not None and getattr(art, "save_as", None) == name else None
    pages.append(sitemap.Page(name, sitemap.lastmod(rec) if rec else None, ALTERNATES.get(name, [])))


#: Pages that are language versions of each other (each lists all, itself included).
ALTERNATES = sitemap.alternate_groups([{lang: f"{lang}/index.html" for lang in LANGS}])


def write_sitemap(pelican) -> None:
    """sitemap.xml (or an index and its parts) of every page written, and robots.txt at a host root."""
    s = pelican.settings
    out = os.path.abspath(s["OUTPUT_PATH"])
    pages = _WRITTEN.pop(out, [])
    base = options.bases(s).absolute
    if not base:
        return
    files = sitemap.sitemap_files(base, pages, options.options(s)["DAFTAR_EXPORTS_SITEMAP_MAX_URLS"])
    for name, xml in files:
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(xml)
    robots = sitemap.robots(base)
    if robots:
        with open(os.path.join(out, "robots.txt"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(robots)
    else:
        logger.info("daftar_exports: robots.txt not written: crawlers read it only at a host's root, "
                    "and %s is below one; on a GitHub project site add \"Sitemap: %s\" to the "
                    "robots.txt of the host's root site (USER.github.io) or submit it to the search "
                    "engines", base, options.absolute(base, "sitemap.xml"))
    listed = len(sitemap.public_pages(pages))
    logger.info("daftar_exports: sitemap of %d pages in %d file(s)", listed, len(files))


def get_generators(pelican):
    return DaftarPagesGenerator


def register():
    signals.initialized.connect(announce_bases)
    signals.all_generators_finalized.connect(on_generators)
    signals.get_generators.connect(get_generators)
    signals.content_written.connect(collect_page)
    signals.finalized.connect(write_sitemap)
