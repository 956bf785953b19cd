from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged, users, warmup

from ..models import sce_deadline_mixin
from ..models.helpdesk_ticket import WATCH_ANSWER
from .common import SceAppealsCase


@tagged("post_install", "-at_install")
class TestPerformance(SceAppealsCase):
    """Query budgets of the hot paths measured by `make bench` at scale (issue 10): the
    cost of each must not grow with the data. Counts, never timings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = cls._user("sce-perf-head", "sce_appeals.group_sce_mro_client_dept")
        cls.mro_a.head_user_id = cls.head
        # Only our own appeals are open, so that what the cron finds is ours.
        cls.env["helpdesk.ticket"].search([("date_answered", "=", False)]).write(
            {"date_answered": fields.Datetime.now()}
        )

    def _overdue(self, count):
        """Post complaints of MRO A received 40 days ago: both terms breached."""
        received = fields.Datetime.now() - timedelta(days=40)
        return self.env["helpdesk.ticket"].concat(
            *[self._appeal(date_received=received) for _i in range(count)]
        )

    def _escalations(self, appeals):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "in", appeals.ids),
                ("user_id", "=", self.head.id),
            ]
        )

    def test_ctrl2_many_breaches_one_digest_per_controller(self):
        """CTRL-2: a controller told of many breaches at once gets one digest per term,
        on the oldest appeal, listing the others; every breach is marked escalated."""
        appeals = self._overdue(sce_deadline_mixin.DIGEST_FROM + 2)
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertTrue(all(appeals.mapped("escalated")))
        self.assertTrue(all(appeals.mapped("total_escalated")))
        digests = self._escalations(appeals)
        self.assertEqual(len(digests), 2, "one digest per breached term, not one per appeal")
        self.assertEqual(set(digests.mapped("res_id")), {appeals[0].id})
        self.assertIn(appeals[-1].number, digests[0].note)
        self.assertIn(str(len(appeals)), digests[0].summary)

    def test_cc7_terms_coming_together_one_reminder_digest(self):
        """CC-7 item 20: a specialist with many terms entering the lead time at once
        (day-counted terms end at midnight) gets one reminder listing them."""
        specialist = self._user("sce-perf-specialist", "sce_appeals.group_sce_specialist")
        self.env.ref("sce_appeals.helpdesk_ticket_team_complaint_router").user_ids = [
            (4, specialist.id)
        ]
        count = sce_deadline_mixin.DIGEST_FROM + 3
        appeals = self.env["helpdesk.ticket"].concat(
            *[
                self._appeal(
                    channel_id=self.channel_phone.id,
                    appeal_kind="inquiry",
                    user_id=specialist.id,
                )
                for _i in range(count)
            ]
        )
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        reminders = self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "in", appeals.ids),
                ("user_id", "=", specialist.id),
            ]
        )
        self.assertEqual(len(reminders), 1)
        self.assertIn(str(count), reminders.summary)
        self.assertTrue(all(a.reminded_deadline == a.deadline_answer for a in appeals))

    def test_ctrl2_backlog_escalated_in_bounded_resumable_runs(self):
        """A backlog of breaches is escalated at most a chunk per run; a run that
        leaves some triggers the cron again, and the next run goes on where it left."""
        appeals = self._overdue(7)
        cron = self.env.ref("sce_appeals.ir_cron_sce_deadlines")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        with patch.object(sce_deadline_mixin, "ESCALATION_CHUNK", 3):
            left = self.env["helpdesk.ticket"]._cron_sce_deadlines()
            self.assertEqual(len(appeals.filtered("escalated")), 3)
            self.assertGreaterEqual(left, 2 * 4, "4 answer and 4 final terms left at least")
            new_triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
            self.assertGreater(len(new_triggers), len(triggers), "the cron runs again")
            self.env["helpdesk.ticket"]._cron_sce_deadlines()
            self.assertEqual(len(appeals.filtered("escalated")), 6)
            self.assertFalse(self.env["helpdesk.ticket"]._cron_sce_deadlines())
        self.assertTrue(all(appeals.mapped("escalated")))
        self.assertTrue(all(appeals.mapped("total_escalated")))

    def test_ctrl2_states_of_a_backlog_move_on_in_bounded_runs(self):
        """After an outage, the states of a backlog move on a chunk per run, the
        earliest deadlines first, and the cron is called again until all have."""
        appeals = self._overdue(5)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET deadline_state = 'on_track' WHERE id IN %s",
            [tuple(appeals.ids)],
        )
        self.env.invalidate_all()
        with patch.object(sce_deadline_mixin, "ADVANCE_CHUNK", 2):
            self.assertTrue(self.env["helpdesk.ticket"]._cron_sce_deadlines())
            self.assertEqual(appeals.mapped("deadline_state").count("overdue"), 2)
            for _run in range(3):
                self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertEqual(set(appeals.mapped("deadline_state")), {"overdue"})
        self.assertTrue(all(appeals.mapped("escalated")))

    @warmup
    def test_cron_query_budget_does_not_grow_with_breaches(self):
        """The cron's queries over a batch of breaches do not depend on its size."""
        counts = []
        # the first round warms the caches of a first escalation; the next two compare
        for size in (DIGEST := sce_deadline_mixin.DIGEST_FROM + 1, DIGEST, DIGEST + 9):
            self._overdue(size)
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            self.env["helpdesk.ticket"]._cron_sce_deadlines()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
        self.assertEqual(counts[1], counts[2], counts)

    @users("sce-operator")
    @warmup
    def test_registration_costs_one_query_per_appeal(self):
        """GEN-2: registering appeals in one create costs one query per appeal (its
        number's nextval); policies, deadlines, routing and the rest are per batch."""
        appeals = self.env["helpdesk.ticket"].with_context(
            mail_create_nolog=True, mail_notrack=True, tracking_disable=True
        )
        counts = []
        for size in (5, 5, 15):  # the first round warms the caches
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            created = appeals.create(
                [
                    {
                        "name": f"Жалоба {i}",
                        "description": "<p>—</p>",
                        "channel_id": self.channel_post.id,
                        "appeal_kind": "complaint",
                        "partner_id": self.customer.id,
                    }
                    for i in range(size)
                ]
            )
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(len(set(created.mapped("number"))), size)
        self.assertEqual((counts[2] - counts[1]) / 10, 1, counts)

    @warmup
    def test_cron_with_nothing_due_query_budget(self):
        """Steady state: nothing crossed a threshold, the cron is a handful of queries."""
        self.env.company.sce_reminder_lead_hours = 1
        self._appeal()
        self.env.flush_all()
        # the breaches of other tests' and demo appeals are taken care of
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET registration_escalated = true, escalated = true,"
            " total_escalated = true"
        )
        self.env.invalidate_all()
        with self.assertQueryCount(9):
            self.env["helpdesk.ticket"]._cron_sce_deadlines()

    @users("sce-operator")
    @warmup
    def test_caller_lookup_query_budget(self):
        """Caller lookup is one indexed query, whatever the number of customers."""
        partners = self.env["res.partner"]
        with self.assertQueryCount(2):
            found = partners._sce_find_by_phone("8 918 825-44-10")
        self.assertEqual(found, self.customer_b)

    @users("sce-manager")
    @warmup
    def test_open_appeals_list_page_query_budget(self):
        """The list of open appeals reads a page in a fixed number of queries."""
        for _i in range(5):
            self._appeal()
        spec = {
            "number": {},
            "name": {},
            "partner_id": {"fields": {"display_name": {}}},
            "channel_id": {"fields": {"display_name": {}}},
            "mro_id": {"fields": {"display_name": {}}},
            "stage_id": {"fields": {"display_name": {}}},
            "deadline_answer": {},
            "deadline_state": {},
        }
        domain = [
            ("team_id.sce_workflow", "=", True),
            ("sce_state", "not in", ("answered", "closed", "refused")),
        ]
        tickets = self.env["helpdesk.ticket"].with_context(sce_appeals=1)
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            result = tickets.web_search_read(domain, spec, limit=80)
        self.assertGreaterEqual(result["length"], 5)

    @users("sce-manager")
    @warmup
    def test_quality_indicators_query_budget(self):
        """GEN-8: the indicators of a period are a fixed number of queries."""
        for _i in range(3):
            self._appeal(appeal_kind="inquiry", category_id=self.topic_billing.id)
        today = fields.Date.today()
        indicators = self.env["sce.quality.indicator"]
        self.env.flush_all()
        # addons feeding the indicators (surveys, audits) override _sce_recompute and
        # read their inputs in one query each
        inputs = sum(
            1
            for cls in type(indicators).mro()
            if "_sce_recompute" in vars(cls) and getattr(cls, "_module", None) != "sce_appeals"
        )
        with self.assertQueryCount(5 + inputs):
            indicators._sce_recompute(today.replace(day=1), today)

    def test_watch_finds_due_in_one_query(self):
        """Reminders: one query on the partial index of open terms."""
        self.env.flush_all()
        now = fields.Datetime.now()
        with self.assertQueryCount(1):
            self.env["helpdesk.ticket"]._sce_due_for_reminder(
                WATCH_ANSWER, now, timedelta(hours=24)
            )
