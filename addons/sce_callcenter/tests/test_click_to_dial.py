import socket

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, users

from .common import CallCenterCommon
from .http_server import PbxTestServer, Reply


class TestClickToDial(CallCenterCommon, TransactionCase):
    """Click-to-dial (CC-7 item 1: manual outbound) through the PBX's originate API,
    against a real HTTP server on 127.0.0.1 that records what it receives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()
        cls.source.originate_token = "pbx-token"

    def setUp(self):
        super().setUp()
        self.pbx = self.enterContext(PbxTestServer())
        self.pbx.reply("/originate", Reply(200, b'{"status": "ok", "call_id": "out-1"}'))
        self.source.originate_url = self.pbx.url("/originate")

    @users("sce-cc-line1")
    def test_cc7_click_to_dial_from_the_call_posts_json_to_the_pbx(self):
        """CC-7: the operator's extension (from the user) rings and is connected to the
        caller's number in E.164; the PBX gets JSON with the bearer token."""
        call = self._ingest(self._flow("dial-call")).with_user(self.env.user)
        action = call.action_dial()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("101", action["params"]["message"])
        [request] = self.pbx.requests
        self.assertEqual(request.method, "POST")
        self.assertEqual(request.path, "/originate")
        self.assertEqual(
            request.json(), {"source": "test-pbx", "from": "101", "to": "+78672531234"}
        )
        self.assertEqual(request.headers["Authorization"], "Bearer pbx-token")
        self.assertEqual(request.headers["Content-Type"], "application/json")

    @users("sce-cc-line2")
    def test_cc7_click_to_dial_from_the_callback_and_the_customer_card(self):
        """CC-6, CC-7: the callback and the customer card dial too, from the line-2
        operator's extension; a custom auth header carries the token as it is."""
        self.source.sudo().originate_auth_header = "X-Api-Key"
        callback = self.env["sce.call.callback"].create({"phone": "8 918 823-45-67"})
        callback.action_dial()
        self.customer.with_user(self.env.user).action_sce_dial()
        first, second = self.pbx.requests
        self.assertEqual(first.json()["to"], "+79188234567")
        self.assertEqual(first.json()["from"], "201")
        self.assertEqual(first.headers["X-Api-Key"], "pbx-token")
        self.assertNotIn("Authorization", first.headers)
        self.assertEqual(second.json()["to"], "+78672531234")

    @users("sce-cc-line1")
    def test_cc7_invalid_number_is_refused_before_the_pbx_is_asked(self):
        """A number that is no phone number is refused with a clear message; nothing
        is sent to the PBX."""
        source = self.env["sce.cti.source"].sudo().browse(self.source.id)
        with self.assertRaisesRegex(UserError, "Not a valid phone number"):
            source._sce_originate("101", "12-34")
        self.assertFalse(self.pbx.requests)

    @users("sce-cc-line1")
    def test_cc7_pbx_http_error_becomes_a_clear_message(self):
        """The PBX's refusal (HTTP 4xx/5xx) reaches the operator with its status and
        text, not as a traceback."""
        self.pbx.reply("/originate", Reply(503, b"extension 101 is offline", "text/plain"))
        with self.assertRaisesRegex(UserError, r"HTTP 503.*extension 101 is offline"):
            self.customer.with_user(self.env.user).action_sce_dial()
        self.assertEqual(len(self.pbx.requests), 1)

    @users("sce-cc-line1")
    def test_cc7_pbx_timeout_and_unreachable_pbx_become_clear_messages(self):
        """A PBX that does not answer in time, or cannot be reached at all: a clear
        message each (the test framework raises timeouts below 10 s to 10 s)."""
        self.pbx.reply("/slow", Reply(200, b"{}", delay=11))
        self.source.sudo().write({"originate_url": self.pbx.url("/slow"), "originate_timeout": 1})
        customer = self.customer.with_user(self.env.user)
        with self.assertRaisesRegex(UserError, "did not answer within"):
            customer.action_sce_dial()
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        self.source.sudo().originate_url = f"http://127.0.0.1:{closed_port}/originate"
        with self.assertRaisesRegex(UserError, "cannot be reached"):
            customer.action_sce_dial()

    def test_cc7_click_to_dial_needs_an_operator_with_an_extension(self):
        """Only call-center operators place calls, from their own extension."""
        with self.assertRaises(AccessError):
            self.customer.with_user(self.specialist).action_sce_dial()
        self.operator.sce_extension = False
        with self.assertRaisesRegex(UserError, "no PBX extension"):
            self.customer.with_user(self.operator).action_sce_dial()
        self.assertFalse(self.pbx.requests)
