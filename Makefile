# crm_biuro — the two commands a newcomer needs are `make run` and `make test`.
# Variables: VENV (.venv), ODOO_SRC (/opt/odoo-18.0), ADDONS (all seven), HTTP_PORT (8069),
# DB, KEEP_DB=1 (keep the test database), PYTEST_ARGS, PYTEST_PATHS (default tests/).
SHELL := /bin/bash
VENV ?= .venv
export VENV ODOO_SRC ADDONS HTTP_PORT DB KEEP_DB PYTEST_ARGS PYTEST_PATHS
PY := $(VENV)/bin/python
ADDON_DIRS := $(patsubst %/__manifest__.py,%,$(wildcard crm_biuro*/__manifest__.py))

.PHONY: help venv run stop test lint dist bench bench-mail bench-verify bench-nodes bench-search bench-billing clean pot readme

help:
	@echo "make run    - demo database with the seven addons, served on http://localhost:8069"
	@echo "make test   - fresh database, Odoo tests of the addons, then the pytest suites"
	@echo "make lint   - ruff, pylint-odoo (OCA mandatory checks), XML well-formedness"
	@echo "make dist   - build the seven addon wheels into dist/"
	@echo "make stop   - stop the private PostgreSQL cluster, if one was started"
	@echo "make pot    - re-export the .pot templates of the addons"
	@echo "make bench  - the benchmarks (bench-mail, bench-verify, bench-nodes, bench-search, bench-billing); results go into the README"

venv:
	@bash -c 'source setup/lib.sh && ensure_venv'

run:
	@bash setup/run.sh

stop:
	@bash -c 'source setup/lib.sh && stop_private_cluster'

test:
	@bash setup/test.sh

lint: venv
	@bash setup/lint.sh

dist: venv
	@rm -rf dist && mkdir -p dist
	@for addon in $(ADDON_DIRS); do \
		$(PY) -m build --wheel --no-isolation --outdir dist $$addon >/dev/null || exit 1; \
	done
	@ls dist

bench:
	@bash setup/bench.sh mail verify nodes search billing

bench-mail:
	@bash setup/bench.sh mail

bench-verify:
	@bash setup/bench.sh verify

bench-nodes:
	@bash setup/bench.sh nodes

bench-search:
	@bash setup/bench.sh search

bench-billing:
	@bash setup/bench.sh billing

readme:
	@python3 setup/gen_addon_readme.py

pot: venv
	@bash setup/pot.sh

clean:
	rm -rf dist build */build */*.egg-info .local/test
