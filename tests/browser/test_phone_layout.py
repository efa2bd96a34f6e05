"""The layout on a 360 px phone and a 1280 px screen, measured in a real browser.

* A search shows its first result on the first screen of a phone (within 800 px), the filters
  folded there and open on a wide screen.
* No word breaks inside itself, on any kind of page, in either interface language, at either
  width: each word's rendered line boxes (``Range.getClientRects`` over the word) sit on one
  line. URLs, hashes, paths and identifiers may break; words may not — not a Persian or Arabic
  word in the cleaning log's table, not a label.
* What must stay together stays on one line (``.nowrap``: "خوراک اتم (فارسی)", CSL-JSON; a
  legend key and its label).
* The timeline is legible: year labels at least 12 px high, in the page's digits.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from support_browser import open_page

PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
PAGE_DIGITS = {"fa": "۰۱۲۳۴۵۶۷۸۹", "ar": "٠١٢٣٤٥٦٧٨٩"}


@pytest.mark.parametrize("query_lang", ["fa", "ar"])
def test_first_search_result_is_on_a_phones_first_screen(page: Page, ui_site, query_lang):
    import json

    entities = json.loads((ui_site.site / "data" / "entities.json").read_text(encoding="utf-8"))
    person = max((e for e in entities if e.get("articles") and e["names"].get(query_lang)),
                 key=lambda e: (e.get("type") == "person", len(e["articles"])))
    page.set_viewport_size(PHONE)
    open_page(page, f"{ui_site.url}/search.html?q={person['names'][query_lang][0]}")
    first = page.locator("#search-results > li").first
    expect(first).to_be_visible()
    title = first.locator(".card-title").bounding_box()
    assert title["y"] + title["height"] <= 800, f"the first result's title ends at {title['y'] + title['height']:.0f} px"
    # the filters are folded (and still in the form, with their ids and names)
    expect(page.locator("details.filters-fold")).not_to_have_attribute("open", "")
    expect(page.locator("#f-lang")).to_be_hidden()
    assert page.locator("#search-page-form [name=lang]").count() == 1


def test_filters_are_open_on_a_wide_screen(page: Page, ui_site):
    page.set_viewport_size(WIDE)
    open_page(page, f"{ui_site.url}/{ui_site.kinds['search']}")
    for field in ("#f-lang", "#f-from", "#f-to", "#f-outlet", "#f-entity", "#f-sort"):
        expect(page.locator(field)).to_be_visible()
    expect(page.locator("details.filters-fold > summary")).to_be_hidden()


def test_folded_filters_open_and_keep_working_on_a_phone(page: Page, ui_site):
    page.set_viewport_size(PHONE)
    open_page(page, f"{ui_site.url}/{ui_site.kinds['search']}")
    page.locator("details.filters-fold > summary").click()
    expect(page.locator("#f-lang")).to_be_visible()
    before = page.locator("#search-results > li").count()
    page.select_option("#f-lang", "ar")
    page.locator("#search-page-form button[type=submit]").click()
    page.wait_for_url("**lang=ar**")
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    langs = page.locator("#search-results > li").evaluate_all("els => els.map(e => e.lang)")
    assert before and set(langs) <= {"ar"}


#: Every word of the page whose line boxes lie on more than one line.
_BROKEN_WORDS = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const WORD = /[\\p{L}\\p{M}\\p{N}\\u200c\\u200d]+/gu;
  // tokens that may break anywhere: URLs, paths, host and file names, hashes, identifiers
  const FREE = /:\\/\\/|\\/|[\\w-]\\.[\\w-]|_|^[0-9a-f]{16,}$/i;
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, noscript, template, option, .hash')) continue;
    const text = n.textContent;
    const size = parseFloat(getComputedStyle(el).fontSize) || 16;
    const tokens = text.matchAll(/\\S+/g);
    for (const t of tokens) {
      if (FREE.test(t[0])) continue;
      for (const w of t[0].matchAll(WORD)) {
        if (w[0].length < 2) continue;
        const r = document.createRange();
        r.setStart(n, t.index + w.index);
        r.setEnd(n, t.index + w.index + w[0].length);
        const rects = [...r.getClientRects()].filter(x => x.width > 0.5 && x.height > 0);
        if (rects.length < 2) continue;
        const tops = rects.map(x => x.top);
        if (Math.max(...tops) - Math.min(...tops) > size * 0.6)
          bad.push(w[0] + '  <' + el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + '>');
      }
    }
  }
  return bad;
}"""


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["360", "1280"])
def test_no_word_breaks_inside_itself(page: Page, ui_site, page_kind, viewport):
    path = ui_site.kinds.get(page_kind)
    if path is None:
        pytest.skip(f"the site has no {page_kind} page")
    page.set_viewport_size(viewport)
    open_page(page, f"{ui_site.url}/{path}")
    broken = page.evaluate(_BROKEN_WORDS)
    assert broken == [], f"{path} at {viewport['width']} px ({ui_site.lang} site): words split across lines:\n" + "\n".join(broken[:20])


def test_the_word_check_sees_a_split_word(page: Page, ui_site):
    """Guard: squeeze a cell until its word must split, and the check reports it."""
    page.set_viewport_size(PHONE)
    open_page(page, f"{ui_site.url}/{ui_site.kinds['article-fa']}")
    page.evaluate("""() => { const p = document.querySelector('.article-body p');
        p.style.inlineSize = '2.5em'; p.style.overflowWrap = 'anywhere'; }""")
    assert page.evaluate(_BROKEN_WORDS)


_LINE_BOXES = """sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length).map(e => {
  const tops = [...e.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top));
  return {text: e.textContent.trim(), lines: new Set(tops).size};
})"""


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["360", "1280"])
def test_what_belongs_together_stays_on_one_line(page: Page, ui_site, viewport):
    page.set_viewport_size(viewport)
    checked = []
    for kind in ("home", "article-fa", "article-ar", "entity"):
        open_page(page, f"{ui_site.url}/{ui_site.kinds[kind]}")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        for sel in (".nowrap", ".legend-item", ".badge"):
            boxes = page.evaluate(_LINE_BOXES, sel)
            checked += boxes
            assert all(b["lines"] == 1 for b in boxes), (kind, sel, boxes)
    texts = " ".join(b["text"] for b in checked)
    # the Arabic-language build links the feeds: their names are among the checked
    if ui_site.lang == "ar":
        assert "أتوم" in texts, texts
    assert "CSL-JSON" in texts


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["360", "1280"])
@pytest.mark.parametrize("kind", ["home", "entity", "year"])
def test_timeline_labels_are_legible_and_in_the_page_digits(page: Page, ui_site, kind, viewport):
    page.set_viewport_size(viewport)
    open_page(page, f"{ui_site.url}/{ui_site.kinds[kind]}")
    labels = page.evaluate("""() => [...document.querySelectorAll('svg.timeline text')].map(t => {
        const r = t.getBoundingClientRect(); return {text: t.textContent, height: r.height,
        size: parseFloat(getComputedStyle(t).fontSize), right: r.right, left: r.left}; })""")
    assert labels, "no year labels on the timeline"
    lang = page.evaluate("document.documentElement.lang")
    for lab in labels:
        assert lab["size"] >= 12 and lab["height"] >= 12, lab
        assert all(ch in PAGE_DIGITS[lang] for ch in lab["text"]), lab
    # labels never overlap one another
    spans = sorted((lab["left"], lab["right"]) for lab in labels)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans
    # the chart fits its column: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_timeline_bars_are_named_in_the_page_language(page: Page, ui_site):
    open_page(page, f"{ui_site.url}/index.html")
    names = page.locator("svg.timeline a").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert names
    lang = page.evaluate("document.documentElement.lang")
    for name in names:
        assert not any(c.isascii() and c.isalnum() for c in name), name
        assert any(c in PAGE_DIGITS[lang] for c in name), name
