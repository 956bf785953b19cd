from odoo import api, fields, models
from odoo.exceptions import UserError


class SceQueueTransferWizard(models.TransientModel):
    """Send the visitor at the window to another service's queue, or to a particular
    window of the center (SC-7 routing)."""

    _name = "sce.queue.transfer.wizard"
    _description = "Transfer a queue ticket to another service"

    ticket_id = fields.Many2one("sce.queue.ticket", required=True, ondelete="cascade")
    service_id = fields.Many2one(
        "sce.queue.service",
        string="Transfer to",
        domain="[('id', '!=', current_service_id)]",
    )
    current_service_id = fields.Many2one(related="ticket_id.service_id")
    window_id = fields.Many2one(
        "sce.queue.window",
        string="To window",
        domain="[('center_id', '=', center_id), ('id', '!=', current_window_id)]",
        help="The visitor waits for this window only; leave empty to join the service's queue.",
    )
    center_id = fields.Many2one(related="ticket_id.center_id")
    current_window_id = fields.Many2one(related="ticket_id.window_id")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "sce.queue.ticket":
            values["ticket_id"] = self.env.context.get("active_id")
        return values

    def action_transfer(self):
        self.ensure_one()
        if self.window_id:
            self.ticket_id._transfer_to_window(self.window_id, self.service_id)
        elif self.service_id:
            self.ticket_id._transfer_to_service(self.service_id)
        else:
            raise UserError(self.env._("Choose a service or a window to transfer to."))
        return {"type": "ir.actions.act_window_close"}
