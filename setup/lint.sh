#!/usr/bin/env bash
# `make lint`: ruff (lint + format), pylint-odoo with OCA's mandatory 18.0 checks, and
# XML well-formedness, all from pip-installed tools (no pre-commit network hooks).
source "$(dirname "$0")/lib.sh"
cd "$REPO"
ADDON_DIRS=(crm_biuro crm_biuro_verify crm_biuro_mail crm_biuro_portal crm_biuro_billing)
status=0

info "ruff check"
"$VENV/bin/ruff" check . || status=1
info "ruff format --check"
"$VENV/bin/ruff" format --check . || status=1
info "pylint-odoo (mandatory checks)"
"$VENV/bin/pylint" --rcfile=.pylintrc-mandatory "${ADDON_DIRS[@]}" || status=1
info "XML well-formedness"
git ls-files -co --exclude-standard '*.xml' | "$PY" -c '
import sys
from lxml import etree
bad = 0
for path in sys.stdin.read().split():
    try:
        etree.parse(path)
    except etree.XMLSyntaxError as exc:
        print(f"{path}: {exc}")
        bad = 1
sys.exit(bad)
' || status=1
info "addon README.rst generated from readme/ fragments"
"$PY" setup/gen_addon_readme.py --check || status=1
[ $status = 0 ] && info "lint clean"
exit $status
