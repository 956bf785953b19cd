from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import QueueCommon


@tagged("post_install", "-at_install")
class TestQueueCenters(QueueCommon, TransactionCase):
    """SC-6 / SC-7: the hall staff work in their own centers; a visitor can be sent to
    a particular window and keeps their timeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()
        cls.other_administrator = cls._sc_user(
            "administrator", login="sce-sc-administrator-2", name="Администратор Другой"
        )
        cls.other_administrator.sce_service_center_ids = cls.other_center
        cls.other_consultant = cls._sc_user(
            "consultant", login="sce-sc-consultant-3", name="Консультант Другой"
        )
        cls.other_window = cls.env["sce.queue.window"].create(
            {
                "center_id": cls.other_center.id,
                "number": "1",
                "user_id": cls.other_consultant.id,
                "service_ids": [(6, 0, cls.svc_consult.ids)],
            }
        )

    def _issue(self, service, center=None, user=None):
        return (
            self.env["sce.queue.ticket"]
            .with_user(user or self.administrator)
            .create({"center_id": (center or self.center).id, "service_id": service.id})
        )

    def test_sc6_staff_of_another_center_see_nothing_of_this_one(self):
        """SC-6: an administrator and a consultant of another center find none of this
        center's tickets or windows, cannot read them, and cannot issue tickets here;
        the center's own staff and the head see them."""
        ticket = self._issue(self.svc_consult)
        self.window_consult.with_user(self.consultant).action_call_next()
        own = self._issue(self.svc_consult, center=self.other_center, user=self.other_administrator)
        for user in (self.other_administrator, self.other_consultant):
            Ticket = self.env["sce.queue.ticket"].with_user(user)
            self.assertEqual(Ticket.search([]), own)
            self.assertFalse(Ticket.search([("center_id", "=", self.center.id)]))
            self.assertEqual(
                self.env["sce.queue.window"].with_user(user).search([]), self.other_window
            )
            self.assertFalse(
                self.env["sce.queue.ticket.event"]
                .with_user(user)
                .search([("ticket_id", "=", ticket.id)])
            )
            with self.assertRaises(AccessError):
                ticket.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self._issue(self.svc_consult, user=self.other_administrator)
        self.assertIn(ticket, self.env["sce.queue.ticket"].with_user(self.consultant_2).search([]))
        self.assertNotIn(own, self.env["sce.queue.ticket"].with_user(self.consultant).search([]))
        self.assertEqual(
            self.env["sce.queue.ticket"]
            .with_user(self.head)
            .search([("id", "in", (ticket | own).ids)]),
            ticket | own,
        )

    def test_sc7_transfer_to_a_window_keeps_number_time_and_timeline(self):
        """SC-7: the consultant sends the visitor to window 3 (the cash window, which does
        not serve consultations): only that window calls them, with their number, issue
        time and the timeline going on."""
        with freeze_time("2026-11-02 07:00:00"):
            visitor = self._issue(self.svc_consult)
            self.window_consult.with_user(self.consultant).action_call_next()
            visitor.with_user(self.consultant).action_start()
        with freeze_time("2026-11-02 07:05:00"):
            self._issue(self.svc_cash)
            later = self._issue(self.svc_consult)
            wizard = (
                self.env["sce.queue.transfer.wizard"]
                .with_user(self.consultant)
                .with_context(active_model="sce.queue.ticket", active_id=visitor.id)
                .create({"window_id": self.window_cash.id})
            )
            wizard.action_transfer()
        self.assertEqual((visitor.state, visitor.target_window_id), ("waiting", self.window_cash))
        with freeze_time("2026-11-02 07:10:00"):
            # another consultant's window does not take the visitor sent to window 3
            action = self.window_consult_2.with_user(self.consultant_2).action_call_next()
            self.assertEqual(action["res_id"], later.id)
            action = self.window_cash.with_user(self.cashier).action_call_next()
        self.assertEqual(action["res_id"], visitor.id)
        self.assertEqual((visitor.name, str(visitor.issued_at)), ("К-001", "2026-11-02 07:00:00"))
        self.assertEqual(visitor.window_id, self.window_cash)
        self.assertFalse(visitor.target_window_id)
        self.assertEqual(
            visitor.event_ids.mapped("kind"),
            ["issued", "called", "started", "transferred_window", "called"],
        )
        self.assertEqual(
            visitor.event_ids.mapped("window_id"), self.window_consult | self.window_cash
        )

    def test_sc7_transfer_to_a_window_of_another_center_is_refused(self):
        """SC-7: the visitor stays in the center they came to."""
        visitor = self._issue(self.svc_consult)
        self.window_consult.with_user(self.consultant).action_call_next()
        with self.assertRaises(UserError):
            visitor.with_user(self.consultant)._transfer_to_window(self.other_window.sudo())
        with self.assertRaises(UserError):
            visitor.with_user(self.consultant)._transfer_to_window(self.window_consult)
        self.assertEqual(visitor.state, "called")
