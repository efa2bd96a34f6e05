"""Every page type passes the Nu HTML Checker (vnu.jar, the W3C validator) with zero errors —
on the seeds' site and on the hostile seed set's (issue 11).

vnu.jar comes from npm (`vnu-jar`, installed into tests/tools by `make test`) and needs Java
(Debian `default-jre-headless`, installed by `.ci/run`).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from support import ROOT

VNU = ROOT / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

sys.path.insert(0, str(ROOT / "tests" / "site"))


def _vnu(files) -> list[dict]:
    if not shutil.which("java"):
        pytest.skip("java is not installed (apt-get install default-jre-headless)")
    if not VNU.exists():
        pytest.skip("vnu.jar is not installed (npm install --prefix tests/tools)")
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                          capture_output=True, text=True, check=False)
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def _page_types(site) -> list:
    pages = sorted(site.rglob("*.html"))
    kinds = {}
    for p in pages:  # one page of each folder and name pattern, plus every article page
        rel = p.relative_to(site)
        key = (rel.parent.as_posix(), "-" in rel.stem and rel.stem.split("-")[-1].isdigit())
        if rel.parts[0] == "articles" or key not in kinds:
            kinds.setdefault(key if rel.parts[0] != "articles" else rel.as_posix(), p)
    return sorted(kinds.values())


def test_every_page_type_of_the_seeds_site_is_valid_html(site):
    files = _page_types(site)
    assert len(files) >= 12
    errors = _vnu(files)
    assert [f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors] == []


def test_every_page_of_the_hostile_site_is_valid_html(tmp_path):
    from test_hostile import build_hostile

    site = build_hostile(tmp_path)
    errors = _vnu(sorted(site.rglob("*.html")))
    assert [f"{m.get('url', '').rsplit('/out/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors] == []


def test_the_story_page_and_its_articles_are_valid_html(tmp_path):
    """The seeds make no same-story cluster: a site with reposts of one seed has a story page
    (stories/) and article pages with the same-story block; every page type of it is checked."""
    from support import build_site, story_seeds

    seeds, _ids = story_seeds(tmp_path / "seeds", 6)
    site = build_site(tmp_path / "out", seeds)
    files = _page_types(site)
    assert any(p.parent.name == "stories" for p in files)
    errors = _vnu(files)
    assert [f"{m.get('url', '').rsplit('/out/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors] == []
