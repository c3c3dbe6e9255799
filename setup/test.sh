#!/usr/bin/env bash
# `make test`: a throw-away database, the addons installed with their Odoo tests, then the
# pytest suites of tests/ (XML-RPC, pure-Python units) against that database. Ends with one
# line "N passed, N failed[, N skipped]" and fails on any failed test and on any ERROR or
# WARNING line in the Odoo log (a skipped browser tour is only a warning, see README).
source "$(dirname "$0")/lib.sh"

ADDONS=${ADDONS:-$ALL_ADDONS}
DB=${DB:-crm_biuro_test_$$}
OUT=$LOCAL/test
PYTEST_ARGS=${PYTEST_ARGS:-}
# PYTEST_PATHS narrows the pytest part (e.g. "tests/xmlrpc"); default: all of tests/.
PYTEST_PATHS=${PYTEST_PATHS:-$REPO/tests}

ensure_venv
ensure_postgres
mkdir -p "$OUT"
ODOO_LOG=$OUT/odoo-$DB.log
JUNIT=$OUT/pytest-$DB.xml
rm -f "$ODOO_LOG" "$JUNIT"

cleanup() {
    if [ -z "${KEEP_DB:-}" ]; then
        # --force: the XML-RPC suite's server may still hold a connection
        dropdb --if-exists --force "$DB" >/dev/null 2>&1 ||
            dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT
dropdb --if-exists "$DB" >/dev/null 2>&1 || true

tags=$(printf '%s' "$ADDONS" | sed 's/[^,]*/\/&/g')
info "Installing $ADDONS into $DB with their tests ($tags)"
set +e
odoo_bin -d "$DB" -i "$ADDONS" --test-enable --test-tags="$tags" --load-language=pl_PL \
    --http-interface=127.0.0.1 --http-port="$(free_port)" --stop-after-init \
    --log-level=info --max-cron-threads=0 2>&1 | tee "$ODOO_LOG"
odoo_rc=${PIPESTATUS[0]}
set -e

info "Running the pytest suites of tests/ against $DB"
set +e
ODOO_TEST_DB=$DB ODOO_ADDONS_PATH=$(addons_path) ODOO_SRC=$ODOO_SRC ODOO_TEST_ADDONS=$ADDONS \
    "$PY" -m pytest $PYTEST_PATHS -p no:cacheprovider --junitxml="$JUNIT" -q $PYTEST_ARGS
pytest_rc=$?
set -e

# not `exec`: the EXIT trap must still drop the test database afterwards
set +e
"$PY" "$REPO/setup/checklog.py" --odoo-log "$ODOO_LOG" --odoo-rc "$odoo_rc" \
    --junit "$JUNIT" --pytest-rc "$pytest_rc"
exit $?
