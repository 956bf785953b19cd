"""The runner's reading of Odoo's log: what `make test` counts as passed and failed."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from odoo_test_summary import summarize  # noqa: E402

PREFIX = "2026-11-26 15:33:23,628 1"
RESULT = "odoo.tests.result:"
TAIL = "tests when loading database 'db'"
CLEAN = f"{PREFIX} INFO db {RESULT} 0 failed, 0 error(s) of 111 {TAIL}"


def test_clean_run_counts_every_test_as_run():
    assert summarize([CLEAN]) == (111, 0, 0, 0, 0)


def test_failures_and_errors_are_failed():
    line = f"{PREFIX} ERROR db {RESULT} 2 failed, 1 error(s) of 50 {TAIL}"
    assert summarize([line])[:2] == (50, 3)


def test_import_error_with_a_clean_report_is_a_failure():
    """Odoo can report 0 failed when a test module did not even import."""
    importing = (
        "2026-11-26 15:00:00,000 1 ERROR db odoo.modules.module: Can not `import` sce_x.tests."
    )
    assert summarize([importing, CLEAN])[4] == 1


def test_skipped_browser_test_is_counted_apart():
    skip = f"{PREFIX} INFO db {RESULT} skipped TestTour.test_x : Chrome not found"
    other = (
        "2026-11-26 15:00:00,000 1 INFO db odoo.tests.result: skipped TestX.test_y : needs module z"
    )
    run, failed, browser, skipped, _log = summarize([skip, other, CLEAN])
    assert (browser, skipped) == (1, 1)


def test_no_report_at_all_is_a_failure():
    assert (
        summarize([f"{PREFIX} CRITICAL db odoo.service.server: Failed to initialize database"])[4]
        == 1
    )
