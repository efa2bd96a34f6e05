"""How a Daftar build runs inside Pelican: atomic output, page reuse, progress and summary.

* **Atomic output.** Each run writes into ``<OUTPUT_PATH>.building`` and, only when it has
  finished, moves it into place; a build that is killed or fails leaves the previous site as it
  was (and the half-written folder is removed by the next run). Files named by
  ``OUTPUT_RETENTION`` (``CNAME``, ``.git`` …) are carried over.
* **Page reuse.** :class:`ReusingWriter` renders a page only when what it shows changed: a page
  written with a digest of its inputs (every article page; the plugins' listings) whose digest
  equals the previous build's is hard-linked from the previous output instead of rendered.
* **Progress and summary.** Per-stage progress through Pelican's own rich console (a bar on a
  terminal, a few plain lines otherwise, nothing with ``-q``), and a closing summary: articles
  per language, seeds skipped with their reasons, sidecar problems, warnings and errors, where
  the data went. Paths are shown relative to the project.
* **Live preview.** The seeds folder is added to what ``pelican --autoreload`` watches.
"""
from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import logging
import os
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from pelican import signals
from pelican.writers import Writer

from .cache import digest
from .pipeline import active, code_version
from .record import Summary

logger = logging.getLogger(__name__)

BUILDING = ".building"
OLD = ".old-"  # the previous output, once the new one is in place, until it is removed
MANIFEST = "output-manifest.json"


@dataclass
class BuildState:
    """What one run of the build knows about itself (kept in the shared Pelican context)."""

    summary: Summary = field(default_factory=Summary)
    cache: object = None
    prepared: dict = field(default_factory=dict)
    conf: object = None
    features: list = field(default_factory=list)
    root: str = ""
    archive: object = None
    keep: set = field(default_factory=set)  # (kind, key) of every cache entry this run used
    pending: list = field(default_factory=list)  # what is left for the end, in order (the index a second process writes, the page that waits for it)
    started: float = field(default_factory=time.perf_counter)


_RUN: dict = {}  # the current run: "state", "final", "building", "counter", "writer"


def state(context: dict | None = None) -> BuildState:
    st = _RUN.get("state")
    if st is None:
        st = _RUN["state"] = BuildState()
    if context is not None:
        context["daftar_build"] = st
    return st


def rel(path: str) -> str:
    """A path relative to the working folder when it is inside it (short log lines)."""
    try:
        r = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive
        return path
    return path if r.startswith("..") else r


# ---- logging: count what went wrong, by level and by plugin


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.counts: Counter = Counter()

    def emit(self, record):
        self.counts[(record.levelname.lower(), record.name.split(".", 1)[0])] += 1


_COUNTER = _Counter()


# ---- settings the per-seed features read (plain values for worker processes)


def feature_settings(settings) -> dict:
    from .ids import project_dir

    keys = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in settings.items()
            if k.startswith("DAFTAR_")}
    keys = {k: v for k, v in keys.items() if _plain(v)}
    keys["PROJECT_DIR"] = project_dir(settings)
    return keys


def _plain(v) -> bool:
    """JSON-native values only (functions and objects would stringify with their addresses)."""
    try:
        json.dumps(v)
        return True
    except (TypeError, ValueError):
        return False


# ---- the run


def configure(pelican) -> None:
    """At ``initialized``: remember the real output folder; watch the seeds folder."""
    from .ids import seeds_dir

    s = pelican.settings
    _RUN["final"] = os.path.abspath(pelican.output_path)
    seeds = seeds_dir(s)
    # Pelican's autoreload watches PATH, the theme, the settings file and STATIC_PATHS; the
    # seeds live outside PATH, so they are added to STATIC_PATHS (the static generator is told
    # to leave them alone: see keep_seeds_out_of_static).
    statics = list(s.get("STATIC_PATHS") or [])
    if seeds not in statics:
        statics.append(seeds)
    s["STATIC_PATHS"] = statics
    root = logging.getLogger()
    if _COUNTER not in root.handlers:
        root.addHandler(_COUNTER)
    _unwrap_logs()


def _unwrap_logs() -> None:
    """Pelican's rich handler wraps every line at 80 columns when the output is not a terminal
    (CI logs, pipes): file names break mid-word. There, give the console a wide line and drop
    the right-hand source column, so one message stays one line."""
    from pelican.log import console
    from rich.logging import RichHandler

    if console.is_terminal:
        return
    console.width = 4000
    for h in logging.getLogger().handlers:
        if isinstance(h, RichHandler) and h.console is console and not isinstance(h._log_render, _Unpadded):
            h._log_render.show_path = False
            h._log_render = _Unpadded(h._log_render)


class _Unpadded:
    """Rich's log layout, not stretched to the console's width (so a wide console writes no
    trailing spaces)."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, *args, **kwargs):
        table = self.inner(*args, **kwargs)
        table.expand = False
        return table

    def __getattr__(self, name):
        return getattr(self.inner, name)


def begin(pelican):
    """At the start of each run (``get_generators`` is its first signal): a fresh state, and
    the output redirected to the building folder."""
    if "daftar_seeds" not in active(pelican.settings.get("PLUGINS")):
        return None
    _RUN["state"] = BuildState()
    _COUNTER.counts.clear()
    final = _RUN.get("final") or os.path.abspath(pelican.output_path)
    _RUN["final"] = final
    building = final.rstrip(os.sep) + BUILDING
    shutil.rmtree(building, ignore_errors=True)
    for left in glob.glob(glob.escape(final.rstrip(os.sep)) + OLD + "*"):  # a removal that was cut short
        remove_later(left)
    os.makedirs(building, exist_ok=True)
    _RUN["building"] = building
    pelican.output_path = building
    pelican.settings["OUTPUT_PATH"] = building
    return None


def finish(pelican) -> None:
    """At ``finalized``: finish what was left for the end (wait for the search index a second
    process writes, write the search page), move the finished build into place, then print
    the summary."""
    st = _RUN.get("state")
    while st is not None and st.pending:
        st.pending.pop(0)()
    building, final = _RUN.get("building"), _RUN.get("final")
    if not building or not final or "daftar_seeds" not in active(pelican.settings.get("PLUGINS")):
        return
    writer = _RUN.get("writer")
    retention = list(pelican.settings.get("OUTPUT_RETENTION") or [])
    if os.path.isdir(final):
        for name in retention:
            src = os.path.join(final, name)
            if os.path.exists(src) and not os.path.exists(os.path.join(building, name)):
                os.replace(src, os.path.join(building, name))
        old = final.rstrip(os.sep) + f"{OLD}{os.getpid()}-{time.monotonic_ns()}"  # unique: the last one may still be going
        os.replace(final, old)
        os.replace(building, final)
        remove_later(old)
    else:
        os.replace(building, final)
    pelican.output_path = final
    pelican.settings["OUTPUT_PATH"] = final
    _RUN.pop("building", None)
    if writer is not None:
        writer.save_manifest()
    st = state()
    _prune_cache(st)
    print_summary(st.summary, final, time.perf_counter() - st.started)


#: Removals still running, so that their Popen objects outlive the build.
_REMOVING: list = []


def remove_later(path: str) -> None:
    """Remove a previous output tree that is no longer in place, in a process of its own that
    outlives this one: the new site is already published, and unlinking tens of thousands of
    files (3 to 8 s at 10,000 articles) is not worth waiting for. Where no process can be
    started, it is removed here."""
    import subprocess

    try:
        _REMOVING.append(subprocess.Popen(
            [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", path],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True))
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


#: An unused cache entry is removed only when it is older than this (seconds): a build running
#: beside this one on the same cache keeps what it has just written.
PRUNE_AFTER = 3600.0


def previous_output() -> str | None:
    """The output folder of the previous build (the one this build will replace), if any."""
    final = _RUN.get("final")
    return final if final and os.path.isdir(final) else None


def _link(src: str, dest: str) -> None:
    """A file of the previous build in this one: a hard link (a copy where the file system has none)."""
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def link_tree(src: str, dest: str) -> None:
    """A folder of the previous build in this one, every file linked (:func:`_link`)."""
    shutil.copytree(src, dest, copy_function=_link)


def _prune_cache(st: BuildState) -> None:
    """After a build that finished, drop the cache entries it did not use (an edited seed's old
    document, every entry of an older code version), so the cache does not grow with each
    edit. ``st.keep`` holds the entries of every seed prepared, published or set aside."""
    store = st.cache
    if store is None or st.archive is None or not st.keep or not store.persistent:
        return
    removed = store.prune(st.keep, older_than=PRUNE_AFTER)
    if removed:
        st.summary.cache["cache entries dropped"] = removed


# ---- page reuse


def _theme_digest(settings) -> str:
    h = hashlib.sha256()
    theme = settings.get("THEME", "")
    for dirpath, _dirs, files in sorted(os.walk(theme)):
        for f in sorted(files):
            p = os.path.join(dirpath, f)
            h.update(os.path.relpath(p, theme).encode())
            with open(p, "rb") as fh:
                h.update(fh.read())
    view = {k: v for k, v in settings.items() if k.isupper() and _plain(v) and k not in ("OUTPUT_PATH", "PLUGINS")}
    h.update(json.dumps(view, sort_keys=True, default=str).encode())
    # everything that draws pages: filters, labels, the timeline, the listings
    h.update(code_version("daftar_theme", "daftar_archive", "daftar_exports", "daftar_links").encode())
    return h.hexdigest()


class ReusingWriter(Writer):
    """Pelican's writer, which skips rendering a page whose inputs did not change.

    A page is reusable when the caller passes ``daftar_digest=…`` (the plugins' own pages) or it
    is an article page (its record's :func:`render_digest`). The digest is combined with the
    theme's files, the settings and the page's name; the previous build's digests are kept in
    the cache folder.
    """

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.base = _theme_digest(settings or {})
        cache_root = os.path.join((settings or {}).get("CACHE_PATH", "cache"), "daftar")
        self.manifest_path = os.path.join(cache_root, MANIFEST)
        self.enabled = bool((settings or {}).get("DAFTAR_SEEDS_CACHE", True))
        self.previous: dict = {}
        if self.enabled:
            try:
                with open(self.manifest_path, encoding="utf-8") as fh:
                    self.previous = json.load(fh)
            except (OSError, ValueError):
                self.previous = {}
        self.manifest: dict = {}
        self.reused = 0
        self.rendered = 0
        self.reused_files = 0
        _RUN["writer"] = self

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        key = kwargs.pop("daftar_digest", None)
        art = kwargs.get("article")
        if key is None and art is not None and getattr(art, "daftar", None) is not None:
            key = render_digest(art.daftar)
        if key and name:
            key = digest(self.base, key, name, getattr(template, "name", ""), relative_urls)
            if self._reuse(name, key):
                self.reused += 1
                return
        super().write_file(name, template, context, relative_urls=relative_urls, paginated=paginated,
                           template_name=template_name, override_output=override_output, url=url, **kwargs)
        self.rendered += 1
        if key and name:
            self.manifest[name] = key

    def reuse_file(self, name: str, key: str) -> bool:
        """A file a plugin writes itself (a citation, a raw copy): True when the previous build
        wrote ``name`` from the same ``key`` (with the same theme, settings and code) and it is
        linked in from there; else False, and the caller writes it and calls :meth:`wrote_file`."""
        if self._reuse(name, digest(self.base, key, name)):
            self.reused_files += 1
            return True
        return False

    def wrote_file(self, name: str, key: str) -> None:
        """Record that ``name`` was written from ``key``, for the next build's :meth:`reuse_file`."""
        self.manifest[name] = digest(self.base, key, name)

    def _reuse(self, name: str, key: str) -> bool:
        """Link ``name`` from the previous build when that build wrote it from ``key``."""
        final = _RUN.get("final")
        if not self.enabled or self.previous.get(name) != key or not final:
            return False
        old = os.path.join(final, name)
        new = os.path.join(self.output_path, name)
        if not os.path.isfile(old):
            return False
        os.makedirs(os.path.dirname(new), exist_ok=True)
        _link(old, new)
        self._written_files.add(new)
        self.manifest[name] = key
        return True

    def save_manifest(self) -> None:
        if not self.enabled:
            return
        os.makedirs(os.path.dirname(self.manifest_path), exist_ok=True)
        tmp = self.manifest_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.manifest, fh, sort_keys=True)
        os.replace(tmp, self.manifest_path)


def render_digest(rec) -> str:
    """A digest of what an article page shows: its own document and every stage's part."""
    parts = [rec.doc_key, rec.slug, rec.fields]
    for name in ("links", "archive", "exports", "search"):
        part = getattr(rec, name, None)
        d = getattr(part, "digest", None)
        parts.append(d() if callable(d) else None)
    return digest(*parts)


def get_writer(pelican):
    if "daftar_seeds" not in active(pelican.settings.get("PLUGINS")):
        return None
    return ReusingWriter


def keep_seeds_out_of_static(generator) -> None:
    """The seeds folder is in STATIC_PATHS only to be watched: the static generator skips it."""
    from .ids import seeds_dir

    if "daftar_seeds" not in active(generator.settings.get("PLUGINS")):
        return
    seeds = seeds_dir(generator.settings)
    original = generator.get_files

    def get_files(paths, exclude=None, extensions=None):
        keep = [p for p in paths if os.path.abspath(os.path.join(generator.path, p)) != seeds]
        return original(keep, exclude=exclude, extensions=extensions) if keep else set()

    generator.get_files = get_files


# ---- progress and summary


@contextlib.contextmanager
def progress(what: str, total: int):
    """Yield ``tick(done, total)``: a rich progress bar on a terminal, a few plain lines when
    the output is piped (every 10 %), nothing when the log level hides INFO (``-q``)."""
    from pelican.log import console

    quiet = logging.getLogger().getEffectiveLevel() > logging.WARNING or total == 0
    started = time.perf_counter()
    if quiet:
        yield lambda done, total: None
        return
    if console.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("[bold]daftar[/] {task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=console, transient=True) as bar:
            task = bar.add_task(what, total=total)
            yield lambda done, total: bar.update(task, completed=done)
    else:
        marks = {"next": 0.1}

        def tick(done, total):
            if done >= total * marks["next"] or done == total:
                while marks["next"] <= done / total:
                    marks["next"] += 0.1
                print(f"daftar: {what}: {done}/{total}", file=sys.stderr, flush=True)

        yield tick
    logger.info("daftar: %s: %d in %.1f s", what, total, time.perf_counter() - started)


def _n(count: int, word: str) -> str:
    """A count and its noun.

    >>> _n(1, "file"), _n(3, "file")
    ('1 file', '3 files')
    """
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def print_summary(summary: Summary, output: str, seconds: float) -> None:
    from pelican.log import console

    if logging.getLogger().getEffectiveLevel() > logging.WARNING:
        return
    lines = []
    pub = ", ".join(f"{n} {lang}" for lang, n in sorted(summary.published.items())) or "none"
    lines.append(f"daftar: {_n(sum(summary.published.values()), 'article')} published ({pub}) into {rel(output)}/ "
                 f"in {seconds:.1f} s")
    if summary.skipped:
        lines.append(f"daftar: {_n(len(summary.skipped), 'seed')} not published:")
        for path, reason in summary.skipped[:20]:
            lines.append(f"  {path}: {reason}")
        if len(summary.skipped) > 20:
            lines.append(f"  … and {len(summary.skipped) - 20} more (see the warnings above)")
    if summary.ignored:
        lines.append(f"daftar: {_n(len(summary.ignored), 'file')} in the seeds folder ignored (not *.txt)")
    if summary.sidecar_errors:
        lines.append(f"daftar: {_n(len(summary.sidecar_errors), 'sidecar problem')}:")
        for msg in summary.sidecar_errors[:10]:
            lines.append(f"  {msg}")
    counts = _COUNTER.counts
    if counts:
        by = ", ".join(f"{n} {lvl}{'s' if n > 1 else ''} from {who}" for (lvl, who), n in sorted(counts.items()))
        lines.append(f"daftar: {by}" + (" (run `pelican --fatal errors` to stop on them)"
                                        if any(lvl == "error" for lvl, _ in counts) else ""))
    writer = _RUN.get("writer")
    if writer is not None and (writer.reused or writer.rendered):
        files = f", files reused unchanged {writer.reused_files}" if writer.reused_files else ""
        lines.append(f"daftar: pages rendered {writer.rendered}, reused unchanged {writer.reused}{files}")
    if summary.cache:
        lines.append("daftar: " + ", ".join(f"{k} {v}" for k, v in summary.cache.items()))
    for what, where in summary.outputs.items():
        lines.append(f"daftar: {what}: {rel(os.path.join(output, where))}")
    for line in lines:
        console.print(line, markup=False, highlight=False, soft_wrap=True)


def register() -> None:
    signals.get_generators.connect(begin)
    signals.get_writer.connect(get_writer)
    signals.static_generator_init.connect(keep_seeds_out_of_static)
    signals.finalized.connect(finish)
