"""The search page's one inline script, and the Content-Security-Policy source that pins it.

Only search.html runs scripts. Its CSP is ``script-src 'sha256-…' 'strict-dynamic'``: the
browser runs the one inline bootstrap whose hash is pinned, and the scripts *that* script
creates; a parser-inserted ``<script src>`` (say ``../raw/x.txt`` injected into a page) has no
hash and is refused, so no other file of the origin can run. SRI (``integrity``) on the
theme's files is added only over http(s): under file:// Chromium blocks a script with
``integrity`` ("requires the request to be CORS enabled"), and the archive must work from a
folder. Every hash is computed here, at build time, from the files themselves.

The bootstrap reads nothing from the page (no data attribute), so an injected copy of it, which
would carry the same hash, can only load the same files.
"""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

#: The theme's scripts, in the order they must run (paths below the theme's static folder).
THEME_SCRIPTS = ("js/vendor/lunr-2.3.9.min.js", "js/daftar-normalise.js", "js/daftar-stem.js",
                 "js/daftar-index.js", "js/search.js")


def sri(data: bytes) -> str:
    """The ``sha256-…`` source of some bytes (CSP hash source and SRI value alike).

    >>> sri(b"")
    'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
    """
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def bootstrap(static_dir: Path, *, theme_url: str = "theme/", index_url: str = "data/search/",
              manifest: bytes | None = None) -> str:
    """The inline script: it sets the page's search configuration, asks for the manifest and
    adds the theme's scripts (in order; with ``integrity`` over http(s)).

    ``static_dir``: the theme's ``static`` folder (the bytes Pelican copies to ``theme/``);
    ``theme_url``/``index_url``: those folders relative to the search page; ``manifest``: the
    bytes of ``manifest.js``, to pin it too.
    """
    files = [[theme_url + rel, sri((Path(static_dir) / rel).read_bytes())] for rel in THEME_SCRIPTS]
    man = [index_url + "manifest.js", sri(manifest) if manifest is not None else ""]
    cfg = {"index": index_url}
    return (
        '(function(){"use strict";'
        'var d=document,h=/^https?:$/.test(location.protocol),q={},r={manifest:true};'
        "window.daftarSearchConfig=" + json.dumps(cfg, separators=(",", ":")) + ";"
        "window.daftarData=function(n,o){q[n]=o};window.daftarData.queue=q;window.daftarData.requested=r;"
        "function add(f,a){var s=d.createElement('script');s.src=f[0];if(h&&f[1])s.integrity=f[1];"
        "s.async=a;d.head.appendChild(s)}"
        "add(" + json.dumps(man) + ",true);"
        + json.dumps(files, separators=(",", ":")) + ".forEach(function(f){add(f,false)})"
        "})();"
    )


def csp_source(script: str) -> str:
    """The ``script-src`` sources that allow exactly ``script`` (and what it loads)."""
    return f"'{sri(script.encode('utf-8'))}' 'strict-dynamic'"
