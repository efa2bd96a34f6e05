/* Daftar sharded search index: a partial lunr.Index assembled from the files that
 * plugins/daftar_search/writer.py writes under data/search/, plus the query code that the search
 * page (search.js) and the equivalence test (tests/daftar_search) share.
 *
 * lunr.js 2.3.9 scores a document field as dot(query vector, field vector) / |query vector|, and
 * the dot product reads only the field vector's entries for the query's own terms. So an index
 * holding, for the query's terms, their postings and field-vector entries (with the global term
 * numbers) returns the same documents with the same scores as the whole index. Terms live in
 * shards (contiguous ranges of the sorted vocabulary); a word needs the shard of its folded form
 * and of its stem, a prefix the run of shards that covers it. Positions (for phrases) are in
 * parallel files fetched only for phrase words. Document refs are document numbers ("ranks",
 * documents numbered by sorted id), which keeps lunr's order of equal scores.
 *
 * Works in browsers and in node: the loader is a function(name) -> Promise(data). */
(function (root) {
  "use strict";

  /* ---- query parsing and lunr query construction (shared by every index kind) ---- */

  /* Words, prefix words (word*) and phrases ("a b"), folded by tokenize. */
  function parse(q, tokenize) {
    var parts = [], re = /"([^"]+)"|(\S+)/g, m;
    while ((m = re.exec(q))) {
      if (m[1]) { var toks = tokenize(m[1]); if (toks.length) parts.push({ phrase: toks }); }
      else {
        var prefix = /\*$/.test(m[2]);
        tokenize(m[2]).forEach(function (t) { parts.push({ term: t, prefix: prefix }); });
      }
    }
    return parts;
  }

  /* Run the parts on a lunr.Index: each word must match as written or by its stem (as written
   * ranks higher), a prefix must match, a phrase's words must follow each other.
   * positionsOf(result, word, field) -> [[start, length], ...]. */
  function run(lunr, idx, parts, stem, positionsOf) {
    var results = idx.query(clauses(lunr, parts, stem));
    var phrases = parts.filter(function (p) { return p.phrase && p.phrase.length > 1; });
    if (!phrases.length) return results;
    return results.filter(function (r) {
      return phrases.every(function (p) { return hasPhrase(r, p.phrase, stem, positionsOf); });
    });
  }

  /* The lunr query of the parts, as a function(query) for lunr.Index.query. */
  function clauses(lunr, parts, stem) {
    var REQ = lunr.Query.presence.REQUIRED;
    return function (query) {
      parts.forEach(function (p) {
        (p.phrase || [p.term]).forEach(function (t) {
          if (p.prefix) { query.term(t, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, presence: REQ }); return; }
          var s = stem(t);
          if (s !== t) {
            query.term(s, { usePipeline: false, presence: REQ, boost: 1 });
            query.term(t, { usePipeline: false, boost: 10 });
          } else {
            query.term(t, { usePipeline: false, presence: REQ, boost: 10 });
          }
        });
      });
    };
  }

  /* A phrase matches when each word starts 1-3 characters after the previous one ends, in the
   * title, the lead or the text. */
  function hasPhrase(r, words, stem, positionsOf) {
    return ["title", "lead", "text"].some(function (field) {
      var starts = positionsOf(r, words[0], field);
      return starts.some(function (p) {
        var end = p[0] + p[1];
        for (var i = 1; i < words.length; i++) {
          var next = positionsOf(r, words[i], field).filter(function (q) { return q[0] > end && q[0] - end <= 3; });
          if (!next.length) return false;
          end = next[0][0] + next[0][1];
        }
        return true;
      });
    });
  }

  /* Positions of a word (as written or by its stem) from a result's lunr match data: for an
   * index that keeps lunr's position metadata (the monolithic reference). */
  function matchDataPositions(stem) {
    return function (r, word, field) {
      var out = [], md = r.matchData.metadata;
      [word, stem(word)].forEach(function (k) {
        if (md[k] && md[k][field] && md[k][field].position) out = out.concat(md[k][field].position);
      });
      return out;
    };
  }

  /* Positions of the pieces of a text that hold a word (as written or by its stem), computed
   * as lunr.py's tokenizer and our pipeline index it: pieces between lunr.py's separators of
   * the lower-cased text, each folded into tokens, each token with its stem. */
  var pieceCache = new Map();  /* piece -> its index terms (folding and stemming are the cost) */
  function textPositions(text, separators, tokenize, stem) {
    var s = String(text).toLowerCase(), byTerm = Object.create(null), start = -1;
    function piece(a, b) {
      var str = s.slice(a, b), keys = pieceCache.get(str);
      if (!keys) {
        keys = [];
        tokenize(str).forEach(function (tok) {
          var st = stem(tok);
          keys.push(tok);
          if (st !== tok) keys.push(st);
        });
        if (pieceCache.size > 100000) pieceCache.clear();
        pieceCache.set(str, keys);
      }
      for (var i = 0; i < keys.length; i++) (byTerm[keys[i]] || (byTerm[keys[i]] = [])).push([a, b - a]);
    }
    for (var i = 0; i <= s.length; i++) {
      var sep = i === s.length || separators.indexOf(s[i]) >= 0;
      if (sep) { if (start >= 0) { piece(start, i); start = -1; } }
      else if (start < 0) start = i;
    }
    return function (word) {
      var out = [];
      [word, stem(word)].forEach(function (k) { if (byTerm[k]) out = out.concat(byTerm[k]); });
      return out;
    };
  }

  /* ---- the sharded index ---- */

  /* Number lists written by writer.varint: base 32, lowest digit first, digits 32-63 continue. */
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", VALUE = {};
  for (var di = 0; di < DIGITS.length; di++) VALUE[DIGITS.charCodeAt(di)] = di;
  function decode(str) {
    var out = [], n = 0, scale = 1;
    if (!str) return out;
    for (var i = 0; i < str.length; i++) {
      var v = VALUE[str.charCodeAt(i)];
      if (v >= 32) { n += (v - 32) * scale; scale *= 32; }
      else { out.push(n + v * scale); n = 0; scale = 1; }
    }
    return out;
  }

  function Sharded(lunr, manifest, load) {
    this.lunr = lunr;
    this.m = manifest;
    this.load = load;
    this.keys = manifest.shards.keys;
    this.inverted = Object.create(null);
    this.vectors = Object.create(null);
    this.positions = Object.create(null);
    this.loaded = Object.create(null);
    this.posLoaded = Object.create(null);
    this.pending = Object.create(null);
    this.shardTerms = Object.create(null);
    this.full = Object.create(null);   /* term -> {rank: W} of a term whose postings are all here */
    this.hub = Object.create(null);    /* hub term -> {tix, info, got (blocks here), W, member (block index)} */
    this.dirty = true;
    this.idx = null;
  }

  /* The shard whose range holds a term: the last key <= term. */
  Sharded.prototype.shardOf = function (term) {
    var lo = 0, hi = this.keys.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.keys[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  /* The run of shards holding every term that starts with prefix. */
  Sharded.prototype.prefixShards = function (prefix) {
    var i = this.shardOf(prefix), out = [i];
    for (var j = i + 1; j < this.keys.length && this.keys[j].slice(0, prefix.length) === prefix; j++) out.push(j);
    return out;
  };

  /* What a query needs: term shards, position shards (phrase words), and for each prefix its
   * shards, their gzip bytes and term count (the page refuses a prefix that is too wide). */
  Sharded.prototype.plan = function (parts, stem) {
    var self = this, shards = Object.create(null), pos = Object.create(null), prefixes = [];
    parts.forEach(function (p) {
      (p.phrase || [p.term]).forEach(function (t) {
        if (p.prefix) {
          var run = self.prefixShards(t), bytes = 0, terms = 0;
          run.forEach(function (s) { bytes += self.m.shards.bytes[s]; terms += self.m.shards.terms[s]; });
          prefixes.push({ prefix: t, shards: run, bytes: bytes, terms: terms });
          run.forEach(function (s) { shards[s] = true; });
          return;
        }
        [t, stem(t)].forEach(function (k) {
          var s = self.shardOf(k);
          shards[s] = true;
          if (p.phrase && p.phrase.length > 1) pos[s] = true;
        });
      });
    });
    return { shards: Object.keys(shards).map(Number), positions: Object.keys(pos).map(Number), prefixes: prefixes };
  };

  Sharded.prototype._once = function (name, merge) {
    var self = this;
    if (!self.pending[name]) {
      self.pending[name] = self.load(name).then(function (data) { merge.call(self, data); });
      self.pending[name].catch(function () { delete self.pending[name]; });
    }
    return self.pending[name];
  };

  /* Fetch and merge the term shards and position shards of a plan. */
  Sharded.prototype.fetch = function (plan) {
    var self = this, jobs = [];
    plan.shards.forEach(function (s) {
      jobs.push(self._once("s/" + s, function (entries) { this._mergeTerms(s, entries); }));
    });
    plan.positions.forEach(function (s) { jobs.push(self._once("p/" + s, self._mergePositions)); });
    return Promise.all(jobs);
  };

  Sharded.prototype._mergeTerms = function (s, entries) {
    var fields = this.m.fields, lunr = this.lunr;
    this.shardTerms[s] = entries.map(function (e) { return e[0]; });
    for (var e = 0; e < entries.length; e++) {
      var ent = entries[e], term = ent[0], tix = ent[1];
      if (this.inverted[term]) continue;
      var posting = { _index: tix }, W = Object.create(null);
      for (var f = 0; f < fields.length; f++) posting[fields[f]] = {};
      this.inverted[term] = posting;
      if (ent.length === 3 && ent[2] && typeof ent[2] === "object") {  /* a hub term: block 0 */
        var h = this.hub[term] = { tix: tix, info: ent[2], got: new Uint8Array(ent[2].n.length),
                                   W: new Int32Array(this.m.documents).fill(-1), member: null,
                                   fw: fields.map(function () { return new Int32Array(this.m.documents); }, this),
                                   made: new Uint8Array(this.m.documents) };
        this._mergeBlock(h, ent[2].b, 0);
        continue;
      }
      for (f = 0; f < fields.length; f++) {
        var name = fields[f], flat = decode(ent[2 + f]), docs = posting[name];
        for (var k = 0, r = 0; k < flat.length; k += 2) {
          r += flat[k];
          docs[r] = {};
          W[r] = (W[r] || 0) + flat[k + 1];
          this._vector(name, r).insert(tix, flat[k + 1] / 1000);
        }
      }
      this.full[term] = W;
    }
    this.dirty = true;
  };

  Sharded.prototype._vector = function (field, r) {
    var ref = field + "/" + r, v = this.vectors[ref];
    if (!v) v = this.vectors[ref] = new this.lunr.Vector([]);
    return v;
  };

  /* Block i of a hub term: rankDelta, field mask, the weight in each field of the mask. The
   * weights go into typed arrays (h.fw[field][rank] = weight + 1, 0 where the field does not
   * hold the term; h.W[rank] their sum): the top k needs only W, and a lunr posting and
   * field-vector entry is made (_make) only for the documents lunr scores. */
  Sharded.prototype._mergeBlock = function (h, enc, i) {
    var fields = this.m.fields, flat = decode(enc), r = 0;
    if (i === 0) h.head = [];
    for (var k = 0; k < flat.length;) {
      r += flat[k];
      if (i === 0) h.head.push(r);
      var mask = flat[k + 1], sum = 0;
      k += 2;
      for (var f = 0; f < fields.length; f++) {
        if (!(mask & (1 << f))) continue;
        var w = flat[k++];
        h.fw[f][r] = w + 1;
        sum += w;
      }
      h.W[r] = sum;
    }
    h.got[i] = 1;
  };

  /* The lunr postings and field-vector entries of a hub term in the documents of docs (ranks;
   * null: every document whose weights are loaded), once each. */
  Sharded.prototype._make = function (term, docs) {
    var h = this.hub[term], fields = this.m.fields, posting = this.inverted[term], N = this.m.documents;
    function make(d) {
      if (h.made[d] || h.W[d] < 0) return;
      h.made[d] = 1;
      for (var f = 0; f < fields.length; f++) {
        var w = h.fw[f][d];
        if (!w) continue;
        posting[fields[f]][d] = {};
        this._vector(fields[f], d).insert(h.tix, (w - 1) / 1000);
      }
    }
    if (docs) for (var j = 0; j < docs.length; j++) make.call(this, docs[j]);
    else for (var d = 0; d < N; d++) make.call(this, d);
  };

  /* Load block i of a hub term (h/<termIndex>.<i>), once; with pos, the positions of its
   * documents too (q/<termIndex>.<i>), so a document whose postings are here has its
   * positions here. */
  Sharded.prototype._block = function (term, i, pos) {
    var h = this.hub[term], self = this;
    var jobs = [h.got[i] ? Promise.resolve() : this._once("h/" + h.tix + "." + i, function (enc) {
      if (!h.got[i]) self._mergeBlock(h, enc, i);
    })];
    if (pos) jobs.push(this._blockPositions(term, i));
    return Promise.all(jobs);
  };

  /* The positions of block i of a hub term (q/<termIndex>.<i>), once. */
  Sharded.prototype._blockPositions = function (term, i) {
    var h = this.hub[term];
    return this._once("q/" + h.tix + "." + i, function (fieldsEnc) {
      var byField = this.positions[term] || (this.positions[term] = {});
      this._mergeFieldPositions(byField, fieldsEnc);
    });
  };

  /* The positions of every loaded block of the hub terms in pos (block 0 is in the shard). */
  Sharded.prototype._loadedPositions = function (pos) {
    var self = this, jobs = [];
    pos.forEach(function (t) {
      var got = self.hub[t].got;
      for (var i = 0; i < got.length; i++) if (got[i]) jobs.push(self._blockPositions(t, i));
    });
    return Promise.all(jobs);
  };

  /* Every block of the hub terms, with their positions for the terms in pos (the date order
   * reads every result). */
  Sharded.prototype._allBlocks = function (terms, pos) {
    var self = this;
    return this._loadedPositions(pos).then(function () {
      var jobs = [];
      terms.forEach(function (t) {
        var p = pos.indexOf(t) >= 0, got = self.hub[t].got;
        for (var i = 0; i < got.length; i++) if (!got[i]) jobs.push(self._block(t, i, p));
      });
      return Promise.all(jobs);
    });
  };

  /* The documents holding a hub term, each with its block (m/<termIndex>: the documents holding
   * it, or those not holding it; the documents of each block between the first and the last):
   * a Uint8Array over the ranks, 0 where the term is not held, else the number of the block + 1. */
  Sharded.prototype._member = function (term) {
    var h = this.hub[term], N = this.m.documents, last = h.info.n.length;
    return this._once("m/" + h.tix, function (data) {
      var where = new Uint8Array(N), list = decode(data[1]), i, r = 0;
      if (data[0] === 1) {
        where.fill(last);
        for (i = 0; i < list.length; i++) { r += list[i]; where[r] = 0; }
      } else for (i = 0; i < list.length; i++) { r += list[i]; where[r] = last; }
      data[2].forEach(function (enc, b) {  /* block b + 1 */
        var ranks = decode(enc);
        for (var j = 0, x = 0; j < ranks.length; j++) { x += ranks[j]; where[x] = b + 2; }
      });
      h.head.forEach(function (x) { where[x] = 1; });
      h.member = where;
    });
  };

  /* The query's terms as lunr expands them on this index, each with its boost (summed over the
   * clauses that hold it, as lunr's query vector does), and the required clauses' terms. */
  Sharded.prototype._terms = function (idx, parts, stem) {
    var lunr = this.lunr, query = new lunr.Query(this.m.fields), boost = Object.create(null), required = [];
    clauses(lunr, parts, stem)(query);
    query.clauses.forEach(function (c) {
      var exp = idx.tokenSet.intersect(lunr.TokenSet.fromClause(c)).toArray();
      exp.forEach(function (t) { boost[t] = (boost[t] || 0) + c.boost; });
      if (c.presence === lunr.Query.presence.REQUIRED) required.push(exp);
    });
    return { boost: boost, required: required };
  };

  /* Search: {results, total, unfiltered}. results are the first k of the filtered, sorted
   * results, exactly as one whole lunr index ranks them (with lunr's scores); total counts them
   * all, unfiltered before the filters. columns: the loaded filter columns (filterNeeds).
   *
   * A query without hub terms runs lunr on the merged postings, as before. A query with hub
   * terms (words in most articles) fetches only the blocks its top k need: the set of results
   * is exact from the terms' block indexes (m/: which documents hold the term, and in which
   * block); a result's score is a sum over the query's terms of boost × W (the term's field
   * weights in that document); a document whose W is not loaded for a term it holds has at most
   * the largest W of its own block of that term. While the document with the highest such bound
   * is not complete, the smallest of its blocks not yet here is read (it completes that
   * document and every other one in the block). When k documents have every W loaded and no
   * other result's bound reaches the k-th of them, those k are the top k, and lunr
   * on an index of their own postings (subIndex) gives them their exact scores and order (the dot product reads only
   * the query's terms, all loaded for them; lunr orders equal scores by document number). Bounds
   * are compared as integers (W are thousandths), so rounding cannot reorder them.
   *
   * A phrase is ranked the same way: its hub words' blocks come with their positions (q/), so a
   * document whose every W is loaded can be checked, and is dropped from the results when the
   * phrase is not in it. Which of the others hold the phrase is not known until their blocks
   * are read, so total and unfiltered are null then: search(..., Infinity, ...) reads every
   * block and counts (the page does so after drawing the first results). The date order needs
   * the scores of the results on the dates of its first k only (equal dates keep lunr's order):
   * it reads their blocks; with a phrase, every block. */
  Sharded.prototype.search = function (parts, stem, f, k, columns) {
    var self = this, m = this.m, lunr = this.lunr, plan = this.plan(parts, stem);
    var words = Object.create(null);
    parts.forEach(function (p) {
      if (p.phrase && p.phrase.length > 1) p.phrase.forEach(function (t) { words[t] = words[stem(t)] = true; });
    });
    function exact() {
      var all = run(lunr, self.index(plan), parts, stem, self.positionsOf(stem));
      var kept = filterSort(m, all, f, columns);
      return { results: kept, total: kept.length, unfiltered: all.length };
    }
    return this.fetch(plan).then(function () {
      var q = self._terms(self.index(plan), parts, stem);
      var hubs = Object.keys(q.boost).filter(function (t) { return self.hub[t]; });
      var pos = hubs.filter(function (t) { return words[t]; });
      if (!hubs.length) return exact();
      if (pos.length && (f.sort === "date" || k === Infinity)) {
        return self._allBlocks(hubs, pos).then(function () {
          hubs.forEach(function (t) { self._make(t, null); });
          return exact();
        });
      }
      var jobs = hubs.map(function (t) { return self._member(t); });
      jobs.push(self._loadedPositions(pos));
      return Promise.all(jobs).then(function () {
        return self._topk(plan, parts, stem, f, k, columns, q, pos, exact);
      });
    });
  };

  Sharded.prototype._topk = function (plan, parts, stem, f, k, columns, q, pos, exact) {
    var self = this, m = this.m, lunr = this.lunr, N = m.documents, d, i;
    var phrases = parts.filter(function (p) { return p.phrase && p.phrase.length > 1; });
    var positionsOf = this.positionsOf(stem), posOf = Object.create(null);
    pos.forEach(function (t) { posOf[t] = true; });
    var R = new Uint8Array(N).fill(1);
    function holds(t, set) {
      var h = self.hub[t];
      if (h) { for (var x = 0; x < N; x++) if (h.member[x]) set[x] = 1; return; }
      var W = self.full[t];
      for (var r in W) set[r] = 1;
    }
    q.required.forEach(function (g) {
      var set = new Uint8Array(N);
      g.forEach(function (t) { holds(t, set); });
      for (var x = 0; x < N; x++) R[x] &= set[x];
    });
    var unfiltered = 0, total = 0, pass = passes(m, f, columns);
    for (d = 0; d < N; d++) {
      if (!R[d]) continue;
      unfiltered++;
      if (pass(d)) total++; else R[d] = 0;
    }
    var need = Math.min(k, total), terms = Object.keys(q.boost);
    if (phrases.length) {  /* which candidates hold the phrase is known once their blocks are read */
      total = total ? null : 0;
      unfiltered = unfiltered ? null : 0;
    }
    var checked = new Uint8Array(N);  /* a phrase found in a document whose blocks are all here */
    var boosts = terms.map(function (t) { return q.boost[t]; });
    var known = terms.map(function (t) {   /* per term: W by rank, -1 where held but not loaded */
      if (self.hub[t]) return self.hub[t].W;
      var a = new Int32Array(N), W = self.full[t];
      for (var r in W) a[r] = W[r];
      return a;
    });
    var member = terms.map(function (t) { return self.hub[t] ? self.hub[t].member : null; });
    var maxW = terms.map(function (t) { return self.hub[t] ? self.hub[t].info.w : null; });
    var must = null;  /* the date order: the results on the dates of the first k, newest first */
    if (f.sort === "date") {
      var date = columns["c/date"];
      must = [];
      for (d = 0; d < N; d++) if (R[d]) must.push(d);
      must.sort(function (a, b) { return date[b] - date[a] || a - b; });
      if (must.length > need) {
        var D = date[must[need - 1]];
        must = must.filter(function (x) { return date[x] >= D; });
      }
    }
    /* the smallest block of document x a term's W is not loaded from; [-1] when x is complete */
    function missing(x) {
      var best = -1, block = Infinity;
      for (var j = 0; j < terms.length; j++) {
        if (known[j][x] >= 0 || !member[j][x] || member[j][x] - 1 >= block) continue;
        best = j;
        block = member[j][x] - 1;
      }
      return [best, block];
    }
    /* lunr's scores and order for the documents in keep (all complete, and among them the top
     * k): on an index of their postings only, which scores them as the whole one does (a
     * document's score reads only its own vectors; equal scores stay in document order). */
    function finish(keep) {
      var all = run(lunr, self.subIndex(terms, keep), parts, stem, positionsOf);
      var kept = filterSort(m, all, f, columns).slice(0, need);
      return { results: kept, total: total, unfiltered: unfiltered };
    }
    function step() {
      if (need === 0) return { results: [], total: total, unfiltered: unfiltered };
      if (must) {  /* every block these results are in, at once */
        var all = Object.create(null), jobs = [];
        for (var x = 0; x < must.length; x++) {
          for (i = 0; i < terms.length; i++) {
            var b = member[i][must[x]];
            if (known[i][must[x]] >= 0 || !b || all[i + "." + b]) continue;
            all[i + "." + b] = true;
            jobs.push(self._block(terms[i], b - 1, posOf[terms[i]]));
          }
        }
        return Promise.all(jobs).then(function () { return finish(must); });
      }
      var done = [], doneDocs = [], top = 0, topDoc = -1;
      for (d = 0; d < N; d++) {
        if (!R[d]) continue;
        var lo = 0, un = 0;
        for (i = 0; i < terms.length; i++) {
          var w = known[i][d];
          if (w >= 0) lo += boosts[i] * w;
          else if (member[i][d]) un += boosts[i] * maxW[i][member[i][d] - 1];
        }
        if (un === 0) {
          if (phrases.length && !checked[d]) {
            if (!phrases.every(function (p) { return hasPhrase({ ref: d }, p.phrase, stem, positionsOf); })) {
              R[d] = 0;  /* every block holding it is here, with its positions: not a result */
              continue;
            }
            checked[d] = 1;
          }
          done.push(lo);
          doneDocs.push(d);
        } else if (topDoc < 0 || lo + un > top) { top = lo + un; topDoc = d; }
      }
      /* the k-th best of the complete ones: lunr scores those at or above it (every result is
       * complete, or no incomplete one can reach it) */
      var L = done.length >= need ? done.slice().sort(function (a, b) { return b - a; })[need - 1] : -1;
      if (topDoc < 0 || (L >= 0 && top < L)) {
        return finish(done.length > need ? doneDocs.filter(function (x, j) { return done[j] >= L; }) : doneDocs);
      }
      var gap = missing(topDoc);  /* the smallest block the best bound still needs */
      return self._block(terms[gap[0]], gap[1], posOf[terms[gap[0]]]).then(step);
    }
    return step();
  };

  Sharded.prototype._mergePositions = function (entries) {
    for (var e = 0; e < entries.length; e++) {
      var byField = this.positions[entries[e][0]] || (this.positions[entries[e][0]] = {});
      this._mergeFieldPositions(byField, entries[e].slice(1));
    }
  };

  /* One term's positions, a varint string per position field (rankDelta, count, startDelta,
   * length, ...), merged into byField[field][rank]. */
  Sharded.prototype._mergeFieldPositions = function (byField, enc) {
    var fields = this.m.positionFields;
    for (var f = 0; f < fields.length; f++) {
      var flat = decode(enc[f]), docs = byField[fields[f]] || (byField[fields[f]] = {});
      for (var k = 0, r = 0; k < flat.length;) {
        r += flat[k];
        var n = flat[k + 1], list = [], at = 0;
        k += 2;
        for (var i = 0; i < n; i++, k += 2) { at += flat[k]; list.push([at, flat[k + 1]]); }
        docs[r] = list;
      }
    }
  };

  /* A lunr.Index for one plan: every posting and field-vector entry merged so far, and a token
   * set of the plan's shards' terms. That token set expands a query exactly as the whole
   * vocabulary would: a word's shard holds it, a prefix's run of shards holds every term that
   * starts with it, and no other shard holds such a term. Shards are sorted ranges, so their
   * term lists concatenated in shard order are sorted. */
  Sharded.prototype.index = function (plan) {
    var lunr = this.lunr, self = this, key = plan.shards.slice().sort(function (a, b) { return a - b; });
    var id = key.join(",");
    if (this.idx && this.idxKey === id && !this.dirty) return this.idx;
    var terms = [];
    key.forEach(function (s) { terms = terms.concat(self.shardTerms[s] || []); });
    this.idx = new lunr.Index({
      invertedIndex: this.inverted, fieldVectors: this.vectors,
      tokenSet: lunr.TokenSet.fromArray(terms),
      fields: this.m.fields, pipeline: lunr.Pipeline.load(this.m.pipeline)
    });
    this.idxKey = id;
    this.dirty = false;
    return this.idx;
  };

  /* A lunr.Index of the loaded postings of terms in the documents of keep (ranks) only. */
  Sharded.prototype.subIndex = function (terms, keep) {
    var lunr = this.lunr, fields = this.m.fields, inv = Object.create(null), vec = Object.create(null), self = this;
    terms.forEach(function (t) { if (self.hub[t]) self._make(t, keep); });
    terms.forEach(function (t) {
      var src = self.inverted[t];
      if (!src) return;
      var post = { _index: src._index };
      fields.forEach(function (fd) {
        var from = src[fd], to = {};
        keep.forEach(function (d) { if (from[d]) to[d] = from[d]; });
        post[fd] = to;
      });
      inv[t] = post;
    });
    keep.forEach(function (d) {
      fields.forEach(function (fd) { var v = self.vectors[fd + "/" + d]; if (v) vec[fd + "/" + d] = v; });
    });
    return new lunr.Index({
      invertedIndex: inv, fieldVectors: vec, tokenSet: lunr.TokenSet.fromArray(Object.keys(inv).sort()),
      fields: fields, pipeline: lunr.Pipeline.load(this.m.pipeline)
    });
  };

  /* positionsOf for run(): from the position shards. */
  Sharded.prototype.positionsOf = function (stem) {
    var pos = this.positions, keys = Object.create(null);  /* word -> [word, its stem] */
    return function (r, word, field) {
      var ks = keys[word] || (keys[word] = [word, stem(word)]), out = [];
      for (var i = 0; i < 2; i++) {
        var p = pos[ks[i]] && pos[ks[i]][field] && pos[ks[i]][field][r.ref];
        if (p) out = out.length ? out.concat(p) : p;
      }
      return out;
    };
  };

  /* ---- filters and sort, on per-document columns (c/<name>.js, e/<k>.js) ---- */

  /* The columns and entity lists a filter set needs: names to load. */
  function filterNeeds(m, f) {
    var need = [];
    if (f.lang) need.push("c/lang");
    if (f.from || f.to) need.push("c/year");
    if (f.outlet) need.push("c/outlet");
    if (f.sort === "date") need.push("c/date");
    if (f.entity) { var k = m.entities.indexOf(f.entity); if (k >= 0) need.push("e/" + k); }
    return need;
  }

  /* The filters as a test of a document number. data: name -> loaded column. */
  function passes(m, f, data) {
    var lang = f.lang ? m.langs.indexOf(f.lang) : -1;
    var outlet = f.outlet ? m.outlets.indexOf(f.outlet) : -1;
    var ents = null;
    if (f.entity) {
      ents = Object.create(null);
      var k = m.entities.indexOf(f.entity), list = k >= 0 ? decode(data["e/" + k]) : [];
      for (var i = 0, r = 0; i < list.length; i++) { r += list[i]; ents[r] = true; }
    }
    return function (d) {
      if (f.lang && data["c/lang"][d] !== lang) return false;
      if (f.from || f.to) {
        var year = data["c/year"][d];
        if (year === null) return false;
        if (f.from && year < +f.from) return false;
        if (f.to && year > +f.to) return false;
      }
      if (f.outlet && data["c/outlet"][d] !== outlet) return false;
      if (ents && !ents[d]) return false;
      return true;
    };
  }

  /* Keep the results that pass the filters, then sort (newest first, undated last, equal dates
   * in relevance order) when asked. data: name -> loaded column. */
  function filterSort(m, results, f, data) {
    var pass = passes(m, f, data);
    var out = results.filter(function (res) { return pass(+res.ref); });
    if (f.sort === "date") {
      var date = data["c/date"];
      out.sort(function (a, b) {
        var da = date[+a.ref], db = date[+b.ref];
        return da === db ? 0 : (da < 0 ? 1 : (db < 0 ? -1 : (da < db ? 1 : -1)));
      });
    }
    return out;
  }

  var api = { decode: decode, parse: parse, run: run, hasPhrase: hasPhrase, matchDataPositions: matchDataPositions,
              textPositions: textPositions, Sharded: Sharded, filterNeeds: filterNeeds, filterSort: filterSort,
              passes: passes };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.daftarIndex = api;
})(typeof self !== "undefined" ? self : this);
