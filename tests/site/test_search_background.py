"""The search index written by a second process (DAFTAR_SEARCH_BACKGROUND) is the index the
build writes itself, byte for byte, and a child that fails leaves the build to write it."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from daftar_search import background

from support import build_site


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def search_files(out: Path) -> dict[str, bytes]:
    return dict(tree(out / "data" / "search"), **{"search.html": (out / "search.html").read_bytes()})


def test_second_process_writes_the_same_index(tmp_path, caplog):
    here = build_site(tmp_path / "here", DAFTAR_SEARCH_BACKGROUND=10**9)
    with caplog.at_level(logging.DEBUG, logger="daftar_search"):
        there = build_site(tmp_path / "there", DAFTAR_SEARCH_BACKGROUND=0)
    assert any("second process wrote the index" in r.getMessage() for r in caplog.records)
    a, b = search_files(here), search_files(there)
    assert len(a) > 20 and a == b


def test_a_failing_second_process_leaves_the_build_to_write_it(tmp_path, caplog, monkeypatch):
    here = build_site(tmp_path / "here", DAFTAR_SEARCH_BACKGROUND=10**9)
    monkeypatch.setattr(background, "COMMAND", [sys.executable, "-c", "import sys; sys.stderr.write('boom'); sys.exit(3)"])
    with caplog.at_level(logging.WARNING):
        there = build_site(tmp_path / "there", DAFTAR_SEARCH_BACKGROUND=0)
    warned = [r.getMessage() for r in caplog.records if "did not write the index" in r.getMessage()]
    assert warned and "exit status 3" in warned[0] and "boom" in warned[0]
    assert search_files(here) == search_files(there)


def test_the_childs_log_records_come_back_under_their_own_logger(tmp_path, caplog):
    """A warning of the writer in the child (here: a card whose analysis is missing) is logged
    in the build as the writer's own."""
    from daftar_seeds.cache import Cache

    cache = Cache(tmp_path / "cache")
    job = background.job(tmp_path / "search", cache.root, [("a", "", "")],
                         [{"id": "a", "title": "t", "lang": "fa", "url": "a.html"}],
                         {"protected": [], "shard_bytes": 24_000, "limits": {}, "hub_df": 256})
    with caplog.at_level(logging.WARNING):
        summary = background.start(job).result()
    assert summary["documents"] == 0
    recs = [r for r in caplog.records if r.name == "daftar_search.writer"]
    assert recs and recs[0].levelno == logging.WARNING and "no analysis" in recs[0].getMessage()
