from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .common import SceAppealsCase


@tagged("post_install", "-at_install")
class TestAccess(SceAppealsCase):
    """Roles and record rules, checked as each user (architecture: roles; GEN-7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_billing.user_ids = [(3, cls.specialist.id)]
        cls.appeal_a = cls._appeal(appeal_kind="inquiry", category_id=cls.topic_billing.id)
        cls.appeal_b = cls._appeal(
            partner_id=cls.customer_b.id,
            account_id=cls.account_b.id,
            appeal_kind="inquiry",
            category_id=cls.topic_readings.id,
        )
        cls.complaint_b = cls._appeal(partner_id=cls.customer_b.id, account_id=cls.account_b.id)
        cls.ours = cls.appeal_a | cls.appeal_b | cls.complaint_b

    def _visible(self, model, records):
        return self.env[model].search([("id", "in", records.ids)])

    @users("sce-mro-a")
    def test_mro_client_department_sees_only_its_mro(self):
        self.assertEqual(
            self._visible("helpdesk.ticket", self.ours), self.appeal_a.with_env(self.env)
        )
        accounts = self._visible("sce.account", self.account_a | self.account_b)
        self.assertEqual(accounts.ids, self.account_a.ids)
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].browse(self.appeal_b.id).read(["name"])

    @users("sce-specialist")
    def test_specialist_sees_what_is_routed_to_their_department(self):
        self.assertEqual(self.appeal_b.team_id, self.team_metering)
        visible = self._visible("helpdesk.ticket", self.ours)
        self.assertEqual(visible.ids, self.appeal_b.ids)

    @users("sce-specialist")
    def test_gen7_specialist_cannot_read_personal_data(self):
        partner = self.env["res.partner"].browse(self.customer.id)
        self.assertEqual(partner.name, "Хетагуров Тимур Казбекович")
        with self.assertRaises(AccessError):
            partner.read(["sce_birth_date"])
        with self.assertRaises(AccessError):
            partner.read(["sce_is_disabled"])

    @users("sce-mro-a")
    def test_gen7_client_department_reads_personal_data(self):
        partner = self.env["res.partner"].browse(self.customer.id)
        self.assertIn("sce_consent_document", partner.read(["sce_consent_document"])[0])

    @users("sce-router")
    def test_complaint_router_sees_every_complaint_only(self):
        visible = self._visible("helpdesk.ticket", self.ours)
        self.assertEqual(visible.ids, self.complaint_b.ids)

    @users("sce-operator")
    def test_front_office_single_window_sees_all_appeals(self):
        self.assertEqual(len(self._visible("helpdesk.ticket", self.ours)), 3)
        self.assertEqual(len(self._visible("sce.account", self.account_a | self.account_b)), 2)

    @users("sce-operator")
    def test_front_office_cannot_change_deadline_policies(self):
        policy = self.env.ref("sce_appeals.sce_sla_policy_written")
        with self.assertRaises(AccessError):
            policy.write({"answer_limit": 30})

    @users("sce-head")
    def test_head_office_sees_all_and_configures(self):
        self.assertEqual(len(self._visible("helpdesk.ticket", self.ours)), 3)
        policy = self.env.ref("sce_appeals.sce_sla_policy_written")
        policy.write({"legal_basis": "POST-3 (checked)"})
        self.assertEqual(policy.legal_basis, "POST-3 (checked)")


@tagged("post_install", "-at_install")
class TestReportAccess(SceAppealsCase):
    """CTRL-1: managers build the monitoring workbook; other staff cannot."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

    @users("sce-manager")
    def test_ctrl1_manager_exports_the_monitoring_workbook(self):
        wizard = self.env["sce.monitoring.export.wizard"].create({})
        content, report_format = self.env["ir.actions.report"]._render_xlsx(
            "sce_appeals.action_report_sce_monitoring_xlsx", wizard.ids, data=None
        )
        self.assertEqual(report_format, "xlsx")
        self.assertTrue(content.startswith(b"PK"), "an XLSX (zip) workbook")

    @users("sce-specialist")
    def test_specialist_cannot_export_reports_or_import_billing(self):
        with self.assertRaises(AccessError):
            self.env["sce.monitoring.export.wizard"].create({})
        with self.assertRaises(AccessError):
            self.env["sce.billing.import.wizard"].create({"file": b"", "filename": "x.csv"})
