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
def served():
    """serve(directory) -> base URL, for a test's own build; every server stops at the end."""
    servers = []

    def start(directory: Path) -> str:
        url, srv = serve(directory)
        servers.append(srv)
        return url

    yield start
    for srv in servers:
        srv.shutdown()


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


@pytest.fixture(scope="session")
def site_ar(tmp_path_factory):
    """The same seeds built with Arabic as the site's language (``DEFAULT_LANG = "ar"``) and a
    preview base: the home, archive, outlet, entity, search and 404 pages speak Arabic, and the
    footer links the feeds."""
    from support import build_site

    return build_site(tmp_path_factory.mktemp("site-ar") / "output", DEFAULT_LANG="ar",
                      DAFTAR_EXPORTS_PREVIEW_URL="http://127.0.0.1:8000")


@pytest.fixture(scope="session")
def base_url_ar(site_ar):
    url, srv = serve(site_ar)
    yield url
    srv.shutdown()


def page_kinds(site: Path) -> dict[str, str]:
    """One path of every kind of page of a built site, found from the site's own data (so a new
    set of seeds is tested as well): kind -> path (a search carries its query)."""
    import json

    articles = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    entities = json.loads((site / "data" / "entities.json").read_text(encoding="utf-8"))
    kinds = {"home": "index.html", "lang-fa": "fa/index.html", "lang-ar": "ar/index.html",
             "archives": "archives.html", "outlets": "outlets/index.html",
             "entities": "entities/index.html", "404": "404.html"}
    for lang in ("fa", "ar"):
        first = next((a for a in articles if a["lang"] == lang), None)
        if first:
            kinds[f"article-{lang}"] = first["url"]
        if (site / "pages" / f"about-{lang}.html").is_file():
            kinds[f"about-{lang}"] = f"pages/about-{lang}.html"
    dated = sorted((a["date"] for a in articles if a.get("date")), reverse=True)
    if dated:
        kinds["year"] = f"archives/{dated[0][:4]}.html"
        kinds["month"] = f"archives/{dated[0][:7]}.html"
    if any(not a.get("date") for a in articles):
        kinds["undated"] = "archives/undated.html"
    listed = [e for e in entities if e.get("url") and e.get("articles")]
    top = sorted(listed, key=lambda e: (e.get("type") != "person", -len(e["articles"]), e["id"]))
    if top:
        kinds["entity"] = top[0]["url"]
        names = top[0]["names"]
        kinds["search"] = "search.html?q=" + (names.get("fa") or names.get("ar"))[0]
    outlets = sorted((p for p in (site / "outlets").glob("*.html") if p.name != "index.html"),
                     key=lambda p: p.name)
    if outlets:
        kinds["outlet"] = f"outlets/{outlets[0].name}"
    stories = sorted((site / "stories").glob("*.html")) if (site / "stories").is_dir() else []
    if stories:
        kinds["story"] = f"stories/{stories[0].name}"
        clustered = next((a for a in articles if a.get("cluster")), None)
        if clustered:
            kinds["article-story"] = clustered["url"]
    return kinds


@pytest.fixture(scope="session")
def story_site(tmp_path_factory):
    """The seeds and six reposts of one of them: one same-story cluster, so a story page (the
    seeds alone make none). ``.site``, ``.url`` (served), ``.kinds`` (:func:`page_kinds`)."""
    from types import SimpleNamespace

    from support import build_site, story_seeds

    tmp = tmp_path_factory.mktemp("story-site")
    seeds, _ids = story_seeds(tmp / "seeds", 6)
    site = build_site(tmp / "output", seeds)
    url, srv = serve(site)
    yield SimpleNamespace(lang="fa", site=site, url=url, kinds=page_kinds(site))
    srv.shutdown()


@pytest.fixture(scope="session", params=["fa", "ar"])
def ui_site(request):
    """The site in each interface language: ``.lang``, ``.site`` (its folder), ``.url`` (served)
    and ``.kinds`` (:func:`page_kinds`)."""
    from types import SimpleNamespace

    if request.param == "fa":
        site, url = request.getfixturevalue("site"), request.getfixturevalue("base_url_site")
    else:
        site, url = request.getfixturevalue("site_ar"), request.getfixturevalue("base_url_ar")
    return SimpleNamespace(lang=request.param, site=site, url=url, kinds=page_kinds(site))


#: Every kind of page :func:`page_kinds` finds (tests are parametrized over these names).
PAGE_KINDS = ["home", "lang-fa", "lang-ar", "article-fa", "article-ar", "search", "archives", "year",
              "month", "undated", "outlets", "outlet", "entities", "entity", "about-fa", "about-ar", "404",
              "story", "article-story"]


def pytest_generate_tests(metafunc):
    if "page_kind" in metafunc.fixturenames:
        metafunc.parametrize("page_kind", PAGE_KINDS)
