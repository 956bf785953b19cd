import json
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, users

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .inform_common import InformCommon

URL = "/sce/cti/v1/self-service/outages"


class TestOutage(InformCommon, HttpCase):
    """Outages (CC-2, CC-5, FB-6): the affected addresses, a campaign for their
    customers, the IVR announcement on the signed API, the screen-pop banner and the
    “no power” appeals answered together."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_inform()
        now = fields.Datetime.now()
        cls.outage = cls.env["sce.outage"].create(
            {
                "name": "Авария на ТП-112",
                "kind": "emergency",
                "date_start": now - timedelta(hours=1),
                "date_end_expected": now + timedelta(hours=3),
                "customer_text": "Бригада Россети Северный Кавказ на месте.",
                "address_ids": [
                    fields.Command.create(
                        {
                            "settlement": "г. Владикавказ",
                            "street": "улица Маркуса",
                            "houses": "22, 24а",
                        }
                    )
                ],
            }
        )
        cls.outage.action_announce()
        cls.account_24 = cls.env["sce.account"].create(
            {
                "name": "CC-150100000005",
                "partner_id": cls.no_consent.id,
                "mro_id": cls.mro.id,
                "supply_address": "Владикавказ, ул. Маркуса, 24, кв. 3",
            }
        )

    def test_cc2_affected_accounts_by_settlement_street_houses_and_accounts(self):
        """CC-2: an account is affected when its supply address is in the settlement,
        street and houses of the outage (spelt with or without “г.”, “ул.”), or when
        the account is named on it."""
        self.account_24.supply_address = (
            "362040, РСО-Алания, г. Владикавказ, ул. Маркуса, д. 24А, кв. 3"
        )
        affected = self.outage._sce_affected_accounts()
        self.assertEqual(
            set(affected.mapped("name")), {"CC-150100000001", "CC-150100000003", "CC-150100000005"}
        )
        self.account_24.supply_address = "Владикавказ, ул. Маркуса, 24, кв. 3"
        self.outage.account_ids = self.account_24
        self.outage.address_ids.houses = False
        affected = self.outage._sce_affected_accounts()
        self.assertEqual(
            set(affected.mapped("name")),
            {"CC-150100000001", "CC-150100000002", "CC-150100000003", "CC-150100000005"},
        )

    @users("sce-cc-supervisor")
    def test_fb6_outage_campaign_for_affected_customers_with_consent(self):
        """FB-6: the outage builds an SMS campaign for the affected customers; the one
        without consent is listed as excluded; the text names the date and hours."""
        action = self.outage.with_user(self.env.user).action_create_campaign()
        campaign = self.env["sce.inform.campaign"].browse(action["res_id"])
        self.assertEqual(campaign.purpose, "emergency_outage")
        self.assertEqual(campaign.outage_id, self.outage)
        states = {r.partner_id: (r.state, r.exclusion_reason) for r in campaign.recipient_ids}
        self.assertEqual(
            states, {self.customer: ("pending", False), self.no_consent: ("excluded", "no_consent")}
        )
        text = campaign._sce_render(campaign.recipient_ids.filtered(lambda r: r.state == "pending"))
        self.assertIn("Тимур Казбекович", text)
        self.assertIn("Владикавказ, ул. Маркуса, 22, кв. 5", text)

    def test_cc3_screen_pop_banner_for_callers_from_affected_addresses(self):
        """CC-3: the screen pop of a caller from an affected address carries a banner;
        a caller from elsewhere gets none, nor after the outage is resolved."""
        call = self._ingest(self._flow("outage-call"))
        payload = call._sce_screen_pop_payload()
        [banner] = payload["outages"]
        self.assertEqual(banner["id"], self.outage.id)
        self.assertIn("Авария на ТП-112", banner["banner"])
        other = self._ingest(self._flow("other-call", caller="+7 918 825-11-02"))
        self.assertEqual(other._sce_screen_pop_payload()["outages"], [])
        self.outage.action_cancel()
        self.assertEqual(call._sce_screen_pop_payload()["outages"], [])

    def _post(self, payload, query=""):
        body = json.dumps(dict({"source": "test-pbx"}, **payload)).encode()
        return self.url_open(URL + query, data=body, headers=self._signed_headers(body))

    def test_cc5_ivr_announces_outages_at_the_callers_address(self):
        """CC-5: the IVR asks the signed API for the caller's outages (number in the
        body, or ?number=); an unknown number gets none; unsigned requests are refused."""
        response = self._post({"number": "8 (8672) 53-12-34"})
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertEqual(answer["number"], "+78672531234")
        [outage] = answer["outages"]
        self.assertEqual((outage["kind"], outage["name"]), ("emergency", "Авария на ТП-112"))
        self.assertEqual(outage["text"], "Бригада Россети Северный Кавказ на месте.")
        self.assertEqual(len(self._post({}, "?number=%2B78672531234").json()["outages"]), 1)
        self.assertEqual(self._post({"number": "+79188251102"}).json()["outages"], [])
        self.assertEqual(self._post({}).status_code, 422)
        body = json.dumps({"source": "test-pbx", "number": "+78672531234"}).encode()
        unsigned = self.url_open(URL, data=body, headers={"Content-Type": "application/json"})
        self.assertEqual(unsigned.status_code, 401)
        paths = self.url_open("/sce/cti/v1/openapi.json").json()["paths"]
        self.assertIn(URL, paths)
        self.assertIn("/sce/cti/v1/inform/result", paths)

    @users("sce-cc-line1")
    def test_cc2_operator_links_no_power_appeals_and_answers_them_together(self):
        """CC-2, FB-3: the operator links the open appeals of the affected customers to
        the outage; when power is back, one click answers them all through each
        customer's channel; an appeal from elsewhere is left alone."""
        Ticket = self.env["helpdesk.ticket"].with_context(**DISABLED_MAIL_CONTEXT)
        values = {
            "description": "<p>Нет света.</p>",
            "channel_id": self.channel_phone.id,
            "appeal_kind": "complaint",
        }
        no_power = Ticket.create(
            [
                dict(
                    values,
                    name="Нет света",
                    partner_id=self.customer.id,
                    account_id=self.account.id,
                ),
                dict(
                    values,
                    name="Нет света",
                    partner_id=self.no_consent.id,
                    account_id=self.account_3.id,
                ),
            ]
        )
        elsewhere = Ticket.create(
            dict(
                values, name="Нет света", partner_id=self.debtor_2.id, account_id=self.account_2.id
            )
        )
        outage = self.outage.with_user(self.env.user)
        outage.action_link_appeals()
        self.assertEqual(outage.ticket_ids, no_power)
        self.assertEqual(outage.ticket_count, 2)
        outage.action_resolve()
        self.assertEqual(outage.state, "resolved")
        self.assertTrue(outage.date_end)
        self.assertEqual(set(no_power.mapped("sce_state")), {"answered"})
        self.assertIn("Power supply was restored", no_power[0].answer_resolving)
        self.assertNotEqual(elsewhere.sce_state, "answered")
        self.assertFalse(elsewhere.sce_outage_id)
