"""OCA helpdesk_mgmt's own at_install tests, run again after every module is installed,
so that they exercise helpdesk tickets with sce_appeals' code loaded. Odoo collects only
the methods a test class defines itself unless it allows inherited ones."""

from odoo.tests import RecordCapturer, tagged

from odoo.addons.helpdesk_mgmt.tests import (
    test_helpdesk_category_hierarchy as category_tests,
)
from odoo.addons.helpdesk_mgmt.tests import test_helpdesk_fetchmail as fetchmail_tests
from odoo.addons.helpdesk_mgmt.tests import test_helpdesk_ticket as ticket_tests
from odoo.addons.helpdesk_mgmt.tests import test_helpdesk_ticket_team as team_tests
from odoo.addons.helpdesk_mgmt.tests import test_res_partner as partner_tests


@tagged("post_install", "-at_install")
class TestHelpdeskTicketWithAppeals(ticket_tests.TestHelpdeskTicket):
    allow_inherited_tests_method = True

    def test_mail_template_stage_changed(self):
        """helpdesk_mgmt's test of the same name, in the language of this database:
        the stage-changed mail greets its recipient (in Russian here, thanks to
        sce_appeals' translation of helpdesk_mgmt's templates)."""
        template = self.env.ref("helpdesk_mgmt.changed_stage_template")
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        stage.mail_template_id = template
        customer_id = self.env["res.partner"].name_create("Test Customer")[0]
        self.env["res.partner"].browse(customer_id).lang = "ru_RU"
        no_contact_ticket = self.ticket.with_context(
            mail_notrack=False, tracking_disable=False
        ).copy()
        partner_id_ticket = no_contact_ticket.copy(default={"partner_id": customer_id})
        partner_name_ticket = partner_id_ticket.copy(default={"partner_name": "Customer name"})
        tickets = no_contact_ticket | partner_id_ticket | partner_name_ticket
        with RecordCapturer(self.env["mail.mail"], []) as capture_emails:
            tickets.stage_id = stage
            self.env.cr.precommit.run()
        expected_greetings = {
            partner_id_ticket: "Здравствуйте, Test Customer!",
            partner_name_ticket: "Здравствуйте, Customer name!",
        }
        for ticket, expected_greeting in expected_greetings.items():
            email = capture_emails.records.filtered(
                lambda m, record=ticket: m.res_id == record.id and m.model == record._name
            )
            self.assertIn(expected_greeting, email.body_html)
        self.assertTrue(
            capture_emails.records.filtered(lambda m: m.res_id == no_contact_ticket.id),
            "the ticket without contact still gets its notification",
        )


@tagged("post_install", "-at_install")
class TestHelpdeskTeamWithAppeals(team_tests.TestHelpdeskTicketTeam):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestHelpdeskCategoryWithAppeals(category_tests.TestHelpdeskCategoryHierarchy):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestHelpdeskFetchmailWithAppeals(fetchmail_tests.TestHelpdeskFetchmail):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestHelpdeskPartnerWithAppeals(partner_tests.TestPartner):
    allow_inherited_tests_method = True
