"""Related articles a researcher can trust: what two articles share that is rare, and a
threshold, so an article shows 0–5 related articles and never filler.

The score of article B for article A adds:

* **shared entities**, each weighted by its rarity: ``w(e) = log((N+1)/(df+0.5)) / log(N+1)``,
  about 1 for an entity of two articles and about 0 for a hub entity that nearly every article
  of the archive has (Iran, Russia). An entity mentioned once in passing counts half
  (prominent: in the title or mentioned twice). Entities cross the language line: this is
  what relates a Persian report to an Arabic one;
* **text similarity** within one language: the cosine of tf-idf profiles over folded,
  stemmed words (each article keeps its ``profile_terms`` heaviest terms);
* **the same story**: both are in one near-duplicate / same-event cluster (clusters.py);
* a small bonus when both dates fall in one ``window_days`` window (an undated article never
  gets one: no date is invented).

A candidate is shown only when its score reaches ``min_score`` **and** something specific
explains it: a shared entity of weight ≥ ``min_entity``, a text cosine ≥ ``min_text``, or the
same story. Hubs alone, or a date alone, never make a related article.

Scale (:class:`ArchiveIndex`): two streaming passes over per-article features
(features.py), never all pairs. Pass one counts document frequencies — entities in a dict,
terms in a fixed-size count-min table (32-bit CRC keys), so memory does not grow with the
vocabulary. Pass two keeps, per article, a few dozen numbers: entity ids with weights, the
profile's term keys and weights, the MinHash signature. Candidates come from inverted
indexes of entities and profile terms; a posting list longer than ``max_postings`` (a common
entity or word) contributes only the articles nearest in date. Ties break by id and the
result does not depend on the order of the input.
"""
from __future__ import annotations

import bisect
import datetime as dt
import heapq
import logging
import math
import zlib
from array import array
from collections import Counter, defaultdict

from .features import legacy_features

logger = logging.getLogger(__name__)

DEFAULTS = {
    "window_days": 14,  # one event window (date bonus, date-nearest hub postings)
    "profile_terms": 32,  # heaviest tf-idf terms kept per article
    "query_terms": 12,  # of those, the ones used to look up candidates
    "max_postings": 150,  # a longer posting list is a hub: only date neighbours are taken
    "hub_neighbours": 8,  # date neighbours per side taken from a hub posting list
    "max_candidates": 30,  # candidates scored in full per article
    "hub_weight": 0.2,  # an entity weighing less is a hub (in > N**0.8 articles): it adds nothing
    "min_entity": 0.3,  # a shared entity at least this rare explains a related article...
    "min_text": 0.2,  # ...or a text cosine at least this high...
    "min_score": 0.6,  # ...and the whole score must reach this (one rare, prominent entity does)
    "text_weight": 1.5,
    "date_bonus": 0.1,
    "story_bonus": 0.5,
    "passing_weight": 0.5,  # an entity mentioned once, not in the title
    "df_table_bits": 21,  # count-min table: 2 x 2**bits uint16 counters (8 MB at 21)
    "entity_factors": None,  # {entity id: factor in [0, 1]}; see related_factors()
}
_LANG_SEED = {"fa": 1, "ar": 2}


def parse_day(value) -> int | None:
    """An ISO date (or datetime) string as a day number; None when missing or unreadable.

    >>> parse_day("2020-07-22") - parse_day("2020-07-08"), parse_day(None), parse_day("1401/07/27")
    (14, None, None)
    """
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def term_key(lang: str | None, term: str) -> int:
    """A term's 32-bit key within its language (CRC-32, the same on every machine).

    >>> term_key("fa", "همکار") == term_key("fa", "همکار") != term_key("ar", "همکار")
    True
    """
    return zlib.crc32(term.encode("utf-8"), _LANG_SEED.get(lang, 3))


def entity_weight(df: int, n: int) -> float:
    """Rarity of an entity found in ``df`` of ``n`` articles, in [0, 1).

    >>> round(entity_weight(2, 10000), 2), round(entity_weight(9000, 10000), 3)
    (0.9, 0.011)
    """
    if n <= 1:
        return 0.0
    return max(0.0, math.log((n + 1) / (df + 0.5)) / math.log(n + 1))


class _CountMin:
    """Document frequencies of 32-bit keys in two fixed tables of saturating uint16 counters:
    a key's count is the smaller of its two cells (an over-count only, and rare)."""

    def __init__(self, bits: int):
        self.mask = (1 << bits) - 1
        self.shift = 32 - bits
        self.a = array("H", bytes(2 << bits))
        self.b = array("H", bytes(2 << bits))

    def _cells(self, key: int) -> tuple[int, int]:
        return key & self.mask, ((key * 0x9E3779B1) & 0xFFFFFFFF) >> self.shift

    def add(self, key: int) -> None:
        i, j = self._cells(key)
        if self.a[i] < 65535:
            self.a[i] += 1
        if self.b[j] < 65535:
            self.b[j] += 1

    def get(self, key: int) -> int:
        i, j = self._cells(key)
        return min(self.a[i], self.b[j])


class ArchiveIndex:
    """The collection-level state of related articles and clusters, filled in two passes.

    ``count(...)`` for every article, then ``add(...)`` for every article (same arguments,
    any order in each pass), then :meth:`related` (and :func:`daftar_links.clusters.find_clusters`).
    ``features`` is :func:`daftar_links.features.article_features`'s dict; ``date`` an ISO
    date or None.
    """

    def __init__(self, **options):
        unknown = set(options) - set(DEFAULTS)
        if unknown:
            raise TypeError(f"ArchiveIndex: unknown option(s) {', '.join(sorted(unknown))}")
        self.cfg = dict(DEFAULTS, **options)
        self._seen: list[str] = []
        self._entity_df: Counter = Counter()
        self._lang_n: Counter = Counter()
        self._term_df = _CountMin(self.cfg["df_table_bits"])
        self._frozen = False
        self._added = 0

    # -- pass one ---------------------------------------------------------------------
    def count(self, article_id: str, lang: str, date, features: dict) -> None:
        if self._frozen:
            raise RuntimeError("ArchiveIndex.count after add: count every article first")
        self._seen.append(str(article_id))
        self._lang_n[lang] += 1
        for e in features.get("entities") or ():
            self._entity_df[e] += 1
        cm = self._term_df
        a, b, mask, shift = cm.a, cm.b, cm.mask, cm.shift
        seed = _LANG_SEED.get(lang, 3)
        crc = zlib.crc32
        for t in features.get("terms") or ():  # inlined _CountMin.add(term_key(...)): the hot loop
            key = crc(t.encode("utf-8"), seed)
            i, j = key & mask, ((key * 0x9E3779B1) & 0xFFFFFFFF) >> shift
            if a[i] < 65535:
                a[i] += 1
            if b[j] < 65535:
                b[j] += 1

    def _freeze(self) -> None:
        self.ids = sorted(set(self._seen))
        if len(self.ids) != len(self._seen):
            raise ValueError("ArchiveIndex: an article id was counted twice")
        del self._seen
        self.n = len(self.ids)
        self.index = {a: i for i, a in enumerate(self.ids)}
        names = sorted(self._entity_df)
        self.entity_names = names
        self._entity_no = {e: k for k, e in enumerate(names)}
        factors = self.cfg["entity_factors"] or {}
        self.entity_w = array("f", (entity_weight(self._entity_df[e], self.n) * float(factors.get(e, 1.0))
                                    for e in names))
        self.lang = [None] * self.n
        self.day: list[int | None] = [None] * self.n
        self.ents: list[tuple] = [()] * self.n  # (entity no, ...) sorted
        self.prom: list[array] = [array("f")] * self.n  # prominence per entity, parallel
        self.pkeys: list[array] = [array("I")] * self.n  # profile term keys
        self.pw: list[array] = [array("f")] * self.n  # profile weights (unit vector part)
        self.sig: list[array] = [array("I")] * self.n
        self._frozen = True

    # -- pass two ---------------------------------------------------------------------
    def add(self, article_id: str, lang: str, date, features: dict) -> None:
        if not self._frozen:
            self._freeze()
        i = self.index.get(str(article_id))
        if i is None:
            raise KeyError(f"ArchiveIndex.add: {article_id!r} was not counted")
        cfg = self.cfg
        self.lang[i] = lang
        self.day[i] = parse_day(date)
        ents = sorted((self._entity_no[e], row) for e, row in (features.get("entities") or {}).items()
                      if e in self._entity_no)
        self.ents[i] = tuple(k for k, _ in ents)
        self.prom[i] = array("f", (1.0 if (row[1] or row[0] >= 2) else cfg["passing_weight"] for _, row in ents))
        n1 = (self._lang_n[lang] or 1) + 1
        cm = self._term_df
        a, b, mask, shift = cm.a, cm.b, cm.mask, cm.shift
        seed = _LANG_SEED.get(lang, 3)
        crc, log = zlib.crc32, math.log
        sq = 0.0
        top = []
        for t, c in (features.get("terms") or {}).items():  # inlined term_key and _CountMin.get
            key = crc(t.encode("utf-8"), seed)
            df = min(a[key & mask], b[((key * 0x9E3779B1) & 0xFFFFFFFF) >> shift])
            if df < 1:
                continue
            w = (1 + log(c)) * log(n1 / df)
            sq += w * w
            if df > 1 and w > 0:  # a term of one article only can never be shared
                top.append((-w, key))
        norm = math.sqrt(sq) or 1.0
        top.sort()
        top = top[:cfg["profile_terms"]]
        self.pkeys[i] = array("I", (key for _, key in top))
        self.pw[i] = array("f", (-w / norm for w, _ in top))
        self.sig[i] = array("I", features.get("signature") or ())
        self._added += 1

    def finish(self) -> None:
        """Build the inverted indexes (called by :meth:`related` and the cluster finder)."""
        if getattr(self, "_postings", None) is not None:
            return
        if not self._frozen:
            self._freeze()
        if self._added != self.n:
            raise RuntimeError(f"ArchiveIndex: {self.n} articles counted, {self._added} added")
        ent_post: dict[int, array] = defaultdict(lambda: array("i"))
        term_post: dict[int, array] = defaultdict(lambda: array("i"))
        for i in range(self.n):  # article order: posting lists come out sorted by index
            for k in self.ents[i]:
                ent_post[k].append(i)
            for key in self.pkeys[i]:
                term_post[key].append(i)
        self._postings = (dict(ent_post), dict(term_post))
        self._by_date: dict = {}

    # -- candidates ---------------------------------------------------------------------
    def neighbours(self, kind: int, key: int, i: int, window: int):
        """Article numbers under ``key`` of the entity (0) or term (1) index for article i: the
        whole posting list when short, else the nearest in date within ``window`` days."""
        post = self._postings[kind].get(key, ())
        if len(post) <= self.cfg["max_postings"]:
            return post
        day = self.day[i]
        if day is None:
            return ()
        cache = self._by_date.get((kind, key))
        if cache is None:
            dated = sorted((self.day[j], j) for j in post if self.day[j] is not None)
            cache = self._by_date[(kind, key)] = (array("i", (d for d, _ in dated)), array("i", (j for _, j in dated)))
        days, ids = cache
        lo = bisect.bisect_left(days, day - window)
        hi = bisect.bisect_right(days, day + window)
        mid = bisect.bisect_left(days, day)
        m = self.cfg["hub_neighbours"]
        return ids[max(lo, mid - m):min(hi, mid + m + 1)]

    def shared_entities(self, i: int, j: int, pi: dict | None = None) -> list[tuple[int, float]]:
        """(entity no, weight) of the non-hub entities i and j share, weight with prominence.
        ``pi`` is i's {entity no: prominence}, when the caller has it already."""
        if not self.ents[i] or not self.ents[j]:
            return []
        if pi is None:
            pi = dict(zip(self.ents[i], self.prom[i]))
        out = []
        hub, ew = self.cfg["hub_weight"], self.entity_w
        for k, q in zip(self.ents[j], self.prom[j]):
            p = pi.get(k)
            if p is not None and ew[k] >= hub:
                out.append((k, ew[k] * math.sqrt(p * q)))
        return out

    def text_cosine(self, i: int, j: int, wi: dict | None = None) -> float:
        """Cosine (a lower bound: profiles are cut) of i's and j's text profiles; 0 across
        languages. ``wi`` is i's {term key: weight}, when the caller has it already."""
        if self.lang[i] != self.lang[j] or not self.pkeys[i] or not self.pkeys[j]:
            return 0.0
        if wi is None:
            wi = dict(zip(self.pkeys[i], self.pw[i]))
        return sum(wi[k] * w for k, w in zip(self.pkeys[j], self.pw[j]) if k in wi)

    def _candidates(self, i: int, mates=()) -> list[int]:
        cfg = self.cfg
        pre: dict[int, float] = defaultdict(float)
        hub = cfg["hub_weight"]
        for k, p in zip(self.ents[i], self.prom[i]):
            w = self.entity_w[k]
            if w < hub:
                continue  # a hub brings no candidate: sharing it says nothing
            for j in self.neighbours(0, k, i, cfg["window_days"]):
                pre[j] += w * p
        for key, w in list(zip(self.pkeys[i], self.pw[i]))[:cfg["query_terms"]]:
            for j in self.neighbours(1, key, i, cfg["window_days"]):
                pre[j] += w
        pre.pop(i, None)
        # article numbers follow the sorted ids: (-pre-score, number) breaks ties by id
        best = heapq.nsmallest(cfg["max_candidates"], [(-v, j) for j, v in pre.items()])
        return sorted({j for _, j in best} | {m for m in mates if m != i})

    # -- results ----------------------------------------------------------------------------
    def related(self, k: int = 5, clusters: dict | None = None) -> dict[str, list[dict]]:
        """For each article id, up to ``k`` related articles, best first (see the module
        docstring). Each result: ``{"id", "score", "reasons": {"entities": [shared entity ids,
        rarest first], "text": cosine, "same_story": bool, "same_window": bool, "why": [labels
        among "same_story", "entities", "text", in that order]}}``.

        ``clusters`` is :func:`daftar_links.clusters.find_clusters`'s result: members of one
        cluster are related as the same story.
        """
        self.finish()
        cfg = self.cfg
        cluster_of = (clusters or {}).get("cluster_of") or {}
        members: dict[str, list[int]] = defaultdict(list)
        for aid, cid in cluster_of.items():
            if aid in self.index:
                members[cid].append(self.index[aid])
        out: dict[str, list[dict]] = {}
        for i in range(self.n):
            cid = cluster_of.get(self.ids[i])
            mates = members.get(cid, ()) if cid else ()
            scored = []
            pi = dict(zip(self.ents[i], self.prom[i]))
            wi = dict(zip(self.pkeys[i], self.pw[i]))
            for j in self._candidates(i, mates):
                shared = self.shared_entities(i, j, pi)
                s_ent = sum(w for _, w in shared)
                s_text = self.text_cosine(i, j, wi)
                story = cid is not None and cluster_of.get(self.ids[j]) == cid
                why = [label for label, ok in (("same_story", story),
                                               ("entities", any(w >= cfg["min_entity"] for _, w in shared)),
                                               ("text", s_text >= cfg["min_text"])) if ok]
                same = (self.day[i] is not None and self.day[j] is not None
                        and abs(self.day[i] - self.day[j]) <= cfg["window_days"])
                score = (s_ent + cfg["text_weight"] * s_text + (cfg["date_bonus"] if same else 0.0)
                         + (cfg["story_bonus"] if story else 0.0))
                if not why or (score < cfg["min_score"] and not story):
                    continue  # nothing specific in common, or too little: not related
                names = [self.entity_names[e] for e, _ in sorted(shared, key=lambda x: (-self.entity_w[x[0]], x[0]))]
                scored.append({"id": self.ids[j], "score": round(score, 4),
                               "reasons": {"entities": names, "text": round(s_text, 4), "same_story": story,
                                           "same_window": same, "why": why}})
            scored.sort(key=lambda r: (-r["score"], r["id"]))
            out[self.ids[i]] = scored[:k]
        return out


def related_factors(gazetteer) -> dict[str, float]:
    """``entity_factors`` from the gazetteer's ``relates`` field: a news agency credited as the
    source (ISNA, TASS) says where a story came from, not what it is about, so sharing it
    relates nothing (factor 0).

    >>> from daftar_links.gazetteer import parse_gazetteer
    >>> related_factors(parse_gazetteer([{"id": "tass", "type": "organisation", "names": {"en": ["TASS"]},
    ...                                    "relates": 0}, {"id": "x", "type": "place", "names": {"en": ["X"]}}]))
    {'tass': 0.0}
    """
    return {e.id: e.relates for e in gazetteer.entities.values() if e.relates != 1.0}


def _records_features(records) -> list[tuple]:
    """(id, lang, date, features) per record; records without ``features`` are the old shape
    (``entities`` ids and folded ``tokens``) and are converted."""
    out = []
    for r in records:
        f = r.get("features")
        if f is None:
            f = legacy_features(r.get("lang"), r.get("entities") or [], r.get("tokens") or [])
        out.append((r["id"], r.get("lang"), r.get("date"), f))
    return out


def build_index(records, **options) -> ArchiveIndex:
    """Both passes over a list of records ``{"id", "lang", "date", "features"}``."""
    rows = _records_features(records)
    idx = ArchiveIndex(**options)
    for row in rows:
        idx.count(*row)
    for row in rows:
        idx.add(*row)
    idx.finish()
    return idx


def related_articles(records, k: int = 5, clusters: dict | None = None, **options) -> dict[str, list[dict]]:
    """For each article id, up to ``k`` related articles (see :meth:`ArchiveIndex.related`).

    ``records``: ``{"id", "lang", "date" (ISO or None), "features"}`` — or the old shape with
    ``entities`` and ``tokens`` instead of ``features``. ``options`` override :data:`DEFAULTS`.
    For a large archive read from a cache, use :class:`ArchiveIndex` directly (two passes
    over the stream, no list of all features held).

    >>> recs = [{"id": "a", "lang": "fa", "date": "2020-07-22", "entities": ["zarif", "iran"], "tokens": ["x"]},
    ...         {"id": "b", "lang": "ar", "date": "2020-07-23", "entities": ["zarif", "iran"], "tokens": ["y"]},
    ...         {"id": "c", "lang": "ar", "date": None, "entities": ["iran"], "tokens": ["z"]},
    ...        ] + [{"id": f"f{i}", "lang": "fa", "date": None, "entities": ["iran"], "tokens": ["v"]} for i in range(6)]
    >>> rel = related_articles(recs)
    >>> [r["id"] for r in rel["a"]], rel["a"][0]["reasons"]["entities"], rel["c"]
    (['b'], ['zarif'], [])
    """
    return build_index(records, **options).related(k, clusters)
