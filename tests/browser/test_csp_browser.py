"""Pages work under their Content-Security-Policy (default-src 'self'): no violation reported,
no request leaves the site, and the search still runs."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

PAGES = ["index.html", "articles/000_45a8cd35f748c1ef.html", "articles/003_e296fb844f5b8a25.html",
         "search.html?q=ظریف", "archives.html", "fa/index.html", "outlets/index.html"]


@pytest.mark.parametrize("path", PAGES)
def test_no_csp_violation_and_no_outside_request(page: Page, base_url_site, path):
    messages, outside = [], []
    page.on("console", lambda m: messages.append(m.text))
    page.on("pageerror", lambda e: messages.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url_site) and not r.url.startswith("data:") else None)
    page.goto(f"{base_url_site}/{path}")
    page.wait_for_load_state("networkidle")
    assert not [m for m in messages if "Content Security Policy" in m or "Refused" in m], messages
    assert outside == []
