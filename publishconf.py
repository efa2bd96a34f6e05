"""Settings for publishing (GitHub Pages): `pelican content -s publishconf.py`.

URLs stay relative, so the site works at https://USER.github.io/REPO/ (a sub-path) as well as
at a domain's root. SITEURL (from the environment) is used only where an absolute URL is
required (canonical links, citations, sitemap).
"""
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "")
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True
