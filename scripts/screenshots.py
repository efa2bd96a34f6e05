"""Take the README's screenshots from an already built site (``make screenshots`` builds first).

Serves the output directory on 127.0.0.1 (a random port) and opens, in Debian's Chromium driven
by Playwright (no downloaded browser), one page of each kind — the home page, a Persian and an
Arabic article, a search with a query, an entity and an outlet page — at a desktop width
(1280 px) and a phone width (360 px). It waits for the web fonts and, for the search, the
results, and saves the first screen of each page as ``docs/screenshots/<name>-<width>.png``.

    make screenshots                                   # build, then every shot below
    .venv/bin/python scripts/screenshots.py --only search --width 360 --scheme dark --out /tmp/s

Pages are chosen from the built site, not by file name: the first article of each language on
the home page, the entity and the outlet with the most articles, and a search for the most
mentioned entity's name. A new set of seeds gives a new, equally meaningful set of screenshots.
"""
from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import re
import logging
import os
import sys
import threading
from pathlib import Path

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("DAFTAR_CHROMIUM", "/usr/bin/chromium")
#: The same flags as tests/browser/conftest.py: headless, and nothing that reaches the network.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: (width, height) of the screens: a laptop and a small phone.
SCREENS = [(1280, 900), (360, 740)]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on loopback in a daemon thread; returns (base URL, server)."""
    handler = functools.partial(_Quiet, directory=str(directory))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{srv.server_address[1]}", srv


def choose_pages(site: Path) -> list[tuple[str, str]]:
    """(name, path in the site) of each screenshot, picked from the site's own data."""
    with open(site / "data" / "articles.json", encoding="utf-8") as fh:
        articles = json.load(fh)
    newest = sorted((a for a in articles if a.get("date")), key=lambda a: a["date"], reverse=True)
    newest += [a for a in articles if not a.get("date")]
    shots = [("home", "index.html")]
    for lang in ("fa", "ar"):
        first = next((a for a in newest if a["lang"] == lang), None)
        if first:
            shots.append((f"article-{lang}", first["url"]))
    entities = []
    if (site / "data" / "entities.json").is_file():
        with open(site / "data" / "entities.json", encoding="utf-8") as fh:
            entities = [e for e in json.load(fh) if e.get("url") and e.get("articles")]
    # the most mentioned person makes the most telling search (both spellings, both languages)
    ranked = sorted(entities, key=lambda e: (e.get("type") != "person", -len(e["articles"]), e["id"]))
    if ranked:
        names = ranked[0].get("names") or {}
        query = (names.get("fa") or names.get("ar") or [ranked[0]["id"]])[0]
        shots.append(("search", f"search.html?q={query}"))
        shots.append(("entity", ranked[0]["url"]))
    outlets: dict[str, int] = {}
    for a in articles:
        if a.get("outlet"):
            outlets[a["outlet"]] = outlets.get(a["outlet"], 0) + 1
    index = (site / "outlets" / "index.html").read_text(encoding="utf-8") if outlets else ""
    # the largest outlet, and among equals the one the directory knows best (most names)
    cards = re.findall(r'<li class="card">(.*?)</li>', index[index.find("<main"):], re.S)
    ranked = []
    for card in cards:
        href = re.search(r'href="\.\./(outlets/[^"]+)"', card)
        name = re.search(r"<bdi>([^<]*)</bdi>", card)
        if href and name:
            ranked.append((-outlets.get(html.unescape(name.group(1)), 0), -card.count("<bdi"), href.group(1)))
    if ranked:
        shots.append(("outlet", min(ranked)[2]))
    return shots


def take(site: Path, out: Path, screens, scheme: str, only: set[str] | None = None) -> list[Path]:
    """Save one PNG per page and screen into ``out``; returns their paths."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    url, srv = serve(site)
    saved = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width, height in screens:
                page = browser.new_page(viewport={"width": width, "height": height},
                                        color_scheme=scheme, device_scale_factor=1)
                for name, path in choose_pages(site):
                    if only and name not in only:
                        continue
                    page.goto(f"{url}/{path}")
                    if path.startswith("search.html?"):
                        page.wait_for_selector("#search-results[aria-busy='false'] li")
                    page.evaluate("document.fonts.ready.then(() => true)")
                    target = out / f"{name}-{width}.png"
                    page.screenshot(path=str(target))
                    saved.append(target)
                page.close()
            browser.close()
    finally:
        srv.shutdown()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "output", help="built site (default output/)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--width", type=int, help="one width instead of 1280 and 360")
    parser.add_argument("--height", type=int, default=None)
    parser.add_argument("--scheme", choices=["light", "dark"], default="light")
    parser.add_argument("--only", action="append", help="only this page (home, article-fa, article-ar, "
                        "search, entity, outlet); repeatable")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.site / "index.html").is_file():
        logger.error("%s has no index.html: build the site first (make site)", args.site)
        return 1
    screens = SCREENS
    if args.width:
        screens = [(args.width, args.height or dict(SCREENS).get(args.width, 900))]
    for path in take(args.site, args.out, screens, args.scheme, set(args.only or ()) or None):
        logger.info("%s", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
