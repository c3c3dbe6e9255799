#!/usr/bin/env bash
# `make run`: a demo database with every addon — a Polish accounting office, in Polish —
# served on :8069.
source "$(dirname "$0")/lib.sh"

DB=${DB:-crm_biuro_demo}
HTTP_PORT=${HTTP_PORT:-8069}
ADDONS=${ADDONS:-$ALL_ADDONS}

ensure_venv
ensure_postgres
if port_in_use "$HTTP_PORT"; then
    die "Port $HTTP_PORT is already in use (another Odoo?). Stop it or run: make run HTTP_PORT=8070"
fi
if ! command -v wkhtmltopdf >/dev/null; then
    # PDF reports (Karta klienta) need it; install it where we may, else say so.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        info "Installing wkhtmltopdf for PDF reports"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q wkhtmltopdf >/dev/null 2>&1 ||
            info "Note: wkhtmltopdf could not be installed; PDF reports will not render."
    else
        info "Note: wkhtmltopdf is not installed; PDF reports will not render (apt-get install wkhtmltopdf)."
    fi
fi

if psql -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    info "Updating the addons in the existing database $DB"
    odoo_bin -d "$DB" -u "$ADDONS" --stop-after-init --no-http --log-level=warn
else
    info "Creating database $DB: a Polish accounting office with demo data (a few minutes)"
    # First base and Polish, and the office company made Polish: when `account` comes
    # next, Odoo installs the chart of accounts of the company's country (l10n_pl, its
    # VAT taxes) and takes the country's currency (PLN), as for a database created by
    # hand with the country Poland. The addons' demo then fills in the office itself.
    odoo_bin -d "$DB" -i base --load-language=pl_PL --stop-after-init --no-http \
        --log-level=warn
    odoo_bin shell -d "$DB" --no-http --log-level=warn <"$REPO/setup/polish_office.py" >/dev/null
    # `account` on its own: Odoo loads the chart at the end of the run that installs it,
    # and the office's demo history (fee invoices) needs it.
    odoo_bin -d "$DB" -i account --stop-after-init --no-http --log-level=warn
    odoo_bin -d "$DB" -i "$ADDONS" --stop-after-init --no-http --log-level=warn
fi

printf '\n    Odoo is at http://localhost:%s  (login admin / admin, database %s)\n\n' \
    "$HTTP_PORT" "$DB"
exec "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$(addons_path)" -d "$DB" \
    --db-filter="^$DB\$" --http-port="$HTTP_PORT"
