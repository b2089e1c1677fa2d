# Safeguard: two commands do all the set-up. `make run` serves a demo; `make test` tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_CHILDREN ?= 3000
DEMO_SEED ?= 2026

.PHONY: run test install lint bench browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml package.json | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	npm install --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --children $(DEMO_CHILDREN) --seed $(DEMO_SEED)
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.django.test
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)
	$(MAKE) --no-print-directory browser-deps
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

# Debian's Chromium drives the browser tests; Playwright's own browser download does not work here.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3*
