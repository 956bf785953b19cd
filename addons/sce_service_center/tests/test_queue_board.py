import json
import threading
import time

from odoo import api
from odoo.tests import HttpCase, tagged

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable
from odoo.addons.bus.tests.common import WebsocketCase

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


@tagged("post_install", "-at_install")
class TestQueueBoardLive(QueueCommon, WebsocketCase):
    """The hall board's live part: a visitor's screen (no login) subscribed to the
    center's channel receives each call (SC-7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()

    def test_sc7_public_board_socket_receives_the_call(self):
        self.env["sce.queue.ticket"].with_user(self.administrator).create(
            {
                "center_id": self.center.id,
                "service_id": self.svc_cash.id,
                "partner_id": self.customer.id,
            }
        )
        channel = self.center._board_channel()
        board = self.websocket_connect()  # the hall screen: a public session
        self.subscribe(board, [channel], self.env["bus.bus"]._bus_last_id())
        self.window_cash.with_user(self.cashier).action_call_next()
        self.trigger_notification_dispatching([channel])
        notifications = json.loads(board.recv())
        self.assertEqual(
            [(n["message"]["type"], n["message"]["payload"]) for n in notifications],
            [("sce_queue_board/call", [{"number": "О-001", "window": "3"}])],
        )

    def _call_next_once_the_board_listens(self, errors):
        """Runs beside the browser: waits until the board page has subscribed to the
        center's channel, then the consultant calls next in a request-like cursor and
        the board's websocket is told that notifications wait."""
        key = hashable(channel_with_db(self.registry.db_name, self.center._board_channel()))
        try:
            for _attempt in range(600):
                if key in dispatch._channels_to_ws:
                    break
                time.sleep(0.1)
            with self.registry.cursor() as cr:
                env = api.Environment(cr, self.consultant.id, {})
                env["sce.queue.window"].browse(self.window_consult.id).action_call_next()
                cr.flush()  # runs the pre-commit hook that writes the bus message
            for websocket in list(dispatch._channels_to_ws.get(key, ())):
                websocket.trigger_notification_dispatching()
        except Exception as error:  # noqa: BLE001 - reported by the test thread
            errors.append(error)

    def test_sc7_board_in_the_browser_shows_a_call_without_reload(self):
        """SC-7: the hall board open in a browser shows the called number as soon as the
        consultant presses call-next, over the bus, without reloading the page."""
        self.env["sce.queue.ticket"].with_user(self.administrator).create(
            {"center_id": self.center.id, "service_id": self.svc_consult.id}
        )
        errors = []
        caller = threading.Thread(target=self._call_next_once_the_board_listens, args=(errors,))
        caller.start()
        self.browser_js(
            f"/sce/queue/{self.center.id}/board",
            """
            const board = document.querySelector(".o_sce_queue_board");
            board.dataset.sameDocument = "yes";
            (function waitForCall() {
                const cell = board.querySelector(".o_sce_queue_board_calls td");
                if (board.dataset.lastCall === "К-001" && cell && cell.textContent === "К-001"
                    && board.dataset.sameDocument === "yes") {
                    console.log("test successful");
                } else {
                    setTimeout(waitForCall, 100);
                }
            })();
            """,
            ready="!!document.querySelector('.o_sce_queue_board')",
        )
        caller.join()
        self.assertFalse(errors)
