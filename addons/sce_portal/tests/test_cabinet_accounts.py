import base64
from html import unescape as html_unescape
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import tagged, warmup
from odoo.tools import hmac as hmac_tool

from .common import SceCabinetCase

# Query budgets of the cabinet's pages, session and layout included (measured).
# (+1 each: the website's layout for a logged-in customer, since the site of WEB-1)
ACCOUNT_PAGE_QUERIES = 22
ACCOUNTS_QUERIES = 11


@tagged("post_install", "-at_install")
class TestCabinetAccounts(SceCabinetCase):
    """WEB-3: per account charges and payments with a monthly chart, readings, the
    receipt with the GOST R 56042-2014 QR code, and card payment; GEN-7: every route
    and download answers another customer's account with 404. Run as portal users."""

    def _reading(self, account, meter, value):
        return self._post_form(
            f"/my/accounts/{account.id}/reading",
            {"meter_id": str(meter.id), "value": value},
            csrf_url=f"/my/accounts/{account.id}",
        )

    def _readings(self, meter):
        return (
            self.env["sce.meter.reading"]
            .with_context(active_test=False)
            .search([("meter_id", "=", meter.id), ("source", "=", "portal")], order="id")
        )

    def test_web3_account_page_shows_charges_payments_chart_and_debt(self):
        self._login(self.portal_a)
        page = self._get(f"/my/accounts/{self.account_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.text.count('class="o_sce_move"'), 2)
        self.assertEqual(page.text.count("o_sce_chart_charge"), 12, "twelve months")
        self.assertIn('height="120"', page.text, "the largest month fills the chart")
        self.assertIn("300,00", page.text.split("o_sce_amount_due")[1][:300])
        self.assertIn("Лицевой счёт", page.text)

    def test_web3_organisation_account_has_organisation_labels(self):
        self.env["sce.portal.account.link"].create(
            {"user_id": self.portal_b.id, "account_id": self.account_org.id}
        )
        self._login(self.portal_b)
        page = self._get(f"/my/accounts/{self.account_org.id}").text
        self.assertIn("Счёт по договору", page)
        self.assertIn("Организация", page)

    def test_gen7_another_customers_account_is_404_on_every_route(self):
        self._login(self.portal_a)
        for url in (
            f"/my/accounts/{self.account_b.id}",
            f"/my/accounts/{self.account_b.id}/receipt",
            f"/my/accounts/{self.account_b.id}/pay?amount=100",
            f"/my/accounts/{self.account_org.id}",
            "/my/accounts/999999999",
        ):
            response = self._get(url, allow_redirects=False)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(self.account_b.name, response.text)
            self.assertNotIn(self.other_customer.sce_surname, response.text)
        self.assertNotIn(self.account_b.name, self._get("/my/accounts").text)
        # A reading for another customer's account, or for their meter through one's own.
        csrf = self._form_csrf(f"/my/accounts/{self.account_a.id}")
        for account, meter in ((self.account_b, self.meter_b), (self.account_a, self.meter_b)):
            response = self.url_open(
                f"/my/accounts/{account.id}/reading",
                data={"meter_id": str(meter.id), "value": "7500", "csrf_token": csrf},
                allow_redirects=False,
            )
            self.assertEqual(response.status_code, 404)
        self.assertFalse(self._readings(self.meter_b))

    def test_gen7_another_customers_reading_is_not_readable_by_rpc(self):
        readings = self.env["sce.meter.reading"].with_user(self.portal_a)
        self.assertEqual(
            readings.search([]).account_id, self.account_a, "only the own account's readings"
        )
        moves = self.env["sce.account.move"].with_user(self.portal_a).search([])
        self.assertEqual(moves.account_id, self.account_a)
        self.assertFalse(
            self.env["sce.account"]
            .with_user(self.portal_a)
            .search([("id", "=", self.account_b.id)])
        )

    def test_gen7_another_customers_records_by_id_are_refused(self):
        reading_b = self.env["sce.meter.reading"].search([("meter_id", "=", self.meter_b.id)])
        move_b = self.env["sce.account.move"].search([("account_id", "=", self.account_b.id)])
        for record in (self.account_b, self.meter_b, reading_b, move_b[:1]):
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(self.portal_a).read(["display_name"])
        link_b = self.env["sce.portal.account.link"].search([("user_id", "=", self.portal_b.id)])
        with self.assertRaises(AccessError):
            link_b.with_user(self.portal_a).read(["account_id"])
        with self.assertRaises(AccessError):
            self.env["sce.meter.reading"].with_user(self.portal_a).create(
                {"meter_id": self.meter_a.id, "value": 5000}
            )

    def test_web3_reading_is_checked_against_last_reading_and_digits(self):
        self._login(self.portal_a)
        page = self._reading(self.account_a, self.meter_a, "999")
        self.assertIn("o_sce_reading_error", page.text)
        self.assertIn('value="999"', page.text, "the typed value is kept")
        page = self._reading(self.account_a, self.meter_a, "123456")
        self.assertIn("не более 5 цифр", page.text)
        page = self._reading(self.account_a, self.meter_a, "двенадцать")
        self.assertIn("o_sce_reading_error", page.text)
        self.assertFalse(self._readings(self.meter_a))
        page = self._reading(self.account_a, self.meter_a, "1250,5")
        self.assertEqual(page.status_code, 303)
        reading = self._readings(self.meter_a)
        self.assertEqual(reading.value, 1250.5)
        self.assertEqual(reading.source, "portal")
        self.assertEqual(reading.create_uid, self.portal_a, "entered by the customer")

    def test_web3_second_reading_in_a_month_replaces_the_first_keeping_it(self):
        self._login(self.portal_a)
        self._reading(self.account_a, self.meter_a, "1300")
        self._reading(self.account_a, self.meter_a, "1290")  # a typo corrected, lower
        first, second = self._readings(self.meter_a)
        self.assertFalse(first.active)
        self.assertEqual(first.sce_replaced_by_id, second)
        self.assertTrue(second.active)
        self.assertEqual(self.meter_a.last_reading_value, 1290)
        page = self._get(f"/my/accounts/{self.account_a.id}").text
        self.assertEqual(page.count("o_sce_reading_replaced"), 1)

    def _expected_payload(self):
        """GOST R 56042-2014, UTF-8 (ST00012): the debt of 300 roubles in kopecks."""
        return (
            "ST00012|Name=ПАО «Тестэнерго»|PersonalAcc=40702810000000000001"
            "|BankName=ПАО Тестбанк|BIC=049033000|CorrespAcc=30101810000000000000"
            "|PayeeINN=1502000001|KPP=151301001|Sum=30000"
            f"|Purpose=Электроэнергия, лицевой счёт {self.account_a.name}"
            f"|PersAcc={self.account_a.name}"
        )

    def test_web3_receipt_carries_the_gost_payment_qr_code(self):
        self._login(self.portal_a)
        response = self._get(f"/my/accounts/{self.account_a.id}/receipt")
        self.assertEqual(response.status_code, 200)
        payload = self._expected_payload()
        self.assertEqual(
            self.account_a.with_context(lang="ru_RU")._sce_payment_qr_payload(), payload
        )
        self.assertIn(payload, html_unescape(response.text))
        self.assertIn("300,00", html_unescape(response.text).split("o_sce_receipt_due")[1][:300])

    def test_web3_receipt_qr_code_encodes_the_payload(self):
        self._login(self.portal_a)
        report_class = type(self.env["ir.actions.report"])
        with patch.object(report_class, "barcode", autospec=True, return_value=b"PNG") as barcode:
            response = self._get(f"/my/accounts/{self.account_a.id}/receipt")
        (call,) = barcode.call_args_list
        symbology, value = call.args[1:3]
        self.assertEqual(symbology, "QR")
        self.assertEqual(value, self._expected_payload())
        self.assertIn("data:image/png;base64," + base64.b64encode(b"PNG").decode(), response.text)
        # A real QR code of that length is produced by Odoo's barcode engine.
        self.assertTrue(
            self.env["ir.actions.report"]
            .barcode("QR", value, width=220, height=220)
            .startswith(b"\x89PNG")
        )

    def test_web3_qr_payload_values_cannot_break_the_format(self):
        self.env.company.sce_payee_name = "Энерго|Sum=1"
        payload = self.account_a._sce_payment_qr_payload(12.34)
        self.assertIn("|Name=Энерго Sum=1|", payload)
        self.assertIn("|Sum=1234|", payload)


@tagged("post_install", "-at_install")
class TestCabinetCardPayment(SceCabinetCase):
    """WEB-3: card payment through Odoo's payment module (the demo provider) lands in
    the account's ledger once, when the transaction is done."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write({"state": "test", "is_published": True})
        cls.rub = cls.account_a.currency_id

    def _start_payment(self, account, amount=300.0):
        partner = self.portal_a.partner_id
        return self.make_jsonrpc_request(
            f"/my/accounts/{account.id}/transaction",
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.env.ref("payment_demo.payment_method_demo").id,
                "token_id": None,
                "amount": amount,
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": f"/my/accounts/{account.id}",
                "is_validation": False,
                "access_token": self._payment_token(partner.id, amount, self.rub.id),
                "csrf_token": self._form_csrf(f"/my/accounts/{self.account_a.id}"),
            },
        )

    def _payment_token(self, *values):
        # payment.utils.generate_access_token, computed without a request.
        return hmac_tool(self.env(su=True), "generate_access_token", "|".join(map(str, values)))

    def _payments(self):
        return self.env["sce.account.move"].search(
            [("account_id", "=", self.account_a.id), ("move_type", "=", "payment")]
        )

    def test_web3_demo_provider_is_never_offered_without_demo_data(self):
        base = self.env.ref("base.module_base")
        base.demo = False
        self.env["payment.provider"]._sce_switch_demo_provider()
        self.assertEqual((self.provider.state, self.provider.is_published), ("disabled", False))
        base.demo = True
        self.env["payment.provider"]._sce_switch_demo_provider()
        self.assertEqual((self.provider.state, self.provider.is_published), ("test", True))

    def test_web3_pay_page_offers_the_demo_provider(self):
        self._login(self.portal_a)
        page = self._get(f"/my/accounts/{self.account_a.id}/pay")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/accounts/{self.account_a.id}/transaction", page.text)
        self.assertIn('data-provider-code="demo"', page.text)

    def test_web3_card_payment_is_posted_once_when_done(self):
        self._login(self.portal_a)
        processing = self._start_payment(self.account_a)
        tx = self.env["payment.transaction"].search([("reference", "=", processing["reference"])])
        self.assertEqual(tx.sce_account_id, self.account_a)
        self.assertEqual(tx.partner_id, self.portal_a.partner_id)
        tx._post_process()
        self.assertEqual(len(self._payments()), 1, "nothing before the payment is done")
        # The demo provider's simulated notification, as its payment form sends it.
        self.make_jsonrpc_request(
            "/payment/demo/simulate_payment",
            {"reference": tx.reference, "payment_details": "4242", "simulated_state": "done"},
        )
        self.assertEqual(tx.state, "done")
        with patch.object(self.env.cr, "commit"), patch.object(self.env.cr, "rollback"):
            tx._cron_post_process()
        tx.is_post_processed = False
        tx._post_process()  # the status page and the cron both post-process
        posted = self._payments().filtered(lambda move: move.reference == tx.reference)
        self.assertEqual(len(posted), 1)
        self.assertEqual(posted.amount, 300.0)
        self.account_a.invalidate_recordset(["balance"])
        self.assertEqual(self.account_a._sce_amount_due(), 0.0)

    def test_gen7_transaction_for_another_customers_account_is_refused(self):
        self._login(self.portal_a)
        with self.assertRaises(Exception):  # noqa: B017 - any error, but no transaction
            self._start_payment(self.account_b)
        self.assertFalse(
            self.env["payment.transaction"].search([("sce_account_id", "=", self.account_b.id)])
        )

    def test_web3_tampered_amount_is_refused(self):
        self._login(self.portal_a)
        partner = self.portal_a.partner_id
        with self.assertRaises(Exception):  # noqa: B017
            self.make_jsonrpc_request(
                f"/my/accounts/{self.account_a.id}/transaction",
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.env.ref("payment_demo.payment_method_demo").id,
                    "token_id": None,
                    "amount": 1.0,
                    "flow": "direct",
                    "tokenization_requested": False,
                    "landing_route": "/my",
                    "is_validation": False,
                    "access_token": self._payment_token(partner.id, 300.0, self.rub.id),
                },
            )
        self.assertFalse(
            self.env["payment.transaction"].search([("sce_account_id", "=", self.account_a.id)])
        )


@tagged("post_install", "-at_install")
class TestCabinetQueries(SceCabinetCase):
    """WEB-3: the cabinet's pages cost the same few queries however long the history."""

    def _more_history(self, months):
        self.env["sce.account.move"].create(
            [
                {
                    "account_id": self.account_a.id,
                    "move_type": "charge",
                    "date": f"2026-{month:02d}-01",
                    "amount": 100 + month,
                    "reference": f"EXTRA-{month}",
                }
                for month in range(1, months + 1)
            ]
        )
        self.env.flush_all()

    @warmup
    def test_web3_account_page_query_budget(self):
        self._login(self.portal_a)
        url = f"/my/accounts/{self.account_a.id}"
        with self.assertQueryCount(default=ACCOUNT_PAGE_QUERIES):
            self.url_open(url, timeout=60)
        self._more_history(6)
        with self.assertQueryCount(default=ACCOUNT_PAGE_QUERIES):
            page = self.url_open(url, timeout=60)
        self.assertEqual(page.text.count('class="o_sce_move"'), 8)

    @warmup
    def test_web3_accounts_list_query_budget(self):
        self._login(self.portal_a)
        with self.assertQueryCount(default=ACCOUNTS_QUERIES):
            self.url_open("/my/accounts", timeout=60)

    def test_gen7_cabinet_needs_a_login(self):
        self.authenticate(None, None)
        for url in ("/my/accounts", f"/my/accounts/{self.account_a.id}", "/my/consents"):
            response = self._get(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertIn("/web/login", response.headers["Location"])
