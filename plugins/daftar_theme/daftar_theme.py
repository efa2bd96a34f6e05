"""Pelican adapter for the theme: per-page gettext, date and digit filters."""
from __future__ import annotations

import logging
import os
from urllib.parse import urlsplit

from jinja2 import pass_context
from pelican import signals

from .catalogs import load_catalogs

logger = logging.getLogger(__name__)
_CATALOGS: dict = {}


def page_lang(ctx) -> str:
    """The language of the page being rendered: explicit, else the article's or page's."""
    lang = ctx.get("page_lang")
    if not lang:
        for key in ("article", "page"):
            obj = ctx.get(key)
            if obj is not None and getattr(obj, "lang", None):
                lang = obj.lang
                break
    return lang or ctx.get("DEFAULT_LANG") or "fa"


@pass_context
def _gettext(ctx, message: str) -> str:
    cat = _CATALOGS.get(page_lang(ctx))
    return cat.gettext(message) if cat else message


@pass_context
def _ngettext(ctx, singular: str, plural: str, n: int) -> str:
    cat = _CATALOGS.get(page_lang(ctx))
    return cat.ngettext(singular, plural, n) if cat else (singular if n == 1 else plural)


def digits(value, lang: str) -> str:
    try:
        from daftar_text.calendars import to_digits
    except ImportError:  # pragma: no cover
        return str(value)
    return to_digits(str(value), lang)


def http_url(value) -> str | None:
    """The URL when it is an absolute http(s) URL, else None: a seed's URL becomes a link only
    then (``javascript:``, ``data:`` or relative values stay text).

    >>> http_url("https://example.org/a?b=1"), http_url("javascript:alert(1)"), http_url("www.example.org")
    ('https://example.org/a?b=1', None, None)
    """
    if not isinstance(value, str):
        return None
    v = value.strip()
    parts = urlsplit(v)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c.isspace() for c in v):
        return v
    return None


def display_date(iso, lang: str) -> dict:
    if not iso:
        return {}
    try:
        from daftar_text.calendars import format_date
    except ImportError:  # pragma: no cover
        return {"gregorian": iso[:10], "iso": iso}
    return format_date(iso, lang)


def configure(pelican):
    s = pelican.settings
    env = dict(s.get("JINJA_ENVIRONMENT") or {})
    exts = list(env.get("extensions") or [])
    if "jinja2.ext.i18n" not in exts:
        exts.append("jinja2.ext.i18n")
    env["extensions"] = exts
    # Seed, sidecar and gazetteer text is never markup: every value is escaped unless it is a
    # markupsafe.Markup built by the one function that makes that piece of HTML.
    env["autoescape"] = True
    env.setdefault("trim_blocks", True)
    env.setdefault("lstrip_blocks", True)
    s["JINJA_ENVIRONMENT"] = env
    filters = dict(s.get("JINJA_FILTERS") or {})
    filters.update({"digits": digits, "display_date": display_date, "http_url": http_url})
    s["JINJA_FILTERS"] = filters
    _CATALOGS.clear()
    _CATALOGS.update(load_catalogs(os.path.join(s["THEME"], "translations")))


def install(generator):
    env = getattr(generator, "env", None)
    if env is not None and hasattr(env, "install_gettext_callables"):
        env.install_gettext_callables(_gettext, _ngettext, newstyle=True)


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(install)
