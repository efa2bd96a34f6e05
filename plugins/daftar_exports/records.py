"""The researchers' download: one record per article, as JSON and CSV, and their data dictionary.

Pure functions over the per-article record the reader produced. :data:`FIELDS` is the one list
of exported fields: the CSV columns, the JSON keys and the data dictionary (``data/README.md``)
are all made from it, so they cannot drift apart. Fields are read with ``.get()``: a field a
record lacks is exported empty. Output is stable (records by id, keys sorted) so that two builds
of the same seeds are byte-identical.

Dates are exported in one form per field: ``date`` is the day (YYYY-MM-DD) and ``datetime`` the
full timestamp when the page states a time (with its zone only when it states one), so
``pandas.read_csv(parse_dates=["date"])`` gives datetimes.

The CSV is for spreadsheets as much as for scripts: UTF-8 *with* a byte-order mark (without it
LibreOffice and Excel read the file in the system's charset and garble every Persian and Arabic
cell), CRLF row ends (RFC 4180), and a text cell that begins with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return written with a leading apostrophe, so that no spreadsheet runs a
scraped page's text as a formula.
"""
from __future__ import annotations

import csv
import io
import json
from typing import NamedTuple

from .timestamps import split


class Field(NamedTuple):
    name: str
    csv: bool  # a CSV column too (JSON has every field)
    description: str


#: Every exported field, in column order.
FIELDS: list[Field] = [
    Field("id", True, "Stable identifier of the article: the seed's file name without `.txt`."),
    Field("lang", True, "Language of the article: `fa` (Persian) or `ar` (Arabic)."),
    Field("title", True, "Headline as the page states it; for a page with no headline, a title derived "
                         "from its opening sentence (see `title_source`)."),
    Field("title_source", True, "`stated` (the page's headline), `derived` (made by the archive from the "
                                "lead; citations give it in [brackets]) or `override` (set by a curator)."),
    Field("date", True, "Publication day, YYYY-MM-DD (Gregorian; converted from the calendar the page "
                        "used). Empty when the page states no date."),
    Field("datetime", True, "Full publication timestamp, YYYY-MM-DDTHH:MM:SS, followed by the zone "
                            "(`Z` or ±HH:MM) only when the page states one. Empty when the page states "
                            "only a day."),
    Field("date_source", True, "`stated`, `inferred` (the year was inferred from the stated weekday), `unresolved` (a day and month with no year and nothing to infer it from) or "
                               "`override` (a curator's)."),
    Field("date_text", True, "The date exactly as the page writes it."),
    Field("date_calendar", True, "Calendar the page writes the date in: `jalali`, `hijri` or `gregorian`."),
    Field("captured", True, "Day the page was copied (YYYY-MM-DD), when the page or a curator states it."),
    Field("captured_datetime", True, "Time the page was copied (as `datetime`), when a time is stated."),
    Field("outlet", True, "Publishing outlet the page names (or its known web address implies)."),
    Field("agencies", True, "News agencies the article credits (CSV: joined by `; `)."),
    Field("author", True, "Author the page names."),
    Field("byline", True, "Byline line as the page writes it."),
    Field("category", True, "Section or category the page states."),
    Field("news_code", True, "The outlet's own number for the article."),
    Field("views", True, "View count the page showed when it was copied (a whole number)."),
    Field("source_url", True, "Address of the original page, as the page states it (not checked)."),
    Field("relayed_from", True, "Sources the text quotes as reporting (a page relays them; CSV: joined by `; `)."),
    Field("desk", True, "The outlet's desk or service the page names (e.g. its international desk)."),
    Field("dateline", True, "Place of the dateline that opens the article."),
    Field("url", True, "The article's page in the archive, relative to the site's root."),
    Field("raw_url", True, "The seed as copied, byte for byte, relative to the site's root."),
    Field("sha256", True, "SHA-256 of the raw copy."),
    Field("entities", True, "People, places and topics found in the article: ids of `data/entities.json` "
                            "(CSV: joined by `; `)."),
    Field("related", True, "Ids of related articles, closest first (CSV: joined by `; `)."),
    Field("cluster", True, "The same story elsewhere: id of the cluster of near-duplicates and same-event "
                           "reports this article belongs to (empty when none)."),
    Field("same_story", True, "Ids of the other articles of its cluster (CSV: joined by `; `)."),
    Field("truncated", True, "True when the page's text ends cut off (the copy stops mid-sentence)."),
    Field("date_reference", True, "For an inferred year: the date it was inferred against (YYYY-MM-DD)."),
    Field("date_reference_source", True, "Where that reference date comes from: `page` (its own capture "
                                         "line), `sidecar` (a curator's `captured`) or `setting` (the "
                                         "collection's capture date)."),
    Field("updated", True, "A last-updated date the page states (kept apart from publication)."),
    Field("lead", True, "First paragraph of the cleaned text."),
    Field("slug", False, "File name of the article's page (without `.html`)."),
    Field("dir", False, "Writing direction of the article: `rtl` or `ltr`."),
    Field("encoding", False, "Character encoding the seed was read in."),
    Field("raw_size", False, "Size of the raw copy in bytes."),
    Field("cleaning", False, "Cleaning rules that changed the text, with how often."),
    Field("title_marker", False, "Marker the page put after its headline (e.g. a video badge), kept apart."),
    Field("source_file", False, "Name of the seed file."),
]

#: The full-text download, beside the metadata: one JSON object a line, gzip-compressed.
CORPUS = "data/corpus.jsonl.gz"

CSV_FIELDS = [f.name for f in FIELDS if f.csv]
JSON_FIELDS = [f.name for f in FIELDS]

#: Fields computed here from the record's stated date and capture date.
_DATE_FIELDS = {"date", "datetime", "captured", "captured_datetime"}

#: Characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def public_record(rec: dict) -> dict:
    """The exported fields of a reader record (None when unknown), dates split into one form each.

    >>> r = public_record({"id": "a", "date": "2020-07-22T03:12Z", "captured": "2024-11-21"})
    >>> r["date"], r["datetime"], r["captured"], r["captured_datetime"], r["outlet"]
    ('2020-07-22', '2020-07-22T03:12:00Z', '2024-11-21', None, None)
    """
    out = {k: rec.get(k) for k in JSON_FIELDS if k not in _DATE_FIELDS}
    d, c = split(rec.get("date")), split(rec.get("captured"))
    out["date"], out["datetime"] = (d.date, d.datetime) if d else (None, None)
    out["captured"], out["captured_datetime"] = (c.date, c.datetime) if c else (None, None)
    return out


def articles_json(records: list[dict]) -> str:
    """Pretty, stable JSON (sorted keys; records ordered by id).

    >>> print(articles_json([{"id": "b", "lang": "fa"}, {"id": "a", "lang": "ar"}])[:40].split()[:3])
    ['[', '{', '"agencies":']
    """
    recs = sorted((public_record(r) for r in records), key=lambda r: r["id"])
    return json.dumps(recs, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def csv_cell(value) -> str | int:
    """A CSV cell: lists joined by "; ", None empty, a text that a spreadsheet would take for a
    formula prefixed with an apostrophe (strip one leading ``'`` before ``= + - @`` to get it back).

    >>> csv_cell(["a", "b"]), csv_cell(None), csv_cell('=HYPERLINK("x")'), csv_cell("-2"), csv_cell(7)
    ('a; b', '', '\\'=HYPERLINK("x")', "'-2", 7)
    """
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(x) for x in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def articles_csv(records: list[dict]) -> str:
    """CSV with a header row (UTF-8 BOM first, CRLF row ends).

    >>> text = articles_csv([{"id": "a", "agencies": ["ایرنا", "تسنیم"]}])
    >>> text.startswith("\\ufeffid,lang,"), text.split("\\r\\n")[1][:10]
    (True, 'a,,,,,,,,,')
    """
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_FIELDS)
    for r in sorted((public_record(r) for r in records), key=lambda r: r["id"]):
        w.writerow([csv_cell(r.get(k)) for k in CSV_FIELDS])
    return buf.getvalue()


def data_dictionary() -> str:
    """data/README.md: every field of articles.csv and articles.json, from :data:`FIELDS`.

    >>> "| `datetime` | yes |" in data_dictionary()
    True
    """
    out = [
        "# Daftar's data files",
        "",
        "`articles.json` holds one object per article with every field below; `articles.csv` holds",
        "the fields marked *CSV* as columns, one row per article, in this order. An unknown value is",
        "`null` in JSON and an empty cell in CSV. This file is generated with the data: it lists",
        "exactly the fields that are written. Both hold metadata; the cleaned full text of every",
        "article is `corpus.jsonl.gz`: one JSON object a line, `{\"id\", \"lang\", \"title\", \"text\"}`",
        "(paragraphs separated by a blank line), in id order, gzip-compressed",
        "(`zcat corpus.jsonl.gz`, `pandas.read_json(\"corpus.jsonl.gz\", lines=True)`).",
        "",
        "`articles.csv` is UTF-8 with a byte-order mark (so LibreOffice and Excel read Persian and",
        "Arabic right), rows end in CRLF, lists are joined by `; `. A text cell that begins with",
        "`=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading apostrophe (`'`) so",
        "that no spreadsheet runs it as a formula: remove one leading apostrophe before such a",
        "character to get the text as the page has it (`articles.json` has it unchanged).",
        "",
        "Dates: `date` is always YYYY-MM-DD, so",
        "`pandas.read_csv(\"articles.csv\", parse_dates=[\"date\", \"captured\"])` gives datetimes;",
        "`datetime` keeps the stated time and zone (parse it with",
        "`pandas.to_datetime(df[\"datetime\"], format=\"ISO8601\")` per zone: times with no stated",
        "zone are local times of the outlet, not UTC). Nothing is dated that the page does not date.",
        "",
        "| field | CSV | meaning |",
        "| --- | --- | --- |",
    ]
    out += [f"| `{f.name}` | {'yes' if f.csv else 'no'} | {f.description} |" for f in FIELDS]
    return "\n".join(out) + "\n"
