from odoo import api, fields, models


class SceQueueTransferWizard(models.TransientModel):
    """Send the visitor at the window to another service's queue (SC-7 routing)."""

    _name = "sce.queue.transfer.wizard"
    _description = "Transfer a queue ticket to another service"

    ticket_id = fields.Many2one("sce.queue.ticket", required=True, ondelete="cascade")
    service_id = fields.Many2one(
        "sce.queue.service",
        string="Transfer to",
        required=True,
        domain="[('id', '!=', current_service_id)]",
    )
    current_service_id = fields.Many2one(related="ticket_id.service_id")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "sce.queue.ticket":
            values["ticket_id"] = self.env.context.get("active_id")
        return values

    def action_transfer(self):
        self.ensure_one()
        self.ticket_id._transfer_to_service(self.service_id)
        return {"type": "ir.actions.act_window_close"}
