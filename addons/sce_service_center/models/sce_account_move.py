from odoo import fields, models


class SceAccountMove(models.Model):
    """A reversal of a cash-desk payment (SC-5) is a ledger entry of its own: the
    payment stays in the ledger, the reversal takes its amount back."""

    _inherit = "sce.account.move"

    move_type = fields.Selection(
        selection_add=[("reversal", "Payment reversal")], ondelete={"reversal": "cascade"}
    )
