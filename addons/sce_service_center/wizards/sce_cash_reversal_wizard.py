from odoo import api, fields, models


class SceCashReversalWizard(models.TransientModel):
    """Reverse a cash-desk payment with a reason (SC-5): the correction of a receipt."""

    _name = "sce.cash.reversal.wizard"
    _description = "Reverse a cash desk payment"

    payment_id = fields.Many2one("sce.cash.payment", required=True, ondelete="cascade")
    amount = fields.Monetary(related="payment_id.amount")
    currency_id = fields.Many2one(related="payment_id.currency_id")
    reason = fields.Char(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "sce.cash.payment":
            values["payment_id"] = self.env.context.get("active_id")
        return values

    def action_reverse(self):
        self.ensure_one()
        reversal = self.payment_id._reverse(self.reason)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sce.cash.payment",
            "res_id": reversal.id,
            "view_mode": "form",
        }
