from collections import defaultdict

from odoo import fields
from odoo.tests import TransactionCase, tagged

X = "sce_service_center."
CENTERS = ["central", "mozdok", "alagir", "digora", "beslan", "ardon"]
ROLE_GROUPS = {
    "administrator": X + "group_sce_sc_administrator",
    "consultant": X + "group_sce_sc_consultant",
    "cashier": X + "group_sce_sc_cashier",
}


@tagged("post_install", "-at_install")
class TestServiceCenterDemoData(TransactionCase):
    """The demo centers, windows and today's queue (SC-1, SC-6, SC-7, GEN-6) made by the
    workflow methods: it tests the demo database itself when installed with demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.env.ref("base.module_sce_service_center").demo
        cls.centers = cls.env["sce.service.center"]
        for key in CENTERS:
            cls.centers |= cls.env.ref(X + f"sce_service_center_{key}", raise_if_not_found=False)
        cls.tickets = cls.env["sce.queue.ticket"].search([("center_id", "in", cls.centers.ids)])

    def test_sc1_demo_centers_and_windows(self):
        if not self.demo:
            self.assertFalse(self.centers, "Demo records in a database without demo data.")
            return
        self.assertEqual(len(self.centers), 6)
        central = self.env.ref(X + "sce_service_center_central")
        self.assertEqual(central.tier, "central")
        self.assertIn("ул. Гастелло, 50", central.address)
        self.assertEqual(set((self.centers - central).mapped("tier")), {"mro"})
        self.assertEqual(len(self.centers.mapped("mro_id")), 6)
        for window in self.centers.window_ids:
            self.assertTrue(window.user_id, window.display_name)
            self.assertTrue(window.service_ids, window.display_name)
            for service in window.service_ids:
                self.assertTrue(
                    window.user_id.has_group(ROLE_GROUPS[service.serving_role])
                    or service.serving_role == "cashier"
                    and window.user_id.has_group(ROLE_GROUPS["consultant"]),
                    window.display_name,
                )
        self.assertEqual(len(central.window_ids), 4)

    def test_sc7_demo_queue_numbered_per_day(self):
        if not self.demo:
            self.assertFalse(self.tickets)
            return
        day = max(self.tickets.mapped("day"))
        today = self.tickets.filtered(lambda t: t.day == day)
        self.assertGreaterEqual(len(today), 50)
        self.assertEqual(today.center_id, self.centers)
        # today's queue and the month of history before it are numbered per day
        numbers = defaultdict(list)
        for ticket in self.tickets:
            prefix, number = ticket.name.split("-")
            self.assertEqual(prefix, ticket.service_id.ticket_prefix, ticket.name)
            numbers[ticket.center_id, ticket.day, prefix].append(int(number))
        for (center, ticket_day, prefix), issued in numbers.items():
            self.assertEqual(
                sorted(issued), list(range(1, len(issued) + 1)), (center.name, ticket_day, prefix)
            )
        states = set(today.mapped("state"))
        self.assertTrue({"done", "no_show", "waiting", "serving"} <= states, states)
        self.assertTrue(today.filtered("is_priority"), "GEN-6 priority visitors")

    def test_sc7_demo_timeline_consistent(self):
        if not self.demo:
            self.assertFalse(self.tickets)
            return
        now = fields.Datetime.now()
        for ticket in self.tickets:
            kinds = ticket.event_ids.mapped("kind")
            self.assertEqual(kinds[0], "issued", ticket.name)
            self.assertLessEqual(ticket.issued_at, now)
            if ticket.state == "waiting":
                self.assertFalse(ticket.window_id or ticket.called_at, ticket.name)
                continue
            self.assertIn("called", kinds, ticket.name)
            self.assertEqual(ticket.operator_id, ticket.window_id.user_id, ticket.name)
            self.assertLessEqual(ticket.issued_at, ticket.first_called_at, ticket.name)
            if ticket.state == "done":
                self.assertEqual(kinds[-1], "finished", ticket.name)
                self.assertLessEqual(ticket.first_called_at, ticket.started_at, ticket.name)
                self.assertLessEqual(ticket.started_at, ticket.finished_at, ticket.name)
                self.assertLessEqual(ticket.finished_at, now, ticket.name)
            if ticket.state == "no_show":
                self.assertEqual(kinds[-1], "no_show", ticket.name)
        # every window has at most one visitor at a time
        busy = self.tickets.filtered(lambda t: t.state in ("called", "serving"))
        self.assertEqual(len(busy), len(busy.window_id))

    def test_sc7_demo_board_shows_calls(self):
        if not self.demo:
            self.assertFalse(self.tickets)
            return
        central = self.env.ref(X + "sce_service_center_central")
        busy = self.tickets.filtered(
            lambda t: t.center_id == central and t.state in ("called", "serving")
        )
        self.assertTrue(busy)
        if busy[:1].day == fields.Date.context_today(central):
            board = central._board_calls()
            self.assertEqual({line["number"] for line in board}, set(busy.mapped("name")))
