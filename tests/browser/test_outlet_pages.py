"""Outlet pages worth visiting: the name in both scripts where the directory knows it, the
host, the article count by language, the timeline, a readable address; an index that says
what its counts are."""
from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from support_browser import open_page

PAGE_DIGITS = {"fa": "[۰-۹]", "ar": "[٠-٩]"}


def _outlets(site):
    from daftar_seeds.outlets import directory

    articles = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    names = sorted({a["outlet"] for a in articles if a.get("outlet")})
    return [(n, directory().by_name.get(n), [a for a in articles if a.get("outlet") == n]) for n in names]


def test_outlet_pages_show_names_host_counts_and_timeline(page: Page, ui_site):
    lang = ui_site.lang
    known = [(n, o, arts) for n, o, arts in _outlets(ui_site.site) if o is not None]
    assert known, "no outlet of the seeds is in the directory"
    for name, outlet, arts in known:
        host = next((a["outlet_host"] for a in arts if a.get("outlet_host")), None) or outlet.hosts[0]
        assert (ui_site.site / "outlets" / f"{host}.html").is_file(), host
        open_page(page, f"{ui_site.url}/outlets/{host}.html")
        expect(page.locator("h1")).to_have_text(name)
        facts = page.locator("dl.outlet-facts")
        if outlet.en:
            expect(facts.locator("bdi[lang=en]")).to_have_text(outlet.en)
        expect(facts).to_contain_text(host)
        count = facts.locator("dd").last.inner_text()
        assert re.search(PAGE_DIGITS[lang], count) and not re.search(r"[0-9A-Za-z]", count), count
        expect(page.locator("svg.timeline")).to_have_count(1 if any(a.get("date") for a in arts) else 0)
        expect(page.locator("ol.cards > li")).to_have_count(len(arts))


def test_outlets_index_explains_its_counts(page: Page, ui_site):
    open_page(page, f"{ui_site.url}/outlets/index.html")
    intro = page.locator("main h1 + p").inner_text()
    assert len(intro.split()) > 10
    for card in page.locator("ul.outlets > li").all():
        href = card.locator("a.card-title").get_attribute("href")
        assert re.fullmatch(r"\.\./outlets/[a-z0-9][a-z0-9.-]*\.html", href), href
        meta = card.locator(".card-meta").inner_text()
        # «۱ مقاله (همه به فارسی) · aftabir.com»: a count in the page's digits, the language named
        count = meta.split("·")[0]
        assert re.search(PAGE_DIGITS[ui_site.lang], count) and not re.search(r"[0-9A-Za-z]", count), meta
