from odoo import models


def _hhmm(hours):
    minutes = round(hours * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class SceServiceCenter(models.Model):
    _inherit = "sce.service.center"

    def _sce_short_weekdays(self):
        return [
            self.env._("Mon"),
            self.env._("Tue"),
            self.env._("Wed"),
            self.env._("Thu"),
            self.env._("Fri"),
            self.env._("Sat"),
            self.env._("Sun"),
        ]

    def _sce_site_schedule(self):
        """The weekly hours as the site shows them (WEB-1): consecutive days with the
        same hours joined, e.g. ["Mon–Fri 08:00–19:00", "Sat 09:00–14:00"]."""
        self.ensure_one()
        names = self._sce_short_weekdays()
        periods = self._sce_weekday_periods()
        runs = []  # [first weekday, last weekday, hours]
        for weekday in range(7):
            hours = ", ".join(
                f"{_hhmm(start)}–{_hhmm(end)}" for start, end in periods.get(weekday, [])
            )
            if not hours:
                continue
            if runs and runs[-1][2] == hours and runs[-1][1] == weekday - 1:
                runs[-1][1] = weekday
            else:
                runs.append([weekday, weekday, hours])
        return [
            f"{names[first]}–{names[last]} {hours}" if first != last else f"{names[first]} {hours}"
            for first, last, hours in runs
        ]
