"""The story page and an article's same-story block in a real browser: axe-core in both colour
schemes, no English in their chrome, and no sideways scrolling on a 360 px phone. The seeds
make no cluster, so these run on the ``story_site`` build (six reposts of one seed)."""
from __future__ import annotations

import sys

import pytest
from playwright.sync_api import Page

from support import ROOT
from support_browser import assert_axe_clean, open_page

sys.path.insert(0, str(ROOT / "tests" / "browser"))

KINDS = ["story", "article-story"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_violations(page: Page, story_site, kind, scheme):
    assert_axe_clean(page, f"{story_site.url}/{story_site.kinds[kind]}", scheme)


@pytest.mark.parametrize("kind", KINDS)
def test_chrome_holds_no_latin_letters_or_digits(page: Page, story_site, kind):
    from test_page_language import _COLLECT, SOURCE, _source_words, problems

    path = story_site.kinds[kind]
    open_page(page, f"{story_site.url}/{path}")
    found = problems(page.evaluate(_COLLECT, SOURCE), _source_words(story_site.site))
    assert found == [], f"{path}:\n" + "\n".join(found)


@pytest.mark.parametrize("kind", KINDS)
def test_no_sideways_scrolling_on_a_phone(page: Page, story_site, kind):
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, f"{story_site.url}/{story_site.kinds[kind]}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_story_link_leads_to_the_story_page(page: Page, story_site):
    open_page(page, f"{story_site.url}/{story_site.kinds['article-story']}")
    page.locator(".same-story .story-link a").click()
    assert page.url.endswith("/" + story_site.kinds["story"])
    assert page.locator("main .cards > li").count() == 7
