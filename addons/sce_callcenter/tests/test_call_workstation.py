from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, TransactionCase, users, warmup

from .common import CallCenterCommon


class TestCallWorkstation(CallCenterCommon, TransactionCase):
    """The operator's side of a call: the lookup behind the screen pop, the appeal
    registered from the call, the customer card's timeline and who sees calls."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()

    @warmup
    def test_cc3_screen_pop_lookup_query_count(self):
        """CC-3, CC-6 (customer lookup within 45 s): the caller lookup is a fixed number
        of indexed queries, whatever the number's format."""
        Call = self.env["sce.call"].sudo()
        with self.assertQueryCount(2):
            partners, accounts = Call._sce_caller_lookup("8 (8672) 53-12-34")
        self.assertEqual(partners, self.customer)
        self.assertEqual(accounts, self.account)

    @users("sce-cc-line1")
    def test_cc7_appeal_registered_from_the_call_is_phone_and_linked(self):
        """CC-7 (register the appeal linked to the customer), CC-3 (linked to the
        call): one button opens the appeal with channel phone, customer and account."""
        call = self._ingest(self._flow("ws-appeal")).with_user(self.env.user)
        action = call.action_register_appeal()
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        appeal_form = Form(self.env["helpdesk.ticket"].with_context(**action["context"]))
        appeal_form.name = "Нет света в квартире"
        appeal = appeal_form.save()
        self.assertEqual(appeal.channel_id, self.channel_phone)
        self.assertEqual(appeal.partner_id, self.customer)
        self.assertEqual(appeal.account_id, self.account)
        self.assertEqual(appeal.sce_call_id, call)
        self.assertIn("+78672531234", appeal.description)
        self.assertEqual(call.appeal_ids, appeal)
        self.assertEqual(call.appeal_count, 1)

    @users("sce-cc-line1")
    def test_cc3_screen_pop_opens_card_pick_list_or_new_appeal(self):
        """CC-3: the screen pop opens the caller's card; a number shared by several
        customers gives a pick list; an unknown number a new appeal from the call."""
        known = self._ingest(self._flow("ws-known")[:2]).with_user(self.env.user)
        action = known.action_open_caller()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["res_id"], self.customer.id)
        self.assertEqual(
            action["views"],
            [(self.env.ref("sce_appeals.res_partner_view_form_sce_card").id, "form")],
        )
        unknown = self._ingest(self._flow("ws-unknown", caller="+7 918 000-00-01")[:2])
        action = unknown.with_user(self.env.user).action_open_caller()
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        self.assertEqual(action["context"]["default_channel_id"], self.channel_phone.id)
        self.assertEqual(action["context"]["default_sce_call_id"], unknown.id)
        self.assertFalse(action["context"]["default_partner_id"])
        self.assertIn("+79180000001", action["context"]["default_description"])

    @users("sce-cc-line1")
    def test_cc3_screen_pop_of_an_ended_call_opens_nothing(self):
        """CC-3: the browser asks the server what a received pop opens — the caller while
        the call is live, nothing once it has ended (the bus replays a user's recent
        notifications to a browser that connects)."""
        flow = self._flow("ws-replay")
        call = self._ingest(flow[:2]).with_user(self.env.user)
        self.assertEqual(call.action_screen_pop(), call.action_open_caller())
        self._ingest(flow)
        self.assertEqual(call.state, "ended")
        self.assertFalse(call.action_screen_pop())

    def test_cc3_number_of_several_customers_gives_a_pick_list(self):
        """CC-3: several customers on one number: no customer is guessed, the operator
        picks from the list."""
        relative = self.env["res.partner"].create(
            {"name": "Хетагурова Алла", "sce_customer_group": "1", "phone": "+78672531234"}
        )
        call = self._ingest(self._flow("ws-shared")[:2])
        self.assertFalse(call.partner_id)
        self.assertEqual(call.matched_partner_ids, self.customer | relative)
        action = call.with_user(self.operator).action_open_caller()
        self.assertEqual(action["domain"], [("id", "in", (self.customer | relative).ids)])

    def test_gen3_customer_card_timeline_shows_the_call(self):
        """GEN-3, CC-7 (interaction history): the call is on the customer's timeline for
        the operator; roles that may not read calls still get their card, without calls."""
        call = self._ingest(self._flow("ws-timeline"))
        timeline = self.customer.with_user(self.operator).sce_timeline_html
        self.assertIn("o_sce_timeline_call", timeline)
        self.assertIn(f"/odoo/sce.call/{call.id}", timeline)
        self.assertIn("3:00", timeline)
        events = self.customer.with_user(self.specialist)._sce_timeline_events(50)
        self.assertFalse([e for e in events if e["kind"] == "call"])

    def test_cc7_operator_sees_calls_specialist_does_not(self):
        """CC-7, GEN-7: call-center operators of both lines see calls; a specialist of
        a profile department gets nothing, not even by id."""
        call = self._ingest(self._flow("ws-access"))
        for operator in (self.operator, self.operator_2):
            self.assertEqual(
                self.env["sce.call"].with_user(operator).search([("id", "=", call.id)]), call
            )
        with self.assertRaises(AccessError):
            self.env["sce.call"].with_user(self.specialist).search([])
        with self.assertRaises(AccessError):
            call.with_user(self.specialist).read(["customer_phone"])
        with self.assertRaises(AccessError):
            self.env["sce.cti.source"].with_user(self.operator).search([])

    def test_cc3_dispositions_and_wait_of_unanswered_calls(self):
        """CC-3 (statistics), CC-5 (wait): missed when offered to an operator and not
        answered, abandoned when the caller hangs up in the queue, closed in IVR when
        never queued; the wait runs from the queue to the end."""
        missed = self._ingest(
            [
                self._event("ws-missed", 1, "call_started", 0, caller="+78672531234"),
                self._event("ws-missed", 2, "queued", 10, queue="line1"),
                self._event("ws-missed", 3, "ringing", 12, agent="101"),
                self._event("ws-missed", 4, "ended", 40),
            ]
        )
        self.assertEqual((missed.disposition, missed.wait_duration), ("missed", 30))
        self.assertEqual(missed.user_id, self.operator)
        abandoned = self._ingest(
            [
                self._event("ws-abandoned", 1, "call_started", 0, caller="+78672531234"),
                self._event("ws-abandoned", 2, "queued", 10, queue="line1"),
                self._event("ws-abandoned", 3, "ended", 25),
            ]
        )
        self.assertEqual((abandoned.disposition, abandoned.wait_duration), ("abandoned", 15))
        in_ivr = self._ingest(
            [
                self._event("ws-ivr", 1, "call_started", 0, caller="+78672531234"),
                self._event("ws-ivr", 2, "ivr_step", 3, data={"menu": "1"}),
                self._event("ws-ivr", 3, "ended", 30),
            ]
        )
        self.assertEqual((in_ivr.disposition, in_ivr.wait_duration), ("closed_ivr", 0))
        self.assertEqual(in_ivr.talk_duration, 0)

    def test_cc7_outbound_call_matches_the_called_customer(self):
        """CC-7 (manual outbound): the customer of an outbound call is the called
        number."""
        call = self._ingest(
            [
                self._event(
                    "ws-out",
                    1,
                    "call_started",
                    0,
                    direction="outbound",
                    caller="101",
                    called="8 (8672) 53-12-34",
                ),
                self._event("ws-out", 2, "answered", 10, agent="101"),
                self._event("ws-out", 3, "ended", 70),
            ]
        )
        self.assertEqual(call.direction, "outbound")
        self.assertEqual(call.customer_phone, "+78672531234")
        self.assertEqual(call.partner_id, self.customer)
        self.assertEqual((call.wait_duration, call.talk_duration), (10, 60))

    def test_cc3_agent_status_event_is_kept_without_a_call(self):
        """CC-3: an agent-status event needs no call id; it is kept as a raw event."""
        Event = self.env["sce.call.event"]
        values = Event._sce_parse(
            {
                "source": "test-pbx",
                "event_id": "agent-101-1",
                "sequence": 1,
                "type": "agent_status",
                "timestamp": "2026-11-02T07:00:00Z",
                "agent": "101",
                "data": {"status": "ready"},
            }
        )
        status, call = self.env["sce.call"]._sce_ingest_event(self.source, values)
        self.assertEqual(status, "accepted")
        self.assertFalse(call)
        event = Event.search([("event_id", "=", "agent-101-1")])
        self.assertEqual((event.agent_extension, event.call_id), ("101", call))

    def test_cc3_supervisor_configures_sources_with_a_valid_allow_list(self):
        """CC-3: the supervisor keeps the PBX sources; an allow-list that is no address
        or network is refused with a clear error."""
        supervisor = self._cc_user("supervisor", name="Руководитель КЦ")
        source = self.source.with_user(supervisor)
        source.allowed_ips = "10.0.0.5, 192.168.10.0/24"
        self.assertTrue(source._sce_ip_allowed("192.168.10.77"))
        self.assertFalse(source._sce_ip_allowed("192.168.11.1"))
        with self.assertRaises(ValidationError):
            source.allowed_ips = "10.0.0.300"
