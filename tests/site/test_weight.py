"""Weight budget of the built site, read from the files Pelican wrote (no browser, no server).

Issue 6: an article page's HTML + CSS + JS must stay within 30 KB gzip (fonts apart), and the
self-hosted fonts within 150 KB of WOFF2 per language. The budget is measured the way a reader
pays for it: every stylesheet (and its @imports) and script the page references, each gzipped
on its own at level 6 (what web servers use by default), fonts counted per family.
"""
from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PAGE_BUDGET = 30 * 1024
FONT_BUDGET = 150 * 1024
#: The family each language's pages are set in (the theme's --font-fa / --font-ar stacks).
FAMILY_OF_LANG = {"fa": "Vazirmatn", "ar": "Noto Naskh Arabic"}

CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""")
FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}")


class _Refs(HTMLParser):
    """Collects the stylesheets and scripts a page makes the browser fetch."""

    def __init__(self):
        super().__init__()
        self.styles: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.styles.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])


def local_file(site: Path, page: Path, ref: str) -> Path:
    """The built file a same-site reference points to; a reference that leaves the site fails."""
    parts = urlsplit(ref)
    assert not parts.scheme and not parts.netloc, f"{page.name} loads {ref} from outside the site"
    base = site if parts.path.startswith("/") else page.parent
    target = (base / parts.path.lstrip("/")).resolve()
    assert target.is_file(), f"{page.name} references {ref}, which is not in the built site"
    return target


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def css_with_imports(site: Path, css: Path, seen: set[Path]) -> list[Path]:
    """The stylesheet and, depth first, every stylesheet it @imports."""
    if css in seen:
        return []
    seen.add(css)
    out = [css]
    for ref in CSS_IMPORT.findall(css.read_text(encoding="utf-8")):
        out += css_with_imports(site, local_file(site, css, ref), seen)
    return out


def page_assets(site: Path, page: Path) -> list[Path]:
    refs = _Refs()
    refs.feed(page.read_text(encoding="utf-8"))
    seen: set[Path] = set()
    styles = [p for ref in refs.styles for p in css_with_imports(site, local_file(site, page, ref), seen)]
    return styles + [local_file(site, page, ref) for ref in refs.scripts]


def font_faces(site: Path, css: Path) -> list[tuple[str, str, Path]]:
    """(family, rule text, woff2 file) for every @font-face of a stylesheet."""
    out = []
    for body in FONT_FACE.findall(css.read_text(encoding="utf-8")):
        family = re.search(r"font-family:\s*[\"']?([^\"';]+)", body).group(1).strip()
        for ref in CSS_URL.findall(body):
            out.append((family, body, local_file(site, css, ref)))
    return out


def article_pages(site: Path) -> list[Path]:
    pages = sorted((site / "articles").glob("*.html"))
    assert pages, "the build wrote no article pages"
    return pages


def test_article_pages_within_30_kb_gzip(site):
    report = {}
    for page in article_pages(site):
        files = [page, *page_assets(site, page)]
        assert not any(f.suffix in {".woff2", ".woff", ".ttf"} for f in files)
        report[page.name] = sum(gz(f.read_bytes()) for f in files)
    over = {name: size for name, size in report.items() if size > PAGE_BUDGET}
    assert not over, f"over {PAGE_BUDGET} B gzip (HTML+CSS+JS): {over}"


def test_article_pages_load_the_font_stylesheet(site):
    for page in article_pages(site):
        assert any(p.name == "fonts.css" for p in page_assets(site, page)), page.name


@pytest.fixture(scope="module")
def faces(site):
    css = site / "theme" / "css" / "fonts.css"
    assert css.is_file(), "theme/css/fonts.css is missing from the build"
    found = font_faces(site, css)
    assert found, "fonts.css declares no @font-face"
    return found


@pytest.mark.parametrize("lang", sorted(FAMILY_OF_LANG))
def test_fonts_within_150_kb_per_language(faces, lang):
    files = {f for family, _, f in faces if family == FAMILY_OF_LANG[lang]}
    assert files, f"no web font for {lang} ({FAMILY_OF_LANG[lang]})"
    total = sum(f.stat().st_size for f in files)
    assert total <= FONT_BUDGET, f"{lang}: {total} B of WOFF2 > {FONT_BUDGET}"


def test_font_faces_are_self_hosted_subset_woff2_with_swap(faces):
    for family, body, path in faces:
        assert path.read_bytes()[:4] == b"wOF2", f"{path.name} is not WOFF2"
        assert re.search(r"font-display:\s*swap", body), f"{path.name}: no font-display: swap"
        assert "unicode-range" in body, f"{path.name}: no unicode-range (the subset must say what it covers)"


def test_every_font_ships_with_its_licence(faces):
    for _, _, path in faces:
        assert (path.parent / "OFL.txt").is_file(), f"no OFL.txt beside {path.name}"
        assert "SIL Open Font License" in (path.parent / "OFL.txt").read_text(encoding="utf-8")
