from odoo import fields, models


class SceAppealExtendWizard(models.TransientModel):
    """Extend the answer deadline once, with a reason (POST-3)."""

    _name = "sce.appeal.extend.wizard"
    _description = "Extend appeal deadline"
    _inherit = "sce.appeal.wizard"

    current_deadline = fields.Datetime(related="ticket_id.deadline_answer")
    max_days = fields.Integer(related="ticket_id.sla_policy_id.extension_limit")
    days = fields.Integer(required=True, default=lambda self: self._default_days())
    reason = fields.Text(required=True)

    def _default_days(self):
        return self._default_ticket().sla_policy_id.extension_limit

    def action_confirm(self):
        self.ensure_one()
        self.ticket_id._sce_extend(self.days, self.reason)
        return {"type": "ir.actions.act_window_close"}
