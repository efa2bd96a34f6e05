"""The Python folding, tokenising and stemming (daftar_text) and their JS twins
(daftar-normalise.js, daftar-stem.js) agree on every code point of the Arabic blocks.

The JS receives its tables from Python (``daftar_text.tables.for_js``, as the search manifest
carries them), so a letter removed from or added to ``data/tables.yaml`` changes both sides; a
table copied into the JS by hand would show up here as a difference.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from daftar_text import tables
from daftar_text.fold import FOLD_TABLE, fold, tokenize
from daftar_text.stem import rules, stem
from support import ROOT, seed_paths

JS = ROOT / "themes" / "daftar" / "static" / "js"

#: U+0600-06FF Arabic, 0750-077F Supplement, 08A0-08FF Extended-A, FB50-FDFF Presentation
#: Forms-A, FE70-FEFF Presentation Forms-B.
BLOCKS = [(0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]
#: The tables' own characters outside those blocks (ZWNJ, bidi controls, soft hyphen, ...).
EXTRA = sorted({cp for cp in FOLD_TABLE if not any(lo <= cp <= hi for lo, hi in BLOCKS)})
PROTECTED = ["ایران", "تهران", "لاوروف"]

SAMPLES = [
    "ظریف", "ظريف", "ك", "ک", "أإآٱا", "همکاری‌های", "وِزارَة", "ـــمـــ", "۱۴۰۱/۰۷/۲۷", "٢٠٢٠",
    "Thursday", "CICA", "https://aftabir.com/article/show/2955", "«قفقاز ۲۰۲۰»", "بـ\"الاستراتيجية\"",
    "\u202eabc\u202c", "ﻻ", "ﷲ", "Ⅻ", "ǅ", "İstanbul", "ß", "ﺑﺴﻢ", "x\u200dy", "a_b", "—", "",
]


def code_points() -> list[int]:
    return [cp for lo, hi in BLOCKS for cp in range(lo, hi + 1)] + EXTRA


def texts_for(cp: int) -> list[str]:
    """The code point alone, inside a word, and inside words the stemmer works on."""
    ch = chr(cp)
    return [ch, f"ب{ch}ب", f"کتاب{ch}ها", f"وال{ch}علاقات", f"می{ch}روند", f"a{ch}1"]


def run_node(texts: list[str]) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = """
const n = require(%s), s = require(%s);
const inp = JSON.parse(require('fs').readFileSync(0, 'utf8'));
n.configure(inp.tables);
const st = s.make(inp.rules, inp.protected);
const tokens = inp.texts.map(n.tokenize);
process.stdout.write(JSON.stringify({
  fold: inp.texts.map(n.fold), tokens: tokens, stems: tokens.map(ts => ts.map(st))}));
""" % (json.dumps(str(JS / "daftar-normalise.js")), json.dumps(str(JS / "daftar-stem.js")))
    payload = {"tables": tables.for_js(), "rules": rules(), "protected": PROTECTED, "texts": texts}
    out = subprocess.run([node, "-e", script], input=json.dumps(payload), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def diff(texts, got, want, limit=12):
    bad = [(f"U+{ord(t[0]) if len(t) == 1 else 0:04X}", t, g, w) for t, g, w in zip(texts, got, want) if g != w]
    return bad[:limit], len(bad)


def test_every_code_point_of_the_arabic_blocks_folds_tokenizes_and_stems_alike():
    texts = [t for cp in code_points() for t in texts_for(cp)]
    js = run_node(texts)
    prot = frozenset(PROTECTED)
    py_tokens = [tokenize(t) for t in texts]
    assert diff(texts, js["fold"], [fold(t) for t in texts]) == ([], 0)
    assert diff(texts, js["tokens"], py_tokens) == ([], 0)
    assert diff(texts, js["stems"], [[stem(x, prot) for x in ts] for ts in py_tokens]) == ([], 0)


def test_seed_words_and_samples_agree():
    texts = list(SAMPLES)
    for p in seed_paths():
        texts.extend(p.read_text("utf-8").split())
    js = run_node(texts)
    assert js["fold"] == [fold(t) for t in texts]
    assert js["tokens"] == [tokenize(t) for t in texts]


def test_the_js_holds_no_copied_table():
    """No folding or digit table literal in the JS: the letters travel in the manifest."""
    for name in ("daftar-normalise.js", "daftar-stem.js", "daftar-index.js", "search.js"):
        path = JS / name
        if not path.exists():
            continue
        src = path.read_text("utf-8")
        for ch in "يكةۀ۰۱٠١\u064b\u200c":
            assert ch not in src and f"\\u{ord(ch):04x}" not in src.lower(), (name, ch)


def test_fold_maps_the_required_letters():
    assert fold("ي") == fold("ى") == fold("ی")
    assert fold("ك") == fold("ک") == fold("ڪ")
    assert {fold(c) for c in "أإآٱٲٳ"} == {"ا"}
    assert fold("۰۱۲۳۴۵۶۷۸۹") == fold("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert fold("مُحَمَّد") == "محمد"
    assert fold("مـــوســكو") == "موسکو"
    assert fold("می\u200cیابد") == "مییابد"
