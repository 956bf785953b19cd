#!/usr/bin/env bash
# make bench: benchmarks of the hot paths with their baselines, on database sce_bench.
source "$(dirname "$0")/common.sh"
ensure_venv
ensure_pg
CONF="$LOCAL/odoo-bench.conf"
write_conf "$CONF" ""
if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d sce_bench -tAc \
        "SELECT 1 FROM ir_module_module WHERE name='sce_appeals' AND state='installed'" 2>/dev/null | grep -q 1; then
    say "creating the benchmark database sce_bench (no demo data)"
    db_exists sce_bench && dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" sce_bench
    odoo_bin -c "$CONF" -d sce_bench -i "$ADDONS" --without-demo=all --stop-after-init --no-http
fi
for bench in "$ROOT"/tests/bench_*.py; do
    say "$(basename "$bench")"
    PYTHONPATH="$ODOO" "$PY" "$bench" "$CONF" sce_bench
done
