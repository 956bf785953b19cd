from odoo import fields, models


class SceMeter(models.Model):
    """An electricity meter installed on a personal account."""

    _name = "sce.meter"
    _description = "Meter"
    _order = "account_id, install_date desc, id desc"

    name = fields.Char(string="Serial number", required=True, index=True)
    model_name = fields.Char(string="Model")
    account_id = fields.Many2one(
        "sce.account", string="Personal account", required=True, index=True, ondelete="cascade"
    )
    mro_id = fields.Many2one(related="account_id.mro_id", store=True, index=True)
    install_date = fields.Date(required=True, default=fields.Date.context_today)
    verification_date = fields.Date(string="Next verification")
    replaced_meter_id = fields.Many2one(
        "sce.meter",
        string="Replaces meter",
        help="A new meter starts its own reading history: its first reading may be "
        "lower than the last reading of the meter it replaces.",
    )
    active = fields.Boolean(default=True)
    reading_ids = fields.One2many("sce.meter.reading", "meter_id", string="Readings")
    last_reading_value = fields.Float(
        compute="_compute_last_reading", digits=(16, 2), string="Last reading"
    )
    last_reading_date = fields.Date(compute="_compute_last_reading")

    _sql_constraints = [
        ("name_account_uniq", "unique(name, account_id)", "This meter is already on the account."),
    ]

    def _compute_last_reading(self):
        last = self.env["sce.meter.reading"]._sce_last_readings(self)
        for meter in self:
            reading = last.get(meter.id)
            meter.last_reading_value = reading.value if reading else 0.0
            meter.last_reading_date = reading.date if reading else False
