"""Pelican adapter for the theme: per-page gettext, and the filters that put machine values
into the page's language — digits, dates and zones, language names, cleaning-log labels, month
names and the timeline chart.

Every filter that speaks takes the page's language from the template context (the article's,
the page's, or the listing's ``page_lang``), never from a global locale.
"""
from __future__ import annotations

import functools
import logging
import os
import re
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals

from . import labels
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


def _t(ctx, message: str) -> str:
    cat = _CATALOGS.get(page_lang(ctx))
    return cat.gettext(message) if cat else message


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


_OFFSET_RE = re.compile(r"([+-]\d{2}:\d{2})$", re.ASCII)


def display_date(iso, lang: str) -> dict:
    """daftar_text's :func:`format_date`, plus ``offset``: the stated offset from UTC in the
    page's digits (None for UTC itself), for :func:`zone_label`."""
    if not iso:
        return {}
    try:
        from daftar_text.calendars import format_date
    except ImportError:  # pragma: no cover
        return {"gregorian": iso[:10], "iso": iso}
    out = format_date(iso, lang)
    if "zone" in out:
        m = _OFFSET_RE.search(str(iso))
        out["offset"] = digits(m.group(1), lang) if m else None
    return out


@pass_context
def zone_label(ctx, d: dict) -> Markup:
    """The zone of a displayed date in words (``UTC`` → «به وقت گرینویچ»), an offset isolated
    left to right so its sign stays before its digits."""
    if not d or "zone" not in d:
        return Markup("")
    if not d.get("offset"):
        return escape(_t(ctx, labels.ZONE_LABELS["utc"]))
    offset = Markup('<bdi dir="ltr">{}</bdi>').format(d["offset"])
    return escape(_t(ctx, labels.ZONE_LABELS["offset"])) % {"offset": offset}


@functools.lru_cache(maxsize=None)
def _languages(lang: str) -> dict:
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(lang).languages)
    except (UnknownLocaleError, ValueError, TypeError):
        return dict(Locale("en").languages)


@functools.lru_cache(maxsize=None)
def _rtl(lang: str) -> bool:
    """Is ``lang`` written right to left (CLDR's character order; unknown: yes, as our pages)?"""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError, TypeError):
        return True


@pass_context
def lang_name(ctx, code) -> str:
    """A language code as a name in the page's language, from CLDR (Babel):
    ``fa`` on a Persian page is «فارسی», on an Arabic page «الفارسية»."""
    code = str(code or "und")
    return _languages(page_lang(ctx)).get(code) or _languages(page_lang(ctx)).get("und") or code


@pass_context
def rule_label(ctx, rule: str) -> str:
    """A cleaning rule's label in the page's language (its name when it has none)."""
    msg = labels.RULE_LABELS.get(rule)
    return _t(ctx, msg) if msg else rule


@pass_context
def field_label(ctx, name: str) -> str:
    """A record field's label in the page's language (its name when it has none)."""
    msg = labels.FIELD_LABELS.get(name) or labels.LINE_LABELS.get(name)
    return _t(ctx, msg) if msg else name


@pass_context
def log_action(ctx, entry: dict) -> str:
    """What a cleaning-log entry did, in the page's language and digits."""
    lang = page_lang(ctx)
    return labels.action_label(entry, lambda m: _t(ctx, m), lambda f: field_label(ctx, f),
                               lambda n: digits(n, lang))


@pass_context
def kind_label(ctx, kind: str) -> str:
    msg = labels.KIND_LABELS.get(kind)
    return _t(ctx, msg) if msg else kind


@pass_context
def month_name(ctx, month: str) -> str:
    """``YYYY-MM`` as a month name and year in the page's language and digits."""
    from daftar_archive.timeline import month_label

    return month_label(str(month), page_lang(ctx))


@pass_context
def timeline_chart(ctx, counts: list, name: str | None = None) -> Markup:
    """The articles-per-month chart of ``counts`` for this page: bars link to the month
    pages, every label in the page's language and digits."""
    if not counts:
        return Markup("")
    from daftar_archive.timeline import timeline_svg

    site = ctx.get("SITEURL") or ""
    return timeline_svg(counts, lambda m: f"{site}/archives/{m}.html", lang=page_lang(ctx),
                        labels={"chart": name or _t(ctx, labels.CHART_LABELS["chart"]),
                                "bar": _t(ctx, labels.CHART_LABELS["bar"])},
                        rtl=_rtl(page_lang(ctx)))


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
    filters.update({"digits": digits, "display_date": display_date, "http_url": http_url,
                    "zone_label": zone_label, "lang_name": lang_name, "rule_label": rule_label,
                    "field_label": field_label, "log_action": log_action, "kind_label": kind_label, "log_groups": labels.log_groups,
                    "month_name": month_name})
    s["JINJA_FILTERS"] = filters
    glob = dict(s.get("JINJA_GLOBALS") or {})
    glob["timeline_chart"] = timeline_chart
    glob["page_language"] = pass_context(page_lang)
    s["JINJA_GLOBALS"] = glob
    _CATALOGS.clear()
    _CATALOGS.update(load_catalogs(os.path.join(s["THEME"], "translations")))


def install(generator):
    env = getattr(generator, "env", None)
    if env is not None and hasattr(env, "install_gettext_callables"):
        env.install_gettext_callables(_gettext, _ngettext, newstyle=True)


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(install)
