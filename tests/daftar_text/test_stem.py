"""The stemmer's Python and JS twins agree, and it is conservative."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from daftar_text.fold import tokenize
from daftar_text.stem import rules, stem
from support import ROOT, seed_paths

JS = ROOT / "themes" / "daftar" / "static" / "js" / "daftar-stem.js"
PROTECTED = ["ایران", "تهران", "لاوروف"]


def test_python_and_js_stem_identically():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    words = sorted({t for p in seed_paths() for t in tokenize(p.read_text("utf-8"))})
    words += ["ها", "الف", "2020", "cica", "وبالعلاقات", "نمیداند", "تحریمهاست"]
    script = (
        "const s=require(%s);const inp=JSON.parse(require('fs').readFileSync(0,'utf8'));"
        "const f=s.make(inp.rules, inp.protected);process.stdout.write(JSON.stringify(inp.words.map(f)));"
    ) % json.dumps(str(JS))
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True,
                         input=json.dumps({"rules": rules(), "protected": PROTECTED, "words": words}))
    assert json.loads(out.stdout) == [stem(w, frozenset(PROTECTED)) for w in words]


@pytest.mark.parametrize("a,b", [
    ("همکاری", "همکاریهای"), ("تحریم", "تحریمها"), ("تحریم", "تحریمهای"), ("العلاقات", "وعلاقات"),
    ("العلاقات", "بالعلاقات"), ("مهم", "مهمترین"), ("کشور", "کشورها"),
])
def test_inflected_forms_share_a_stem(a, b):
    assert stem(a) == stem(b)


def test_never_below_three_letters_and_names_whole():
    for w in ["ها", "الا", "وزن", "ایران", "دولت"]:
        assert len(stem(w)) >= min(3, len(w))
    assert stem("ایران", frozenset({"ایران"})) == "ایران"
    assert stem("2020") == "2020"
