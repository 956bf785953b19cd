"""Volume data of the portal for benchmarks: ``make bench-data`` after the appeals.

The appeals loader writes the meter readings without knowing the columns other addons
add to them; the portal stores each reading's period (the month a cabinet reading
replaces within), filled here with the same SQL as at installation.
``scripts/bench_data.py`` runs it when sce_portal is installed.
"""

from ..models.sce_meter_reading import fill_reading_periods


class PortalBulkLoader:
    def __init__(self, env, appeals):
        self.env = env
        self.cr = env.cr
        self.log = appeals.log

    def generate(self):
        count = fill_reading_periods(self.cr)
        self.env.invalidate_all()
        self.log(f"{'sce_meter_reading.sce_period':<28} {count:>10,} rows")
        return count

    def validate(self):
        self.cr.execute(
            """SELECT COUNT(*) FROM sce_meter_reading
                WHERE sce_period IS DISTINCT FROM to_char(date, 'YYYY-MM')"""
        )
        return [("reading period differs from its date", self.cr.fetchone()[0])]
