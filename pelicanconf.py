"""Pelican settings for Daftar. `pelican content` (or `pelican content -s pelicanconf.py`)."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# The plugins import their shared core (daftar_text) as a top-level package.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

AUTHOR = "Daftar"
SITENAME = "دفتر"
SITESUBTITLE = "بایگانی دیجیتال روابط ایران و روسیه · أرشيف رقمي للعلاقات الإيرانية الروسية"
SITEURL = ""
RELATIVE_URLS = True  # works from file://, from the host root and from a sub-path (/daftar/)

PATH = "content"
OUTPUT_PATH = "output"
THEME = "themes/daftar"
PAGE_PATHS = ["pages"]
STATIC_PATHS = []

PLUGIN_PATHS = ["plugins"]
# The order here does not matter: the plugins' stages run in the order daftar_seeds states.
PLUGINS = ["daftar_markdown", "daftar_seeds", "daftar_theme", "daftar_links", "daftar_archive",
           "daftar_exports", "daftar_search"]

# Every Daftar setting, with its default and meaning, is in the README's settings table.
# Where the scraped pages are read from (relative to this folder): every *.txt is an article.
DAFTAR_SEEDS_PATH = "seeds"
# When the seeds were captured: a page that gives a day and month without a year, and states
# no capture date of its own, is dated against this (and marked "year inferred").
DAFTAR_SEEDS_REFERENCE_DATE = "2024-11-21"

TIMEZONE = "UTC"
DEFAULT_LANG = "fa"
DEFAULT_DATE = None  # never invent a date: undated seeds are handled by daftar_seeds

ARTICLE_URL = "articles/{slug}.html"
ARTICLE_SAVE_AS = "articles/{slug}.html"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
PAGE_URL = "pages/{slug}.html"
PAGE_SAVE_AS = "pages/{slug}.html"
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS
DIRECT_TEMPLATES = []  # the home, archives and search pages are written by daftar_archive
# Pelican's own taxonomy pages slugify Persian/Arabic into colliding ASCII: off.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = False

# Feeds need real dates; Pelican's would stamp undated articles. Off until daftar writes its own.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_SOURCES = False
