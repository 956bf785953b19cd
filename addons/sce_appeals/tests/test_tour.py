import json
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import NO_MAIL_NOISE, new_role_user


@tagged("post_install", "-at_install")
class TestDeadlineControlTour(HttpCase):
    """CC-7 item 20, in Chromium: deadline control shows breaches in colour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator = new_role_user(cls.env, "operator")

    def test_cc7_deadline_control_tour(self):
        topic = self.env.ref("sce_appeals.helpdesk_ticket_category_readings")
        self.env["sce.faq.article"].create(
            {
                "name": "Tour: how to pass meter readings",
                "answer": "<p>Through the personal cabinet, by phone or at a center.</p>",
                "category_id": topic.id,
                "is_published": True,
            }
        )
        self.env["helpdesk.ticket"].with_context(**NO_MAIL_NOISE).create(
            {
                "name": "Tour: meter not replaced",
                "description": "<p>The meter was not replaced on time.</p>",
                "channel_id": self.env.ref("sce_appeals.helpdesk_ticket_channel_post").id,
                "appeal_kind": "service_request",
                "category_id": topic.id,
                "date_received": fields.Datetime.now() - timedelta(days=60),
            }
        )
        self.start_tour("/odoo", "sce_appeals_deadline_control", login=self.operator.login)


@tagged("post_install", "-at_install")
class TestLanding(HttpCase):
    """Staff land on their work after login, not in Discuss."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for role in ("operator", "specialist", "manager"):
            new_role_user(cls.env, role)

    def _home_action(self, login):
        self.authenticate(login, login)
        response = self.url_open(
            "/web/session/get_session_info",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()["result"]["home_action_id"]

    def test_front_office_lands_on_appeals(self):
        action = self.env.ref("sce_appeals.helpdesk_ticket_action_appeals")
        self.assertEqual(self._home_action("sce-operator"), action.id)

    def test_specialist_lands_on_their_appeals(self):
        action = self.env.ref("sce_appeals.helpdesk_ticket_action_my_appeals")
        self.assertEqual(self._home_action("sce-specialist"), action.id)

    def test_manager_lands_on_the_analysis(self):
        action = self.env.ref("sce_appeals.helpdesk_ticket_action_sce_analysis")
        self.assertEqual(self._home_action("sce-manager"), action.id)


@tagged("post_install", "-at_install")
class TestCustomerCardTour(HttpCase):
    """GEN-3, in Chromium, as the front-office operator: phone lookup opens the card."""

    def test_gen3_customer_card_tour(self):
        env = self.env
        operator = new_role_user(env, "operator")
        mro = env["sce.mro"].create({"name": "Tour MRO", "code": "TOUR"})
        customer = env["res.partner"].create(
            {
                "sce_surname": "Турова",
                "sce_first_name": "Тамара",
                "sce_patronymic": "Тимуровна",
                "sce_customer_group": "1",
                "phone": "+7 8672 598765",
                "sce_is_disabled": True,
            }
        )
        account = env["sce.account"].create(
            {
                "name": "TOUR-ACC-0001",
                "partner_id": customer.id,
                "supply_address": "Владикавказ, ул. Турова, 1",
                "mro_id": mro.id,
            }
        )
        env["sce.account.move"].create(
            {
                "account_id": account.id,
                "date": fields.Date.today() - timedelta(days=3),
                "move_type": "payment",
                "amount": 500.0,
            }
        )
        env["helpdesk.ticket"].with_context(**NO_MAIL_NOISE).create(
            {
                "name": "Tour: card appeal",
                "description": "<p>Please check my bill.</p>",
                "partner_id": customer.id,
                "account_id": account.id,
                "channel_id": env.ref("sce_appeals.helpdesk_ticket_channel_post").id,
                "appeal_kind": "inquiry",
            }
        )
        self.start_tour("/odoo", "sce_appeals_customer_card", login=operator.login)
