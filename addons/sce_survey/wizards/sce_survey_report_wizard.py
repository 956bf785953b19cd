from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from ..models.sce_survey_result import FIGURES

REPORT_LANG = "ru_RU"


class SceSurveyReportWizard(models.TransientModel):
    """The year (and MRO) of the yearly satisfaction report (FB-5, CTRL-6): a PDF for
    the site and the service centers' stands, in Russian and without personal data, and
    an XLSX workbook with charts for managers. Both read ``_sce_yearly_figures``: the
    results of the year and of the year before, as the current user may read them."""

    _name = "sce.survey.report.wizard"
    _description = "Yearly satisfaction report"

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year - 1
    )
    mro_id = fields.Many2one("sce.mro", string="MRO", help="Every MRO when empty.")

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 2000 <= wizard.year <= 2100:
                raise ValidationError(self.env._("Choose a year between 2000 and 2100."))

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("sce_survey.action_report_sce_survey_yearly").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref("sce_survey.action_report_sce_survey_yearly_xlsx").report_action(self)

    def _sce_yearly_figures(self):
        """The figures of the report: {"year", "previous_year", "total", "by_mro",
        "by_channel", "by_month"}; totals and rows are (label, figures of the year,
        figures of the year before), months are (month, figures) of the year."""
        self.ensure_one()
        results = self.env["sce.survey.result"]
        scope = [("mro_id", "=", self.mro_id.id)] if self.mro_id else []
        current = scope + self._sce_year_domain(self.year)
        previous = scope + self._sce_year_domain(self.year - 1)
        # a group without invitations: no counts, nothing to average
        empty = {fname: 0 if aggregate == "sum" else None for fname, aggregate in FIGURES}

        def rows(fname):
            now = {row[fname]: row for row in results._sce_figures(current, [fname])}
            before = {row[fname]: row for row in results._sce_figures(previous, [fname])}
            keys = sorted(
                set(now) | set(before),
                key=lambda record: (not record, record.display_name if record else ""),
            )
            return [
                (
                    key.display_name if key else self.env._("Not set"),
                    now.get(key, empty),
                    before.get(key, empty),
                )
                for key in keys
            ]

        [total] = results._sce_figures(current)
        [total_before] = results._sce_figures(previous)
        by_month = {
            row["date_invited:month"].month: row
            for row in results.with_context(tz=self._sce_tz())._sce_figures(
                current, ["date_invited:month"]
            )
        }
        return {
            "year": self.year,
            "previous_year": self.year - 1,
            "total": (self.env._("Total"), total, total_before),
            "by_mro": rows("mro_id"),
            "by_channel": rows("channel_id"),
            "by_month": [(month, by_month.get(month, empty)) for month in range(1, 13)],
        }

    def _sce_tz(self):
        return self.env["helpdesk.ticket"]._sce_calendar()._sce_tz().zone

    def _sce_year_domain(self, year):
        return self.env["sce.survey.result"]._sce_period_domain(
            date(year, 1, 1), date(year, 12, 31)
        )

    def _sce_report_lang(self):
        """The PDF is for the Russian site and stands: Russian when it is installed."""
        installed = dict(self.env["res.lang"].get_installed())
        return REPORT_LANG if REPORT_LANG in installed else self.env.lang

    def _sce_format_share(self, value):
        """A share from 0 to 1 as a percentage with one decimal in the report's
        language; a dash when there is nothing to measure."""
        if value is None:
            return "—"
        return f"{formatLang(self.env, value * 100, digits=1)} %"

    def _sce_format_change(self, value, value_before):
        """The change of a share in percentage points, signed; a dash without both."""
        if value is None or value_before is None:
            return "—"
        change = round((value - value_before) * 100, 1)
        sign = "+" if change > 0 else ("−" if change < 0 else "±")
        return f"{sign}{formatLang(self.env, abs(change), digits=1)}"
