/* Daftar search page: lunr.js over the index built in Python (data/search-index.js).
 * Results are built with DOM text nodes only: nothing from the index or the query is ever
 * parsed as HTML. All URLs in the index are relative to the site root; this page lives at
 * the root, so they resolve correctly under any sub-path (GitHub project pages). */
(function () {
  "use strict";
  var data = window.DAFTAR_SEARCH;
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("q");
  if (!data || !list || !window.lunr || !window.daftarNormalise) return;
  if (!window.daftarNormalise.pipelineFunction) window.daftarNormalise.register(window.lunr);
  var idx = window.lunr.Index.load(data.index);
  var cards = {};
  data.docs.forEach(function (d) { cards[d.id] = d; });

  function search(q) {
    var terms = window.daftarNormalise.tokenize(q);
    if (!terms.length) return [];
    return idx.query(function (query) {
      terms.forEach(function (t) {
        query.term(t, { usePipeline: false, presence: window.lunr.Query.presence.REQUIRED });
      });
    });
  }

  function render(q) {
    list.setAttribute("aria-busy", "true");
    while (list.firstChild) list.removeChild(list.firstChild);
    var results = search(q);
    results.forEach(function (r) {
      var c = cards[r.ref];
      if (!c) return;
      var li = document.createElement("li");
      li.className = "card";
      li.setAttribute("lang", c.lang);
      li.dataset.id = c.id;
      var a = document.createElement("a");
      a.className = "card-title";
      a.href = c.url;
      a.textContent = c.title;
      li.appendChild(a);
      var badge = document.createElement("span");
      badge.className = "badge badge-" + c.lang;
      badge.textContent = c.lang;
      li.appendChild(badge);
      var meta = document.createElement("span");
      meta.className = "card-meta";
      meta.textContent = (c.date_display || (c.date ? c.date.slice(0, 10) : list.dataset.msgUndated)) + (c.outlet ? "، " + c.outlet : "");
      li.appendChild(meta);
      list.appendChild(li);
    });
    status.textContent = results.length
      ? list.dataset.msgCount + " " + results.length
      : list.dataset.msgNone;
    list.setAttribute("aria-busy", "false");
  }

  var params = new URLSearchParams(window.location.search);
  var q = params.get("q") || "";
  if (input) input.value = q;
  if (q) render(q);
})();
