#!/usr/bin/env bash
# make run: environment, PostgreSQL, database `sce` with demo data in Russian, then serve.
# SCE_REINSTALL=1 drops and recreates the database.
source "$(dirname "$0")/common.sh"
ensure_venv
ensure_pg
CONF="$LOCAL/odoo.conf"
addons_hash() { (cd "$ROOT/addons" && find . -type f ! -path "*/__pycache__/*" -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40); }
write_conf "$CONF" "^${DB_NAME}\$"
if [ "${SCE_REINSTALL:-0}" = 1 ] && db_exists "$DB_NAME"; then
    say "dropping database $DB_NAME (SCE_REINSTALL=1)"
    dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$DB_NAME"
fi
if ! db_exists "$DB_NAME" || ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -tAc \
        "SELECT 1 FROM ir_module_module WHERE name='sce_appeals' AND state='installed'" 2>/dev/null | grep -q 1; then
    say "creating database $DB_NAME with demo data and Russian (a few minutes)"
    odoo_bin -c "$CONF" -d "$DB_NAME" -i "$ADDONS" --load-language=ru_RU --stop-after-init --no-http
    PYTHONPATH="$ODOO" "$PY" "$ROOT/scripts/set_language.py" "$CONF" "$DB_NAME"
    addons_hash > "$LOCAL/installed-addons.sha1"
elif [ "$(addons_hash)" != "$(cat "$LOCAL/installed-addons.sha1" 2>/dev/null)" ]; then
    installed="$(psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -tAc \
        "SELECT name FROM ir_module_module WHERE state='installed'" | paste -sd, -)"
    missing="$(tr , '\n' <<< "$ADDONS" | grep -vxF -f <(tr , '\n' <<< "$installed") | paste -sd, - || true)"
    present="$(tr , '\n' <<< "$ADDONS" | grep -xF -f <(tr , '\n' <<< "$installed") | paste -sd, - || true)"
    # -i only for what is new: -i on installed addons would rewrite their demo records.
    if [ -n "$present" ]; then
        say "the addons changed since the database was built: updating $present"
        odoo_bin -c "$CONF" -d "$DB_NAME" -u "$present" --stop-after-init --no-http
    fi
    if [ -n "$missing" ]; then
        say "installing the addons added since: $missing"
        odoo_bin -c "$CONF" -d "$DB_NAME" -i "$missing" --stop-after-init --no-http
    fi
    PYTHONPATH="$ODOO" "$PY" "$ROOT/scripts/set_language.py" "$CONF" "$DB_NAME"
    addons_hash > "$LOCAL/installed-addons.sha1"
else
    say "database $DB_NAME exists: starting it (SCE_REINSTALL=1 make run to rebuild)"
fi
say "SCE Customer Service: http://localhost:$HTTP_PORT  (login admin / password admin)"
# queue_job's runner (imports, recordings, campaigns) runs in the server: --load
exec "$PY" "$ODOO/odoo-bin" -c "$CONF" -d "$DB_NAME" --load=base,web,queue_job
