from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.sql import column_exists, create_column

from .sce_portal_attempt import parse_amount


class SceMeterReading(models.Model):
    """Readings given in the personal cabinet (WEB-3): a second reading of the same meter
    for the same month replaces the first, which is archived and points to its
    replacement, so the history is kept while every check sees only the current one."""

    _inherit = "sce.meter.reading"

    active = fields.Boolean(default=True)
    sce_period = fields.Char(string="Period", compute="_compute_sce_period", store=True, index=True)
    sce_replaced_by_id = fields.Many2one(
        "sce.meter.reading", string="Replaced by", ondelete="set null", readonly=True
    )

    def _auto_init(self):
        # Installing on a register of millions of readings: the period is filled by one
        # UPDATE, not recomputed by the ORM reading by reading (issue 10).
        if not column_exists(self.env.cr, self._table, "sce_period"):
            create_column(self.env.cr, self._table, "sce_period", "varchar")
            fill_reading_periods(self.env.cr)
        return super()._auto_init()

    @api.depends("date")
    def _compute_sce_period(self):
        for reading in self:
            reading.sce_period = reading.date and reading.date.strftime("%Y-%m")

    @api.model
    def _sce_portal_submit(self, meter, value_text):
        """Record a reading the customer typed for ``meter`` today. Returns the reading
        and no error, or no reading and the reason in the customer's words.

        ``meter`` must have been read as the customer (record rules): only then is the
        reading stored as superuser, since customers may not write readings directly."""
        value = parse_amount(value_text)
        if value is None:
            return self.browse(), self.env._(
                "Enter the reading as a number, for example 12345 or 12345,6."
            )
        if value >= 10**meter.sce_digits:
            return self.browse(), self.env._(
                "Meter %(meter)s shows at most %(digits)s digits before the decimal point.",
                meter=meter.name,
                digits=meter.sce_digits,
            )
        today = fields.Date.context_today(self)
        readings = self.sudo()
        earlier = readings.search(
            [
                ("meter_id", "=", meter.id),
                ("sce_period", "=", today.strftime("%Y-%m")),
                ("source", "=", "portal"),
            ]
        )
        try:
            with self.env.cr.savepoint():
                earlier.write({"active": False})
                reading = readings.create(
                    {"meter_id": meter.id, "date": today, "value": value, "source": "portal"}
                )
                earlier.write({"sce_replaced_by_id": reading.id})
        except ValidationError as error:
            return self.browse(), error.args[0]
        return reading, None


def fill_reading_periods(cr, since_id=0):
    """Store the period (YYYY-MM) of the readings from id ``since_id`` on, as
    ``_compute_sce_period`` computes it, with one UPDATE."""
    cr.execute(
        """UPDATE sce_meter_reading SET sce_period = to_char(date, 'YYYY-MM')
            WHERE id >= %s AND sce_period IS DISTINCT FROM to_char(date, 'YYYY-MM')""",
        [since_id],
    )
    return cr.rowcount
