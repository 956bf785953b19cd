#!/usr/bin/env bash
# Shared settings of the project's scripts: where Odoo, the virtualenv and PostgreSQL are.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
ADDONS="$(cd "$ROOT/addons" && ls -d */ 2>/dev/null | tr -d / | paste -sd, -)"
DB_NAME="${SCE_DB:-sce}"
HTTP_PORT="${SCE_HTTP_PORT:-8069}"
mkdir -p "$LOCAL"

say() { printf '\033[1m[sce]\033[0m %s\n' "$*" >&2; }
die() { printf '[sce] ERROR: %s\n' "$*" >&2; exit 1; }

# Odoo 18.0 Community source tree: $ODOO_SRC, ./.local/odoo, /opt/odoo18, else a git clone.
find_odoo() {
    local c
    for c in "${ODOO_SRC:-}" "$LOCAL/odoo" /opt/odoo18; do
        if [ -n "$c" ] && [ -f "$c/odoo-bin" ] && [ -d "$c/odoo/addons" ]; then
            ODOO="$(cd "$c" && pwd)"; export ODOO; return 0
        fi
    done
    say "no Odoo tree in \$ODOO_SRC, $LOCAL/odoo or /opt/odoo18: cloning Odoo 18.0"
    if git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo "$LOCAL/odoo" >&2; then
        ODOO="$LOCAL/odoo"; export ODOO; return 0
    fi
    die "Odoo 18.0 source tree not found. Set ODOO_SRC to a folder holding odoo-bin and odoo/ (see README, 'Requirements')."
}

# The virtualenv with Odoo's requirements, ours and the OCA wheels; rebuilt when a list changes.
ensure_venv() {
    find_odoo
    local stamp="$VENV/.sce-stamp" sum
    sum="$(cat "$ODOO/requirements.txt" "$ROOT/requirements.txt" "$ROOT/requirements-oca.txt" | sha1sum | cut -c1-40)"
    if [ -x "$PY" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return 0; fi
    say "building the Python environment in .venv (a few minutes the first time)"
    [ -x "$PY" ] || python3 -m venv "$VENV"
    local cons="$LOCAL/pip-constraints.txt"
    echo 'setuptools<81' > "$cons"
    "$PY" -m pip install -q --upgrade pip wheel 'setuptools<81' >&2
    PIP_CONSTRAINT="$cons" PIP_BUILD_CONSTRAINT="$cons" "$PY" -m pip install -q -r "$ODOO/requirements.txt" >&2
    "$PY" -m pip install -q -r "$ROOT/requirements.txt" >&2
    "$PY" -m pip install -q --no-deps -r "$ROOT/requirements-oca.txt" >&2
    echo "$sum" > "$stamp"
}

# Where the private cluster lives: .local/pgdata, or a folder of its own under /var/tmp
# when the postgres user cannot reach the checkout (e.g. a clone under /root).
pg_data_dir() {
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$LOCAL" 2>/dev/null; then
        echo "/var/tmp/sce-pgdata-$(printf %s "$ROOT" | sha1sum | cut -c1-10)"
    else
        echo "$LOCAL/pgdata"
    fi
}

pg_answers() { pg_isready -q "$@" >/dev/null 2>&1; }

# PostgreSQL: the server the PG* variables name when it answers, else a private cluster.
ensure_pg() {
    if [ -n "${PGHOST:-}${PGPORT:-}" ] && pg_answers; then
        DB_HOST="${PGHOST:-localhost}"; DB_PORT="${PGPORT:-5432}"
        DB_USER="${PGUSER:-$(id -un)}"; DB_PASSWORD="${PGPASSWORD:-}"
        export DB_HOST DB_PORT DB_USER DB_PASSWORD; return 0
    fi
    local bin pgdata="$LOCAL/pgdata" portfile="$LOCAL/pgport"
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    [ -n "$bin" ] || die "no PostgreSQL binaries: apt-get install postgresql (or set PGHOST/PGPORT to a running server)"
    local runas=()
    if [ "$(id -u)" = 0 ]; then
        # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        runas=(runuser -u postgres --)
        pgdata="$(pg_data_dir)"
        mkdir -p "$pgdata" && chown postgres "$pgdata" && chmod 700 "$pgdata"
    fi
    if [ ! -f "$pgdata/PG_VERSION" ]; then
        say "creating a private PostgreSQL cluster in $pgdata"
        "${runas[@]}" "$bin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    DB_HOST=127.0.0.1; DB_USER=odoo; DB_PASSWORD=odoo
    if [ -f "$portfile" ] && pg_answers -h "$DB_HOST" -p "$(cat "$portfile")"; then
        DB_PORT="$(cat "$portfile")"
    else
        DB_PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
        "${runas[@]}" "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
            -o "-p $DB_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >&2 \
            || die "PostgreSQL did not start: see $pgdata/server.log"
        echo "$DB_PORT" > "$portfile"
    fi
    psql -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -qtAc \
        "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='odoo') THEN CREATE ROLE odoo LOGIN SUPERUSER PASSWORD 'odoo'; END IF; END\$\$;" >&2
    export DB_HOST DB_PORT DB_USER DB_PASSWORD
}

stop_pg() {
    local bin pgdata
    pgdata="$(pg_data_dir)"
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    [ -f "$pgdata/postmaster.pid" ] || return 0
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$pgdata" -m fast stop >&2
    else "$bin/pg_ctl" -D "$pgdata" -m fast stop >&2; fi
}

# Writes an odoo.conf for this machine from config/odoo.conf.template.
write_conf() {
    local conf="$1" dbfilter="${2:-}"
    sed -e "s#@ODOO@#$ODOO#g" -e "s#@ROOT@#$ROOT#g" -e "s#@DB_HOST@#$DB_HOST#g" \
        -e "s#@DB_PORT@#$DB_PORT#g" -e "s#@DB_USER@#$DB_USER#g" -e "s#@DB_PASSWORD@#$DB_PASSWORD#g" \
        -e "s#@HTTP_PORT@#$HTTP_PORT#g" -e "s#@DATA_DIR@#$LOCAL/filestore#g" \
        -e "s#@DBFILTER@#$dbfilter#g" "$ROOT/config/odoo.conf.template" > "$conf"
}

odoo_bin() { "$PY" "$ODOO/odoo-bin" "$@"; }

db_exists() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" 2>/dev/null | grep -q 1; }
