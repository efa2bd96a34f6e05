"""Metadata cases (field_cases.json): a whole page in, the fields it states out. Cases carry a
label; a case with ``twin_of`` is the must-not-change twin of the case it names (a real outlet
line still credits an outlet, a complete page is not truncated).

Each case is built through the public entry point, ``build_document``, with the reference
the case gives (none by default: the machine's clock is never a reference)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from daftar_seeds.document import Document, build_document
from daftar_seeds.fields import FIELDS

HERE = Path(__file__).resolve().parent
CASES = json.loads((HERE / "field_cases.json").read_text("utf-8"))


def build(case: dict) -> Document:
    ref = dt.date.fromisoformat(case["reference"]) if case.get("reference") else None
    overrides = {"captured": case["sidecar_captured"]} if case.get("sidecar_captured") else None
    doc = build_document(case["original"].encode("utf-8"), "case", reference=ref, overrides=overrides)
    assert isinstance(doc, Document), doc
    return doc


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["label"])
def test_field_case(case):
    fields = build(case).fields
    for key, want in case["expected"].items():
        assert key in FIELDS, key
        assert fields[key] == want, (key, fields[key], fields["provenance"])


def test_twins_name_a_case():
    labels = {c["label"] for c in CASES}
    twins = [c for c in CASES if "twin_of" in c]
    assert twins and all(c["twin_of"] in labels for c in twins)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["label"])
def test_every_field_is_declared_and_plain(case):
    doc = build(case)
    assert list(doc.fields) == list(FIELDS)
    assert json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)) == doc.to_dict()
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc
    # each extracted field names the line it came from, and the log says so too
    prov = doc.fields["provenance"]
    for key, value in doc.fields.items():
        if key in ("provenance", "overridden", "curator_note", "title_source", "title_marker", "date_source",
                   "date_text", "date_calendar", "date_reference", "date_reference_source", "outlet_host"):
            continue
        if value not in (None, [], False) and key not in doc.fields["overridden"]:
            assert key in prov, key
    logged = {(e["field"], e["line"]) for e in doc.cleaning_log if e["action"] == "field"}
    for key, lines in prov.items():
        for n in lines if isinstance(lines, list) else [lines]:
            assert (key, n) in logged
