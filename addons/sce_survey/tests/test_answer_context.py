from odoo.tests import tagged, users

from .common import SceSurveyCase


@tagged("post_install", "-at_install")
class TestAnswerContext(SceSurveyCase):
    """FB-5, CTRL-6: an answer set knows what it assesses and carries the MRO, channel and
    customer group the reports group by."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appeal = cls._appeal(channel_id=cls.channel_web.id)

    @users("sce-mro-a")
    def test_fb5_answer_to_an_appeal_takes_its_mro_channel_and_group(self):
        survey = self.questionnaire.with_user(self.env.user)
        answer = survey._create_answer(
            partner=self.customer, check_attempts=False, sce_ticket_id=self.appeal.id
        )
        self.assertEqual(answer.sce_kind, "appeal")
        self.assertEqual(answer.sce_mro_id, self.mro_a)
        self.assertEqual(answer.sce_channel_id, self.channel_web)
        self.assertEqual(answer.sce_customer_group, "1")

    @users("sce-mro-a")
    def test_ctrl6_yearly_answer_takes_the_customers_home_mro(self):
        yearly = self._questionnaire("yearly").with_user(self.env.user)
        answer = yearly._create_answer(partner=self.customer, check_attempts=False)
        self.assertEqual(answer.sce_mro_id, self.mro_a)
        self.assertFalse(answer.sce_channel_id)
        self.assertEqual(answer.sce_customer_group, "1")

    @users("sce-mro-a")
    def test_fb4_invitation_is_a_personal_link_linked_to_the_visit(self):
        center = (
            self.env["sce.service.center"]
            .sudo()
            .create({"name": "ЦОК Тест", "tier": "mro", "mro_id": self.mro_b.id})
        )
        visit = (
            self.env["sce.queue.ticket"]
            .sudo()
            .create(
                {
                    "center_id": center.id,
                    "service_id": self.env.ref(
                        "sce_service_center.sce_queue_service_consultant"
                    ).id,
                    "partner_id": self.customer.id,
                }
            )
        )
        visit_survey = self._questionnaire("visit").with_user(self.env.user)
        answer = visit_survey._sce_invite(self.customer, "sms", visit=visit)
        self.assertEqual(answer.sce_queue_ticket_id, visit)
        self.assertEqual(answer.sce_mro_id, self.mro_b, "the visited center's MRO, not home")
        self.assertEqual(
            answer.sce_channel_id, self.env.ref("sce_appeals.helpdesk_ticket_channel_mro_center")
        )
        self.assertEqual(answer.sce_invite_channel, "sms")
        url = answer._sce_url()
        self.assertTrue(url.startswith("http"))
        self.assertIn(answer.access_token, url)
        self.assertIn(visit_survey.access_token, url)
