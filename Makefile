# The two commands of the README. Both create .venv on first use and install into it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: site test serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Build the archive website into output/ from the seeds in seeds/.
site: $(BIN)/python
	$(BIN)/pip install -q .
	$(BIN)/pelican content -s pelicanconf.py

# Run the whole test suite (unit, golden, integration builds, browser tests in chromium).
test: $(BIN)/python
	$(BIN)/pip install -q ".[test]"
	$(BIN)/python -m pytest

# Preview on http://127.0.0.1:8000/
serve: site
	$(BIN)/pelican --listen --port 8000

clean:
	rm -rf output build *.egg-info
