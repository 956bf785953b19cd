from odoo import fields, models

SCE_INDICATORS = [
    ("informativeness", "Informativeness"),
    ("executiveness", "Executiveness"),
    ("feedback_effectiveness", "Feedback effectiveness"),
    ("satisfaction", "Overall satisfaction"),
]


class SurveyQuestion(models.Model):
    """A question may feed one of the GEN-8 quality indicators: its scored answers (the
    share of the best possible score) are the survey input of that indicator."""

    _inherit = "survey.question"

    sce_indicator = fields.Selection(
        SCE_INDICATORS,
        string="Quality indicator",
        index=True,
        help="The GEN-8 indicator this question's answers feed; answers need scores.",
    )
    sce_audit_item = fields.Selection(
        [("measures_done", "Measures done"), ("recorded_in_crm", "Recorded in the CRM")],
        string="Complainant audit item",
        help="Complainant audit (CTRL-5): the answer to this question says whether the "
        "measures were done, or recorded in the CRM (an answer scoring above zero is yes).",
    )
