from odoo.tests import HttpCase, tagged

# the appeals of "My appeals" (SceCustomerPortal._sce_appeal_domain)
APPEALS = ["|", ("channel_id", "!=", False), ("appeal_kind", "!=", False)]


@tagged("post_install", "-at_install")
class TestPortalDemoData(HttpCase):
    """The demo customer's portal login (WEB-1): "My appeals" lists this customer's
    appeals and no one else's. It tests the demo database itself when installed with
    demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.env.ref("base.module_sce_portal").demo
        cls.user = cls.env.ref("sce_portal.user_portal_customer", raise_if_not_found=False)

    def test_web1_demo_portal_user_sees_only_own_appeals(self):
        if not self.demo:
            self.assertFalse(self.user, "Demo records in a database without demo data.")
            return
        self.assertEqual(self.user.login, "portal.customer")
        self.assertTrue(self.user.share)
        self.assertTrue(self.user.has_group("base.group_portal"))
        customer = self.env.ref("sce_appeals.res_partner_sce_demo_26")
        self.assertEqual(self.user.partner_id, customer)
        own = self.env["helpdesk.ticket"].search([*APPEALS, ("partner_id", "=", customer.id)])
        self.assertGreaterEqual(len(own), 3, "The demo customer has appeals to show.")
        visible = self.env["helpdesk.ticket"].with_user(self.user).search(APPEALS)
        self.assertEqual(visible, own)

    def test_web1_demo_portal_login_lists_appeals(self):
        if not self.demo:
            self.assertFalse(self.user)
            return
        self.authenticate("portal.customer", "portal.customer")
        response = self.url_open("/my/appeals")
        self.assertEqual(response.status_code, 200)
        own = self.env["helpdesk.ticket"].search(
            [*APPEALS, ("partner_id", "=", self.user.partner_id.id)]
        )
        for appeal in own:
            self.assertIn(f"/my/appeals/{appeal.id}", response.text)
