#!/usr/bin/env bash
# `make pot`: export each addon's .pot from a throw-away database and merge it into pl.po
# (msgmerge keeps existing translations; new strings arrive untranslated).
source "$(dirname "$0")/lib.sh"
ADDONS=${ADDONS:-$ALL_ADDONS}
DB=crm_biuro_pot_$$
ensure_venv
ensure_postgres
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
odoo_bin -d "$DB" -i "$ADDONS" --without-demo=all --stop-after-init --no-http \
    --log-level=warn
for addon in ${ADDONS//,/ }; do
    mkdir -p "$REPO/$addon/i18n"
    pot=$REPO/$addon/i18n/$addon.pot
    odoo_bin -d "$DB" --i18n-export="$pot" --modules="$addon" \
        --stop-after-init --no-http --log-level=warn
    po=$REPO/$addon/i18n/pl.po
    if [ -f "$po" ]; then
        msgmerge --quiet --no-fuzzy-matching --update --backup=none "$po" "$pot"
    else
        msginit --no-translator --locale=pl_PL.UTF-8 --input="$pot" --output-file="$po"
    fi
    info "$addon: $pot, $po"
done
