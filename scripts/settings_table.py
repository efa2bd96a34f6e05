"""Print the README's table of every Daftar setting: `python scripts/settings_table.py`.

The table is made from the plugins' own settings tables; tests/site/test_pipeline.py checks that
the README holds exactly this table.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins")]

import daftar_archive.daftar_archive  # noqa: E402,F401 - each adapter registers its table
import daftar_exports.daftar_exports  # noqa: E402,F401
import daftar_links.daftar_links  # noqa: E402,F401
import daftar_search.daftar_search  # noqa: E402,F401
import daftar_theme.daftar_theme  # noqa: E402,F401
from daftar_seeds.daftar_seeds import settings_tables  # noqa: E402
from daftar_seeds.settings import markdown_table  # noqa: E402

if __name__ == "__main__":
    print(markdown_table(settings_tables()), end="")
