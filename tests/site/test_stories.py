"""Story pages: one page per same-story cluster lists every report, oldest first, and an article
page shows only its nearest reports and a link to it (so a page does not grow with its cluster).

The five seeds make no cluster, so these builds add reposts of one seed (support.story_seeds).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from daftar_links.stories import nearest_reports, oldest_first
from support import build_site, story_seeds

BASE = "https://example.org/daftar"
COPIES = 6  # seven reports: more than the default bound of five


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """(site, ids of the story's reports) with the default bound; published, so it has a sitemap."""
    tmp = tmp_path_factory.mktemp("story")
    seeds, ids = story_seeds(tmp / "seeds", COPIES)
    return build_site(tmp / "out", seeds, SITEURL=BASE), ids


def _doc(site: Path, rel: str):
    """The page at ``rel``, its links made absolute (pages link relatively, SITEURL or not)."""
    doc = lxml_html.fromstring((site / rel).read_bytes())
    doc.make_links_absolute(f"{BASE}/{rel}")
    return doc


def _articles(site: Path) -> dict[str, dict]:
    return {a["id"]: a for a in json.loads((site / "data" / "articles.json").read_text("utf-8"))}


def _story_page(site: Path) -> Path:
    pages = sorted((site / "stories").glob("*.html"))
    assert len(pages) == 1, pages
    return pages[0]


def _story_rel(site: Path) -> str:
    return f"stories/{_story_page(site).name}"


def _section(site: Path, url: str):
    found = _doc(site, url).xpath('//section[@class="same-story"]')
    assert len(found) == 1
    return found[0]


def test_the_story_page_lists_every_report_once_oldest_first(story):
    site, ids = story
    arts = _articles(site)
    doc = _doc(site, _story_rel(site))
    hrefs = [a.get("href") for a in doc.xpath('//ol[@class="cards"]/li/a[@class="card-title"]')]
    expected = sorted((arts[i] for i in ids), key=oldest_first)
    assert hrefs == [f"{BASE}/{a['url']}" for a in expected]  # each once, oldest first
    assert len(set(hrefs)) == len(ids) == COPIES + 1
    dates = [t.get("datetime") for t in doc.xpath('//ol[@class="cards"]/li//span[@class="card-meta"]/time')]
    assert dates == sorted(dates)
    # every report but the first is a copy of an earlier one's text, and says which
    notes = doc.xpath('//ol[@class="cards"]/li')
    assert [bool(li.xpath('.//span[@class="card-note"]')) for li in notes] == [False] + [True] * COPIES
    earlier = {a.get("href") for a in doc.xpath('//span[@class="card-note"]/a')}
    assert earlier == {hrefs[0]}


def test_the_story_page_speaks_the_site_language_with_counts_in_its_digits(story):
    site, ids = story
    doc = _doc(site, _story_rel(site))
    assert doc.get("lang") == "fa"
    h1 = doc.xpath("//h1")[0].text_content()
    assert "۷" in h1 and not re.search(r"[A-Za-z0-9]", h1)
    assert doc.xpath('//article[@aria-labelledby="story-title"]')
    facts = doc.xpath('//dl[contains(@class, "story-facts")]')[0].text_content()
    assert "۷" in facts and "عربی" in facts


def test_the_story_page_is_in_the_sitemap(story):
    site, _ids = story
    listed = "".join(p.read_text("utf-8") for p in site.glob("sitemap*.xml"))
    assert f"<loc>{BASE}/stories/{_story_page(site).name}</loc>" in listed


def test_each_article_links_to_the_story_page_and_shows_at_most_the_bound(story):
    site, ids = story
    arts = _articles(site)
    page = f"{BASE}/stories/{_story_page(site).name}"
    for i in ids:
        sec = _section(site, arts[i]["url"])
        assert sec.get("aria-labelledby") == "story-h" and sec.xpath('.//h2[@id="story-h"]')
        cards = sec.xpath('.//li[@class="card"]/a[@class="card-title"]/@href')
        assert len(cards) == 5  # a cluster larger than the bound shows exactly the bound
        assert f"{BASE}/{arts[i]['url']}" not in cards
        link = sec.xpath('.//p[@class="story-link"]/a')
        assert [a.get("href") for a in link] == [page]
        assert re.search("[٧۷]", link[0].text_content()) and not re.search(r"[A-Za-z0-9]", link[0].text_content())
    # the other articles have no such section
    for aid, a in arts.items():
        if aid not in ids:
            assert not _doc(site, a["url"]).xpath('//section[@class="same-story"]')


def test_an_article_shows_the_reports_nearest_in_date(story):
    """The cards are the nearest five (here all copies), oldest first."""
    site, ids = story
    arts = _articles(site)
    me = arts[ids[-1]]  # the original seed
    others = [(i, arts[i]["date"], "duplicate") for i in ids if i != me["id"]]
    want = [f"{BASE}/{arts[o[0]]['url']}" for o in nearest_reports(me["date"], others, 5)]
    sec = _section(site, me["url"])
    assert sec.xpath('.//a[@class="card-title"]/@href') == want


def test_the_bound_is_a_setting_and_all_shown_still_links(tmp_path):
    seeds, ids = story_seeds(tmp_path / "seeds", 2)
    site = build_site(tmp_path / "out", seeds, DAFTAR_LINKS_SAME_STORY=1)
    arts = _articles(site)
    for i in ids:
        sec = _section(site, arts[i]["url"])
        assert len(sec.xpath('.//li[@class="card"]')) == 1
        assert sec.xpath('.//p[@class="story-link"]/a/@href')
    site = build_site(tmp_path / "out2", seeds, DAFTAR_LINKS_SAME_STORY=10)
    arts = _articles(site)
    for i in ids:
        sec = _section(site, arts[i]["url"])
        assert len(sec.xpath('.//li[@class="card"]')) == 2  # every other report, and still the link
        assert sec.xpath('.//p[@class="story-link"]/a/@href') == [f"{BASE}/{_story_rel(site)}"]


def test_the_seeds_alone_have_no_story_pages(site):
    assert not (site / "stories").exists()
