from odoo import fields, models


class SceServiceRequestDocument(models.Model):
    """One line of a service request's documents checklist: what the customer
    attached online and whether the original was received."""

    _name = "sce.service.request.document"
    _description = "Service request document"
    _order = "sequence, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Document", required=True)
    required = fields.Boolean()
    attachment_ids = fields.Many2many("ir.attachment", string="Scans attached online")
    original_received = fields.Boolean(string="Original received")
    date_original_received = fields.Date(string="Original received on")
