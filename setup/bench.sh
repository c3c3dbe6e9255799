#!/usr/bin/env bash
# `make bench` / `make bench-mail`: benchmarks on a throw-away database of their own,
# filled with data at the target scale; each prints a Markdown table for the README.
source "$(dirname "$0")/lib.sh"

BENCHES=${*:-mail}
ensure_venv
ensure_postgres
mkdir -p "$LOCAL/bench"

BENCH_DB=
trap '[ -z "$BENCH_DB" ] || dropdb --if-exists "$BENCH_DB" >/dev/null 2>&1 || true' EXIT

run_bench() {
    # run_bench NAME ADDONS [SCRIPT [ARGS...]]: SCRIPT defaults to bench_NAME.py
    local name=$1 addons=$2 script=${3:-bench_$1.py}
    shift 3 2>/dev/null || shift $#
    local db=crm_biuro_bench_${name//-/_}_$$
    BENCH_DB=$db
    dropdb --if-exists "$db" >/dev/null 2>&1 || true
    info "bench-$name: installing $addons into $db (no demo data)"
    odoo_bin -d "$db" -i "$addons" --without-demo=all --stop-after-init --no-http \
        --log-level=warn --max-cron-threads=0 >"$LOCAL/bench/install-$name.log" 2>&1 ||
        die "installing $addons failed, see $LOCAL/bench/install-$name.log"
    info "bench-$name: running"
    "$PY" "$REPO/tests/bench/$script" --db "$db" --addons-path "$(addons_path)" "$@" |
        tee "$LOCAL/bench/bench-$name.md"
    dropdb --if-exists "$db" >/dev/null 2>&1 || true
}

for bench in $BENCHES; do
    case $bench in
    mail) run_bench mail crm_biuro_mail ;;
    verify)
        run_bench verify crm_biuro_verify bench_verify.py --scenario day
        run_bench verify-night crm_biuro_verify bench_verify.py --scenario night \
            ${BENCH_NIGHT_CLIENTS:+--clients "$BENCH_NIGHT_CLIENTS"}
        ;;
    verify-night)
        run_bench verify-night crm_biuro_verify bench_verify.py --scenario night \
            ${BENCH_NIGHT_CLIENTS:+--clients "$BENCH_NIGHT_CLIENTS"}
        ;;
    nodes) run_bench nodes crm_biuro_verify bench_two_nodes.py --logs "$LOCAL/bench" ;;
    search) run_bench search crm_biuro ;;
    billing) run_bench billing crm_biuro_billing ;;
    *) die "unknown benchmark: $bench" ;;
    esac
done
