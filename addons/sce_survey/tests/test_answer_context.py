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
