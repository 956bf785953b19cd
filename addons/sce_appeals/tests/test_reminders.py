from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from ..models.helpdesk_ticket import WATCH_ANSWER
from .common import SceAppealsCase


@tagged("post_install", "-at_install")
class TestReminders(SceAppealsCase):
    """CC-7 item 20: reminders before deadlines, escalation of breaches, batched cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = cls._user("sce-head-mro-a", "sce_appeals.group_sce_mro_client_dept")
        cls.mro_a.head_user_id = cls.head
        cls.specialist = cls._user("sce-rem-specialist", "sce_appeals.group_sce_specialist")
        for team in ("front_office", "complaint_router"):
            cls.env.ref(f"sce_appeals.helpdesk_ticket_team_{team}").user_ids = [
                (4, cls.specialist.id)
            ]
        # Leave only our own appeals open so that counts are exact.
        cls.env["helpdesk.ticket"].search([("date_answered", "=", False)]).write(
            {"date_answered": fields.Datetime.now()}
        )

    def _due_soon(self, count):
        """Phone inquiries due within the next 30 minutes."""
        return self.env["helpdesk.ticket"].concat(
            *[
                self._appeal(
                    channel_id=self.channel_phone.id,
                    appeal_kind="inquiry",
                    user_id=self.specialist.id,
                )
                for _i in range(count)
            ]
        )

    def _todo(self, appeals, user):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "in", appeals.ids),
                ("user_id", "=", user.id),
            ]
        )

    def test_cc7_reminder_once_before_the_deadline(self):
        appeals = self._due_soon(2)
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertEqual(len(self._todo(appeals, self.specialist)), 2)
        self.assertTrue(all(a.deadline_state == "due_soon" for a in appeals))
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertEqual(len(self._todo(appeals, self.specialist)), 2, "no duplicate reminders")

    def test_cc7_extension_moves_the_deadline_and_reminds_again(self):
        # A lead time longer than any run of holidays keeps this independent of today.
        self.env.company.sce_reminder_lead_hours = 24 * 20
        appeal = self._appeal(
            date_received=fields.Datetime.now() - timedelta(days=11), user_id=self.specialist.id
        )
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertEqual(len(self._todo(appeal, self.specialist)), 1)
        appeal._sce_extend(1, "Нужна справка из сетевой организации")
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertEqual(len(self._todo(appeal, self.specialist)), 2)

    def test_ctrl2_breach_escalated_to_mro_client_department_once(self):
        appeal = self._appeal(date_received=fields.Datetime.now() - timedelta(days=40))
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertTrue(appeal.escalated)
        self.assertTrue(appeal.total_escalated, "40 days: the final term is breached too")
        summaries = ["Final deadline breached: take control", "Overdue appeal: take control"]
        self.assertEqual(sorted(self._todo(appeal, self.head).mapped("summary")), summaries)
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertEqual(sorted(self._todo(appeal, self.head).mapped("summary")), summaries)

    def test_ctrl2_breach_without_head_goes_to_the_mro_client_department(self):
        clerk = self.mro_user_b
        self.assertFalse(self.mro_b.head_user_id)
        appeal = self._appeal(
            partner_id=self.customer_b.id,
            account_id=self.account_b.id,
            date_received=fields.Datetime.now() - timedelta(days=40),
        )
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertIn("Overdue appeal: take control", self._todo(appeal, clerk).mapped("summary"))

    def test_cron_finds_due_appeals_in_one_query(self):
        self._due_soon(3)
        now = fields.Datetime.now()
        self.env.flush_all()
        with self.assertQueryCount(1):
            due = self.env["helpdesk.ticket"]._sce_due_for_reminder(
                WATCH_ANSWER, now, timedelta(hours=24)
            )
        self.assertEqual(len(due), 3)

    def test_cron_cost_does_not_grow_with_appeals_not_due(self):
        """The cron queries what is due; a thousand appeals far from their deadline
        add no query."""
        queries = []
        # The first round warms the caches of a first reminder; the next two compare.
        for extra in (0, 0, 60):
            if extra:
                self.env["helpdesk.ticket"].with_context(tracking_disable=True).create(
                    [
                        {
                            "name": f"Вопрос {i}",
                            "description": "<p>—</p>",
                            "channel_id": self.channel_post.id,
                            "appeal_kind": "inquiry",
                            "partner_id": self.customer.id,
                        }
                        for i in range(extra)
                    ]
                )
            self._due_soon(2)
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            self.env["helpdesk.ticket"]._cron_sce_deadlines()
            self.env.flush_all()
            queries.append(self.cr.sql_log_count - start)
        self.assertEqual(queries[1], queries[2], queries)
