import json

from odoo.tests import HttpCase, tagged

from .common import QueueCommon


@tagged("post_install", "-at_install")
class TestQueueBoard(QueueCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()

    def test_sc7_board_shows_numbers_and_windows_without_personal_data(self):
        """SC-7 / GEN-7: the public hall board lists the called number and its window;
        no name or phone of the customer appears on it."""
        ticket = (
            self.env["sce.queue.ticket"]
            .with_user(self.administrator)
            .create(
                {
                    "center_id": self.center.id,
                    "service_id": self.svc_consult.id,
                    "partner_id": self.customer.id,
                }
            )
        )
        self.window_consult.with_user(self.consultant).action_call_next()
        self.assertEqual(ticket.state, "called")
        response = self.url_open(f"/sce/queue/{self.center.id}/board")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("К-001", page)
        self.assertIn(f'data-channel="sce_queue_board_{self.center.id}"', page)
        for personal in ("Хетагуров", "Тимур", "531234", "8672", "Менеджер"):
            self.assertNotIn(personal, page)

    def test_sc7_call_sends_the_board_lines_over_the_bus(self):
        """SC-7: each call pushes the board's lines (number, window only) to the center's
        channel, which the page subscribes to."""
        self.env["sce.queue.ticket"].with_user(self.administrator).create(
            {
                "center_id": self.center.id,
                "service_id": self.svc_consult.id,
                "partner_id": self.customer.id,
            }
        )
        self.window_consult.with_user(self.consultant).action_call_next()
        self.env.cr.precommit.run()
        notifications = (
            self.env["bus.bus"]
            .sudo()
            .search([("channel", "like", f'"sce_queue_board_{self.center.id}"')])
        )
        self.assertEqual(len(notifications), 1)
        message = json.loads(notifications.message)
        self.assertEqual(message["type"], "sce_queue_board/call")
        self.assertEqual(message["payload"], [{"number": "К-001", "window": "1"}])

    def test_board_of_unknown_center_is_404(self):
        self.assertEqual(self.url_open("/sce/queue/999999/board").status_code, 404)
