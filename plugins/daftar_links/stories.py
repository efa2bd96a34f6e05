"""One story's reports: their order on the story page, the few an article page shows, and which
report is a copy of an earlier one's text.

A same-story cluster (:mod:`.clusters`) holds up to ``max_cluster`` articles. Listing every
other member on every member's page made that block a quarter of an article page and grew the
site by the square of a cluster's size; so the story has a page of its own (written by
daftar_archive) and an article page shows only its nearest reports and a link to it.

Pure: members are ``(id, date, kind)`` tuples or records read through the same keys; no
Pelican import.
"""
from __future__ import annotations

from datetime import date as _date

#: Reports of the same story shown on an article page when the settings do not say
#: (``DAFTAR_LINKS_SAME_STORY``); the story page lists every one.
SHOWN = 5


def oldest_first(rec) -> tuple:
    """Sort key of a story's reports: oldest first (coverage of one event over time), undated
    last, by id among equals — so the order never depends on the input's.

    Works on records, plain dicts with "date" and "id", and ``(id, date, …)`` tuples.

    >>> [r[0] for r in sorted([("u", None), ("b", "2020-07-23"), ("a", "2020-07-23T09:00Z"),
    ...                        ("c", "2020-07-22")], key=oldest_first)]
    ['c', 'b', 'a', 'u']
    """
    if isinstance(rec, tuple):
        rid, d = rec[0], rec[1]
    elif isinstance(rec, dict):
        rid, d = rec.get("id"), rec.get("date")
    else:
        rid, d = getattr(rec, "id", None), getattr(rec, "date", None)
    return (d is None, (d or "")[:19], rid or "")


def _day(d: str | None) -> int | None:
    try:
        return _date.fromisoformat(d[:10]).toordinal() if d else None
    except ValueError:
        return None


def nearest_reports(date: str | None, others: list[tuple], limit: int = SHOWN) -> list[tuple]:
    """The reports of its story an article page shows: at most ``limit`` of ``others`` (the
    other members, as ``(id, date, kind)``), copies of its own text first (they are what a
    reader checking a wire story wants to compare), then the closest in date to ``date``;
    undated ones last, ties by id. They are returned oldest first, as the story page lists them.

    An undated article has no nearer or farther: its copies, then the rest by id.

    >>> others = [("a", "2020-07-01", "same_event"), ("b", "2020-07-20", "same_event"),
    ...           ("c", "2021-01-01", "duplicate"), ("d", None, "same_event"), ("e", "2020-07-23", "same_event")]
    >>> [o[0] for o in nearest_reports("2020-07-22", others, 3)]
    ['b', 'e', 'c']
    >>> [o[0] for o in nearest_reports("2020-07-22", others, 0)]
    []
    >>> [o[0] for o in nearest_reports(None, others, 2)]
    ['a', 'c']
    >>> len(nearest_reports("2020-07-22", others, 10)) == len(others)
    True
    """
    if limit <= 0:
        return []
    mine = _day(date)

    def nearness(o: tuple) -> tuple:
        theirs = _day(o[1])
        far = abs(theirs - mine) if (mine is not None and theirs is not None) else None
        return (o[2] != "duplicate", far is None, far or 0, o[0])

    return sorted(sorted(others, key=nearness)[:limit], key=oldest_first)


def earlier_copies(members: list[tuple], links: list[list]) -> dict[str, str]:
    """For each report whose text is a copy of an earlier report's (a ``duplicate`` link), the
    earliest report it is linked to: ``{id: id of the earlier one}``. ``members`` are ``(id,
    date)`` in any order; "earlier" is :func:`oldest_first` order, so the first of a set of
    copies — the original, as far as the archive can tell — is marked against none.

    >>> earlier_copies([("w", "2020-07-22"), ("r", "2021-07-22"), ("x", "2020-07-23"), ("e", "2020-07-22")],
    ...                [["r", "w", "duplicate", 0.9], ["e", "w", "duplicate", 0.8], ["r", "x", "same_event", 1.0]])
    {'w': 'e', 'r': 'w'}
    """
    order = {m[0]: n for n, m in enumerate(sorted(members, key=oldest_first))}
    copies: dict[str, set[str]] = {}
    for a, b, kind, *_ in links:
        if kind == "duplicate" and a in order and b in order:
            copies.setdefault(a, set()).add(b)
            copies.setdefault(b, set()).add(a)
    out = {}
    for m in sorted(order, key=order.get):
        earlier = [o for o in copies.get(m, ()) if order[o] < order[m]]
        if earlier:
            out[m] = min(earlier, key=order.get)
    return out
