from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models

from ..hall_clock import hall_tz

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
# the length of a bookable slot when the service has no service norm
DEFAULT_SLOT_MINUTES = 15


class SceServiceCenterHours(models.Model):
    """One opening period of a center on a weekday: visitors are received without a
    lunch break (section 4.3 of the standard), so a day usually has one period."""

    _name = "sce.service.center.hours"
    _description = "Service center opening hours"
    _order = "center_id, weekday, hour_from"

    center_id = fields.Many2one("sce.service.center", required=True, index=True, ondelete="cascade")
    weekday = fields.Selection(WEEKDAYS, required=True)
    hour_from = fields.Float(string="From", required=True, default=9.0)
    hour_to = fields.Float(string="To", required=True, default=18.0)

    _sql_constraints = [
        (
            "hours_valid",
            "CHECK(hour_from >= 0 AND hour_to <= 24 AND hour_from < hour_to)",
            "Opening hours run forward within the day.",
        ),
    ]


class SceServiceCenter(models.Model):
    """A simple weekly schedule of the center and the pre-booking slots it gives
    (SC-7): one slot per service norm, as many visitors per slot as the center has
    windows offering the service."""

    # kept apart from the register (sce_service_center.py), which another part extends
    _inherit = "sce.service.center"  # pylint: disable=consider-merging-classes-inherited

    opening_hour_ids = fields.One2many(
        "sce.service.center.hours", "center_id", string="Opening hours"
    )

    def _booking_capacity(self, service):
        """Visitors of ``service`` one slot takes: the windows offering it."""
        self.ensure_one()
        return (
            self.env["sce.queue.window"]
            .sudo()
            .search_count([("center_id", "=", self.id), ("service_ids", "in", service.ids)])
        )

    def _booking_slot_times(self, service, day):
        """The local start times (hours as floats) of the day's slots for ``service``:
        none on a non-working day of the company's production calendar."""
        self.ensure_one()
        calendar = self.env.company.sudo().sce_calendar_id
        if calendar and calendar._sce_exception_map().get(day) is False:
            return []  # a holiday of the production calendar (GEN-10): closed
        step = (service.norm_service_minutes or DEFAULT_SLOT_MINUTES) / 60.0
        weekday = str(day.weekday())
        starts = []
        for period in self.sudo().opening_hour_ids.filtered(lambda h: h.weekday == weekday):
            start = period.hour_from
            while start + step <= period.hour_to + 1e-6:
                starts.append(round(start, 4))
                start += step
        return starts

    def _booking_slot_start(self, day, slot_time):
        """The UTC moment of a local slot time of ``day`` (naive, as Odoo stores it)."""
        minutes = round(slot_time * 60)
        local = datetime.combine(day, time()) + timedelta(minutes=minutes)
        return hall_tz(self.env).localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _booking_slots(self, service, day):
        """The day's slots: [(local time, UTC start, free places)], in time order."""
        self.ensure_one()
        capacity = self._booking_capacity(service)
        times = self._booking_slot_times(service, day)
        starts = [self._booking_slot_start(day, t) for t in times]
        rows = (
            self.env["sce.queue.booking.slot"]
            .sudo()
            .search_fetch(
                [
                    ("center_id", "=", self.id),
                    ("service_id", "=", service.id),
                    ("slot_start", "in", starts),
                ],
                ["slot_start", "booked"],
            )
        )
        booked = {row.slot_start: row.booked for row in rows}
        return [
            (t, start, max(capacity - booked.get(start, 0), 0))
            for t, start in zip(times, starts, strict=True)
        ]
