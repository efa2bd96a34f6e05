"""Publishing settings: with a site address, citations, feeds and the sitemap use absolute URLs
and the 404 page links absolutely (GitHub Pages serves it at any depth); pages stay relative."""
from __future__ import annotations

import json

from support import build_site

BASE = "https://example.org/daftar"


def test_publish_mode(tmp_path):
    out = build_site(tmp_path / "pub", SITEURL=BASE)
    csl = json.loads((out / "cite" / "003_e296fb844f5b8a25.csl.json").read_text("utf-8"))[0]
    assert f"{BASE}/articles/003_e296fb844f5b8a25.html" in csl["note"]
    assert f"<loc>{BASE}/articles/000_45a8cd35f748c1ef.html</loc>" in (out / "sitemap.xml").read_text("utf-8")
    assert not (out / "robots.txt").exists()  # below a host's root crawlers never read it
    assert f'href="{BASE}/theme/css/daftar.css"' in (out / "404.html").read_text("utf-8")
    article = (out / "articles" / "000_45a8cd35f748c1ef.html").read_text("utf-8")
    assert 'href="../theme/css/daftar.css"' in article  # pages stay relative (sub-path safe)
    feed = (out / "feeds" / "ar.atom.xml").read_text("utf-8")
    assert f"<id>{BASE}/articles/003_e296fb844f5b8a25.html</id>" in feed
    assert (out / ".nojekyll").exists()
