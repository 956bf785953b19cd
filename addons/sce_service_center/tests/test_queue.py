from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged, users, warmup

from .common import QueueCommon


@tagged("post_install", "-at_install")
class TestQueue(QueueCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()

    def _issue(self, service, center=None, **vals):
        """The hall administrator issues a ticket (SC-7)."""
        return (
            self.env["sce.queue.ticket"]
            .with_user(self.administrator)
            .create({"center_id": (center or self.center).id, "service_id": service.id, **vals})
        )

    def _call_next(self, window, user):
        action = window.with_user(user).action_call_next()
        if action.get("res_model") != "sce.queue.ticket":
            return self.env["sce.queue.ticket"]
        return self.env["sce.queue.ticket"].browse(action["res_id"])

    def test_sc8_table4_norms_of_the_services(self):
        """SC-8: the seeded services carry Table 4's norms and the serving roles of SC-6."""
        norms = {
            s.serving_role: (s.norm_wait_minutes, s.norm_service_minutes)
            for s in self.svc_admin | self.svc_consult | self.svc_cash
        }
        self.assertEqual(
            norms, {"administrator": (10, 5), "consultant": (20, 15), "cashier": (20, 10)}
        )

    def test_sc7_numbering_restarts_per_day_center_and_prefix(self):
        """SC-7: the ticket carries the service's prefix and a number of the day, counted
        per center and prefix."""
        with freeze_time("2026-11-02 07:00:00"):
            first = self._issue(self.svc_consult)
            second = self._issue(self.svc_consult)
            cash = self._issue(self.svc_cash)
            elsewhere = self._issue(self.svc_consult, center=self.other_center)
        with freeze_time("2026-11-03 07:00:00"):
            next_day = self._issue(self.svc_consult)
        self.assertEqual(
            [t.name for t in (first, second, cash, elsewhere, next_day)],
            ["К-001", "К-002", "О-001", "К-001", "К-001"],
        )
        self.assertEqual(first.event_ids.mapped("kind"), ["issued"])

    def test_gen6_customer_with_individual_approach_is_called_before_earlier_visitor(self):
        """GEN-6: a veteran's later ticket is called before an earlier ordinary one."""
        with freeze_time("2026-11-02 07:00:00"):
            ordinary = self._issue(self.svc_consult, partner_id=self.customer.id)
        with freeze_time("2026-11-02 07:05:00"):
            veteran = self._issue(self.svc_consult, partner_id=self.veteran.id)
            called = self._call_next(self.window_consult, self.consultant)
        self.assertEqual(veteran.priority_reason, "individual")
        self.assertFalse(ordinary.is_priority)
        self.assertEqual(called, veteran)
        self.assertEqual(called.state, "called")
        self.assertEqual(called.window_id, self.window_consult)
        self.assertEqual(called.operator_id, self.consultant)

    def test_gen6_priority_chosen_at_issue_and_prebooked_visits_go_first(self):
        """GEN-6 and pre-booking: a reason chosen at the desk (disabled visitor) and a
        pre-booked visit both go before earlier ordinary tickets, in order of issue."""
        with freeze_time("2026-11-02 07:00:00"):
            ordinary = self._issue(self.svc_consult)
        with freeze_time("2026-11-02 07:01:00"):
            disabled = self._issue(self.svc_consult, priority_reason="disabled")
        with freeze_time("2026-11-02 07:02:00"):
            prebooked = self._issue(self.svc_consult, priority_reason="prebooked")
        with freeze_time("2026-11-02 07:10:00"):
            first = self._call_next(self.window_consult, self.consultant)
            second = self._call_next(self.window_consult_2, self.consultant_2)
            first.with_user(self.consultant).action_start()
            first.with_user(self.consultant).action_finish()
            third = self._call_next(self.window_consult, self.consultant)
        self.assertEqual(first | second | third, disabled | prebooked | ordinary)
        self.assertEqual((first, second, third), (disabled, prebooked, ordinary))

    def test_sc6_call_next_serves_only_the_windows_services_in_its_center(self):
        """SC-6: the cashier's window never calls a consultation ticket, nor a ticket of
        another center."""
        with freeze_time("2026-11-02 07:00:00"):
            consult = self._issue(self.svc_consult)
            self._issue(self.svc_cash, center=self.other_center)
        with freeze_time("2026-11-02 07:01:00"):
            cash = self._issue(self.svc_cash)
            self.assertEqual(self._call_next(self.window_cash, self.cashier), cash)
            cash.with_user(self.cashier).action_start()
            cash.with_user(self.cashier).action_finish()
            self.assertFalse(self._call_next(self.window_cash, self.cashier))
        self.assertEqual(consult.state, "waiting")

    def test_sc7_no_show_recall_and_transfer_keep_the_timeline(self):
        """SC-7: recall and no-show are recorded; a transfer sends the visitor to another
        service's queue with the same number and issue time, the timeline goes on."""
        with freeze_time("2026-11-02 07:00:00"):
            absent = self._issue(self.svc_consult)
            visitor = self._issue(self.svc_consult)
        with freeze_time("2026-11-02 07:10:00"):
            self.assertEqual(self._call_next(self.window_consult, self.consultant), absent)
            absent.with_user(self.consultant).action_recall()
            absent.with_user(self.consultant).action_no_show()
            self.assertEqual(self._call_next(self.window_consult, self.consultant), visitor)
            visitor.with_user(self.consultant).action_start()
        with freeze_time("2026-11-02 07:20:00"):
            cash_later = self._issue(self.svc_cash)
            wizard = (
                self.env["sce.queue.transfer.wizard"]
                .with_user(self.consultant)
                .with_context(active_model="sce.queue.ticket", active_id=visitor.id)
                .create({"service_id": self.svc_cash.id})
            )
            wizard.action_transfer()
        self.assertEqual(absent.state, "no_show")
        self.assertEqual(
            absent.event_ids.mapped("kind"), ["issued", "called", "recalled", "no_show"]
        )
        self.assertEqual(visitor.state, "waiting")
        self.assertEqual(visitor.name, "К-002")
        self.assertEqual(str(visitor.issued_at), "2026-11-02 07:00:00")
        self.assertEqual(
            visitor.event_ids.mapped("kind"), ["issued", "called", "started", "transferred"]
        )
        self.assertEqual(visitor.event_ids.mapped("service_id"), self.svc_consult | self.svc_cash)
        with freeze_time("2026-11-02 07:25:00"):
            # the transferred visitor keeps the earlier issue time: called before a
            # cash ticket issued after it
            self.assertEqual(self._call_next(self.window_cash, self.cashier), visitor)
        self.assertEqual(cash_later.state, "waiting")

    def test_sc8_wait_service_and_visit_minutes(self):
        """SC-8: wait (issue → first call), service (start → finish) and the whole visit
        are computed and stored for comparison with the norms."""
        with freeze_time("2026-11-02 07:00:00"):
            ticket = self._issue(self.svc_consult)
        with freeze_time("2026-11-02 07:12:00"):
            self._call_next(self.window_consult, self.consultant)
        with freeze_time("2026-11-02 07:13:30"):
            ticket.with_user(self.consultant).action_start()
        with freeze_time("2026-11-02 07:28:30"):
            ticket.with_user(self.consultant).action_finish()
        self.assertEqual(
            (ticket.wait_minutes, ticket.service_minutes, ticket.visit_minutes),
            (12.0, 15.0, 28.5),
        )
        self.assertEqual(ticket.state, "done")

    def test_sc6_only_the_windows_operator_calls_next(self):
        """SC-6: a manager-consultant calls next at their own window; not at a colleague's,
        and a specialist of a profile department not at all."""
        self._issue(self.svc_consult)
        with self.assertRaises(AccessError):
            self.window_consult.with_user(self.specialist).action_call_next()
        with self.assertRaises(AccessError):
            self.window_consult_2.with_user(self.consultant).action_call_next()
        self.assertTrue(self._call_next(self.window_consult, self.consultant))

    def test_sc7_transfer_only_to_another_service(self):
        """SC-7: a transfer must route the visitor somewhere else."""
        ticket = self._issue(self.svc_consult)
        self._call_next(self.window_consult, self.consultant)
        with self.assertRaises(UserError):
            ticket.with_user(self.consultant)._transfer_to_service(self.svc_consult)

    def test_sc1_head_registers_centers_by_tier_and_operators_only_read_them(self):
        """SC-1: the service-center head keeps the register of centers by tier and MRO;
        a manager-consultant reads it but cannot change it."""
        mro = self.env["sce.mro"].create({"name": "SC Test MRO", "code": "SCT"})
        center = (
            self.env["sce.service.center"]
            .with_user(self.head)
            .create({"name": "ЦОК при МРО", "tier": "mro", "mro_id": mro.id})
        )
        self.assertEqual(center.with_user(self.consultant).tier, "mro")
        with self.assertRaises(AccessError):
            center.with_user(self.consultant).write({"name": "Другое имя"})
        with self.assertRaises(AccessError):
            self.env["sce.service.center"].with_user(self.specialist).create({"name": "X"})

    @users("sce-sc-consultant")
    @warmup
    def test_sc7_call_next_query_budget_with_a_long_queue(self):
        """SC-7: call, start and finish cost a pinned number of queries with 30 visitors
        waiting (the pick is one indexed query, not a scan in Python)."""
        service = self.svc_consult.id
        self.env["sce.queue.ticket"].with_user(self.administrator).create(
            [{"center_id": self.center.id, "service_id": service}] * 30
        )
        window = self.window_consult.with_user(self.env.user)
        with self.assertQueryCount(**{"sce-sc-consultant": 12}):
            ticket = self.env["sce.queue.ticket"].browse(window.action_call_next()["res_id"])
            ticket.action_start()
            ticket.action_finish()

    def test_sc6_staff_change_tickets_only_through_the_workflow(self):
        """SC-6: operators act through the steps of their window; a direct write of a
        ticket's state or window, or a cancel by anyone but the hall administrator, is
        refused, and workflow fields given at issue are ignored."""
        ticket = self._issue(self.svc_consult, state="done", window_id=self.window_cash.id)
        self.assertEqual(
            (ticket.state, ticket.window_id), ("waiting", self.env["sce.queue.window"])
        )
        with self.assertRaises(AccessError):
            ticket.with_user(self.consultant).write({"state": "done"})
        with self.assertRaises(AccessError):
            ticket.with_user(self.consultant).action_cancel()
        ticket.with_user(self.administrator).action_cancel()
        self.assertEqual(ticket.state, "cancelled")
        self.assertEqual(ticket.event_ids.mapped("kind"), ["issued", "cancelled"])
