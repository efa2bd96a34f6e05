"""The build as a maintainer relies on it: stage order, settings, ids, atomic output, reuse.

Real Pelican builds in temporary folders. None of these tests measures time.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

import pytest

from support import ROOT, SEEDS, build_site, copy_seeds

ALL_PLUGINS = ["daftar_markdown", "daftar_seeds", "daftar_theme", "daftar_links", "daftar_archive",
               "daftar_exports", "daftar_search"]


def tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def records(out: Path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((out / "data" / "articles.json").read_text("utf-8"))}


def test_plugins_in_reverse_order_build_the_same_site(site, tmp_path):
    again = build_site(tmp_path / "rev", PLUGINS=list(reversed(ALL_PLUGINS)))
    a, b = tree(site), tree(again)
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_a_stage_whose_stage_is_missing_says_so_once(tmp_path, caplog):
    with caplog.at_level(logging.ERROR):
        build_site(tmp_path / "out", PLUGINS=["daftar_markdown", "daftar_theme", "daftar_links", "daftar_search"])
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    for plugin in ("daftar_links", "daftar_search"):
        mine = [m for m in errors if m.startswith(plugin)]
        assert len(mine) == 1 and "daftar_seeds" in mine[0], errors


def _settings_messages(caplog, **override) -> list[str]:
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": "/nonexistent", **override})
    with caplog.at_level(logging.ERROR):
        Pelican(settings)  # settings are checked at start-up, before any seed is read
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("key, near", [
    ("DAFTAR_SEEDS_PAHT", "DAFTAR_SEEDS_PATH"),
    ("DAFTAR_LINKS_RELATD", "DAFTAR_LINKS_RELATED"),
    ("DAFTAR_ARCHIVE_PER_PAG", "DAFTAR_ARCHIVE_PER_PAGE"),
    ("DAFTAR_EXPORTS_FEED_ENTRIS", "DAFTAR_EXPORTS_FEED_ENTRIES"),
    ("DAFTAR_SEARCH_SHARD_BYTE", "DAFTAR_SEARCH_SHARD_BYTES"),
    ("DAFTAR_SEEDZ_PATH", "DAFTAR_SEEDS_PATH"),
])
def test_a_misspelt_setting_is_named_with_the_nearest_one(caplog, key, near):
    msgs = _settings_messages(caplog, **{key: 3})
    mine = [m for m in msgs if key in m]
    assert len(mine) == 1 and f"did you mean {near}?" in mine[0], msgs


@pytest.mark.parametrize("key, value, words", [
    ("DAFTAR_LINKS_RELATED", "five", "must be a whole number"),
    ("DAFTAR_SEEDS_REFERENCE_DATE", "2024/11/21", "must be an ISO date"),
    ("DAFTAR_SEEDS_OTHER_LANGUAGES", "maybe", "must be one of"),
    ("DAFTAR_ARCHIVE_PER_PAGE", 0, "must be a whole number"),
])
def test_a_bad_setting_value_is_one_message_naming_it(caplog, key, value, words):
    msgs = _settings_messages(caplog, **{key: value})
    mine = [m for m in msgs if key in m]
    assert len(mine) == 1 and words in mine[0] and "using the default" in mine[0], msgs


def test_a_bad_setting_falls_back_and_the_build_goes_on(tmp_path):
    out = build_site(tmp_path / "out", DAFTAR_LINKS_RELATED="five", DAFTAR_SEEDS_REFERENCE_DATE="2024/11/21")
    assert len(records(out)) == 5


def test_readme_documents_every_setting():
    import daftar_archive.daftar_archive  # noqa: F401 - each adapter registers its table
    import daftar_exports.daftar_exports  # noqa: F401
    import daftar_links.daftar_links  # noqa: F401
    import daftar_search.daftar_search  # noqa: F401
    import daftar_theme.daftar_theme  # noqa: F401
    from daftar_seeds.daftar_seeds import settings_tables
    from daftar_seeds.settings import markdown_table

    readme = (ROOT / "README.md").read_text("utf-8")
    table = markdown_table(settings_tables())
    assert table in readme, "regenerate the README's settings table (python scripts/settings_table.py):\n" + table


# ---- ids and slugs


def test_colliding_and_odd_file_names_each_get_a_page(tmp_path, caplog):
    seeds = copy_seeds(tmp_path / "seeds")
    fa = (SEEDS / "000_45a8cd35f748c1ef.txt").read_bytes()
    ar = (SEEDS / "003_e296fb844f5b8a25.txt").read_bytes()
    (seeds / "sub").mkdir()
    files = {"Dup.txt": fa, "dup.txt": ar, "a .txt": fa, "a.txt": ar, "sub/b.txt": fa, "sub-b.txt": ar,
             ("x" * 240) + ".txt": fa, "خبر تازه.txt": ar}
    for name, data in files.items():
        (seeds / name).write_bytes(data)
    with caplog.at_level(logging.WARNING):
        out = build_site(tmp_path / "out", seeds)
    recs = records(out)
    ids = {Path(n).with_suffix("").as_posix() for n in files}
    assert ids <= set(recs)
    slugs = [r["slug"] for r in recs.values()]
    assert len(slugs) == len(set(slugs))
    for r in recs.values():
        assert (out / r["url"]).is_file() and len(r["slug"]) <= 80
        assert (out / "cite" / f"{r['slug']}.csl.json").is_file()
        assert r["slug"].isascii()
    collisions = [m.getMessage() for m in caplog.records if "both make the page name" in m.getMessage()]
    assert len(collisions) == 3, collisions
    assert any("'Dup.txt'" in m and "'dup.txt'" in m for m in collisions)


def test_only_txt_files_are_seeds(tmp_path, caplog):
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "notes.md").write_text("Title: A note\nDate: 2020-01-01\n\nنوشته‌ای درباره ایران\n", "utf-8")
    (seeds / "page.html").write_text("<html><head><title>x</title><meta name='date' content='2020-01-01'></head>"
                                     "<body>متن</body></html>", "utf-8")
    (seeds / "doc.rst").write_text("A\n=\n\n:date: 2020-01-01\n\nمتن\n", "utf-8")
    with caplog.at_level(logging.WARNING):
        out = build_site(tmp_path / "out", seeds)
    assert len(records(out)) == 5
    msgs = [r.getMessage() for r in caplog.records]
    for name in ("notes.md", "page.html", "doc.rst"):
        assert len([m for m in msgs if name in m and "ignored" in m]) == 1, msgs


def test_a_sidecar_that_is_a_folder_is_one_error_and_the_seed_builds(tmp_path, caplog):
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "003_e296fb844f5b8a25.meta.yaml").mkdir()
    with caplog.at_level(logging.WARNING):
        out = build_site(tmp_path / "out", seeds)
    assert "003_e296fb844f5b8a25" in records(out)
    msgs = [r.getMessage() for r in caplog.records if "003_e296fb844f5b8a25.meta.yaml" in r.getMessage()]
    assert len(msgs) == 1 and "not a file" in msgs[0]


def test_orphan_sidecar_is_warned_with_the_nearest_seed(tmp_path, caplog):
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "003_e296fb844f5b8a26.meta.yaml").write_text("title: x\n", "utf-8")
    (seeds / "004_f8f504ff7063314d.meta.yml").write_text("title: عنوان کتابدار\n", "utf-8")
    with caplog.at_level(logging.WARNING):
        out = build_site(tmp_path / "out", seeds)
    msgs = [r.getMessage() for r in caplog.records]
    orphan = [m for m in msgs if "003_e296fb844f5b8a26.meta.yaml" in m]
    assert len(orphan) == 1 and "matches no seed" in orphan[0] and "003_e296fb844f5b8a25.txt" in orphan[0]
    assert records(out)["004_f8f504ff7063314d"]["title"] == "عنوان کتابدار"  # .meta.yml is read too


def test_an_exception_in_one_seed_is_one_warning(tmp_path, caplog, monkeypatch):
    import daftar_seeds.prepare as prepare

    real = prepare.build_document

    def flaky(raw, stem, **kw):
        if stem == "001_852857aac5fed212":
            raise KeyError("a bug met by one odd page")
        return real(raw, stem, **kw)

    monkeypatch.setattr(prepare, "build_document", flaky)
    with caplog.at_level(logging.WARNING):
        out = build_site(tmp_path / "out", copy_seeds(tmp_path / "seeds"), DAFTAR_SEEDS_WORKERS=1,
                         DAFTAR_SEEDS_CACHE=False)
    assert "001_852857aac5fed212" not in records(out) and len(records(out)) == 4
    mine = [r.getMessage() for r in caplog.records if "001_852857aac5fed212" in r.getMessage()]
    assert len(mine) == 1 and "KeyError" in mine[0] and "\n" not in mine[0]


def test_a_seed_over_the_time_budget_is_set_aside(tmp_path, caplog, monkeypatch):
    import time

    import daftar_seeds.prepare as prepare

    real = prepare.build_document

    def slow(raw, stem, **kw):
        if stem == "004_f8f504ff7063314d":
            time.sleep(120)  # far beyond the budget: the timer, not this sleep, ends it
        return real(raw, stem, **kw)

    monkeypatch.setattr(prepare, "build_document", slow)
    with caplog.at_level(logging.WARNING):
        out = build_site(tmp_path / "out", copy_seeds(tmp_path / "seeds"), DAFTAR_SEEDS_WORKERS=1,
                         DAFTAR_SEEDS_CACHE=False, DAFTAR_SEEDS_TIME_BUDGET=10)
    assert sorted(records(out)) == ["000_45a8cd35f748c1ef", "001_852857aac5fed212", "002_9fc85bbee14b492f",
                                    "003_e296fb844f5b8a25"]
    mine = [r.getMessage() for r in caplog.records if "004_f8f504ff7063314d" in r.getMessage()]
    assert len(mine) == 1 and "time budget" in mine[0]


# ---- output: atomic, reproducible, reused only when unchanged


def test_a_failed_build_leaves_the_previous_site(tmp_path, monkeypatch):
    out = build_site(tmp_path / "out")
    before = tree(out)
    import daftar_exports.daftar_exports as exports

    def boom(self, writer):
        raise RuntimeError("disk full, say")

    monkeypatch.setattr(exports.DataExportsGenerator, "generate_output", boom)
    with pytest.raises(RuntimeError):
        build_site(tmp_path / "out")
    assert tree(out) == before
    monkeypatch.undo()
    build_site(tmp_path / "out")
    assert not (tmp_path / "out.building").exists()
    assert tree(out) == before


def test_the_replaced_site_is_removed_after_the_new_one_is_in_place(tmp_path):
    """The previous output is moved aside and removed by a process of its own, which the build
    does not wait for; a removal cut short is taken up by the next build."""
    from daftar_seeds import build

    out = build_site(tmp_path / "out")
    before = tree(out)
    stray = tmp_path / f"out{build.OLD}0-0"  # as a removal killed half-way leaves it
    (stray / "articles").mkdir(parents=True)
    (stray / "articles" / "x.html").write_text("old", "utf-8")
    build._REMOVING.clear()
    build_site(tmp_path / "out")
    assert tree(out) == before  # the new site is in place, whole
    assert len(build._REMOVING) == 2  # the stray folder and the site this build replaced
    for proc in build._REMOVING:
        assert proc.wait(timeout=300) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) == ["out"]


def test_build_date_does_not_change_the_archive(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718000000")  # 2024-06-10
    a = build_site(tmp_path / "a", DAFTAR_SEEDS_CACHE=False, DAFTAR_SEEDS_REFERENCE_DATE=None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1907000000")  # 2030-06-07
    b = build_site(tmp_path / "b", DAFTAR_SEEDS_CACHE=False, DAFTAR_SEEDS_REFERENCE_DATE=None)
    ta, tb = tree(a), tree(b)
    assert ta.keys() == tb.keys() and [k for k in ta if ta[k] != tb[k]] == []


def test_a_rebuild_after_editing_one_seed_equals_a_clean_build(tmp_path, monkeypatch):
    """Output and cache alike: the rebuilt cache holds exactly the entries a clean build makes
    (the edited seed's old entries dropped, a seed set aside kept)."""
    from daftar_seeds import build

    monkeypatch.setattr(build, "PRUNE_AFTER", 0.0)  # entries this young are dropped too here
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "blank.txt").write_text("\n\n", "utf-8")  # set aside: its verdict is cached too
    cache = str(tmp_path / "cache")
    out = tmp_path / "out"
    build_site(out, seeds, CACHE_PATH=cache)
    path = seeds / "003_e296fb844f5b8a25.txt"
    text = path.read_text("utf-8")
    path.write_text(text.replace("مزيد من التقدم", "تقدم جديد", 1), "utf-8")
    build_site(out, seeds, CACHE_PATH=cache)  # reuses what did not change
    clean = build_site(tmp_path / "clean", seeds, CACHE_PATH=str(tmp_path / "empty-cache"))
    a, b = tree(out), tree(clean)
    assert a.keys() == b.keys() and [k for k in a if a[k] != b[k]] == []
    assert "تقدم جديد" in records(out)["003_e296fb844f5b8a25"]["title"]

    def entries(root):
        return sorted(str(p.relative_to(root)) for p in Path(root, "daftar").rglob("*.json.z"))
    assert entries(cache) == entries(tmp_path / "empty-cache") != []


def test_a_rebuild_that_changes_nothing_the_index_reads_reuses_it(tmp_path):
    """The search index is linked from the previous build (the same files, not rewritten) when
    its inputs are unchanged, and written again when a seed changes; both equal a clean build."""
    seeds = copy_seeds(tmp_path / "seeds")
    cache = str(tmp_path / "cache")
    out = tmp_path / "out"
    build_site(out, seeds, CACHE_PATH=cache)
    manifest = out / "data" / "search" / "manifest.js"
    first = os.stat(manifest).st_ino
    build_site(out, seeds, CACHE_PATH=cache)  # nothing changed
    assert os.stat(manifest).st_ino == first  # the same file, linked into the new output
    clean = build_site(tmp_path / "clean", seeds, CACHE_PATH=str(tmp_path / "empty-cache"))
    a, b = tree(out), tree(clean)
    assert a.keys() == b.keys() and [k for k in a if a[k] != b[k]] == []
    path = seeds / "003_e296fb844f5b8a25.txt"
    path.write_text(path.read_text("utf-8") + "\nجملة جديدة.\n", "utf-8")
    build_site(out, seeds, CACHE_PATH=cache)
    assert os.stat(manifest).st_ino != first  # written again
    clean = build_site(tmp_path / "clean2", seeds, CACHE_PATH=str(tmp_path / "empty-cache2"))
    a, b = tree(out), tree(clean)
    assert a.keys() == b.keys() and [k for k in a if a[k] != b[k]] == []


def test_a_rebuild_links_the_unchanged_citations_and_raw_copies(tmp_path):
    """After one seed is edited, every other article's citation files and raw copy are the
    previous build's files, linked in; the edited article's are written again."""
    seeds = copy_seeds(tmp_path / "seeds")
    cache = str(tmp_path / "cache")
    out = tmp_path / "out"
    build_site(out, seeds, CACHE_PATH=cache)
    names = [f"cite/{s}{ext}" for s in ("000_45a8cd35f748c1ef", "003_e296fb844f5b8a25")
             for ext in (".bib", ".ris", ".csl.json")] + ["raw/000_45a8cd35f748c1ef.txt", "raw/003_e296fb844f5b8a25.txt"]
    before = {n: os.stat(out / n).st_ino for n in names}
    path = seeds / "003_e296fb844f5b8a25.txt"
    path.write_text(path.read_text("utf-8") + "\nجملة جديدة.\n", "utf-8")
    build_site(out, seeds, CACHE_PATH=cache)
    after = {n: os.stat(out / n).st_ino for n in names}
    assert [n for n in names if after[n] == before[n]] == [n for n in names if "000_" in n]
    assert "جملة جديدة" in (out / "raw" / "003_e296fb844f5b8a25.txt").read_text("utf-8")


def test_workers_do_not_change_the_result(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    for i in range(40):  # enough seeds for the pool to be used
        src = sorted(SEEDS.glob("*.txt"))[i % 5]
        (seeds / f"copy-{i:02d}.txt").write_bytes(src.read_bytes() + f"\n{i}\n".encode())
    one = build_site(tmp_path / "one", seeds, DAFTAR_SEEDS_WORKERS=1, DAFTAR_SEEDS_CACHE=False)
    two = build_site(tmp_path / "two", seeds, DAFTAR_SEEDS_WORKERS=2, DAFTAR_SEEDS_CACHE=False)
    a, b = tree(one), tree(two)
    assert a.keys() == b.keys() and [k for k in a if a[k] != b[k]] == []


def test_the_seeds_folder_is_watched_by_autoreload(site):
    """Pelican's autoreload watches STATIC_PATHS; the seeds are there, and are not copied."""
    from pelican.settings import read_settings

    from daftar_seeds.ids import seeds_dir

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    from pelican import Pelican

    Pelican(settings)
    assert seeds_dir(settings) in settings["STATIC_PATHS"]
    assert not any(p.name.endswith(".meta.yaml") or p.parent.name == "seeds" for p in site.rglob("*"))
    assert os.path.isdir(settings["ARTICLE_PATHS"][0])


def test_fatal_is_honoured_and_piped_logs_are_not_wrapped(tmp_path):
    """`pelican --fatal warnings` stops on a seed warning (exit 1); without it the build goes on,
    and a piped log keeps each message on one line."""
    import subprocess
    import sys

    seeds = copy_seeds(tmp_path / "seeds")
    odd = "n" * 120 + ".md"
    (seeds / odd).write_text("x", "utf-8")
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(ROOT / 'content')!r}\nTHEME = {str(ROOT / 'themes' / 'daftar')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nDAFTAR_SEEDS_PATH = {str(seeds)!r}\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n", "utf-8")
    pelican = str(Path(sys.executable).with_name("pelican"))
    cmd = [pelican, str(ROOT / "content"), "-s", str(conf), "-o", str(tmp_path / "out")]
    ok = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0
    log = ok.stdout + ok.stderr
    assert any(odd in line and "ignored" in line for line in log.splitlines()), log
    assert "daftar: 5 articles published" in log
    assert [line for line in log.splitlines() if line.endswith(" ")] == []  # not padded to a width either
    fatal = subprocess.run(cmd + ["--fatal", "warnings"], capture_output=True, text=True, cwd=tmp_path)
    assert fatal.returncode == 1
