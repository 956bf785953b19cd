"""Read an Odoo test log and print: run failed browser_skipped other_skipped log_errors.

``failed`` counts failures and errors of Odoo's own report; a browser test that Odoo
skipped (no Chromium, no websocket-client) is counted apart because it is a failure for
us; ``log_errors`` is 1 when ERROR/CRITICAL lines appear although the report is clean
(a test module that failed to import, a crashed install).
"""

import re
import sys

REPORT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
SKIP = re.compile(r"odoo\.tests\.result: skipped (.*)")
BROWSER = re.compile(r"chrom|websocket|browser", re.IGNORECASE)
LOG_ERROR = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


def summarize(lines):
    run = failed = browser = skipped = 0
    log_errors = False
    for line in lines:
        report = REPORT.search(line)
        if report:
            failed = int(report.group(1)) + int(report.group(2))
            run = int(report.group(3))
        skip = SKIP.search(line)
        if skip:
            if BROWSER.search(skip.group(1)):
                browser += 1
            else:
                skipped += 1
        if LOG_ERROR.search(line):
            log_errors = True
    if run == 0:
        log_errors = True  # no report at all: the run crashed
    return run, failed, browser, skipped, int(log_errors and failed == 0)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
        print(*summarize(log))
