/* Daftar search page: lunr.js over the sharded index that plugins/daftar_search writes
 * (data/search/, see daftar-index.js and writer.py).
 *
 * Each word is folded (daftar-normalise) and matched as written (boosted) or by its stem
 * (daftar-stem), so exact matches rank first; `word*` is a prefix search; "two words" is a
 * phrase. Only the shards a query needs are fetched, then the result data of the results shown
 * (ten at a time). Filters (language, years, outlet, entity) and the sort order live in the
 * URL, so any search can be linked and cited. Long queries, too many words, too short or too
 * wide prefixes and contradictory filters are explained on the page. Results, snippets and
 * <mark>s are built with DOM text nodes only: nothing from the index or the query is parsed as
 * HTML. Loaded by the page's pinned bootstrap (search.html), which also sets
 * window.daftarSearchConfig. URLs in the index are relative to the site root, where this page
 * lives. */
(function () {
  "use strict";
  var cfg = window.daftarSearchConfig;
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var form = document.getElementById("search-page-form");
  var more = document.getElementById("search-more");
  var lunr = window.lunr, N = window.daftarNormalise, S = window.daftarStem, D = window.daftarIndex;
  if (!cfg || !list || !status || !lunr || !N || !S || !D) return;
  if (window.daftarSearchRunning) return;  /* once a page, however often the file is loaded */
  window.daftarSearchRunning = true;
  var msg = list.dataset;

  /* ---- data files: daftarData(name, obj), fetched over http(s), scripts from file:// ---- */
  var early = (window.daftarData && window.daftarData.queue) || {};
  var requested = (window.daftarData && window.daftarData.requested) || {};
  var waiting = Object.create(null);
  window.daftarData = function (name, obj) {
    var w = waiting[name];
    if (w) { delete waiting[name]; w.resolve(obj); } else early[name] = obj;
  };
  /* Served over http(s), a file is fetched and its JSON parsed (a request costs the browser
   * less than a script element, and nothing is run); from file://, where fetch cannot read
   * files, it is loaded as a script. */
  var viaFetch = /^https?:$/.test(location.protocol) && typeof window.fetch === "function";
  function fetchData(name) {
    var head = "daftarData(" + JSON.stringify(name) + ",", tail = ");\n";
    return window.fetch(cfg.index + name + ".js").then(function (r) {
      if (!r.ok) throw new Error(name);
      return r.text();
    }).then(function (t) {
      if (t.slice(0, head.length) !== head || t.slice(-tail.length) !== tail) throw new Error(name);
      return JSON.parse(t.slice(head.length, -tail.length));
    });
  }
  function load(name) {
    return new Promise(function (resolve, reject) {
      if (name in early) { var o = early[name]; delete early[name]; resolve(o); return; }
      if (requested[name]) {  // the bootstrap asked for it: its script calls daftarData
        delete requested[name];
        waiting[name] = { resolve: resolve, reject: reject };
        return;
      }
      if (viaFetch) { fetchData(name).then(resolve, reject); return; }
      waiting[name] = { resolve: resolve, reject: reject };
      var s = document.createElement("script");
      s.src = cfg.index + name + ".js";
      s.onload = function () {
        s.parentNode.removeChild(s);
        if (waiting[name]) { delete waiting[name]; reject(new Error(name)); }
      };
      s.onerror = function () { delete waiting[name]; reject(new Error(name)); };
      document.head.appendChild(s);
    });
  }
  var columns = Object.create(null), columnJobs = Object.create(null);
  function loadColumns(names) {
    return Promise.all(names.map(function (n) {
      if (!columnJobs[n]) columnJobs[n] = load(n).then(function (c) { columns[n] = c; });
      return columnJobs[n];
    }));
  }

  function fmt(s, vals) {
    return String(s).replace(/\{(\w+)\}/g, function (_, k) { return k in vals ? vals[k] : ""; });
  }
  function localDigits(s) {
    var ds = N.digits[msg.lang];
    return ds ? String(s).replace(/[0-9]/g, function (d) { return ds[+d]; }) : String(s);
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function note(text) {
    var p = document.createElement("p");
    p.className = "search-note";
    p.textContent = text;
    status.appendChild(p);
  }

  /* ---- the query, capped ---- */

  /* Parse and cap: returns {parts, words, notes, stop}. stop: nothing can be searched. */
  function prepare(m, q, f) {
    var L = m.limits, notes = [];
    if (q.length > L.chars) {
      q = q.slice(0, L.chars);
      notes.push(fmt(msg.msgLong, { n: localDigits(L.chars) }));
    }
    var parts = [], count = 0, cut = false;
    D.parse(q, N.tokenize).forEach(function (p) {
      if (p.prefix && Array.from(p.term).length < L.prefix_min) {
        notes.push(fmt(msg.msgPrefixShort, { word: p.term + "*", n: localDigits(L.prefix_min) }));
        return;
      }
      var n = p.phrase ? p.phrase.length : 1;
      if (count + n > L.terms) { cut = true; return; }
      count += n;
      parts.push(p);
    });
    if (cut) notes.push(fmt(msg.msgTerms, { n: localDigits(L.terms) }));
    var stop = false;
    ["from", "to"].forEach(function (k) {
      if (f[k] && !/^[0-9]{4}$/.test(f[k])) { notes.push(fmt(msg.msgYearBad, { year: f[k] })); stop = true; }
    });
    if (!stop && f.from && f.to && +f.from > +f.to) {
      notes.push(fmt(msg.msgYears, { from: localDigits(f.from), to: localDigits(f.to) }));
      stop = true;
    }
    if (!stop && m.years && ((f.from && +f.from > m.years[1]) || (f.to && +f.to < m.years[0]))) {
      notes.push(fmt(msg.msgYearRange, { from: localDigits(m.years[0]), to: localDigits(m.years[1]) }));
      stop = true;
    }
    if (!stop && f.outlet && f.lang) {
      var o = m.outlets.indexOf(f.outlet), l = m.langs.indexOf(f.lang);
      if (o >= 0 && m.outletLangs[o].indexOf(l) < 0) {
        notes.push(fmt(msg.msgOutletLang, { outlet: f.outlet }));
        stop = true;
      }
    }
    return { parts: parts, notes: notes, stop: stop };
  }

  function filters() {
    var f = {};
    ["lang", "from", "to", "outlet", "entity", "sort"].forEach(function (k) {
      var el = form && form.elements[k];
      f[k] = el ? String(el.value).trim() : "";
    });
    return f;
  }
  function hasFilters(f) { return !!(f.lang || f.from || f.to || f.outlet || f.entity); }

  /* ---- results ---- */

  /* The query's words in a result's snippet source: [start, length] pairs, first first. */
  function matches(c, words, m) {
    var text = (c.text || "").slice(0, c.n), pos = [];
    var at = D.textPositions(c.text || "", m.separators, N.tokenize, S.stem);
    words.forEach(function (w) { pos = pos.concat(at(w)); });
    return pos.filter(function (p) { return p[0] + p[1] <= text.length; }).sort(function (a, b) { return a[0] - b[0]; });
  }

  /* Characters a snippet shows before and after its first match. */
  var BEFORE = 70, AFTER = 130;

  /* A result's data: its file (d/<rank>), and the rest of its snippet source (d/<rank>.1) when
   * the source goes on and the snippet's window is not in the head it holds. */
  function resultData(ref, words, m) {
    return load("d/" + ref).then(function (c) {
      var pos = c.more ? matches(c, words, m) : [];
      if (!c.more || (pos.length && pos[0][0] + AFTER <= c.n)) return c;
      return load("d/" + ref + ".1").then(function (rest) {
        var whole = {};
        for (var k in c) whole[k] = c[k];
        whole.text = c.text + rest;
        whole.n = c.more;
        whole.more = 0;
        return whole;
      });
    });
  }

  function snippet(c, words, m) {
    var text = (c.text || "").slice(0, c.n), pos = matches(c, words, m);
    var p = document.createElement("p");
    p.className = "snippet";
    p.setAttribute("dir", "auto");
    if (!pos.length) { p.textContent = text.slice(0, 160) + (text.length > 160 ? "…" : ""); return p; }
    /* a window around the first match, cut at word boundaries */
    var from = Math.max(0, pos[0][0] - BEFORE), to = Math.min(text.length, pos[0][0] + AFTER);
    if (from > 0) { var sp = text.indexOf(" ", from); if (sp > 0 && sp < pos[0][0]) from = sp + 1; }
    if (to < text.length) { var ep = text.lastIndexOf(" ", to); if (ep > pos[0][0] + pos[0][1]) to = ep; }
    var cur = from;
    if (from > 0) p.appendChild(document.createTextNode("…"));
    pos.forEach(function (q) {
      if (q[0] < cur || q[0] + q[1] > to) return;
      p.appendChild(document.createTextNode(text.slice(cur, q[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(q[0], q[0] + q[1]);
      p.appendChild(mark);
      cur = q[0] + q[1];
    });
    p.appendChild(document.createTextNode(text.slice(cur, to) + (to < text.length ? "…" : "")));
    return p;
  }

  function card(c, words, m) {
    var li = document.createElement("li");
    li.className = "card";
    if (c.lang) li.setAttribute("lang", c.lang);
    li.dataset.id = c.id;
    var a = document.createElement("a");
    a.className = "card-title";
    if (c.url) a.href = c.url;
    a.setAttribute("dir", "auto");
    a.textContent = c.title;
    li.appendChild(a);
    var badge = document.createElement("span");
    badge.className = "badge badge-" + c.lang;
    /* the language's name in the page's language (data-name-fa / data-name-ar), never a code */
    badge.textContent = msg["name" + c.lang.charAt(0).toUpperCase() + c.lang.slice(1)] || c.lang;
    li.appendChild(badge);
    var meta = document.createElement("span");
    meta.className = "card-meta";
    var bdi = document.createElement("bdi");
    bdi.textContent = (c.date_display || (c.date ? c.date.slice(0, 10) : msg.msgUndated)) + (c.outlet ? "، " + c.outlet : "");
    meta.appendChild(bdi);
    li.appendChild(meta);
    li.appendChild(snippet(c, words, m));
    return li;
  }

  function suggest(q) {
    var words = q.trim().split(/\s+/);
    var tips = [];
    if (words.length > 1) tips.push(words.slice(0, -1).join(" "));
    var first = words[0] && words[0].replace(/[*"]/g, "");
    if (first && first.length > 3) tips.push(first.slice(0, Math.max(3, first.length - 2)) + "*");
    var frag = document.createDocumentFragment();
    tips.forEach(function (t, i) {
      var a = document.createElement("a");
      var params = new URLSearchParams(window.location.search);
      params.set("q", t);
      a.href = "search.html?" + params.toString();
      a.textContent = t;
      if (i) frag.appendChild(document.createTextNode(" · "));
      frag.appendChild(a);
    });
    return frag;
  }

  var state = { results: [], total: 0, shown: 0, words: [], token: 0, deeper: null };

  /* Fetch the result data of the next page of results and append their cards (asking the index
   * for more ranked results first when fewer are at hand). */
  function showMore(m, token) {
    var want = state.shown + m.limits.page;
    var ready = state.results.length >= Math.min(want, state.total) || !state.deeper
      ? Promise.resolve() : state.deeper(want).then(function (res) { if (token === state.token) state.results = res.results; });
    return ready.then(function () {
      if (token !== state.token) return [];
      var page = state.results.slice(state.shown, want);
      return Promise.all(page.map(function (r) { return resultData(r.ref, state.words, m); }));
    }).then(function (docs) {
      if (token !== state.token) return;
      var frag = document.createDocumentFragment();
      docs.forEach(function (c) { frag.appendChild(card(c, state.words, m)); });
      list.appendChild(frag);
      if (state.shown === 0 && docs.length && window.performance && performance.mark) performance.mark("daftar-first-result");
      state.shown += docs.length;
      if (more) more.hidden = state.shown >= state.total;
    });
  }

  /* Run a search and draw it. Resolves with {ids, total} (used by bench/bench_search.py). */
  function render(m, idx, q) {
    var token = ++state.token;
    list.setAttribute("aria-busy", "true");
    clear(list);
    clear(status);
    if (more) more.hidden = true;
    var f = filters();
    var prep = prepare(m, q, f);
    var parts = prep.parts;
    var plan = parts.length ? idx.plan(parts, S.stem) : null;
    /* a prefix that too many words share is dropped (it would fetch much of the index) */
    if (plan && plan.prefixes.some(function (p) { return p.bytes > m.limits.prefix_bytes || p.terms > m.limits.prefix_terms; })) {
      plan.prefixes.forEach(function (p) {
        if (p.bytes > m.limits.prefix_bytes || p.terms > m.limits.prefix_terms) {
          prep.notes.push(fmt(msg.msgPrefixWide, { word: p.prefix + "*" }));
          parts = parts.filter(function (x) { return !(x.prefix && x.term === p.prefix); });
        }
      });
      plan = parts.length ? idx.plan(parts, S.stem) : null;
    }
    var words = [];
    parts.forEach(function (p) { words = words.concat(p.phrase || [p.term]); });
    state.words = words;
    /* the index ranks only as many results as are shown; "More results" asks it for more */
    var deeper = function (k) { return idx.search(parts, S.stem, f, k, columns); };
    var job = (prep.stop || !plan) ? Promise.resolve({ results: [], total: 0, unfiltered: 0 })
      : Promise.all([idx.fetch(plan), loadColumns(D.filterNeeds(m, f))]).then(function () { return deeper(m.limits.page); });
    return job.then(function (res) {
      if (token !== state.token) return null;
      if (res.results.length && window.performance && performance.mark) performance.mark("daftar-ranked");
      state.results = res.results;
      state.total = res.total;
      state.deeper = (prep.stop || !plan) ? null : deeper;
      state.shown = 0;
      return showMore(m, token).then(function () {
        /* a phrase of common words: its first results are drawn before every document holding
         * its words is checked; the count comes after (the list stays busy until then) */
        if (token !== state.token) return null;
        return res.total === null || res.unfiltered === null ? deeper(Infinity) : res;
      }).then(function (all) {
        if (token !== state.token) return null;
        if (all !== res) {
          state.total = all.total;
          if (state.results.length < all.results.length) state.results = all.results;
          if (more) more.hidden = state.shown >= state.total;
        }
        if (!all.total && all.unfiltered && hasFilters(f)) prep.notes.push(fmt(msg.msgFiltered, { n: localDigits(all.unfiltered) }));
        if (state.total) {
          status.appendChild(document.createTextNode(msg.msgCount + " " + localDigits(state.total)));
        } else {
          status.appendChild(document.createTextNode(msg.msgNone + " "));
          var tips = suggest(q);
          if (tips.childNodes.length && !prep.stop) {
            status.appendChild(document.createTextNode(msg.msgTry + " "));
            status.appendChild(tips);
          }
        }
        prep.notes.forEach(note);
        list.setAttribute("aria-busy", "false");
        return { ids: Array.prototype.map.call(list.children, function (li) { return li.dataset.id; }), total: state.total };
      });
    }).catch(function (e) {
      if (token !== state.token) return null;
      clear(status);
      status.appendChild(document.createTextNode(msg.msgError));
      list.setAttribute("aria-busy", "false");
      throw e;
    });
  }

  function fillForm(params) {
    if (!form) return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.type !== "submit") el.value = params.has(el.name) ? params.get(el.name) : "";
    });
  }

  load("manifest").then(function (m) {
    if (m.format !== 3) throw new Error("search index format " + m.format);
    N.configure(m.text);
    N.register(lunr);
    S.register(lunr, m.stem, m.protected);
    var idx = new D.Sharded(lunr, m, load);
    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      fillForm(params);
      var q = params.get("q") || "";
      return q ? render(m, idx, q) : Promise.resolve(null);
    }
    if (form) {
      /* a search from this page runs in place (the URL still changes, so it can be cited) */
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var params = new URLSearchParams();
        Array.prototype.forEach.call(form.elements, function (el) {
          if (el.name && el.value !== "" && el.type !== "submit") params.set(el.name, el.value);
        });
        window.history.pushState(null, "", "search.html?" + params.toString());
        fromUrl();
      });
    }
    window.addEventListener("popstate", fromUrl);
    if (more) more.addEventListener("click", function () { showMore(m, state.token); });
    window.daftarSearch = {
      /* bench/bench_search.py: run one search in place, as a reader would from the form */
      search: function (params) {
        window.history.replaceState(null, "", "search.html?" + new URLSearchParams(params).toString());
        return fromUrl();
      }
    };
    return fromUrl();
  }).catch(function () {
    clear(status);
    status.appendChild(document.createTextNode(msg.msgError));
    list.setAttribute("aria-busy", "false");
  });
})();
