from odoo.tests import TransactionCase, tagged

from odoo.addons.sce_appeals.demo.bulk import BulkGenerator, Scale

from ..demo.bulk import CallBulkLoader
from ..models.sce_call_stats import fill_call_statistics

# three years of a small register: a few thousand calls, the last 30 days with events
SMOKE = Scale(customers=300, appeals=1200, years=3, readings_per_meter=2, ledger_months=1)


@tagged("post_install", "-at_install")
class TestCallBulkData(TransactionCase):
    """Issue 10: the call center's volume data (`make bench-data`) is what the CTI
    ingestion writes (CC-3 dispositions and durations, the screen-pop match of the
    caller, CC-7 operators of their extensions)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        appeals = BulkGenerator(cls.env, SMOKE)
        appeals.generate()
        cls.loader = CallBulkLoader(cls.env, appeals)
        cls.loader.generate()
        cls.calls = cls.env["sce.call"].search([("source_id", "=", cls.loader.source.id)])

    def test_consistency_checks_pass(self):
        """Every SQL check of the loader finds nothing wrong, at three calls per appeal."""
        self.assertGreater(len(self.calls), 3000)
        self.assertEqual([(label, n) for label, n in self.loader.validate() if n], [])
        dispositions = set(self.calls.mapped("disposition"))
        self.assertEqual(dispositions, {"answered", "missed", "abandoned", "closed_ivr"})

    def test_orm_recomputes_nothing_different(self):
        """CC-3: durations and disposition recomputed by the ORM are the loaded ones;
        the screen-pop lookup matches the loaded customer and account."""
        sample = self.calls[:: max(1, len(self.calls) // 150)]
        fnames = [
            "wait_duration",
            "talk_duration",
            "disposition",
            "date_day",
            "hour",
            "answered_in_time",
            "ivr_only",
            "offered",
        ]
        before = sample.read(fnames)
        sample._compute_durations()
        sample._compute_disposition()
        sample._compute_stat_time()
        sample._compute_stat_flags()
        self.assertEqual(sample.read(fnames), before)
        Call = self.env["sce.call"]
        for call in sample:
            match = Call._sce_match_customer(call.customer_phone)
            self.assertEqual(match["partner_id"], call.partner_id.id, call.external_call_id)
            self.assertEqual(match["account_id"], call.account_id.id, call.external_call_id)
            self.assertEqual(
                set(match["matched_partner_ids"][0][2]), set(call.matched_partner_ids.ids)
            )

    def test_recent_calls_replay_from_their_events(self):
        """CC-3: a call of the last 30 days replayed from its loaded events by the CTI
        ingestion gets the same state, moments, operator and disposition."""
        recent = self.calls.filtered("event_ids")[:40]
        self.assertTrue(recent)
        fnames = [
            "state",
            "date_start",
            "date_answer",
            "date_end",
            "user_id",
            "disposition",
            "last_sequence",
            "queue",
            "ivr_path",
            "ivr_duration",
            "transfer_count",
            "is_transferred",
            "line",
        ]
        before = recent.read(fnames)
        for call in recent:
            call.with_context(sce_no_screen_pop=True)._sce_replay_events(call.event_ids[-1:])
        recent.flush_recordset()
        recent.invalidate_recordset()
        self.assertEqual(recent.read(fnames), before)

    def test_statistics_filled_by_sql_as_the_orm_computes_them(self):
        """Issue 10: installing the statistics on millions of calls fills them with one
        UPDATE; it gives what the ORM computes (CC-3 service level, CC-5 closed in IVR)."""
        sample = self.calls[:: max(1, len(self.calls) // 150)]
        fnames = ["date_day", "hour", "answered_in_time", "ivr_only", "offered"]
        expected = sample.read(fnames)
        self.env.cr.execute(
            "UPDATE sce_call SET date_day = NULL, hour = NULL, answered_in_time = NULL, "
            "ivr_only = NULL, offered = NULL WHERE id = ANY(%s)",
            [sample.ids],
        )
        fill_call_statistics(self.env.cr, self.env["sce.call"]._sce_stat_tz().zone, min(sample.ids))
        sample.invalidate_recordset()
        self.assertEqual(sample.read(fnames), expected)
