from odoo.tests import TransactionCase, tagged

from odoo.addons.sce_appeals.demo.bulk import BulkGenerator, Scale

from ..demo.bulk import QueueBulkLoader

SMOKE = Scale(customers=300, appeals=300, years=1, readings_per_meter=2, ledger_months=1)


@tagged("post_install", "-at_install")
class TestQueueBulkData(TransactionCase):
    """Issue 10: a year of queue history for the benchmarks is what the workflow writes
    (SC-7 numbering and timeline, SC-8 minutes against the Table 4 norms)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        appeals = BulkGenerator(cls.env, SMOKE)
        appeals.generate()
        cls.loader = QueueBulkLoader(cls.env, appeals)
        cls.loader.generate()
        centers = cls.env["sce.service.center"].search([("name", "like", "нагрузочные данные")])
        cls.tickets = cls.env["sce.queue.ticket"].search([("center_id", "in", centers.ids)])

    def test_consistency_checks_pass(self):
        """Every SQL check finds nothing wrong over a year of visits in six centers."""
        self.assertGreater(len(self.tickets), 2000)  # 6 centers, at least 2 a day each
        self.assertEqual([(label, n) for label, n in self.loader.validate() if n], [])
        self.assertEqual(set(self.tickets.mapped("state")), {"done", "no_show"})

    def test_orm_recomputes_nothing_different(self):
        """SC-8: the stored minutes, norms, share within 60 minutes and hour of issue
        recomputed by the ORM are the loaded ones; each visit's timeline is complete."""
        sample = self.tickets[:: max(1, len(self.tickets) // 150)]
        fnames = [
            "is_priority",
            "wait_minutes",
            "service_minutes",
            "visit_minutes",
            "serving_role",
            "norm_wait_minutes",
            "norm_service_minutes",
            "visit_within_norm",
            "issued_hour",
        ]
        before = sample.read(fnames)
        sample._compute_is_priority()
        sample._compute_minutes()
        sample._compute_norms()
        sample._compute_visit_within_norm()
        sample._compute_issued_hour()
        self.assertEqual(sample.read(fnames), before)
        for ticket in sample.filtered(lambda t: t.state == "done"):
            self.assertEqual(
                ticket.event_ids.mapped("kind"), ["issued", "called", "started", "finished"]
            )
            self.assertEqual(ticket.window_id.user_id, ticket.operator_id)
