"""The full-text download, ``data/corpus.jsonl.gz``: one article a JSON line, gzip-compressed.

The file is a run of gzip *members*, each holding the lines of a run of articles (a gzip file
may be several members end to end: Python's gzip, zcat and pandas read it as one stream). A run
ends after an article whose id's digest falls in one of :data:`MEMBER_EVERY` buckets, so the
runs depend on the ids alone: adding or editing an article changes only the member that holds
it, and a rebuild copies every other member's bytes from the last build's file (its stamp,
which :func:`write` returns, says where each member is and what it was made from) instead of
reading and compressing those texts again. No name or time in the headers: the same texts give
the same bytes. Pure: no Pelican import.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Iterator

from daftar_seeds.cache import digest

#: Articles a member holds, on average (the member ends after an id in one bucket of this many).
MEMBER_EVERY = 256
_READ = 1 << 20


def line(rec) -> str:
    """One article's line: id, lang, title and the cleaned text (paragraphs, blank-line separated)."""
    return json.dumps({"id": rec.id, "lang": rec.lang, "title": rec.title, "text": rec.text},
                      ensure_ascii=False, sort_keys=True) + "\n"


def runs(recs: Iterable) -> Iterator[list]:
    """The records in runs that end after an id whose digest is in bucket 0 of MEMBER_EVERY.

    >>> from types import SimpleNamespace as R
    >>> [len(r) for r in runs([R(id=str(i)) for i in range(1000)])] == [len(r) for r in runs([R(id=str(i)) for i in range(1000)])]
    True
    >>> sum(len(r) for r in runs([R(id=str(i)) for i in range(1000)]))
    1000
    """
    run: list = []
    for r in recs:
        run.append(r)
        if int(hashlib.sha256(str(r.id).encode("utf-8")).hexdigest()[:8], 16) % MEMBER_EVERY == 0:
            yield run
            run = []
    if run:
        yield run


def _sha256(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(_READ), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def write(path: str, recs: Iterable, previous: str | None, stamp: dict | None, version: str) -> dict:
    """Write the download of ``recs`` (each with id, lang, title, text and doc_key: the cache
    key of its document) to ``path``; return its stamp: size, sha256, and each member's key,
    offset and length, and how many members were copied (``reused``).

    ``previous``/``stamp``: the last build's file and the stamp :func:`write` returned for it; a
    member whose key (its articles' ids, documents, titles and languages, and ``version``) is
    in the stamp is copied from there, when that file is still the one the stamp describes.
    """
    old: dict[str, tuple[int, int]] = {}
    if previous and stamp and os.path.isfile(previous):
        try:
            if os.path.getsize(previous) == stamp["size"] and _sha256(previous) == stamp["sha256"]:
                old = {m["key"]: (m["offset"], m["length"]) for m in stamp["members"]}
        except (OSError, KeyError, TypeError):
            old = {}
    members, reused, offset = [], 0, 0
    h = hashlib.sha256()
    src = open(previous, "rb") if old else None
    try:
        with open(path, "wb") as fh:
            for run in runs(recs):
                key = digest(version, [[r.id, r.doc_key, r.lang, r.title] for r in run])
                blob = None
                if src is not None and key in old:
                    at, length = old[key]
                    src.seek(at)
                    blob = src.read(length)
                    if len(blob) != length:
                        blob = None
                    else:
                        reused += 1
                if blob is None:
                    blob = gzip.compress("".join(line(r) for r in run).encode("utf-8"), compresslevel=9, mtime=0)
                fh.write(blob)
                h.update(blob)
                members.append({"key": key, "offset": offset, "length": len(blob)})
                offset += len(blob)
    finally:
        if src is not None:
            src.close()
    return {"size": offset, "sha256": h.hexdigest(), "members": members, "reused": reused}
