"""The data files, feeds and sitemap as pure functions, read back by pandas, feedparser and lxml."""
from __future__ import annotations

import io
import json

import pytest

from daftar_exports import feeds, options, records, sitemap

REC = {"id": "a", "lang": "fa", "title": "T", "title_source": "stated", "url": "articles/a.html",
       "date": "2013-08-28T14:00+04:00", "date_source": "stated", "outlet": "O"}


# --- CSV / JSON ---------------------------------------------------------------------------------
@pytest.mark.parametrize("description,value,cell", [
    ("formula", '=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
    ("plus", "+1+1", "'+1+1"),
    ("minus (also a Persian list dash)", "- بند", "'- بند"),
    ("at", "@SUM(A1)", "'@SUM(A1)"),
    ("tab", "\t=1", "'\t=1"),
    ("carriage return", "\r=1", "'\r=1"),
    ("ordinary text is unchanged", "ظریف: همکاری", "ظریف: همکاری"),
    ("an equals sign inside is fine", "a=b", "a=b"),
], ids=lambda v: v if isinstance(v, str) and " " in v else None)
def test_csv_cells_never_formulas(description, value, cell):
    text = records.articles_csv([{"id": "a", "title": value}])
    import csv

    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert rows[0]["title"] == cell, description
    # the JSON download keeps the text as the page has it
    assert json.loads(records.articles_json([{"id": "a", "title": value}]))[0]["title"] == value


def test_csv_dates_one_form_each_and_pandas_parses_them():
    import pandas as pd

    recs = [{"id": "a", "date": "2020-07-22T03:12Z"}, {"id": "b", "date": "2020-08-22"},
            {"id": "c", "date": "2013-08-28T14:00+04:00"}, {"id": "d", "date": "2013-08-28T14:00"},
            {"id": "e", "date": None, "captured": "2024-11-21"}]
    text = records.articles_csv(recs)
    assert text.startswith("\ufeff") and "\r\n" in text
    df = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), parse_dates=["date", "captured"])
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert list(df["date"].dt.strftime("%Y-%m-%d").fillna("")) == ["2020-07-22", "2020-08-22", "2013-08-28",
                                                                      "2013-08-28", ""]
    assert list(df["datetime"].fillna("")) == ["2020-07-22T03:12:00Z", "", "2013-08-28T14:00:00+04:00",
                                               "2013-08-28T14:00:00", ""]  # no zone where none is stated
    assert pd.api.types.is_datetime64_any_dtype(df["captured"])


def test_data_dictionary_documents_every_column_and_key():
    readme = records.data_dictionary()
    header = records.articles_csv([]).lstrip("\ufeff").split("\r\n")[0].split(",")
    keys = json.loads(records.articles_json([{"id": "a"}]))[0].keys()
    for name in [*header, *keys]:
        assert f"| `{name}` |" in readme, name
    assert readme.count("\n| `") == len(records.FIELDS)


def test_records_of_old_and_new_shape_both_export():
    new = dict(REC, relayed_from="ایرنا", desk="بین‌الملل", truncated=True, date_reference="2024-11-21")
    for r in (REC, new, {"id": "bare"}):
        assert records.articles_csv([r]) and json.loads(records.articles_json([r]))[0]["id"] == r["id"]


# --- feeds ----------------------------------------------------------------------------------------
def _feed(recs, **kw):
    args = dict(title="دفتر (all)", feed_path="feeds/all.atom.xml", home_path="index.html",
                base="https://e.org/d", records=recs, lang="fa", max_entries=50,
                build_time="2024-11-21T00:00:00Z")
    args.update(kw)
    return feeds.atom(**args)


def test_feed_dates_keep_the_stated_zone_only():
    import feedparser

    recs = [dict(REC, id="z", url="articles/z.html", date="2020-07-22T03:12Z"),
            dict(REC, id="o", url="articles/o.html"),
            dict(REC, id="n", url="articles/n.html", date="2013-08-29T09:30"),
            dict(REC, id="d", url="articles/d.html", date="2020-08-22")]
    xml, left = _feed(recs)
    assert left == []
    assert "<published>2020-07-22T03:12:00Z</published>" in xml
    assert "<published>2013-08-28T14:00:00+04:00</published>" in xml
    assert "<published>2013-08-29T09:30:00</published>" in xml  # no invented Z
    assert "<published>2020-08-22T00:00:00</published>" in xml
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0 and len(parsed.entries) == 4


def test_feed_entries_credit_the_page_never_the_archive():
    recs = [dict(REC, id="p", url="articles/p.html", author="نویسنده"),
            dict(REC, id="q", url="articles/q.html", outlet=None, source_url="https://www.aftabir.com/x"),
            dict(REC, id="r", url="articles/r.html", outlet=None, lang="ar")]
    import feedparser

    parsed = feedparser.parse(_feed(recs)[0])
    assert sorted(e.author for e in parsed.entries) == sorted(["نویسنده", "aftabir.com", "غير معروف"])
    assert "author" not in parsed.feed  # every entry names its own


def test_feed_undated_entries_honest_or_left_out():
    import feedparser

    recs = [dict(REC, id="u", url="articles/u.html", date=None, date_source=None, captured="2024-11-21"),
            dict(REC, id="v", url="articles/v.html", date=None, date_source=None),
            dict(REC, id="w", url="articles/w.html", date="2024-01-15", date_source="inferred")]
    xml, left = _feed(recs)
    assert left == [("v", "no known date and no capture date"), ("w", "year inferred and no capture date")]
    parsed = feedparser.parse(xml)
    assert len(parsed.entries) == 1 and "published" not in parsed.entries[0]
    assert "<updated>2024-11-21T00:00:00</updated>" in xml


def test_feed_capped_newest_first_and_text_safe():
    import feedparser

    recs = [dict(REC, id=f"a{i}", url=f"articles/a{i}.html", date=f"2020-01-{i + 1:02d}",
                 title=f"<b>{i}</b>\x00\x1b & \u2028") for i in range(30)]
    xml, _ = _feed(recs, max_entries=5)
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0
    assert [e.id.rsplit("/", 1)[1] for e in parsed.entries] == [f"a{i}.html" for i in (29, 28, 27, 26, 25)]
    assert parsed.entries[0].title == "<b>29</b> &"


# --- sitemap ----------------------------------------------------------------------------------------
def test_sitemap_index_and_parts_at_the_base():
    from lxml import etree

    pages = [sitemap.Page(f"articles/{i:03d}.html", "2020-08-22" if i % 2 else None) for i in range(25)]
    pages += [sitemap.Page("404.html"), sitemap.Page("articles/000.html")]  # unlisted, duplicate
    files = dict(sitemap.sitemap_files("https://e.org/d", pages, max_urls=10))
    assert list(files) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = etree.fromstring(files["sitemap.xml"].encode())
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locs = []
    for name in list(files)[1:]:
        root = etree.fromstring(files[name].encode())
        locs += [u[0].text for u in root]
    assert len(locs) == 25 and len(set(locs)) == 25 and not any("404" in u for u in locs)


@pytest.mark.parametrize("description,rec,lastmod", [
    ("stated day", {"date": "2020-08-22", "date_source": "stated"}, "2020-08-22"),
    ("stated time with zone", {"date": "2020-07-22T03:12Z", "date_source": "stated"}, "2020-07-22T03:12:00Z"),
    ("time without zone: the day only", {"date": "2013-08-28T14:00", "date_source": "stated"}, "2013-08-28"),
    ("curator's date", {"date": "2022-06-15", "date_source": "override"}, "2022-06-15"),
    ("inferred year: not a known date", {"date": "2024-01-15", "date_source": "inferred"}, None),
    ("undated", {"date": None}, None),
])
def test_lastmod_only_for_known_dates(description, rec, lastmod):
    assert sitemap.lastmod(rec) == lastmod, description


def test_robots_only_at_a_host_root():
    assert sitemap.robots("https://user.github.io/daftar") is None
    assert "Sitemap: https://archive.example.org/sitemap.xml" in sitemap.robots("https://archive.example.org")


# --- settings -------------------------------------------------------------------------------------
@pytest.mark.parametrize("description,settings,message", [
    ("unknown key", {"DAFTAR_EXPORTS_FEEDS": 3}, "unknown setting DAFTAR_EXPORTS_FEEDS"),
    ("feed cap not a number", {"DAFTAR_EXPORTS_FEED_ENTRIES": "50"}, "DAFTAR_EXPORTS_FEED_ENTRIES"),
    ("sitemap limit above the protocol's", {"DAFTAR_EXPORTS_SITEMAP_MAX_URLS": 60_000}, "from 1 to 50000"),
    ("relative preview base", {"DAFTAR_EXPORTS_PREVIEW_URL": "/daftar"}, "DAFTAR_EXPORTS_PREVIEW_URL"),
    ("relative SITEURL", {"SITEURL": "daftar"}, "SITEURL must be an absolute"),
    ("retired duplicate", {"DAFTAR_CANONICAL_URL": "https://e.org"}, "DAFTAR_CANONICAL_URL is retired"),
])
def test_bad_settings_are_named(description, settings, message):
    errors = options.validate(settings)
    assert len(errors) == 1 and errors[0].startswith("daftar_exports: ") and message in errors[0], errors


def test_good_settings_pass_and_bases_follow_siteurl():
    assert options.validate({"SITEURL": "https://e.org/d", "DAFTAR_EXPORTS_FEED_ENTRIES": 20}) == []
    assert options.bases({"SITEURL": ""}) == options.Bases(None, None)
    assert options.bases({"SITEURL": "", "DAFTAR_EXPORTS_PREVIEW_URL": "http://127.0.0.1:8000/"}).preview
