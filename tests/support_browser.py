"""Helpers shared by the browser tests."""
from __future__ import annotations

from playwright.sync_api import Page, expect


def open_page(page: Page, url: str) -> None:
    """Go to ``url`` and wait until it is complete: web fonts loaded and, for a search, the
    results drawn."""
    page.goto(url)
    if "search.html?q=" in url:
        expect(page.locator("#search-status")).not_to_be_empty()
        expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    page.evaluate("document.fonts.ready.then(() => true)")
