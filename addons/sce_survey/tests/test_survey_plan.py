from datetime import timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users, warmup
from odoo.tools import SQL

from odoo.addons.sce_appeals.tests.common import msk

from .common import SceSurveyCase

CHANNEL_CONSENTS = ("sce_inform_email", "sce_inform_sms", "sce_inform_phone")


class SurveyPlanCase(SceSurveyCase):
    """A planner limited to the test MROs (demo customers stay out), questionnaires of
    our own, e-mail as the channel the call center can send on without a gateway, and
    customers with and without what the planner needs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Campaigns claim and record each send in a cursor of their own, committed at
        # once: Odoo's test mode makes those cursors share the test's transaction.
        if cls.registry.test_cr is None:
            cls.registry.enter_test_mode(cls.cr)
            cls.addClassCleanup(cls.registry.leave_test_mode)
        env = cls.env
        cls.Entry = env["sce.survey.plan.entry"]
        cls.yearly = cls._questionnaire("yearly")
        cls.after_call = cls._questionnaire("call")
        cls.after_visit = cls._questionnaire("visit")
        cls.plan = env.ref("sce_survey.sce_survey_plan_main")
        cls.plan.write(
            {
                "mro_ids": [(6, 0, (cls.mro_a | cls.mro_b).ids)],
                "survey_appeal_id": cls.questionnaire.id,
                "survey_call_id": cls.after_call.id,
                "survey_visit_id": cls.after_visit.id,
                "survey_yearly_id": cls.yearly.id,
                "channel_1": "email",
                "channel_2": "sms",
                "channel_3": "phone",
                "daily_quota": 1000,
                "window_start": 10.0,
                "window_end": 20.0,
            }
        )
        # The register of SceAppealsCase without consent: blocked until they give it.
        cls.organizer = cls.mro_user
        cls.organizer_b = cls.mro_user_b

    @classmethod
    def _customer(cls, surname, mro=None, consent=True, contract="active", **vals):
        partner = cls.env["res.partner"].create(
            {
                "sce_surname": surname,
                "sce_first_name": "Алан",
                "sce_patronymic": "Тамерланович",
                "sce_customer_group": "1",
                "sce_home_mro_id": (mro or cls.mro_a).id,
                "tz": "Europe/Moscow",
                "lang": "ru_RU",
                **vals,
            }
        )
        cls.env["sce.account"].create(
            {
                "name": f"PLAN-{partner.id:08d}",
                "partner_id": partner.id,
                "supply_address": "Владикавказ, пр. Мира, 1",
                "mro_id": (mro or cls.mro_a).id,
                "contract_state": contract,
            }
        )
        if consent:
            cls._consent(partner)
        return partner

    @classmethod
    def _consent(cls, partner, given=True, channels=CHANNEL_CONSENTS):
        """The personal-data consent of sce_appeals and, when the personal cabinet keeps
        them, the per-channel auto-informing consents."""
        values = {"sce_consent_date": "2026-01-15" if given else False}
        for fname in channels:
            if fname in partner._fields:
                values[fname] = given
        partner.write(values)

    def _run(self, now):
        """The daily run, as the cron runs it."""
        return self.Entry.sudo()._sce_plan_day(self.plan.sudo(), now=now)

    def _entry(self, partner):
        return self.Entry.sudo().search([("partner_id", "=", partner.id)])

    def _invitations(self, partners):
        return (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("sce_kind", "!=", False),
                    ("sce_invite_channel", "!=", False),
                ],
                order="create_date, id",
            )
        )

    def _send(self, campaigns, now):
        """The campaigns' dispatch jobs at ``now``; the invitations they create take
        ``now`` as their time (the transaction's clock does not move in a test)."""
        self.env.flush_all()
        self.env.cr.execute("SELECT COALESCE(max(id), 0) FROM survey_user_input")
        last_id = self.env.cr.fetchone()[0]
        for campaign in campaigns.values():
            campaign.sudo()._sce_dispatch(now=now)
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE survey_user_input SET create_date = %s WHERE id > %s", now, last_id)
        )
        self.env.invalidate_all()


@tagged("post_install", "-at_install")
class TestSurveyPlanRules(SurveyPlanCase):
    """FB-4: who is asked, with which questionnaire, through which channel; who is
    blocked and why."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anna = cls._customer("Газзаева", email="gazzaeva@example.ru", mobile="+7 918 700-00-01")
        cls.boris = cls._customer(
            "Дзагоев",
            email="dzagoev@example.ru",
            mobile="+7 918 700-00-02",
            sce_preferred_answer_channel="sms",
        )
        cls.no_consent = cls._customer("Кокоев", consent=False, email="kokoev@example.ru")
        cls.no_contract = cls._customer("Бекоев", contract="terminated", email="bekoev@example.ru")
        cls.no_contact = cls._customer("Гиоев")
        cls.in_b = cls._customer("Тедеева", mro=cls.mro_b, email="tedeeva@example.ru")
        cls.gateway = cls.env["sce.sms.gateway"].create(
            {"name": "SMS test", "api_url": "http://127.0.0.1:9/sms/send", "api_key": "x"}
        )

    def test_fb4_blocked_listed_with_reasons_per_mro_for_the_organizer(self):
        """FB-4: the organizer of an MRO sees its customers, the blocked ones with the
        reason (no consent, no contract, no contact); another MRO's stay out of sight."""
        self._run(msk(2027, 1, 11, 7))
        entries = self.Entry.with_user(self.organizer).search([])
        by_partner = {e.partner_id: e for e in entries}
        self.assertNotIn(self.in_b, by_partner)
        self.assertEqual(
            (by_partner[self.no_consent].state, by_partner[self.no_consent].block_reason),
            ("blocked", "no_consent"),
        )
        self.assertEqual(by_partner[self.no_contract].block_reason, "no_contract")
        self.assertEqual(by_partner[self.no_contact].block_reason, "no_contact")
        self.assertEqual(by_partner[self.customer].block_reason, "no_consent")
        self.assertEqual(by_partner[self.anna].state, "planned")
        self.assertFalse(by_partner[self.anna].block_reason)
        # The pivot per MRO the organizer works from.
        groups = self.Entry.with_user(self.organizer)._read_group(
            [("state", "=", "blocked")], ["mro_id", "block_reason"], ["__count"]
        )
        self.assertIn((self.mro_a, "no_contact", 1), groups)
        b_entries = self.Entry.with_user(self.organizer_b).search([])
        self.assertEqual(b_entries.partner_id, self.in_b | self.customer_b)
        # a phone-only customer while no SMS gateway or PBX is configured: the reason
        # says the planner cannot send, not that the customer has no contact
        phone_only = self._customer("Цаллагов", mobile="+7 918 700-00-09")
        self.plan.sms_gateway_id = False
        self._run(msk(2027, 1, 12, 7))
        entry = self.Entry.with_user(self.organizer).search([("partner_id", "=", phone_only.id)])
        self.assertEqual((entry.state, entry.block_reason), ("blocked", "no_sending_channel"))
        self.assertEqual(
            self.Entry.search([("partner_id", "=", self.no_contact.id)]).block_reason,
            "no_contact",
        )
        with self.assertRaises(AccessError):
            by_partner[self.anna].with_user(self.organizer).write({"state": "waiting"})

    def test_fb4_organizer_opens_the_plan_views(self):
        """FB-4: the organizer's list, pivot and form of the plan open with what the
        role may read (the campaign and the call only for the call center)."""
        self._run(msk(2027, 1, 11, 7))
        Entry = self.Entry.with_user(self.organizer)
        views = Entry.get_views([(False, "list"), (False, "form"), (False, "pivot")])["views"]
        names = {
            name
            for view in views.values()
            for name in etree.fromstring(view["arch"]).xpath("//field/@name")
        }
        self.assertNotIn("campaign_id", names)
        self.assertNotIn("call_id", names)
        spec = {
            name: {"fields": {"display_name": {}}} if Entry._fields[name].type == "many2one" else {}
            for name in names
        }
        values = Entry.search([("partner_id", "=", self.anna.id)]).web_read(spec)
        self.assertEqual(values[0]["partner_id"]["id"], self.anna.id)
        self.assertEqual(values[0]["state"], "planned")

    def test_fb4_questionnaire_of_the_latest_interaction(self):
        """FB-4: the questionnaire of the customer's latest interaction (answered appeal,
        service-center visit, call), otherwise the yearly study."""
        now = msk(2027, 1, 11, 7)
        appeal = self._appeal(partner_id=self.anna.id, account_id=self.anna.sce_account_ids.id)
        appeal._sce_write({"date_answered": now - timedelta(days=3)})
        source = self.env["sce.cti.source"].create(
            {"name": "АТС", "code": "plan-pbx", "secret": "s" * 32}
        )
        call = self.env["sce.call"].create(
            {
                "source_id": source.id,
                "external_call_id": "plan-1",
                "company_id": self.env.company.id,
                "direction": "inbound",
                "partner_id": self.anna.id,
                "date_start": now - timedelta(days=1, minutes=5),
                "date_answer": now - timedelta(days=1),
                "user_id": self.cc_operator.id,
            }
        )
        center = self.env["sce.service.center"].create(
            {"name": "ЦОК План", "tier": "mro", "mro_id": self.mro_a.id}
        )
        visit = self.env["sce.queue.ticket"].create(
            {
                "center_id": center.id,
                "service_id": self.env.ref("sce_service_center.sce_queue_service_consultant").id,
                "partner_id": self.boris.id,
            }
        )
        self.env.cr.execute(
            SQL(
                "UPDATE sce_queue_ticket SET state = 'done', finished_at = %s WHERE id = %s",
                now - timedelta(days=2),
                visit.id,
            )
        )
        self.env.invalidate_all()
        self._run(now)
        anna, boris = self._entry(self.anna), self._entry(self.boris)
        self.assertEqual((anna.kind, anna.survey_id, anna.call_id), ("call", self.after_call, call))
        self.assertEqual((boris.kind, boris.queue_ticket_id), ("visit", visit))
        recipient = self.env["sce.inform.recipient"].search([("partner_id", "=", self.anna.id)])
        self.assertEqual((recipient.sce_survey_id, recipient.sce_call_id), (self.after_call, call))
        self.assertEqual(self._entry(self.in_b).kind, "yearly")
        # An interaction older than the planner's window: the yearly study.
        self.plan.interaction_days = 0
        self._run(now + timedelta(days=200))
        self.assertEqual(self._entry(self.boris).kind, "yearly")

    def test_fb4_channel_order_preference_and_consent(self):
        """FB-4: the first channel of the planner's order the customer consented to and
        has a contact for; the customer's preferred channel first; channels the call
        center cannot send on (SMS without a gateway) are skipped."""
        now = msk(2027, 1, 11, 7)
        self.plan.auto_start = False
        self._run(now)
        self.assertEqual(self._entry(self.boris).channel, "email", "no SMS gateway")
        self.plan.sms_gateway_id = self.gateway
        # The first campaigns cancelled: their customers are to ask again.
        self.env["sce.inform.campaign"].search([("purpose", "=", "survey")]).state = "cancelled"
        campaigns = self._run(now)
        self.assertEqual(self._entry(self.boris).channel, "sms", "his preferred channel")
        self.assertEqual(self._entry(self.anna).channel, "email")
        self.assertEqual(set(campaigns), {"email", "sms"}, "one campaign per channel")
        sms = campaigns["sms"]
        self.assertEqual((sms.purpose, sms.state), ("survey", "draft"))
        self.assertEqual(sms.recipient_ids.partner_id, self.boris)
        self.assertEqual(sms.recipient_ids.contact, "+79187000002")
        self.plan.use_preferred_channel = False
        self._run(now + timedelta(days=1))
        self.assertEqual(self._entry(self.boris).channel, "email")

    def test_fb4_consent_withdrawal_blocks_and_withdraws_the_pending_invitation(self):
        """FB-4, GEN-7: a customer who withdraws the consent is blocked at the next run,
        and the invitation waiting in a campaign is excluded before it is sent."""
        now = msk(2027, 1, 11, 7)
        campaigns = self._run(now)
        recipient = campaigns["email"].recipient_ids.filtered(lambda r: r.partner_id == self.anna)
        self.assertEqual(recipient.state, "pending")
        self._consent(self.anna, given=False)
        self._run(now + timedelta(hours=1))
        self.assertEqual(recipient.state, "excluded")
        self.assertEqual(recipient.exclusion_reason, "no_consent")
        entry = self._entry(self.anna)
        self.assertEqual((entry.state, entry.block_reason), ("blocked", "no_consent"))
        self._send(campaigns, msk(2027, 1, 11, 12))
        self.assertFalse(self._invitations(self.anna))
        self.assertTrue(self._invitations(self.boris))

    def test_fb4_channel_consent_withdrawn_on_the_portal(self):
        """FB-4, FB-6: without the auto-informing consent on a channel the customer is
        not invited there; without any, blocked with that reason."""
        if "sce_inform_email" not in self.env["res.partner"]._fields:
            self.skipTest("per-channel consents are kept by sce_portal")
        self.anna.sce_inform_email = False
        self._run(msk(2027, 1, 11, 7))
        entry = self._entry(self.anna)
        self.assertEqual((entry.state, entry.block_reason), ("blocked", "no_channel_consent"))

    def test_fb4_time_window_respected_and_personal_link_sent(self):
        """FB-4, FB-6: invitations leave only inside the campaign's window in the
        customer's time zone; each carries the customer's personal link, valid for the
        planner's working days (production calendar), linked to what it assesses."""
        campaigns = self._run(msk(2027, 1, 11, 7))
        campaign = campaigns["email"]
        self.assertEqual(campaign.state, "running")
        self.assertEqual(
            campaign.sce_survey_deadline,
            self.calendar._sce_deadline(msk(2027, 1, 11, 7), 10, "working_days"),
        )
        self._send(campaigns, msk(2027, 1, 11, 8))
        self.assertEqual(set(campaign.recipient_ids.mapped("state")), {"pending"})
        self.assertFalse(self._invitations(self.anna))
        self._send(campaigns, msk(2027, 1, 11, 10, 30))
        recipient = campaign.recipient_ids.filtered(lambda r: r.partner_id == self.anna)
        self.assertEqual(recipient.state, "delivered")
        answer = self._invitations(self.anna)
        self.assertEqual(answer, recipient.sce_survey_answer_id)
        self.assertEqual((answer.survey_id, answer.sce_invite_channel), (self.yearly, "email"))
        self.assertEqual(answer.deadline, campaign.sce_survey_deadline)
        self.assertIn(answer.access_token, recipient.message)
        self.assertIn("http", recipient.message)
        # Asked: resting for three months, the yearly term a year on.
        self._run(msk(2027, 1, 12, 7))
        entry = self._entry(self.anna)
        self.assertEqual(entry.state, "resting")
        self.assertEqual(entry.date_term, msk(2027, 1, 11, 10, 30) + relativedelta(months=12))

    def test_fb4_daily_quota(self):
        """FB-4: at most the daily quota a day, the rest the next days."""
        self.plan.daily_quota = 2
        eligible = self.anna | self.boris | self.in_b
        self._run(msk(2027, 1, 11, 7))
        self.assertEqual(self.Entry.search_count([("date_planned", "!=", False)]), 2)
        self._run(msk(2027, 1, 11, 9))
        self.assertEqual(self.Entry.search_count([("date_planned", "!=", False)]), 2)
        self._run(msk(2027, 1, 12, 7))
        self.assertEqual(self.Entry.search([("date_planned", "!=", False)]).partner_id, eligible)

    def test_fb4_overdue_first_then_due_terms_by_the_deadline_engine(self):
        """FB-4: a customer not asked for over a year is overdue (the deadline engine's
        state of the yearly term) and invited first; one whose term is within the lead
        days is due; the MRO's organizer finds them by these filters."""
        now = msk(2027, 1, 11, 7)
        self.plan.write({"daily_quota": 1, "auto_start": False})
        long_ago = self.yearly._sce_invite(self.in_b, "email")
        a_year_ago = self.yearly._sce_invite(self.boris, "operator")
        self.env.flush_all()
        for answer, date in (
            (long_ago, now - relativedelta(months=13)),
            (a_year_ago, now - relativedelta(months=11, days=15)),
        ):
            self.env.cr.execute(
                SQL("UPDATE survey_user_input SET create_date = %s WHERE id = %s", date, answer.id)
            )
        self.env.invalidate_all()
        self._run(now)
        overdue, due = self._entry(self.in_b), self._entry(self.boris)
        self.assertEqual((overdue.term_state, overdue.state), ("overdue", "planned"))
        self.assertEqual((due.term_state, due.state), ("due_soon", "to_ask"))
        self.assertEqual(due.last_channel, "operator", "telephone invitations count too")
        self.assertEqual(self._entry(self.anna).state, "to_ask", "never asked: after them")
        self.assertEqual(
            self.Entry.with_user(self.organizer_b).search([("term_state", "=", "overdue")]),
            overdue.with_user(self.organizer_b),
        )

    def test_fb4_survey_campaigns_take_no_other_recipients(self):
        """FB-4: the planner alone chooses a survey campaign's recipients."""
        campaigns = self._run(msk(2027, 1, 11, 7))
        with self.assertRaises(UserError):
            campaigns["email"].with_user(self.cc_supervisor).action_build_recipients()

    @users("sce-head")
    def test_fb4_head_office_configures_and_plans_now(self):
        """FB-4: the head office sets the planner up and may plan the day at once; an
        MRO organizer only reads the settings."""
        plan = self.plan.with_user(self.env.user)
        plan.daily_quota = 500
        plan.action_run_now()
        self.assertTrue(plan.date_last_run)
        self.assertGreaterEqual(plan.count_planned, 3)
        with self.assertRaises(AccessError):
            self.plan.with_user(self.organizer).write({"daily_quota": 1})
        with self.assertRaises(AccessError):
            self.plan.with_user(self.organizer).action_run_now()
        with self.assertRaises(UserError):
            plan.rest_months = 2

    def test_fb4_sql_rules_agree_with_the_call_center(self):
        """FB-4, FB-6: the planner's SQL consent and contact rules are the call center's
        (``_sce_inform_consented``, ``_sce_contact``) over the same customers."""
        partners = self.anna | self.boris | self.no_consent | self.no_contact | self.customer
        self._consent(self.boris, given=False, channels=("sce_inform_sms",))
        self.boris.sce_consent_date = "2026-01-15"
        campaign = self.env["sce.inform.campaign"].new({"template": "x", "name": "x"})
        for channel in ("email", "sms", "phone"):
            campaign.channel = channel
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "SELECT p.id, %s, %s FROM res_partner p WHERE p.id IN %s",
                    self.Entry._sce_consent_sql(channel),
                    self.Entry._sce_contact_sql(channel),
                    tuple(partners.ids),
                )
            )
            got = {
                pid: (consent, contact or False) for pid, consent, contact in self.env.cr.fetchall()
            }
            consented = partners._sce_inform_consented(channel)
            expected = {p.id: (p in consented, campaign._sce_contact(p) or False) for p in partners}
            self.assertEqual(got, expected, channel)


@tagged("post_install", "-at_install")
class TestSurveyPlanTwoYears(SurveyPlanCase):
    """FB-4 over a simulated two years, day by day, on a small population."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eligible = cls.env["res.partner"]
        for number in range(8):
            cls.eligible |= cls._customer(
                f"Абаев-{number}",
                mro=cls.mro_a if number % 2 else cls.mro_b,
                email=f"abaev{number}@example.ru",
            )
        cls.blocked = {
            cls._customer("Без согласия", consent=False, email="x1@example.ru"): "no_consent",
            cls._customer("Без договора", contract="terminated", email="x2@example.ru"): (
                "no_contract"
            ),
            cls._customer("Без контактов"): "no_contact",
        }
        # Answered appeals now and then: after-appeal questionnaires in between.
        cls.answered = {}
        for number, day in ((0, 20), (0, 75), (1, 140), (2, 300), (2, 320), (3, 500)):
            partner = cls.eligible[number]
            appeal = cls._appeal(partner_id=partner.id, account_id=partner.sce_account_ids.id)
            appeal._sce_write({"date_answered": msk(2027, 1, 4, 15) + timedelta(days=day)})
            cls.answered.setdefault(partner, []).append(appeal)

    def test_fb4_two_years_day_by_day(self):
        """FB-4: over two years, no customer is asked twice within 3 months, everyone
        eligible is asked within every 12 months, answered appeals get their own
        questionnaire, and the blocked are never asked and are listed with reasons."""
        self.plan.daily_quota = 3
        start = msk(2027, 1, 4, 7)
        for day in range(730):
            planning = start + timedelta(days=day)
            campaigns = self._run(planning)
            if campaigns:
                self._send(campaigns, planning + timedelta(hours=5))
        end = start + timedelta(days=730)
        invitations = self._invitations(
            self.eligible | self.env["res.partner"].concat(*self.blocked)
        )
        by_partner = {}
        for answer in invitations:
            by_partner.setdefault(answer.partner_id, []).append(answer)
        for partner in self.blocked:
            self.assertNotIn(partner, by_partner, f"{partner.name} is blocked")
        for partner in self.eligible:
            answers = by_partner.get(partner, [])
            dates = [start] + [a.create_date for a in answers] + [end]
            for before, after in zip(dates, dates[1:], strict=False):
                self.assertLessEqual(
                    after, before + relativedelta(months=12), f"{partner.name}: within a year"
                )
            for before, after in zip(dates[1:-1], dates[2:-1], strict=False):
                self.assertGreaterEqual(
                    after, before + relativedelta(months=3), f"{partner.name}: 3 months' rest"
                )
            self.assertGreaterEqual(len(answers), 2, partner.name)
        # Asked on day 0, the first customer rests over the appeal answered on day 20;
        # the one answered on day 75 is assessed as soon as the rest is over.
        first = by_partner[self.eligible[0]]
        on_day_20, on_day_75 = self.answered[self.eligible[0]]
        self.assertNotIn(on_day_20, [a.sce_ticket_id for a in first])
        self.assertEqual(first[1].sce_ticket_id, on_day_75)
        self.assertEqual(first[1].survey_id, self.questionnaire)
        self.assertLessEqual(
            first[1].create_date, first[0].create_date + relativedelta(months=3, days=1)
        )
        self.assertEqual(
            {a.survey_id for a in by_partner[self.eligible[3]] if a.sce_ticket_id},
            {self.questionnaire},
        )
        # The organizer of MRO A sees its blocked customers with their reasons.
        entries = self.Entry.with_user(self.organizer).search([("state", "=", "blocked")])
        self.assertEqual(
            {e.partner_id: e.block_reason for e in entries if e.partner_id in self.blocked},
            self.blocked,
        )


@tagged("post_install", "-at_install")
class TestSurveyPlanQueries(SurveyPlanCase):
    """FB-4: the daily run is set-based: its queries do not grow with the customers."""

    def _population(self, size, tag):
        for number in range(size):
            self._customer(f"Бясов-{tag}-{number}", email=f"biasov{tag}{number}@example.ru")
        self.env.flush_all()

    @warmup
    def test_fb4_daily_run_query_budget(self):
        """FB-4: the same number of queries for 3 and for 30 customers to invite."""
        self._population(3, "a")
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=31):
            self._run(msk(2027, 1, 11, 7))
        self.env.cr.execute("DELETE FROM sce_survey_plan_entry")
        self._population(27, "b")
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=31):
            self._run(msk(2027, 1, 12, 7))
        self.assertEqual(self.Entry.search_count([("state", "=", "planned")]), 30)
