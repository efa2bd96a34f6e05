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


# ---- script pinning (issue 11): only the hash-pinned bootstrap and what it loads may run ----

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import functools  # noqa: E402
import http.server  # noqa: E402
import threading  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

ZARIF = ["000_45a8cd35f748c1ef", "003_e296fb844f5b8a25"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{srv.server_address[1]}", srv


def result_ids(page: Page) -> list[str]:
    expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
    return page.locator("#search-results li").evaluate_all("els => els.map(e => e.dataset.id)")


@pytest.fixture(scope="module")
def injected_site(site, tmp_path_factory) -> Path:
    """The built site with a hostile file in raw/ and script tags injected into search.html."""
    root = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(site, root)
    (root / "raw" / "x.txt").write_text("window.PWNED = 'raw';\n", "utf-8")
    (root / "data" / "x.js").write_text("window.PWNED = 'data';\n", "utf-8")
    html = (root / "search.html").read_text("utf-8")
    boot = html.split("<script>", 1)[1].split("</script>", 1)[0]
    injected = ('<script src="raw/x.txt"></script><script src="./data/x.js"></script>'
                "<script>window.PWNED = 'inline';</script>"
                '<script src="theme/js/search.js"></script>'  # a real file, not via the bootstrap
                f"<script>{boot}</script>")  # a copy of the pinned script loads the same files only
    (root / "search.html").write_text(html.replace("</main>", injected + "</main>", 1), "utf-8")
    return root


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_search_runs_from_http_and_from_a_folder(page: Page, site, base_url_site, scheme):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = base_url_site if scheme == "http" else site.resolve().as_uri()
    page.goto(f"{base}/search.html?q=ظریف")
    assert result_ids(page) == ZARIF
    assert page.locator("#search-results mark").count() >= 1
    assert errors == []


def test_integrity_is_set_over_http_only(page: Page, site, base_url_site):
    page.goto(f"{base_url_site}/search.html?q=ظریف")
    result_ids(page)
    sri = page.evaluate("Array.from(document.scripts).filter(s => s.src.includes('/theme/js/')).map(s => s.integrity)")
    assert sri and all(v.startswith("sha256-") for v in sri)
    page.goto(f"{site.resolve().as_uri()}/search.html?q=ظریف")
    result_ids(page)
    assert page.evaluate("Array.from(document.scripts).filter(s => s.src.includes('/theme/js/')).map(s => s.integrity)") == [""] * len(sri)


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_injected_parser_inserted_scripts_do_not_run(page: Page, injected_site, scheme):
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    if scheme == "http":
        base, srv = serve(injected_site)
    else:
        base, srv = injected_site.resolve().as_uri(), None
    try:
        page.goto(f"{base}/search.html?q=ظریف")
        assert result_ids(page) == ZARIF  # the page itself still works
        assert page.evaluate("window.PWNED === undefined")
        assert len(refused) >= 3, refused
    finally:
        if srv:
            srv.shutdown()


def test_other_pages_run_no_script(page: Page, injected_site):
    path = injected_site / "articles" / "000_45a8cd35f748c1ef.html"
    html = path.read_text("utf-8")
    path.write_text(html.replace("</main>", '<script src="../raw/x.txt"></script></main>', 1), "utf-8")
    page.goto(path.resolve().as_uri())
    assert page.evaluate("window.PWNED === undefined")


def test_index_files_are_fetched_over_http(page: Page, base_url_site):
    """Over http(s) search.js fetches its files and parses their JSON (from a folder it loads
    them as scripts: test_search_runs_from_http_and_from_a_folder)."""
    page.goto(f"{base_url_site}/search.html?q=ظریف")
    assert result_ids(page) == ZARIF
    kinds = page.evaluate("""performance.getEntriesByType('resource')
        .filter(e => /data\\/search\\/d\\//.test(e.name)).map(e => e.initiatorType)""")
    assert len(kinds) == len(ZARIF) and set(kinds) == {"fetch"}


def test_a_fetched_file_that_is_not_its_own_data_is_refused(page: Page, injected_site):
    """Over http the page parses what it fetched: a result file whose wrapper names another
    file (or is not a daftarData call) is an error, never data."""
    d = injected_site / "data" / "search" / "d"
    name = sorted(p for p in d.glob("*.js") if ".1." not in p.name)[0]
    original = name.read_text("utf-8")
    name.write_text(original.replace(f'daftarData("d/{name.stem}",', 'daftarData("d/999",', 1), "utf-8")
    base, srv = serve(injected_site)
    try:
        page.goto(f"{base}/search.html?q=ظریف")
        expect(page.locator("#search-results")).to_have_attribute("aria-busy", "false")
        expect(page.locator("#search-status")).not_to_be_empty()
        assert page.evaluate("window.PWNED") is None
        ids = page.locator("#search-results li").evaluate_all("els => els.map(e => e.dataset.id)")
        assert ids != ZARIF  # the page did not draw the result from the wrong file
    finally:
        srv.shutdown()
        name.write_text(original, "utf-8")
