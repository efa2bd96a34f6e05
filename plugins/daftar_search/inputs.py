"""What search takes from one article record: the document to analyse and the result card.

Pure functions of the record (the dict daftar_seeds creates and daftar_links/daftar_exports
complete), so the pipeline can call them per article, in a worker, and cache the results.
"""
from __future__ import annotations

#: Result card keys (what the search page shows of a result, and filters on).
CARD_KEYS = ("id", "title", "lang", "url", "date", "date_display", "outlet", "entities", "title_source")


def search_document(rec: dict) -> dict:
    """The document :func:`daftar_search.analysis.analyse` reads: id, title, lead, text, meta
    (outlet, author, category, agencies, dateline), entities (every name, fa/ar/en, of the
    entities the article mentions: ``entity_names``).

    >>> d = search_document({"id": "a", "title": "T", "text": "x", "outlet": "O", "agencies": ["A", "B"],
    ...                      "entity_names": ["ظریف", "Zarif"]})
    >>> d["meta"], d["entities"], d["lead"]
    ('O A B', 'ظریف Zarif', '')
    """
    meta = " ".join(str(x) for x in [rec.get("outlet"), rec.get("author"), rec.get("category"),
                                     " ".join(rec.get("agencies") or []), rec.get("dateline")] if x)
    return {"id": rec["id"], "title": rec.get("title") or "", "lead": rec.get("lead") or "",
            "text": rec.get("text") or "", "meta": meta,
            "entities": " ".join(rec.get("entity_names") or [])}


def result_card(rec: dict) -> dict:
    """The result card: id, title, lang, url (site-relative), date (ISO or None), date_display
    (in the calendar of the article's language: Jalali for fa, Gregorian otherwise), outlet,
    entities (ids), title_source.

    >>> c = result_card({"id": "a", "title": "T", "lang": "fa", "url": "articles/a.html",
    ...                  "date": "2020-07-22", "date_display": {"jalali": "۱ مرداد ۱۳۹۹"}})
    >>> c["date_display"], c["entities"], c["outlet"]
    ('۱ مرداد ۱۳۹۹', [], None)
    """
    disp = rec.get("date_display") or {}
    return {"id": rec["id"], "title": rec.get("title") or rec["id"], "lang": rec.get("lang"),
            "url": rec.get("url"), "date": rec.get("date"),
            "date_display": disp.get("jalali") if rec.get("lang") == "fa" else disp.get("gregorian"),
            "outlet": rec.get("outlet"), "entities": list(rec.get("entities") or []),
            "title_source": rec.get("title_source")}
