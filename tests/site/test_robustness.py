"""Hostile and broken seeds: the build finishes, each file gets the right treatment, and every
good article stays exactly as it was."""
from __future__ import annotations

import json
import logging
import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from support import ROOT, build_site, copy_seeds, seed_paths, texts

sys.path.insert(0, str(ROOT / "tests" / "bad_seeds"))
import make_bad_seeds  # noqa: E402

CASES = {**make_bad_seeds.SMALL}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad")
    seeds = copy_seeds(tmp / "seeds")
    for name in CASES:
        shutil.copyfile(make_bad_seeds.FILES / name, seeds / name)
    make_bad_seeds.write(seeds, make_bad_seeds.big_files())
    records = logging.getLogger("daftar_seeds")
    handler = _ListHandler()
    logging.getLogger().addHandler(handler)
    started = time.perf_counter()
    try:
        out = build_site(tmp / "out", seeds, DAFTAR_SEEDS_MAX_BYTES=5 * 1024 * 1024)
    finally:
        logging.getLogger().removeHandler(handler)
    elapsed = time.perf_counter() - started
    del records
    return out, handler.messages, elapsed


class _ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def articles(out: Path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((out / "data" / "articles.json").read_text("utf-8"))}


ALL_CASES = {**CASES, **{k: v[1] for k, v in make_bad_seeds.big_files().items()}}
ALL_CASES = {k: (v[1] if isinstance(v, tuple) else v) for k, v in ALL_CASES.items()}


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_each_bad_file_gets_its_treatment(bad_build, name):
    out, messages, _ = bad_build
    expected = ALL_CASES[name]
    stem = Path(name).stem
    recs = articles(out)
    mine = [m for m in messages if name in m]
    if expected == "published":
        assert stem in recs, mine
        assert (out / recs[stem]["url"]).is_file()
        assert not any("not published" in m for m in mine)
    else:
        assert stem not in recs
        reason = expected.split(": ", 1)[1]
        warnings = [m for m in mine if "not published" in m]
        assert len(warnings) == 1, mine  # exactly one warning, naming the file
        assert reason in warnings[0], warnings[0]
        assert "\n" not in warnings[0] and "Traceback" not in warnings[0]


def test_raw_bytes_kept_for_legacy_encodings(bad_build):
    out, _, _ = bad_build
    for name in ("enc_utf8_bom_crlf.txt", "enc_utf16_bom.txt", "enc_cp1256.txt"):
        rec = articles(out)[Path(name).stem]
        assert (out / rec["raw_url"]).read_bytes() == (make_bad_seeds.FILES / name).read_bytes()
        assert rec["encoding"] in {"utf-8-sig", "utf-16", "cp1256", "windows-1256"}
        assert "تعاون" in rec["title"] or "همکاری" in rec["title"]


def test_nothing_executable_in_any_output(bad_build):
    out, _, _ = bad_build
    rec = articles(out)["hostile_markup"]
    html = (out / rec["url"]).read_text("utf-8")
    body = html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    assert "<script" not in body and "<img" not in body and "<b>" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "{{ 7*7 }}" in body and "49" not in body and "{% raw %}" in body
    assert 'href="javascript:' not in html
    head = html.split("</head>", 1)[0]
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1)
    assert "<" not in ld and json.loads(ld)["@type"] == "NewsArticle"
    # feeds and the search index script carry the text escaped; the JSON/CSV downloads carry
    # it verbatim on purpose (data, served as data, never executed)
    for path in list(out.rglob("*.xml")) + list(out.rglob("search-index.js")):
        text = path.read_text("utf-8")
        assert "<script>alert(1)" not in text, path
        assert "<img src=x" not in text, path


def test_bidi_controls_removed_from_text_and_titles(bad_build):
    out, _, _ = bad_build
    rec = articles(out)["hostile_bidi"]
    controls = re.compile("[\u202a-\u202e\u2066-\u2069]")
    assert not controls.search(rec["title"]) and not controls.search(texts(out)["hostile_bidi"])
    assert not controls.search((out / rec["url"]).read_text("utf-8"))


def test_good_articles_unchanged_by_bad_neighbours(bad_build, tmp_path):
    out, _, elapsed = bad_build
    clean = build_site(tmp_path / "clean")
    good = {p.stem for p in seed_paths()}

    def own(recs):  # "related" depends on which other articles exist; everything else is the article's own
        return {k: {f: v for f, v in r.items() if f != "related"} for k, r in recs.items() if k in good}

    assert own(articles(out)) == own(articles(clean))


def test_other_language_published_ltr_when_asked(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    shutil.copyfile(make_bad_seeds.FILES / "bad_english.txt", seeds / "english.txt")
    out = build_site(tmp_path / "out", seeds, DAFTAR_SEEDS_OTHER_LANGUAGES="publish")
    rec = articles(out)["english"]
    assert rec["lang"] == "und" and rec["dir"] == "ltr"
    html = (out / rec["url"]).read_text("utf-8")
    assert '<html lang="und" dir="ltr">' in html
