import shutil
import subprocess
import tempfile

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import SceAppealsCase


def pdf_text(raw):
    """The text of a PDF, as pdftotext reads it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(raw)
        pdf.flush()
        return subprocess.run(
            [shutil.which("pdftotext"), "-layout", pdf.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


@tagged("post_install", "-at_install")
class TestLetters(HttpCase, SceAppealsCase):
    """Answer and refusal letters (ETI-3, POST-2, POST-4) sent through FB-3's channel.

    An HttpCase: wkhtmltopdf loads the report assets from the test server, which
    serves them on the test transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.signatory = cls._user(
            "sce-letters-signatory",
            "sce_appeals.group_sce_specialist",
            name="Гаглоева Фатима Алановна",
            sce_job_title="Начальник отдела расчётов",
            sce_department="Отдел расчётов с потребителями",
        )

    def _answered_appeal(self, **vals):
        appeal = self._appeal(category_id=self.topic_billing.id, **vals)
        appeal.write(
            {
                "answer_user_id": self.signatory.id,
                "answer_stating": "<p>Вы сообщили о двойном начислении за октябрь 2026 года.</p>",
                "answer_resolving": "<p>Начисление пересчитано, переплата 1 250,00 учтена.</p>",
            }
        )
        return appeal

    def test_eti3_answer_letter_pdf_by_email(self):
        """ETI-3: the letter addresses the customer by first name and patronymic, has the
        stating and resolving parts and the signature block; FB-3: e-mail chosen, so it
        is mailed with the PDF and stored on the appeal."""
        appeal = self._answered_appeal()
        appeal.with_context(force_report_rendering=True).action_sce_send_answer()
        self.assertEqual(appeal.sce_state, "answered")
        self.assertTrue(appeal.answer_attachment_id)
        self.assertEqual(appeal.answer_attachment_id.mimetype, "application/pdf")
        text = pdf_text(appeal.answer_attachment_id.raw)
        self.assertIn("Тимур Казбекович", text)
        self.assertIn("двойном начислении", text)
        self.assertIn("переплата 1 250,00", text)
        self.assertIn("Гаглоева Фатима Алановна", text)
        self.assertIn("Начальник отдела расчётов", text)
        self.assertIn(appeal.number, text)
        message = appeal.message_ids.filtered(
            lambda m: appeal.answer_attachment_id in m.attachment_ids
        )
        self.assertIn(self.customer, message.partner_ids)
        self.assertTrue(
            self.env["mail.notification"].search(
                [
                    ("mail_message_id", "in", message.ids),
                    ("res_partner_id", "=", self.customer.id),
                    ("notification_type", "=", "email"),
                ]
            ),
            "the answer is e-mailed to the customer",
        )

    def test_fb3_answer_by_post_creates_dispatch_task(self):
        """FB-3: a customer who chose post gets the printed letter: a dispatch activity."""
        self.customer.sce_preferred_answer_channel = "post"
        appeal = self._answered_appeal()
        self.assertEqual(appeal.answer_channel, "post")
        appeal.with_context(force_report_rendering=True).action_sce_send_answer()
        self.assertTrue(appeal.answer_attachment_id)
        self.assertTrue(
            appeal.activity_ids.filtered(
                lambda a: "post" in (a.summary or "").lower() or "почт" in (a.summary or "").lower()
            )
        )

    def test_eti3_answer_needs_both_parts_and_a_signatory(self):
        appeal = self._appeal()
        with self.assertRaises(UserError):
            appeal.action_sce_send_answer()

    def test_post4_refusal_letter_tells_the_ground(self):
        """POST-4: refused for obscene language: the customer gets the reason."""
        appeal = self._appeal()
        appeal.with_context(force_report_rendering=True)._sce_refuse(
            "obscene", "Текст содержит оскорбления сотрудников."
        )
        self.assertEqual(appeal.sce_state, "refused")
        self.assertTrue(appeal.date_answered)
        text = pdf_text(appeal.answer_attachment_id.raw)
        self.assertIn("оскорбления сотрудников", text)
        ground = dict(
            appeal.with_context(lang="ru_RU")
            ._fields["refusal_ground"]
            ._description_selection(appeal.with_context(lang="ru_RU").env)
        )["obscene"]
        self.assertIn(ground.split()[0], text)

    def test_post4_each_ground_except_no_contact_sends_a_letter(self):
        for ground in ("unreadable", "repeated", "commercial_secret"):
            with self.subTest(ground=ground):
                appeal = self._appeal()
                appeal.with_context(force_report_rendering=True)._sce_refuse(ground)
                self.assertTrue(appeal.answer_attachment_id, ground)

    def test_post4_no_contact_data_no_answer(self):
        """POST-4: without contact data the appeal is not considered and not answered;
        the ground cannot be used when contacts exist."""
        with_contacts = self._appeal()
        with self.assertRaises(UserError):
            with_contacts._sce_refuse("no_contact")
        anonymous = self._appeal(partner_id=False, account_id=False, partner_email=False)
        anonymous._sce_refuse("no_contact")
        self.assertEqual(anonymous.sce_state, "refused")
        self.assertFalse(anonymous.answer_attachment_id)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "helpdesk.ticket"), ("res_id", "=", anonymous.id)]
            )
        )


@tagged("post_install", "-at_install")
class TestMailRobot(SceAppealsCase):
    """WEB-4, WEB-5: acknowledgement mail for interactive channels."""

    def _mails_of(self, appeal):
        return self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", appeal.id)]
        )

    def test_web4_question_acknowledged_with_number_and_one_working_day(self):
        appeal = self._appeal(channel_id=self.channel_web.id, appeal_kind="inquiry")
        mails = self._mails_of(appeal)
        self.assertEqual(len(mails), 1)
        self.assertIn(appeal.number, mails.subject)
        self.assertIn(appeal.number, mails.body_html)
        self.assertIn(appeal.sce_local_date("deadline_answer"), mails.body_html)
        self.assertIn(self.customer, mails.recipient_ids)
        self.assertIn("рабоч", mails.body_html, "Russian text: one working day")

    def test_web5_complaint_acknowledged_with_14_working_days(self):
        appeal = self._appeal(channel_id=self.channel_web.id, appeal_kind="complaint")
        mails = self._mails_of(appeal)
        self.assertEqual(len(mails), 1)
        self.assertIn("в течение 14 рабочих дней", mails.body_html)
        self.assertIn(appeal.sce_local_date("deadline_answer"), mails.body_html)
        self.assertEqual(appeal.team_id, self.team_router, "WEB-5: to the complaint router")

    def test_web2_service_request_tells_to_bring_originals_in_6_working_days(self):
        appeal = self._appeal(channel_id=self.channel_web.id, appeal_kind="service_request")
        body = self._mails_of(appeal).body_html
        self.assertIn("в течение 6 рабочих дней", body)
        self.assertIn(appeal.sce_local_date("deadline_answer"), body)

    def test_post_appeal_gets_no_robot_mail(self):
        appeal = self._appeal(channel_id=self.channel_post.id)
        self.assertFalse(self._mails_of(appeal))
