from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import SceCabinetCase

REGISTER_PERSON = "/cabinet/register/person"
REGISTER_ORGANISATION = "/cabinet/register/organisation"
NO_MATCH = "не совпадают с нашими данными"
THROTTLED = "Слишком много неудачных попыток"


@tagged("post_install", "-at_install")
class TestCabinetRegistration(SceCabinetCase, MockEmail):
    """WEB-3: online registration bound to a personal account by a second factor the
    company holds, e-mail confirmation through auth_signup's invitation, throttled and
    logged brute force; GEN-7: consent given at registration."""

    def _register(self, url=REGISTER_PERSON, **values):
        data = {
            "account_number": self.account_a.name,
            "factor_kind": "meter",
            "factor_value": "мир с-05 № 0123456",
            "surname": "Кокоев",
            "first_name": "Аслан",
            "patronymic": "Маирбекович",
            "email": "aslan.kokoev@example.ru",
            "consent": "1",
            **values,
        }
        self.authenticate(None, None)
        return self._post_form(url, data)

    def _attempts(self, number):
        return self.env["sce.portal.attempt"].search([("account_number", "=", number)])

    def test_web3_register_person_by_meter_number_gets_invited_portal_login(self):
        with self.mock_mail_gateway():
            page = self._register()
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_sce_register_done", page.text)
        user = self.env["res.users"].search([("login", "=", "aslan.kokoev@example.ru")])
        self.assertTrue(user._is_portal())
        self.assertFalse(user.password, "the password is chosen through the e-mailed link")
        self.assertNotEqual(user.partner_id, self.holder_a, "another address: a card of its own")
        self.assertEqual(user.partner_id.sce_customer_group, "1")
        link = self.env["sce.portal.account.link"].search([("user_id", "=", user.id)])
        self.assertEqual(link.account_id, self.account_a)
        self.assertEqual(link.method, "registration")
        # auth_signup's invitation: a signup link for this partner, sent to the address.
        self.assertEqual(user.partner_id.signup_type, "signup")
        (sent,) = [mail for mail in self._mails if "aslan.kokoev@example.ru" in mail["email_to"][0]]
        self.assertIn("/web/signup?", sent["body"])
        self.assertTrue(user.partner_id.sudo().sce_consent_date, "GEN-7 consent stored")
        self.assertEqual(user.partner_id.sce_consent_log_ids.kind, "personal_data")
        self.assertEqual(self._attempts(self.account_a.name).result, "ok")

    def test_web3_holder_address_binds_the_login_to_the_holder(self):
        self._register(email="F.Kokoeva@example.ru")
        user = self.env["res.users"].search([("login", "=", "f.kokoeva@example.ru")])
        self.assertEqual(user.partner_id, self.holder_a)

    def test_web3_last_payment_amount_is_a_second_factor(self):
        page = self._register(factor_kind="payment", factor_value="1 200,00")
        self.assertIn("o_sce_register_done", page.text)
        page = self._register(factor_kind="payment", factor_value="1500", email="other@example.ru")
        self.assertNotIn("o_sce_register_done", page.text, "a charge is not a payment")

    def test_web3_wrong_factor_is_refused_logged_and_throttled(self):
        for attempt in range(5):
            page = self._register(factor_value=f"00000{attempt}")
            self.assertIn(NO_MATCH, page.text)
            self.assertNotIn(f"00000{attempt}", page.text, "the secret is never echoed")
        # The sixth attempt is refused even with the right meter number.
        page = self._register()
        self.assertIn(THROTTLED, page.text)
        self.assertFalse(self.env["res.users"].search([("login", "=", "aslan.kokoev@example.ru")]))
        self.assertEqual(
            self._attempts(self.account_a.name).mapped("result"), ["throttled"] + ["failed"] * 5
        )

    def test_web3_unknown_account_gives_the_same_answer_as_a_wrong_factor(self):
        page = self._register(account_number="TEST-0000000")
        self.assertIn(NO_MATCH, page.text)
        self.assertEqual(self._attempts("TEST-0000000").result, "failed")

    def test_web3_organisation_registers_on_its_own_page_with_inn(self):
        page = self._register(
            account_number=self.account_org.name, factor_kind="inn", factor_value="1513012345"
        )
        self.assertIn("страницей для организаций", page.text)
        form = self._get(REGISTER_ORGANISATION).text
        self.assertIn("ИНН организации", form)
        page = self._register(
            REGISTER_ORGANISATION,
            account_number=self.account_org.name,
            factor_kind="inn",
            factor_value="1513 012 345",
            email="buh2@iriston-hleb.example.ru",
        )
        self.assertIn("o_sce_register_done", page.text)
        user = self.env["res.users"].search([("login", "=", "buh2@iriston-hleb.example.ru")])
        self.assertEqual(user.partner_id.sce_customer_group, "3")

    def test_web3_existing_login_is_told_to_add_the_account_in_the_cabinet(self):
        page = self._register(email=self.portal_b.email)
        self.assertNotIn("o_sce_register_done", page.text)
        self.assertIn("уже есть", page.text)
        self.assertFalse(
            self.env["sce.portal.account.link"].search(
                [("account_id", "=", self.account_a.id), ("user_id", "!=", self.portal_a.id)]
            )
        )

    def test_gen7_registration_needs_consent_and_checks_nothing_without_it(self):
        page = self._register(consent="")
        self.assertIn("нужно ваше согласие на обработку персональных данных", page.text)
        self.assertFalse(self._attempts(self.account_a.name))

    def test_web3_login_page_leads_to_the_registration(self):
        self.authenticate(None, None)
        self.assertIn('href="/cabinet/register"', self._get("/web/login").text)
        choice = self._get("/cabinet/register").text
        self.assertIn('href="/cabinet/register/person"', choice)
        self.assertIn('href="/cabinet/register/organisation"', choice)
        self._login(self.portal_a)
        response = self._get("/cabinet/register/person", allow_redirects=False)
        self.assertEqual(response.status_code, 303, "a logged-in customer adds accounts instead")
        self.assertIn("/my/accounts/link", response.headers["Location"])

    def test_gen7_typed_values_are_escaped_when_the_form_comes_back(self):
        page = self._register(
            surname='"><script>alert(1)</script>', account_number="<b>1</b>", factor_value="x"
        )
        self.assertIn(NO_MATCH, page.text)
        self.assertNotIn("<script>alert(1)</script>", page.text)
        self.assertNotIn("<b>1</b>", page.text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page.text)

    def test_web3_honeypot_stops_robots(self):
        page = self._register(sce_homepage="http://spam.example")
        self.assertNotIn("o_sce_register_done", page.text)
        self.assertFalse(self._attempts(self.account_a.name))

    def test_web3_one_login_many_accounts_one_account_many_logins(self):
        self._login(self.portal_a)
        page = self._post_form(
            "/my/accounts/link",
            {
                "account_number": self.account_c.name,
                "factor_kind": "meter",
                "factor_value": "555000",
            },
        )
        self.assertEqual(page.status_code, 303)
        self._login(self.portal_b)
        self._post_form(
            "/my/accounts/link",
            {
                "account_number": self.account_a.name,
                "factor_kind": "payment",
                "factor_value": "1200",
            },
        )
        self._login(self.portal_a)
        listing = self._get("/my/accounts").text
        self.assertIn(self.account_a.name, listing)
        self.assertIn(self.account_c.name, listing)
        self.assertNotIn(self.account_b.name, listing)
        self._login(self.portal_b)
        listing = self._get("/my/accounts").text
        self.assertIn(self.account_a.name, listing)
        self.assertIn(self.account_b.name, listing)
        attempt = self._attempts(self.account_a.name)
        self.assertEqual(attempt.user_id, self.portal_b)

    def test_web3_adding_an_account_in_the_cabinet_is_throttled_too(self):
        self._login(self.portal_a)
        for attempt in range(6):
            page = self._post_form(
                "/my/accounts/link",
                {
                    "account_number": self.account_b.name,
                    "factor_kind": "meter",
                    "factor_value": f"11111{attempt}",
                },
            )
        self.assertIn(THROTTLED, page.text)
        self.assertNotIn(self.account_b.name, self._get("/my/accounts").text)
