"""The hostile seed set in Chromium: no dialog, no redirect, no injected node (issue 11)."""
from __future__ import annotations

import json
import sys

import pytest

from support import ROOT

sys.path.insert(0, str(ROOT / "tests" / "site"))
from test_hostile import build_hostile  # noqa: E402


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    return build_hostile(tmp_path_factory.mktemp("hostile-browser"))


def test_in_chromium_no_dialog_no_redirect_no_injected_node(hostile_site, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    recs = json.loads((hostile_site / "data" / "articles.json").read_text("utf-8"))
    urls = [r["url"] for r in recs] + ["index.html", "fa/index.html", "ar/index.html", "outlets/index.html",
                                      "entities/index.html", "entities/pwn-entity.html", "search.html"]
    for url in urls:
        target = (hostile_site / url).as_uri()
        page.goto(target)
        page.wait_for_timeout(300)  # a meta refresh of 0 s would have fired by now
        assert page.url == target, url
        assert page.locator("[data-pwn]").count() == 0, url
    page.close()
    assert dialogs == []
