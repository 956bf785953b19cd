from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models, tools

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

    def _sce_exceptions(self, date_from, date_to):
        """{date: is_working} for the exceptions between two dates."""
        self.ensure_one()
        return {
            day: working
            for day, working in self._sce_exception_map().items()
            if date_from <= day <= date_to
        }

    def sce_is_working_day(self, day):
        self.ensure_one()
        exceptions = self._sce_exceptions(day, day)
        if day in exceptions:
            return exceptions[day]
        return day.weekday() in self._sce_working_weekdays()

    def _sce_walk(self, start, horizon=400):
        """Yield (date, is_working) for the days after ``start``."""
        weekdays = self._sce_working_weekdays()
        exceptions = self._sce_exceptions(start, start + timedelta(days=horizon))
        for offset in range(1, horizon + 1):
            day = start + timedelta(days=offset)
            yield day, exceptions.get(day, day.weekday() in weekdays)

    def sce_add_working_days(self, start, count):
        """The ``count``-th working day after the date ``start`` (the start day itself
        is not counted, Civil Code art. 191)."""
        self.ensure_one()
        if count <= 0:
            return self.sce_next_working_day(start, include_start=True)
        seen = 0
        for day, working in self._sce_walk(start):
            if working:
                seen += 1
                if seen == count:
                    return day
        raise ValueError("working-day horizon exceeded")

    def sce_next_working_day(self, day, include_start=True):
        """``day`` if it is a working day (and ``include_start``), else the next one:
        a term ending on a non-working day ends on the next working day (art. 193)."""
        self.ensure_one()
        if include_start and self.sce_is_working_day(day):
            return day
        for candidate, working in self._sce_walk(day):
            if working:
                return candidate
        raise ValueError("working-day horizon exceeded")

    def _sce_tz(self):
        """The time zone days are counted in: the calendar's, Moscow by default."""
        return pytz.timezone(self[:1].tz or "Europe/Moscow")

    def sce_deadline(self, start_dt, amount, unit):
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
            last_day = self.sce_add_working_days(local_start, amount)
        else:
            last_day = self.sce_next_working_day(local_start + timedelta(days=amount))
        local_end = tz.localize(datetime.combine(last_day, time(23, 59, 59)))
        return local_end.astimezone(pytz.utc).replace(tzinfo=None)

    def action_sce_recompute_deadlines(self):
        """Recompute the deadlines of open appeals after the calendar changed."""
        tickets = self.env["helpdesk.ticket"].search(
            [("date_answered", "=", False), ("sla_policy_id", "!=", False)]
        )
        tickets._sce_compute_deadlines()
        return True
