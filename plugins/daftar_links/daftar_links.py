"""Pelican adapter for cross-links: the ``links`` and ``related`` stages.

* per seed (a worker, cached): the entity mentions of the headline and of each paragraph;
* per collection, in two stages: ``links`` (after ``seeds``) gives each record its
  :class:`LinksPart` — entities, previous/next by date — and builds the entity index;
  ``related`` adds related articles and same-story clusters, the expensive part (on a large
  archive the ``search`` stage, before both, has its index written meanwhile);
* nothing is written here: daftar_archive renders the entity pages and daftar_exports writes
  ``data/entities.json`` from the collection part (``archive.parts["links"]``).

The pure work is in gazetteer.py, matcher.py, related.py, clusters.py, stories.py and linking.py.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from markupsafe import Markup
from pelican import signals

from daftar_seeds import pipeline
from daftar_seeds.cache import digest
from daftar_seeds.record import newest_first
from daftar_seeds.daftar_seeds import register_settings, set_up
from daftar_seeds.ids import project_dir
from daftar_seeds.settings import Setting, text, whole

from .linking import co_occurrence, link_first_mentions, prev_next, schema_mentions
from .stories import SHOWN, nearest_reports

logger = logging.getLogger(__name__)

PLUGIN = "daftar_links"
SETTINGS = (
    Setting("DAFTAR_LINKS_GAZETTEER", "content/gazetteer.yaml", text(),
            "The gazetteer of people, organisations, places and topics (relative to the project)."),
    Setting("DAFTAR_LINKS_RELATED", 5, whole(0, 20), "At most this many related articles per article."),
    Setting("DAFTAR_LINKS_SAME_STORY", SHOWN, whole(0, 25),
            "At most this many other reports of the same story on an article page (its copies first, "
            "then the closest in date); the story's own page lists them all."),
)
register_settings(PLUGIN, SETTINGS)


def gazetteer_path(settings) -> str:
    path = settings.get("DAFTAR_LINKS_GAZETTEER", SETTINGS[0].default)
    base = settings.get("PROJECT_DIR") or project_dir(settings)
    return path if os.path.isabs(path) else os.path.join(base, path)


# ---- per seed


_CONTEXTS: dict = {}


def _context(settings):
    """The worker context: the matcher, built once per process from the gazetteer. The key is
    the digest of every gazetteer file (the main file and those it includes), read once."""
    path = gazetteer_path(settings)
    folder = os.path.dirname(path)
    try:
        stamp = tuple(sorted((f, os.stat(os.path.join(folder, f)).st_mtime_ns) for f in os.listdir(folder)
                             if f.startswith("gazetteer") and f.endswith((".yaml", ".yml"))))
    except OSError:
        stamp = ()
    memo = _CONTEXTS.get((path, stamp))
    if memo is None:
        h = []
        for name, _mtime in stamp:
            with open(os.path.join(folder, name), "rb") as fh:
                h.append(fh.read())
        key = digest(*h) if h else "no-gazetteer"

        def factory():
            from .gazetteer import load_gazetteer
            from .matcher import Matcher

            try:
                return Matcher(load_gazetteer(path))
            except (OSError, ValueError):
                return None  # the stage reports the broken gazetteer once, in the main process

        memo = _CONTEXTS[(path, stamp)] = (key, factory)
    return memo


def features(doc, earlier: dict, matcher) -> dict:
    """Entity mentions (per paragraph: [id, start, end, kind]), term counts, the text's MinHash
    signature and name-like candidates (daftar_links.features.article_features)."""
    from .features import article_features

    if matcher is None:
        return {"entities": {}, "order": [], "mentions": [[] for _ in doc.paragraphs], "terms": {},
                "signature": [], "candidates": [], "title_mentions": []}
    return article_features(doc.title, doc.paragraphs, doc.lang, matcher)


pipeline.register_feature(pipeline.Feature("links", features, _context, version=pipeline.code_version("daftar_links")))


# ---- per collection


@dataclass
class _M:
    entity_id: str
    start: int
    end: int
    kind: str = "name"


@dataclass(eq=False)
class LinksPart:
    """What daftar_links knows of one article (``record.links``)."""

    entities: list[str]
    features_key: str = ""  # its cached features (the mentions are read from there when the page is drawn)
    related: list[dict] = field(default_factory=list)  # {"id", "score", "reasons"}
    cluster: str | None = None  # the same story elsewhere: its cluster id
    prev: str | None = None
    next: str | None = None
    shared: object = field(repr=False, default=None)  # the collection's LinksResult

    record: object = field(repr=False, default=None)

    def mentions(self) -> list:
        """Per paragraph: [entity id, start, end, kind] (from the cache: not kept in memory)."""
        return self.record.feature("links").get("mentions", []) if self.record is not None else []

    def entity_objects(self) -> list:
        gaz = self.shared.gazetteer
        return [gaz.entities[e] for e in self.entities if e in gaz.entities]

    def related_records(self) -> list[tuple]:
        by_id = self.shared.by_id
        return [(by_id[x["id"]], x) for x in self.related if x["id"] in by_id]

    def same_story(self) -> list[tuple]:
        """(record, link kind) of the other members of its cluster: wire copies, reposts, the
        other language's report of one event."""
        if not self.cluster:
            return []
        c = self.shared.clusters.get(self.cluster) or {}
        me = self.shared.owner.get(id(self))
        kinds = self.shared.link_kinds(self.cluster).get(me, {})
        by_id = self.shared.by_id
        return [(by_id[m], kinds.get(m, "same_event")) for m in c.get("members", []) if m != me and m in by_id]

    def same_story_nearest(self) -> list[tuple]:
        """(record, link kind) of the reports its page shows: at most ``DAFTAR_LINKS_SAME_STORY``
        (daftar_links.stories.nearest_reports), oldest first. The rest are on the story page, so
        a page does not grow with its cluster."""
        others = self.same_story()
        by_id = {r.id: (r, k) for r, k in others}
        me = self.record.date if self.record is not None else None
        return [by_id[o[0]] for o in nearest_reports(me, [(r.id, r.date, k) for r, k in others], self.shared.story_shown)]

    def same_story_count(self) -> int:
        """Reports of its story, itself included (0 outside a cluster)."""
        return len((self.shared.clusters.get(self.cluster) or {}).get("members", [])) if self.cluster else 0

    def prev_record(self):
        return self.shared.by_id.get(self.prev) if self.prev else None

    def next_record(self):
        return self.shared.by_id.get(self.next) if self.next else None

    def entity_names(self) -> list[str]:
        """Every name (fa, ar, en) of the people, organisations and places it mentions."""
        gaz = self.shared.gazetteer
        return sorted({n for e in self.entities if e in gaz.entities and gaz.entities[e].type != "topic"
                       for names in gaz.entities[e].names.values() for n in names})

    def schema_mentions(self) -> list[dict]:
        return schema_mentions([e for e in self.entities if e in self.shared.gazetteer.entities], self.shared.gazetteer)

    def body_html(self, paragraphs: list[str]) -> Markup:
        mentions = self.mentions()
        ms = ([[_M(*m) for m in para] for para in mentions] if len(mentions) == len(paragraphs)
              else [[] for _ in paragraphs])
        return link_first_mentions(paragraphs, ms, lambda eid: f"../entities/{eid}.html")

    def digest(self) -> str:
        """What the article page shows of this part (names and titles of its neighbours too)."""
        gaz, by_id = self.shared.gazetteer, self.shared.by_id

        def card(i):
            r = by_id.get(i)
            return None if r is None else [r.id, r.title, r.lang, r.url, r.date, r.get("outlet")]

        return digest(self.features_key, [(e, self.shared.names_digest(e)) for e in self.entities if e in gaz.entities],
                      [(card(x["id"]), x.get("reasons")) for x in self.related], card(self.prev), card(self.next),
                      [(card(r.id), k) for r, k in self.same_story_nearest()], self.same_story_count())


@dataclass
class LinksResult:
    """The collection-level part: the gazetteer, the records by id, each entity's articles."""

    gazetteer: object
    by_id: dict
    by_entity: dict = field(default_factory=dict)  # entity id -> [record ids], newest first
    cooc: dict = field(default_factory=dict)
    clusters: dict = field(default_factory=dict)  # cluster id -> {"members", "links"}
    candidates: list = field(default_factory=list)  # rows of data/entity-candidates.csv
    owner: dict = field(default_factory=dict)  # id(LinksPart) -> record id
    index: object = field(default=None, repr=False)  # the ArchiveIndex, from links to related
    story_shown: int = SHOWN  # reports of the same story on an article page (DAFTAR_LINKS_SAME_STORY)
    _names: dict = field(default_factory=dict, repr=False)  # entity id -> digest of its names
    _kinds: dict = field(default_factory=dict, repr=False)  # cluster id -> {member: {other: kind}}

    def names_digest(self, eid: str) -> str:
        """A digest of an entity's names (made once a build: every page that names it asks)."""
        d = self._names.get(eid)
        if d is None:
            d = self._names[eid] = digest(self.gazetteer.entities[eid].names)
        return d

    def link_kinds(self, cid: str) -> dict:
        """For each member of a cluster, the kind of its link to each other member it is linked
        to (the first link of a pair counts), made once for the cluster."""
        kinds = self._kinds.get(cid)
        if kinds is None:
            kinds = self._kinds[cid] = {}
            for a, b, kind, _score in (self.clusters.get(cid) or {}).get("links", []):
                for x, y in ((a, b), (b, a)):
                    kinds.setdefault(x, {}).setdefault(y, kind)
        return kinds


def links_stage(archive) -> None:
    """Entities of every article (pass one over the cached features: document frequencies and
    each record's part), each entity's articles, previous/next by date. Cheap; the ``related``
    stage does the rest."""
    s = archive.settings
    from .candidates import entity_candidates
    from .gazetteer import Gazetteer, load_gazetteer
    from .related import ArchiveIndex, related_factors

    path = gazetteer_path(s)
    try:
        gaz = load_gazetteer(path)
    except (OSError, ValueError) as exc:
        logger.error("daftar_links: gazetteer not loaded (%s); articles are published without entities", exc)
        gaz = Gazetteer()
    shared = LinksResult(gaz, archive.by_id, story_shown=s["DAFTAR_LINKS_SAME_STORY"])
    idx = ArchiveIndex(entity_factors=related_factors(gaz))
    cands = []
    for r in archive.records:  # pass one: document frequencies; the part of each record
        f = r.feature("links")
        idx.count(r.id, r.lang, r.date, f)
        order = [e for e in f.get("order", []) if e in gaz.entities]
        r.links = LinksPart(order, r.feature_keys.get("links", ""), shared=shared)
        r.links.record = r
        shared.owner[id(r.links)] = r.id
        cands.append((r.id, r.lang, f.get("candidates") or []))
    shared.index = idx
    order = prev_next([{"id": r.id, "date": r.date} for r in archive.records])
    for r in archive.records:
        r.links.prev, r.links.next = order.get(r.id, (None, None))
    for r in sorted(archive.records, key=newest_first):
        for e in r.links.entities:
            shared.by_entity.setdefault(e, []).append(r.id)
    shared.cooc = co_occurrence([{"entities": r.links.entities} for r in archive.records])
    shared.candidates = entity_candidates(cands)
    archive.parts["links"] = shared


def related_stage(archive) -> None:
    """Related articles and same-story clusters: pass two over the cached features (only a
    bounded profile per article stays in memory), then the clusters and each article's list."""
    from .clusters import find_clusters

    s = archive.settings
    shared = archive.parts["links"]
    idx, shared.index = shared.index, None
    for r in archive.records:  # pass two: each article's bounded profile
        idx.add(r.id, r.lang, r.date, r.feature("links"))
    found = find_clusters(idx)
    rel = idx.related(k=s["DAFTAR_LINKS_RELATED"], clusters=found)
    shared.clusters = found.get("clusters", {})
    cluster_of = found.get("cluster_of", {})
    for r in archive.records:
        r.links.cluster = cluster_of.get(r.id)
        # the same story has its own block on the page: related lists what else is related
        r.links.related = [x for x in rel.get(r.id, []) if not x["reasons"].get("same_story")]


pipeline.register_stage(pipeline.Stage("links", links_stage, needs=("seeds",)))
pipeline.register_stage(pipeline.Stage("related", related_stage, needs=("links",)))


def configure(pelican) -> None:
    set_up(pelican, PLUGIN, SETTINGS, "DAFTAR_LINKS_", "no entities are linked")


def register() -> None:
    signals.initialized.connect(configure)
