"""Search at scale in Chromium: bytes before the first result and per-query latency, sharded vs
monolithic, over the 50 queries of tests/daftar_search/queries.json.

    python bench/bench_search.py N [--mono] [--work DIR]

N articles are generated (bench/generate_corpus.py) and read into records by the real pure
functions (bench/search_corpus.py). The search page is the real one: a Pelican build of the five
seeds gives search.html and the theme; its data/search/ is then replaced by the index of the N
articles (write_index), and its pinned bootstrap, CSP and filter options are rewritten for it.
``--mono`` also builds the monolithic baseline (one lunr.py index with positions and every
card's text in one script, as the site shipped before) and a page that runs the same query code
on it.

Bytes: every response the page received before its first result card was drawn (performance
mark "daftar-first-result"; the monolithic page: its results), each counted as its gzip size
at level 6 (WOFF2 as is), for each of the 50 queries loaded fresh (no cache). Latency: in one
page, after its first result, each of the 50 queries run in place (``daftarSearch.search``:
fetch what it needs, query, filter, fetch the result data, draw ten cards), timed in the page
twice: until the search is complete (a phrase of hub words is counted after its first results
are drawn, from every block) and until its first results are drawn (the same mark; a query with
no result: the end). Of the latter, the part after the index has ranked the results (mark
"daftar-ranked"): fetching the ten result files and drawing the cards.
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import functools
import json
import re
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT / "plugins", ROOT / "bench", ROOT / "tests"):
    sys.path.insert(0, str(p))

from search_corpus import gazetteer_names, records  # noqa: E402
from daftar_search.analysis import analyse, protected_names  # noqa: E402
from daftar_search.inputs import result_card, search_document  # noqa: E402
from daftar_search.pinning import bootstrap, csp_source  # noqa: E402
from daftar_search.writer import write_index  # noqa: E402

QUERIES = json.loads((ROOT / "tests" / "daftar_search" / "queries.json").read_text("utf-8"))["queries"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_page_site(site: Path) -> None:
    from support import build_site  # the real Pelican build of the five seeds
    build_site(site)


def install_index(site: Path, recs: list[dict]) -> dict:
    """Replace the site's data/search by the index of ``recs``; re-pin search.html for it."""
    protected = protected_names(gazetteer_names())
    t = time.process_time()
    analyses = [analyse(search_document(r), protected) for r in recs]
    t_analyse = time.process_time() - t
    t = time.process_time()
    summary = write_index(site / "data" / "search", analyses, [result_card(r) for r in recs],
                          [(r["id"], r["text"]) for r in recs], protected=protected)
    summary["write_cpu_s"] = round(time.process_time() - t, 1)
    summary["analyse_cpu_ms_per_doc"] = round(1000 * t_analyse / max(1, len(recs)), 2)
    html = (site / "search.html").read_text("utf-8")
    old = html.split("<script>", 1)[1].split("</script>", 1)[0]
    script = bootstrap(ROOT / "themes" / "daftar" / "static",
                       manifest=(site / "data" / "search" / "manifest.js").read_bytes())
    html = html.replace(old, script).replace(csp_source(old), csp_source(script))
    from markupsafe import escape
    outlets = "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in summary["facets"]["outlets"])
    ents = "".join(f'<option value="{escape(e)}">{escape(e)}</option>' for e in summary["facets"]["entities"])
    html = re.sub(r'(<select id="f-outlet" name="outlet">\s*<option value="">[^<]*</option>).*?(</select>)',
                  lambda m: m.group(1) + outlets + m.group(2), html, flags=re.S)
    html = re.sub(r'(<select id="f-entity" name="entity">\s*<option value="">[^<]*</option>).*?(</select>)',
                  lambda m: m.group(1) + ents + m.group(2), html, flags=re.S)
    (site / "search.html").write_text(html, "utf-8")
    return summary


MONO_JS = """
(function () {
  var data = window.DAFTAR_SEARCH, N = daftarNormalise, S = daftarStem, D = daftarIndex;
  N.configure(data.text); N.register(lunr); S.register(lunr, data.stem, data.protected);
  var idx = lunr.Index.load(data.index), cards = {};
  data.docs.forEach(function (d) { cards[d.id] = d; });
  function keep(c, f) {
    var year = c.date ? +c.date.slice(0, 4) : null;
    if (f.lang && c.lang !== f.lang) return false;
    if ((f.from || f.to) && year === null) return false;
    if (f.from && year < +f.from) return false;
    if (f.to && year > +f.to) return false;
    if (f.outlet && c.outlet !== f.outlet) return false;
    if (f.entity && (c.entities || []).indexOf(f.entity) < 0) return false;
    return true;
  }
  var list = document.getElementById("search-results");
  window.daftarSearch = { search: function (f) {
    var parts = D.parse(f.q || "", N.tokenize);
    var rs = parts.length ? D.run(lunr, idx, parts, S.stem, D.matchDataPositions(S.stem)) : [];
    rs = rs.filter(function (r) { return keep(cards[r.ref], f); });
    if (f.sort === "date") rs.sort(function (a, b) {
      var da = cards[a.ref].date || "", db = cards[b.ref].date || "";
      return da === db ? 0 : (!da ? 1 : (!db ? -1 : (da < db ? 1 : -1))); });
    while (list.firstChild) list.removeChild(list.firstChild);
    rs.slice(0, 10).forEach(function (r) {
      var li = document.createElement("li"); li.dataset.id = r.ref; li.textContent = cards[r.ref].title;
      list.appendChild(li); });
    return Promise.resolve({ ids: rs.slice(0, 10).map(function (r) { return r.ref; }), total: rs.length });
  } };
  var q = Object.fromEntries(new URLSearchParams(location.search));
  window.daftarSearch.search(q);
  performance.mark("daftar-first-result");
  list.setAttribute("aria-busy", "false");
})();
"""


def install_mono(site: Path, recs: list[dict]) -> None:
    from daftar_search.index import build_index
    from daftar_text import tables
    from daftar_text.stem import rules
    protected = protected_names(gazetteer_names())
    idx = build_index([search_document(r) for r in recs], protected)
    docs = [dict(result_card(r), text=(r.get("text") or "")[:6000]) for r in recs]
    payload = json.dumps({"index": idx, "docs": docs, "stem": rules(), "protected": sorted(protected),
                          "text": tables.for_js()}, ensure_ascii=False, separators=(",", ":"))
    (site / "data" / "search-index.js").write_text("window.DAFTAR_SEARCH=" + payload + ";\n", "utf-8")
    (site / "mono.js").write_text(MONO_JS, "utf-8")
    html = (site / "search.html").read_text("utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    scripts = "".join(f'<script src="{s}"></script>' for s in [
        "theme/js/vendor/lunr-2.3.9.min.js", "theme/js/daftar-normalise.js", "theme/js/daftar-stem.js",
        "theme/js/daftar-index.js", "data/search-index.js", "mono.js"])
    html = re.sub(r"<script>.*?</script>", lambda m: scripts, html, flags=re.S)
    (site / "mono.html").write_text(html, "utf-8")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def gz_size(site: Path, url: str, base: str) -> int:
    path = site / unquote(urlsplit(url[len(base):]).path).lstrip("/")
    if not path.is_file():
        return 0
    data = path.read_bytes()
    return len(data) if path.suffix == ".woff2" else len(gzip.compress(data, 6, mtime=0))


FIRST_RESULT = """() => new Promise(res => {
  const done = () => {
    const m = performance.getEntriesByName('daftar-first-result')[0];
    const busy = document.getElementById('search-results').getAttribute('aria-busy');
    if (busy === 'false' && (m || document.getElementById('search-status').textContent)) {
      const t = m ? m.startTime : performance.now();
      res({t: t, urls: [location.href].concat(performance.getEntriesByType('resource')
             .filter(e => e.startTime <= t).map(e => e.name))});
    } else setTimeout(done, 20);
  };
  done();
})"""


def measure(site: Path, page_name: str) -> dict:
    from playwright.sync_api import sync_playwright
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    bytes_before, first_ms = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for q in QUERIES:
                ctx = browser.new_context()
                page = ctx.new_page()
                page.goto(f"{base}/{page_name}?{urlencode(q)}", timeout=600_000)
                r = page.evaluate(FIRST_RESULT)
                bytes_before.append(sum(gz_size(site, u, base) for u in dict.fromkeys(r["urls"])))
                first_ms.append(r["t"])
                print(f"{page_name} {json.dumps(q, ensure_ascii=False)}: {bytes_before[-1]} bytes",
                      file=sys.stderr, flush=True)
                ctx.close()
            page = browser.new_page()
            page.goto(f"{base}/{page_name}?q=" + "ظریف", timeout=600_000)
            page.evaluate(FIRST_RESULT)
            times, drawn, cards = [], [], []
            # one query at a time, timed in the page; 60 s bounds a stuck one. Two times: until
            # the first results are drawn (the page's performance mark; the empty state: the end),
            # and until the search is complete (a phrase of hub words is counted after its first
            # results are drawn)
            for q in QUERIES:
                ms = page.evaluate("""async (q) => { const t = performance.now();
                    const r = await Promise.race([window.daftarSearch.search(q),
                                                  new Promise(res => setTimeout(() => res("stuck"), 60000))]);
                    if (r === "stuck") return null;
                    const done = performance.now() - t;
                    const marks = performance.getEntriesByName('daftar-first-result').filter(m => m.startTime >= t);
                    const ranked = performance.getEntriesByName('daftar-ranked').filter(m => m.startTime >= t);
                    return [done, marks.length ? marks[marks.length - 1].startTime - t : done,
                            marks.length && ranked.length ? marks[marks.length - 1].startTime - ranked[ranked.length - 1].startTime : null]; }""", q)
                if ms is None:
                    raise RuntimeError(f"{page_name}: query {q} did not finish in 60 s")
                times.append(ms[0])
                drawn.append(ms[1])
                if ms[2] is not None:
                    cards.append(ms[2])
            browser.close()
    finally:
        srv.shutdown()
    times.sort()
    drawn.sort()
    cards.sort()
    return {"drawn_p50_ms": statistics.median(drawn), "drawn_p95_ms": drawn[int(0.95 * (len(drawn) - 1))],
            "cards_p50_ms": statistics.median(cards) if cards else 0.0,
            "cards_p95_ms": cards[int(0.95 * (len(cards) - 1))] if cards else 0.0,
            "drawn_max_ms": drawn[-1],"bytes_max": max(bytes_before), "bytes_median": statistics.median(bytes_before),
            "bytes_p95": sorted(bytes_before)[int(0.95 * (len(bytes_before) - 1))],
            "first_result_ms_median": statistics.median(first_ms),
            "p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))],
            "max_ms": times[-1], "per_query_bytes": bytes_before}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--mono", action="store_true")
    ap.add_argument("--work", type=Path)
    args = ap.parse_args()
    work = args.work or Path(f"/tmp/daftar-bench-search-{args.n}")
    work.mkdir(parents=True, exist_ok=True)
    recs = records(args.n, work)
    site = work / "site"
    if site.exists():
        shutil.rmtree(site)
    build_page_site(site)
    summary = install_index(site, recs)
    rows = [("sharded", measure(site, "search.html"))]
    if args.mono:
        install_mono(site, recs)
        rows.append(("monolithic", measure(site, "mono.html")))
    print(json.dumps({"n": args.n, "index": {k: v for k, v in summary.items() if k != "facets"},
                      **{name: {k: v for k, v in r.items() if k != "per_query_bytes"} for name, r in rows}},
                     ensure_ascii=False))
    print(f"\n| N | index | bytes before first result (gzip): median / p95 / max | first result (median) "
          f"| in-page query p50 / p95 / max | in-page, to the results drawn: p50 / p95 / max "
          f"| of which the result files and cards: p50 / p95 |")
    print("|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(f"| {args.n:,} | {name} | {r['bytes_median'] / 1024:.0f} / {r['bytes_p95'] / 1024:.0f} / {r['bytes_max'] / 1024:.0f} KB "
              f"| {r['first_result_ms_median']:.0f} ms | {r['p50_ms']:.1f} / {r['p95_ms']:.1f} / {r['max_ms']:.1f} ms "
              f"| {r['drawn_p50_ms']:.1f} / {r['drawn_p95_ms']:.1f} / {r['drawn_max_ms']:.1f} ms "
              f"| {r['cards_p50_ms']:.1f} / {r['cards_p95_ms']:.1f} ms |")
    for name, r in rows:
        worst = sorted(zip(r["per_query_bytes"], QUERIES), key=lambda x: -x[0])[:5]
        print(f"\n{name}: largest first loads: " + "; ".join(f"{json.dumps(q, ensure_ascii=False)} {b / 1024:.0f} KB" for b, q in worst))


if __name__ == "__main__":
    main()
