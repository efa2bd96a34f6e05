"""The full-text download: gzip members cut by id, the unchanged ones copied on a rebuild."""
from __future__ import annotations

import gzip
import json
from types import SimpleNamespace

from daftar_exports.corpus import MEMBER_EVERY, runs, write


def recs(n: int, edited: int | None = None) -> list:
    out = []
    for i in range(n):
        text = f"متن مقاله {i}\n\nبند دوم" + (" ویرایش شد" if i == edited else "")
        out.append(SimpleNamespace(id=f"a{i:05d}", lang="fa", title=f"عنوان {i}", text=text,
                                   doc_key=f"k{i}" + ("-edited" if i == edited else "")))
    return out


def lines(path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(x) for x in fh]


def test_one_line_an_article_in_members_cut_by_id(tmp_path):
    rs = recs(2000)
    stamp = write(str(tmp_path / "c.gz"), rs, None, None, "v1")
    assert lines(tmp_path / "c.gz") == [{"id": r.id, "lang": "fa", "title": r.title, "text": r.text} for r in rs]
    assert 2000 / MEMBER_EVERY / 3 < len(stamp["members"]) < 2000 / MEMBER_EVERY * 3
    assert stamp["reused"] == 0 and stamp["size"] == (tmp_path / "c.gz").stat().st_size
    # the cuts depend on the ids alone: an article added moves no other cut
    cuts = [run[-1].id for run in runs(rs)]
    more = rs[:1000] + [SimpleNamespace(id="a00999x")] + rs[1000:]
    assert set(cuts) <= {run[-1].id for run in runs(more)}


def test_a_rebuild_copies_the_unchanged_members_and_gives_a_clean_builds_bytes(tmp_path):
    old = tmp_path / "old.gz"
    stamp = write(str(old), recs(2000), None, None, "v1")
    new = tmp_path / "new.gz"
    again = write(str(new), recs(2000, edited=1234), str(old), stamp, "v1")
    assert again["reused"] == len(stamp["members"]) - 1
    clean = tmp_path / "clean.gz"
    write(str(clean), recs(2000, edited=1234), None, None, "v1")
    assert new.read_bytes() == clean.read_bytes()
    assert "ویرایش شد" in lines(new)[1234]["text"]


def test_a_changed_file_or_code_version_is_not_copied_from(tmp_path):
    old = tmp_path / "old.gz"
    stamp = write(str(old), recs(600), None, None, "v1")
    assert write(str(tmp_path / "a.gz"), recs(600), str(old), stamp, "v2")["reused"] == 0  # new code
    data = old.read_bytes()
    old.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # not the file the stamp describes
    b = write(str(tmp_path / "b.gz"), recs(600), str(old), stamp, "v1")
    assert b["reused"] == 0
    assert lines(tmp_path / "b.gz")[-1]["id"] == "a00599"
