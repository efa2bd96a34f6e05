"""Related articles across the language line, without comparing every pair.

The score of article B for article A adds three signals:

* **shared entities**, each weighted by its rarity, ``idf = log(N / df)``: sharing Zarif says
  more than sharing Iran, and an entity in every article says nothing. Entities cross the
  language line, so this is what links a Persian article to an Arabic one;
* **text similarity** within one language: cosine of tf-idf vectors over folded tokens
  (words do not cross the language line, entities do);
* **closeness in date**: a bonus when both dates fall in the same event window (14 days);
  an article without a date gets no bonus, never an invented one.

Scale: candidates come from inverted indexes, never from all pairs. A rare entity or a
distinctive term brings every article that has it; an entity or term too common to be an
index (more than ``max_postings`` articles: Iran, Russia, "said") brings only the articles
nearest in date, looked up by bisection. Each article's text vector is cut to its
``profile_terms`` heaviest terms, so comparing a candidate costs a few dozen lookups.
"""
from __future__ import annotations

import bisect
import datetime as dt
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Mapping

logger = logging.getLogger(__name__)

DEFAULTS = {
    "window_days": 14,  # the same event window
    "date_bonus": 0.5,
    "text_weight": 2.0,  # a cosine of 1 counts like two rare shared entities
    "max_postings": 200,  # longer posting lists are hubs: only date neighbours are taken
    "hub_neighbours": 10,  # date neighbours taken from each hub posting list, per side
    "profile_terms": 40,  # heaviest terms kept per article for text similarity
    "max_candidates": 40,  # candidates fully scored per article
    "min_token_length": 2,
}


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


def entity_idf(articles: list[dict], entity_df: Mapping[str, int] | None = None,
               n_docs: int | None = None) -> dict[str, float]:
    """``log(N / df)`` for every entity of ``articles``.

    By default N and df are counted in ``articles``; ``entity_df`` (with ``n_docs``, the size
    of the collection it was counted in) supplies them from a larger collection, e.g. the
    whole archive when only a few articles are being related.

    >>> idf = entity_idf([{"entities": ["iran", "zarif"]}, {"entities": ["iran"]}])
    >>> idf["iran"], round(idf["zarif"], 3)
    (0.0, 0.693)
    """
    df = Counter(e for a in articles for e in dict.fromkeys(a.get("entities") or ()))
    n = len(articles)
    if entity_df:
        n = max(n_docs or 0, n, max(entity_df.values(), default=0))
        for e, v in entity_df.items():
            df[e] = max(df.get(e, 0), int(v))
    return {e: math.log(n / d) if d else 0.0 for e, d in df.items()}


def text_profiles(articles: list[dict], profile_terms: int, min_len: int) -> list[dict[str, float]]:
    """Per article, its heaviest tf-idf terms (sublinear tf, idf within its language),
    weights normalised over the whole vector so a dot product of two profiles is a lower
    bound of their cosine.

    >>> arts = [{"lang": "fa", "tokens": ["a1", "b1", "b1", "d1"]}, {"lang": "fa", "tokens": ["b1", "c1"]},
    ...         {"lang": "fa", "tokens": ["a1"]}]
    >>> p = text_profiles(arts, 5, 2)
    >>> sorted(p[0]), round(p[0]["b1"], 3)
    (['a1', 'b1'], 0.506)
    """
    tfs = [Counter(t for t in a.get("tokens") or () if len(t) >= min_len and not t.isdigit()) for a in articles]
    df: dict[str, Counter] = defaultdict(Counter)
    size: Counter = Counter()
    for a, tf in zip(articles, tfs):
        df[a.get("lang")].update(tf.keys())
        size[a.get("lang")] += 1
    out = []
    for a, tf in zip(articles, tfs):
        ldf, n = df[a.get("lang")], size[a.get("lang")]
        vec = {t: (1 + math.log(c)) * math.log(n / ldf[t]) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        # a term of one article only can never be shared: dropping it changes no dot product
        top = sorted((t for t, v in vec.items() if v > 0 and ldf[t] > 1), key=lambda t: (-vec[t], t))[:profile_terms]
        out.append({t: vec[t] / norm for t in top} if norm else {})
    return out


class _Postings:
    """An inverted index (key -> article numbers) that knows its hubs: a posting list longer
    than ``max_postings`` is searched by date instead of read whole."""

    def __init__(self, max_postings: int, neighbours: int, days: list[int | None]):
        self.lists: dict = defaultdict(list)
        self.max, self.neighbours, self.days = max_postings, neighbours, days
        self._by_date: dict = {}

    def add(self, key, i: int) -> None:
        self.lists[key].append(i)

    def gather(self, key, i: int, window: int):
        """The articles to consider for article ``i`` under ``key``."""
        post = self.lists.get(key, ())
        if len(post) <= self.max:
            return post
        day = self.days[i]
        if day is None:
            return ()
        if key not in self._by_date:
            dated = sorted((self.days[j], j) for j in post if self.days[j] is not None)
            self._by_date[key] = ([d for d, _ in dated], [j for _, j in dated])
        keys, ids = self._by_date[key]
        lo = bisect.bisect_left(keys, day - window)
        hi = bisect.bisect_right(keys, day + window)
        mid = bisect.bisect_left(keys, day)
        return ids[max(lo, mid - self.neighbours):min(hi, mid + self.neighbours)]


def _candidates(i: int, a: dict, ents: list[list[str]], idf: dict, profiles: list[dict],
                ent_index: _Postings, term_index: _Postings, cfg: dict) -> list[int]:
    """The best ``max_candidates`` articles for article ``i`` by a cheap pre-score."""
    pre: dict[int, float] = defaultdict(float)
    for e in ents[i]:
        w = idf.get(e, 0.0)
        for j in ent_index.gather(e, i, cfg["window_days"]):
            pre[j] += w + 1e-6  # a hub shared within the window still makes a candidate
    lang = a.get("lang")
    for t, w in profiles[i].items():
        for j in term_index.gather((lang, t), i, cfg["window_days"]):
            pre[j] += w * profiles[j].get(t, 0.0)
    pre.pop(i, None)
    return sorted(pre, key=lambda j: (-pre[j], j))[:cfg["max_candidates"]]


def related_articles(articles: list[dict], k: int = 5, entity_df: Mapping[str, int] | None = None,
                     n_docs: int | None = None, **options) -> dict[str, list[dict]]:
    """For each article id, up to ``k`` related articles, best first.

    ``articles``: records ``{"id", "lang", "date" (ISO string or None), "entities" (ids),
    "tokens" (folded tokens of the text)}``. Each result is ``{"id", "score", "reasons":
    {"entities": [shared ids, rarest first], "same_window": bool, "text": cosine}}``.
    Ties are broken by id, and the result does not depend on the input order.
    ``options`` override :data:`DEFAULTS`.

    >>> arts = [
    ...     {"id": "a", "lang": "fa", "date": "2020-07-22", "entities": ["zarif", "iran"], "tokens": ["x"]},
    ...     {"id": "b", "lang": "ar", "date": "2020-07-23", "entities": ["zarif", "iran"], "tokens": ["y"]},
    ...     {"id": "c", "lang": "ar", "date": None, "entities": ["iran"], "tokens": ["z"]},
    ... ]
    >>> rel = related_articles(arts)
    >>> [r["id"] for r in rel["a"]], rel["a"][0]["reasons"]
    (['b'], {'entities': ['zarif'], 'same_window': True, 'text': 0.0})
    """
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"related_articles: unknown option(s) {', '.join(sorted(unknown))}")
    cfg = dict(DEFAULTS, **options)
    arts = sorted(articles, key=lambda a: str(a["id"]))  # canonical order: deterministic output
    if len(arts) < 2:
        return {a["id"]: [] for a in arts}
    ents = [sorted(set(a.get("entities") or ())) for a in arts]
    idf = entity_idf(arts, entity_df, n_docs)
    profiles = text_profiles(arts, cfg["profile_terms"], cfg["min_token_length"])
    days = [parse_day(a.get("date")) for a in arts]

    ent_index = _Postings(cfg["max_postings"], cfg["hub_neighbours"], days)
    term_index = _Postings(cfg["max_postings"], cfg["hub_neighbours"], days)
    for i, a in enumerate(arts):
        for e in ents[i]:
            ent_index.add(e, i)
        for t in profiles[i]:
            term_index.add((a.get("lang"), t), i)

    out: dict[str, list[dict]] = {}
    for i, a in enumerate(arts):
        mine = set(ents[i])
        scored = []
        for j in _candidates(i, a, ents, idf, profiles, ent_index, term_index, cfg):
            shared = sorted((e for e in ents[j] if e in mine and idf.get(e, 0.0) > 0), key=lambda e: (-idf[e], e))
            s_ent = sum(idf[e] for e in sorted(shared))
            s_text = 0.0
            if arts[j].get("lang") == a.get("lang"):
                pi, pj = profiles[i], profiles[j]
                s_text = float(sum(pi[t] * pj[t] for t in sorted(pi.keys() & pj.keys())))
            if not shared and s_text < 0.05:
                continue  # only a hub entity or a date in common: not related
            same = days[i] is not None and days[j] is not None and abs(days[i] - days[j]) <= cfg["window_days"]
            score = s_ent + cfg["text_weight"] * s_text + (cfg["date_bonus"] if same else 0.0)
            scored.append({"id": arts[j]["id"], "score": round(score, 4),
                           "reasons": {"entities": shared, "same_window": same, "text": round(s_text, 4)}})
        scored.sort(key=lambda r: (-r["score"], str(r["id"])))
        out[a["id"]] = scored[:k]
    return out
