import base64
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged, users

from .common import NO_MAIL_NOISE, SceAppealsCase


def csv_file(*rows):
    lines = ["лицевой счёт;дата;тип;сумма;документ"] + [";".join(r) for r in rows]
    return base64.b64encode("\n".join(lines).encode())


@tagged("post_install", "-at_install")
class TestRoleWorkflows(SceAppealsCase):
    """Each workflow run as the role that does it (register, route, extend, refuse,
    answer, import, escalate); the defects found when trying the addon as each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.front_office = cls.env.ref("sce_appeals.helpdesk_ticket_team_front_office")
        cls.front_office.user_id = cls.head
        cls.mro_a.head_user_id = cls.mro_user
        # Only our own appeals are open, so that the cron's counts are exact.
        cls.env["helpdesk.ticket"].search([("date_answered", "=", False)]).write(
            {"date_answered": fields.Datetime.now()}
        )

    def _activities(self, records, summary):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("summary", "=", summary),
            ]
        )

    # ------------------------------------------------------------------ billing import

    @users("sce-mro-a")
    def test_gen3_mro_client_department_imports_billing_of_its_mro(self):
        wizard = self.env["sce.billing.import.wizard"].create(
            {
                "file": csv_file(
                    ["TEST-150100000001", "05.11.2026", "начисление", "1520,40", "Н-2026-11-1"],
                    ["TEST-150100000001", "12.11.2026", "оплата", "1520,40", "П-2026-11-7"],
                ),
                "filename": "billing.csv",
            }
        )
        wizard.action_import()
        self.assertEqual(wizard.state, "done", wizard.error_report)
        moves = self.env["sce.account.move"].search([("account_id", "=", self.account_a.id)])
        self.assertEqual(sorted(moves.mapped("reference")), ["Н-2026-11-1", "П-2026-11-7"])

    @users("sce-mro-a")
    def test_gen3_mro_client_department_cannot_import_for_another_mro(self):
        """A row for MRO B's account is an error, and then nothing is imported."""
        wizard = self.env["sce.billing.import.wizard"].create(
            {
                "file": csv_file(
                    ["TEST-150100000001", "05.11.2026", "начисление", "800", "Н-2026-11-2"],
                    ["TEST-150200000002", "05.11.2026", "начисление", "900", "Н-2026-11-3"],
                ),
                "filename": "billing.csv",
            }
        )
        wizard.action_import()
        self.assertEqual(wizard.state, "errors")
        self.assertIn("Row 3", wizard.error_report)
        self.assertIn("TEST-150200000002", wizard.error_report)
        self.assertFalse(
            self.env["sce.account.move"].sudo().search([("reference", "like", "Н-2026-11-")])
        )

    # ------------------------------------------------------------------ e-mail gateway

    def _mail_gateway(self):
        domain = self.env["mail.alias.domain"].create({"name": "sce-test.example"})
        self.front_office.alias_id.write({"alias_name": "appeals", "alias_domain_id": domain.id})
        return "appeals@sce-test.example"

    def _incoming(self, to, subject, message_id, in_reply_to=None):
        headers = [
            "From: Тимур Хетагуров <t.khetagurov@example.ru>",
            f"To: {to}",
            f"Subject: {subject}",
            f"Message-ID: <{message_id}>",
            "Date: Thu, 26 Nov 2026 10:00:00 +0300",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ]
        if in_reply_to:
            headers.append(f"In-Reply-To: <{in_reply_to}>")
        raw = "\n".join(headers) + "\n\nПрошу разобраться с начислением за октябрь.\n"
        return self.env["mail.thread"].message_process(False, raw.encode())

    def test_web4_email_to_the_appeals_alias_is_an_email_appeal(self):
        """Mail gateway: channel E-mail, a number of the year, deadlines, the kind left
        to classify, and the mail robot's acknowledgement."""
        alias = self._mail_gateway()
        appeal = self.env["helpdesk.ticket"].browse(
            self._incoming(alias, "Не согласен с начислением", "sce-in-1@example.ru")
        )
        self.assertEqual(
            appeal.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        )
        self.assertRegex(appeal.number, rf"^{date.today().year}-\d{{6}}$")
        self.assertEqual(appeal.partner_id, self.customer)
        self.assertFalse(appeal.appeal_kind, "the front office classifies it")
        self.assertEqual(appeal.sce_state, "registered")
        self.assertEqual(
            appeal.sla_policy_id, self.env.ref("sce_appeals.sce_sla_policy_active_feedback")
        )
        self.assertTrue(appeal.deadline_answer > appeal.date_received + timedelta(days=13))
        acknowledgement = appeal.message_ids.filtered(
            lambda m: m.message_type == "comment" and appeal.number in (m.body or "")
        )
        self.assertEqual(len(acknowledgement), 1, "the robot answered once")
        self.assertIn(self.customer, acknowledgement.partner_ids)

    def test_web4_reply_by_email_joins_its_appeal(self):
        alias = self._mail_gateway()
        appeal_id = self._incoming(alias, "Нет квитанции", "sce-in-2@example.ru")
        acknowledgement = self.env["mail.message"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "=", appeal_id),
                ("message_type", "=", "comment"),
            ],
            limit=1,
        )
        count = self.env["helpdesk.ticket"].search_count([])
        reply_id = self._incoming(
            alias,
            "Re: Нет квитанции",
            "sce-in-3@example.ru",
            in_reply_to=acknowledgement.message_id.strip("<>"),
        )
        self.assertEqual(reply_id, appeal_id)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count, "no new appeal")

    # ------------------------------------------------------------------ extension

    @users("sce-specialist")
    def test_post3_extension_notice_goes_by_post_without_email(self):
        """FB-3: MRO B's customer has no e-mail and answers by post: the specialist
        extends, the notice letter is stored and a dispatch task is given."""
        appeal = self._appeal(
            partner_id=self.customer_b.id,
            account_id=self.account_b.id,
            appeal_kind="inquiry",
            category_id=self.topic_readings.id,
        ).with_env(self.env)
        self.assertEqual(appeal.answer_channel, "post")
        appeal._sce_extend(7, "Нужна проверка прибора учёта на месте")
        self.assertEqual(appeal.extension_days, 7)
        letter = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", appeal.id)]
        )
        self.assertEqual(len(letter), 1)
        self.assertTrue(letter.name.startswith("Extension notice"), letter.name)
        task = self._activities(appeal, "Extension notice: send it by post")
        self.assertEqual(len(task), 1)

    @users("sce-operator")
    def test_cc6_a_callback_cannot_be_extended_and_says_so(self):
        appeal = self._appeal(channel_id=self.channel_phone.id, appeal_kind="inquiry").with_env(
            self.env
        )
        self.assertEqual(appeal.sce_extension_limit, 0, "the Extend button is hidden")
        with self.assertRaises(UserError) as error:
            appeal._sce_extend(1, "Нужно время")
        self.assertIn("allows no extension", str(error.exception))
        self.assertNotIn("between 1 and 0", str(error.exception))

    # ------------------------------------------------------------ registration and final terms

    def test_post3_registration_breach_escalated_to_the_front_office(self):
        """A post letter received three days ago and still not routed: the registration
        term is breached and goes to the front office's head, apart from answers."""
        appeal = self._appeal(
            appeal_kind="inquiry",
            category_id=False,
            date_received=fields.Datetime.now() - timedelta(days=3),
        )
        self.assertEqual(appeal.sce_state, "registered")
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertEqual(appeal.registration_state, "overdue")
        self.assertTrue(appeal.registration_escalated)
        escalation = self._activities(appeal, "Registration overdue: take control")
        self.assertEqual(escalation.user_id, self.head)
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count(
                [("id", "=", appeal.id), ("registration_state", "=", "overdue")]
            ),
            1,
        )
        appeal.with_user(self.operator).write({"category_id": self.topic_billing.id})
        appeal.with_user(self.operator).action_sce_route()
        self.assertEqual(appeal.registration_state, "done_late")

    def test_post3_registration_reminder_before_its_deadline(self):
        self.env.company.sce_reminder_lead_hours = 24 * 20
        appeal = self._appeal(appeal_kind="inquiry", category_id=False)
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertEqual(appeal.registration_state, "due_soon")
        reminder = self._activities(appeal, "Register and route the appeal")
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.user_id, appeal.user_id or self.head, "its responsible")

    def test_post3_final_deadline_breach_escalated(self):
        """21 days after receipt the final term of a post appeal is breached."""
        appeal = self._appeal(
            appeal_kind="inquiry",
            category_id=self.topic_billing.id,
            date_received=fields.Datetime.now() - timedelta(days=30),
        )
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertEqual(appeal.total_state, "overdue")
        self.assertTrue(appeal.total_escalated)
        escalation = self._activities(appeal, "Final deadline breached: take control")
        self.assertEqual(escalation.user_id, self.mro_user)
        self.assertEqual(appeal.registration_state, "done_late", "entered 30 days after receipt")

    @users("sce-mro-a")
    def test_ctrl2_mro_head_sees_the_escalation_of_its_mro(self):
        appeal = self._appeal(
            appeal_kind="inquiry",
            category_id=self.topic_billing.id,
            date_received=fields.Datetime.now() - timedelta(days=30),
        )
        self.env["helpdesk.ticket"].sudo()._cron_sce_deadlines()
        todo = self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", appeal.id),
                ("user_id", "=", self.env.uid),
            ]
        )
        self.assertEqual(
            set(todo.mapped("summary")),
            {"Overdue appeal: take control", "Final deadline breached: take control"},
        )

    # ------------------------------------------------------------------ the full workflow

    def test_post2_workflow_register_route_review_answer_refuse_as_their_roles(self):
        appeal = self._appeal(appeal_kind="inquiry", category_id=False)
        self.assertEqual(appeal.create_uid, self.operator)
        appeal.with_user(self.operator).write({"category_id": self.topic_billing.id})
        appeal.with_user(self.operator).action_sce_route()
        self.assertEqual((appeal.sce_state, appeal.team_id), ("routed", self.team_billing))
        as_specialist = appeal.with_user(self.specialist)
        as_specialist.action_sce_start_review()
        as_specialist.write(
            {
                "answer_stating": "<p>Вы спросили о начислении.</p>",
                "answer_resolving": "<p>Начисление верное.</p>",
            }
        )
        as_specialist.with_context(**NO_MAIL_NOISE).action_sce_send_answer()
        self.assertEqual(appeal.sce_state, "answered")
        self.assertTrue(appeal.answer_attachment_id)
        refused = self._appeal(appeal_kind="inquiry", category_id=self.topic_readings.id)
        refused.with_user(self.specialist)._sce_refuse("obscene", "Оскорбления")
        self.assertEqual(refused.sce_state, "refused")
        self.assertEqual(refused.registration_state, "done_on_time")

    # ------------------------------------------------------------------ small defects

    @users("sce-operator")
    def test_gen3_back_dated_reading_cannot_exceed_a_later_one(self):
        meter = self.env["sce.meter"].browse(self.meter.id)
        readings = self.env["sce.meter.reading"]
        readings.create({"meter_id": meter.id, "date": "2026-01-10", "value": 100})
        readings.create({"meter_id": meter.id, "date": "2026-03-10", "value": 200})
        with self.assertRaises(ValidationError) as error:
            readings.create({"meter_id": meter.id, "date": "2026-02-10", "value": 250})
        self.assertIn("later reading 200", str(error.exception))
        between = readings.create({"meter_id": meter.id, "date": "2026-02-10", "value": 150})
        self.assertEqual(between.value, 150)

    @classmethod
    def _meter(cls):
        return cls.env["sce.meter"].create({"name": "TEST-M-0001", "account_id": cls.account_a.id})

    @users("sce-operator")
    def test_new_appeal_breadcrumb_is_not_false(self):
        new = self.env["helpdesk.ticket"].with_context(sce_appeals=1).new({})
        self.assertEqual(new.display_name, "New appeal")
        new.name = "Нет света"
        self.assertEqual(new.display_name, "Нет света")
        appeal = self._appeal(appeal_kind="inquiry", category_id=self.topic_billing.id)
        self.assertEqual(appeal.display_name, f"{appeal.number} - {appeal.name}")

    def setUp(self):
        super().setUp()
        self.meter = self._meter()

    @users("sce-operator")
    def test_gen3_the_appeal_opens_its_customers_card(self):
        appeal = self._appeal(appeal_kind="inquiry", category_id=self.topic_billing.id)
        action = appeal.with_env(self.env).action_sce_open_customer_card()
        self.assertEqual((action["res_model"], action["res_id"]), ("res.partner", self.customer.id))
        card = self.env.ref("sce_appeals.res_partner_view_form_sce_card")
        self.assertEqual(action["views"], [(card.id, "form")])

    @users("sce-specialist")
    def test_post3_extension_notice_of_an_appeal_without_a_customer_record(self):
        """A letter from someone not in the register (name and address only) is extended
        with a notice letter too, addressed by the name given."""
        appeal = self._appeal(
            partner_id=False,
            account_id=False,
            partner_name="Дзагоев Алан Борисович",
            appeal_kind="inquiry",
            category_id=self.topic_billing.id,
        ).with_env(self.env)
        self.assertEqual(appeal.answer_channel, "post")
        appeal._sce_extend(5, "Запрошены данные у сетевой организации")
        letter = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", appeal.id)]
        )
        self.assertIn("Дзагоев Алан Борисович", letter.raw.decode())
        self.assertTrue(self._activities(appeal, "Extension notice: send it by post"))

    def test_ctrl2_escalation_reads_in_the_controllers_language(self):
        """The cron runs as the system; the head of the front office reads Russian."""
        self.head.lang = "ru_RU"
        appeal = self._appeal(
            appeal_kind="inquiry",
            category_id=False,
            date_received=fields.Datetime.now() - timedelta(days=3),
        )
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        escalation = self._activities(appeal, "Регистрация просрочена: возьмите на контроль")
        self.assertEqual(escalation.user_id, self.head)

    @users("sce-operator")
    def test_gen1_an_appeal_created_with_its_channel_as_a_default_is_an_appeal(self):
        """Server code (a call, a visit) may give the channel as a context default: the
        appeal still gets its number of the year, its front office and its deadlines."""
        appeal = (
            self.env["helpdesk.ticket"]
            .with_context(default_channel_id=self.channel_phone.id, default_appeal_kind="inquiry")
            .create(
                {
                    "name": "Вопрос по звонку",
                    "description": "<p>Когда будет перерасчёт?</p>",
                    "partner_id": self.customer.id,
                }
            )
        )
        self.assertRegex(appeal.number, r"^\d{4}-\d{6}$")
        self.assertEqual(appeal.channel_id, self.channel_phone)
        self.assertTrue(appeal.team_id.sce_workflow)
        self.assertTrue(appeal.deadline_answer)
