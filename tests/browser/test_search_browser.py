"""Search in a real browser: lunr.js 2.3.9 over the index that lunr.py built."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

ZARIF = {"000_45a8cd35f748c1ef", "003_e296fb844f5b8a25"}


def result_ids(page: Page) -> set[str]:
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    return set(page.locator("#search-results li").evaluate_all("els => els.map(e => e.dataset.id)"))


@pytest.mark.parametrize("query", ["ظریف", "ظريف"])
def test_persian_and_arabic_spelling_find_both_articles(page: Page, base_url_site, query):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base_url_site}/search.html?q={query}")
    assert result_ids(page) == ZARIF
    assert errors == []


def test_arabic_query_finds_arabic_article(page: Page, base_url_site):
    page.goto(f"{base_url_site}/search.html?q=حاتمي")
    assert result_ids(page) == {"004_f8f504ff7063314d"}


def test_no_results_message_in_page_language(page: Page, base_url_site):
    page.goto(f"{base_url_site}/search.html?q=zzzzqqq")
    assert result_ids(page) == set()
    expect(page.locator("#search-status")).to_contain_text("نتیجه‌ای یافت نشد.")
    expect(page.locator("#search-status a")).to_have_text("zzzzq*")  # a suggestion


def test_results_link_to_articles_and_work_under_a_sub_path(page: Page, sub_path_site):
    page.goto(f"{sub_path_site}/search.html?q=ظریف")
    assert result_ids(page) == ZARIF
    page.locator("#search-results li a").first.click()
    expect(page).to_have_url(f"{sub_path_site}/articles/000_45a8cd35f748c1ef.html")
    expect(page.locator("h1")).to_contain_text("ظریف")


def test_search_box_submits_to_search_page(page: Page, base_url_site):
    page.goto(f"{base_url_site}/index.html")
    page.fill("#site-q", "ظریف")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search.html?q=*")
    assert result_ids(page) == ZARIF


def test_query_text_is_never_rendered_as_html(page: Page, base_url_site):
    page.goto(f"{base_url_site}/search.html?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    result_ids(page)
    assert page.locator("#search-results img").count() == 0


@pytest.mark.parametrize("path,lang", [
    ("articles/000_45a8cd35f748c1ef.html", "fa"),
    ("articles/003_e296fb844f5b8a25.html", "ar"),
    ("index.html", "fa"),
    ("search.html", "fa"),
])
def test_pages_compute_rtl(page: Page, base_url_site, path, lang):
    page.goto(f"{base_url_site}/{path}")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == lang


def test_entity_alias_finds_other_language_spelling_ranked_below_exact(page: Page, base_url_site):
    """شويغو (Arabic spelling) also finds the Persian article that writes شویگو, after 004."""
    page.goto(f"{base_url_site}/search.html?q=شويغو")
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    ids = page.locator("#search-results li").evaluate_all("els => els.map(e => e.dataset.id)")
    assert ids[0] == "004_f8f504ff7063314d"
    assert "001_852857aac5fed212" in ids
