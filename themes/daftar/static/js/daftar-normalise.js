/* Daftar letter folding: the JavaScript twin of plugins/daftar_text/fold.py.
 *
 * It holds the algorithm only (NFKC, lower case, one table, the token class); the table itself
 * comes from plugins/daftar_text/data/tables.yaml, shipped inside the search manifest
 * (manifest.text.fold: character -> replacement, "" deletes) and handed to configure().
 * Registered as the lunr pipeline function "daftar-normalise" so a query is folded exactly as
 * the Python-built index was. tests/daftar_text/test_parity.py runs it in node against Python
 * over every code point of the Arabic blocks. Works in browsers and in node. */
(function (root) {
  "use strict";
  var FOLD_MAP = null;
  var TOKEN_RE = /[\p{L}\p{N}_]+/gu;

  /* tables = {fold: {char: replacement}, digits: {lang: "0123456789" in that script}} */
  function configure(tables) {
    var m = Object.create(null);
    Object.keys(tables.fold).forEach(function (ch) { m[ch] = tables.fold[ch]; });
    FOLD_MAP = m;
    api.digits = tables.digits || {};
  }
  function fold(text) {
    if (!FOLD_MAP) throw new Error("daftar-normalise: configure(tables) first");
    var s = String(text).normalize("NFKC").toLowerCase();
    var out = "";
    for (var ch of s) {
      var m = FOLD_MAP[ch];
      out += (m === undefined) ? ch : m;
    }
    return out;
  }
  function tokenize(text) { return fold(text).match(TOKEN_RE) || []; }

  var api = { configure: configure, fold: fold, tokenize: tokenize, digits: {} };

  function register(lunr) {
    /* One token in, zero or more folded tokens out (punctuation splits). */
    var normalise = function (token) {
      var parts = tokenize(token.toString());
      return parts.map(function (p) { return token.clone(function () { return p; }); });
    };
    if (!lunr.Pipeline.registeredFunctions["daftar-normalise"]) lunr.Pipeline.registerFunction(normalise, "daftar-normalise");
    api.pipelineFunction = lunr.Pipeline.registeredFunctions["daftar-normalise"];
  }
  api.register = register;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.daftarNormalise = api;
})(typeof self !== "undefined" ? self : this);
