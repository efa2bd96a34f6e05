"""Related articles across the language line, without comparing every pair.

Score of a candidate for an article:
  * shared entities, each weighted by its rarity (idf = log(N / df)): Zarif shared counts more
    than Iran shared;
  * text similarity within one language (tf-idf cosine over folded tokens), since words do not
    cross the language line but entities do;
  * a small bonus when both dates are within the same event window (14 days).
Candidates come from inverted indexes (entity -> articles, distinctive term -> articles), and
very common entities and terms are not used to gather candidates, so the work grows with the
number of articles times the size of their neighbourhoods, not with the number of pairs.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict

WINDOW_DAYS = 14
TEXT_WEIGHT = 2.0
DATE_BONUS = 0.25
MAX_CANDIDATES = 400
TOP_TERMS = 12


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
        vecs.append(vec)
        tops.append(sorted(vec, key=lambda t: (-vec[t], t))[:TOP_TERMS])
    term_index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (a, top) in enumerate(zip(articles, tops)):
        for t in top:
            term_index[(a["lang"], t)].append(i)

    common_ent = max(2, n // 5)  # entities in more than a fifth of the archive gather nothing
    days = [_day(a.get("date")) for a in articles]
    out: dict[str, list[dict]] = {}
    for i, a in enumerate(articles):
        pre: Counter = Counter()
        for e in ents[i]:
            post = ent_index[e]
            if len(post) <= common_ent or n <= 10:
                for j in post:
                    pre[j] += ent_idf[e]
        for t in tops[i]:
            post = term_index[(a["lang"], t)]
            if len(post) <= max(2, n // 10) or n <= 10:
                for j in post:
                    pre[j] += 0.1
        pre.pop(i, None)
        cands = [j for j, _ in sorted(pre.items(), key=lambda kv: (-kv[1], articles[kv[0]]["id"]))[:MAX_CANDIDATES]]
        scored = []
        for j in cands:
            shared = sorted((e for e in ents[i] if e in set(ents[j])), key=lambda e: (-ent_idf[e], e))
            s_ent = sum(ent_idf[e] for e in shared)
            s_text = 0.0
            if articles[j]["lang"] == a["lang"]:
                vj = vecs[j]
                s_text = sum(v * vj.get(t, 0.0) for t, v in vecs[i].items())
            same = days[i] is not None and days[j] is not None and abs((days[i] - days[j]).days) <= WINDOW_DAYS
            score = s_ent + TEXT_WEIGHT * s_text + (DATE_BONUS if same else 0.0)
            if score <= 0:
                continue
            scored.append({"id": articles[j]["id"], "score": round(score, 4),
                           "reasons": {"entities": [e for e in shared if ent_idf[e] > 0],
                                       "same_window": same, "text": round(s_text, 4)}})
        scored.sort(key=lambda r: (-r["score"], r["id"]))
        out[a["id"]] = scored[:k]
    return out
