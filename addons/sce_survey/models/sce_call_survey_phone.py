from odoo import models


class SceCall(models.Model):
    _inherit = "sce.call"

    def _sce_survey_phone_entry(self):
        """The telephone survey customer the current operator is calling on this
        outbound call, if any."""
        self.ensure_one()
        if self.direction != "outbound" or self.user_id != self.env.user or not self.customer_phone:
            return self.env["sce.survey.phone.entry"]
        return self.env["sce.survey.phone.entry"].search(
            [
                ("user_id", "=", self.env.uid),
                ("state", "=", "in_progress"),
                ("phone", "=", self.customer_phone),
            ],
            limit=1,
        )

    def action_open_caller(self):
        """The screen pop of a telephone survey's call opens the customer's entry with
        the questionnaire beside the call card, and links the call to the answers."""
        self.ensure_one()
        entry = self._sce_survey_phone_entry()
        if entry:
            entry._sce_link_call(self)
            return entry._sce_form_action()
        return super().action_open_caller()
