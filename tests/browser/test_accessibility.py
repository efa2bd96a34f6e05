"""Accessibility in a real browser: axe-core on every page type in both colour schemes, the skip
link, a focus ring that can be seen, no sideways scrolling on a 360 px phone, and a print
stylesheet that keeps the article, its metadata and citation but drops navigation and search.

axe-core (bundled by axe-playwright-python) skips, in its color-contrast rule, any text whose
font it takes for an icon-ligature font: it draws the first letter alone and compares it with
the shaped text, and after three "ligatures" in one font-family it skips that family for the
rest of the run. Arabic-script shaping always looks like a ligature to that probe, so on our
pages contrast would silently go unchecked (5 of 58 text nodes checked on a Persian article).
``run_axe`` primes axe's per-run font cache so every family counts as "not an icon font" —
the site uses no icon fonts — and the contrast of the Persian and Arabic text is really checked.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from support_browser import assert_axe_clean, open_page, run_axe

#: One page of every type: home, a Persian and an Arabic article, a search with results, the
#: archive (all, one month), both language listings, an outlet listing, the about pages, 404.
PAGES = [
    "index.html",
    "articles/000_45a8cd35f748c1ef.html",
    "articles/003_e296fb844f5b8a25.html",
    "search.html?q=ظریف",
    "archives.html",
    "archives/2020-07.html",
    "fa/index.html",
    "ar/index.html",
    "outlets/index.html",
    "pages/about-fa.html",
    "pages/about-ar.html",
    "404.html",
    "entities/index.html",
    "entities/lavrov.html",
    "entities/zarif.html",
    "archives/2020.html",
    "outlets/alalam.ir.html",
    "outlets/aftabir.com.html",
]

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(page: Page, base_url_site, path, scheme):
    assert_axe_clean(page, f"{base_url_site}/{path}", scheme)


def test_axe_really_checks_arabic_script_contrast(page: Page, base_url_site):
    """Guard for the workaround above: faint Persian text must be reported."""
    open_page(page, f"{base_url_site}/articles/000_45a8cd35f748c1ef.html")
    page.evaluate("document.querySelector('.article-body p').style.color = '#ddd'")
    ids = {v["id"] for v in run_axe(page)["violations"]}
    assert "color-contrast" in ids


def test_dark_scheme_is_applied(page: Page, base_url_site):
    """The dark run above is only meaningful if the page really turns dark."""
    lum = "(() => { const m = getComputedStyle(document.documentElement).backgroundColor.match(/\\d+/g); return (+m[0] + +m[1] + +m[2]) / 765; })()"
    page.emulate_media(color_scheme="dark")
    open_page(page, f"{base_url_site}/index.html")
    assert page.evaluate(lum) < 0.3
    page.emulate_media(color_scheme="light")
    assert page.evaluate(lum) > 0.7


@pytest.mark.parametrize("path", ["index.html", "articles/003_e296fb844f5b8a25.html"])
def test_skip_link_is_first_and_moves_focus_to_main(page: Page, base_url_site, path):
    open_page(page, f"{base_url_site}/{path}")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_attribute("href", re.compile(r"#main$"))
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith("#main")


def _relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((_relative_luminance(a), _relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(css: str) -> tuple[int, int, int]:
    return tuple(int(x) for x in re.findall(r"\d+", css)[:3])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_links_show_a_visible_focus_ring(page: Page, base_url_site, scheme):
    """Keyboard focus on a link draws an outline ≥ 2 px with ≥ 3:1 contrast (WCAG 1.4.11)."""
    page.emulate_media(color_scheme=scheme)
    open_page(page, f"{base_url_site}/articles/000_45a8cd35f748c1ef.html")
    bg = _rgb(page.evaluate("getComputedStyle(document.documentElement).backgroundColor"))
    for _ in range(3):  # skip link, site name, first navigation link
        page.keyboard.press("Tab")
        style = page.evaluate("""(() => { const e = document.activeElement, s = getComputedStyle(e);
            return {tag: e.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor}; })()""")
        assert style["tag"] == "A"
        assert style["style"] not in ("none", "hidden") and style["width"] >= 2, style
        assert _contrast(_rgb(style["color"]), bg) >= 3, style


ARTICLES = ["articles/000_45a8cd35f748c1ef.html", "articles/003_e296fb844f5b8a25.html"]


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_at_360_px(page: Page, base_url_site, path):
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, f"{base_url_site}/{path}")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path} is {width} px wide at a 360 px viewport"


@pytest.mark.parametrize("path", ARTICLES)
def test_print_shows_article_and_metadata_not_navigation(page: Page, base_url_site, path):
    open_page(page, f"{base_url_site}/{path}")
    page.emulate_media(media="print")
    for hidden in (".site-header nav", ".search-form", ".skip-link", ".site-footer"):
        expect(page.locator(hidden)).to_be_hidden()
    for shown in ("article h1", "article .article-body", "article dl.meta", "article time"):
        expect(page.locator(shown).first).to_be_visible()
    assert page.locator(".article-body p").first.inner_text().strip()
    citation = page.locator("#cite-h")
    if citation.count():
        expect(citation).to_be_visible()
