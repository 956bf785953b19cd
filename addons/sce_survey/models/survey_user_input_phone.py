from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"  # pylint: disable=consider-merging-classes-inherited

    sce_phone_entry_id = fields.Many2one(
        "sce.survey.phone.entry",
        string="Telephone survey customer",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )

    def _sce_operator_may_answer(self, user):
        """Whether ``user`` is the operator calling this answer set's customer in a
        telephone survey right now (CC-7 item 24): they enter the answers for the
        customer on the questionnaire's own page."""
        self.ensure_one()
        entry = self.sudo().sce_phone_entry_id
        return bool(
            entry
            and not user._is_public()
            and entry.user_id == user
            and entry.state == "in_progress"
            and entry.partner_id == self.sudo().partner_id
        )

    def _mark_done(self):
        """The questionnaire submitted during the call: the customer is surveyed."""
        result = super()._mark_done()
        entries = self.sudo().sce_phone_entry_id.filtered(lambda e: e.state == "in_progress")
        if entries:
            entries._sce_link_call()
            entries.write({"state": "done"})
            entries.phone_survey_id._sce_notify_progress()
        return result
