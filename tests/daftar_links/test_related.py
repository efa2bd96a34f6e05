"""Related articles: the seeds' done criteria, the score's parts, determinism, and scale."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from daftar_links.gazetteer import load_gazetteer
from daftar_links.matcher import Matcher
from daftar_links.related import entity_idf, related_articles
from daftar_text.fold import tokenize

ROOT = Path(__file__).resolve().parents[2]


def seed_records(dates: dict[str, str] | None = None) -> list[dict]:
    """The five seeds as related_articles records, read from the raw files."""
    m = Matcher(load_gazetteer(ROOT / "content" / "gazetteer.yaml"))
    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        lang = "fa" if any(c in text for c in "پچژگ") else "ar"
        out.append({"id": p.name[:3], "lang": lang, "date": (dates or {}).get(p.name[:3]),
                    "entities": m.entities(text, lang=lang), "tokens": tokenize(text)})
    return out


#: The seeds' dates as they read (000: 1401/07/27; 002 has none), for the date-aware run.
SEED_DATES = {"000": "2022-10-19", "001": "2024-01-15", "003": "2020-07-22", "004": "2020-08-23"}


@pytest.mark.parametrize("dates", [None, SEED_DATES], ids=["undated", "dated"])
def test_seed_related(dates):
    rel = related_articles(seed_records(dates))
    assert rel["000"][0]["id"] == "003" and rel["003"][0]["id"] == "000"
    assert "001" in [r["id"] for r in rel["004"]]
    assert "shoigu" in next(r for r in rel["004"] if r["id"] == "001")["reasons"]["entities"]
    assert {"zarif", "jcpoa"} <= set(rel["000"][0]["reasons"]["entities"])
    for items in rel.values():
        assert len(items) <= 5
        scores = [r["score"] for r in items]
        assert scores == sorted(scores, reverse=True)


def test_deterministic_and_independent_of_input_order():
    recs = seed_records(SEED_DATES)
    assert related_articles(recs) == related_articles(list(reversed(recs)))


def record(i, lang="fa", date=None, entities=(), tokens=()):
    return {"id": f"a{i:03d}", "lang": lang, "date": date, "entities": list(entities), "tokens": list(tokens)}


def test_rare_entity_outweighs_common_one():
    arts = [record(0, entities=["iran", "zarif"]), record(1, entities=["iran", "zarif"]),
            record(2, entities=["iran", "russia"]), record(3, entities=["iran", "russia"]),
            record(4, entities=["iran", "russia"])]
    rel = related_articles(arts)
    assert rel["a000"][0]["id"] == "a001"
    assert rel["a000"][0]["reasons"]["entities"] == ["zarif"]  # iran is everywhere: idf 0, no reason
    assert rel["a002"][0]["reasons"]["entities"] == ["russia"]


def test_text_similarity_only_within_a_language():
    words = ["قرارداد", "گاز", "خط", "لوله", "ترکمنستان"]
    arts = [record(0, "fa", tokens=words * 3), record(1, "fa", tokens=words * 2 + ["دیگر"]),
            record(2, "ar", tokens=words * 3), record(3, "fa", tokens=["چیز", "دیگر"]),
            record(4, "ar", tokens=["شيء"])]
    rel = related_articles(arts)
    assert [r["id"] for r in rel["a000"]] == ["a001"] and rel["a000"][0]["reasons"]["text"] > 0.5


def test_event_window_bonus_and_undated_articles():
    arts = [record(0, date="2020-07-22", entities=["zarif"]), record(1, date="2020-07-30", entities=["zarif"]),
            record(2, date="2021-07-22", entities=["zarif"]), record(3, date=None, entities=["zarif"]),
            *[record(i, entities=["other"]) for i in range(4, 12)]]
    rel = related_articles(arts)
    first = rel["a000"]
    assert first[0]["id"] == "a001" and first[0]["reasons"]["same_window"] is True
    assert {r["id"]: r["reasons"]["same_window"] for r in first[1:]} == {"a002": False, "a003": False}
    assert all(not r["reasons"]["same_window"] for r in rel["a003"])


def test_hub_or_date_alone_is_not_related():
    arts = [record(0, date="2020-01-01", entities=["iran"]), record(1, date="2020-01-02", entities=["iran"]),
            record(2, date="2020-01-03", entities=["iran", "x"])]
    assert related_articles(arts)["a000"] == []


def test_entity_df_from_a_larger_collection():
    arts = [record(0, entities=["iran", "zarif"]), record(1, entities=["iran", "zarif"])]
    assert related_articles(arts)["a000"] == []  # both entities are everywhere here
    rel = related_articles(arts, entity_df={"iran": 900, "zarif": 3}, n_docs=1000)
    assert rel["a000"][0]["reasons"]["entities"] == ["zarif", "iran"]
    assert entity_idf(arts, {"zarif": 10}, 100)["zarif"] == pytest.approx(2.302585, 1e-5)


def test_unknown_option_is_an_error():
    with pytest.raises(TypeError, match="window_dayz"):
        related_articles([], window_dayz=3)


def test_hub_entity_does_not_make_every_pair_a_candidate():
    """An entity shared by every article must not make the work grow with all pairs."""
    n = 3000
    arts = [{"id": f"a{i:05d}", "lang": "fa", "date": None, "entities": ["iran", f"e{i % 300}"],
             "tokens": [f"t{i % 500}", f"u{i % 700}", "common"]} for i in range(n)]
    t = time.perf_counter()
    rel = related_articles(arts, k=5)
    elapsed = time.perf_counter() - t
    assert all(len(v) <= 5 for v in rel.values())
    first = rel["a00000"]
    assert first and all(int(r["id"][1:]) % 300 == 0 for r in first[:3])
    assert elapsed < 15, elapsed


def test_dated_hub_brings_date_neighbours_only():
    base = dt.date(2020, 1, 1)
    arts = [record(i, date=(base + dt.timedelta(days=i)).isoformat(), entities=["iran", "russia", f"e{i}"],
                   tokens=[f"w{i}"]) for i in range(400)]
    arts.append(record(400, date="2020-01-05", entities=["iran", "rare"], tokens=["x"]))
    arts.append(record(401, date="2020-12-25", entities=["iran", "rare"], tokens=["x"]))
    rel = related_articles(arts, max_postings=50)
    assert rel["a400"][0]["id"] == "a401"  # the shared rare entity wins over date neighbours


def test_prev_next_and_cooccurrence_on_the_seeds():
    """Kept from the adapter's first tests: linking.py's order and co-occurrence helpers."""
    from daftar_links.linking import co_occurrence, prev_next
    from daftar_seeds.document import build_document
    from support import REFERENCE_DATE, seed_paths

    m = Matcher(load_gazetteer(ROOT / "content" / "gazetteer.yaml"))
    recs = []
    for p in seed_paths():
        d = build_document(p.read_bytes(), p.stem[:3], reference=dt.date.fromisoformat(REFERENCE_DATE))
        recs.append({"id": d.id, "date": d.fields["date"], "entities": m.entities(d.text)})
    order = prev_next(recs)
    assert order["002"] == (None, None)  # undated: no neighbours by date
    assert order["003"][1] == "004" and order["004"][0] == "003"
    assert co_occurrence(recs)["shoigu"][0][1] >= 1
