"""Every page speaks its own language: no Latin letters and no Latin digits in its chrome.

Read in a real browser, every kind of page, with the site in Persian and in Arabic
(``DEFAULT_LANG``), every ``<details>`` opened: each visible text node and each accessible
name (``aria-label``, ``title``, ``alt``, ``placeholder``, and the options of every select).

* The page's own words (chrome) may hold Latin letters only in URLs, host and file names,
  hashes and identifiers (``000_45a8cd35f748c1ef``, ``Q1234``) and format names (BibTeX, RIS,
  CSL-JSON, JSON, CSV, Atom, SHA-256); a cleaning rule's code name only in its ``code.rule-id``.
* Text the page quotes — the seed's words, the gazetteer's and the outlet directory's names
  (inside ``<bdi>``, ``dir=auto``, the article body, the citation, an option) — may hold
  Latin words only when the source has them.
* Chrome numbers are written in the page's digits (۰–۹ on a Persian page, ٠–٩ on an Arabic
  one); only identifiers keep Latin digits.

The search page's result cards are drawn by search.js, owned by the search work: their
language badge still shows the code (``fa``), which is the one known failure below.
"""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page

from support import ROOT
from support_browser import open_page

#: Elements whose text is quoted from a source (seed, gazetteer, outlet directory).
SOURCE = ("bdi, [dir='auto'], .article-body, .reference, option, mark, .snippet, "
          "#search-results .card-title")
FORMAT_NAMES = {"bibtex", "ris", "csl-json", "csl", "json", "csv", "atom", "sha-256", "sha"}

_COLLECT = """(source) => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const out = [];
  const where = el => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement)
      parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
    return parts.join(' > ');
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, noscript, template, option')) continue;
    if (!/[A-Za-z0-9]/.test(n.textContent)) continue;
    const r = document.createRange(); r.selectNodeContents(n);
    if (![...r.getClientRects()].some(x => x.width > 0 && x.height > 0)) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    out.push({text: n.textContent, source: !!el.closest(source), rule: !!el.closest('code.rule-id'),
              where: where(el)});
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder], option')) {
    if (el.closest('head')) continue;
    const texts = el.tagName === 'OPTION' ? [el.textContent] :
      ['aria-label', 'title', 'alt', 'placeholder'].map(a => el.getAttribute(a)).filter(Boolean);
    for (const t of texts) out.push({text: t, source: true, rule: false, where: where(el) + ' [name]'});
  }
  return out;
}"""

#: Allowed in any text: URLs and paths, host and file names, hashes and identifiers.
_ALLOWED = re.compile(
    r"https?://\S+|\S*/\S*"  # URLs, paths (data/), dates written with slashes in the source
    r"|\b[\w-]+(?:\.[\w-]+)+\b"  # hosts and file names: aftabir.com, articles.json, 2020.07.22
    r"|\b(?=\w*[A-Za-z])(?=\w*\d)\w+\b"  # identifiers with letters and digits: sha256, Q1234, 000_45a8…
    r"|\b[0-9a-f]{16,}\b"
    r"|\b(?i:SHA-256|CSL-JSON)\b"  # format names with digits or a hyphen
)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_LATIN_DIGIT = re.compile(r"[0-9]")


def _source_words(site) -> set[str]:
    """Latin words the sources hold: raw seeds, gazetteer names, the outlet directory."""
    from daftar_seeds.outlets import directory

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in (site / "raw").glob("*.txt")]
    texts.append((site / "data" / "entities.json").read_text(encoding="utf-8"))
    for o in directory().outlets:
        texts += [o.name, o.en or "", *o.variants, *o.hosts]
    return {w.lower() for t in texts for w in _LATIN_WORD.findall(t)}


def _rule_names() -> set[str]:
    from daftar_seeds.clean import RULES

    return set(RULES.names())


def problems(nodes: list[dict], source_words: set[str]) -> list[str]:
    """Describe every text whose Latin letters or digits the rules above do not allow."""
    rules = _rule_names()
    out = []
    for n in nodes:
        text = n["text"]
        if n["rule"] and text.strip() in rules:
            continue
        rest = _ALLOWED.sub(" ", text)
        words = [w for w in _LATIN_WORD.findall(rest) if w.lower() not in FORMAT_NAMES]
        if n["source"]:
            words = [w for w in words if w.lower() not in source_words]
            digits = False  # a source's numbers stay as the source wrote them
        else:
            digits = bool(_LATIN_DIGIT.search(rest))
        if words or digits:
            what = ", ".join(words) + (" + Latin digits" if digits else "")
            out.append(f"{n['where']}: {text.strip()[:80]!r} ({what})")
    return out


@pytest.fixture(scope="module")
def source_words_of():
    cache: dict = {}

    def get(site):
        if site not in cache:
            cache[site] = _source_words(site)
        return cache[site]
    return get


def test_the_checker_catches_chrome_in_english():
    """The rules above, on known good and bad texts."""
    nodes = [
        {"text": "edited ×9", "source": False, "rule": False, "where": "td"},
        {"text": "fa", "source": False, "rule": False, "where": "span.badge"},
        {"text": "۱۲ اوت ۲۰۲۱، 13:26 UTC", "source": False, "rule": False, "where": "time"},
        {"text": "کد خبر 2955", "source": False, "rule": False, "where": "dd"},
        {"text": "take_label_value_lines", "source": False, "rule": False, "where": "td"},
        {"text": "take_label_value_lines", "source": False, "rule": True, "where": "code.rule-id"},
        {"text": "دریافت: BibTeX · RIS · CSL-JSON", "source": False, "rule": False, "where": "p"},
        {"text": "000_45a8cd35f748c1ef.txt", "source": False, "rule": False, "where": "a"},
        {"text": "اثر انگشت (SHA-256) 3e0ca9a42293c5af1cc37d2ea5818be527c28ff3fb77c4d63b41b499bd59b379",
         "source": False, "rule": False, "where": "dd"},
        {"text": "Thursday 21 November 2024", "source": True, "rule": False, "where": "bdi"},
        {"text": "Tuesday", "source": True, "rule": False, "where": "bdi"},
    ]
    found = problems(nodes, {"thursday", "november"})
    assert [f.split(":")[0] for f in found] == ["td", "span.badge", "time", "dd", "td", "bdi"]


@pytest.mark.parametrize("viewport", [1280])
def test_chrome_holds_no_latin_letters_or_digits(page: Page, ui_site, page_kind, viewport, source_words_of):
    path = ui_site.kinds.get(page_kind)
    if path is None:
        pytest.skip(f"the site has no {page_kind} page")
    page.set_viewport_size({"width": viewport, "height": 900})
    open_page(page, f"{ui_site.url}/{path}")
    nodes = page.evaluate(_COLLECT, SOURCE)
    found = problems(nodes, source_words_of(ui_site.site))
    assert found == [], f"{path} ({ui_site.lang} site):\n" + "\n".join(found)


def test_search_result_badges_name_the_language(page: Page, ui_site):
    open_page(page, f"{ui_site.url}/{ui_site.kinds['search']}")
    badges = page.locator("#search-results .badge").all_inner_texts()
    assert badges and not any(_LATIN_WORD.search(b) for b in badges), badges
