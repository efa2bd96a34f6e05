"""Zotero-style check: the page's citation_* and DC.* tags, its JSON-LD and the CSL-JSON/BibTeX/RIS
downloads parse and agree with articles.json (local build: no absolute URL anywhere)."""
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
        if tag == "meta" and a.get("name", "").startswith(("citation_", "DC.", "daftar:")):
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
    ris = (site / "cite" / f"{rec['slug']}.ris").read_bytes().decode("utf-8")  # CRLF kept

    derived = rec["title_source"] == "derived"
    cited = f"[{rec['title']}]" if derived else rec["title"]
    assert m["citation_title"] == [cited] == [csl["title"]] == [ld["headline"]] == m["DC.title"]
    assert f"TI  - {cited}\r\n" in ris
    assert (m.get("daftar:title_source") == ["derived"]) is derived
    assert csl["type"] == "article-newspaper" and ris.startswith("TY  - NEWS\r\n")
    assert m["citation_language"] == [rec["lang"]] == [csl["language"]] == [ld["inLanguage"]]
    if rec["date"]:
        ymd = rec["date"]
        assert m["citation_publication_date"] == [ymd.replace("-", "/")]
        assert csl["issued"]["date-parts"] == [[int(x) for x in ymd.split("-")]]
        assert f"date = {{{ymd}}}" in bib and f"year = {{{ymd[:4]}}}" in bib
        assert f"DA  - {ymd.replace('-', '/')}" in ris
        if rec["date_source"] == "inferred":  # machine readers get no inferred date as a fact
            assert "datePublished" not in ld and "Year inferred" in csl["note"]
        else:
            assert ld["datePublished"] == (rec["datetime"] or rec["date"])
    else:  # never a made-up date anywhere
        assert "citation_publication_date" not in m and "issued" not in csl and "datePublished" not in ld
        assert "date = " not in bib and "year = " not in bib and "DA  - " not in ris
    if rec["outlet"]:
        assert m["citation_journal_title"] == [rec["outlet"]] == [csl["container-title"]]
        assert ld["publisher"]["name"] == rec["outlet"]
        assert f"journal = {{{rec['outlet']}}}" in bib and bib.startswith("@article{")
    else:
        assert "howpublished = " in bib and bib.startswith("@misc{")
    if rec["author"]:
        assert m["citation_author"] == [rec["author"]] and csl["author"] == [{"literal": rec["author"]}]
    assert re.search(r"^@(article|misc)\{daftar_\w+,$", bib, re.M)
    assert bib.count("{") == bib.count("}")
    assert ris.endswith("ER  - \r\n") and "\n" not in ris.replace("\r\n", "")
    # a local build has no absolute base: no page URL where an absolute one belongs
    assert "citation_public_url" not in m and "url" not in ld
    assert all(v.startswith("sha256:") for v in m["DC.identifier"])
    assert "articles/" not in csl["note"] and "articles/" not in bib and "articles/" not in ris
