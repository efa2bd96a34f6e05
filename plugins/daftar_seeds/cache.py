"""The per-seed cache: documents and per-article features, on disk, keyed by what made them.

A key is a digest of everything an entry depends on — the seed's bytes, its sidecar, the id,
the settings that change extraction and the code/data version — so an entry is never stale:
when any input changes the key changes, and the old entry is not read again; after a build
that finished, the entries it did not use are removed once an hour old (:meth:`Cache.prune`). Entries
are zlib-compressed JSON files written atomically (temporary file, then rename), so a killed
build leaves no half-written entry. The build also keeps every article's full text here
instead of in memory: records load their paragraphs on demand.

Pure: no Pelican import.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
import zlib
from pathlib import Path


def digest(*parts) -> str:
    """A stable hex digest of strings, bytes and JSON-plain values.

    >>> digest("a", b"b", {"c": 1}) == digest("a", b"b", {"c": 1}) != digest("a", b"b", {"c": 2})
    True
    """
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, bytes):
            b = p
        elif isinstance(p, str):
            b = p.encode("utf-8")
        else:
            b = json.dumps(p, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


class Cache:
    """Entries ``<root>/<kind>/<key[:2]>/<key>.json.z``.

    ``root=None`` makes a private temporary cache that :meth:`close` removes (a build with the
    cache switched off still keeps text out of memory).
    """

    def __init__(self, root: str | os.PathLike | None):
        self._temporary = root is None
        self.root = Path(tempfile.mkdtemp(prefix="daftar-cache-")) if root is None else Path(root)
        self.hits = 0
        self.misses = 0

    @property
    def persistent(self) -> bool:
        """Whether entries outlive this build (False for the private temporary cache)."""
        return not self._temporary

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / f"{key}.json.z"

    def get(self, kind: str, key: str):
        try:
            data = self._path(kind, key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            value = json.loads(zlib.decompress(data))
        except (zlib.error, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry exists (without reading it)."""
        return self._path(kind, key).is_file()

    def put(self, kind: str, key: str, value) -> None:
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 3)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def prune(self, keep, older_than: float = 0.0) -> int:
        """Remove every entry whose ``(kind, key)`` is not in ``keep`` (what the build that just
        finished used) and that was written more than ``older_than`` seconds ago, so the cache
        holds about one build's entries, not every build's, while a build running beside this
        one (a preview under ``--autoreload``) keeps what it has just written; other files under
        the root are left alone. Returns how many entries were removed.

        >>> c = Cache(None); c.put("doc", "ab12", 1); c.put("doc", "cd34", 2)
        >>> c.prune({("doc", "ab12")}, older_than=3600), c.get("doc", "cd34")
        (0, 2)
        >>> c.prune({("doc", "ab12")}), c.get("doc", "ab12"), c.get("doc", "cd34")
        (1, 1, None)
        >>> c.close()
        """
        removed = 0
        if not self.root.is_dir():
            return 0
        cutoff = time.time() - older_than
        for kind_dir in self.root.iterdir():
            if not kind_dir.is_dir():
                continue
            for shard in kind_dir.iterdir():
                if not shard.is_dir():
                    continue
                for entry in shard.glob("*.json.z"):
                    if (kind_dir.name, entry.name[:-len(".json.z")]) in keep:
                        continue
                    try:
                        if older_than and entry.stat().st_mtime > cutoff:
                            continue
                        entry.unlink()
                        removed += 1
                    except OSError:
                        pass
        return removed

    def close(self) -> None:
        if self._temporary:
            shutil.rmtree(self.root, ignore_errors=True)
