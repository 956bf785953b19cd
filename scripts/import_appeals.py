"""Migrate historical appeals from a file: ``make import-appeals FILE=history.csv [DB=sce]``.

The same import as the form Customer service > Configuration > Import of historical
appeals (model ``sce.appeal.import``), run from the command line for files too large to
upload: every row is checked first; with any error nothing is written and the errors are
printed and saved as FILE.errors.xlsx; a clean file is loaded in one transaction.
``--check`` only checks.

Usage: python scripts/import_appeals.py ODOO_CONF DB FILE [--check]
"""

# pylint: disable=print-used
# (a command-line tool prints its progress and result: that is its output)
import base64
import sys
import time
from pathlib import Path

import odoo
from odoo.api import Environment
from odoo.modules.registry import Registry


def main(conf, db, path, *flags):
    odoo.tools.config.parse_config(["-c", conf])
    source = Path(path)
    if not source.is_file():
        print(f"-- no such file: {source}")
        return 2
    start = time.perf_counter()
    with Registry(db).cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {"lang": "ru_RU", "tz": "Europe/Moscow"})
        admin = env.ref("base.user_admin")
        record = (
            env["sce.appeal.import"]
            .with_user(admin)
            .create({"file": base64.b64encode(source.read_bytes()), "filename": source.name})
        )
        record.action_check()
        print(
            f"-- {source.name}: {record.row_count:,} rows checked in "
            f"{time.perf_counter() - start:.1f} s, {record.error_count:,} errors"
        )
        if record.error_count:
            for error in record.error_ids[:50]:
                print(f"row {error.row:>7}  {error.column:<18} {error.value!r:<30} {error.message}")
            report = source.with_name(source.name + ".errors.xlsx")
            report.write_bytes(base64.b64decode(record.error_report))
            print(f"-- every error is in {report}; nothing was imported")
            cr.commit()  # pylint: disable=invalid-commit
            return 1
        if "--check" in flags:
            print("-- the file is clean (--check: nothing imported)")
            cr.rollback()
            return 0
        count = record._sce_run()
        if record.state != "done":
            print(f"-- import failed, nothing was written: {record.failure}")
            cr.rollback()
            return 1
        # a command-line import is its own transaction: the appeals it wrote are its work
        cr.commit()  # pylint: disable=invalid-commit
        print(
            f"-- {count:,} appeals imported in {time.perf_counter() - start:.1f} s "
            f"(import #{record.id})"
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
