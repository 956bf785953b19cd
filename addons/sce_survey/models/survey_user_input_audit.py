from odoo import models


class SurveyUserInputAudit(models.Model):
    """A completed complainant-audit questionnaire gives its audit line the customer's
    answers (CTRL-5)."""

    _inherit = "survey.user_input"

    def _mark_done(self):
        res = super()._mark_done()
        audit_inputs = self.filtered(lambda answer: answer.sce_kind == "audit")
        if audit_inputs:
            # The customer answers through the public token link: the audit line is
            # found by the answer set just completed, never by a value the customer sends.
            self.env["sce.complaint.audit.line"].sudo()._sce_answers_from_survey(audit_inputs)
        return res
