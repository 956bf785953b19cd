from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import SceCabinetCase

SUMMARY = (
    "Начисление по среднему расходу заменено фактическим по показаниям, излишне "
    "начисленная сумма зачтена в счёт будущих платежей."
)
QUALITY = "Напряжение в сети восстановлено заменой ввода, плата за период снижена."


class ReceptionToursMixin:
    """The slice-3 pages in Chromium: a service request with its documents, the
    published answers to complaints, adding information to and withdrawing an appeal;
    and the WEB-1 site menu. Each runs on a desktop and on a 360 px phone screen."""

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
        cls.service = env.ref("sce_portal.sce_portal_service_meter_replacement")

    def _complaint(self, topic, subject, summary):
        appeal = (
            self.env["helpdesk.ticket"]
            .with_context(**DISABLED_MAIL_CONTEXT)
            .create(
                {
                    "name": subject,
                    "description": "<p>Текст жалобы</p>",
                    "channel_id": self.channel_web.id,
                    "appeal_kind": "complaint",
                    "category_id": topic.id,
                    "partner_id": self.holder_a.id,
                    "account_id": self.account_a.id,
                }
            )
        )
        appeal.write({"stage_id": appeal._sce_stage("answered").id})
        appeal.with_user(self.router).write(
            {"sce_summary_published": True, "sce_public_summary": summary}
        )
        return appeal

    def _run_service_request_tour(self):
        tickets = self.env["helpdesk.ticket"]
        before = tickets.search([("sce_service_id", "=", self.service.id)])
        self.start_tour("/reception/services", "sce_portal_service_request")
        appeal = tickets.search([("sce_service_id", "=", self.service.id)]) - before
        self.assertEqual(len(appeal), 1)
        self.assertEqual(appeal.appeal_kind, "service_request")
        self.assertEqual(appeal.partner_id.sce_surname, "Цаголов")
        self.assertTrue(appeal.sce_originals_deadline)
        documents = appeal.sce_service_document_ids
        self.assertTrue(documents)
        self.assertTrue(
            all(document.attachment_ids for document in documents),
            "every document of the checklist got its scan",
        )
        self.assertEqual(set(documents.attachment_ids.mapped("mimetype")), {"image/jpeg"})

    def _run_complaint_answers_tour(self):
        self._complaint(self.topic, "Жалоба Кокоевой на начисление", SUMMARY)
        self._complaint(
            self.env.ref("sce_appeals.helpdesk_ticket_category_quality"),
            "Жалоба на напряжение",
            QUALITY,
        )
        self.start_tour("/reception", "sce_portal_complaint_answers")

    def _run_appeal_actions_tour(self):
        appeal = (
            self.env["helpdesk.ticket"]
            .with_context(**DISABLED_MAIL_CONTEXT)
            .create(
                {
                    "name": "Перерасчёт за сентябрь",
                    "description": "<p>Прошу сделать перерасчёт.</p>",
                    "channel_id": self.channel_web.id,
                    "appeal_kind": "inquiry",
                    "category_id": self.topic.id,
                    "partner_id": self.portal_a.partner_id.id,
                }
            )
        )
        self.start_tour(
            "/my/appeals", "sce_portal_appeal_add_and_withdraw", login=self.portal_a.login
        )
        message = appeal.message_ids.filtered(lambda m: "Прилагаю акт проверки" in (m.body or ""))
        self.assertEqual(message.author_id, self.portal_a.partner_id)
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertTrue(appeal.sce_withdrawn_date)
        self.assertIn("личном визите", appeal.sce_withdrawal_reason)

    def _run_site_menu_tour(self):
        self.start_tour("/", "sce_portal_site_menu")


@tagged("post_install", "-at_install")
class TestReceptionToursDesktop(ReceptionToursMixin, SceCabinetCase):
    """WEB-1, WEB-2, WEB-3, WEB-5 in Chromium on a desktop."""

    def test_web2_service_request_with_documents_desktop(self):
        """WEB-2: a service request with its fields and documents, the originals' date."""
        self._run_service_request_tour()

    def test_web5_complaint_answers_search_and_topic_desktop(self):
        """WEB-5: the published answers, searched and filtered by topic."""
        self._run_complaint_answers_tour()

    def test_web3_appeal_add_information_and_withdraw_desktop(self):
        """WEB-3: adding a document to an appeal, then withdrawing it."""
        self._run_appeal_actions_tour()

    def test_web1_site_menu_desktop(self):
        """WEB-1: the site menu leads to the information for customers."""
        self._run_site_menu_tour()


@tagged("post_install", "-at_install")
class TestReceptionToursPhone(ReceptionToursMixin, SceCabinetCase):
    """WEB-1, WEB-2, WEB-3, WEB-5 in Chromium on a 360 px phone screen."""

    browser_size = "360x740"
    touch_enabled = True

    def test_web2_service_request_with_documents_phone(self):
        """WEB-2: a service request with its fields and documents, the originals' date."""
        self._run_service_request_tour()

    def test_web5_complaint_answers_search_and_topic_phone(self):
        """WEB-5: the published answers, searched and filtered by topic."""
        self._run_complaint_answers_tour()

    def test_web3_appeal_add_information_and_withdraw_phone(self):
        """WEB-3: adding a document to an appeal, then withdrawing it."""
        self._run_appeal_actions_tour()

    def test_web1_site_menu_phone(self):
        """WEB-1: the site menu leads to the information for customers."""
        self._run_site_menu_tour()
