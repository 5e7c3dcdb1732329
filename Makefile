# tradepost: `make run` serves the demo marketplace, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
PG_URL ?= postgres://postgres@127.0.0.1:5432/tradepost
PG_REDIS_URL ?= redis://127.0.0.1:6379/1

.PHONY: run install messages migrate demo search-index static serve test test-pg lint format browser-deps bench

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	@cd tradepost && ../$(PY) ../manage.py compilemessages --verbosity 0

migrate: $(STAMP)
	$(PY) manage.py migrate --no-input --verbosity 0

demo: migrate
	$(PY) manage.py demo --if-empty --quiet

search-index: migrate
	$(PY) manage.py rebuild_search_index --if-empty --quiet

static: $(STAMP)
	$(PY) manage.py collectstatic --no-input --verbosity 0

run: install messages migrate demo search-index static
	@bin/serve

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Debian's Chromium and fonts (CJK, Thai, Arabic, Hebrew) for the Playwright browser tests.
browser-deps:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk >/dev/null)

test: install messages lint browser-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-pg: install messages browser-deps
	DATABASE_URL=$(PG_URL) REDIS_URL=$(PG_REDIS_URL) $(VENV)/bin/pytest $(PYTEST_ARGS)

bench: install
	$(PY) bench/home_latency.py
