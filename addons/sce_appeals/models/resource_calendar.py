from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models, tools

from ..tools import add_working_days, next_working_day, working_day_predicate

UNITS = [
    ("calendar_days", "Calendar days"),
    ("working_days", "Working days"),
    ("hours", "Hours"),
    ("minutes", "Minutes"),
]


class ResourceCalendar(models.Model):
    """Working-day arithmetic on a production calendar (GEN-10).

    A day is a working day when its weekday has attendances and no exception says
    otherwise; exceptions (``sce.calendar.day``) add holidays, transferred days off,
    regional non-working days and transferred working days (e.g. a working Saturday).
    """

    _inherit = "resource.calendar"

    sce_day_ids = fields.One2many("sce.calendar.day", "calendar_id", string="Exceptions")

    def _sce_working_weekdays(self):
        self.ensure_one()
        return {int(a.dayofweek) for a in self.attendance_ids} or {0, 1, 2, 3, 4}

    @tools.ormcache("self.id")
    def _sce_exception_map(self):
        """{date: is_working} of every exception of the calendar: a few dozen rows a
        year, cached until an exception changes (see sce.calendar.day)."""
        rows = (
            self.env["sce.calendar.day"]
            .sudo()
            .search_read([("calendar_id", "=", self.id)], ["date", "is_working"])
        )
        return {row["date"]: row["is_working"] for row in rows}

    def _sce_is_working(self):
        """The calendar as a ``day -> is working`` predicate for the pure arithmetic."""
        self.ensure_one()
        return working_day_predicate(self._sce_working_weekdays(), self._sce_exception_map())

    def _sce_is_working_day(self, day):
        return self._sce_is_working()(day)

    def _sce_add_working_days(self, start, count):
        """The ``count``-th working day after the date ``start`` (art. 191)."""
        return add_working_days(start, count, self._sce_is_working())

    def _sce_next_working_day(self, day, include_start=True):
        return next_working_day(day, self._sce_is_working(), include_start=include_start)

    def _sce_tz(self):
        """The time zone days are counted in: the calendar's, Moscow by default."""
        return pytz.timezone(self[:1].tz or "Europe/Moscow")

    def _sce_deadline(self, start_dt, amount, unit):
        """The deadline (naive UTC datetime) ``amount`` ``unit`` after ``start_dt``.

        Day units end at 23:59:59 of the last day in the calendar's time zone.
        """
        self.ensure_one()
        if unit == "minutes":
            return start_dt + timedelta(minutes=amount)
        if unit == "hours":
            return start_dt + timedelta(hours=amount)
        tz = self._sce_tz()
        local_start = pytz.utc.localize(start_dt).astimezone(tz).date()
        if unit == "working_days":
            last_day = self._sce_add_working_days(local_start, amount)
        else:
            last_day = self._sce_next_working_day(local_start + timedelta(days=amount))
        local_end = tz.localize(datetime.combine(last_day, time(23, 59, 59)))
        return local_end.astimezone(pytz.utc).replace(tzinfo=None)

    def action_sce_recompute_deadlines(self):
        """Recompute the deadlines of open appeals after the calendar changed."""
        tickets = self.env["helpdesk.ticket"].search(
            [("date_answered", "=", False), ("sla_policy_id", "!=", False)]
        )
        tickets._sce_compute_deadlines()
        return True
