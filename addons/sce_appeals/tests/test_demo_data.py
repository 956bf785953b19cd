from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessDenied
from odoo.tests import TransactionCase, tagged

from ..models.helpdesk_ticket import DONE_STATES
from ..models.helpdesk_ticket_stage import APPEAL_STATES
from ..models.res_partner import CUSTOMER_GROUPS
from ..models.sce_sla_policy import APPEAL_KINDS
from ..tools import normalize_phone

MSK = timedelta(hours=3)  # the demo year is counted in Moscow months
# Demo staff (password = login): groups and, for the MRO client departments, their MRO.
STAFF = {
    "operator": ("group_sce_front_office", None),
    "consultant": ("group_sce_front_office", None),
    "specialist.billing": ("group_sce_specialist", None),
    "specialist.metering": ("group_sce_specialist", None),
    "specialist.contracts": ("group_sce_specialist", None),
    "specialist.grid": ("group_sce_specialist", None),
    "specialist.service": ("group_sce_specialist", None),
    "router": ("group_sce_complaint_router", None),
    "mro.vladikavkaz": ("group_sce_mro_client_dept", "vladikavkaz"),
    "mro.mozdok": ("group_sce_mro_client_dept", "mozdok"),
    "mro.alagir": ("group_sce_mro_client_dept", "alagir"),
    "mro.digora": ("group_sce_mro_client_dept", "digora"),
    "mro.beslan": ("group_sce_mro_client_dept", "beslan"),
    "mro.ardon": ("group_sce_mro_client_dept", "ardon"),
    "head.office": ("group_sce_head_office", None),
    "manager": ("group_sce_manager", None),
}


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo database is realistic and complete: every customer group, channel, kind
    and workflow state is present over a whole year, with late, overdue and extended
    appeals. The only test that depends on demo data: it tests the demo database itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mro = cls.env.ref("sce_appeals.sce_mro_vladikavkaz", raise_if_not_found=False)
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.appeals = cls.Ticket.search([("appeal_kind", "!=", False)])
        cls.customers = cls.env["res.partner"].search([("sce_customer_group", "!=", False)])

    def test_demo_present(self):
        self.assertTrue(self.mro, "The demo data of sce_appeals is not loaded.")
        self.assertEqual(self.env["sce.mro"].search_count([]), 6)
        self.assertEqual(self.env["sce.territorial.unit"].search_count([]), 15)
        self.assertGreaterEqual(len(self.appeals), 250)
        self.assertLess(len(self.appeals), 1000)
        self.assertGreaterEqual(len(self.customers), 45)
        for mro in self.env["sce.mro"].search([]):
            self.assertTrue(mro.head_user_id, mro.name)
            self.assertGreaterEqual(len(mro.territorial_unit_ids), 2, mro.name)

    def test_gen4_every_customer_group_present(self):
        groups = set(self.customers.mapped("sce_customer_group"))
        self.assertEqual(groups, {code for code, _label in CUSTOMER_GROUPS})

    def test_eti1_individuals_named_by_three_parts(self):
        individuals = self.customers.filtered(lambda p: p.sce_customer_group == "1")
        self.assertGreaterEqual(len(individuals), 30)
        for partner in individuals:
            self.assertTrue(partner.sce_surname and partner.sce_first_name, partner.name)
            self.assertEqual(
                partner.name,
                f"{partner.sce_surname} {partner.sce_first_name} {partner.sce_patronymic}",
            )

    def test_gen6_individual_approach_flags_present(self):
        self.assertTrue(self.customers.filtered("sce_needs_priority"))
        self.assertTrue(self.customers.filtered("sce_is_small_business"))

    def test_gen1_every_channel_used(self):
        channels = self.env["helpdesk.ticket.channel"].search([("sce_code", "!=", False)])
        self.assertEqual(len(channels), 12)
        self.assertEqual(self.appeals.channel_id, channels)

    def test_gen5_every_kind_and_justified_complaints(self):
        self.assertEqual(
            set(self.appeals.mapped("appeal_kind")), {code for code, _label in APPEAL_KINDS}
        )
        justified = self.appeals.filtered("justified")
        self.assertTrue(justified)
        self.assertEqual(set(justified.mapped("appeal_kind")), {"complaint"})

    def test_every_appeal_state_present(self):
        self.assertEqual(
            set(self.appeals.mapped("sce_state")), {code for code, _label in APPEAL_STATES}
        )

    def test_deadlines_overdue_late_and_extended(self):
        states = set(self.appeals.mapped("deadline_state"))
        for state in ("overdue", "done_on_time", "done_late"):
            self.assertIn(state, states)
        extended = self.appeals.filtered("extension_days")
        self.assertTrue(extended.filtered(lambda t: t.sce_state == "extended"))
        for ticket in extended:
            self.assertTrue(ticket.extension_reason)
        late = self.appeals.filtered(lambda t: t.deadline_state == "done_late")
        for ticket in late:
            self.assertGreater(ticket.date_answered, ticket.deadline_answer)
        open_appeals = self.appeals.filtered(lambda t: not t.date_answered)
        self.assertFalse(open_appeals.filtered(lambda t: t.sce_state in ("answered", "closed")))

    def test_post4_refusals_have_ground(self):
        refused = self.appeals.filtered(lambda t: t.sce_state == "refused")
        self.assertTrue(refused)
        for ticket in refused:
            self.assertTrue(ticket.refusal_ground, ticket.number)

    def test_answered_appeals_have_both_letter_parts(self):
        answered = self.appeals.filtered(lambda t: t.sce_state in ("answered", "closed"))
        self.assertTrue(answered)
        for ticket in answered:
            self.assertTrue(ticket.answer_stating and ticket.answer_resolving, ticket.number)

    def test_partner_phones_are_valid_e164(self):
        with_phone = self.customers.filtered(lambda p: p.phone or p.mobile)
        self.assertEqual(with_phone, self.customers)
        for partner in with_phone:
            if partner.phone:
                self.assertEqual(partner.sce_phone_e164, normalize_phone(partner.phone))
                self.assertRegex(partner.sce_phone_e164, r"^\+7\d{10}$")
            if partner.mobile:
                self.assertEqual(partner.sce_mobile_e164, normalize_phone(partner.mobile))
                self.assertRegex(partner.sce_mobile_e164, r"^\+79\d{9}$")

    def test_accounts_readings_and_charges(self):
        accounts = self.env["sce.account"].search([("partner_id", "in", self.customers.ids)])
        self.assertGreaterEqual(len(accounts), len(self.customers))
        for account in accounts:
            self.assertRegex(account.name, r"^\d{12}$")
        readings = self.env["sce.meter.reading"].search(
            [("account_id", "in", accounts.ids)], order="meter_id, date, id"
        )
        self.assertTrue(readings)
        previous = {}
        for reading in readings:
            self.assertGreaterEqual(reading.value, previous.get(reading.meter_id, 0.0))
            previous[reading.meter_id] = reading.value
        charge_moves = self.env["sce.account.move"].search(
            [("account_id", "in", accounts.ids), ("move_type", "=", "charge")]
        )
        charges = len(charge_moves)
        self.assertGreaterEqual(len(set(charge_moves.mapped("period"))), 12)
        payments = self.env["sce.account.move"].search_count(
            [("account_id", "in", accounts.ids), ("move_type", "=", "payment")]
        )
        self.assertGreater(charges, 0)
        self.assertGreater(payments, 0)

    def test_staff_users_in_their_groups(self):
        for login, (group, mro_key) in STAFF.items():
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertEqual(
                user, self.env.ref("sce_appeals.user_sce_" + login.replace(".", "_")), login
            )
            self.assertTrue(user.has_group("sce_appeals." + group), login)
            self.assertTrue(user.sce_job_title and user.sce_department, login)
            if mro_key:
                mro = self.env.ref("sce_appeals.sce_mro_" + mro_key)
                self.assertEqual(user.sce_mro_ids, mro, login)
                self.assertEqual(mro.head_user_id, user, login)
        billing = self.env.ref("sce_appeals.helpdesk_ticket_team_billing")
        self.assertIn("specialist.billing", billing.user_ids.mapped("login"))
        self.assertEqual(billing.user_id.login, "specialist.billing")
        front_office = self.env.ref("sce_appeals.helpdesk_ticket_team_front_office")
        self.assertEqual(
            set(front_office.user_ids.mapped("login")), {"operator", "consultant", "head.office"}
        )
        self.assertEqual(self.env.ref("sce_appeals.user_sce_mro_vladikavkaz").sce_mro_ids, self.mro)

    def test_staff_log_in_with_their_login_as_password(self):
        """The README's demo logins work: password = login, and only that."""
        for login in STAFF:
            user = self.env["res.users"].search([("login", "=", login)])
            credential = {"login": login, "password": login, "type": "password"}
            auth = user.with_user(user)._check_credentials(credential, {"interactive": False})
            self.assertEqual(auth["uid"], user.id, login)
        operator = self.env.ref("sce_appeals.user_sce_operator")
        with self.assertRaises(AccessDenied):
            operator.with_user(operator)._check_credentials(
                {"login": "operator", "password": "manager", "type": "password"},
                {"interactive": False},
            )

    def test_no_demo_generator_model_in_the_registry(self):
        """The generator is demo/generator.py, run by the post_init_hook: no model."""
        self.assertNotIn("sce.demo.data", self.env.registry)
        self.assertFalse(self.env["ir.model"].search([("model", "=", "sce.demo.data")]))

    def test_a_year_of_appeals_in_every_channel_family(self):
        """Time-series reports show a year: appeals in each of the last twelve months,
        each month in person, remote and interactive (GEN-1)."""
        today = (fields.Datetime.now() + MSK).date()
        expected, month = set(), today.replace(day=1)
        for _index in range(12):
            expected.add((month.year, month.month))
            month = (month - timedelta(days=1)).replace(day=1)
        families = {}
        for appeal in self.appeals:
            local = appeal.date_received + MSK
            families.setdefault((local.year, local.month), set()).add(
                appeal.channel_id.sce_service_form
            )
        self.assertEqual(set(families), expected)
        for month_key, forms in families.items():
            self.assertEqual(forms, {"in_person", "remote", "interactive"}, month_key)

    def test_open_and_overdue_proportions_are_realistic(self):
        open_appeals = self.appeals.filtered(lambda t: t.sce_state not in DONE_STATES)
        overdue = self.appeals.filtered(lambda t: t.deadline_state == "overdue")
        self.assertGreaterEqual(len(open_appeals), 10)
        self.assertLess(len(open_appeals), len(self.appeals) * 0.3)
        self.assertTrue(overdue)
        self.assertLess(len(overdue), len(open_appeals))
        self.assertFalse(overdue - open_appeals, "only open appeals can be overdue")
        # the oldest appeals are settled: nothing older than two months waits for routing
        two_months_ago = fields.Datetime.now() - timedelta(days=60)
        stale = open_appeals.filtered(
            lambda t: t.date_received < two_months_ago and t.sce_state == "registered"
        )
        self.assertFalse(stale)

    def test_knowledge_base_articles(self):
        articles = self.env["sce.faq.article"].search([])
        self.assertGreaterEqual(len(articles), 15)
        self.assertIn(self.env.ref("sce_appeals.sce_faq_readings_submit"), articles)
        self.assertTrue(articles.filtered("is_published"))
        self.assertTrue(articles.filtered(lambda a: not a.is_published))
