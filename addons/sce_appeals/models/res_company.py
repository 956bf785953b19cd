from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    sce_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Production calendar",
        help="Working days for appeal deadlines: RF holidays, transferred days and "
        "regional non-working days (GEN-10).",
    )
    sce_reminder_lead_hours = fields.Integer(
        string="Remind before deadline (hours)",
        default=24,
        help="Responsibles get a reminder activity this many hours before a deadline; "
        "appeals are 'due soon' from then on.",
    )
