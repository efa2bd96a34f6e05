"""Browser tests: Debian's chromium driven by Playwright, against the built site on loopback.

No browser is downloaded (that fails here): pytest-playwright's launch arguments point at
/usr/bin/chromium with the flags that keep it off the network.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("DAFTAR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a random port); returns (base_url, server)."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{srv.server_address[1]}", srv


@pytest.fixture(scope="session")
def base_url_site(site):
    """The built site served from the host's root."""
    url, srv = serve(site)
    yield url
    srv.shutdown()


@pytest.fixture(scope="session")
def sub_path_site(site, tmp_path_factory):
    """The same site served under /daftar/, as GitHub project pages do."""
    root = tmp_path_factory.mktemp("pages")
    shutil.copytree(site, root / "daftar")
    url, srv = serve(root)
    yield url + "/daftar"
    srv.shutdown()
