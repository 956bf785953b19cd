"""Fill a benchmark database with volume data: ``make bench-data SCALE=small|medium|large``.

Usage: python scripts/bench_data.py ODOO_CONF DB SCALE [--only ADDON[,ADDON]]

``--only`` runs just the named addons' loaders on a database already loaded at SCALE
(an addon installed after the others), e.g. ``--only sce_survey`` on sce_bench_med.

The database must have sce_appeals installed without demo data (scripts/bench_data.sh
creates it). Prints the time per table, a summary of what was loaded and the SQL
consistency checks; exits non-zero when a check fails.
"""

# pylint: disable=print-used
# (a loader prints its progress and figures: that is its output)
import importlib
import sys
import time

import odoo
from odoo.api import Environment
from odoo.modules.registry import Registry

# The volume data of the other addons, loaded after the appeals when the addon is
# installed: (addon, module, loader class taking (env, appeals generator)).
LOADERS = [
    ("sce_callcenter", "odoo.addons.sce_callcenter.demo.bulk", "CallBulkLoader"),
    ("sce_portal", "odoo.addons.sce_portal.demo.bulk", "PortalBulkLoader"),
    ("sce_service_center", "odoo.addons.sce_service_center.demo.bulk", "QueueBulkLoader"),
    ("sce_survey", "odoo.addons.sce_survey.demo.bulk", "SurveyBulkLoader"),
]


def installed(env, addon):
    env.cr.execute(
        "SELECT 1 FROM ir_module_module WHERE name = %s AND state = 'installed'", [addon]
    )
    return bool(env.cr.fetchone())


def main(conf, db, scale, only=None):
    odoo.tools.config.parse_config(["-c", conf])
    from odoo.addons.sce_appeals.demo.bulk import BulkGenerator  # noqa: PLC0415

    start = time.perf_counter()
    with Registry(db).cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        generator = BulkGenerator(env, scale, log=lambda line: print(line, flush=True))
        print(f"-- loading scale {scale!r} into {db}: {generator.scale}")
        if only:
            loaders = []
        else:
            generator.generate()
            loaders = [generator]
        for addon, module, name in LOADERS:
            if installed(env, addon) and (not only or addon in only):
                step = time.perf_counter()
                loader = getattr(importlib.import_module(module), name)(env, generator)
                loader.generate()
                print(f"{addon:<28} loaded in {time.perf_counter() - step:.1f} s", flush=True)
                loaders.append(loader)
        # a loader script: the data it loads is its work
        cr.commit()  # pylint: disable=invalid-commit
        total = time.perf_counter() - start
        print(
            f"-- loaded in {total:.1f} s "
            f"({getattr(generator, 'distinct_deadline_days', 0)} distinct (policy, day) "
            "deadline computations)"
        )
        for label, count in generator.summary() if not only else ():
            print(f"{label:<28} {count:>12,}")
        print("-- consistency checks (offending rows)")
        failed = 0
        for loader in loaders:
            for label, count in loader.validate():
                print(f"{'ok ' if not count else 'FAIL'} {label:<55} {count:>8}")
                failed += bool(count)
    return 1 if failed else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    only_addons = None
    if "--only" in args:
        at = args.index("--only")
        only_addons = set(args[at + 1].split(","))
        del args[at : at + 2]
    sys.exit(main(*args[:3], only=only_addons))
