"""OCA helpdesk_mgmt's own at_install tests, run again after every module is installed,
so that they exercise helpdesk tickets with sce_appeals' code loaded."""

from odoo.tests import tagged

from odoo.addons.helpdesk_mgmt.tests import (
    test_helpdesk_category_hierarchy as category_tests,
)
from odoo.addons.helpdesk_mgmt.tests import test_helpdesk_fetchmail as fetchmail_tests
from odoo.addons.helpdesk_mgmt.tests import test_helpdesk_ticket as ticket_tests
from odoo.addons.helpdesk_mgmt.tests import test_helpdesk_ticket_team as team_tests
from odoo.addons.helpdesk_mgmt.tests import test_res_partner as partner_tests


@tagged("post_install", "-at_install")
class TestHelpdeskTicketWithAppeals(ticket_tests.TestHelpdeskTicket):
    pass


@tagged("post_install", "-at_install")
class TestHelpdeskTeamWithAppeals(team_tests.TestHelpdeskTicketTeam):
    pass


@tagged("post_install", "-at_install")
class TestHelpdeskCategoryWithAppeals(category_tests.TestHelpdeskCategoryHierarchy):
    pass


@tagged("post_install", "-at_install")
class TestHelpdeskFetchmailWithAppeals(fetchmail_tests.TestHelpdeskFetchmail):
    pass


@tagged("post_install", "-at_install")
class TestHelpdeskPartnerWithAppeals(partner_tests.TestPartner):
    pass
