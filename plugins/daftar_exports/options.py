"""Settings of the exports stage: defaults in one dict, validated, and the archive's one base URL.

SITEURL is the one address of the published archive. Pelican replaces ``SITEURL`` in each page's
template context by a relative path when ``RELATIVE_URLS`` is on, so the absolute base is read
here from the settings and handed to templates under its own name (``daftar_site_url``).

Without SITEURL (a local preview, ``make site``) nothing that must hold absolute URLs (sitemap,
feeds, canonical links) is written with relative ones: the sitemap and the feeds are skipped,
unless the user set ``DAFTAR_EXPORTS_PREVIEW_URL`` (e.g. ``http://127.0.0.1:8000`` for
``make serve``), which then serves as their base. Canonical links need the real SITEURL.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from daftar_seeds.settings import Invalid, Setting, check, whole

SITEMAP_PROTOCOL_MAX_URLS = 50_000


def base_url(v):
    """None, "" or an absolute http(s) base (the setting's checker)."""
    if v in (None, ""):
        return None
    if http_base(v) is None:
        raise Invalid(f"must be an absolute http(s) URL, not {v!r}")
    return v


#: Every setting of the exports stage, with its default (checked by daftar_seeds.settings).
SETTINGS = (
    Setting("DAFTAR_EXPORTS_PREVIEW_URL", None, base_url,
            "Absolute base of `sitemap.xml` and the feeds in a build without SITEURL (a local preview, e.g. `http://127.0.0.1:8000`)."),
    Setting("DAFTAR_EXPORTS_FEED_ENTRIES", 50, whole(1, 1000), "Entries in each Atom feed, newest first (a feed does not grow with the archive)."),
    Setting("DAFTAR_EXPORTS_SITEMAP_MAX_URLS", 50_000, whole(1, SITEMAP_PROTOCOL_MAX_URLS),
            "URLs per sitemap file; past it `sitemap.xml` becomes a sitemap index (the protocol's limit)."),
)
DEFAULTS = {s.key: s.default for s in SETTINGS}

#: Settings this stage used to read and no longer does, with what replaced them.
RETIRED = {"DAFTAR_CANONICAL_URL": "SITEURL is the one base of every absolute URL"}


def http_base(value) -> str | None:
    """An absolute http(s) base without its trailing slash, or None when it is not one.

    >>> http_base("https://example.org/daftar/"), http_base("/daftar"), http_base(""), http_base(None)
    ('https://example.org/daftar', None, None, None)
    """
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip().rstrip("/")
    parts = urlsplit(v)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    if any(c.isspace() for c in v):
        return None
    return v


def validate(settings) -> list[str]:
    """Errors (one line each, naming the plugin and the key) for bad or unknown exports settings.

    >>> validate({"DAFTAR_EXPORTS_FEED_ENTRIES": 0, "DAFTAR_EXPORTS_COLOR": 1, "SITEURL": "x"})  # doctest: +NORMALIZE_WHITESPACE
    ['daftar_exports: DAFTAR_EXPORTS_FEED_ENTRIES must be a whole number from 1 to 1000, not 0; using the default 50',
     'daftar_exports: unknown setting DAFTAR_EXPORTS_COLOR',
     "daftar_exports: SITEURL must be an absolute http(s) URL (or empty for a local preview), not 'x'"]
    """
    return check("daftar_exports", "DAFTAR_EXPORTS_", SETTINGS, settings)[1] + site_problems(settings)


def site_problems(settings) -> list[str]:
    """Errors about SITEURL and retired settings (the table's own are :func:`check`'s)."""
    errors = []
    s = settings.get("SITEURL")
    if s not in (None, "") and http_base(s) is None:
        errors.append("daftar_exports: SITEURL must be an absolute http(s) URL (or empty for a local "
                      f"preview), not {s!r}")
    for key, why in RETIRED.items():
        if settings.get(key):
            errors.append(f"daftar_exports: {key} is retired and ignored: {why}")
    return errors


def options(settings) -> dict:
    """The exports settings with defaults (a bad value falls back to its default)."""
    return check("daftar_exports", "DAFTAR_EXPORTS_", SETTINGS, settings)[0]


@dataclass(frozen=True)
class Bases:
    """Where absolute URLs come from in this build.

    ``site``: SITEURL (the published address) or None. ``absolute``: the base of files that need
    absolute URLs (sitemap, feeds, citations): SITEURL, else the preview URL, else None.
    """

    site: str | None
    absolute: str | None

    @property
    def preview(self) -> bool:
        return self.site is None and self.absolute is not None


def bases(settings) -> Bases:
    """The bases of a build from its settings.

    >>> bases({"SITEURL": "https://e.org/d/"}), bases({"SITEURL": "", "DAFTAR_EXPORTS_PREVIEW_URL": "http://127.0.0.1:8000"})
    (Bases(site='https://e.org/d', absolute='https://e.org/d'), Bases(site=None, absolute='http://127.0.0.1:8000'))
    """
    site = http_base(settings.get("SITEURL"))
    return Bases(site=site, absolute=site or http_base(settings.get("DAFTAR_EXPORTS_PREVIEW_URL")))


def absolute(base: str | None, path: str) -> str | None:
    """The absolute URL of an output path (``articles/x.html``), or None without a base.

    >>> absolute("https://e.org/d", "articles/x.html"), absolute(None, "index.html")
    ('https://e.org/d/articles/x.html', None)
    """
    if not base:
        return None
    return f"{base}/{path.lstrip('/')}"


def is_host_root(base: str) -> bool:
    """True when the base is a host's root, where crawlers read robots.txt.

    >>> is_host_root("https://example.org"), is_host_root("https://user.github.io/daftar")
    (True, False)
    """
    return urlsplit(base).path in ("", "/")
