"""Settings for publishing (GitHub Pages): `pelican content -s publishconf.py`.

URLs stay relative, so the site works at https://USER.github.io/REPO/ (a sub-path) as well as
at a domain's root. SITEURL (from the environment) is the one base of every absolute URL
(canonical links, og:url, citations, JSON-LD, sitemap, feeds); without it those are not written.
"""
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "")
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True
