"""The Python folding (daftar_text.fold) and its JS twin (daftar-normalise.js) agree."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from support import ROOT, seed_paths
from daftar_text.fold import fold, tokenize

JS = ROOT / "themes" / "daftar" / "static" / "js" / "daftar-normalise.js"

SAMPLES = [
    "ظریف", "ظريف", "ك", "ک", "أإآٱا", "همکاری‌های", "وِزارَة", "ـــمـــ", "۱۴۰۱/۰۷/۲۷", "٢٠٢٠",
    "Thursday", "CICA", "https://aftabir.com/article/show/2955", "«قفقاز ۲۰۲۰»", "بـ\"الاستراتيجية\"",
    "\u202eabc\u202c", "ﻻ", "ﷲ", "Ⅻ", "ǅ", "İstanbul", "ß", "ﺑﺴﻢ", "x\u200dy", "a_b", "—", "",
]


def run_node(payload: dict) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = (
        "const n=require(%s);const inp=JSON.parse(require('fs').readFileSync(0,'utf8'));"
        "process.stdout.write(JSON.stringify({fold:inp.map(n.fold),tokens:inp.map(n.tokenize)}));"
    ) % json.dumps(str(JS))
    out = subprocess.run([node, "-e", script], input=json.dumps(payload["texts"]), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def test_python_and_js_fold_identically():
    texts = list(SAMPLES)
    for p in seed_paths():
        texts.extend(p.read_text("utf-8").split())
    js = run_node({"texts": texts})
    assert js["fold"] == [fold(t) for t in texts]
    assert js["tokens"] == [tokenize(t) for t in texts]


def test_fold_maps_the_required_letters():
    assert fold("ي") == fold("ى") == fold("ی")
    assert fold("ك") == fold("ک")
    assert {fold(c) for c in "أإآٱ"} == {"ا"}
    assert fold("۰۱۲۳۴۵۶۷۸۹") == fold("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert fold("مُحَمَّد") == "محمد"
    assert fold("مـــوســكو") == "موسکو"
    assert fold("می\u200cیابد") == "مییابد"
