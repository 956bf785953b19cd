from odoo.exceptions import AccessError
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
