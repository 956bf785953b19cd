import re

from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import HTML, PDF, SceReceptionCase


@tagged("post_install", "-at_install")
class TestAppealCustomerActions(SceReceptionCase):
    """WEB-3: on their appeal's page the customer adds information (text and JPEG/PDF
    files, posted as the customer for the responsible) or withdraws an open appeal;
    nobody else can, by id or by a guessed token."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.specialist = new_test_user(
            cls.env,
            login="sce-specialist",
            groups="sce_appeals.group_sce_specialist",
            context=DISABLED_MAIL_CONTEXT,
        )
        cls.appeal_a = cls._appeal(cls.portal_a.partner_id, "Вопрос Алана")
        cls.appeal_b = cls._appeal(cls.portal_b.partner_id, "Вопрос Мадины")
        cls.guest = cls._appeal(cls.other_customer, "Вопрос гостя")
        cls.guest._portal_ensure_token()

    @classmethod
    def _appeal(cls, partner, subject):
        appeal = (
            cls.env["helpdesk.ticket"]
            .with_context(**DISABLED_MAIL_CONTEXT)
            .create(
                {
                    "name": subject,
                    "description": "<p>Текст</p>",
                    "channel_id": cls.channel_web.id,
                    "appeal_kind": "inquiry",
                    "category_id": cls.topic.id,
                    "partner_id": partner.id,
                }
            )
        )
        # The responsible, a member of the department the topic routed the appeal to.
        appeal.team_id.write({"user_ids": [(4, cls.specialist.id)]})
        appeal.write({"user_id": cls.specialist.id})
        return appeal

    def _page_csrf(self, url):
        page = self._get(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _act(self, appeal, action, data, files=None, token=None, csrf_url=None):
        own = f"/my/appeals/{appeal.id}" + (f"?access_token={token}" if token else "")
        data = {**data, "csrf_token": self._page_csrf(csrf_url or own)}
        if token:
            data["access_token"] = token
        self._russian()
        return self.url_open(
            f"/my/appeals/{appeal.id}/{action}", data=data, files=files, timeout=60
        )

    def _customer_messages(self, appeal):
        return appeal.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_web3_customer_adds_information_with_a_pdf(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        files = [("attachments", ("акт.pdf", PDF, "application/pdf"))]
        response = self._act(
            self.appeal_a, "message", {"text": "Добавляю акт <b>сверки</b>."}, files
        )
        self.assertEqual(response.status_code, 200)
        message = self._customer_messages(self.appeal_a)[:1]
        self.assertEqual(message.author_id, self.portal_a.partner_id)
        self.assertIn("&lt;b&gt;сверки&lt;/b&gt;", message.body, "the text is escaped")
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertIn(self.specialist.partner_id, message.partner_ids, "for the responsible")
        self.assertFalse(message.is_internal)
        visible = self.appeal_a.with_user(self.specialist).message_ids
        self.assertIn(message, visible)
        self.assertIn("&lt;b&gt;сверки&lt;/b&gt;", response.text)
        self.assertNotIn("<b>сверки</b>", response.text)

    def test_web3_access_token_visitor_adds_information_as_the_customer(self):
        self.authenticate(None, None)
        self._act(
            self.guest,
            "message",
            {"text": "Уточняю номер счётчика."},
            token=self.guest.access_token,
        )
        message = self._customer_messages(self.guest)[:1]
        self.assertEqual(message.author_id, self.other_customer)
        self.assertIn("Уточняю номер счётчика.", message.body)

    def test_web3_information_with_html_file_or_no_text_is_rejected(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        before = self._customer_messages(self.appeal_a)
        attachments = self.env["ir.attachment"].search_count([])
        files = [("attachments", ("акт.pdf", HTML, "application/pdf"))]
        response = self._act(self.appeal_a, "message", {"text": "Смотрите файл"}, files)
        self.assertIn("sce_appeal_errors", response.text)
        self.assertIn("акт.pdf", response.text)
        self.assertIn("Смотрите файл", response.text, "the text typed is kept")
        response = self._act(self.appeal_a, "message", {"text": "  "})
        self.assertIn("sce_appeal_errors", response.text)
        self.assertEqual(self._customer_messages(self.appeal_a), before)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)

    def test_web3_customer_withdraws_an_open_appeal_and_its_terms_stop(self):
        self.assertIn(self.appeal_a.deadline_state, ("on_track", "due_soon"))
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self._act(self.appeal_a, "withdraw", {"reason": "Вопрос решён, спасибо."})
        self.appeal_a.invalidate_recordset()
        self.assertEqual(self.appeal_a.sce_state, "refused")
        self.assertTrue(self.appeal_a.sce_withdrawn_date)
        self.assertEqual(self.appeal_a.sce_withdrawal_reason, "Вопрос решён, спасибо.")
        self.assertTrue(self.appeal_a.date_answered, "the terms stop")
        self.assertEqual(self.appeal_a.deadline_state, "done_on_time")
        self.assertFalse(self.appeal_a.refusal_ground, "not a refusal by the company")
        page = self._get(f"/my/appeals/{self.appeal_a.id}").text
        self.assertIn("o_sce_appeal_withdrawn", page)
        self.assertNotIn("o_sce_withdraw", page, "no second withdrawal")
        self.assertNotIn("o_sce_add_information", page)

    def test_web3_withdrawal_needs_a_reason_and_an_open_appeal(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        response = self._act(self.appeal_a, "withdraw", {"reason": ""})
        self.assertIn("sce_appeal_errors", response.text)
        self.assertNotEqual(self.appeal_a.sce_state, "refused")
        self.appeal_a.write({"stage_id": self.appeal_a._sce_stage("answered").id})
        self.assertEqual(
            self.appeal_a.with_user(self.portal_a)._sce_portal_withdraw("Поздно"),
            ["Only an appeal under consideration can be withdrawn."],
        )
        self.assertEqual(self.appeal_a.sce_state, "answered")

    def test_gen7_another_customer_cannot_add_or_withdraw_by_id(self):
        self.authenticate(self.portal_b.login, self.portal_b.login)
        own = f"/my/appeals/{self.appeal_b.id}"
        before = self._customer_messages(self.appeal_a)
        for action, data in (("message", {"text": "Чужое"}), ("withdraw", {"reason": "Чужое"})):
            response = self._act(self.appeal_a, action, data, csrf_url=own)
            self.assertEqual(response.status_code, 404, action)
            self.assertNotIn("Вопрос Алана", response.text)
        self.assertEqual(self._customer_messages(self.appeal_a), before)
        self.assertNotEqual(self.appeal_a.sce_state, "refused")

    def test_gen7_guessed_token_cannot_add_or_withdraw(self):
        self.authenticate(None, None)
        own = f"/my/appeals/{self.guest.id}?access_token={self.guest.access_token}"
        before = self._customer_messages(self.guest)
        for token in (f"{self.guest.access_token}x", "00000000-0000-0000-0000-000000000000", ""):
            for action, data in (("message", {"text": "Чужое"}), ("withdraw", {"reason": "Чужое"})):
                data = {**data, "csrf_token": self._page_csrf(own), "access_token": token}
                response = self.url_open(
                    f"/my/appeals/{self.guest.id}/{action}", data=data, timeout=60
                )
                self.assertEqual(response.status_code, 404, (action, token))
        self.assertEqual(self._customer_messages(self.guest), before)
        self.assertNotEqual(self.guest.sce_state, "refused")

    def test_gen7_forms_need_the_csrf_token(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        response = self.url_open(
            f"/my/appeals/{self.appeal_a.id}/withdraw", data={"reason": "Без токена"}, timeout=60
        )
        self.assertEqual(response.status_code, 400)
        self.assertNotEqual(self.appeal_a.sce_state, "refused")
