"""Groupings of the collection for listing pages: by language, year, month and outlet.

Pure functions over article records (``ArticleRecord`` or plain dicts with the same keys);
the archive generator renders them.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict


from daftar_seeds.record import newest_first as sort_key


def _get(rec, key):
    return rec.get(key) if isinstance(rec, dict) else getattr(rec, key, None)


def outlet_slug(name: str) -> str:
    """ASCII, stable, collision-free slug for an outlet name (Persian/Arabic names hash).

    >>> outlet_slug("CNN بالعربية").startswith("cnn-")
    True
    >>> outlet_slug("آفتاب") == outlet_slug("آفتاب")
    True
    """
    ascii_part = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()).strip("-")
    digest = hashlib.sha1(name.strip().encode("utf-8")).hexdigest()[:10]
    return f"{ascii_part[:30]}-{digest}" if ascii_part else f"o-{digest}"


def by_period(records: list[dict]) -> dict:
    """{year: {month: [records]}} for dated records (year/month as 'YYYY' and 'MM')."""
    out: dict = defaultdict(lambda: defaultdict(list))
    for r in sorted(records, key=sort_key):
        d = _get(r, "date")
        if d:
            out[d[:4]][d[5:7]].append(r)
    return {y: dict(ms) for y, ms in out.items()}


def by_outlet(records: list[dict]) -> dict[str, list[dict]]:
    out: dict = defaultdict(list)
    for r in sorted(records, key=sort_key):
        if r.get("outlet"):
            out[r.get("outlet")].append(r)
    return dict(out)


def month_counts(records: list[dict]) -> list[dict]:
    """Articles per month, Persian and Arabic apart, for the timeline (oldest first, no gaps).

    >>> [c["month"] for c in month_counts([{"date": "2020-11-02", "lang": "fa"}, {"date": "2021-01-05", "lang": "ar"}])]
    ['2020-11', '2020-12', '2021-01']
    """
    counts: dict = defaultdict(lambda: {"fa": 0, "ar": 0, "other": 0})
    for r in records:
        d, lang = _get(r, "date"), _get(r, "lang")
        if d:
            counts[d[:7]][lang if lang in ("fa", "ar") else "other"] += 1
    if not counts:
        return []
    # every month between the first and the last, so the bars show time to scale
    first, last = min(counts), max(counts)
    y, m = int(first[:4]), int(first[5:7])
    months = []
    while f"{y:04d}-{m:02d}" <= last and len(months) < 1200:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return [{"month": k, **counts.get(k, {"fa": 0, "ar": 0, "other": 0})} for k in months]
