import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.sce_appeals.tests.common import msk

from .common import QueueCommon


@tagged("post_install", "-at_install")
class TestServiceDocuments(QueueCommon, TransactionCase):
    """SC-5, SC-9: the client box's letters registered as post appeals by the hall
    administrator; applications checked against their document checklist, the customer
    told what is missing; documents handed over recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()
        env = cls.env
        cls.center.call_center_phone = "8-800-100-26-26"
        Type = env["sce.document.type"]
        cls.doc_passport = Type.create({"name": "Паспорт (тест)"})
        cls.doc_title = Type.create({"name": "Выписка из ЕГРН (тест)"})
        cls.doc_act = Type.create({"name": "Акт техприсоединения (тест)"})
        cls.svc_contract = env["sce.queue.service"].create(
            {
                "name": "Заключение договора (тест)",
                "ticket_prefix": "Д",
                "required_document_type_ids": [(6, 0, (cls.doc_passport | cls.doc_title).ids)],
            }
        )
        cls.topic = env.ref("sce_appeals.helpdesk_ticket_category_billing")
        cls.topic.sce_required_document_type_ids = cls.doc_act
        cls.emailed = env["res.partner"].create(
            {
                "sce_surname": "Гаглоева",
                "sce_first_name": "Залина",
                "sce_patronymic": "Руслановна",
                "email": "z.gagloeva@example.ru",
                "sce_preferred_answer_channel": "email",
            }
        )
        cls.by_post = env["res.partner"].create(
            {
                "sce_surname": "Бесолов",
                "sce_first_name": "Ацамаз",
                "street": "ул. Ленина, 5",
                "city": "Ардон",
                "sce_preferred_answer_channel": "post",
            }
        )

    # ------------------------------------------------------------------ client box

    def test_sc9_client_box_letters_registered_as_post_appeals(self):
        """SC-9 / POST-3: the hall administrator enters the letters taken out of the box
        on 02.03.2026 and registers them together: appeals of the channel "client box",
        received when the box was emptied, with the post deadlines (answer 2.03 + 11
        days, final 2.03 + 21 days); the scan goes with its appeal."""
        batch = (
            self.env["sce.client.box.batch"]
            .with_user(self.administrator)
            .create(
                {
                    "center_id": self.center.id,
                    "date_taken": msk(2026, 3, 2, 9, 0),
                    "letter_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": self.emailed.id,
                                "appeal_kind": "complaint",
                                "subject": "Неверное начисление за февраль",
                                "summary": "Прошу сделать перерасчёт.",
                                "scan": base64.b64encode(b"%PDF-1.4 scan"),
                                "scan_filename": "letter-1.pdf",
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "sender_name": "Кулаев Г. Т., г. Алагир",
                                "appeal_kind": "complaint",
                                "subject": "Жалоба на работу кассы",
                            },
                        ),
                    ],
                }
            )
        )
        self.assertEqual(batch.user_id, self.administrator)
        self.assertEqual(batch.letter_count, 2)
        batch.action_register()
        self.assertEqual(batch.state, "registered")
        appeals = batch.letter_ids.appeal_id
        self.assertEqual(len(appeals), 2)
        box = self.env.ref("sce_appeals.helpdesk_ticket_channel_client_box")
        for appeal in appeals:
            self.assertEqual(appeal.channel_id, box)
            self.assertTrue(appeal.number)
            self.assertEqual(appeal.date_received, msk(2026, 3, 2, 9, 0))
            self.assertEqual(
                appeal.sla_policy_id, self.env.ref("sce_appeals.sce_sla_policy_written")
            )
            self.assertEqual(appeal.deadline_answer, msk(2026, 3, 13, 23, 59, 59))
            self.assertEqual(appeal.deadline_total, msk(2026, 3, 23, 23, 59, 59))
        first = batch.letter_ids[0].appeal_id
        self.assertEqual(first.partner_id, self.emailed)
        scans = self.env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", first.id)]
        )
        self.assertEqual(scans.mapped("name"), ["letter-1.pdf"])
        self.assertIn("Кулаев Г. Т.", batch.letter_ids[1].appeal_id.description)
        with self.assertRaises(UserError):
            batch.action_register()  # registered once only
        with self.assertRaises(UserError):
            batch.unlink()

    def test_sc9_client_box_is_the_hall_administrators(self):
        """SC-9: the box is emptied and registered by the hall administrator of the
        center, not by a manager-consultant; an empty taking-out registers nothing."""
        with self.assertRaises(AccessError):
            self.env["sce.client.box.batch"].with_user(self.consultant).create(
                {"center_id": self.center.id}
            )
        batch = (
            self.env["sce.client.box.batch"]
            .with_user(self.administrator)
            .create({"center_id": self.center.id})
        )
        with self.assertRaises(UserError):
            batch.action_register()

    # ------------------------------------------------------------------ applications

    def _application(self, user, partner, **vals):
        return (
            self.env["sce.service.application"]
            .with_user(user)
            .create(
                {
                    "kind": "contract",
                    "center_id": self.center.id,
                    "partner_id": partner.id,
                    "service_id": self.svc_contract.id,
                    "category_id": self.topic.id,
                    **vals,
                }
            )
        )

    def test_sc5_checklist_of_the_service_and_topic_gives_the_verdict(self):
        """SC-5: the checklist joins the queue service's and the topic's required
        documents; the verdict follows the documents received; the printed notice
        lists what is missing."""
        application = self._application(
            self.consultant,
            self.by_post,
            received_document_type_ids=[(6, 0, self.doc_passport.ids)],
        )
        self.assertEqual(
            application.required_document_type_ids,
            self.doc_passport | self.doc_title | self.doc_act,
        )
        self.assertEqual(application.completeness, "incomplete")
        self.assertEqual(application.missing_document_type_ids, self.doc_title | self.doc_act)
        action = application.action_print_missing_notice()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.consultant)
            .with_context(lang="ru_RU")
            ._render_qweb_html(action["report_name"], application.ids)[0]
            .decode()
        )
        self.assertIn("<li>Выписка из ЕГРН (тест)</li>", html)
        self.assertIn("<li>Акт техприсоединения (тест)</li>", html)
        self.assertNotIn(
            "<li>Паспорт (тест)</li>", html.split("o_sce_missing_list")[1].split("</ol>")[0]
        )
        self.assertIn("8-800-100-26-26", html)
        application.received_document_type_ids = self.doc_passport | self.doc_title | self.doc_act
        self.assertEqual(application.completeness, "complete")
        self.assertFalse(application.missing_document_type_ids)
        with self.assertRaises(UserError):
            application.action_notify_missing()

    def test_sc5_missing_documents_emailed_through_the_answer_channel(self):
        """SC-5 / FB-3: the consultant tells the customer what is missing: the
        application becomes a contract appeal of the center's channel and the notice
        is mailed to the customer, who chose e-mail."""
        application = self._application(self.consultant, self.emailed)
        application.action_notify_missing()
        appeal = application.appeal_id
        self.assertEqual(appeal.appeal_kind, "contract")
        self.assertEqual(appeal.channel_id.sce_code, "mro_center")
        self.assertTrue(application.notified_at)
        message = appeal.message_ids.filtered(lambda m: self.emailed in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("Выписка из ЕГРН (тест)", message.body)
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertEqual(message.author_id, self.consultant.partner_id)

    def test_sc5_missing_documents_for_a_post_customer_left_for_the_post(self):
        """SC-5 / FB-3: for a customer answered by post, the notice is left on the
        appeal for the post, no e-mail goes out."""
        application = self._application(self.administrator, self.by_post)
        application.action_notify_missing()
        appeal = application.appeal_id
        self.assertFalse(appeal.message_ids.filtered(lambda m: self.by_post in m.partner_ids))
        note = appeal.message_ids.filtered(lambda m: "Выписка из ЕГРН (тест)" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertTrue(note.attachment_ids)

    def test_sc5_applications_of_other_centers_are_not_seen(self):
        """SC-5: a consultant sees the applications of their own center only."""
        foreign = self.env["sce.service.application"].create(
            {"center_id": self.other_center.id, "partner_id": self.by_post.id}
        )
        with self.assertRaises(AccessError):
            foreign.with_user(self.consultant).read(["completeness"])

    # ------------------------------------------------------------------ hand-over

    def test_sc5_documents_handed_over_are_recorded(self):
        """SC-5: the hall administrator records a document handed over: who received
        it, who gave it and when are recorded as they happened, and stay unchanged."""
        handover = (
            self.env["sce.document.handover"]
            .with_user(self.administrator)
            .create(
                {
                    "center_id": self.center.id,
                    "partner_id": self.by_post.id,
                    "name": "Договор энергоснабжения, экземпляр потребителя",
                    "user_id": self.consultant.id,  # ignored: the recording user gave it
                    "handed_at": "2020-01-01 10:00:00",
                }
            )
        )
        self.assertEqual(handover.user_id, self.administrator)
        self.assertEqual(handover.handed_at.year, handover.create_date.year)
        self.assertGreater(handover.handed_at.year, 2020)
        self.assertEqual(handover.recipient_name, self.by_post.name)
        with self.assertRaises(AccessError):
            handover.with_user(self.administrator).write({"name": "Другое"})
        with self.assertRaises(AccessError):
            handover.with_user(self.administrator).unlink()
        with self.assertRaises(AccessError):
            handover.with_user(self.cashier).read(["name"])


@tagged("post_install", "-at_install")
class TestServiceDocumentsDemo(TransactionCase):
    """The demo's client box taking and applications (SC-5, SC-9), when installed."""

    def test_sc9_demo_client_box_taking_registered(self):
        batch = self.env.ref(
            "sce_service_center.sce_client_box_batch_central_demo", raise_if_not_found=False
        )
        if not self.env.ref("base.module_sce_service_center").demo:
            self.assertFalse(batch)
            return
        self.assertEqual(batch.state, "registered")
        appeals = batch.letter_ids.appeal_id
        self.assertEqual(len(appeals), 2)
        self.assertEqual(set(appeals.channel_id.mapped("sce_code")), {"client_box"})
        self.assertEqual(set(appeals.mapped("date_received")), {batch.date_taken})
        incomplete = self.env.ref("sce_service_center.sce_service_application_demo_incomplete")
        self.assertEqual(incomplete.completeness, "incomplete")
        complete = self.env.ref("sce_service_center.sce_service_application_demo_complete")
        self.assertEqual(complete.completeness, "complete")
        self.assertEqual(complete.appeal_id.appeal_kind, "service_request")
