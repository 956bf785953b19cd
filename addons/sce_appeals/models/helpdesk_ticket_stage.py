from odoo import fields, models

APPEAL_STATES = [
    ("registered", "Registered"),
    ("routed", "Classified and routed"),
    ("review", "Under review"),
    ("extended", "Extended"),
    ("answered", "Answered"),
    ("closed", "Closed"),
    ("refused", "Refused"),
]


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    sce_state = fields.Selection(
        APPEAL_STATES,
        string="Appeal state",
        index=True,
        help="The step of the standard's appeal workflow this stage stands for.",
    )
