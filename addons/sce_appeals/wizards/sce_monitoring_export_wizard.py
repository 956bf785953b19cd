from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class SceMonitoringExportWizard(models.TransientModel):
    """The period and MROs of the monthly monitoring report of appeals (CTRL-1, CTRL-3)
    and of the quality indicators (GEN-8)."""

    _name = "sce.monitoring.export.wizard"
    _description = "Monitoring report of appeals"

    def _default_date_to(self):
        return fields.Date.context_today(self).replace(day=1) - timedelta(days=1)

    def _default_date_from(self):
        return self._default_date_to().replace(day=1)

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_date_to())
    mro_ids = fields.Many2many("sce.mro", string="MROs", help="Empty: every MRO.")
    recompute_indicators = fields.Boolean(
        string="Recompute quality indicators",
        default=True,
        help="Recompute the period's quality indicators before exporting; otherwise the "
        "workbook shows the stored ones.",
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._(
                        "The period cannot start (%(start)s) after it ends (%(end)s).",
                        start=format_date(self.env, wizard.date_from),
                        end=format_date(self.env, wizard.date_to),
                    )
                )

    def action_export_xlsx(self):
        self.ensure_one()
        if self.recompute_indicators:
            self._sce_recompute_indicators()
        report = self.env.ref("sce_appeals.action_report_sce_monitoring_xlsx")
        action = report.report_action(self, config=False)
        action["close_on_report_download"] = True
        return action

    def action_compute_indicators(self):
        self.ensure_one()
        self._sce_recompute_indicators()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_appeals.sce_quality_indicator_action"
        )
        action["domain"] = self._sce_indicator_domain()
        action["target"] = "current"
        return action

    def _sce_report_tz(self):
        """Days of the report are those of the production calendar's time zone, the one
        the deadlines are counted in."""
        return self.env["helpdesk.ticket"]._sce_calendar()._sce_tz().zone

    def _sce_ticket_domain(self):
        """Appeals received in the period and, when chosen, in the chosen MROs."""
        self.ensure_one()
        start, end = self.env["sce.quality.indicator"]._sce_bounds(self.date_from, self.date_to)
        domain = [
            ("team_id.sce_workflow", "=", True),
            ("date_received", ">=", start),
            ("date_received", "<", end),
        ]
        if self.mro_ids:
            domain.append(("mro_id", "in", self.mro_ids.ids))
        return domain

    def _sce_indicator_domain(self):
        self.ensure_one()
        domain = [("date_from", "=", self.date_from), ("date_to", "=", self.date_to)]
        if self.mro_ids:
            domain.append(("mro_id", "in", self.mro_ids.ids))
        return domain

    def _sce_recompute_indicators(self):
        """The explicit step that (re)computes the GEN-8 indicators of the period."""
        self.ensure_one()
        self.env["sce.quality.indicator"]._sce_recompute(self.date_from, self.date_to)

    def _sce_indicators(self):
        """(indicators, computed): the stored GEN-8 indicators of the period and chosen
        MROs, and whether the period has been computed at all (for any MRO)."""
        self.ensure_one()
        indicators = self.env["sce.quality.indicator"]
        computed = bool(
            indicators.search_count(
                [("date_from", "=", self.date_from), ("date_to", "=", self.date_to)], limit=1
            )
        )
        if not computed:
            return indicators, False
        return indicators.search(self._sce_indicator_domain()), True
