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


@tagged("post_install", "-at_install")
class TestPortalServiceDemoData(HttpCase):
    """WEB-2, WEB-5: the demo database has service requests with their checklist and
    published answers to complaints that name no customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.env.ref("base.module_sce_portal").demo

    def test_web2_demo_service_requests_have_checklist_and_originals_date(self):
        requests = self.env["helpdesk.ticket"].search([("sce_service_id", "!=", False)])
        if not self.demo:
            self.assertFalse(requests, "Demo records in a database without demo data.")
            return
        self.assertGreaterEqual(len(requests), 2)
        for request in requests:
            self.assertEqual(request.appeal_kind, "service_request")
            self.assertTrue(request.sce_originals_deadline)
            self.assertTrue(request.sce_service_document_ids.attachment_ids)
        user = self.env.ref("sce_portal.user_portal_customer")
        self.authenticate(user.login, user.login)
        page = self.url_open("/my/service-requests").text
        own = requests.filtered(lambda r: r.partner_id == user.partner_id)
        self.assertTrue(own, "the demo customer has a service request")
        self.assertIn(own[0].number, page)

    def test_web5_demo_published_answers_name_no_customer(self):
        published = self.env["helpdesk.ticket"].search([("sce_summary_published", "=", True)])
        if not self.demo:
            self.assertFalse(published)
            return
        self.assertGreaterEqual(len(published), 3)
        page = self.url_open("/reception/answers").text
        for complaint in published:
            self.assertIn(complaint.sce_public_summary[:40], page)
            self.assertNotIn(complaint.partner_id.sce_surname or complaint.number, page)
            self.assertNotIn(complaint.number, page)
