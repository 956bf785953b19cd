from odoo.tests import HttpCase, tagged

from odoo.addons.sce_appeals.tests.common import NO_MAIL_NOISE

from .survey_phone_common import SurveyPhoneCase


@tagged("post_install", "-at_install")
class TestSurveyPhoneTour(SurveyPhoneCase, HttpCase):
    """CC-7 item 24, in Chromium: the operator's screen with the questionnaire beside
    the call card, and the supervisor's live progress board."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.phone_questionnaire.title = "Тур: анкета"
        cls.tour_customers = (
            cls.env["res.partner"]
            .with_context(**NO_MAIL_NOISE)
            .create(
                [
                    {
                        "sce_surname": surname,
                        "sce_first_name": "Тур",
                        "sce_customer_group": "1",
                        "mobile": mobile,
                    }
                    for surname, mobile in (
                        ("Тедеев", "+7 918 702-00-01"),
                        ("Тедеева", "+7 918 702-00-02"),
                    )
                ]
            )
        )
        cls.tour_survey = cls.env["sce.survey.phone"].create(
            {
                "name": "Тур: телефонный опрос",
                "survey_id": cls.phone_questionnaire.id,
                "partner_domain": repr([("id", "=", cls.tour_customers[0].id)]),
                "operator_ids": [(6, 0, cls.cc_operator.ids)],
            }
        )
        cls.tour_survey.action_load_customers()
        cls.tour_survey.action_start()

    def test_cc7_operator_answers_beside_the_call_card_tour(self):
        self.start_tour(
            "/odoo/action-sce_survey.sce_survey_phone_action",
            "sce_survey_phone_operator",
            login=self.cc_operator.login,
        )
        entry = self.tour_survey.entry_ids
        self.assertEqual((entry.state, entry.user_id), ("refused", self.cc_operator))

    def test_cc7_supervisor_follows_the_progress_tour(self):
        self.tour_survey.partner_domain = repr([("id", "in", self.tour_customers.ids)])
        self.tour_survey.action_load_customers()
        done = self._claim(self.tour_survey, self.cc_operator)
        done.sudo().user_input_id._mark_done()
        self._claim(self.tour_survey, self.cc_operator).action_mark_refused()
        self.start_tour(
            "/odoo/action-sce_survey.sce_survey_phone_action",
            "sce_survey_phone_progress",
            login=self.cc_supervisor.login,
        )
