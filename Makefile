# Two commands set everything up (README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=

.PHONY: demo test install install-dev serve samples lint format chromium bench clean messages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamp files so a second `make` does not reinstall; they are redone when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

samples: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_releases samples/
	$(PY) manage.py rebuild_index

serve: install
	$(PY) manage.py collectstatic --noinput --verbosity 0
	DEBUG=$${DEBUG:-0} ARCHIVE_HTTPS=$${ARCHIVE_HTTPS:-0} $(VENV)/bin/gunicorn archive.wsgi:application \
		--config archive/gunicorn_conf.py --bind $(HOST):$(PORT)

demo: samples
	@echo "Serving the archive on http://$(HOST):$(PORT)/  (admin: make superuser, then /admin/)"
	$(MAKE) --no-print-directory serve

# Without a terminal (scripts, CI, containers): set DJANGO_SUPERUSER_USERNAME, _EMAIL and _PASSWORD.
superuser: install
	@if [ -n "$$DJANGO_SUPERUSER_USERNAME" ] && [ -n "$$DJANGO_SUPERUSER_PASSWORD" ]; then \
		$(PY) manage.py migrate --noinput --verbosity 0 && \
		$(PY) manage.py createsuperuser --noinput --username "$$DJANGO_SUPERUSER_USERNAME" \
			--email "$${DJANGO_SUPERUSER_EMAIL:-}"; \
	else \
		$(PY) manage.py createsuperuser; \
	fi

# Browser tests need Debian's Chromium; install it when it is missing and we may (root or sudo). Without
# --no-install-recommends apt pulls about 570 MB of desktop packages the headless browser never uses;
# fonts-noto-cjk is needed for Chinese text in screenshots.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Chromium is missing: installing Debian's chromium package"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk; \
	fi
	@test -x "$(CHROMIUM)" || { echo "Chromium is still missing at $(CHROMIUM)"; exit 1; }

test: install-dev chromium
	$(PY) -m ruff check .
	CHROMIUM=$(CHROMIUM) $(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Refresh the English catalogue after changing interface strings; tests fail on untranslated ones.
messages: install-dev
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench \
		--ignore=scripts --ignore=samples --ignore='*.egg-info' --ignore=static
	$(PY) manage.py compilemessages -l en -l zh_Hans --ignore=.venv --ignore=var

bench: install-dev
	$(PY) bench/extraction.py
	$(PY) bench/search.py --releases 2000

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache test-artifacts
