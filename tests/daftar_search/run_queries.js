/* Runs the query list on a monolithic lunr index (lunr.py's Builder output, loaded with
 * lunr.Index.load) and on the sharded files of data/search/, with lunr.js 2.3.9 in node, and
 * prints both rankings. Used by tests/daftar_search/test_equivalence.py.
 *
 * stdin: {"js": theme js dir, "mono": path of the serialised index, "cards": path of the cards
 *         (JSON list), "search": data/search dir, "queries": [...], "top": 10}
 * The monolithic side filters and sorts on the cards with the search page's former code (the
 * reference); the sharded side is the search page's call, Sharded.search, which ranks only the
 * top `top` (fetching a hub term's blocks only as far as they need). */
"use strict";
const fs = require("fs");
const path = require("path");
const inp = JSON.parse(fs.readFileSync(0, "utf8"));
const lunr = require(path.join(inp.js, "vendor", "lunr-2.3.9.min.js"));
const N = require(path.join(inp.js, "daftar-normalise.js"));
const S = require(path.join(inp.js, "daftar-stem.js"));
const D = require(path.join(inp.js, "daftar-index.js"));

function data(name) {
  const text = fs.readFileSync(path.join(inp.search, name + ".js"), "utf8");
  const m = /^daftarData\("([^"]*)",([\s\S]*)\);\n$/.exec(text);
  if (!m || m[1] !== name) throw new Error("bad data file " + name);
  return JSON.parse(m[2]);
}

const manifest = data("manifest");
N.configure(manifest.text);
N.register(lunr);
S.register(lunr, manifest.stem, manifest.protected);
const stem = S.stem;
lunr.utils.warn = function () {};
const mono = lunr.Index.load(JSON.parse(fs.readFileSync(inp.mono, "utf8")));
const cards = {};
JSON.parse(fs.readFileSync(inp.cards, "utf8")).forEach(function (c) { cards[c.id] = c; });

/* the former search.js filter and sort, over the cards (the reference semantics) */
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
function monoSearch(q) {
  const parts = D.parse(q.q, N.tokenize);
  let results = parts.length ? D.run(lunr, mono, parts, stem, D.matchDataPositions(stem)) : [];
  results = results.filter(function (r) { return cards[r.ref] && keep(cards[r.ref], q); });
  if (q.sort === "date") {
    results.sort(function (a, b) {
      var da = cards[a.ref].date || "", db = cards[b.ref].date || "";
      return da === db ? 0 : (!da ? 1 : (!db ? -1 : (da < db ? 1 : -1)));
    });
  }
  return results;
}

/* the sharded side: the search page's own call (Sharded.search), each query on a fresh index so
 * that the files it loads are its own */
async function shardSearch(q, top) {
  const files = [];
  const sharded = new D.Sharded(lunr, manifest, function (name) { files.push(name); return Promise.resolve(data(name)); });
  const parts = D.parse(q.q, N.tokenize);
  if (!parts.length) return { results: [], total: 0, files: files };
  const loaded = {};
  D.filterNeeds(manifest, q).forEach(function (n) { loaded[n] = data(n); files.push(n); });
  const res = await sharded.search(parts, stem, q, top, loaded);
  const before = files.slice();  /* what the first results cost */
  /* a phrase of hub words is counted after its first results, as the page does */
  const total = res.total === null ? (await sharded.search(parts, stem, q, Infinity, loaded)).total : res.total;
  return { results: res.results, total: total, files: before, counted: res.total === null };
}

(async function () {
  const out = [];
  for (const q of inp.queries) {
    const m = monoSearch(q);
    const top = inp.top || 10;
    const s = await shardSearch(q, top);
    out.push({
      q: q,
      mono: m.slice(0, top).map(function (r) { return [r.ref, r.score]; }),
      monoCount: m.length,
      sharded: s.results.slice(0, top).map(function (r) { return [data("d/" + r.ref).id, r.score]; }),
      shardedCount: s.total,
      files: s.files,
      countedAfter: !!s.counted
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch(function (e) { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
