"""Pelican adapter: read every ``*.txt`` seed as an archive article.

The pure work happens in :mod:`daftar_seeds.document`; this module only maps settings,
registers the reader and turns a :class:`Document` into Pelican's (content, metadata).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import time
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.readers import BaseReader

from .document import Rejected, build_document
from .overrides import parse_sidecar

logger = logging.getLogger(__name__)

DEFAULTS = {
    "DAFTAR_SEEDS_PATH": "seeds",
    "DAFTAR_MAX_SEED_BYTES": 8 * 1024 * 1024,
    "DAFTAR_OTHER_LANGUAGES": "skip",  # or "publish": a non-fa/ar seed gets its own lang, dir=ltr
    "DAFTAR_REFERENCE_DATE": None,  # resolves year-less dates; default SOURCE_DATE_EPOCH or today
    "DAFTAR_SITE_NAME": {"fa": "دفتر", "ar": "دفتر"},
}

#: Pelican needs a date on every article. Undated articles get this value *only* for
#: ordering (it sorts them last, newest first); templates and exports show "unknown".
UNDATED = dt.datetime(1000, 1, 1, tzinfo=dt.timezone.utc)


#: Settings owned by the other daftar plugins (each validates its own).
OTHER_PLUGIN_SETTINGS = ("DAFTAR_CANONICAL_URL", "DAFTAR_LINKS_", "DAFTAR_SEARCH_", "DAFTAR_EXPORTS_",
                         "DAFTAR_THEME_")


def settings_with_defaults(settings) -> dict:
    return {k: settings.get(k, v) for k, v in DEFAULTS.items()}


def validate_settings(settings) -> None:
    """An unknown DAFTAR_ key is a typo that would silently do nothing: log an error."""
    for k in sorted(settings):
        if k.startswith("DAFTAR_") and k not in DEFAULTS and not k.startswith(OTHER_PLUGIN_SETTINGS):
            logger.error("daftar_seeds: unknown setting %s", k)


def reference_date(settings) -> dt.date:
    ref = settings.get("DAFTAR_REFERENCE_DATE")
    if isinstance(ref, dt.date):
        return ref
    if isinstance(ref, str) and ref:
        return dt.date.fromisoformat(ref)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def parse_iso(iso: str) -> dt.datetime:
    """ISO 8601 from the metadata stage -> aware datetime (a stated offset is kept)."""
    d = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return d if d.tzinfo else d.replace(tzinfo=dt.timezone.utc)


def read_sidecar(source_path: str) -> dict:
    """The curator's ``<id>.meta.yaml`` beside the seed, validated; errors are logged."""
    side = os.path.splitext(source_path)[0] + ".meta.yaml"
    if not os.path.exists(side):
        return {}
    with open(side, encoding="utf-8", errors="replace") as fh:
        values, errors = parse_sidecar(fh.read(), side)
    for err in errors:
        logger.error("daftar: curator override ignored: %s", err)
    return values


class SeedReader(BaseReader):
    """Reads a scraped news page (``.txt``) from the seeds folder."""

    enabled = True
    file_extensions = ["txt"]

    def read(self, source_path):
        conf = settings_with_defaults(self.settings)
        stem = Path(source_path).stem
        with open(source_path, "rb") as fh:
            raw = fh.read()
        started = time.perf_counter()
        overrides = read_sidecar(source_path)
        doc = build_document(raw, stem, reference=reference_date(self.settings),
                             max_bytes=conf["DAFTAR_MAX_SEED_BYTES"],
                             other_languages=conf["DAFTAR_OTHER_LANGUAGES"], overrides=overrides)
        if isinstance(doc, Rejected):
            logger.warning("daftar: seed %s not published: %s", source_path, doc.reason)
            return "", {"status": "skip", "title": stem}
        f = doc.fields
        record = {
            "id": doc.id, "slug": doc.slug, "lang": doc.lang, "dir": doc.dir,
            "title": doc.title, "sha256": doc.sha256, "encoding": doc.encoding,
            "raw_size": doc.raw_size, "source_file": os.path.basename(source_path),
            "text": doc.text, "paragraphs": doc.paragraphs, "cleaning": doc.cleaning,
            "cleaning_log": doc.cleaning_log,
            # the body as HTML, built here from escaped paragraphs (daftar_links adds entity links)
            "body_html": Markup("\n").join(Markup("<p>{}</p>").format(p) for p in doc.paragraphs),
            **{k: v for k, v in f.items() if k != "title"},
        }
        metadata = {
            "title": doc.title,
            "slug": doc.slug,
            "lang": doc.lang,
            "date": parse_iso(f["date"]) if f["date"] else UNDATED,
            "undated": f["date"] is None,
            "daftar": record,
            "template": "article",
        }
        logger.debug("daftar: read %s in %.3fs", source_path, time.perf_counter() - started)
        return doc.body_html(), metadata


def add_reader(readers):
    readers.reader_classes["txt"] = SeedReader


def configure(pelican):
    """Map DAFTAR_SEEDS_PATH onto Pelican's ARTICLE_PATHS (seeds live outside content/)."""
    s = pelican.settings
    validate_settings(s)
    conf = settings_with_defaults(s)
    seeds = conf["DAFTAR_SEEDS_PATH"]
    if not os.path.isabs(seeds):
        # relative to the project (the folder holding content/), like the README says
        seeds = os.path.join(os.path.dirname(os.path.abspath(s["PATH"])), seeds)
    s["ARTICLE_PATHS"] = [os.path.abspath(seeds)]


def register():
    signals.initialized.connect(configure)
    signals.readers_init.connect(add_reader)
