"""Integration: a real Pelican build of the seeds in a temporary folder."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from support import SEEDS, seed_paths, texts


def records(site: Path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((site / "data" / "articles.json").read_text("utf-8"))}


def test_five_seeds_five_pages_five_records(site):
    seeds = seed_paths()
    assert len(seeds) == 5
    recs = records(site)
    assert sorted(recs) == sorted(p.stem for p in seeds)
    for p in seeds:
        r = recs[p.stem]
        page = site / r["url"]
        assert page.is_file(), r["url"]
        assert r["url"] == f"articles/{p.stem}.html"  # URL from the id, never the title
        assert r["lang"] == ("fa" if p.name[:3] in {"000", "001", "002"} else "ar")


def test_record_fields_present(site):
    required = {"id", "lang", "title", "date", "url", "raw_url", "sha256"}
    full = texts(site)
    for r in records(site).values():
        assert required <= set(r), r["id"]
        assert "text" not in r  # metadata only: the full text is its own download
        assert full[r["id"]].strip()
        assert "\n\n" in full[r["id"]]  # paragraphs separated by blank lines


def test_raw_seed_copied_byte_for_byte_with_sha256(site):
    for r in records(site).values():
        raw = (site / r["raw_url"]).read_bytes()
        src = (SEEDS / (r["id"] + ".txt")).read_bytes()
        assert raw == src
        assert hashlib.sha256(raw).hexdigest() == r["sha256"]
        html = (site / r["url"]).read_text("utf-8")
        assert r["sha256"] in html
        assert f'href="../{r["raw_url"]}"' in html


def test_pages_are_rtl_in_their_own_language(site):
    for r in records(site).values():
        html = (site / r["url"]).read_text("utf-8")
        assert f'<html lang="{r["lang"]}" dir="rtl">' in html


def test_interface_speaks_the_page_language(site):
    recs = records(site)
    fa = (site / recs["002_9fc85bbee14b492f"]["url"]).read_text("utf-8")
    ar = (site / recs["003_e296fb844f5b8a25"]["url"]).read_text("utf-8")
    assert "جستجو" in fa and "بدون تاریخ" in fa  # 002 is undated
    assert ">بحث<" in ar


def test_undated_article_stays_undated_and_sorts_last(site):
    recs = records(site)
    r = recs["002_9fc85bbee14b492f"]
    assert r["date"] is None and r["date_source"] is None
    page = (site / r["url"]).read_text("utf-8")
    assert "بدون تاریخ" in page
    assert "1000" not in re.sub(r"[0-9a-f]{64}", "", page)  # the ordering sentinel never shows
    index = (site / "index.html").read_text("utf-8")
    order = re.findall(r'href="\./articles/([^"]+)\.html"', index)
    assert order[-1] == "002_9fc85bbee14b492f"
    # newest first for the dated ones
    dates = [recs[i]["date"][:10] for i in order[:-1]]
    assert dates == sorted(dates, reverse=True)


def test_no_root_absolute_links(site):
    """The site must work under a sub-path (GitHub project pages): no href="/..." or src="/..."."""
    for html in site.rglob("*.html"):
        text = html.read_text("utf-8")
        assert not re.search(r'(?:href|src|action)="/(?!/)', text), html


def test_search_index_written_with_our_pipeline(site):
    js = (site / "data" / "search" / "manifest.js").read_text("utf-8")
    assert js.startswith('daftarData("manifest",')
    payload = json.loads(js[len('daftarData("manifest",'):].rstrip().rstrip(";").rstrip(")"))
    assert payload["pipeline"] == ["daftar-normalise", "daftar-stem"]
    assert payload["documents"] == 5


def test_about_pages_rendered_by_markdown_it(site):
    fa = (site / "pages" / "about-fa.html").read_text("utf-8")
    ar = (site / "pages" / "about-ar.html").read_text("utf-8")
    assert '<html lang="fa" dir="rtl">' in fa and "<strong>دفتر</strong>" in fa
    assert '<html lang="ar" dir="rtl">' in ar and "<h2>" in ar


def test_csv_export_has_every_article(site):
    import csv

    rows = list(csv.DictReader((site / "data" / "articles.csv").open(encoding="utf-8-sig")))
    assert sorted(r["id"] for r in rows) == sorted(p.stem for p in seed_paths())
