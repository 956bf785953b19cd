from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sce_calendar_id = fields.Many2one(related="company_id.sce_calendar_id", readonly=False)
    sce_reminder_lead_hours = fields.Integer(
        related="company_id.sce_reminder_lead_hours", readonly=False
    )
