/* Daftar search page: lunr.js over the index built in Python (data/search-index.js).
 *
 * Each word is folded (daftar-normalise) and matched as written (boosted) or by its stem
 * (daftar-stem), so exact matches rank first; `word*` is a prefix search; "two words" is a
 * phrase (terms at adjacent positions). Filters (language, years, outlet, entity) and the sort
 * order live in the URL, so any search can be linked and cited. Results, snippets and <mark>s
 * are built with DOM text nodes only: nothing from the index or the query is parsed as HTML.
 * URLs in the index are relative to the site root, where this page lives. */
(function () {
  "use strict";
  var data = window.DAFTAR_SEARCH;
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var form = document.getElementById("search-page-form");
  if (!data || !list || !window.lunr || !window.daftarNormalise || !window.daftarStem) return;
  var lunr = window.lunr;
  var N = window.daftarNormalise;
  if (!N.pipelineFunction) N.register(lunr);
  window.daftarStem.register(lunr, data.stem, data.protected);
  var stem = window.daftarStem.stem;
  var idx = lunr.Index.load(data.index);
  var cards = {};
  data.docs.forEach(function (d) { cards[d.id] = d; });
  var msg = list.dataset;
  var digits = { fa: "۰۱۲۳۴۵۶۷۸۹", ar: "٠١٢٣٤٥٦٧٨٩" }[msg.lang];
  function localDigits(s) { return digits ? String(s).replace(/[0-9]/g, function (d) { return digits[+d]; }) : String(s); }

  /* Parse the query into words, prefix words (word*) and phrases ("a b"). */
  function parse(q) {
    var parts = [], re = /"([^"]+)"|(\S+)/g, m;
    while ((m = re.exec(q))) {
      if (m[1]) { var toks = N.tokenize(m[1]); if (toks.length) parts.push({ phrase: toks }); }
      else {
        var prefix = /\*$/.test(m[2]);
        N.tokenize(m[2]).forEach(function (t) { parts.push({ term: t, prefix: prefix }); });
      }
    }
    return parts;
  }

  function run(parts) {
    var REQ = lunr.Query.presence.REQUIRED;
    var results = idx.query(function (query) {
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
    });
    var phrases = parts.filter(function (p) { return p.phrase && p.phrase.length > 1; });
    return results.filter(function (r) { return phrases.every(function (p) { return hasPhrase(r, p.phrase); }); });
  }

  /* Positions of a folded word (as written or by its stem) in one field of a result. */
  function positions(r, word, field) {
    var out = [], md = r.matchData.metadata;
    [word, stem(word)].forEach(function (k) {
      if (md[k] && md[k][field] && md[k][field].position) out = out.concat(md[k][field].position);
    });
    return out;
  }
  function hasPhrase(r, words) {
    return ["title", "lead", "text"].some(function (field) {
      var starts = positions(r, words[0], field);
      return starts.some(function (p) {
        var end = p[0] + p[1];
        for (var i = 1; i < words.length; i++) {
          var next = positions(r, words[i], field).filter(function (q) { return q[0] > end && q[0] - end <= 3; });
          if (!next.length) return false;
          end = next[0][0] + next[0][1];
        }
        return true;
      });
    });
  }

  function filters() {
    var f = {};
    ["lang", "from", "to", "outlet", "entity", "sort"].forEach(function (k) {
      var el = form && form.elements[k];
      f[k] = el ? el.value : "";
    });
    return f;
  }
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

  function snippet(r, c, words) {
    var text = c.text || "", pos = [];
    words.forEach(function (w) { pos = pos.concat(positions(r, w, "text")); });
    pos = pos.filter(function (p) { return p[0] + p[1] <= text.length; }).sort(function (a, b) { return a[0] - b[0]; });
    var p = document.createElement("p");
    p.className = "snippet";
    p.setAttribute("dir", "auto");
    if (!pos.length) { p.textContent = text.slice(0, 160) + (text.length > 160 ? "…" : ""); return p; }
    /* a window around the first match, cut at word boundaries */
    var from = Math.max(0, pos[0][0] - 70), to = Math.min(text.length, pos[0][0] + 130);
    if (from > 0) { var sp = text.indexOf(" ", from); if (sp > 0 && sp < pos[0][0]) from = sp + 1; }
    if (to < text.length) { var ep = text.lastIndexOf(" ", to); if (ep > pos[0][0] + pos[0][1]) to = ep; }
    var at = from;
    if (from > 0) p.appendChild(document.createTextNode("…"));
    pos.forEach(function (q) {
      if (q[0] < at || q[0] + q[1] > to) return;
      p.appendChild(document.createTextNode(text.slice(at, q[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(q[0], q[0] + q[1]);
      p.appendChild(mark);
      at = q[0] + q[1];
    });
    p.appendChild(document.createTextNode(text.slice(at, to) + (to < text.length ? "…" : "")));
    return p;
  }

  function card(r, c, words) {
    var li = document.createElement("li");
    li.className = "card";
    li.setAttribute("lang", c.lang);
    li.dataset.id = c.id;
    var a = document.createElement("a");
    a.className = "card-title";
    a.href = c.url;
    a.setAttribute("dir", "auto");
    a.textContent = c.title;
    li.appendChild(a);
    var badge = document.createElement("span");
    badge.className = "badge badge-" + c.lang;
    badge.textContent = c.lang;
    li.appendChild(badge);
    var meta = document.createElement("span");
    meta.className = "card-meta";
    var bdi = document.createElement("bdi");
    bdi.textContent = (c.date_display || (c.date ? c.date.slice(0, 10) : msg.msgUndated)) + (c.outlet ? "، " + c.outlet : "");
    meta.appendChild(bdi);
    li.appendChild(meta);
    li.appendChild(snippet(r, c, words));
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

  function render(q) {
    list.setAttribute("aria-busy", "true");
    while (list.firstChild) list.removeChild(list.firstChild);
    while (status.firstChild) status.removeChild(status.firstChild);
    var parts = parse(q);
    var words = [];
    parts.forEach(function (p) { words = words.concat(p.phrase || [p.term]); });
    var f = filters();
    var results = parts.length ? run(parts).filter(function (r) { return cards[r.ref] && keep(cards[r.ref], f); }) : [];
    if (f.sort === "date") {
      results.sort(function (a, b) {
        var da = cards[a.ref].date || "", db = cards[b.ref].date || "";
        return da === db ? 0 : (!da ? 1 : (!db ? -1 : (da < db ? 1 : -1)));
      });
    }
    results.forEach(function (r) { list.appendChild(card(r, cards[r.ref], words)); });
    if (results.length) {
      status.textContent = msg.msgCount + " " + localDigits(results.length);
    } else {
      status.appendChild(document.createTextNode(msg.msgNone + " "));
      var tips = suggest(q);
      if (tips.childNodes.length) {
        status.appendChild(document.createTextNode(msg.msgTry + " "));
        status.appendChild(tips);
      }
    }
    list.setAttribute("aria-busy", "false");
  }

  var params = new URLSearchParams(window.location.search);
  if (form) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && params.has(el.name)) el.value = params.get(el.name);
    });
  }
  var q = params.get("q") || "";
  if (q) render(q);
})();
