"""The search index written by a second process while the build renders its pages.

The writer (:func:`daftar_search.writer.write_index`) reads only the per-seed cache and the
result cards, so it need not wait for the pages, nor they for it: :func:`start` hands it a job
(the cache's folder, each document's id and cache keys, the cards and the writer's options, as
JSON on stdin) and returns at once; :meth:`Pending.result` waits for the summary. The child is
``python -m daftar_search.background`` with the same ``sys.path``; its log records come back as
JSON lines on stderr and are logged here under their own logger and level, so a warning of the
writer reads the same from either process. The index is the same bytes either way
(tests/site/test_search_background.py).

No Pelican import here (the child imports the package, and with it the adapter, but writes
only through :mod:`daftar_search.writer`).
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

logger = logging.getLogger(__name__)

#: What starts the line of the child's stdout that carries the writer's summary.
SUMMARY_PREFIX = "daftar-search-summary "


def job(out_dir: Path, cache_root: str, docs: list[tuple[str, str, str]], cards: list[dict],
        options: dict) -> dict:
    """What the child needs: ``docs`` is ``(id, analysis key, document key)`` per record."""
    return {"out": str(out_dir), "cache": str(cache_root), "docs": [list(d) for d in docs],
            "cards": cards, "options": options}


def run(j: dict) -> dict:
    """Write the index of a job in this process: what the child runs, and what the build runs
    when it writes the index itself."""
    from daftar_seeds.cache import Cache
    from daftar_seeds.record import document_from_dict

    from .writer import write_index

    cache = Cache(j["cache"])

    def analyses():
        for _id, key, _doc in j["docs"]:
            a = cache.get("feature-search", key) if key else None
            if a:
                yield a

    def snippets():
        for doc_id, _key, doc_key in j["docs"]:
            data = cache.get("doc", doc_key)
            text = "\n\n".join(document_from_dict(data["document"]).paragraphs) if data else ""
            yield doc_id, text

    opts = j["options"]
    return write_index(Path(j["out"]), analyses(), iter(j["cards"]), snippets(),
                       protected=opts["protected"], shard_bytes=opts["shard_bytes"],
                       limits=opts["limits"], hub_df=opts["hub_df"])


class Pending:
    """A writer running in a child process."""

    def __init__(self, proc: subprocess.Popen, started: float):
        self._proc = proc
        self._started = started
        self._summary: dict | None = None
        self._error: str | None = None

    def result(self) -> dict:
        """The writer's summary; raises RuntimeError (with the child's last words) if it failed."""
        if self._summary is None and self._error is None:
            out, err = self._proc.communicate()
            tail = []
            for line in err.decode("utf-8", "replace").splitlines():
                try:
                    rec = json.loads(line)
                    logging.getLogger(rec["name"]).log(rec["level"], "%s", rec["msg"])
                except (ValueError, KeyError, TypeError):
                    tail.append(line)
            lines = [ln for ln in out.decode("utf-8", "replace").splitlines() if ln.startswith(SUMMARY_PREFIX)]
            if self._proc.returncode == 0 and lines:
                self._summary = json.loads(lines[-1][len(SUMMARY_PREFIX):])
                logger.debug("daftar_search: the second process wrote the index in %.1f s",
                             time.perf_counter() - self._started)
            else:
                self._error = f"exit status {self._proc.returncode}: " + " | ".join(tail[-3:])[-300:]
        if self._error is not None:
            raise RuntimeError(self._error)
        return self._summary


#: The child's command (a test replaces it to make the child fail).
COMMAND = [sys.executable, "-m", "daftar_search.background"]


def start(j: dict) -> Pending:
    """Start the child on job ``j``; OSError if it cannot be started."""
    here = str(Path(__file__).resolve().parent.parent)
    path = [here] + [p for p in sys.path if p and p != here]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path))
    with tempfile.TemporaryFile() as fh:  # the job as the child's stdin: no pipe to keep fed
        fh.write(json.dumps(j, ensure_ascii=False).encode("utf-8"))
        fh.seek(0)
        proc = subprocess.Popen(COMMAND, stdin=fh, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    started = time.perf_counter()
    return Pending(proc, started)


class _JsonLines(logging.Handler):
    def emit(self, record):
        try:
            sys.stderr.write(json.dumps({"name": record.name, "level": record.levelno,
                                         "msg": record.getMessage()}, ensure_ascii=False) + "\n")
        except Exception:  # pragma: no cover - never fail the writer over a log line
            pass


def main() -> None:
    root = logging.getLogger()
    root.addHandler(_JsonLines())
    root.setLevel(logging.INFO)
    j = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    summary = run(j)
    sys.stdout.write(SUMMARY_PREFIX + json.dumps(summary, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
