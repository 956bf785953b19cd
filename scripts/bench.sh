#!/usr/bin/env bash
# make bench: benchmarks of the hot paths, each with its baseline measured in the same run,
# at the scale of the database $SCE_BENCH_DB (default sce_bench). Without that database,
# `make bench-data SCALE=small` makes it first; load medium for figures that mean something.
# Appends every run to tests/bench_history.json (SCE_BENCH_LABEL names the run).
source "$(dirname "$0")/common.sh"
ensure_venv
ensure_pg
BENCH_DB="${SCE_BENCH_DB:-sce_bench}"
CONF="$LOCAL/odoo-bench-$BENCH_DB.conf"
write_conf "$CONF" ""
if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$BENCH_DB" -tAc \
        "SELECT 1 FROM helpdesk_ticket WHERE sce_state IS NOT NULL LIMIT 1" 2>/dev/null | grep -q 1; then
    say "no benchmark data in $BENCH_DB: loading SCALE=small (make bench-data SCALE=medium for real figures)"
    SCALE=small bash "$ROOT/scripts/bench_data.sh"
fi
for bench in "$ROOT"/tests/bench_*.py; do
    say "$(basename "$bench") on $BENCH_DB"
    PYTHONPATH="$ODOO" "$PY" "$bench" "$CONF" "$BENCH_DB"
done
