#!/usr/bin/env bash
# make bench-data SCALE=small|medium|large: a fresh benchmark database (sce_appeals without
# demo data) filled with volume data by addons/sce_appeals/demo/bulk.py.
# The database is $SCE_BENCH_DB (default sce_bench); `make bench` runs on it afterwards.
source "$(dirname "$0")/common.sh"
ensure_venv
ensure_pg
SCALE="${SCALE:-small}"
BENCH_DB="${SCE_BENCH_DB:-sce_bench}"
case "$SCALE" in small|medium|large) ;; *) die "SCALE must be small, medium or large" ;; esac
CONF="$LOCAL/odoo-bench-$BENCH_DB.conf"
write_conf "$CONF" ""
if db_exists "$BENCH_DB"; then
    say "dropping $BENCH_DB"
    dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$BENCH_DB"
fi
say "installing $ADDONS into $BENCH_DB without demo data"
odoo_bin -c "$CONF" -d "$BENCH_DB" -i "$ADDONS" --without-demo=all --load-language=ru_RU \
    --stop-after-init --no-http --log-level=warn
say "loading scale $SCALE"
PYTHONPATH="$ODOO" "$PY" "$ROOT/scripts/bench_data.py" "$CONF" "$BENCH_DB" "$SCALE"
