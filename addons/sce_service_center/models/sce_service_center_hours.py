from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

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

    @api.model_create_multi
    def create(self, vals_list):
        periods = super().create(vals_list)
        periods.center_id._sce_schedule_changed()
        return periods

    def write(self, vals):
        centers = self.center_id
        result = super().write(vals)
        (centers | self.center_id)._sce_schedule_changed()
        return result

    def unlink(self):
        centers = self.center_id
        result = super().unlink()
        centers.exists()._sce_schedule_changed()
        return result


class SceServiceCenterCheck(models.Model):
    """The schedule norms of SC-1 are checks of their own category."""

    _inherit = "sce.service.center.check"

    category = fields.Selection(
        selection_add=[("schedule", "Working time")], ondelete={"schedule": "cascade"}
    )


def _hhmm(hours):
    minutes = round(hours * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class SceServiceCenter(models.Model):
    """A simple weekly schedule of the center and the pre-booking slots it gives
    (SC-7): one slot per service norm, as many visitors per slot as the center has
    windows offering the service."""

    # kept apart from the register (sce_service_center.py), which another part extends
    _inherit = "sce.service.center"  # pylint: disable=consider-merging-classes-inherited

    opening_hour_ids = fields.One2many(
        "sce.service.center.hours", "center_id", string="Opening hours"
    )

    def _sce_schedule_changed(self):
        """The opening hours are a fact of the compliance checks (SC-1): centers already
        checked are checked again."""
        checked = self.filtered("check_ids")
        if checked:
            checked._sce_check_compliance()

    def _sce_weekday_periods(self):
        """{weekday (int): [(from, to)]} of the weekly schedule, adjoining periods merged."""
        self.ensure_one()
        periods = {}
        for hours in self.sudo().opening_hour_ids.sorted(lambda h: (h.weekday, h.hour_from)):
            day = periods.setdefault(int(hours.weekday), [])
            if day and hours.hour_from <= day[-1][1] + 1e-6:
                day[-1] = (day[-1][0], max(day[-1][1], hours.hour_to))
            else:
                day.append((hours.hour_from, hours.hour_to))
        return periods

    def _sce_day_periods(self, day):
        """The opening periods of the date ``day`` on the production calendar (GEN-10):
        none on its holidays; on a working day transferred to a weekend (a working
        Saturday) the periods of the calendar's first working weekday the center opens."""
        self.ensure_one()
        periods = self._sce_weekday_periods()
        calendar = self.env.company.sudo().sce_calendar_id
        if not calendar:
            return periods.get(day.weekday(), [])
        exception = calendar._sce_exception_map().get(day)
        if exception is False:
            return []  # a holiday or a transferred day off: closed
        weekdays = calendar._sce_working_weekdays()
        if exception and day.weekday() not in weekdays:
            for weekday in sorted(weekdays):
                if periods.get(weekday):
                    return periods[weekday]
        return periods.get(day.weekday(), [])

    def _sce_norms(self):
        return super()._sce_norms() + self._sce_schedule_norms()

    def _sce_schedule_norms(self):
        """SC-1, section 4.3: visitors are received without a lunch break, on every
        working day of the production calendar."""
        self.ensure_one()
        periods = self._sce_weekday_periods()
        names = dict(
            self.env["sce.service.center.hours"]._fields["weekday"]._description_selection(self.env)
        )
        breaks = [
            "%s %s–%s" % (names[str(weekday)], _hhmm(first[1]), _hhmm(second[0]))
            for weekday, day in sorted(periods.items())
            for first, second in zip(day, day[1:], strict=False)
        ]
        calendar = self.env.company.sudo().sce_calendar_id
        working = calendar._sce_working_weekdays() if calendar else {0, 1, 2, 3, 4}
        closed = [names[str(weekday)] for weekday in sorted(working - set(periods))]
        clause = self._sce_clause_premises()
        return [
            self._sce_norm(
                "schedule_no_break",
                "schedule",
                self.env._("Working time without a lunch break"),
                clause,
                self.env._("No break"),
                self.env._("Break: %s", ", ".join(breaks)) if breaks else self.env._("No break"),
                bool(periods) and not breaks,
            ),
            self._sce_norm(
                "schedule_calendar",
                "schedule",
                self.env._("Open on every working day of the production calendar"),
                clause,
                self.env._("Every working day"),
                self.env._("Closed: %s", ", ".join(closed))
                if closed
                else self.env._("Every working day"),
                not closed,
            ),
        ]

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
        none on a non-working day of the company's production calendar, the working
        day's slots on a working Saturday it transfers (see _sce_day_periods)."""
        self.ensure_one()
        step = (service.norm_service_minutes or DEFAULT_SLOT_MINUTES) / 60.0
        starts = []
        for hour_from, hour_to in self._sce_day_periods(day):
            start = hour_from
            while start + step <= hour_to + 1e-6:
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
