from odoo import fields, models

SCE_SURVEY_KINDS = [
    ("appeal", "After an answered appeal"),
    ("visit", "After a service-center visit"),
    ("call", "After a call-center call"),
    ("yearly", "Yearly satisfaction study"),
    ("phone_group", "Telephone group survey"),
    ("audit", "Complainant audit"),
]


class SurveySurvey(models.Model):
    """A questionnaire of Odoo's survey application, tagged with what it is for in the
    customer service: the planner picks the questionnaire of the interaction a customer
    had (FB-4), the reports group answers by it (FB-5, CTRL-6)."""

    _inherit = "survey.survey"

    sce_kind = fields.Selection(
        SCE_SURVEY_KINDS,
        string="Customer-service purpose",
        index=True,
        help="What the questionnaire assesses. Empty for questionnaires outside the "
        "customer service (trainings, HR surveys…).",
    )
