"""Related articles across the language line, without comparing every pair.

Score of a candidate for an article:
  * shared entities, each weighted by its rarity (idf = log(N / df)): Zarif shared counts more
    than Iran shared;
  * text similarity within one language (tf-idf cosine over folded tokens), since words do not
    cross the language line but entities do;
  * a small bonus when both dates are within the same event window (14 days).
Candidates come from inverted indexes (entity -> articles, distinctive term -> articles), and
very common terms are not used to gather candidates; a very common entity contributes only
the articles nearest in date. So the work grows with the number of articles times a bounded
neighbourhood, not with the number of pairs.
"""
from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
from collections import Counter, defaultdict

WINDOW_DAYS = 14
TEXT_WEIGHT = 2.0
DATE_BONUS = 0.25
MAX_CANDIDATES = 150
TOP_TERMS = 12
VECTOR_TERMS = 64  # similarity uses each article's 64 strongest terms
POSTING_CAP = 200  # a longer entity posting contributes only the articles nearest in date
NEAREST = 40
TERM_POSTING_CAP = 100  # a term shared by more articles is too common to gather candidates


def _day(iso: str | None) -> dt.date | None:
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None


def related_articles(articles: list[dict], k: int = 5) -> dict[str, list[dict]]:
    """For each article id, up to ``k`` related articles, best first.

    ``articles``: {"id", "lang", "date" (ISO or None), "entities" (ids), "tokens" (folded)}.
    Each result: {"id", "score", "reasons": {"entities": [...], "same_window": bool, "text": float}}.

    >>> arts = [
    ...     {"id": "a", "lang": "fa", "date": "2020-07-22", "entities": ["zarif", "iran"], "tokens": ["x"]},
    ...     {"id": "b", "lang": "ar", "date": "2020-07-23", "entities": ["zarif", "iran"], "tokens": ["y"]},
    ...     {"id": "c", "lang": "ar", "date": None, "entities": ["iran"], "tokens": ["z"]},
    ... ]
    >>> [r["id"] for r in related_articles(arts)["a"]]
    ['b']
    """
    n = len(articles)
    if n < 2:
        return {a["id"]: [] for a in articles}
    ents = [list(dict.fromkeys(a.get("entities") or [])) for a in articles]
    ent_df = Counter(e for es in ents for e in es)
    ent_idf = {e: math.log(n / df) for e, df in ent_df.items()}
    ent_index: dict[str, list[int]] = defaultdict(list)
    for i, es in enumerate(ents):
        for e in es:
            ent_index[e].append(i)

    # tf-idf vectors per language (terms do not cross languages)
    term_df: dict[str, Counter] = defaultdict(Counter)
    lang_n: Counter = Counter()
    tfs = []
    for a in articles:
        tf = Counter(t for t in a.get("tokens") or [] if len(t) > 2 and not t.isdigit())
        tfs.append(tf)
        term_df[a["lang"]].update(tf.keys())
        lang_n[a["lang"]] += 1
    vecs, tops = [], []
    for a, tf in zip(articles, tfs):
        df, ln = term_df[a["lang"]], lang_n[a["lang"]]
        vec = {t: (1 + math.log(c)) * math.log((ln + 1) / df[t]) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vec = {t: v / norm for t, v in vec.items() if v > 0}
        vec = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS])
        vecs.append(vec)
        tops.append(sorted(vec, key=lambda t: (-vec[t], t))[:TOP_TERMS])
    term_index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (a, top) in enumerate(zip(articles, tops)):
        for t in top:
            term_index[(a["lang"], t)].append(i)

    ent_sets = [frozenset(es) for es in ents]
    days = [_day(a.get("date")) for a in articles]
    ordinal = [d.toordinal() if d else None for d in days]
    # entity postings ordered by date, so a long one can give the articles nearest in time
    dated_post: dict[str, tuple[list[int], list[int]]] = {}
    for e, post in ent_index.items():
        if len(post) > POSTING_CAP:
            ds = sorted((ordinal[j], j) for j in post if ordinal[j] is not None)
            dated_post[e] = ([d for d, _ in ds], [j for _, j in ds])
    out: dict[str, list[dict]] = {}
    for i, a in enumerate(articles):
        pre: Counter = Counter()
        for e in ents[i]:
            post = ent_index[e]
            if len(post) > POSTING_CAP:
                if ordinal[i] is None or e not in dated_post:
                    continue
                keys, idx = dated_post[e]
                at = bisect.bisect_left(keys, ordinal[i])
                post = idx[max(0, at - NEAREST // 2): at + NEAREST // 2]
            for j in post:
                pre[j] += ent_idf[e]
        for t in tops[i]:
            post = term_index[(a["lang"], t)]
            if len(post) <= TERM_POSTING_CAP or n <= 10:
                for j in post:
                    pre[j] += 0.1
        pre.pop(i, None)
        cands = [j for _, _, j in heapq.nsmallest(
            MAX_CANDIDATES, ((-v, articles[j]["id"], j) for j, v in pre.items()))]
        scored = []
        vi, ei = vecs[i], ent_sets[i]
        for j in cands:
            shared = ei & ent_sets[j]
            s_ent = sum(ent_idf[e] for e in shared)
            s_text = 0.0
            if articles[j]["lang"] == a["lang"]:
                vj = vecs[j]
                s_text = sum(vi[t] * vj[t] for t in vi.keys() & vj.keys())
            same = days[i] is not None and days[j] is not None and abs((days[i] - days[j]).days) <= WINDOW_DAYS
            score = s_ent + TEXT_WEIGHT * s_text + (DATE_BONUS if same else 0.0)
            if score > 0:
                scored.append((-round(score, 4), articles[j]["id"], shared, same, s_text))
        out[a["id"]] = [
            {"id": jid, "score": -neg,
             "reasons": {"entities": sorted((e for e in shared if ent_idf[e] > 0), key=lambda e: (-ent_idf[e], e)),
                         "same_window": same, "text": round(s_text, 4)}}
            for neg, jid, shared, same, s_text in heapq.nsmallest(k, scored, key=lambda r: (r[0], r[1]))
        ]
    return out
