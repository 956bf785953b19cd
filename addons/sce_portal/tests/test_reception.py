from odoo.tests import tagged

from .common import HTML, JPEG, PDF, PNG, SceReceptionCase


@tagged("post_install", "-at_install")
class TestReceptionForms(SceReceptionCase):
    """WEB-2: the internet reception's forms, posted over HTTP without a login; every
    rejection is explained in Russian."""

    def _mails_of(self, appeal):
        return self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", appeal.id)]
        )

    def test_web2_web4_question_creates_inquiry_with_deadline_and_robot_mail(self):
        response = self._post("question")
        appeal = self._appeals()
        self.assertEqual(len(appeal), 1)
        self.assertEqual(appeal.channel_id, self.channel_web)
        self.assertEqual(appeal.appeal_kind, "inquiry")
        self.assertEqual(appeal.category_id, self.topic)
        self.assertTrue(appeal.deadline_answer, "the policy of the channel and kind applies")
        self.assertEqual(self._mails_of(appeal).recipient_ids, appeal.partner_id)
        self.assertIn(f"/reception/thanks/{appeal.id}", response.url)
        self.assertIn(appeal.number, response.text)
        self.assertIn(f"/my/appeals/{appeal.id}?access_token={appeal.access_token}", response.text)

    def test_web2_new_customer_is_a_citizen_with_the_name_split(self):
        self._post("question")
        partner = self._appeals().partner_id
        self.assertEqual(
            (partner.sce_surname, partner.sce_first_name, partner.sce_patronymic),
            ("Козаев", "Руслан", "Ахсарбекович"),
        )
        self.assertEqual(partner.sce_customer_group, "1")
        self.assertEqual(partner.email, "r.kozaev@example.ru")

    def test_web2_known_email_links_the_appeal_to_the_customer(self):
        partners = self.env["res.partner"].search_count([])
        self._post(
            "question", email="Z.Bestaeva@example.ru", surname="бестаева", first_name="Залина"
        )
        self.assertEqual(self._appeals().partner_id, self.other_customer)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_gen7_known_email_under_another_name_reveals_no_stored_data(self):
        response = self._post("question", email="z.bestaeva@example.ru")
        appeal = self._appeals()
        self.assertNotEqual(appeal.partner_id, self.other_customer)
        self.assertEqual(appeal.partner_id.sce_surname, "Козаев")
        page = self._get(f"/my/appeals/{appeal.id}?access_token={appeal.access_token}").text
        for text in (response.text, page):
            self.assertNotIn("Залина", text)
            self.assertNotIn("Бестаева", text)

    def test_web2_web5_complaint_with_jpeg_and_pdf_goes_to_the_router(self):
        files = [
            ("attachments", ("акт.jpg", JPEG, "image/jpeg")),
            ("attachments", ("квитанция.pdf", PDF, "application/pdf")),
        ]
        self._post("complaint", files=files)
        appeal = self._appeals()
        self.assertEqual(appeal.appeal_kind, "complaint")
        self.assertEqual(appeal.team_id, self.team_router)
        self.assertTrue(appeal.deadline_answer)
        self.assertEqual(self._mails_of(appeal).recipient_ids, appeal.partner_id)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", appeal.id)]
        )
        self.assertEqual(sorted(attachments.mapped("mimetype")), ["application/pdf", "image/jpeg"])

    def test_web2_no_contacts_is_rejected_and_the_input_kept(self):
        tickets = self.env["helpdesk.ticket"].search_count([])
        response = self._post("question", email="", phone="")
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets)
        self.assertIn("sce_reception_errors", response.text)
        self.assertIn("Укажите e-mail или телефон", response.text)
        self.assertIn('value="Перерасчёт за октябрь"', response.text)
        self.assertIn("Прошу пересчитать начисление за октябрь.", response.text)

    def test_web2_empty_text_is_rejected(self):
        response = self._post("question", text="   ")
        self.assertFalse(self._appeals())
        self.assertIn("Напишите текст обращения.", response.text)

    def test_web2_form_without_csrf_token_is_refused(self):
        with self.assertLogs("odoo.http", "WARNING"):
            response = self._post("question", csrf=False)
        self.assertIn(response.status_code, (400, 403))
        self.assertFalse(self._appeals())

    def test_gen7_customer_text_is_escaped_when_shown_again(self):
        response = self._post("question", phone="", email="", text='<script>alert("x")</script>')
        self.assertNotIn('<script>alert("x")', response.text)
        self.assertIn("&lt;script&gt;", response.text)

    def test_gen7_public_pages_show_no_other_customers_data(self):
        self._post("question", email="z.bestaeva@example.ru")
        for url in ("/reception", "/reception/faq", "/reception/question", "/reception/complaint"):
            page = self._get(url).text
            for personal in ("Бестаева", "z.bestaeva@example.ru", "825-44-10", "Козаев"):
                self.assertNotIn(personal, page, f"{url} shows {personal}")


@tagged("post_install", "-at_install")
class TestReceptionUploads(SceReceptionCase):
    """WEB-2: only real JPEG and PDF files, few and small; nothing stored otherwise."""

    def _assert_rejected(self, files, message):
        attachments = self.env["ir.attachment"].search_count([])
        response = self._post("complaint", files=files)
        self.assertFalse(self._appeals())
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        self.assertIn(message, response.text)
        self.assertIn('value="Перерасчёт за октябрь"', response.text, "input kept")
        self.assertIn('value="r.kozaev@example.ru"', response.text, "input kept")

    def test_web2_png_is_rejected(self):
        self._assert_rejected(
            [("attachments", ("схема.png", PNG, "image/png"))],
            "не является изображением JPEG или документом PDF",
        )

    def test_gen7_file_name_is_escaped_in_the_rejection(self):
        self._assert_rejected(
            [("attachments", ("<b>схема</b>.png", PNG, "image/png"))],
            "&lt;b&gt;схема&lt;/b&gt;.png",
        )

    def test_web2_question_form_takes_no_files(self):
        attachments = self.env["ir.attachment"].search_count([])
        response = self._post("question", files=[("attachments", ("акт.pdf", PDF, "x"))])
        self.assertFalse(self._appeals())
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        self.assertIn("Файлы можно приложить только к обращению или жалобе.", response.text)

    def test_web2_html_named_pdf_is_rejected_by_content(self):
        self._assert_rejected(
            [("attachments", ("договор.pdf", HTML, "application/pdf"))],
            "не является изображением JPEG или документом PDF",
        )

    def test_web2_oversized_file_is_rejected(self):
        big = PDF + b"0" * (5 * 1024 * 1024)
        self._assert_rejected(
            [("attachments", ("большой.pdf", big, "application/pdf"))], "больше 5 МБ"
        )

    def test_web2_too_many_files_are_rejected(self):
        files = [("attachments", (f"лист{i}.pdf", PDF, "application/pdf")) for i in range(6)]
        self._assert_rejected(files, "Приложите не более 5 файлов.")


@tagged("post_install", "-at_install")
class TestReceptionSpam(SceReceptionCase):
    """WEB-2: a honeypot and a per-address rate limit kept in the database."""

    def test_web2_filled_honeypot_creates_nothing(self):
        response = self._post("question", sce_homepage="http://spam.example.com")
        self.assertFalse(self._appeals())
        self.assertIn("Форму не удалось принять.", response.text)

    def test_web2_sixth_submission_from_one_address_within_10_minutes_is_refused(self):
        self.env["sce.reception.submission"].create(
            [{"ip_address": "127.0.0.1"} for _i in range(5)]
        )
        response = self._post("question")
        self.assertFalse(self._appeals())
        self.assertIn("слишком много обращений", response.text)

    def test_web2_other_address_is_not_limited(self):
        self.env["sce.reception.submission"].create(
            [{"ip_address": "192.0.2.10"} for _i in range(5)]
        )
        self._post("question")
        self.assertEqual(len(self._appeals()), 1)


@tagged("post_install", "-at_install")
class TestReceptionFaq(SceReceptionCase):
    """WEB-4 step 1: the published knowledge base before the question form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        articles = cls.env["sce.faq.article"]
        cls.published = articles.create(
            {
                "name": "Как передать показания счётчика?",
                "answer": "<p>В личном кабинете до 25 числа.</p>",
                "category_id": cls.topic.id,
                "is_published": True,
            }
        )
        cls.draft = articles.create(
            {"name": "Черновик ответа о тарифах", "answer": "<p>Не готов.</p>"}
        )

    def test_web4_question_page_shows_published_answers_first(self):
        page = self._get("/reception/question").text
        self.assertIn("Как передать показания счётчика?", page)
        self.assertNotIn("Черновик ответа о тарифах", page)
        self.assertLess(page.index(self.published.name), page.index('name="csrf_token"'))

    def test_web4_answers_are_searchable(self):
        self.assertIn(self.published.name, self._get("/reception/faq?search=показания").text)
        self.assertNotIn(self.published.name, self._get("/reception/faq?search=тариф").text)

    def test_web4_matching_answers_are_offered_while_typing_the_subject(self):
        self.start_tour("/reception/question", "sce_portal_faq_suggestions")
