"""Which reports of its story an article page shows (daftar_links.stories), and the copies a
story page marks."""
from __future__ import annotations

import pytest

from daftar_links.stories import SHOWN, earlier_copies, nearest_reports, oldest_first

OTHERS = [
    ("a", "2020-07-01", "same_event"),
    ("b", "2020-07-20", "same_event"),
    ("c", "2021-01-01", "duplicate"),
    ("d", None, "same_event"),
    ("e", "2020-07-23T10:00+03:30", "same_event"),
    ("f", "2020-07-24", "same_event"),
]


@pytest.mark.parametrize("description, date, limit, expected", [
    ("copies first, however far, then the nearest in date, shown oldest first",
     "2020-07-22", 3, ["b", "e", "c"]),
    ("a tie in distance goes to the smaller id", "2020-07-22", 4, ["b", "e", "f", "c"]),
    ("undated reports come last", "2020-07-22", 6, ["a", "b", "e", "f", "c", "d"]),
    ("an undated article: its copies, then the rest by id", None, 3, ["a", "b", "c"]),
    ("a bound of zero shows none (the link to the story page remains)", "2020-07-22", 0, []),
    ("a bound above the cluster shows all", "2020-07-22", 25, ["a", "b", "e", "f", "c", "d"]),
])
def test_nearest_reports(description, date, limit, expected):
    assert [o[0] for o in nearest_reports(date, OTHERS, limit)] == expected, description


def test_the_bound_holds_for_a_full_cluster():
    others = [(f"x{i:02d}", f"2020-07-{1 + i % 28:02d}", "same_event") for i in range(24)]
    shown = nearest_reports("2020-07-10", others, SHOWN)
    assert len(shown) == SHOWN and len({o[0] for o in shown}) == SHOWN
    assert shown == sorted(shown, key=oldest_first)


def test_the_input_order_does_not_matter():
    assert nearest_reports("2020-07-22", OTHERS[::-1], 4) == nearest_reports("2020-07-22", OTHERS, 4)


def test_earlier_copies_mark_none_of_the_first_and_ignore_other_clusters_members():
    members = [("orig", "2020-07-22"), ("copy", "2020-07-25"), ("event", "2020-07-23")]
    links = [["copy", "orig", "duplicate", 0.9], ["event", "orig", "same_event", 1.0],
             ["copy", "elsewhere", "duplicate", 0.7]]
    assert earlier_copies(members, links) == {"copy": "orig"}
