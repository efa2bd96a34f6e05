"""The outlet directory (data/outlets.yaml) and the credit phrases (data/credits.yaml)."""
from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar_seeds.credits import is_place, read_credits
from daftar_seeds.outlets import DATA_FILE, directory, name_tokens, parse_directory
from daftar_seeds.zwnj import url_spans


def test_the_data_file_loads_and_no_spelling_names_two_outlets():
    d = directory()
    assert len(d.outlets) >= 80
    for key, entries in d._keys.items():
        assert len({o.name for o, _, _ in entries}) == 1, key


def test_every_outlet_names_itself_and_hosts_are_unique():
    data = yaml.safe_load(DATA_FILE.read_text("utf-8"))
    hosts = [h for e in data["outlets"] for h in e.get("hosts", [])]
    assert len(hosts) == len(set(hosts))
    d = directory()
    for o in d.outlets:
        assert d.lookup(o.name) is o, o.name
        for v in o.variants:
            assert d.lookup(v) is o, (o.name, v)
        for h in o.hosts:
            host, _, path = h.partition("/")
            assert d.by_host(host, path) is o, h


@pytest.mark.parametrize("spelling, name", [
    ("خبرگزاري فارس", "خبرگزاری فارس"),
    ("وكالة تسنيم", "تسنیم"),
    ("ریا‌نووستی", "نووستی"),
    ("أ ف ب", "فرانس برس"),
    ("د.ب.أ", "د ب أ"),
    ("الشرق الأوسط أونلاين", "الشرق الأوسط"),
])
def test_one_form_per_outlet(spelling, name):
    assert directory().lookup(spelling).name == name


@pytest.mark.parametrize("data, message", [
    ({"outlets": [{"kind": "agency"}]}, "entry 1: 'name' is required"),
    ({"outlets": [{"name": "X", "kind": "agency", "colour": 1}]}, "entry 1 (X): unknown key 'colour'"),
    ({"outlets": [{"name": "X", "kind": "agency", "variants": "X"}]}, "entry 1 (X): variants must be a list"),
    ({"outlets": [{"name": "X", "kind": "agency", "common": ["Y"]}]}, "entry 1 (X): common: 'Y' is not one of its variants"),
    ({"outlets": [{"name": "X", "kind": "agency", "parent": "Z"}]}, "entry 1 (X): parent 'Z' is not an entry"),
    ({"outlets": [{"name": "X", "kind": "outlet"}, {"name": "X", "kind": "outlet"}]}, "entry 2 (X): name already used by entry 1"),
])
def test_data_errors_name_the_entry_and_the_key(data, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_directory(data)


def test_short_names_match_token_for_token():
    d = directory()
    assert d.lookup("دبا") is None  # a town, not dpa
    assert d.find(name_tokens("اتصل بنا")) == [] or all(m.common for m in d.find(name_tokens("اتصل بنا")))


def test_places():
    assert all(is_place(p) for p in ("موسكو", "مسکو", "لندن", "برلين", "طهران", "واشنطن", "دمشق، سوريا"))
    assert not any(is_place(p) for p in ("العالم", "سعيد طانيوس", "الشرق الأوسط"))


@pytest.mark.parametrize("line, want", [
    ("به گزارش گروه بین‌الملل خبرگزاری فارس، پسکوف گفت", [("report", "خبرگزاری فارس")]),
    ("بنا بر گزارش رویترز، وزیر خارجه آمریکا گفت", [("relay", "رويترز")]),
    ("خبرگزاری روسی «ریانووستی» در این خصوص گزارش کرد، وزارت دفاع", [("relay", "نووستی")]),
    ("وذكرت وكالة رويترز أن الوفد وصل", [("relay", "رويترز")]),
    ("وقال متحدث لوكالة إنترفاكس إن الاصطدام وقع", []),
    ("ووفقا لوكالة الأناضول فإن الوفد وصل", [("relay", "الأناضول")]),
    ("© 2026 LBC International.", [("copyright", "LBC International")]),
    ("الأربعاء ٢٢ يوليو ٢٠٢٠ - ٠٩:١٠ أ ف ب", [("date_tail", "فرانس برس")]),
    ("به گزارش :", [("empty_slot", None)]),
])
def test_read_credits(line, want):
    from daftar_seeds.dates import find_dates

    spans = tuple((h.start, h.end) for h in find_dates(line))
    got = [(c.how, c.name) for c in read_credits(line, spans) if c.how != "mention"]
    assert got == want


OLD_URL_RE = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)\S+|[A-Za-z0-9.-]+\.[A-Za-z]{2,}/\S*|\S+@\S+")


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(list("aZ09+.-/:@w ") + ["www.", "://", "x.ir/", "سلام", "\n", ".com/", "ي"]),
                max_size=16).map("".join))
def test_url_spans_find_what_the_old_regex_found(text):
    """The linear URL finder gives the spans the quadratic regex gave (on short texts, where
    the regex is still quick)."""
    assert url_spans(text) == [m.span() for m in OLD_URL_RE.finditer(text)]
