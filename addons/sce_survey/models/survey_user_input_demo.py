from odoo import api, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _sce_load_demo_answers(self):
        """Demo databases only (called by demo/survey_answers_demo.xml): a year of
        invitations and answers of the customer-service questionnaires."""
        from ..demo.survey_answers import (  # noqa: PLC0415 - demo databases only
            SurveyAnswerDemoGenerator,
        )

        return SurveyAnswerDemoGenerator(self.env).generate().ids
