"""Outlets of the archive: grouped by publisher, named in both scripts from the directory."""
from __future__ import annotations

from daftar_archive.outlets import group_outlets, outlet_slug
from daftar_seeds.outlets import directory


def rec(i, outlet, lang, host=None):
    return {"id": i, "outlet": outlet, "lang": lang, "outlet_host": host}


def test_known_outlet_gets_the_directory_names_hosts_and_kind():
    [mehr] = group_outlets([rec("a", "خبرگزاری مهر", "fa"), rec("b", "خبرگزاری مهر", "ar")], directory())
    assert mehr.slug == "mehrnews.com" and mehr.host == "mehrnews.com"
    assert mehr.en == "Mehr News Agency" and mehr.kind == "agency" and mehr.known
    assert mehr.other_names == {"ar": "وكالة مهر للأنباء"}
    assert mehr.langs == {"fa": 1, "ar": 1} and mehr.ids == ["a", "b"]


def test_the_pages_own_host_comes_first():
    [aftab] = group_outlets([rec("a", "آفتاب", "fa", "aftabnews.ir")], directory())
    assert aftab.host == "aftabnews.ir" and aftab.hosts[0] == "aftabnews.ir" and "aftabir.com" in aftab.hosts


def test_unknown_outlet_keeps_its_name_and_a_stable_page():
    [o] = group_outlets([rec("a", "صحيفة لا يعرفها أحد", "ar")], directory())
    assert not o.known and o.en is None and o.other_names == {} and o.hosts == ()
    assert o.slug.startswith("o-") and o.slug == outlet_slug("صحيفة لا يعرفها أحد", None, set())


def test_largest_first_and_slugs_never_collide():
    recs = [rec("a", "X", "fa", "x.example"), rec("b", "Y", "fa", "x.example"), rec("c", "Y", "ar", "x.example")]
    out = group_outlets(recs, None)
    assert [o.name for o in out] == ["Y", "X"]
    assert len({o.slug for o in out}) == 2


def test_records_without_outlet_are_left_out():
    assert group_outlets([rec("a", None, "fa")], directory()) == []
