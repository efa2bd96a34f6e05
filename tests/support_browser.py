"""Helpers shared by the browser tests."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect


def open_page(page: Page, url: str) -> None:
    """Go to ``url`` and wait until it is complete: web fonts loaded and, for a search, the
    results drawn."""
    page.goto(url)
    if "search.html?q=" in url:
        expect(page.locator("#search-status")).not_to_be_empty()
        expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    page.evaluate("document.fonts.ready.then(() => true)")


# axe-core, primed so that Arabic-script text is contrast-checked (see test_accessibility.py).
_AXE = Axe()

#: Mark every font-family on the page as already measured and never a ligature icon font.
_NO_ICON_FONTS = """() => {
  const fonts = {};
  for (const el of document.querySelectorAll('*')) {
    fonts[getComputedStyle(el).fontFamily] = {occurrences: 1e9, numLigatures: 0};
  }
  axe._cache.set('fonts', fonts);
}"""


def run_axe(page: Page) -> dict:
    """axe-core's full default rule set on the page; returns its raw results."""
    page.evaluate(_AXE.axe_script)
    page.evaluate(_NO_ICON_FONTS)
    return page.evaluate("axe.run(document, {resultTypes: ['violations']})")


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): " + "; ".join(
        f"{' '.join(n['target'])} — {n.get('failureSummary', '')}" for n in v["nodes"][:5])
        for v in violations)


def assert_axe_clean(page: Page, url: str, scheme: str) -> None:
    """Open ``url`` in the ``scheme`` colour scheme: axe-core finds no violation there."""
    page.emulate_media(color_scheme=scheme)
    open_page(page, url)
    results = run_axe(page)
    assert results["violations"] == [], describe(results["violations"])
