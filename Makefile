# Kumppani: `make run` serves the app with demo data, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/kumppani
HOST ?= 127.0.0.1
PORT ?= 8000
RUN_URL = http://$(HOST):$(PORT)

.PHONY: install run test lint test-sqlite test-postgres bench messages clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable ".[dev]"
	@touch $(STAMP)
	@mkdir -p var
	@$(MAKE) --no-print-directory messages

messages:
	@DEBUG=1 $(PY) manage.py build_translations

# Settings for manage.py run by hand (`.venv/bin/python manage.py shell`), written once.
.env:
	@printf '# Written by make run for development; environment variables win.\nDEBUG=1\nSECRET_KEY=%s\nSITE_URL=%s\n' \
		"$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" "$(RUN_URL)" > $@
	@echo "Wrote .env (DEBUG=1, a generated SECRET_KEY, SITE_URL=$(RUN_URL)); git ignores it."

# The server, a task worker and the periodic jobs; Ctrl+C stops all three.
run: install .env
	@mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py seed_demo
	@echo "Serving Kumppani at $(RUN_URL)/ with a task worker (stop with Ctrl+C)"
	@export DEBUG=1 SITE_URL="$(RUN_URL)" TASKS_BACKEND=db; \
	$(PY) manage.py db_worker --no-reload --interval 1 --verbosity 0 & worker=$$!; \
	$(PY) manage.py run_periodic_jobs --every 15 & periodic=$$!; \
	trap 'kill $$worker $$periodic 2>/dev/null; wait $$worker $$periodic 2>/dev/null' EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	KUMPPANI_TESTING=1 $(VENV)/bin/mypy kumppani
	$(VENV)/bin/lint-imports
	KUMPPANI_TESTING=1 $(PY) manage.py check
	KUMPPANI_TESTING=1 $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install
	@echo "== pytest on SQLite =="
	env -u DATABASE_URL KUMPPANI_TESTING=1 $(VENV)/bin/pytest -n 2

test-postgres: install
	@if $(PY) bench/pg_available.py "$(PG_URL)"; then \
		echo "== pytest on PostgreSQL (browser tests run once, on SQLite) =="; \
		DATABASE_URL="$(PG_URL)" KUMPPANI_TESTING=1 $(VENV)/bin/pytest -n 2 -m "not browser"; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(PG_URL), and CI requires it." >&2; exit 1; \
	else \
		echo "== PostgreSQL not reachable at $(PG_URL): skipping the PostgreSQL run =="; \
	fi

test: install
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory lint test-sqlite test-postgres || exit $$?; \
	echo "make test: all checks passed in $$(( $$(date +%s) - start )) s (installs excluded)"

# The full benchmark (100,000 services; BENCH_ARGS="--services 5000" for a quick run).
bench: install
	@command -v wrk >/dev/null || apt-get install -y wrk || \
		echo "wrk could not be installed: the HTTP throughput will not be measured" >&2
	DATABASE_URL="$(PG_URL)" $(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/static
