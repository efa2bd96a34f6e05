/* Daftar light stemmer: the JavaScript twin of plugins/daftar_text/stem.py.
 * The affix lists travel inside data/search-index.js (window.DAFTAR_SEARCH.stem), written
 * from plugins/daftar_text/data/stem.yaml, with the protected gazetteer names, so both sides
 * use the same data. tests/daftar_text/test_stem.py checks parity through node. */
(function (root) {
  "use strict";
  function isAlpha(s) { return /^[\p{L}]+$/u.test(s); }
  function make(rules, protectedList) {
    var n = rules.min_stem;
    var prot = new Set(protectedList || []);
    var pre = rules.verb_prefixes.concat(rules.prefixes);
    return function stem(token) {
      if (prot.has(token) || token.length <= n || !isAlpha(token)) return token;
      var t = token, i, j;
      for (i = 0; i < pre.length; i++) {
        if (t.indexOf(pre[i]) === 0 && t.length - pre[i].length >= n) { t = t.slice(pre[i].length); break; }
      }
      for (j = 0; j < 2; j++) {
        if (prot.has(t)) break;
        var cut = false;
        for (i = 0; i < rules.suffixes.length; i++) {
          var s = rules.suffixes[i];
          if (t.length - s.length >= n && t.slice(t.length - s.length) === s) { t = t.slice(0, t.length - s.length); cut = true; break; }
        }
        if (!cut) break;
      }
      return t;
    };
  }
  var api = { make: make };
  api.register = function (lunr, rules, protectedList) {
    var stem = make(rules, protectedList);
    api.stem = stem;
    /* index and query: the word as written, plus its stem when different */
    var fn = function (token) {
      var s = stem(token.toString());
      if (s === token.toString()) return token;
      return [token, token.clone(function () { return s; })];
    };
    lunr.Pipeline.registerFunction(fn, "daftar-stem");
    return fn;
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.daftarStem = api;
})(typeof self !== "undefined" ? self : this);
