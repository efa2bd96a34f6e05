"""The seeds against their golden files (regenerate: python tests/golden/regenerate.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from support import seed_paths

sys.path.insert(0, str(Path(__file__).resolve().parent))
from regenerate import GOLDEN, SITE_FILES, dump, snapshot  # noqa: E402


@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.stem)
def test_seed_matches_golden(path):
    golden = GOLDEN / f"{path.stem}.json"
    assert golden.exists(), "run python tests/golden/regenerate.py"
    assert dump(snapshot(path)) == golden.read_text("utf-8")


@pytest.mark.parametrize("name", SITE_FILES)
def test_built_file_matches_golden(site, name):
    """A fa and an ar article page and articles.json, as built: any change to what a page shows
    is a reviewable diff of tests/golden/site/."""
    golden = GOLDEN / "site" / name.replace("/", "__")
    assert golden.exists(), "run python tests/golden/regenerate.py"
    assert (site / name).read_text("utf-8") == golden.read_text("utf-8"), "run python tests/golden/regenerate.py and review the diff"
