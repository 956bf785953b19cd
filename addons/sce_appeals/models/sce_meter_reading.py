from odoo import api, fields, models
from odoo.exceptions import ValidationError

READING_SOURCES = [
    ("portal", "Personal cabinet"),
    ("ivr", "IVR"),
    ("operator", "Operator"),
    ("cashier", "Cashier"),
    ("import", "Billing import"),
]


class SceMeterReading(models.Model):
    """A meter reading given by the customer or taken from billing."""

    _name = "sce.meter.reading"
    _description = "Meter reading"
    _order = "date desc, id desc"

    meter_id = fields.Many2one("sce.meter", required=True, index=True, ondelete="cascade")
    account_id = fields.Many2one(related="meter_id.account_id", store=True, index=True)
    mro_id = fields.Many2one(related="meter_id.mro_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value = fields.Float(required=True, digits=(16, 2))
    source = fields.Selection(READING_SOURCES, required=True, default="operator")

    @api.model
    def _sce_last_readings(self, meters, exclude=None):
        """{meter_id: latest reading} for ``meters`` in one query."""
        domain = [("meter_id", "in", meters.ids)]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        result = {}
        for reading in self.search(domain, order="meter_id, date desc, id desc"):
            result.setdefault(reading.meter_id.id, reading)
        return result

    def _sce_neighbour(self, later):
        """The reading of the same meter just before (same day included) or just after
        this one: readings must grow with their dates on both sides."""
        self.ensure_one()
        return self.search(
            [
                ("meter_id", "=", self.meter_id.id),
                ("id", "!=", self.id),
                ("date", ">" if later else "<=", self.date),
            ],
            order="date asc, id asc" if later else "date desc, id desc",
            limit=1,
        )

    @api.constrains("value", "date", "meter_id")
    def _check_not_below_last(self):
        for reading in self:
            if reading.value < 0:
                raise ValidationError(self.env._("A meter reading cannot be negative."))
            previous = reading._sce_neighbour(later=False)
            if previous and reading.value < previous.value:
                raise ValidationError(
                    self.env._(
                        "The reading %(value)s of meter %(meter)s is lower than the "
                        "previous reading %(previous)s of %(date)s. If the meter was "
                        "replaced, register the new meter and enter the reading on it.",
                        value=reading.value,
                        meter=reading.meter_id.name,
                        previous=previous.value,
                        date=previous.date,
                    )
                )
            following = reading._sce_neighbour(later=True)
            if following and reading.value > following.value:
                raise ValidationError(
                    self.env._(
                        "The reading %(value)s of meter %(meter)s on %(date)s is higher than "
                        "the later reading %(following)s of %(following_date)s: readings of "
                        "a meter grow with their dates.",
                        value=reading.value,
                        meter=reading.meter_id.name,
                        date=reading.date,
                        following=following.value,
                        following_date=following.date,
                    )
                )
