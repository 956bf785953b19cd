from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged, warmup

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import SceCabinetCase

# Query budget of the public page, session and layout included (measured, not guessed).
ANSWERS_QUERIES = 13
SUMMARY = (
    "Начисление по среднему расходу заменено фактическим по показаниям, излишне "
    "начисленная сумма зачтена в счёт будущих платежей."
)
QUALITY = "Напряжение в сети восстановлено заменой ввода, плата за период снижена."


@tagged("post_install", "-at_install")
class TestComplaintAnswers(SceCabinetCase):
    """WEB-5: the complaint router publishes an anonymised summary of an answered
    complaint; the public page lists them by topic, searchable, with no personal data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.router = new_test_user(
            env,
            login="sce-router",
            groups="sce_appeals.group_sce_complaint_router",
            context=DISABLED_MAIL_CONTEXT,
        )
        cls.holder_a.write({"street": "ул. Ленина, 12, кв. 4", "mobile": "+7 918 705-12-34"})
        cls.complaint = cls._complaint(cls.topic, "Жалоба Кокоевой на начисление")
        cls.quality = cls._complaint(
            env.ref("sce_appeals.helpdesk_ticket_category_quality"), "Жалоба на напряжение"
        )

    @classmethod
    def _complaint(cls, topic, subject, answered=True):
        appeal = (
            cls.env["helpdesk.ticket"]
            .with_context(**DISABLED_MAIL_CONTEXT)
            .create(
                {
                    "name": subject,
                    "description": "<p>Текст жалобы</p>",
                    "channel_id": cls.channel_web.id,
                    "appeal_kind": "complaint",
                    "category_id": topic.id,
                    "partner_id": cls.holder_a.id,
                    "account_id": cls.account_a.id,
                }
            )
        )
        if answered:
            appeal.write({"stage_id": appeal._sce_stage("answered").id})
        return appeal

    def _publish(self, appeal, summary, user=None):
        appeal.with_user(user or self.router).write(
            {"sce_summary_published": True, "sce_public_summary": summary}
        )

    def test_web5_router_publishes_summary_without_personal_data(self):
        self._publish(self.complaint, SUMMARY)
        self.authenticate(None, None)
        page = self._get("/reception/answers").text
        self.assertIn(SUMMARY, page)
        self.assertIn(self.topic.with_context(lang="ru_RU").name, page)
        for personal in (
            "Кокоева",
            "Фатима",
            "Хасановна",
            self.account_a.name,
            "Ленина",
            "f.kokoeva@example.ru",
            "705-12-34",
            self.complaint.number,
            "Жалоба Кокоевой",
            "Текст жалобы",
        ):
            self.assertNotIn(personal, page, personal)

    def test_web5_summary_with_the_customers_data_is_refused(self):
        for summary in (
            "Кокоева Фатима Хасановна жаловалась на начисление.",
            f"По лицевому счёту {self.account_a.name} сделан перерасчёт.",
            "Проверка по адресу Владикавказ, ул. Ленина, 12, кв. 4 показала ошибку.",
            "Позвонили по номеру 8 918 705 12 34.",
            "Ответ отправлен на F.Kokoeva@example.ru.",
        ):
            with self.subTest(summary=summary), self.assertRaises(ValidationError):
                self._publish(self.complaint, summary)

    def test_web5_only_answered_complaints_are_published(self):
        open_complaint = self._complaint(self.topic, "Открытая жалоба", answered=False)
        with self.assertRaises(ValidationError):
            self._publish(open_complaint, SUMMARY)
        with self.assertRaises(ValidationError):
            self._publish(self.complaint, "   ")
        self.authenticate(None, None)
        self.assertNotIn(SUMMARY, self._get("/reception/answers").text)
        self.assertIn("Ответы не найдены", self._get("/reception/answers?search=зачтена").text)

    def test_web5_answers_are_searchable_and_filtered_by_topic(self):
        self._publish(self.complaint, SUMMARY)
        self._publish(self.quality, QUALITY)
        self.authenticate(None, None)
        found = self._get("/reception/answers?search=заменой ввода").text
        self.assertIn(QUALITY, found)
        self.assertNotIn(SUMMARY, found)
        by_topic = self._get(f"/reception/answers?topic={self.topic.id}").text
        self.assertIn(SUMMARY, by_topic)
        self.assertNotIn(QUALITY, by_topic)

    def test_web5_unpublished_summary_is_not_shown(self):
        self._publish(self.complaint, SUMMARY)
        self.complaint.with_user(self.router).write({"sce_summary_published": False})
        self.authenticate(None, None)
        self.assertNotIn(SUMMARY, self._get("/reception/answers").text)

    def test_web5_customer_cannot_publish(self):
        with self.assertRaises(AccessError):
            self._publish(self.complaint, SUMMARY, user=self.portal_a)

    @warmup
    def test_web5_answers_page_query_budget(self):
        self._publish(self.complaint, SUMMARY)
        self.env.flush_all()
        self.authenticate(None, None)
        self._russian()
        with self.assertQueryCount(default=ANSWERS_QUERIES):
            before = self.url_open("/reception/answers", timeout=60).text.count(
                "o_sce_complaint_answer"
            )
        self._publish(self.quality, QUALITY)
        self.env.flush_all()
        with self.assertQueryCount(default=ANSWERS_QUERIES):
            page = self.url_open("/reception/answers", timeout=60)
        self.assertEqual(page.text.count("o_sce_complaint_answer"), before + 1)
