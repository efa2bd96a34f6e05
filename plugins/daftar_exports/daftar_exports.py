"""Pelican adapter: raw seed copies, articles.json/.csv, and per-article record fields.

Runs on ``all_generators_finalized``: every article's record (from the reader) gets its URLs,
then the raw seeds are copied byte for byte to ``output/raw/`` and the data files written.
"""
from __future__ import annotations

import logging
import os
import shutil

from pelican import signals
from pelican.generators import ArticlesGenerator

from .records import articles_csv, articles_json

logger = logging.getLogger(__name__)


def articles_of(generators) -> list:
    for g in generators:
        if isinstance(g, ArticlesGenerator):
            return list(g.articles)
    return []


def complete_records(generators) -> None:
    """Add URLs and display data to each article's record (before pages are written)."""
    try:
        from daftar_text.calendars import format_date
    except ImportError:  # pragma: no cover - calendars.py ships with the package
        format_date = None
    for art in articles_of(generators):
        rec = art.daftar
        rec["url"] = art.url
        rec["raw_url"] = f"raw/{rec['slug']}.txt"
        rec.setdefault("entities", [])
        rec.setdefault("related", [])
        if format_date:
            rec["date_display"] = format_date(rec.get("date"), rec["lang"]) if rec.get("date") else {}
            rec["captured_display"] = format_date(rec.get("captured"), rec["lang"]) if rec.get("captured") else {}


def write_exports(generators) -> None:
    arts = articles_of(generators)
    if not arts:
        return
    out = arts[0].settings["OUTPUT_PATH"]
    raw_dir = os.path.join(out, "raw")
    data_dir = os.path.join(out, "data")
    os.makedirs(raw_dir, exist_ok=True)
    os.makedirs(data_dir, exist_ok=True)
    for art in arts:
        dest = os.path.join(out, art.daftar["raw_url"])
        shutil.copyfile(art.source_path, dest)  # byte for byte
    records = [a.daftar for a in arts]
    with open(os.path.join(data_dir, "articles.json"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(articles_json(records))
    with open(os.path.join(data_dir, "articles.csv"), "w", encoding="utf-8", newline="") as fh:
        fh.write(articles_csv(records))
    logger.info("daftar: wrote %d records and raw copies", len(records))


def on_generators(generators):
    complete_records(generators)
    write_exports(generators)


def register():
    signals.all_generators_finalized.connect(on_generators)
