from odoo import fields, models

from ..models.helpdesk_ticket import REFUSAL_GROUNDS


class SceAppealRefuseWizard(models.TransientModel):
    """Refuse to consider an appeal on a POST-4 ground."""

    _name = "sce.appeal.refuse.wizard"
    _description = "Refuse appeal"
    _inherit = "sce.appeal.wizard"

    ground = fields.Selection(REFUSAL_GROUNDS, required=True)
    comment = fields.Text(help="Printed in the refusal letter.")

    def action_confirm(self):
        self.ensure_one()
        self.ticket_id._sce_refuse(self.ground, self.comment)
        return {"type": "ir.actions.act_window_close"}
