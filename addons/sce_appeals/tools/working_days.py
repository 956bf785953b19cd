"""Working-day arithmetic of the production calendar (GEN-10), as pure functions.

A day is working when ``is_working(day)`` says so; the calendar model builds that
predicate from its weekdays and exceptions, tests can pass any function.
"""

from datetime import timedelta

HORIZON_DAYS = 400


def working_day_predicate(weekdays, exceptions):
    """``is_working(day)``: an exception (``{date: is_working}``) wins over the weekday."""

    def is_working(day):
        if day in exceptions:
            return exceptions[day]
        return day.weekday() in weekdays

    return is_working


def next_working_day(day, is_working, include_start=True):
    """``day`` if it is working (and ``include_start``), else the next working day:
    a term ending on a non-working day ends on the next working day (Civil Code art. 193)."""
    if include_start and is_working(day):
        return day
    for offset in range(1, HORIZON_DAYS + 1):
        candidate = day + timedelta(days=offset)
        if is_working(candidate):
            return candidate
    raise ValueError("working-day horizon exceeded")


def add_working_days(start, count, is_working):
    """The ``count``-th working day after ``start``; the start day itself is not
    counted (Civil Code art. 191). ``count`` ≤ 0 gives ``start`` or the next working day."""
    if count <= 0:
        return next_working_day(start, is_working, include_start=True)
    seen = 0
    for offset in range(1, HORIZON_DAYS + 1):
        day = start + timedelta(days=offset)
        if is_working(day):
            seen += 1
            if seen == count:
                return day
    raise ValueError("working-day horizon exceeded")
