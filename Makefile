# Berkas ASN — the two commands a new user needs:
#   make run    set up everything and serve the embedded default on http://127.0.0.1:8000
#   make test   run the test suite (real PostgreSQL/Redis/S3 when present; REQUIRE_SERVICES=1 demands them)
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
DEB_PACKAGES := python3-venv tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng poppler-utils softhsm2 opensc \
                libnss3-tools fonts-dejavu-core gettext redis-server
PYTEST_ARGS ?=
# the browser tests drive Debian's Chromium, the SSO tests run node (tests only; `make run` needs neither)
test: DEB_PACKAGES += chromium nodejs

OIDC_PROVIDER_DIR := tests/support/oidc_provider

.PHONY: run test system-deps venv migrate demo worker beat bench clean test-oidc-provider test-axe

system-deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages. Run:  sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# `make run` keeps the console for what a new user needs; the rest (library warnings, each task) goes here.
RUN_DATA_DIR = $${DATA_DIR:-var}
RUN_ENV = LOG_FILE=$(RUN_DATA_DIR)/berkas.log

migrate: system-deps venv
	@echo "Preparing the database (embedded default: SQLite under $(RUN_DATA_DIR); DATABASE_URL for PostgreSQL)"
	@$(RUN_ENV) $(PY) manage.py migrate --noinput -v 0

demo: migrate
	@$(RUN_ENV) $(PY) manage.py load_demo --with-documents

run: demo
	@echo "Serving Berkas ASN on http://127.0.0.1:8000 (embedded default: SQLite, local objects, in-process tasks"
	@echo "and scheduler). Data: $(RUN_DATA_DIR)/ · log: $(RUN_DATA_DIR)/berkas.log · Ctrl-C stops."
	@$(RUN_ENV) DEBUG=1 $(PY) manage.py run_scheduler & scheduler=$$!; trap "kill $$scheduler" EXIT; \
	$(RUN_ENV) DEBUG=1 $(PY) manage.py runserver --noreload 127.0.0.1:8000

worker: venv
	$(VENV)/bin/celery -A config worker -l info -Q default,ocr,intake,index,signing --concurrency=2

# The scheduled duties (settings.CELERY_BEAT_SCHEDULE): one beat process per deployment, beside the workers.
beat: venv
	$(VENV)/bin/celery -A config beat -l info --schedule $${DATA_DIR:-var}/celerybeat-schedule

# The single sign-on tests run a real OpenID Connect provider (npm oidc-provider, pinned by its
# package-lock.json) under node. Installed here with `npm ci`; missing node fails when REQUIRE_SERVICES=1.
test-oidc-provider:
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
	  stamp=$(OIDC_PROVIDER_DIR)/node_modules/.berkas-installed; \
	  if [ ! -f $$stamp ] || [ $(OIDC_PROVIDER_DIR)/package-lock.json -nt $$stamp ]; then \
	    (cd $(OIDC_PROVIDER_DIR) && npm ci --no-audit --no-fund) && touch $$stamp; \
	  fi; \
	elif [ "$${REQUIRE_SERVICES:-}" = 1 ]; then \
	  echo "REQUIRE_SERVICES=1 but node/npm are missing: the single sign-on tests need them"; exit 1; \
	else \
	  echo "node/npm missing: the single sign-on tests will skip"; \
	fi

# The accessibility browser test injects axe-core (npm, pinned by its package-lock.json).
AXE_DIR := tests/support/axe
test-axe:
	@if command -v npm >/dev/null 2>&1; then \
	  stamp=$(AXE_DIR)/node_modules/.berkas-installed; \
	  if [ ! -f $$stamp ] || [ $(AXE_DIR)/package-lock.json -nt $$stamp ]; then \
	    (cd $(AXE_DIR) && npm ci --no-audit --no-fund) && touch $$stamp; \
	  fi; \
	else \
	  echo "npm missing: the accessibility test will skip"; \
	fi

# One pytest worker per core (pytest-xdist; a worker that runs out steals from the other, so no long test
# waits at the end): each has its own test database, SeaweedFS, Celery worker
# and Redis key prefix. TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
test: system-deps venv test-oidc-provider test-axe
	eval "$$($(PY) tests/support/detect_services.py)" && $(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

bench: system-deps venv
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script; done

clean:
	rm -rf var .pytest_cache
