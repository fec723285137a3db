# Two commands: `make run` (demo on SQLite) and `make test` (the whole suite).
# Both create .venv with a Python >= 3.12 and install what they need.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SAMPLES := fixtures/sample_articles

.PHONY: run test setup demo lint format demo-fixture bench clean serve worker

$(VENV)/.installed: pyproject.toml
	@python="$$(.ci/find-python)" || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(VENV)/.installed

# Set up, migrate, load the gazetteer, ingest the sample articles, serve on http://$(HOST):$(PORT)
# with a background worker beside the server (it reads the reports editors add in the browser).
run: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_gazetteer
	DEBUG=1 $(PY) manage.py ingest $(SAMPLES)
	@echo "Serving the chronology on http://$(HOST):$(PORT)/  (admin: create a user with 'DEBUG=1 $(PY) manage.py createsuperuser')"
	DEBUG=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	  DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite: unit, view, command and real-Chromium browser tests.
# DATABASE_URL=postgres://… runs it against PostgreSQL; default SQLite.
test: $(VENV)/.installed
	@.ci/ensure-chromium
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) -m pytest $(PYTEST_ARGS)

# Fill an empty database with the demo data set from fixtures/demo.json.
demo: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py loaddata demo

# Rebuild fixtures/demo.json from the sample articles (after changing the extractor).
demo-fixture: $(VENV)/.installed
	rm -f var/demo-build.sqlite3
	DATABASE_URL=sqlite:///var/demo-build.sqlite3 $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=sqlite:///var/demo-build.sqlite3 $(PY) manage.py load_gazetteer
	DATABASE_URL=sqlite:///var/demo-build.sqlite3 $(PY) manage.py ingest $(SAMPLES) -v0
	DATABASE_URL=sqlite:///var/demo-build.sqlite3 $(PY) manage.py dumpdata articles timeline --indent 1 \
	  -e articles.historicalarticle -e timeline.historicalevent -e timeline.historicalactor \
	  -e timeline.historicalcitation -o fixtures/demo.json
	rm -f var/demo-build.sqlite3

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles var screenshots

# Production server: gunicorn + WhiteNoise on PostgreSQL (psycopg pool). Needs DATABASE_URL and
# SECRET_KEY; HTTPS_OFF=1 for plain HTTP on this machine. WORKERS/THREADS/BIND to tune.
WORKERS ?= 2
THREADS ?= 4
BIND ?= 127.0.0.1:8000
serve: $(VENV)/.installed
	@[ -n "$$DATABASE_URL" ] || { echo "serve: set DATABASE_URL=postgres://… (production runs on PostgreSQL)"; exit 2; }
	@[ -n "$$SECRET_KEY" ] || { echo "serve: set SECRET_KEY to 50+ random characters"; exit 2; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/gunicorn timeline.wsgi --workers $(WORKERS) --threads $(THREADS) --bind $(BIND) \
	  --access-logfile - --timeout 60

# Production background worker (reports added in the browser): run one or more beside `make serve`,
# on this machine or others; all pointed at the same DATABASE_URL take tasks from one queue.
worker: $(VENV)/.installed
	@[ -n "$$DATABASE_URL" ] || { echo "worker: set DATABASE_URL to the server's database"; exit 2; }
	$(PY) manage.py db_worker --no-reload
