from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SceCallStatsWizard(models.TransientModel):
    """The period of the call-center statistics exported as XLSX (CC-3, CC-5, CC-6)."""

    _name = "sce.call.stats.wizard"
    _description = "Call-center statistics export"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1)
        + relativedelta(months=1, days=-1),
    )

    source_id = fields.Many2one(
        "sce.cti.source", string="PBX source", help="Only the calls of this PBX; all when empty."
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(self.env._("The period ends before it begins."))

    def _sce_bounds(self):
        """[start, end) of the period in UTC: local days of the statistics' time zone."""
        self.ensure_one()
        tz = self.env["sce.call"]._sce_stat_tz()

        def utc(day):
            return (
                tz.localize(datetime.combine(day, time.min))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )

        return utc(self.date_from), utc(self.date_to + timedelta(days=1))

    def _sce_call_domain(self):
        self.ensure_one()
        return [("source_id", "=", self.source_id.id)] if self.source_id else []

    def action_export(self):
        self.ensure_one()
        return self.env.ref("sce_callcenter.action_report_sce_call_stats_xlsx").report_action(self)
