"""Zotero-style check: the page's citation_* tags, its JSON-LD and the CSL-JSON/BibTeX/RIS
downloads parse and agree with articles.json."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from support import seed_paths


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name", "").startswith(("citation_", "DC.")):
            self.meta.setdefault(a["name"], []).append(a.get("content", ""))
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_endtag(self, tag):
        self._in_ld = False if tag == "script" else self._in_ld

    def handle_data(self, data):
        if self._in_ld:
            self.ld.append(data)


@pytest.mark.parametrize("stem", [p.stem for p in seed_paths()])
def test_citation_formats_agree(site, stem):
    rec = {r["id"]: r for r in json.loads((site / "data" / "articles.json").read_text("utf-8"))}[stem]
    head = _Head()
    head.feed((site / rec["url"]).read_text("utf-8"))
    m = head.meta
    csl = json.loads((site / "cite" / f"{rec['slug']}.csl.json").read_text("utf-8"))[0]
    ld = json.loads("".join(head.ld))
    bib = (site / "cite" / f"{rec['slug']}.bib").read_text("utf-8")
    ris = (site / "cite" / f"{rec['slug']}.ris").read_text("utf-8")

    assert m["citation_title"] == [rec["title"]] == [csl["title"]] == [ld["headline"]]
    assert csl["type"] == "article-newspaper" and ris.startswith("TY  - NEWS")
    assert m["citation_language"] == [rec["lang"]] == [csl["language"]] == [ld["inLanguage"]]
    if rec["date"]:
        ymd = rec["date"][:10]
        assert m["citation_publication_date"] == [ymd.replace("-", "/")]
        assert csl["issued"]["date-parts"] == [[int(x) for x in ymd.split("-")]]
        assert ld["datePublished"] == rec["date"]
        assert f"date = {{{ymd}}}" in bib and f"DA  - {ymd.replace('-', '/')}" in ris
    else:  # never a made-up date anywhere
        assert "citation_publication_date" not in m and "issued" not in csl and "datePublished" not in ld
        assert "date = " not in bib and "DA  - " not in ris
    if rec["outlet"]:
        assert m["citation_journal_title"] == [rec["outlet"]] == [csl["container-title"]]
        assert ld["publisher"]["name"] == rec["outlet"]
    if rec["author"]:
        assert m["citation_author"] == [rec["author"]] and csl["author"] == [{"literal": rec["author"]}]
    assert re.search(r"^@article\{daftar_\w+,$", bib, re.M)
    assert bib.count("{") == bib.count("}")
    assert ris.rstrip().endswith("ER  -")
