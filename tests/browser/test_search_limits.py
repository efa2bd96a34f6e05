"""Issue 11 in the browser: query length, word count and prefix width are capped with a message
on the page, contradictory filters are explained instead of silently giving nothing, and a
10,000-character query of prefix terms finishes (the tab does not freeze). Also: only the shards
a query needs are fetched, and results beyond the first page come with "More results"."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from support import build_site


def search(page: Page, base: str, query: str, **params) -> list[str]:
    extra = "".join(f"&{k}={quote(str(v))}" for k, v in params.items())
    page.goto(f"{base}/search.html?q={quote(query)}{extra}")
    expect(page.locator("#search-status")).not_to_be_empty()
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    return page.locator("#search-results li").evaluate_all("els => els.map(e => e.dataset.id.slice(0, 3))")


def notes(page: Page) -> str:
    return " ".join(page.locator("#search-status .search-note").all_inner_texts())


def test_ten_thousand_characters_of_prefix_terms_finish_with_a_message(page: Page, base_url_site):
    ids = search(page, base_url_site, ("ظری* " * 2000)[:10000])
    assert ids == ["000", "003"]  # the first words are still searched
    assert "۳۰۰" in notes(page)  # only the first 300 characters


def test_too_many_words_are_cut_with_a_message(page: Page, base_url_site):
    search(page, base_url_site, " ".join(["ظریف"] * 20))
    assert "۱۲" in notes(page)


def test_one_letter_prefix_is_refused_with_a_message(page: Page, base_url_site):
    assert search(page, base_url_site, "ا*") == []
    assert "ا*" in notes(page)


@pytest.mark.parametrize("params,shown", [
    ({"from": 2022, "to": 2020}, "۲۰۲۲"),        # from after to
    ({"from": 3000}, "۲۰"),                        # outside the archive's years
    ({"from": 20}, "20"),                          # not a year
    ({"outlet": "العالم", "lang": "fa"}, "العالم"),  # an Arabic outlet, Persian articles
])
def test_contradictory_filters_are_explained(page: Page, base_url_site, params, shown):
    assert search(page, base_url_site, "ظریف", **params) == []
    assert shown in notes(page)
    expect(page.locator("#search-status a")).to_have_count(0)  # no suggestion: the words are fine


def test_filters_that_remove_every_result_say_so(page: Page, base_url_site):
    assert search(page, base_url_site, "حاتمي", lang="fa") == []
    assert "۱" in notes(page)  # one article matches the words


@pytest.fixture(scope="module")
def small_shards_site(tmp_path_factory):
    """The seeds with tiny shards (many files) and one result a page."""
    return build_site(tmp_path_factory.mktemp("shards") / "out", DAFTAR_SEARCH_SHARD_BYTES=400,
                      DAFTAR_SEARCH_PAGE_SIZE=1)


def test_a_query_fetches_only_its_shards_and_pages_its_results(page: Page, small_shards_site):
    total = len(list((small_shards_site / "data" / "search" / "s").glob("*.js")))
    base = small_shards_site.resolve().as_uri()  # from a folder: file:// works too
    fetched = []
    page.on("request", lambda r: fetched.append(r.url.split("/data/search/")[-1]) if "/data/search/" in r.url else None)
    assert search(page, base, "ظریف") == ["000"]
    shards = [u for u in fetched if u.startswith("s/")]
    assert total > 20 and 1 <= len(shards) <= 2, (total, shards)
    assert not [u for u in fetched if u.startswith("p/")]  # positions only for phrases
    assert [u for u in fetched if u.startswith("d/")] == ["d/0.js"]
    page.click("#search-more")
    expect(page.locator("#search-results li")).to_have_count(2)
    expect(page.locator("#search-more")).to_be_hidden()
    assert search(page, base, '"شورای حکام"') == ["002"]
    assert [u for u in fetched if u.startswith("p/")]


@pytest.fixture(scope="module")
def hub_site(tmp_path_factory):
    """The seeds with every word a hub word (postings best first, in blocks) and one result a
    page: the top-k path of Sharded.search on every query."""
    return build_site(tmp_path_factory.mktemp("hubs") / "out", DAFTAR_SEARCH_HUB_DF=1,
                      DAFTAR_SEARCH_PAGE_SIZE=1)


def status(page: Page) -> str:
    return page.locator("#search-status").inner_text()


HUB_QUERIES = [("ظریف", {}), ("ايران روسيه", {}), ("همکاری", {"lang": "fa"}), ("ظريف", {"lang": "ar"}),
               ("zzzzqqq", {}), ("روسیه", {"entity": "zarif"}), ("حاتمي", {"lang": "fa"})]


@pytest.mark.parametrize("query,params", HUB_QUERIES)
def test_hub_words_rank_and_count_as_the_whole_postings_do(page: Page, small_shards_site, hub_site, query, params):
    """Every page of results, their order and the count and notes are the same whether a word's
    postings are fetched whole or best first in blocks as far as the results shown need."""
    def all_pages(site):
        fetched = []

        def seen(r):
            if "/data/search/" in r.url:
                fetched.append(r.url.split("/data/search/")[-1])
        page.on("request", seen)
        ids = search(page, site.resolve().as_uri(), query, **params)
        while page.locator("#search-more").is_visible():
            n = len(ids)
            page.click("#search-more")
            expect(page.locator("#search-results li")).to_have_count(n + 1)
            ids = page.locator("#search-results li").evaluate_all("els => els.map(e => e.dataset.id.slice(0, 3))")
        page.remove_listener("request", seen)
        return ids, status(page), fetched

    whole_ids, whole_status, whole_files = all_pages(small_shards_site)
    hub_ids, hub_status, hub_files = all_pages(hub_site)
    assert hub_ids == whole_ids and hub_status == whole_status
    assert not [f for f in whole_files if f.startswith(("h/", "m/"))]
    if whole_ids:
        assert [f for f in hub_files if f.startswith("m/")]  # the result set from membership files
