from odoo import fields, models

from .res_partner import ANSWER_CHANNELS

SERVICE_FORMS = [
    ("in_person", "In person"),
    ("remote", "Remote"),
    ("interactive", "Interactive"),
]


class HelpdeskTicketChannel(models.Model):
    """The twelve communication channels of Table 1 with their service form (GEN-1)."""

    _inherit = "helpdesk.ticket.channel"

    sce_code = fields.Char(string="Code", index=True)
    sce_service_form = fields.Selection(SERVICE_FORMS, string="Service form")
    sce_default_answer_channel = fields.Selection(
        ANSWER_CHANNELS,
        string="Default answer channel",
        help="Used when the customer chose no answer channel (FB-3).",
    )
