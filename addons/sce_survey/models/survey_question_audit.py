from odoo import fields, models


class SurveyQuestionAudit(models.Model):
    """A question of the complainant-audit questionnaire may stand for one of the two
    things the customer confirms (CTRL-5): a chosen answer scoring above zero is "yes"."""

    _inherit = "survey.question"

    sce_audit_item = fields.Selection(
        [("measures_done", "Measures done"), ("recorded_in_crm", "Recorded in the CRM")],
        string="Complainant audit item",
        help="Complainant audit (CTRL-5): the answer to this question says whether the "
        "measures were done, or recorded in the CRM (an answer scoring above zero is yes).",
    )
