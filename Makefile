# Two commands for a new user: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# Development defaults; production sets its own environment (see README).
export DEBUG ?= 1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup venv migrate seed lint format migrations-check messages check-deploy reset-db stop-db bench load

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The git-ignored development settings that settings.py reads, so that the README's
# `.venv/bin/python manage.py …` lines work as written; the environment still wins.
.env:
	@printf '%s\n' '# Development settings written by make; git-ignored. Production sets its own environment.' 'DEBUG=1' > $@

venv: $(VENV)/.installed .env

migrate: venv
	$(PY) manage.py migrate --noinput

setup: migrate

# seed_demo writes only into a database made for the demo (a fresh embedded one, which it marks,
# or one marked before); DEMO_OPT_IN=1 says a database on a server is a throwaway one.
seed: setup
	$(PY) manage.py seed_demo $(if $(DEMO_OPT_IN),--i-know-this-is-not-production)

run: seed
	@echo ""
	@echo "  Portal:  http://$(HOST):$(PORT)/"
	@echo "  Demo accounts: admin, editor, secretary, member, reporter, partner — password demo12345"
	@echo "  Background tasks (mail, large exports): one worker runs beside the server and stops with it"
	@echo ""
	$(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

# Two workers, one per core of our machines (each gets its own test database). The server is
# started (or found running) once before they are, so they never race to create it.
test: venv
	$(PY) -c "import regionalprogram.settings" >/dev/null
	TESTING=1 $(PY) -m pytest -n 2

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

migrations-check: venv
	$(PY) manage.py makemigrations --check --dry-run

# Rebuilds the .po catalogues from the code and compiles them (needs GNU gettext; the compiled
# .mo files are committed so a fresh machine does not).
messages: venv
	$(PY) manage.py makemessages -l ky -l ru -l en --no-obsolete --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages --ignore=.venv

check-deploy: venv
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=regions.example.kg \
		PORTAL_URL=https://regions.example.kg $(PY) manage.py check --deploy --fail-level WARNING

# Stops the embedded PostgreSQL and deletes its data; the next `make run` starts from scratch.
reset-db: venv
	-$(PY) -m regionalprogram.embedded_db delete .pgdata
	rm -rf .pgdata

stop-db: venv
	-$(PY) -m regionalprogram.embedded_db stop .pgdata

# Builds throwaway databases with synthetic plans of each size (generate_synthetic), times the
# pages, API calls, exports and import people wait for, prints a table and writes .bench/results.json;
# the databases are dropped afterwards. `make bench BENCH_SIZES=1000` for a quick run.
BENCH_SIZES ?= 1000 10000 100000
bench: migrate
	$(PY) manage.py bench_api --sizes "$(BENCH_SIZES)"

# The production recipe (gunicorn, DEBUG off, collected static files) on loopback against the
# current database, driven by locust for LOAD_SECONDS with LOAD_USERS simulated people (readers,
# partners and LOAD_EDITORS editors saving); prints req/s, p50/p95/p99 and errors per route and
# fails on any error. Needs a seeded database (`make seed`). Only for this run, the API's rate
# limits are raised and HTTPS is off (load/run.py says why).
LOAD_SECONDS ?= 60
LOAD_USERS ?= 8
LOAD_EDITORS ?= 1
LOAD_WORKERS ?= 3
load: migrate
	LOAD_EDITORS=$(LOAD_EDITORS) $(PY) load/run.py --seconds $(LOAD_SECONDS) --users $(LOAD_USERS) \
		--workers $(LOAD_WORKERS)
