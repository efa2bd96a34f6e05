"""The same story elsewhere: near-duplicate and same-event clusters, in near-linear time.

Two kinds of link join two articles into one story:

* **duplicate** — a wire copy or a repost: the MinHash signatures of their word 3-shingles
  (features.py) agree on at least ``duplicate_jaccard`` of their bins. Candidates come from
  LSH banding (``bands`` bands of ``rows`` bins: two articles meet when one band is equal),
  one band at a time, so only one band's buckets are in memory;
* **same event** — the Persian and the Arabic report of one event, two outlets' own stories:
  both dated within ``event_days``, sharing at least ``event_min_shared`` entities that are
  each at least ``event_min_entity`` rare and prominent (not hubs, not a passing mention), and
  those shared entities make up at least ``event_overlap`` of the smaller article's rare
  entities. Candidates come from the date-sorted posting lists of rare entities (bisection),
  never from all pairs. Within one language the texts must also be a little alike
  (``event_text``): two stories of one day about one minister are not one story.

Links are applied strongest first with union-find; a link that would grow a cluster past
``max_cluster`` is skipped, so a chain of weak links cannot swallow the archive. A cluster's id
is ``cluster-<its smallest article id>``: stable, and independent of the input order.
"""
from __future__ import annotations

import bisect
import logging
import operator
from array import array
from collections import defaultdict

from .related import ArchiveIndex, build_index

logger = logging.getLogger(__name__)

DEFAULTS = {
    "bands": 21,
    "rows": 3,
    "duplicate_jaccard": 0.5,
    "max_bucket": 50,  # a larger LSH bucket is compared with its first members only
    "event_days": 3,
    "event_min_shared": 2,
    "event_min_entity": 0.3,
    "event_overlap": 0.5,
    "event_text": 0.1,
    "max_cluster": 25,
}


def _jaccard(a: array, b: array) -> float:
    # map(eq) counts the equal bins without a Python frame per bin (a third faster)
    return sum(map(operator.eq, a, b)) / len(a) if a and len(a) == len(b) else 0.0


def duplicate_pairs(idx: ArchiveIndex, cfg: dict) -> dict[tuple[int, int], float]:
    """(i, j) -> estimated Jaccard, for pairs at or above ``duplicate_jaccard``."""
    rows, out = cfg["rows"], {}
    seen: set[tuple[int, int]] = set()
    for b in range(cfg["bands"]):
        lo, hi = b * rows, (b + 1) * rows
        buckets: dict[tuple, list[int]] = {}
        for i, sig in enumerate(idx.sig):
            if len(sig) >= hi:
                buckets.setdefault((idx.lang[i], *sig[lo:hi]), []).append(i)
        for members in buckets.values():
            if len(members) < 2:
                continue
            heads = members if len(members) <= cfg["max_bucket"] else members[:2]
            for x, i in enumerate(heads):
                for j in members[x + 1:]:
                    pair = (i, j) if i < j else (j, i)
                    if pair in seen:
                        continue
                    seen.add(pair)
                    jac = _jaccard(idx.sig[i], idx.sig[j])
                    if jac >= cfg["duplicate_jaccard"]:
                        out[pair] = jac
        del buckets
    return out


def _rare(idx: ArchiveIndex, i: int, cfg: dict) -> dict[int, float]:
    """Article i's prominent entities at least ``event_min_entity`` rare: entity no -> weight."""
    return {k: idx.entity_w[k] for k, p in zip(idx.ents[i], idx.prom[i])
            if p >= 1.0 and idx.entity_w[k] >= cfg["event_min_entity"]}


def event_pairs(idx: ArchiveIndex, cfg: dict) -> dict[tuple[int, int], float]:
    """(i, j) -> overlap of rare entities, for dated pairs that report one event."""
    by_date: dict[int, tuple[array, array]] = {}

    def dated(k: int) -> tuple[array, array]:
        if k not in by_date:
            post = sorted((idx.day[j], j) for j in idx._postings[0].get(k, ()) if idx.day[j] is not None)
            by_date[k] = (array("i", (d for d, _ in post)), array("i", (j for _, j in post)))
        return by_date[k]

    rare = [None] * idx.n
    out = {}
    days = cfg["event_days"]
    for i in range(idx.n):
        if idx.day[i] is None:
            continue
        mine = rare[i] = rare[i] if rare[i] is not None else _rare(idx, i, cfg)
        if len(mine) < cfg["event_min_shared"]:
            continue
        hits: dict[int, int] = defaultdict(int)
        for k in mine:
            ds, js = dated(k)
            for j in js[bisect.bisect_left(ds, idx.day[i] - days):bisect.bisect_right(ds, idx.day[i] + days)]:
                if j > i:
                    hits[j] += 1
        for j, n in hits.items():
            if n < cfg["event_min_shared"]:
                continue
            theirs = rare[j] = rare[j] if rare[j] is not None else _rare(idx, j, cfg)
            shared = mine.keys() & theirs.keys()
            if len(shared) < cfg["event_min_shared"]:
                continue
            overlap = sum(mine[k] for k in shared) / min(sum(mine.values()), sum(theirs.values()))
            if overlap < cfg["event_overlap"]:
                continue
            if idx.lang[i] == idx.lang[j] and idx.text_cosine(i, j) < cfg["event_text"]:
                continue
            out[(i, j)] = overlap
    return out


def find_clusters(source, **options) -> dict:
    """Same-story clusters of an :class:`~daftar_links.related.ArchiveIndex` (after both
    passes) or of a list of records (as :func:`daftar_links.related.related_articles` takes).

    Returns ``{"clusters": {cluster_id: {"members": [ids, sorted], "links": [[id_a, id_b,
    "duplicate"|"same_event", score], ...]}}, "cluster_of": {article_id: cluster_id}}``; an
    article in no cluster is absent from ``cluster_of``. Options override :data:`DEFAULTS`
    (related-article options go to the index when ``source`` is a list).

    >>> words = "the minister said the two countries would sign the treaty next week in moscow".split()
    >>> recs = [{"id": "a", "lang": "fa", "date": "2020-07-22", "entities": ["x"], "tokens": words},
    ...         {"id": "b", "lang": "fa", "date": None, "entities": [], "tokens": words + ["today"]},
    ...         {"id": "c", "lang": "fa", "date": None, "entities": [], "tokens": list(reversed(words))}]
    >>> found = find_clusters(recs)
    >>> found["cluster_of"], found["clusters"]["cluster-a"]["links"][0][2]
    ({'a': 'cluster-a', 'b': 'cluster-a'}, 'duplicate')
    """
    mine = {k: v for k, v in options.items() if k in DEFAULTS}
    rest = {k: v for k, v in options.items() if k not in DEFAULTS}
    idx = source if isinstance(source, ArchiveIndex) else build_index(source, **rest)
    if rest and isinstance(source, ArchiveIndex):
        raise TypeError(f"find_clusters: unknown option(s) {', '.join(sorted(rest))}")
    cfg = dict(DEFAULTS, **mine)
    idx.finish()
    edges = [(0, -s, i, j, "duplicate", s) for (i, j), s in duplicate_pairs(idx, cfg).items()]
    edges += [(1, -s, i, j, "same_event", s) for (i, j), s in event_pairs(idx, cfg).items()]
    edges.sort(key=lambda e: (e[0], e[1], idx.ids[e[2]], idx.ids[e[3]]))

    parent = list(range(idx.n))
    size = [1] * idx.n

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    kept, linked = [], set()
    for _, _, i, j, kind, score in edges:
        if (i, j) in linked:
            continue  # a duplicate is also the same event: say the stronger once
        a, b = root(i), root(j)
        if a != b:
            if size[a] + size[b] > cfg["max_cluster"]:
                continue
            if size[a] < size[b]:
                a, b = b, a
            parent[b] = a
            size[a] += size[b]
        linked.add((i, j))
        kept.append((i, j, kind, score))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(idx.n):
        if size[root(i)] > 1:
            groups[root(i)].append(i)
    clusters, cluster_of = {}, {}
    for members in groups.values():
        ids = sorted(idx.ids[m] for m in members)
        cid = f"cluster-{ids[0]}"
        clusters[cid] = {"members": ids, "links": []}
        for aid in ids:
            cluster_of[aid] = cid
    for i, j, kind, score in kept:
        a, b = sorted((idx.ids[i], idx.ids[j]))
        clusters[cluster_of[a]]["links"].append([a, b, kind, round(score, 3)])
    for c in clusters.values():
        c["links"].sort()
    return {"clusters": dict(sorted(clusters.items())), "cluster_of": dict(sorted(cluster_of.items()))}
