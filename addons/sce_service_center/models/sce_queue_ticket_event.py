from odoo import fields, models

EVENT_KINDS = [
    ("issued", "Issued"),
    ("called", "Called"),
    ("recalled", "Called again"),
    ("started", "Service started"),
    ("no_show", "No-show"),
    ("finished", "Finished"),
    ("transferred", "Transferred"),
    ("cancelled", "Cancelled"),
]


class SceQueueTicketEvent(models.Model):
    """One step of a visit's timeline; a transfer adds steps, it never rewrites them."""

    _name = "sce.queue.ticket.event"
    _description = "Queue ticket event"
    _order = "at, id"

    ticket_id = fields.Many2one("sce.queue.ticket", required=True, index=True, ondelete="cascade")
    kind = fields.Selection(EVENT_KINDS, required=True)
    at = fields.Datetime(string="Time", required=True, default=fields.Datetime.now)
    service_id = fields.Many2one("sce.queue.service")
    window_id = fields.Many2one("sce.queue.window")
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
