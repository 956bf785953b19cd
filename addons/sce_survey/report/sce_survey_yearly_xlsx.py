from odoo import models

# (figure, number format) of the year's columns, after the row's label
YEAR_COLUMNS = (
    ("invited_count", "count"),
    ("answered_count", "count"),
    ("response_rate", "percent"),
    ("informativeness", "percent"),
    ("executiveness", "percent"),
    ("feedback_effectiveness", "percent"),
    ("satisfaction", "percent"),
    ("satisfied_share", "percent"),
)
# the first row of a sheet's table (title, period and MRO above it)
HEADER_ROW = 4
CHART_SIZE = {"width": 820, "height": 380}


class SceSurveyYearlyXlsx(models.AbstractModel):
    """The yearly satisfaction report for managers (FB-5, CTRL-6): the year's figures per
    MRO, per channel and per month beside the year before, with native Excel charts over
    the tables' cells. Figures are the wizard's ``_sce_yearly_figures``, the same as the
    PDF's: a handful of ``_read_group`` queries whatever the number of answers."""

    _name = "report.sce_survey.yearly_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Yearly satisfaction report (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs.ensure_one()
        figures = wizard._sce_yearly_figures()
        fmt = self._sce_formats(workbook)
        for caption, key, sheet_name in (
            (self.env._("MRO"), "by_mro", self.env._("By MRO")),
            (self.env._("Channel"), "by_channel", self.env._("By channel")),
        ):
            self._sce_write_breakdown(
                workbook, fmt, wizard, figures, sheet_name, caption, figures[key]
            )
        self._sce_write_by_month(workbook, fmt, wizard, figures)

    def _sce_headers(self, figures):
        return [
            self.env._("Customers invited"),
            self.env._("Answered"),
            self.env._("Response rate"),
            self.env._("Informativeness"),
            self.env._("Executiveness"),
            self.env._("Feedback effectiveness"),
            self.env._("Overall satisfaction"),
            self.env._("Satisfied (4–5 of 5)"),
            self.env._("Satisfied, %(year)s", year=figures["previous_year"]),
            self.env._("Change, p.p."),
        ]

    def _sce_write_breakdown(self, workbook, fmt, wizard, figures, sheet_name, caption, rows):
        """One row per MRO (or channel) and the total: the year's figures, the satisfied
        share of the year before and the change; charts of both years' satisfied shares
        and of the year's indicators."""
        sheet = workbook.add_worksheet(sheet_name)
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 10, 14)
        self._sce_write_title(sheet, fmt, wizard, figures)
        headers = [caption] + self._sce_headers(figures)
        for col, header in enumerate(headers):
            sheet.write(HEADER_ROW, col, header, fmt["header"])
        row = HEADER_ROW + 1
        for label, now, before in rows + [figures["total"]]:
            is_total = row == HEADER_ROW + 1 + len(rows)
            sheet.write(row, 0, label, fmt["total_label" if is_total else "label"])
            for col, (fname, kind) in enumerate(YEAR_COLUMNS, start=1):
                self._sce_write_value(sheet, row, col, now[fname], fmt, kind, is_total)
            col = len(YEAR_COLUMNS) + 1
            self._sce_write_value(
                sheet, row, col, before["satisfied_share"], fmt, "percent", is_total
            )
            change = (
                None
                if now["satisfied_share"] is None or before["satisfied_share"] is None
                else round((now["satisfied_share"] - before["satisfied_share"]) * 100, 6)
            )
            self._sce_write_value(sheet, row, col + 1, change, fmt, "points", is_total)
            row += 1
        if not rows:
            return
        first, last = HEADER_ROW + 1, HEADER_ROW + len(rows)
        satisfied_col = len(YEAR_COLUMNS)
        comparison = workbook.add_chart({"type": "column"})
        for col in (satisfied_col + 1, satisfied_col):
            comparison.add_series(
                {
                    "name": [sheet.name, HEADER_ROW, col],
                    "categories": [sheet.name, first, 0, last, 0],
                    "values": [sheet.name, first, col, last, col],
                    "data_labels": {"value": True, "num_format": "0%"},
                }
            )
        comparison.set_title(
            {
                "name": self.env._(
                    "Satisfied customers: %(year)s and %(previous)s",
                    year=figures["year"],
                    previous=figures["previous_year"],
                )
            }
        )
        comparison.set_y_axis({"min": 0, "max": 1, "num_format": "0%"})
        comparison.set_legend({"position": "bottom"})
        comparison.set_size(CHART_SIZE)
        sheet.insert_chart(last + 3, 0, comparison)
        indicators = workbook.add_chart({"type": "bar"})
        for col in range(4, 8):
            indicators.add_series(
                {
                    "name": [sheet.name, HEADER_ROW, col],
                    "categories": [sheet.name, first, 0, last, 0],
                    "values": [sheet.name, first, col, last, col],
                }
            )
        indicators.set_title(
            {"name": self.env._("Quality indicators, %(year)s", year=figures["year"])}
        )
        indicators.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
        indicators.set_legend({"position": "bottom"})
        indicators.set_size(CHART_SIZE)
        sheet.insert_chart(last + 3, 6, indicators)

    def _sce_write_by_month(self, workbook, fmt, wizard, figures):
        sheet = workbook.add_worksheet(self.env._("By month"))
        sheet.set_column(0, 0, 14)
        sheet.set_column(1, 5, 16)
        self._sce_write_title(sheet, fmt, wizard, figures)
        columns = (
            ("invited_count", "count", self.env._("Customers invited")),
            ("answered_count", "count", self.env._("Answered")),
            ("response_rate", "percent", self.env._("Response rate")),
            ("satisfaction", "percent", self.env._("Overall satisfaction")),
            ("satisfied_share", "percent", self.env._("Satisfied (4–5 of 5)")),
        )
        sheet.write(HEADER_ROW, 0, self.env._("Month"), fmt["header"])
        for col, (_fname, _kind, header) in enumerate(columns, start=1):
            sheet.write(HEADER_ROW, col, header, fmt["header"])
        for row, (month, now) in enumerate(figures["by_month"], start=HEADER_ROW + 1):
            sheet.write(row, 0, f"{month:02d}.{figures['year']}", fmt["label"])
            for col, (fname, kind, _header) in enumerate(columns, start=1):
                self._sce_write_value(sheet, row, col, now[fname], fmt, kind)
        first, last = HEADER_ROW + 1, HEADER_ROW + len(figures["by_month"])
        trend = workbook.add_chart({"type": "line"})
        for col in (4, 5):
            trend.add_series(
                {
                    "name": [sheet.name, HEADER_ROW, col],
                    "categories": [sheet.name, first, 0, last, 0],
                    "values": [sheet.name, first, col, last, col],
                    "marker": {"type": "circle"},
                }
            )
        trend.set_title(
            {"name": self.env._("Satisfaction by month, %(year)s", year=figures["year"])}
        )
        trend.set_y_axis({"min": 0, "max": 1, "num_format": "0%"})
        trend.set_legend({"position": "bottom"})
        trend.set_size(CHART_SIZE)
        sheet.insert_chart(HEADER_ROW, 7, trend)
        answers = workbook.add_chart({"type": "column"})
        for col in (1, 2):
            answers.add_series(
                {
                    "name": [sheet.name, HEADER_ROW, col],
                    "categories": [sheet.name, first, 0, last, 0],
                    "values": [sheet.name, first, col, last, col],
                }
            )
        answers.set_title(
            {"name": self.env._("Invited and answered by month, %(year)s", year=figures["year"])}
        )
        answers.set_y_axis({"min": 0})
        answers.set_legend({"position": "bottom"})
        answers.set_size(CHART_SIZE)
        sheet.insert_chart(HEADER_ROW + 20, 7, answers)

    def _sce_write_title(self, sheet, fmt, wizard, figures):
        sheet.write(
            0,
            0,
            self.env._("Customer satisfaction study, %(year)s", year=figures["year"]),
            fmt["title"],
        )
        sheet.write(
            1,
            0,
            self.env._(
                "Compared with %(previous)s; shares of the best possible score.",
                previous=figures["previous_year"],
            ),
        )
        sheet.write(
            2,
            0,
            self.env._("MRO: %(mro)s", mro=wizard.mro_id.display_name or self.env._("all")),
        )

    def _sce_write_value(self, sheet, row, col, value, fmt, kind, is_total=False):
        cell_format = fmt[f"total_{kind}"] if is_total else fmt[kind]
        if value is None:
            sheet.write_blank(row, col, None, cell_format)
        else:
            sheet.write_number(row, col, value, cell_format)

    def _sce_formats(self, workbook):
        bordered = {"border": 1, "valign": "top"}
        total = {**bordered, "bold": True, "bg_color": "#F2F2F2"}
        number_formats = {"count": "0", "percent": "0.0%", "points": "+0.0;-0.0;0.0"}
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {**bordered, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True}
            ),
            "label": workbook.add_format(bordered),
            "total_label": workbook.add_format(total),
        }
        for kind, num_format in number_formats.items():
            formats[kind] = workbook.add_format({**bordered, "num_format": num_format})
            formats[f"total_{kind}"] = workbook.add_format({**total, "num_format": num_format})
        return formats
