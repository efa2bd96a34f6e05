"""Measure cleaning and metadata on the shared corpus (../shared/corpus), against its MANIFEST
and the hand-checked line annotations in tests/data/corpus_annotations.json.

    python scripts/measure_corpus.py [CORPUS_DIR]

Prints one row per page: body lines lost (article text dropped), chrome lines left (non-article
lines kept as text), whether the stated title and date were reproduced; then the totals.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins")]

from daftar_seeds.clean import clean_document  # noqa: E402
from daftar_seeds.dates import find_dates, parse_date  # noqa: E402
from daftar_seeds.fields import extract_fields  # noqa: E402
from daftar_text.fold import tokenize  # noqa: E402
from daftar_text.lang import detect_lang  # noqa: E402

REFERENCE = dt.date(2026, 11, 1)


def measure(corpus: Path) -> tuple[list[dict], dict]:
    notes = json.loads((ROOT / "tests" / "data" / "corpus_annotations.json").read_text("utf-8"))
    manifest = {r["file"]: r for r in csv.DictReader((corpus / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t")}
    rows = []
    for name, note in sorted(notes.items()):
        if name.startswith("_"):
            continue
        text = (corpus / name).read_text("utf-8")
        lang = detect_lang(text)
        res = clean_document(text, lang, find_dates=find_dates, reference=REFERENCE)
        fields = extract_fields(res, lang, find_dates=find_dates, reference=REFERENCE)
        body_lines = {n for a, b in note["body"] for n in range(a, b + 1)}
        kept = {ln.n for ln in res.lines if ln.kind == "body"}
        nonblank = {ln.n for ln in res.lines if ln.kind != "blank"}
        lost = sorted((body_lines & nonblank) - kept)
        left = sorted(kept - body_lines)
        m = manifest[name]
        want_title = " ".join(tokenize(m["title_shown"]))
        got_title = " ".join(tokenize(fields["title"] or "")) if fields["title_source"] == "stated" else ""
        want_date = parse_date(m["date_stated"], REFERENCE).iso if m["date_stated"] else None
        rows.append({
            "file": name, "lang": lang, "expected_lang": m["language"], "lines_lost": lost, "chrome_left": left,
            "title_ok": got_title == want_title, "title": fields["title"], "title_source": fields["title_source"],
            "date_ok": fields["date"] == want_date, "date": fields["date"], "date_expected": want_date,
        })
    total = {
        "pages": len(rows),
        "lang_ok": sum(r["lang"] == r["expected_lang"] for r in rows),
        "body_lines": sum(sum(b - a + 1 for a, b in notes[r["file"]]["body"]) for r in rows),
        "lines_lost": sum(len(r["lines_lost"]) for r in rows),
        "chrome_left": sum(len(r["chrome_left"]) for r in rows),
        "titles_ok": sum(r["title_ok"] for r in rows),
        "dates_ok": sum(r["date_ok"] for r in rows),
    }
    return rows, total


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".." / "shared" / "corpus"
    rows, total = measure(corpus.resolve())
    print("| file | lang | body lines lost | chrome lines left | title | date |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['file']} | {r['lang']} | {len(r['lines_lost'])} {r['lines_lost'] or ''} | "
              f"{len(r['chrome_left'])} {r['chrome_left'] or ''} | {'ok' if r['title_ok'] else 'MISS: ' + str(r['title'])[:40]} | "
              f"{'ok' if r['date_ok'] else 'MISS: ' + str(r['date']) + ' vs ' + str(r['date_expected'])} |")
    print()
    print(json.dumps(total, ensure_ascii=False))


if __name__ == "__main__":
    main()
