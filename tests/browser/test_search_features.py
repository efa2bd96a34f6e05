"""Issue 7 in the browser: inflected forms, exact above stemmed, prefix, phrase, snippets,
filters, sort, URL round-trip."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

A = {p: f"{p}_{h}" for p, h in [("000", "45a8cd35f748c1ef"), ("001", "852857aac5fed212"),
                                  ("002", "9fc85bbee14b492f"), ("003", "e296fb844f5b8a25"),
                                  ("004", "f8f504ff7063314d")]}


def search(page: Page, base: str, query: str, **params) -> list[str]:
    extra = "".join(f"&{k}={quote(str(v))}" for k, v in params.items())
    page.goto(f"{base}/search.html?q={quote(query)}{extra}")
    expect(page.locator("#search-status")).not_to_be_empty()
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    return page.locator("#search-results li").evaluate_all("els => els.map(e => e.dataset.id.slice(0, 3))")


@pytest.mark.parametrize("query,expected", [
    ("همکاری", {"000", "001", "002"}),
    ("تحریم", {"000", "002"}),
    ("العلاقات", {"003", "004"}),
    ("ظری*", {"000", "003"}),
    ('"شورای حکام"', {"002"}),
    ('"وزير الدفاع"', {"001", "004"}),  # also the Persian "وزیر دفاع" (same words, stemmed)
])
def test_matching(page: Page, base_url_site, query, expected):
    assert set(search(page, base_url_site, query)) == expected


def test_exact_form_ranks_above_stem(page: Page, base_url_site):
    # "تحریم‌های" is written in 002 ("تحریم‌های اعمال شده") and in 000; both match, exact forms first
    ids = search(page, base_url_site, "تحریمها")
    assert ids and ids[0] == "002"


def test_phrase_needs_adjacent_words(page: Page, base_url_site):
    assert search(page, base_url_site, '"امنیت شورای"') == []


def test_snippet_marks_the_match_as_text(page: Page, base_url_site):
    search(page, base_url_site, "شویگو")
    marks = page.locator("#search-results li .snippet mark")
    assert marks.count() >= 1
    assert "شویگو" in marks.first.text_content() or "شويغو" in marks.first.text_content()


@pytest.mark.parametrize("params,expected", [
    ({"lang": "ar"}, {"003"}),
    ({"lang": "fa"}, {"000"}),
    ({"from": 2021}, {"000"}),
    ({"to": 2020}, {"003"}),
    ({"entity": "jcpoa"}, {"000", "003"}),
])
def test_filters(page: Page, base_url_site, params, expected):
    assert set(search(page, base_url_site, "ظریف", **params)) == expected


def test_outlet_filter_and_sort_by_date(page: Page, base_url_site):
    assert search(page, base_url_site, "لافروف", outlet="العالم") == ["003"]
    ids = search(page, base_url_site, "لاوروف", sort="date")
    assert ids[:2] == ["001", "000"] and ids[-1] == "002"  # newest first, undated last


def test_url_round_trip_fills_the_form(page: Page, base_url_site):
    search(page, base_url_site, "ظریف", lang="ar", sort="date")
    assert page.input_value("#q") == "ظریف"
    assert page.input_value("#f-lang") == "ar" and page.input_value("#f-sort") == "date"
    page.select_option("#f-lang", "fa")
    page.click("#search-page-form button[type=submit]")
    page.wait_for_url("**lang=fa**")
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    assert page.locator("#search-results li").evaluate_all("els => els.map(e => e.dataset.id.slice(0, 3))") == ["000"]


def test_a_match_past_the_result_files_head_fetches_the_rest_for_its_snippet(page: Page, base_url_site, site):
    """A result file holds the head of the snippet source; for a word only further on, the page
    fetches the rest (d/<rank>.1) and marks the word there."""
    import json
    import re

    def data(p):
        return json.loads(re.match(r'daftarData\("[^"]*",(.*)\);\n$', p.read_text("utf-8"), re.S).group(1))

    folder = site / "data" / "search" / "d"
    word, rank = None, None
    for p in sorted(folder.glob("*.1.js")):
        head = data(folder / p.name.replace(".1.js", ".js"))
        rest = data(p)
        for w in re.findall(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]{6,}", rest):
            if w[:4] not in head["text"] and w[:4] not in head["title"]:
                word, rank = w, p.name.split(".")[0]
                break
        if word:
            break
    assert word, "no seed has a word only past its result file's head"
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    search(page, base_url_site, word)
    marks = page.locator("#search-results li .snippet mark").all_text_contents()
    assert any(m[:4] == word[:4] for m in marks), (word, marks)
    assert any(u.endswith(f"/d/{rank}.1.js") for u in fetched), fetched
