"""Article records of a generated corpus, as the build makes them, for search tests and benchmarks.

    records(n, work_dir) -> list of records (id, title, lead, text, lang, date, url, outlet,
                             entities, entity_names, date_display, ...)

The seeds come from :func:`generate_corpus.generate`; each is read by the real pure functions
(daftar_seeds.document.build_document, daftar_links' matcher, daftar_text.calendars), without
Pelican, so a 10,000-article search index can be measured without a 10,000-article site build.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT / "plugins", ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from daftar_links.gazetteer import load_gazetteer  # noqa: E402
from daftar_links.matcher import Matcher  # noqa: E402
from daftar_seeds.document import Rejected, build_document  # noqa: E402
from daftar_text.calendars import format_date  # noqa: E402
from generate_corpus import generate  # noqa: E402

GAZETTEER = ROOT / "content" / "gazetteer.yaml"
REFERENCE = dt.date(2024, 11, 21)


def gazetteer_names(gaz=None) -> list[str]:
    """Every name of every proper-name (non-topic) entity of the gazetteer."""
    gaz = gaz or load_gazetteer(GAZETTEER)
    return [n for e in gaz.entities.values() if e.type != "topic" for names in e.names.values() for n in names]


def record_of(path: Path, gaz, matcher) -> dict | None:
    doc = build_document(path.read_bytes(), path.stem, reference=REFERENCE)
    if isinstance(doc, Rejected):
        return None
    f = doc.fields
    rec = {"id": doc.id, "slug": doc.slug, "lang": doc.lang, "title": doc.title, "text": doc.text,
           **{k: v for k, v in f.items() if k != "title"}}
    seen: list[str] = []
    for para in [doc.title] + doc.paragraphs:
        for m in matcher.find(para, lang=doc.lang):
            if m.entity_id not in seen:
                seen.append(m.entity_id)
    rec["entities"] = seen
    rec["entity_names"] = sorted({n for eid in seen if gaz.entities[eid].type != "topic"
                                  for names in gaz.entities[eid].names.values() for n in names})
    rec["url"] = f"articles/{doc.slug}.html"
    rec["date_display"] = format_date(rec.get("date"), rec["lang"]) if rec.get("date") else {}
    return rec


def records(n: int, work: Path) -> list[dict]:
    """Generate ``n`` seeds under ``work`` (once) and read them into records."""
    seeds = work / "seeds"
    if not seeds.is_dir() or len(list(seeds.glob("*.txt"))) != n:
        generate(n, work)
    gaz = load_gazetteer(GAZETTEER)
    matcher = Matcher(gaz)
    out = []
    for p in sorted(seeds.glob("*.txt")):
        rec = record_of(p, gaz, matcher)
        if rec is not None:
            out.append(rec)
    return out
