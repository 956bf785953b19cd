"""OCA helpdesk_mgmt's own at_install tests, run again after every module is installed,
so that they exercise helpdesk tickets with sce_appeals' code loaded. Odoo collects only
the methods a test class defines itself unless it allows inherited ones."""

from odoo.tests import tagged

from odoo.addons.helpdesk_mgmt.tests import (
    test_helpdesk_category_hierarchy as category_tests,
)
from odoo.addons.helpdesk_mgmt.tests import test_helpdesk_fetchmail as fetchmail_tests
from odoo.addons.helpdesk_mgmt.tests import test_helpdesk_ticket as ticket_tests
from odoo.addons.helpdesk_mgmt.tests import test_helpdesk_ticket_team as team_tests
from odoo.addons.helpdesk_mgmt.tests import test_res_partner as partner_tests


class EnglishSpeakingUser:
    """helpdesk_mgmt's tests expect English texts (e.g. "Hello ," in its mail templates);
    our database speaks Russian, so they run as an English-speaking user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.lang = "en_US"
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))


@tagged("post_install", "-at_install")
class TestHelpdeskTicketWithAppeals(EnglishSpeakingUser, ticket_tests.TestHelpdeskTicket):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestHelpdeskTeamWithAppeals(EnglishSpeakingUser, team_tests.TestHelpdeskTicketTeam):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestHelpdeskCategoryWithAppeals(
    EnglishSpeakingUser, category_tests.TestHelpdeskCategoryHierarchy
):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestHelpdeskFetchmailWithAppeals(EnglishSpeakingUser, fetchmail_tests.TestHelpdeskFetchmail):
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestHelpdeskPartnerWithAppeals(EnglishSpeakingUser, partner_tests.TestPartner):
    allow_inherited_tests_method = True
