#!/usr/bin/env bash
# make test: a fresh database with every addon of ours (and its dependencies) installed
# with demo data, Odoo's tests of our addons and of OCA helpdesk_mgmt (at_install,
# post_install, browser tours in Chromium), then the pytest suites under tests/ against
# a live server. Ends with "N passed, N failed"; exits non-zero on any failure.
source "$(dirname "$0")/common.sh"
ensure_venv
ensure_pg
CHROME="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$CHROME" ] || die "Chromium is needed for the browser tests: apt-get install chromium"
"$PY" -c "import websocket" 2>/dev/null || die "websocket-client is missing from .venv"
command -v pdftotext >/dev/null || die "pdftotext is needed to check PDF letters: apt-get install poppler-utils"
command -v wkhtmltopdf >/dev/null || die "wkhtmltopdf is needed to render PDF letters: apt-get install wkhtmltopdf"

TEST_DB="${SCE_TEST_DB:-sce_test}"
RESULTS="$ROOT/test-results"
mkdir -p "$RESULTS"
CONF="$LOCAL/odoo-test-$TEST_DB.conf"  # one per database: parallel checkouts share .local
HTTP_PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
write_conf "$CONF" ""
if db_exists "$TEST_DB"; then dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$TEST_DB"; fi
TAGS="/helpdesk_mgmt"
for addon in ${ADDONS//,/ }; do TAGS="$TAGS,/$addon"; done

say "installing $ADDONS with demo data into $TEST_DB and running Odoo tests ($TAGS)"
set +e
odoo_bin -c "$CONF" -d "$TEST_DB" -i "$ADDONS" --load-language=ru_RU --test-enable \
    --test-tags "$TAGS" --stop-after-init --http-port "$HTTP_PORT" --log-level=info \
    2>&1 | tee "$RESULTS/odoo-tests.log" | grep -E --line-buffered \
    " (ERROR|CRITICAL|WARNING) |FAIL:|ERROR:|Starting .*Test|skipped|tests when loading"
odoo_rc=${PIPESTATUS[0]}
set -e

read -r o_run o_failed o_skipped_browser o_skipped o_logerr < <("$PY" "$ROOT/scripts/odoo_test_summary.py" "$RESULTS/odoo-tests.log")
o_bad=$((o_failed + o_skipped_browser + o_logerr))
[ "$odoo_rc" = 0 ] || [ "$o_bad" -gt 0 ] || o_bad=1
o_passed=$((o_run - o_failed - o_skipped - o_skipped_browser))
say "Odoo tests: $o_run run, $o_passed passed, $o_failed failed, $o_skipped skipped, $o_skipped_browser browser tests skipped (counted as failed), $o_logerr error log lines outside tests"

say "running pytest suites under tests/ against a live server"
set +e
SCE_ODOO="$ODOO" SCE_PY="$PY" SCE_CONF="$CONF" SCE_TEST_DB="$TEST_DB" \
    "$PY" -m pytest "$ROOT/tests" -p no:cacheprovider -q --junitxml="$RESULTS/pytest.xml" 2>&1 | tee "$RESULTS/pytest.log"
p_rc=${PIPESTATUS[0]}
set -e
read -r p_passed p_failed < <("$PY" - "$RESULTS/pytest.xml" "$p_rc" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
path, rc = sys.argv[1], int(sys.argv[2])
try:
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    tests = sum(int(s.get("tests", 0)) for s in suites)
    bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
except Exception:
    tests, bad, skipped = 0, 1, 0
if rc not in (0, 1) and bad == 0:
    bad = 1  # collection/usage errors
print(tests - bad - skipped, bad + skipped)  # a skipped end-to-end test is a failure
PYEOF
)
passed=$((o_passed + p_passed))
failed=$((o_bad + p_failed))
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
