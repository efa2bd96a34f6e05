"""Curator sidecars (<id>.meta.yaml): valid values win and are marked; invalid ones are reported."""
from __future__ import annotations

import json
import logging

from support import build_site, copy_seeds


def recs(out):
    return {r["id"]: r for r in json.loads((out / "data" / "articles.json").read_text("utf-8"))}


def test_sidecar_overrides_and_is_marked(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "002_9fc85bbee14b492f.meta.yaml").write_text(
        "date: 2022-06-15\ntitle: عنوان گذاشته‌شده به دست کتابدار\nnote: checked against the outlet's site\n",
        "utf-8")
    out = build_site(tmp_path / "out", seeds)
    r = recs(out)["002_9fc85bbee14b492f"]
    assert r["date"] == "2022-06-15" and r["date_source"] == "override"
    assert r["title"] == "عنوان گذاشته‌شده به دست کتابدار" and r["title_source"] == "override"
    # the raw seed is untouched
    assert (out / r["raw_url"]).read_bytes() == (seeds / "002_9fc85bbee14b492f.txt").read_bytes()


def test_broken_sidecar_names_file_and_field_and_falls_back(tmp_path, caplog):
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "003_e296fb844f5b8a25.meta.yaml").write_text("date: 2020-02-31\ncolour: red\n", "utf-8")
    (seeds / "004_f8f504ff7063314d.meta.yaml").write_text("date: [unclosed\n", "utf-8")
    with caplog.at_level(logging.ERROR):
        out = build_site(tmp_path / "out", seeds)
    text = caplog.text
    assert "003_e296fb844f5b8a25.meta.yaml: date: impossible date" in text
    assert "003_e296fb844f5b8a25.meta.yaml: unknown field 'colour'" in text
    assert "004_f8f504ff7063314d.meta.yaml: invalid YAML" in text
    r = recs(out)
    assert r["003_e296fb844f5b8a25"]["date"] == "2020-07-22"  # the stated date, kept
    assert r["003_e296fb844f5b8a25"]["datetime"] == "2020-07-22T03:12:00Z"
    assert r["003_e296fb844f5b8a25"]["date_source"] == "stated"
    assert r["004_f8f504ff7063314d"]["date"] == "2020-08-22"
