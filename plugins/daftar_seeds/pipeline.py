"""The order of Daftar's stages, stated once, and the registry the plugins fill.

A build runs in two passes:

* **per seed** (in worker processes, cached by the seed's sha256): ``seeds`` decodes, cleans
  and extracts a :class:`~daftar_seeds.document.Document`; then every registered *feature*
  computes its small per-article result from that document, in :data:`FEATURE_ORDER` —
  ``links`` the entity mentions and the similarity features, ``search`` the term statistics
  (and the entities' names and ids, from ``links``) — each seeing the features before it;
* **per collection** (once, in Pelican's ``all_generators_finalized``): every registered
  *stage* fills its own part of each :class:`~daftar_seeds.record.ArticleRecord` and of the
  :class:`~daftar_seeds.record.Archive`, in :data:`STAGE_ORDER`, reading only what earlier
  stages wrote.

Both orders hold whatever order ``PLUGINS`` lists the plugins in; a stage whose required stage
is absent is skipped with one error naming what is missing. Pure: no Pelican import (the
adapters register here and call :func:`run_stages`).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

#: The stages, in the order they run. Each belongs to one plugin. ``search`` comes first after
#: ``seeds``, since it reads only the per-seed cache (the entities its cards carry are in each
#: article's analysis): on an archive large enough, its index is written by a second process
#: while ``links``, ``related`` and the rest run.
STAGE_ORDER = ("seeds", "search", "links", "related", "archive", "exports")
#: The per-seed features, in the order they are computed: ``search`` reads what ``links`` found.
FEATURE_ORDER = ("links", "search")
PLUGIN_OF = {"seeds": "daftar_seeds", "links": "daftar_links", "search": "daftar_search",
             "related": "daftar_links", "archive": "daftar_archive", "exports": "daftar_exports"}


@dataclass(frozen=True)
class Feature:
    """A per-seed computation, run in a worker after the document is built.

    ``context(settings) -> (key, factory)``: ``key`` is a string that changes when the
    feature's inputs other than the document change (e.g. the gazetteer's digest); ``factory()``
    builds, once per worker, what ``compute`` needs (e.g. the entity matcher).
    ``compute(document, earlier_features, ctx) -> dict`` returns JSON-plain data.
    """

    stage: str
    compute: Callable
    context: Callable
    version: str = ""


@dataclass(frozen=True)
class Stage:
    """A per-collection step: ``run(archive)`` fills the stage's part of the records."""

    name: str
    run: Callable
    needs: tuple[str, ...] = ("seeds",)
    wants: tuple[str, ...] = ()  # used when present, not required

    @property
    def plugin(self) -> str:
        return PLUGIN_OF[self.name]


@dataclass
class Registry:
    stages: dict[str, Stage] = field(default_factory=dict)
    features: dict[str, Feature] = field(default_factory=dict)

    def ordered_stages(self, active: Iterable[str]) -> list[Stage]:
        act = set(active)
        return [self.stages[n] for n in STAGE_ORDER if n in self.stages and self.stages[n].plugin in act]

    def ordered_features(self, active: Iterable[str]) -> list[Feature]:
        act = set(active)
        return [self.features[n] for n in FEATURE_ORDER if n in self.features and PLUGIN_OF[n] in act]


#: The process-wide registry. Plugins register at import of their adapter; which of them take
#: part in a build is decided by the build's ``PLUGINS`` (see ``active``), so several builds
#: with different plugin lists can share one process (the tests do).
REGISTRY = Registry()


def register_stage(stage: Stage) -> None:
    if stage.name not in STAGE_ORDER:
        raise ValueError(f"unknown stage {stage.name!r}; stages are {', '.join(STAGE_ORDER)}")
    REGISTRY.stages[stage.name] = stage


def register_feature(feature: Feature) -> None:
    if feature.stage not in FEATURE_ORDER:
        raise ValueError(f"unknown feature {feature.stage!r}; features are {', '.join(FEATURE_ORDER)}")
    REGISTRY.features[feature.stage] = feature


def active(plugins: Iterable) -> list[str]:
    """Names of the Daftar plugins a build loaded (Pelican's ``settings["PLUGINS"]``)."""
    out = []
    for p in plugins or ():
        name = p if isinstance(p, str) else getattr(p, "__name__", str(p))
        out.append(name.rsplit(".", 1)[-1])
    return out


def run_stages(archive, plugins: Iterable, registry: Registry = REGISTRY) -> list[str]:
    """Run the active stages in :data:`STAGE_ORDER`; return the names of those that ran.

    >>> reg = Registry(); done = []
    >>> for n in ("search", "seeds", "links"):
    ...     reg.stages[n] = Stage(n, lambda a, n=n: done.append(n), needs=() if n == "seeds" else ("seeds",))
    >>> run_stages(None, ["daftar_search", "daftar_links", "daftar_seeds"], reg), done
    (['seeds', 'search', 'links'], ['seeds', 'search', 'links'])
    """
    ran: list[str] = []
    act = active(plugins)
    for stage in registry.ordered_stages(act):
        missing = [n for n in stage.needs if n not in ran]
        if missing:
            logger.error("%s: needs the %s stage of %s, which is not in PLUGINS; its %s stage is skipped",
                         stage.plugin, ", ".join(missing), ", ".join(PLUGIN_OF[m] for m in missing),
                         stage.name)
            continue
        stage.run(archive)
        ran.append(stage.name)
    return ran


def code_version(*packages: str) -> str:
    """A digest of the source and data files of ``packages`` (folders under plugins/): the
    cache key part that changes whenever the code or its data does."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for pkg in packages:
        for p in sorted((root / pkg).rglob("*")):
            if p.is_file() and p.suffix not in (".pyc",) and "__pycache__" not in p.parts:
                h.update(str(p.relative_to(root)).encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]
