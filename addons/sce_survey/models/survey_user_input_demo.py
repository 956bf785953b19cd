from odoo import api, models

DEMO_MARK = "sce_survey.demo_answers_loaded"


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _sce_load_demo_answers(self):
        """Demo databases only (called by demo/survey_answers_demo.xml): a year of
        invitations and answers of the customer-service questionnaires."""
        from ..demo.survey_answers import (  # noqa: PLC0415 - demo databases only
            SurveyAnswerDemoGenerator,
        )

        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(DEMO_MARK):
            return []  # an update reloads the demo files: generate once
        answers = SurveyAnswerDemoGenerator(self.env).generate()
        params.set_param(DEMO_MARK, "1")
        return answers.ids
