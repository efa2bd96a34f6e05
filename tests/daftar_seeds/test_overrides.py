"""Curator sidecars read defensively (issue 11): caps, no alias bombs, no YAML 1.1 coercion,
one-line fields, the seeds' text rules, short messages, hints, true line numbers."""
from __future__ import annotations

import datetime as dt

import pytest

from daftar_seeds.document import Document, build_document
from daftar_seeds.overrides import MAX_SIDECAR_BYTES, SHOWN, apply_overrides, parse_sidecar

BOMB = "\n".join(
    [f"a0: &a0 [{', '.join(['lol'] * 9)}]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
) + "\n"


def test_alias_bomb_is_refused_before_it_expands():
    assert len(BOMB.encode()) < 500
    values, errors = parse_sidecar(BOMB, "b.meta.yaml")
    assert values == {} and errors == ["b.meta.yaml: invalid YAML (line 1): anchors are not allowed in a sidecar"]


def test_aliases_without_anchors_are_refused_too():
    assert "invalid YAML" in parse_sidecar("title: *x\n", "x")[1][0]


def test_size_cap():
    values, errors = parse_sidecar("note: " + "x" * MAX_SIDECAR_BYTES + "\n", "big.meta.yaml")
    assert values == {} and errors[0].startswith("big.meta.yaml: sidecar too large")


def test_node_cap():
    text = "agencies: [" + ", ".join(["a"] * 2000) + "]\n"
    assert "more than" in parse_sidecar(text, "x")[1][0]


@pytest.mark.parametrize("line, key, want", [
    ("news_code: 0123", "news_code", "0123"),
    ("author: on", "author", "on"),
    ("author: yes", "author", "yes"),
    ("title: 1e3", "title", "1e3"),
    ("title: null", "title", "null"),
    ("outlet: 2020-01-01", "outlet", "2020-01-01"),
    ("views: 0123", "views", 123),
    ("date: 2020-07-22", "date", "2020-07-22"),
])
def test_yaml_strings_stay_strings(line, key, want):
    assert parse_sidecar(line + "\n", "x") == ({key: want}, [])


@pytest.mark.parametrize("text", [
    'title: "first line\\nsecond line"\n',
    'title: "a\\rb"\n',
    'title: "a\\u2028b"\n',
    "author: |\n  one\n  two\n",
])
def test_one_line_fields_refuse_line_breaks(text):
    values, errors = parse_sidecar(text, "x")
    assert values == {} and "must be one line" in errors[0]


def test_note_may_span_lines():
    assert parse_sidecar("note: |\n  first\n  second\n", "x") == ({"note": "first\nsecond"}, [])


def test_sidecar_text_goes_through_the_seed_text_rules():
    values, errors = parse_sidecar('title: "عنوان\u202e  مهم\u00a0خبر"\nauthor: "علی\x00 رضایی"\n', "x")
    assert errors == [] and values == {"title": "عنوان مهم خبر", "author": "علی رضایی"}


def test_length_caps_and_short_messages():
    values, errors = parse_sidecar("title: " + "x" * 10_000 + "\n", "x")
    assert values == {} and "longer than 500" in errors[0]
    assert len(errors[0]) < 100 + SHOWN
    values, errors = parse_sidecar("views: " + "9" * 10_000 + "\n", "x")
    assert "not a whole number" in errors[0] and len(errors[0]) < 100 + SHOWN


def test_did_you_mean():
    assert parse_sidecar("titel: x\n", "s")[1] == ["s: unknown field 'titel' (did you mean title?)"]
    assert parse_sidecar("colour: red\n", "s")[1] == ["s: unknown field 'colour'"]


@pytest.mark.parametrize("text, line", [
    ("date: [unclosed\n", 1),
    ("title: x\ndate: [unclosed\n", 2),
    ("title: x\n  bad: indent\n", 2),
])
def test_broken_yaml_names_its_line(text, line):
    (err,) = parse_sidecar(text, "x")[1]
    assert err.startswith(f"x: invalid YAML (line {line})"), err


def test_overrides_win_and_are_marked_and_the_shape_is_kept():
    raw = "عنوان خبر درباره روابط ایران و روسیه\n\nوزیر امور خارجه روسیه امروز در نشست خبری در مسکو گفت که دو کشور به توافق نزدیک شده‌اند.".encode()
    values, errors = parse_sidecar("date: 2022-06-15\ntitle: عنوان کتابدار\nnote: checked\n", "x")
    assert errors == []
    doc = build_document(raw, "x", reference=dt.date(2024, 11, 21), overrides=values)
    assert isinstance(doc, Document)
    f = doc.fields
    assert (f["date"], f["date_source"], f["title"], f["title_source"]) == ("2022-06-15", "override", "عنوان کتابدار", "override")
    assert f["overridden"] == ["date", "title"] and f["curator_note"] == "checked"
    assert apply_overrides({"a": 1}, {})["overridden"] == []
