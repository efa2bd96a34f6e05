"""A paginated listing's page navigation in Chromium: one wrapping row of nearby page numbers in
the page's digits (no list markers), bounded whatever the number of pages, every link a real
page, legible at 360 px."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from support import SEEDS, build_site, copy_seeds
from support_browser import describe, open_page, run_axe


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory, served):
    tmp = tmp_path_factory.mktemp("paged")
    seeds = copy_seeds(tmp / "seeds")
    sources = sorted(SEEDS.glob("*.txt"))
    for i in range(60):  # 12 copies of each seed: 36 Persian articles, 8 pages of 5
        src = sources[i % len(sources)]
        (seeds / f"copy-{i:02d}.txt").write_bytes(src.read_bytes() + f"\n{i}\n".encode())
    out = build_site(tmp / "out", seeds, DAFTAR_ARCHIVE_PER_PAGE=5)
    return out, served(out)


@pytest.mark.parametrize("width", [360, 1280])
def test_pager_is_a_row_of_page_digits(page: Page, paged_site, width):
    out, url = paged_site
    pages = sorted(out.glob("fa/index*.html"))
    assert len(pages) >= 6, pages
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, f"{url}/fa/index.4.html")
    nav = page.locator("nav.pager")
    text = nav.inner_text()
    assert not re.search(r"[0-9]", text), text  # Persian digits only, no list markers
    assert page.evaluate("getComputedStyle(document.querySelector('nav.pager ol')).listStyleType") == "none"
    # a wrapping row, not a column of numbers (a column of 13 was 450 px high)
    height_px = nav.bounding_box()["height"]
    assert height_px < 200, height_px
    assert page.locator("nav.pager [aria-current=page]").inner_text() == "۴"
    for href in page.eval_on_selector_all("nav.pager a", "els => els.map(a => a.getAttribute('href'))"):
        assert (out / "fa" / href.replace("../fa/", "")).is_file(), href


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["fa/index.4.html", "ar/index.2.html"])
def test_a_further_listing_page_passes_axe(page: Page, paged_site, path, scheme):
    out, url = paged_site
    page.emulate_media(color_scheme=scheme)
    open_page(page, f"{url}/{path}")
    results = run_axe(page)
    assert results["violations"] == [], describe(results["violations"])
