"""The per-seed pass: every seed's document and features, from the cache or made anew.

For each seed, :func:`prepare_one` reads the raw bytes and the curator's sidecar, builds the
:class:`~daftar_seeds.document.Document` (decode, clean, metadata) and then every registered
per-article feature (see :mod:`daftar_seeds.pipeline`), storing each in the cache under a key of
everything it depends on. What comes back to the build is small: the metadata, the cache keys,
or the reason the seed is not published. :func:`prepare_all` runs it over the collection in a
process pool (the seeds are independent) and reports progress.

Every failure of one seed is caught here and becomes that seed's one-line reason — an exception
in the cleaning code, a sidecar that is a folder, a seed that takes longer than the time budget —
so one file can never stop or hang the build.

Pure: no Pelican import.
"""
from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

from .cache import Cache, digest
from .document import Rejected, build_document
from .ids import SeedFile
from .overrides import parse_sidecar
from .pipeline import Feature, code_version
from .record import document_to_dict

logger = logging.getLogger(__name__)

#: Sidecars are a few lines of YAML; anything larger is refused before parsing.
MAX_SIDECAR_BYTES = 64 * 1024


@dataclass(frozen=True)
class PrepareConfig:
    """What a worker needs to prepare a seed (plain values: it travels to worker processes)."""

    cache_root: str | None
    reference: dt.date | None
    max_bytes: int
    other_languages: str
    time_budget: float  # seconds per seed; 0 = none
    feature_settings: dict = field(default_factory=dict)  # settings the features read


@dataclass
class Prepared:
    """The result of one seed: small enough to keep for every article of the archive."""

    seed: SeedFile
    doc_key: str = ""
    feature_keys: dict = field(default_factory=dict)
    meta: dict | None = None  # the Document without paragraphs and log; None when rejected
    rejected: str | None = None
    sidecar_errors: list[str] = field(default_factory=list)
    cached: bool = False


class SeedTimeout(Exception):
    pass


def _seeds_version() -> str:
    global _SEEDS_VERSION
    if _SEEDS_VERSION is None:
        _SEEDS_VERSION = code_version("daftar_text", "daftar_seeds")
    return _SEEDS_VERSION


_SEEDS_VERSION: str | None = None
_CTX: dict = {}  # per-process feature contexts (e.g. the matcher), built once


def read_sidecar(path: str | None) -> tuple[bytes, dict, list[str]]:
    """The sidecar's bytes, its validated values and its errors (each naming the file)."""
    if not path:
        return b"", {}, []
    name = os.path.basename(path)
    try:
        if not os.path.isfile(path):
            return b"", {}, [f"{name}: not a file; ignored"]
        size = os.path.getsize(path)
        if size > MAX_SIDECAR_BYTES:
            return b"", {}, [f"{name}: {size} bytes, more than a sidecar may hold ({MAX_SIDECAR_BYTES}); ignored"]
        with open(path, "rb") as fh:
            data = fh.read(MAX_SIDECAR_BYTES + 1)
    except OSError as exc:
        return b"", {}, [f"{name}: cannot be read ({exc.strerror or exc}); ignored"]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data, {}, [f"{name}: not UTF-8; ignored"]
    values, errors = parse_sidecar(text, name)
    return data, values, errors


def _meta(doc) -> dict:
    d = document_to_dict(doc)
    for heavy in ("paragraphs", "cleaning_log"):
        d.pop(heavy, None)
    return d


def prepare_one(seed: SeedFile, conf: PrepareConfig, features: list[Feature], cache: Cache) -> Prepared:
    """Document and features of one seed; never raises for a problem of the seed itself."""
    out = Prepared(seed)
    try:
        size = os.path.getsize(seed.path)
        if size > conf.max_bytes:  # refused before it is read: a huge file costs nothing
            out.rejected = f"file too large ({size} bytes > DAFTAR_SEEDS_MAX_BYTES={conf.max_bytes})"
            return out
        with open(seed.path, "rb") as fh:
            raw = fh.read(conf.max_bytes + 1)
    except OSError as exc:
        out.rejected = f"cannot be read ({exc.strerror or exc})"
        return out
    side_bytes, overrides, out.sidecar_errors = read_sidecar(seed.sidecar)
    out.doc_key = digest("doc", _seeds_version(), raw, side_bytes, seed.id, str(conf.reference),
                         conf.max_bytes, conf.other_languages)
    # the small part first: a warm rebuild reads only this and checks that the features exist
    meta = cache.get("meta", out.doc_key)
    doc = None
    if meta is None:
        timed_out = False
        try:
            with _budget(conf.time_budget):
                doc = build_document(raw, seed.id, reference=conf.reference, max_bytes=conf.max_bytes,
                                     other_languages=conf.other_languages, overrides=overrides)
        except SeedTimeout:
            timed_out = True
            doc = Rejected(f"took longer than the time budget of {conf.time_budget:g} s "
                           "(DAFTAR_SEEDS_TIME_BUDGET)")
        except Exception as exc:  # a bug met by one odd file must not stop the build
            logger.debug("preparing %s failed", seed.rel, exc_info=True)
            doc = Rejected(f"could not be processed ({type(exc).__name__}: {_one_line(exc)})")
        if isinstance(doc, Rejected):
            meta = {"rejected": doc.reason}
        else:
            cache.put("doc", out.doc_key, {"document": document_to_dict(doc)})
            meta = {"meta": _meta(doc)}
        if not timed_out:  # a timeout may be the machine's load, not the seed: try again next time
            cache.put("meta", out.doc_key, meta)
    else:
        out.cached = True
    if "rejected" in meta:
        out.rejected = meta["rejected"]
        return out
    out.meta = meta["meta"]
    earlier: dict[str, dict] = {}

    def document():
        nonlocal doc
        if doc is None:
            from .record import document_from_dict

            entry = cache.get("doc", out.doc_key)
            if entry is None:  # the cache lost it: make it again
                doc = build_document(raw, seed.id, reference=conf.reference, max_bytes=conf.max_bytes,
                                     other_languages=conf.other_languages, overrides=overrides)
                cache.put("doc", out.doc_key, {"document": document_to_dict(doc)})
            else:
                doc = document_from_dict(entry["document"])
        return doc

    for i, feat in enumerate(features):
        ctx_key, factory = feat.context(conf.feature_settings)
        key = digest("feature", feat.stage, feat.version, ctx_key, out.doc_key)
        out.feature_keys[feat.stage] = key
        if cache.has("feature-" + feat.stage, key):
            continue
        for before in features[:i]:  # a feature may read the earlier ones
            if before.stage not in earlier:
                earlier[before.stage] = cache.get("feature-" + before.stage, out.feature_keys[before.stage]) or {}
        ctx = _CTX.get((feat.stage, ctx_key))
        if ctx is None:
            ctx = _CTX[(feat.stage, ctx_key)] = factory()
        try:
            with _budget(conf.time_budget):
                value = feat.compute(document(), earlier, ctx)
        except SeedTimeout:
            out.rejected = (f"its {feat.stage} stage took longer than the time budget of "
                            f"{conf.time_budget:g} s (DAFTAR_SEEDS_TIME_BUDGET)")
            return out
        except Exception as exc:
            logger.debug("feature %s of %s failed", feat.stage, seed.rel, exc_info=True)
            out.rejected = f"its {feat.stage} stage failed ({type(exc).__name__}: {_one_line(exc)})"
            return out
        cache.put("feature-" + feat.stage, key, value)
        earlier[feat.stage] = value
    return out


def _one_line(exc: BaseException) -> str:
    s = " ".join(str(exc).split())
    return s if len(s) <= 160 else s[:157] + "…"


class _budget:
    """Raise :class:`SeedTimeout` in the block after ``seconds`` (main thread only: the timer is
    a signal)."""

    def __init__(self, seconds: float):
        self.seconds = seconds if seconds and threading.current_thread() is threading.main_thread() else 0

    def __enter__(self):
        if self.seconds:
            self._old = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    @staticmethod
    def _fire(signum, frame):
        raise SeedTimeout()

    def __exit__(self, *exc):
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old)
        return False


# ---- the collection, in a process pool

_JOB: dict = {}


def _work(seeds: list[SeedFile]) -> list[Prepared]:
    job = _JOB
    return [prepare_one(s, job["conf"], job["features"], job["cache"]) for s in seeds]


def prepare_all(seeds: list[SeedFile], conf: PrepareConfig, features: list[Feature], cache: Cache,
                workers: int = 1, progress: Callable[[int, int], None] | None = None,
                chunk: int = 16) -> dict[str, Prepared]:
    """Prepare every seed; returns rel path -> :class:`Prepared`. ``workers`` > 1 forks a pool
    (the seeds are independent; results do not depend on the number of workers)."""
    out: dict[str, Prepared] = {}
    total = len(seeds)
    done = 0
    if workers <= 1 or total < 2 * chunk or "fork" not in multiprocessing.get_all_start_methods():
        for s in seeds:
            out[s.rel] = prepare_one(s, conf, features, cache)
            done += 1
            if progress and (done % chunk == 0 or done == total):
                progress(done, total)
        return out
    _JOB.update(conf=conf, features=features, cache=Cache(cache.root))
    batches = [seeds[i:i + chunk] for i in range(0, total, chunk)]
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_work, b): b for b in batches}
            for fut in as_completed(futures):
                try:
                    results = fut.result()
                except Exception as exc:  # a worker died (e.g. killed for memory): redo here, one by one
                    logger.warning("a worker failed (%s); preparing its %d seeds in the main process",
                                   _one_line(exc), len(futures[fut]))
                    results = [prepare_one(s, conf, features, cache) for s in futures[fut]]
                for p in results:
                    out[p.seed.rel] = p
                done += len(results)
                if progress:
                    progress(done, total)
    finally:
        _JOB.clear()
    return out


def default_workers(setting: int) -> int:
    """``DAFTAR_SEEDS_WORKERS``: 0 means one per available core."""
    if setting and setting > 0:
        return setting
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)

