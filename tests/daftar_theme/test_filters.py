"""The theme's filters put machine values into the page's language: language names, zones,
month names, digits, cleaning-log labels, the timeline chart."""
from __future__ import annotations

import jinja2
import pytest

from daftar_theme import daftar_theme as theme
from daftar_theme.catalogs import load_catalogs
from support import ROOT


@pytest.fixture(scope="module")
def env():
    theme._CATALOGS.clear()
    theme._CATALOGS.update(load_catalogs(ROOT / "themes" / "daftar" / "translations"))
    e = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    e.install_gettext_callables(theme._gettext, theme._ngettext, newstyle=True)
    e.filters.update({"digits": theme.digits, "display_date": theme.display_date, "zone_label": theme.zone_label,
                      "lang_name": theme.lang_name, "rule_label": theme.rule_label, "log_action": theme.log_action,
                      "month_name": theme.month_name})
    e.globals.update({"timeline_chart": theme.timeline_chart, "page_language": jinja2.pass_context(theme.page_lang)})
    return e


def render(env, source, lang, **ctx):
    return env.from_string(source).render(page_lang=lang, **ctx)


@pytest.mark.parametrize("lang,expected", [("fa", "فارسی عربی انگلیسی"), ("ar", "الفارسية العربية الإنجليزية")])
def test_language_names_in_the_page_language(env, lang, expected):
    assert render(env, "{{ 'fa'|lang_name }} {{ 'ar'|lang_name }} {{ 'en'|lang_name }}", lang) == expected


@pytest.mark.parametrize("iso,lang,expected", [
    ("2020-07-22T03:12Z", "ar", "بتوقيت غرينتش"),
    ("2020-07-22T03:12Z", "fa", "به وقت گرینویچ"),
    ("2021-08-12T13:26+03:30", "fa", 'به وقت گرینویچ <bdi dir="ltr">+۰۳:۳۰</bdi>'),
    ("2021-08-12T13:26", "fa", ""),
])
def test_zones_are_words(env, iso, lang, expected):
    assert render(env, "{{ (iso|display_date(page_lang))|zone_label }}", lang, iso=iso) == expected


def test_month_names_and_digits(env):
    assert render(env, "{{ '2020-07'|month_name }}", "fa") == "ژوئیه ۲۰۲۰"
    assert render(env, "{{ '2020-07'|month_name }}", "ar") == "يوليو ٢٠٢٠"


def test_cleaning_log_entry(env):
    e = {"rule": "take_label_value_lines", "action": "meta", "field": "news_code", "line": 9}
    out = render(env, "{{ e.rule|rule_label }} | {{ e|log_action }}", "ar", e=e)
    assert out == "سطر بيانات وصفية ذو تسمية | بيانات وصفية: رقم الخبر"


def test_unknown_rule_shows_its_name(env):
    assert render(env, "{{ 'a_new_rule'|rule_label }}", "fa") == "a_new_rule"


def test_timeline_in_the_page_language(env):
    counts = [{"month": "2020-07", "fa": 0, "ar": 2}, {"month": "2020-08", "fa": 1, "ar": 0}]
    svg = render(env, "{{ timeline_chart(counts) }}", "fa", counts=counts, SITEURL="..")
    assert 'href="../archives/2020-07.html"' in svg
    assert 'aria-label="ژوئیه ۲۰۲۰: ۰ فارسی، ۲ عربی"' in svg
    assert 'aria-label="شمار مقاله‌ها در هر ماه"' in svg
    assert ">۲۰۲۰</text>" in svg


def test_seed_text_stays_escaped_in_the_chart(env):
    svg = render(env, "{{ timeline_chart(counts, name) }}", "fa",
                 counts=[{"month": "2020-07", "fa": 1, "ar": 0}], name='<script>"x"</script>', SITEURL="")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
