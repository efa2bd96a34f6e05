/* Daftar letter folding: the JavaScript twin of plugins/daftar_text/fold.py.
 * Registered as the lunr pipeline function "daftar-normalise" so that a query is folded
 * exactly as the Python-built index was. tests/daftar_text/test_parity.py checks that both
 * give identical output; change both or neither. Works in browsers and in node. */
(function (root) {
  "use strict";
  var FOLD_MAP = {};
  function put(chars, to) { for (var i = 0; i < chars.length; i++) FOLD_MAP[chars[i]] = to; }
  put("\u064a\u0649\u06cc\u06d0\u0626", "\u06cc");
  put("\u0643\u06a9\u06aa", "\u06a9");
  put("\u0623\u0625\u0622\u0671\u0672\u0673", "\u0627");
  put("\u0624", "\u0648");
  put("\u0629\u06c0\u06c1\u06d5", "\u0647");
  var cp;
  for (cp = 0x064b; cp < 0x0660; cp++) FOLD_MAP[String.fromCharCode(cp)] = "";
  FOLD_MAP["\u0670"] = "";
  for (cp = 0x06d6; cp < 0x06ee; cp++) FOLD_MAP[String.fromCharCode(cp)] = "";
  put("\u0640", "");
  put("\u200c\u200d\u200e\u200f\u200b\u2060\ufeff\u00ad", "");
  put("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", "");
  for (var d = 0; d < 10; d++) {
    FOLD_MAP[String.fromCharCode(0x06f0 + d)] = String(d);
    FOLD_MAP[String.fromCharCode(0x0660 + d)] = String(d);
  }
  var TOKEN_RE = /[\p{L}\p{N}_]+/gu;

  function fold(text) {
    var s = String(text).normalize("NFKC").toLowerCase();
    var out = "";
    for (var ch of s) {
      var m = FOLD_MAP[ch];
      out += (m === undefined) ? ch : m;
    }
    return out;
  }
  function tokenize(text) { return fold(text).match(TOKEN_RE) || []; }

  var api = { fold: fold, tokenize: tokenize, FOLD_MAP: FOLD_MAP };

  function register(lunr) {
    /* One token in, zero or more folded tokens out (punctuation splits). */
    var normalise = function (token) {
      var parts = tokenize(token.toString());
      return parts.map(function (p) { return token.clone(function () { return p; }); });
    };
    lunr.Pipeline.registerFunction(normalise, "daftar-normalise");
    api.pipelineFunction = normalise;
  }
  api.register = register;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else { root.daftarNormalise = api; if (root.lunr) register(root.lunr); }
})(typeof self !== "undefined" ? self : this);
