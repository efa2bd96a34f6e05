"""Guarantees: reproducible builds and no broken internal links, anchors or assets."""
from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from support import build_site


def tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site, tmp_path):
    again = build_site(tmp_path / "again")
    a, b = tree_digest(site), tree_digest(again)
    assert a.keys() == b.keys()
    differing = [k for k in a if a[k] != b[k]]
    assert differing == []


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if a.get(attr) and not (tag == "link" and a.get("rel") in ("canonical",)):
                self.refs.append(a[attr])
        if tag == "form" and a.get("action"):
            self.refs.append(a["action"])


def parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text("utf-8"))
    return p


def test_no_broken_internal_links_anchors_or_assets(site):
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, links in pages.items():
        for ref in links.refs:
            if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I) or ref.startswith("//"):
                continue  # external (the original article's URL): not ours to check
            url, frag = urldefrag(ref)
            path = urlsplit(url).path
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {ref}")
                continue
            if frag and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(frag) not in ids:
                    broken.append(f"{page.relative_to(site)} -> {ref} (no anchor)")
    assert broken == []


def test_every_page_declares_a_self_only_csp(site):
    import base64

    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "Content-Security-Policy" in html and "default-src 'self'" in html, page
        # the one inline script allowed (search.html's bootstrap) is pinned by its hash
        csp = re.search(r'script-src ([^;"]*)', html).group(1)
        for body in re.findall(r"<script>(.*?)</script>", html, re.S):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in csp, page
        assert ("<script>" in html) == (page.name == "search.html"), page
        assert not re.search(r"\son[a-z]+=", html), page  # no inline handlers
