"""Take the README's screenshots from an already built site.

Builds nothing: serves the output directory on 127.0.0.1 (a random port), opens a Persian
article, an Arabic article and a search for ظریف in Debian's Chromium (driven by Playwright,
no downloaded browser), waits for the web fonts and the search results, and saves PNGs.

    pelican content -s pelicanconf.py                  # build first
    python scripts/screenshots.py                      # output/ -> docs/screenshots/*.png
    python scripts/screenshots.py --width 360 --suffix -360 --scheme dark
"""
from __future__ import annotations

import argparse
import functools
import http.server
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

#: (file name, path in the site, whether to wait for search results)
SHOTS = [
    ("article-fa", "articles/000_45a8cd35f748c1ef.html", False),
    ("article-ar", "articles/003_e296fb844f5b8a25.html", False),
    ("search-zarif", "search.html?q=ظریف", True),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on loopback in a daemon thread; returns (base URL, server)."""
    handler = functools.partial(_Quiet, directory=str(directory))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{srv.server_address[1]}", srv


def take(site: Path, out: Path, width: int, height: int, scheme: str, suffix: str) -> list[Path]:
    """Save one PNG per entry of SHOTS into ``out``; returns their paths."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    url, srv = serve(site)
    saved = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": width, "height": height},
                                    color_scheme=scheme, device_scale_factor=1)
            for name, path, search in SHOTS:
                page.goto(f"{url}/{path}")
                if search:
                    page.wait_for_selector("#search-results[aria-busy='false'] li")
                page.evaluate("document.fonts.ready.then(() => true)")
                target = out / f"{name}{suffix}.png"
                page.screenshot(path=str(target))
                saved.append(target)
            browser.close()
    finally:
        srv.shutdown()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "output", help="built site (default output/)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--width", type=int, default=1024)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--scheme", choices=["light", "dark"], default="light")
    parser.add_argument("--suffix", default="", help="added to each file name, e.g. -360")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.site / "index.html").is_file():
        logger.error("%s has no index.html: build the site first (pelican content -s pelicanconf.py)", args.site)
        return 1
    for path in take(args.site, args.out, args.width, args.height, args.scheme, args.suffix):
        logger.info("%s", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
