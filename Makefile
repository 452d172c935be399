# Two commands for a newcomer: `make run` and `make test`. Both set up everything
# they need first (virtualenv, Python packages from the lock, KERN UX from npm).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded default runs in development mode; production sets DEBUG=false.
export DEBUG ?= true

.PHONY: run test setup browser-tools bench lint format lock messages clean

# Links in every email (the demo's too) point at the port the portal runs on.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup browser-tools
	$(PY) -m pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

# Chromium (browser journeys, axe), Java (the Nu HTML checker) and nginx (the proxy's
# real configuration under test, deploy/nginx.conf) come from Debian's packages. Installed when missing and we are root; otherwise the tests that need them
# skip and say how to enable them (under CI a missing browser is a failure).
browser-tools:
	@if [ ! -x /usr/bin/chromium ] || ! command -v java >/dev/null 2>&1 || [ ! -x /usr/sbin/nginx ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing chromium, java and nginx (Debian packages)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				chromium default-jre-headless nginx-light >/dev/null; \
		else \
			echo "Browser and proxy tests will skip: run 'sudo apt-get install chromium default-jre-headless nginx-light'"; \
		fi; \
	fi

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The load run (README, "Speed"): a network-sized data set on the local PostgreSQL,
# the portal under gunicorn beside a trivial Django view, wrk at 1, 8 and 32
# connections; the table goes to test-artifacts/bench.md. Not part of `make test`.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/hubportal_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/13
BENCH_SCALE ?= 1
BENCH_ARGS ?=
bench: setup
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
		{ echo "make bench needs wrk: sudo apt-get install wrk"; exit 1; }
	$(PY) -m bench.prepare --database-url $(BENCH_DATABASE_URL) \
		--redis-url $(BENCH_REDIS_URL) --scale $(BENCH_SCALE)
	$(PY) -m bench.load --database-url $(BENCH_DATABASE_URL) \
		--redis-url $(BENCH_REDIS_URL) $(BENCH_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports  # the layers (pyproject.toml, [tool.importlinter])

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-pin every Python package after changing pyproject.toml. Every pin carries its
# hashes, so pip refuses a package that differs from the one reviewed. Two locks:
# requirements.lock is what production runs (the Dockerfile), requirements-dev.lock
# adds the test and build tools (make setup); the same versions in both.
PIN = $(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --generate-hashes \
	--no-emit-index-url --no-emit-find-links
lock: $(VENV)/.installed
	$(PIN) --extra dev -o requirements-dev.lock pyproject.toml
	cp requirements-dev.lock requirements.lock  # start from the same pins
	$(PIN) -o requirements.lock pyproject.toml

# Refresh German and English catalogues after changing strings (needs GNU gettext);
# then write the German texts into locale/de/LC_MESSAGES/django.po and run it again.
messages: setup
	$(PY) manage.py makemessages --all --ignore=node_modules --ignore=.venv --ignore=tests --no-obsolete
	$(PY) scripts/english_catalogue.py
	$(PY) manage.py compilemessages --ignore=node_modules --ignore=.venv

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
