from odoo.tests import TransactionCase, tagged

from odoo.addons.sce_appeals.demo.bulk import BulkGenerator, Scale

from ..demo.bulk import PortalBulkLoader

SMOKE = Scale(customers=200, appeals=400, years=1, readings_per_meter=6, ledger_months=1)


@tagged("post_install", "-at_install")
class TestPortalBulkData(TransactionCase):
    """Issue 10: the readings loaded in bulk get the period the ORM computes (the month a
    cabinet reading replaces within, WEB-3), by the same SQL as at installation."""

    def test_periods_of_bulk_readings_are_the_orm_ones(self):
        appeals = BulkGenerator(self.env, SMOKE)
        appeals.generate()
        loader = PortalBulkLoader(self.env, appeals)
        self.assertGreater(loader.generate(), 0, "the bulk readings had the template's period")
        self.assertEqual([(label, n) for label, n in loader.validate() if n], [])
        readings = self.env["sce.meter.reading"].search([], limit=200, order="id desc")
        stored = readings.mapped("sce_period")
        readings._compute_sce_period()
        self.assertEqual(readings.mapped("sce_period"), stored)
        self.assertEqual(stored[0], readings[0].date.strftime("%Y-%m"))
