"""The self-hosted web fonts in a real browser: each language's text is drawn with its own face,
from the site's own WOFF2 files, and no request leaves the site.

Chromium reports the faces that actually rendered a node (DevTools ``CSS.getPlatformFontsForNode``),
so this catches a wrong family name, a broken url() or a subset missing the letters in use —
all of which would otherwise fall back silently to a system font.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from support_browser import open_page

CASES = [
    # page, node, family that must draw all of it
    ("articles/000_45a8cd35f748c1ef.html", "h1", "Vazirmatn"),
    ("articles/000_45a8cd35f748c1ef.html", ".article-body p", "Vazirmatn"),
    ("articles/003_e296fb844f5b8a25.html", "h1", "Noto Naskh Arabic"),
    ("articles/003_e296fb844f5b8a25.html", ".article-body p", "Noto Naskh Arabic"),
    ("articles/003_e296fb844f5b8a25.html", "dl.meta time", "Noto Naskh Arabic"),
]


def rendered_fonts(page: Page, selector: str) -> list[dict]:
    """The faces Chromium used to draw the first node matching ``selector``."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no {selector} on the page"
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


@pytest.mark.parametrize("path,selector,family", CASES)
def test_text_is_drawn_with_the_self_hosted_face(page: Page, base_url_site, path, selector, family):
    open_page(page, f"{base_url_site}/{path}")
    fonts = rendered_fonts(page, selector)
    assert fonts and all(f["familyName"] == family and f["isCustomFont"] for f in fonts), fonts


@pytest.mark.parametrize("path", ["index.html", "articles/000_45a8cd35f748c1ef.html",
                                  "articles/003_e296fb844f5b8a25.html", "search.html?q=ظریف"])
def test_no_request_leaves_the_site(page: Page, base_url_site, path):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, f"{base_url_site}/{path}")
    assert any(u.endswith(".woff2") for u in requests), "no web font was loaded"
    assert [u for u in requests if not u.startswith(base_url_site)] == []


#: The code points of the "extended" font files (fonts.json), as a JS regular expression class.
def _extended_class() -> str:
    import json
    from pathlib import Path

    spec = json.loads((Path(__file__).resolve().parents[2] / "themes/daftar/fonts/fonts.json").read_text("utf-8"))
    parts = []
    for r in spec["ranges"]["arabic-extended"]:
        lo, _, hi = r[2:].partition("-")
        parts.append(f"\\u{lo}" + (f"-\\u{hi}" if hi else ""))
    return "[" + "".join(parts) + "]"


@pytest.mark.parametrize("path", ["articles/000_45a8cd35f748c1ef.html", "articles/003_e296fb844f5b8a25.html",
                                  "search.html?q=ظریف"])
def test_a_page_loads_the_extended_files_only_when_its_text_needs_them(page: Page, base_url_site, path):
    """The unicode-range split: ordinary Persian or Arabic text draws from the core files; an
    extended file is fetched exactly when the page shows one of its characters."""
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, f"{base_url_site}/{path}")
    page.evaluate("document.fonts.ready")
    fonts = [u.rsplit("/", 1)[1] for u in requests if u.endswith(".woff2")]
    assert any("-core-" in f for f in fonts), fonts
    needs = page.evaluate("(cls) => new RegExp(cls, 'u').test(document.body.innerText + document.title)",
                          _extended_class())
    assert any("-extended-" in f for f in fonts) == needs, (needs, fonts)


@pytest.mark.parametrize("path,family,other", [("fa/index.html", "vazirmatn", "noto-naskh-arabic"),
                                               ("ar/index.html", "noto-naskh-arabic", "vazirmatn")])
def test_the_menu_link_to_the_other_language_fetches_no_second_family(page: Page, base_url_site, path, family, other):
    """A page with no text in the other language (a language's listing) fetches only its own
    family: the one word of the language menu in the other language is drawn with the page's face."""
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, f"{base_url_site}/{path}")
    page.evaluate("document.fonts.ready")
    other_lang = "ar" if other == "noto-naskh-arabic" else "fa"
    outside_menu = page.evaluate(
        "(l) => [...document.querySelectorAll(`[lang=${l}]`)].filter(e => !e.closest('.site-header nav'))"
        ".map(e => e.textContent.trim()).filter(Boolean)", other_lang)
    assert outside_menu == [], outside_menu  # the premise: only the menu speaks the other language
    fonts = [u.rsplit("/", 2)[1] for u in requests if u.endswith(".woff2")]
    assert family in fonts and other not in fonts, fonts
    menu = rendered_fonts(page, f".site-header nav a[lang={other_lang}]")
    assert menu and all(f["familyName"].lower().replace(" ", "-") == family for f in menu), menu
