"""The researchers' download: one record per article, as JSON and CSV.

Pure functions over the per-article record the reader produced; field order is fixed and
keys are sorted so that two builds of the same seeds are byte-identical.
"""
from __future__ import annotations

import csv
import io
import json

#: Columns of articles.csv, in order (lists are joined with "; ").
CSV_FIELDS = [
    "id", "lang", "title", "title_source", "date", "date_source", "date_text", "captured",
    "outlet", "agencies", "author", "byline", "category", "news_code", "views", "source_url", "dateline",
    "url", "raw_url", "sha256", "entities", "related", "lead",
]

#: Fields of a record that belong in articles.json (the reader's record has more, e.g. HTML).
JSON_FIELDS = CSV_FIELDS + ["slug", "dir", "encoding", "raw_size", "cleaning", "title_marker",
                            "date_calendar", "source_file"]


def public_record(rec: dict) -> dict:
    """The exported subset of a reader record, with every JSON field present (None if unknown)."""
    return {k: rec.get(k) for k in JSON_FIELDS}


def articles_json(records: list[dict]) -> str:
    """Pretty, stable JSON (sorted keys; records ordered by id).

    >>> print(articles_json([{"id": "b", "lang": "fa"}, {"id": "a", "lang": "ar"}])[:40].split()[:3])
    ['[', '{', '"agencies":']
    """
    recs = sorted((public_record(r) for r in records), key=lambda r: r["id"])
    return json.dumps(recs, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def articles_csv(records: list[dict]) -> str:
    """CSV with a header row; lists joined by "; ", None as empty.

    >>> articles_csv([{"id": "a", "agencies": ["ایرنا", "تسنیم"]}]).splitlines()[1][:12]
    'a,,,,,,,,,ای'
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    for r in sorted(records, key=lambda r: r["id"]):
        row = []
        for k in CSV_FIELDS:
            v = r.get(k)
            if isinstance(v, (list, tuple)):
                v = "; ".join(str(x) for x in v)
            row.append("" if v is None else v)
        w.writerow(row)
    return buf.getvalue()
