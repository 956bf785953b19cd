from odoo.tests import tagged

from .common import SceCabinetCase


class CabinetTourMixin:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("payment.payment_provider_demo").write({"state": "test", "is_published": True})

    def _run_cabinet_tour(self):
        self.start_tour(
            "/my/accounts", "sce_portal_cabinet_reading_payment", login=self.portal_a.login
        )
        reading = self.env["sce.meter.reading"].search(
            [("meter_id", "=", self.meter_a.id), ("source", "=", "portal")]
        )
        self.assertEqual(reading.value, 1300)
        payment = self.env["sce.account.move"].search(
            [("account_id", "=", self.account_a.id), ("reference", "=like", "LS%")]
        )
        self.assertEqual(payment.amount, 300.0)


@tagged("post_install", "-at_install")
class TestCabinetTourDesktop(CabinetTourMixin, SceCabinetCase):
    """WEB-3 in Chromium on a desktop: reading, receipt and card payment."""

    def test_web3_cabinet_reading_and_card_payment_desktop(self):
        self._run_cabinet_tour()


@tagged("post_install", "-at_install")
class TestCabinetTourPhone(CabinetTourMixin, SceCabinetCase):
    """WEB-3 in Chromium on a 360 px phone screen."""

    browser_size = "360x740"
    touch_enabled = True

    def test_web3_cabinet_reading_and_card_payment_phone(self):
        self._run_cabinet_tour()


@tagged("post_install", "-at_install")
class TestCabinetRegistrationTour(SceCabinetCase):
    """WEB-3 in Chromium: registration bound to the account, then the e-mailed
    invitation (auth_signup) confirms the address and opens the cabinet."""

    def test_web3_registration_then_email_link_opens_the_cabinet(self):
        self.start_tour("/cabinet/register", "sce_portal_cabinet_registration")
        user = self.env["res.users"].search([("login", "=", "aslan.kokoev@example.ru")])
        self.assertTrue(user)
        url = user.partner_id._get_signup_url_for_action()[user.partner_id.id]
        path = url[url.index("/web/signup") :]
        self.start_tour(path, "sce_portal_cabinet_signup")
        self.assertTrue(user.login_date, "the customer logged in through the link")
