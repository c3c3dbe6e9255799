# Shared shell functions of the bootstrap scripts (sourced, never run on its own).
#
# Everything a fresh clone needs is made here: the virtualenv, Odoo 18.0 from its source
# tree, our Python dependencies and a PostgreSQL server to talk to. Each step is
# idempotent so `make run` and `make test` can be rerun at will.

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$REPO/.venv}
case $VENV in /*) ;; *) VENV=$REPO/$VENV ;; esac
ODOO_SRC=${ODOO_SRC:-/opt/odoo-18.0}
LOCAL=$REPO/.local
PY=$VENV/bin/python
ODOO_NIGHTLY_URL=${ODOO_NIGHTLY_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}
# every addon of the repository (a directory with a manifest)
ALL_ADDONS=$(cd "$REPO" && ls -d crm_biuro*/__manifest__.py | xargs -n1 dirname | paste -sd, -)

die() {
    printf '\n*** %s\n\n' "$*" >&2
    exit 1
}

info() { printf '==> %s\n' "$*" >&2; }

# The Odoo source tree: $ODOO_SRC when it holds Odoo 18.0, else the official nightly
# archive unpacked under .local/ (downloaded once).
find_odoo_src() {
    if [ -f "$ODOO_SRC/odoo/release.py" ]; then
        return 0
    fi
    local cached=$LOCAL/odoo-src
    if [ -f "$cached/odoo/release.py" ]; then
        ODOO_SRC=$cached
        return 0
    fi
    info "No Odoo source at $ODOO_SRC; downloading the 18.0 nightly source archive"
    mkdir -p "$LOCAL"
    local archive=$LOCAL/odoo-18.0-nightly.tar.gz
    if ! curl -fsSL --max-time 600 -o "$archive" "$ODOO_NIGHTLY_URL" 2>/dev/null; then
        rm -f "$archive"
        die "Odoo 18.0 source not found: $ODOO_SRC has no Odoo tree and the nightly archive could not be downloaded. Put an Odoo 18.0 Community source tree there or set ODOO_SRC=/path/to/odoo-18.0."
    fi
    mkdir -p "$cached"
    tar -xzf "$archive" -C "$cached" --strip-components=1
    rm -f "$archive"
    ODOO_SRC=$cached
}

check_odoo_series() {
    grep -q "version_info = (18, 0" "$ODOO_SRC/odoo/release.py" ||
        die "$ODOO_SRC is not an Odoo 18.0 source tree (odoo/release.py says otherwise)."
}

addons_path() {
    local path=$REPO
    [ -d "$ODOO_SRC/addons" ] && path=$path,$ODOO_SRC/addons
    printf '%s,%s/odoo/addons' "$path" "$ODOO_SRC"
}

# Hash of everything that decides the content of the virtualenv, so a rerun with
# nothing changed costs nothing and a changed requirement is picked up.
venv_stamp() {
    cat "$REPO/requirements.txt" "$REPO/test-requirements.txt" \
        "$REPO/setup/odoo_requirements.py" "$ODOO_SRC/requirements.txt" |
        sha256sum | cut -c1-16
    echo "$ODOO_SRC"
}

ensure_venv() {
    find_odoo_src
    check_odoo_series
    local stamp_file=$VENV/.crm_biuro_stamp
    local want
    want=$(venv_stamp)
    if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ] && [ -x "$PY" ]; then
        return 0
    fi
    local base_python=${PYTHON:-python3}
    command -v "$base_python" >/dev/null || die "python3 is not installed (Python 3.11 or 3.12 is needed)."
    "$base_python" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' ||
        die "Odoo 18 needs Python 3.10 to 3.12; $base_python is $($base_python --version 2>&1)."
    info "Creating the virtualenv in $VENV"
    "$base_python" -m venv "$VENV"
    local reqs=$LOCAL/odoo-requirements.txt
    mkdir -p "$LOCAL"
    "$PY" "$REPO/setup/odoo_requirements.py" "$ODOO_SRC/requirements.txt" >"$reqs"
    info "Installing Odoo's Python requirements (wheels only where possible)"
    pip_install -r "$reqs"
    info "Installing crm_biuro requirements"
    pip_install -r "$REPO/requirements.txt" -r "$REPO/test-requirements.txt"
    # Odoo is used from its source tree (no copy): a .pth file puts it on sys.path.
    local site
    site=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    printf '%s\n' "$ODOO_SRC" >"$site/odoo-src.pth"
    "$PY" -c 'import odoo.release' || die "Odoo does not import from $ODOO_SRC."
    printf '%s\n' "$want" >"$stamp_file"
}

pip_install() {
    # The local mirrors answer "neither a file nor a directory" for packages they lack;
    # that noise hides real errors, so it is filtered out of what is shown.
    local log=$LOCAL/pip.log
    if ! "$PY" -m pip install -q --disable-pip-version-check "$@" >"$log" 2>&1; then
        grep -v "is ignored: it is neither a file nor a directory" "$log" >&2 || true
        die "pip install $* failed (full output in $log)."
    fi
    grep -v "is ignored: it is neither a file nor a directory" "$log" >&2 || true
}

# PostgreSQL: the server named by the libpq variables (PGHOST, PGPORT, PGUSER) when it
# answers, else a private cluster under .local/postgres/ on a Unix socket in the repo.
PG_PRIVATE=$LOCAL/postgres

pg_answers() {
    psql -d postgres -Atqc 'select 1' >/dev/null 2>&1
}

pg_bin() {
    local name=$1
    if command -v "$name" >/dev/null; then
        command -v "$name"
        return 0
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1)
    [ -n "$found" ] && printf '%s\n' "$found"
}

# Run a PostgreSQL server binary; initdb and postgres refuse to run as root, so as root
# they run as the 'postgres' system user that Debian's packages create.
pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 ||
            die "Running as root and there is no 'postgres' system user to own the private cluster."
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ensure_postgres() {
    command -v psql >/dev/null || die "The PostgreSQL client (psql) is not installed: apt-get install postgresql."
    if [ -z "${PGHOST:-}" ] && [ -S "$PG_PRIVATE/.s.PGSQL.5432" ]; then
        export PGHOST=$PG_PRIVATE PGPORT=5432
    fi
    if pg_answers; then
        return 0
    fi
    if [ -n "${PGHOST:-}" ] && [ "${PGHOST:-}" != "$PG_PRIVATE" ]; then
        die "PostgreSQL at PGHOST=$PGHOST does not answer (psql -d postgres failed). Start it, or unset PGHOST to use a private cluster."
    fi
    start_private_cluster
}

start_private_cluster() {
    local initdb pg_ctl role
    initdb=$(pg_bin initdb) || true
    pg_ctl=$(pg_bin pg_ctl) || true
    [ -n "$initdb" ] && [ -n "$pg_ctl" ] ||
        die "No PostgreSQL server answers and its server programs (initdb, pg_ctl) are not installed: apt-get install postgresql."
    role=${PGUSER:-$(id -un)}
    [ "$role" = postgres ] && role=odoo
    mkdir -p "$PG_PRIVATE"
    [ "$(id -u)" = 0 ] && chown postgres: "$PG_PRIVATE"
    if [ ! -f "$PG_PRIVATE/data/PG_VERSION" ]; then
        info "Creating a private PostgreSQL cluster in $PG_PRIVATE"
        pg_as_owner "$initdb" -D "$PG_PRIVATE/data" -U "$role" --auth=trust -E UTF8 \
            --no-locale >"$PG_PRIVATE/initdb.log" 2>&1 ||
            die "initdb failed, see $PG_PRIVATE/initdb.log"
    fi
    info "Starting the private PostgreSQL cluster (socket in $PG_PRIVATE)"
    pg_as_owner "$pg_ctl" -D "$PG_PRIVATE/data" -l "$PG_PRIVATE/server.log" -w \
        -o "-k $PG_PRIVATE -c listen_addresses='' -p 5432" start >/dev/null ||
        die "The private PostgreSQL cluster did not start, see $PG_PRIVATE/server.log"
    export PGHOST=$PG_PRIVATE PGPORT=5432 PGUSER=$role
    pg_answers || die "The private PostgreSQL cluster started but does not answer."
}

stop_private_cluster() {
    local pg_ctl
    if [ -f "$PG_PRIVATE/data/postmaster.pid" ]; then
        pg_ctl=$(pg_bin pg_ctl) || die "pg_ctl not found"
        pg_as_owner "$pg_ctl" -D "$PG_PRIVATE/data" -m fast stop
    else
        info "No private PostgreSQL cluster is running."
    fi
}

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port_in_use() {
    "$PY" - "$1" <<'EOF'
import socket, sys
s = socket.socket()
try:
    s.bind(("0.0.0.0", int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)
EOF
}

odoo_bin() {
    "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$(addons_path)" "$@"
}
