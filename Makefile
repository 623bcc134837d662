# Everyday commands; CI runs .ci/run.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install test lint schemas bench docs screenshot seeds

$(PY):
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -e '.[test]'

install: $(PY)

test: $(PY)
	$(VENV)/bin/pytest

lint: $(PY)
	$(VENV)/bin/ruff check claimtrack tests benchmarks
	$(VENV)/bin/ruff format --check claimtrack tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

schemas: $(PY)
	$(PY) -m claimtrack.schemas schemas

docs: $(PY)
	$(PY) docs/make_cli_md.py > docs/CLI.md

screenshot: $(PY)
	$(PY) docs/make_screenshot.py docs/report-screenshot.png

bench: $(PY)
	$(PY) benchmarks/quality.py --gold benchmarks/gold
	$(PY) benchmarks/quality.py --polnear ../shared/data/polnear/dev
	$(PY) benchmarks/speed.py --articles 2000

seeds: $(PY)
	$(VENV)/bin/claimtrack ingest seeds/ && $(VENV)/bin/claimtrack claims
