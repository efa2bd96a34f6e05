"""Cross-links in the built site: entity pages, entities.json, linked first mentions, related."""
from __future__ import annotations

import json
import re

EXPECTED = {
    "zarif": ["000", "003"], "lavrov": ["000", "001", "002", "003"], "shoigu": ["001", "004"],
    "putin": ["000", "002", "003"], "jcpoa": ["000", "003"], "yemen": ["001", "002"],
    "syria": ["002", "004"],
}


def test_entities_json_and_pages(site):
    ents = {e["id"]: e for e in json.loads((site / "data" / "entities.json").read_text("utf-8"))}
    for eid, prefixes in EXPECTED.items():
        e = ents[eid]
        assert sorted(a[:3] for a in e["articles"]) == prefixes, eid
        assert set(e["names"]) == {"fa", "ar", "en"} and e["url"] == f"entities/{eid}.html"
        page = (site / e["url"]).read_text("utf-8")
        listed = re.findall(r'href="\.\./articles/(\d{3})_', page)
        assert sorted(set(listed)) == prefixes, eid
    assert (site / "entities" / "index.html").is_file()


def test_articles_record_entities_and_related(site):
    recs = {r["id"][:3]: r for r in json.loads((site / "data" / "articles.json").read_text("utf-8"))}
    assert "zarif" in recs["000"]["entities"] and "zarif" in recs["003"]["entities"]
    assert recs["000"]["related"][0].startswith("003") and recs["003"]["related"][0].startswith("000")
    assert any(r.startswith("001") for r in recs["004"]["related"])


def test_first_mention_linked_once_and_related_shown(site):
    html = (site / "articles" / "003_e296fb844f5b8a25.html").read_text("utf-8")
    body = html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    assert body.count('href="../entities/zarif.html"') == 1
    assert 'class="related"' in html and "../articles/000_45a8cd35f748c1ef.html" in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    mentions = json.loads(ld)["mentions"]
    assert {"@type": "Place", "name": "Russia", "sameAs": "https://www.wikidata.org/wiki/Q159"} in mentions


def test_search_cards_carry_each_articles_entities(site):
    """The index is written before the links stage runs: each result card's entities come from
    the article's analysis, and are the article's entities, in the same order."""
    recs = {r["id"]: r for r in json.loads((site / "data" / "articles.json").read_text("utf-8"))}
    cards = []
    for p in sorted((site / "data" / "search" / "d").glob("*.js")):
        if not p.stem.isdigit():  # d/<rank>.1.js: the rest of a snippet source
            continue
        m = re.match(r'daftarData\("[^"]*",(.*)\);\n$', p.read_text("utf-8"), re.S)
        cards.append(json.loads(m.group(1)))
    assert sorted(c["id"] for c in cards) == sorted(recs)
    for c in cards:
        assert c["entities"] == recs[c["id"]]["entities"], c["id"]
    assert any(c["entities"] for c in cards)
