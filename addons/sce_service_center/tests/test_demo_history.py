from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

X = "sce_service_center."
CENTERS = ["central", "mozdok", "alagir", "digora", "beslan", "ardon"]


@tagged("post_install", "-at_install")
class TestServiceCenterDemoHistory(TransactionCase):
    """The demo month of queue history (SC-8 statistics) and the pre-bookings (SC-7):
    tests the demo database itself when installed with demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.env.ref("base.module_sce_service_center").demo
        cls.centers = cls.env["sce.service.center"]
        for key in CENTERS:
            cls.centers |= (
                cls.env.ref(X + f"sce_service_center_{key}", raise_if_not_found=False)
                or cls.centers
            )
        cls.tickets = cls.env["sce.queue.ticket"].search([("center_id", "in", cls.centers.ids)])

    def test_sc8_demo_month_of_history(self):
        if not self.demo:
            self.assertFalse(self.centers)
            return
        today = max(self.tickets.mapped("day"))
        past = self.tickets.filtered(lambda t: t.day < today)
        self.assertEqual(past.center_id, self.centers)
        self.assertGreaterEqual(len(set(past.mapped("day"))), 18)
        self.assertGreaterEqual(min(past.mapped("day")), today - timedelta(days=30))
        self.assertEqual(set(past.mapped("state")), {"done", "no_show"})
        done = past.filtered(lambda t: t.state == "done")
        self.assertTrue(all(t.service_minutes > 0 for t in done))
        # most visits within the hour of SC-8, not all of them
        within = sum(done.mapped("visit_within_norm")) / len(done)
        self.assertGreater(within, 50)
        for window in self.centers.window_ids:
            visits = done.filtered(lambda t, w=window: t.window_id == w).sorted("started_at")
            for earlier, later in zip(visits, visits[1:], strict=False):
                self.assertLessEqual(earlier.finished_at, later.started_at, window.display_name)

    def test_sc7_demo_prebookings_within_opening_hours(self):
        if not self.demo:
            self.assertFalse(self.centers)
            return
        bookings = self.env["sce.queue.booking"].search([("center_id", "in", self.centers.ids)])
        self.assertGreaterEqual(len(bookings), 20)
        self.assertEqual(set(bookings.mapped("channel")), {"call_center", "desk"})
        self.assertTrue(all(b.slot_start > b.create_date - timedelta(minutes=1) for b in bookings))
        for booking in bookings:
            times = booking.center_id._booking_slot_times(booking.service_id, booking.day)
            self.assertIn(round(booking.slot_time, 4), times, booking.display_name)
        self.assertTrue(all(self.centers.mapped("opening_hour_ids")))
        self.assertTrue(all(self.centers.mapped("call_center_phone")))
        tokens = self.centers.sudo().mapped("kiosk_token")
        self.assertEqual(len(set(tokens)), len(self.centers))
        self.assertLessEqual(fields.Date.today() - timedelta(days=1), max(bookings.mapped("day")))
