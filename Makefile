# Two commands: `make run` (set up and serve the demo) and `make test` (set up and run the suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PERSONS ?= 2000
SEED ?= 2021
HOST ?= 127.0.0.1:8000

.PHONY: setup run test lint format screenshots bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --persons $(PERSONS) --seed $(SEED)
	@echo "Portal Inburgering: http://$(HOST)/  (stop with Ctrl-C)"
	$(PY) manage.py runserver $(HOST)

test: setup
	DJANGO_SETTINGS_MODULE=pib.settings.test $(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

screenshots: setup
	$(PY) scripts/screenshots.py

# Issue 15: pages at 10 000 and 1 000 000 persons, extracts against COPY, a 50-user load run; writes
# docs/performance.md. PostgreSQL on 127.0.0.1 (user postgres) and Redis; existing databases via
# BENCH_DATABASE_URL_10K / BENCH_DATABASE_URL_1M, else pib_bench_10k / pib_bench_1m are created and seeded.
bench: setup
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	$(PY) scripts/bench.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
