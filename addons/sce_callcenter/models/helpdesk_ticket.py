from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    sce_call_id = fields.Many2one(
        "sce.call",
        string="Call",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
        groups="sce_callcenter.group_sce_cc_operator_line1,"
        "sce_callcenter.group_sce_cc_operator_line2",
        help="The phone call this appeal was registered from.",
    )
