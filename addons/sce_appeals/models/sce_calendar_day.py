from odoo import api, fields, models

DAY_TYPES = [
    ("holiday", "Public holiday (Labour Code art. 112)"),
    ("day_off", "Transferred day off"),
    ("regional", "Regional non-working day"),
    ("working", "Working day (transferred)"),
]


class SceCalendarDay(models.Model):
    """An exception to the weekly pattern of a production calendar (GEN-10)."""

    _name = "sce.calendar.day"
    _description = "Production calendar day"
    _order = "date"

    calendar_id = fields.Many2one(
        "resource.calendar", required=True, index=True, ondelete="cascade"
    )
    date = fields.Date(required=True, index=True)
    day_type = fields.Selection(DAY_TYPES, string="Type", required=True)
    is_working = fields.Boolean(compute="_compute_is_working", store=True)
    name = fields.Char(string="Description", required=True, translate=True)
    legal_basis = fields.Char(help="Law or decree establishing the day.")

    _sql_constraints = [
        (
            "calendar_date_uniq",
            "unique(calendar_id, date)",
            "This date is already in the calendar.",
        ),
    ]

    @api.depends("day_type")
    def _compute_is_working(self):
        for day in self:
            day.is_working = day.day_type == "working"

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        self.env.registry.clear_cache()  # resource.calendar._sce_exception_map
        return days

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
