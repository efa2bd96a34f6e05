"""Measure cleaning and metadata on the shared corpus (../shared/corpus), against its MANIFEST
and the hand-checked annotations in tests/data/corpus_annotations.json.

    python scripts/measure_corpus.py [CORPUS_DIR] [--plugins DIR]

``--plugins`` measures another checkout's plugins folder (e.g. main's, unpacked with
``git archive main plugins | tar -x -C /tmp/main``) with the same scoring, for before/after
figures.

Per page: body lines lost (article text dropped), chrome lines left (non-article lines kept as
text), whether the stated title and date were reproduced, and the credits: outlet or agency
right against MANIFEST ``outlet_stated`` (names compared in their one form from
data/outlets.yaml; a page that states none must get none), author, dateline, desk and
relayed sources against the annotations; then the totals.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The reference year-less dates resolve against (none of the corpus pages needs one).
REFERENCE = dt.date(2026, 11, 1)


def _setup(plugins: Path) -> None:
    sys.path[:0] = [str(plugins)]


def _scoring():
    """This checkout's outlet directory and credit words, loaded from their files, so that a
    ``--plugins`` checkout without them is scored by the same yardstick."""
    import importlib.util

    import yaml

    if "_measure_outlets" not in sys.modules:
        spec = importlib.util.spec_from_file_location("_measure_outlets", ROOT / "plugins" / "daftar_seeds" / "outlets.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules["_measure_outlets"] = mod
        spec.loader.exec_module(mod)
    mod = sys.modules["_measure_outlets"]
    words = yaml.safe_load((ROOT / "plugins" / "daftar_seeds" / "data" / "credits.yaml").read_text("utf-8"))
    return mod.directory(ROOT / "plugins" / "daftar_seeds" / "data" / "outlets.yaml"), words


def _norm(name: str | None):
    """A name in its one form (known outlets), else its folded key."""
    from daftar_text.fold import tokenize

    if not name:
        return None
    known = _scoring()[0].lookup(name)
    return known.name if known else " ".join(tokenize(name))


def _is_placeholder(name: str | None) -> bool:
    """A desk or generic word taken as an outlet ("گروه بین‌الملل …", "مجله", "خبرنگار")."""
    from daftar_text.fold import tokenize

    if not name:
        return False
    words = _scoring()[1]
    desks = {t for w in words["desk_words"] for t in tokenize(w)}
    generic = {t for w in words["placeholders"] + words["org_words"] for t in tokenize(w)}
    toks = tokenize(name)
    return not toks or toks[0] in desks or all(t in generic or t in desks for t in toks)


def measure(corpus: Path) -> tuple[list[dict], dict]:
    from daftar_seeds.clean import clean_document
    from daftar_seeds.dates import find_dates, parse_date
    from daftar_seeds.document import build_document
    from daftar_text.fold import tokenize
    from daftar_text.lang import detect_lang

    notes = json.loads((ROOT / "tests" / "data" / "corpus_annotations.json").read_text("utf-8"))
    manifest = {r["file"]: r for r in csv.DictReader((corpus / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t")}
    rows = []
    for name, note in sorted(notes.items()):
        if name.startswith("_"):
            continue
        raw = (corpus / name).read_bytes()
        text = raw.decode("utf-8")
        lang = detect_lang(text)
        res = clean_document(text, lang, find_dates=find_dates, reference=REFERENCE)
        doc = build_document(raw, Path(name).stem, reference=REFERENCE)
        f = doc.fields
        body_lines = {n for a, b in note["body"] for n in range(a, b + 1)}
        kept = {ln.n for ln in res.lines if ln.kind == "body"}
        nonblank = {ln.n for ln in res.lines if ln.kind != "blank"}
        m = manifest[name]
        want_title = " ".join(tokenize(m["title_shown"]))
        got_title = " ".join(tokenize(f["title"] or "")) if f["title_source"] == "stated" else ""
        want_date = parse_date(m["date_stated"], REFERENCE).iso if m["date_stated"] else None
        stated = _norm(m["outlet_stated"])
        outlet, agencies = _norm(f.get("outlet")), [_norm(a) for a in f.get("agencies") or []]
        if stated:
            source_ok = stated == outlet or stated in agencies
        else:
            source_ok = outlet is None and not agencies  # nothing stated, nothing invented
        cred = note.get("credits", {})
        relayed = sorted(_norm(x) for x in f.get("relayed_from") or [])
        rows.append({
            "file": name, "lang": lang, "expected_lang": m["language"],
            "lines_lost": sorted((body_lines & nonblank) - kept), "chrome_left": sorted(kept - body_lines),
            "title_ok": got_title == want_title, "title": f["title"], "title_source": f["title_source"],
            "date_ok": f["date"] == want_date, "date": f["date"], "date_expected": want_date,
            "outlet": f.get("outlet"), "agencies": f.get("agencies") or [], "outlet_stated": m["outlet_stated"],
            "source_ok": source_ok, "placeholder_outlet": _is_placeholder(f.get("outlet")),
            "author": f.get("author"), "author_ok": f.get("author") == cred.get("author"),
            "dateline": f.get("dateline"), "dateline_ok": f.get("dateline") == cred.get("dateline"),
            "desk": f.get("desk"), "desk_ok": f.get("desk") == cred.get("desk"),
            "relayed_from": f.get("relayed_from"),
            "relayed_ok": relayed == sorted(_norm(x) for x in cred.get("relayed_from", [])),
        })
    total = {
        "pages": len(rows),
        "lang_ok": sum(r["lang"] == r["expected_lang"] for r in rows),
        "body_lines": sum(sum(b - a + 1 for a, b in notes[r["file"]]["body"]) for r in rows),
        "lines_lost": sum(len(r["lines_lost"]) for r in rows),
        "chrome_left": sum(len(r["chrome_left"]) for r in rows),
        "titles_ok": sum(r["title_ok"] for r in rows),
        "dates_ok": sum(r["date_ok"] for r in rows),
        "outlet_or_agency_ok": sum(r["source_ok"] for r in rows),
        "placeholder_outlets": sum(r["placeholder_outlet"] for r in rows),
        "authors_ok": sum(r["author_ok"] for r in rows),
        "datelines_ok": sum(r["dateline_ok"] for r in rows),
        "desks_ok": sum(r["desk_ok"] for r in rows),
        "relayed_ok": sum(r["relayed_ok"] for r in rows),
    }
    return rows, total


def _cell(ok: bool, value) -> str:
    return "ok" if ok else f"MISS: {str(value)[:40]}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT / ".." / "shared" / "corpus"))
    ap.add_argument("--plugins", default=str(ROOT / "plugins"), help="plugins folder to measure")
    args = ap.parse_args()
    _setup(Path(args.plugins).resolve())
    rows, total = measure(Path(args.corpus).resolve())
    print("| file | lines lost | chrome left | title | date | outlet / agencies | author | dateline | desk | relayed |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        src = f"{r['outlet']} / {', '.join(r['agencies'])}"
        print(f"| {r['file']} | {len(r['lines_lost'])} | {len(r['chrome_left'])} | "
              f"{_cell(r['title_ok'], r['title'])} | {_cell(r['date_ok'], r['date'])} | "
              f"{'ok' if r['source_ok'] else 'MISS'}: {src} | {_cell(r['author_ok'], r['author'])} | "
              f"{_cell(r['dateline_ok'], r['dateline'])} | {_cell(r['desk_ok'], r['desk'])} | "
              f"{_cell(r['relayed_ok'], r['relayed_from'])} |")
    print()
    print(json.dumps(total, ensure_ascii=False))


if __name__ == "__main__":
    main()
