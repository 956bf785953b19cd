from odoo import api, fields, models


class SceAppealExtendWizard(models.TransientModel):
    """Extend the answer deadline once, with a reason (POST-3)."""

    _name = "sce.appeal.extend.wizard"
    _description = "Extend appeal deadline"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    current_deadline = fields.Datetime(related="ticket_id.deadline_answer")
    max_days = fields.Integer(related="ticket_id.sla_policy_id.extension_limit")
    days = fields.Integer(required=True, default=10)
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        ticket = self.env["helpdesk.ticket"].browse(self.env.context.get("active_id"))
        if ticket.exists() and "ticket_id" in fields_list:
            res["ticket_id"] = ticket.id
            res["days"] = ticket.sla_policy_id.extension_limit or 10
        return res

    def action_confirm(self):
        self.ensure_one()
        self.ticket_id.action_sce_extend(self.days, self.reason)
        return {"type": "ir.actions.act_window_close"}
