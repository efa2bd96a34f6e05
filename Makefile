# The two commands of the README (`make site`, `make test`), and the maintainers' tasks.
# Both create .venv on first use; they reinstall only when pyproject.toml or the plugins change.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PLUGIN_FILES := $(shell find plugins -type f -not -path '*/__pycache__/*' -not -name '*.pyc' 2>/dev/null)

.PHONY: site test serve clean catalogs golden screenshots settings-table

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml $(PLUGIN_FILES)
	$(BIN)/pip install -q .
	@rm -rf build plugins/*.egg-info
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q ".[test]"
	@rm -rf build plugins/*.egg-info
	@if command -v npm >/dev/null 2>&1; then npm install --prefix tests/tools --no-audit --no-fund --silent; fi
	@touch $@

# Build the archive website into output/ from the seeds in seeds/.
site: $(VENV)/.installed
	$(BIN)/pelican content -s pelicanconf.py

# Run the whole test suite (unit, golden, integration builds, browser tests in chromium).
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Preview on http://127.0.0.1:8000/, rebuilding when a seed, the gazetteer or the theme changes.
serve: $(VENV)/.installed
	$(BIN)/pelican content -s pelicanconf.py --autoreload --listen --port 8000

# Interface strings: extract from the templates, merge into the fa/ar catalogs.
catalogs: $(VENV)/.installed-test
	$(BIN)/pybabel extract -F babel.cfg -o themes/daftar/messages.pot --no-location --sort-output --omit-header .
	$(BIN)/pybabel update -i themes/daftar/messages.pot -d themes/daftar/translations --no-wrap --omit-header --ignore-obsolete

# Golden files of the cleaned seeds.
golden: $(VENV)/.installed-test
	$(BIN)/python tests/golden/regenerate.py

# Screenshots of the built site (docs/screenshots/).
screenshots: site $(VENV)/.installed-test
	$(BIN)/python scripts/screenshots.py

# The README's table of settings.
settings-table: $(VENV)/.installed
	$(BIN)/python scripts/settings_table.py

clean:
	rm -rf output output.building cache build plugins/*.egg-info $(VENV)/.installed $(VENV)/.installed-test
