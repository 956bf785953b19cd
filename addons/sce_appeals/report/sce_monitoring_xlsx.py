from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.tools import format_date, format_datetime

from ..models.sce_quality_indicator import GEN8_COUNTS, REPEAT_WINDOW_DAYS, gen8_shares

SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")
DAILY_SERIES_MAX_DAYS = 62
SUMMARY_FIELDS = (
    "channel_id",
    "sce_service_form",
    "appeal_kind",
    "sce_customer_group",
    "mro_id",
    "stage_id",
    "sce_state",
    "deadline_state",
)
# (field, chart type) of the structure sheet: a pie for a few values, bars for the topics
STRUCTURE_CHARTS = (
    ("channel_id", "pie"),
    ("sce_service_form", "pie"),
    ("appeal_kind", "pie"),
    ("sce_customer_group", "pie"),
    ("category_id", "bar"),
)
# rows a chart of the structure sheet takes (xlsxwriter's default chart is 15 rows high)
CHART_ROWS = 16
CROSS_TABLES = (
    ("channel_id", "appeal_kind"),
    ("mro_id", "category_id"),
    ("appeal_kind", "deadline_state"),
)
LATE_STATES = ("overdue", "done_late")
# (field, field of its denominator) of the GEN-8 indicator table, in column order
INDICATOR_COLUMNS = (
    ("deadline_count", None),
    ("on_time_count", None),
    ("executiveness", "deadline_count"),
    ("inquiry_count", None),
    ("repeated_inquiry_count", None),
    ("informativeness", "inquiry_count"),
    ("complaint_count", None),
    ("repeated_complaint_count", None),
    ("feedback_effectiveness", "complaint_count"),
)


@dataclass(frozen=True)
class MonitoringScope:
    """What every sheet of one report shares: the wizard, the appeals model in the
    report's time zone, the domain of the period's appeals, their count, the formats."""

    wizard: models.BaseModel
    tickets: models.BaseModel
    domain: list
    total: int
    fmt: dict


class SceMonitoringXlsx(models.AbstractModel):
    """Monthly monitoring report of appeals: summary, time series, structure and
    cross-tables (CTRL-1), the most frequent complaint topics (CTRL-3) and the quality
    indicators (GEN-8) of the export wizard's period and MROs.

    Every figure is one ``_read_group`` over the period's appeals, whatever their number.
    Charts are native Excel charts whose series refer to the tables' cells. The quality
    indicators are read as stored: computing them is an explicit step of their own.
    """

    _name = "report.sce_appeals.monitoring_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Monitoring report of appeals (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs.ensure_one()
        tickets = self.env["helpdesk.ticket"].with_context(tz=wizard._sce_report_tz())
        domain = wizard._sce_ticket_domain()
        [(total,)] = tickets._read_group(domain, aggregates=["__count"])
        scope = MonitoringScope(wizard, tickets, domain, total, self._sce_formats(workbook))
        self._sce_write_summary(workbook, scope)
        self._sce_write_time_series(workbook, scope)
        self._sce_write_structure(workbook, scope)
        self._sce_write_cross_tables(workbook, scope)
        self._sce_write_top_complaint_topics(workbook, scope)
        self._sce_write_quality_indicators(workbook, scope)

    # ------------------------------------------------------------------ sheets

    def _sce_write_summary(self, workbook, scope):
        fmt = scope.fmt
        sheet = self._sce_add_sheet(workbook, self.env._("Summary"))
        sheet.set_column(0, 0, 48)
        sheet.set_column(1, 2, 14)
        row = self._sce_write_title(sheet, scope, self.env._("Monitoring of appeals"))
        sheet.write(row, 0, self.env._("Total appeals"), fmt["total_label"])
        sheet.write_number(row, 1, scope.total, fmt["total_count"])
        row += 2
        for fname in SUMMARY_FIELDS:
            row = self._sce_write_breakdown(sheet, row, scope, fname) + 1
        self._sce_write_complaint_summary(sheet, row, scope)

    def _sce_write_complaint_summary(self, sheet, row, scope):
        fmt = scope.fmt
        counts = dict(
            scope.tickets._read_group(
                scope.domain + [("appeal_kind", "=", "complaint")], ["justified"], ["__count"]
            )
        )
        complaints = sum(counts.values())
        justified = counts.get(True, 0)
        sheet.write(row, 0, self.env._("Complaints"), fmt["header"])
        sheet.write(row, 1, self.env._("Appeals"), fmt["header"])
        sheet.write(row + 1, 0, self.env._("Complaints"), fmt["label"])
        sheet.write_number(row + 1, 1, complaints, fmt["count"])
        sheet.write(row + 2, 0, self.env._("Justified complaints"), fmt["label"])
        sheet.write_number(row + 2, 1, justified, fmt["count"])
        sheet.write(row + 3, 0, self.env._("Share of justified complaints"), fmt["label"])
        self._sce_write_share(sheet, row + 3, 1, justified, complaints, fmt["percent"])
        return row + 4

    def _sce_write_time_series(self, workbook, scope):
        fmt, wizard = scope.fmt, scope.wizard
        daily = (wizard.date_to - wizard.date_from).days < DAILY_SERIES_MAX_DAYS
        granularity = "day" if daily else "month"
        counts = {
            (bucket.date(), kind): count
            for bucket, kind, count in scope.tickets._read_group(
                scope.domain, [f"date_received:{granularity}", "appeal_kind"], ["__count"]
            )
        }
        kinds = self._sce_selection_keys(scope.tickets, "appeal_kind")
        if any(not kind for _bucket, kind in counts):
            kinds.append(False)
        buckets = self._sce_buckets(wizard.date_from, wizard.date_to, daily)

        sheet = self._sce_add_sheet(workbook, self.env._("Time series"))
        sheet.set_column(0, 0, 14)
        sheet.set_column(1, len(kinds) + 1, 16)
        title = (
            self.env._("Appeals by day and kind")
            if daily
            else self.env._("Appeals by month and kind")
        )
        header_row = self._sce_write_title(sheet, scope, title)
        sheet.write(
            header_row, 0, self.env._("Day") if daily else self.env._("Month"), fmt["header"]
        )
        for col, kind in enumerate(kinds, start=1):
            sheet.write(
                header_row, col, self._sce_label(scope.tickets, "appeal_kind", kind), fmt["header"]
            )
        sheet.write(header_row, len(kinds) + 1, self.env._("Total"), fmt["header"])
        row = header_row + 1
        for bucket in buckets:
            sheet.write_datetime(row, 0, bucket, fmt["day" if daily else "month"])
            values = [counts.get((bucket, kind), 0) for kind in kinds]
            for col, value in enumerate(values, start=1):
                sheet.write_number(row, col, value, fmt["count"])
            sheet.write_number(row, len(kinds) + 1, sum(values), fmt["total_count"])
            row += 1
        sheet.write(row, 0, self.env._("Total"), fmt["total_label"])
        for col, kind in enumerate(kinds, start=1):
            column_total = sum(n for (_bucket, k), n in counts.items() if k == kind)
            sheet.write_number(row, col, column_total, fmt["total_count"])
        sheet.write_number(row, len(kinds) + 1, scope.total, fmt["total_count"])

        # stacked columns of the kinds, one per day or month: their heights are the totals
        chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
        for col in range(1, len(kinds) + 1):
            chart.add_series(
                {
                    "name": [sheet.name, header_row, col],
                    "categories": [sheet.name, header_row + 1, 0, row - 1, 0],
                    "values": [sheet.name, header_row + 1, col, row - 1, col],
                    "gap": 50,
                }
            )
        chart.set_title({"name": title})
        chart.set_x_axis(
            {
                "name": self.env._("Day") if daily else self.env._("Month"),
                "num_format": "dd.mm" if daily else "mm.yyyy",
            }
        )
        chart.set_y_axis({"name": self.env._("Appeals"), "min": 0})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 960, "height": 420})
        sheet.insert_chart(header_row, len(kinds) + 3, chart)

    def _sce_write_structure(self, workbook, scope):
        """Each breakdown with its shares, and beside it a chart of its table's cells."""
        sheet = self._sce_add_sheet(workbook, self.env._("Structure"))
        sheet.set_column(0, 0, 48)
        sheet.set_column(1, 2, 14)
        row = self._sce_write_title(sheet, scope, self.env._("Structure of appeals"))
        titles = self._sce_structure_chart_titles()
        for fname, chart_type in STRUCTURE_CHARTS:
            start = row
            row = self._sce_write_breakdown(sheet, row, scope, fname, with_share=True)
            # the values are the rows between the header and the total
            first, last = start + 1, row - 2
            if last >= first:
                chart = self._sce_structure_chart(
                    workbook, sheet, chart_type, titles[fname], first, last
                )
                sheet.insert_chart(start, 4, chart)
            chart_rows = CHART_ROWS if chart_type == "pie" else self._sce_bar_rows(last - first)
            row = max(row + 1, start + chart_rows)

    def _sce_structure_chart(self, workbook, sheet, chart_type, title, first, last):
        """A pie (with percentages) or bars of the appeals in rows ``first``..``last``."""
        chart = workbook.add_chart({"type": chart_type})
        series = {
            "name": title,
            "categories": [sheet.name, first, 0, last, 0],
            "values": [sheet.name, first, 1, last, 1],
        }
        if chart_type == "pie":
            series["data_labels"] = {"percentage": True}
        else:
            series["data_labels"] = {"value": True}
            series["gap"] = 40
            chart.set_legend({"none": True})
            # bars are drawn bottom up: reversed, they read in the table's order
            chart.set_y_axis({"reverse": True})
            chart.set_x_axis({"name": self.env._("Appeals"), "min": 0})
            chart.set_size({"width": 720, "height": self._sce_bar_rows(last - first) * 20})
        chart.add_series(series)
        chart.set_title({"name": title})
        return chart

    def _sce_bar_rows(self, bars):
        """Rows a bar chart takes: a row per bar and room for its title and axis."""
        return max(CHART_ROWS, bars + 8)

    def _sce_structure_chart_titles(self):
        return {
            "channel_id": self.env._("Appeals by channel"),
            "sce_service_form": self.env._("Appeals by service form"),
            "appeal_kind": self.env._("Appeals by kind"),
            "sce_customer_group": self.env._("Appeals by customer group"),
            "category_id": self.env._("Appeals by topic"),
        }

    def _sce_write_cross_tables(self, workbook, scope):
        sheet = self._sce_add_sheet(workbook, self.env._("Cross-table"))
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 40, 14)
        row = self._sce_write_title(sheet, scope, self.env._("Cross-tables of appeals"))
        for row_field, col_field in CROSS_TABLES:
            row = self._sce_write_cross_table(sheet, row, scope, row_field, col_field) + 1

    def _sce_write_cross_table(self, sheet, row, scope, row_field, col_field):
        fmt, tickets = scope.fmt, scope.tickets
        rows = self._sce_count_by(scope, row_field)
        cols = self._sce_count_by(scope, col_field)
        cells = {
            (row_value, col_value): count
            for row_value, col_value, count in tickets._read_group(
                scope.domain, [row_field, col_field], ["__count"]
            )
        }
        corner = (
            f"{self._sce_field_label(tickets, row_field)} / "
            f"{self._sce_field_label(tickets, col_field)}"
        )
        sheet.write(row, 0, corner, fmt["header"])
        for col, (col_value, _count) in enumerate(cols, start=1):
            sheet.write(row, col, self._sce_label(tickets, col_field, col_value), fmt["header"])
        sheet.write(row, len(cols) + 1, self.env._("Total"), fmt["header"])
        row += 1
        for row_value, row_total in rows:
            sheet.write(row, 0, self._sce_label(tickets, row_field, row_value), fmt["label"])
            for col, (col_value, _count) in enumerate(cols, start=1):
                sheet.write_number(row, col, cells.get((row_value, col_value), 0), fmt["count"])
            sheet.write_number(row, len(cols) + 1, row_total, fmt["total_count"])
            row += 1
        sheet.write(row, 0, self.env._("Total"), fmt["total_label"])
        for col, (_col_value, col_total) in enumerate(cols, start=1):
            sheet.write_number(row, col, col_total, fmt["total_count"])
        sheet.write_number(row, len(cols) + 1, scope.total, fmt["total_count"])
        return row + 1

    def _sce_write_top_complaint_topics(self, workbook, scope):
        """Complaint topics from the most to the least frequent (CTRL-3), with how many
        were justified and how many broke their deadline (CTRL-2)."""
        fmt, tickets = scope.fmt, scope.tickets
        domain = scope.domain + [("appeal_kind", "=", "complaint")]
        topics = tickets._read_group(
            domain, ["category_id"], ["__count"], order="__count desc, category_id"
        )
        justified = dict(
            tickets._read_group(domain + [("justified", "=", True)], ["category_id"], ["__count"])
        )
        late = dict(
            tickets._read_group(
                domain + [("deadline_state", "in", LATE_STATES)], ["category_id"], ["__count"]
            )
        )
        complaints = sum(count for _topic, count in topics)

        sheet = self._sce_add_sheet(workbook, self.env._("Top complaint topics"))
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 48)
        sheet.set_column(2, 5, 16)
        row = self._sce_write_title(sheet, scope, self.env._("The most frequent complaint topics"))
        headers = (
            self.env._("Rank"),
            self.env._("Topic"),
            self.env._("Complaints"),
            self.env._("Share of complaints"),
            self.env._("Justified"),
            self.env._("Late or overdue"),
        )
        sheet.write_row(row, 0, headers, fmt["header"])
        row += 1
        for rank, (topic, count) in enumerate(topics, start=1):
            sheet.write_number(row, 0, rank, fmt["count"])
            sheet.write(row, 1, self._sce_label(tickets, "category_id", topic), fmt["label"])
            sheet.write_number(row, 2, count, fmt["count"])
            self._sce_write_share(sheet, row, 3, count, complaints, fmt["percent"])
            sheet.write_number(row, 4, justified.get(topic, 0), fmt["count"])
            sheet.write_number(row, 5, late.get(topic, 0), fmt["count"])
            row += 1
        sheet.write(row, 1, self.env._("Total"), fmt["total_label"])
        sheet.write_number(row, 2, complaints, fmt["total_count"])
        self._sce_write_share(sheet, row, 3, complaints, complaints, fmt["total_percent"])
        sheet.write_number(row, 4, sum(justified.values()), fmt["total_count"])
        sheet.write_number(row, 5, sum(late.values()), fmt["total_count"])

    def _sce_write_quality_indicators(self, workbook, scope):
        """The GEN-8 indicators per MRO, a total over the chosen MROs, and the formulas."""
        fmt = scope.fmt
        indicators, computed = scope.wizard._sce_indicators()
        model = self.env["sce.quality.indicator"]

        sheet = self._sce_add_sheet(workbook, self.env._("Quality indicators"))
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, len(INDICATOR_COLUMNS), 16)
        row = self._sce_write_title(sheet, scope, self.env._("Quality indicators"))
        if not computed:
            sheet.write(
                row,
                0,
                self.env._(
                    "The quality indicators of this period have not been computed. Compute "
                    "them with “Compute quality indicators” in Reporting › Monthly monitoring "
                    "(XLSX), or recompute them in Reporting › Quality indicators, then export "
                    "again."
                ),
                fmt["warning"],
            )
            return
        if indicators:
            sheet.write(
                row,
                0,
                self.env._(
                    "Computed on %(date)s",
                    date=format_datetime(self.env, max(indicators.mapped("create_date"))),
                ),
            )
            row += 2
        sheet.set_row(row, 45)
        sheet.write(row, 0, self._sce_field_label(model, "mro_id"), fmt["header"])
        for col, (fname, _denominator) in enumerate(INDICATOR_COLUMNS, start=1):
            sheet.write(row, col, self._sce_field_label(model, fname), fmt["header"])
        row += 1
        totals = self._sce_indicator_totals(indicators)
        for indicator in indicators:
            sheet.write(row, 0, indicator.mro_id.display_name or self.env._("No MRO"), fmt["label"])
            self._sce_write_indicator_row(sheet, row, indicator, fmt, total=False)
            row += 1
        sheet.write(row, 0, self.env._("Total"), fmt["total_label"])
        self._sce_write_indicator_row(sheet, row, totals, fmt, total=True)
        row += 2

        sheet.write(row, 0, self.env._("Formulas"), fmt["section"])
        formulas = (
            self.env._(
                "Executiveness = appeals answered on time / appeals whose answer deadline "
                "fell in the period (answered on time, answered late, or still open after it)."
            ),
            self.env._(
                "Informativeness = 1 − repeated inquiries / inquiries received in the period; "
                "an inquiry is repeated when the same customer asks again on the same topic "
                "within %(days)s days.",
                days=REPEAT_WINDOW_DAYS,
            ),
            self.env._(
                "Feedback effectiveness = 1 − repeated complaints / complaints answered in "
                "the period; a complaint is repeated when the same customer complains again "
                "on the same topic within %(days)s days of the answer.",
                days=REPEAT_WINDOW_DAYS,
            ),
            self.env._("A share is left empty when nothing counts in its denominator."),
        )
        for offset, formula in enumerate(formulas, start=1):
            sheet.write(row + offset, 0, formula)

    def _sce_write_indicator_row(self, sheet, row, values, fmt, total):
        for col, (fname, denominator) in enumerate(INDICATOR_COLUMNS, start=1):
            if not denominator:
                sheet.write_number(
                    row, col, values[fname], fmt["total_count" if total else "count"]
                )
            elif values[denominator]:
                sheet.write_number(
                    row, col, values[fname], fmt["total_percent" if total else "percent"]
                )
            else:
                sheet.write_blank(row, col, None, fmt["total_percent" if total else "percent"])

    def _sce_indicator_totals(self, indicators):
        """Counts summed over the MROs and shares recomputed from them, so that each MRO
        weighs by its appeals."""
        totals = {fname: sum(indicators.mapped(fname)) for fname in GEN8_COUNTS}
        return {**totals, **gen8_shares(totals)}

    # ------------------------------------------------------------------ building blocks

    def _sce_write_breakdown(self, sheet, row, scope, fname, with_share=False):
        """A table "value | appeals [| share]" of the period's appeals grouped by
        ``fname``, with its total; returns the row after it."""
        fmt, tickets = scope.fmt, scope.tickets
        headers = [self._sce_field_label(tickets, fname), self.env._("Appeals")]
        if with_share:
            headers.append(self.env._("Share"))
        sheet.write_row(row, 0, headers, fmt["header"])
        row += 1
        for value, count in self._sce_count_by(scope, fname):
            sheet.write(row, 0, self._sce_label(tickets, fname, value), fmt["label"])
            sheet.write_number(row, 1, count, fmt["count"])
            if with_share:
                self._sce_write_share(sheet, row, 2, count, scope.total, fmt["percent"])
            row += 1
        sheet.write(row, 0, self.env._("Total"), fmt["total_label"])
        sheet.write_number(row, 1, scope.total, fmt["total_count"])
        if with_share:
            self._sce_write_share(sheet, row, 2, scope.total, scope.total, fmt["total_percent"])
        return row + 1

    def _sce_count_by(self, scope, fname):
        """[(value, appeals)] of the period grouped by ``fname``: selection values in
        their declared order, records in their model's order, empty values last."""
        groups = scope.tickets._read_group(scope.domain, [fname], ["__count"])
        field = scope.tickets._fields[fname]
        if field.type == "selection":
            keys = self._sce_selection_keys(scope.tickets, fname)
            groups.sort(key=lambda group: keys.index(group[0]) if group[0] in keys else len(keys))
        elif field.type == "many2one":
            groups.sort(key=lambda group: not group[0])
        return groups

    def _sce_selection_keys(self, model, fname):
        return [key for key, _label in model._fields[fname]._description_selection(self.env)]

    def _sce_field_label(self, model, fname):
        return model._fields[fname]._description_string(self.env)

    def _sce_label(self, model, fname, value):
        """The translated label of a grouped value."""
        field = model._fields[fname]
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if not value:
            return self.env._("Not set")
        if field.type == "many2one":
            return value.display_name
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value)
        return str(value)

    def _sce_buckets(self, date_from, date_to, daily):
        """Every day, or every month, of the period: empty ones are reported too."""
        step = relativedelta(days=1) if daily else relativedelta(months=1)
        bucket = date_from if daily else date_from.replace(day=1)
        buckets = []
        while bucket <= date_to:
            buckets.append(bucket)
            bucket += step
        return buckets

    def _sce_write_share(self, sheet, row, col, part, whole, cell_format):
        if whole:
            sheet.write_number(row, col, part / whole, cell_format)
        else:
            sheet.write_blank(row, col, None, cell_format)

    def _sce_write_title(self, sheet, scope, title):
        """The sheet's title, period and MROs; returns the first free row."""
        wizard = scope.wizard
        sheet.write(0, 0, title, scope.fmt["title"])
        sheet.write(
            1,
            0,
            self.env._(
                "Period: %(start)s – %(end)s",
                start=format_date(self.env, wizard.date_from),
                end=format_date(self.env, wizard.date_to),
            ),
        )
        sheet.write(
            2,
            0,
            self.env._(
                "MRO: %(mros)s",
                mros=", ".join(wizard.mro_ids.mapped("display_name")) or self.env._("all"),
            ),
        )
        return 4

    def _sce_add_sheet(self, workbook, name):
        """A worksheet named by a translated label that Excel accepts."""
        return workbook.add_worksheet(name.translate(SHEET_NAME_FORBIDDEN)[:SHEET_NAME_MAX])

    def _sce_formats(self, workbook):
        bordered = {"border": 1, "valign": "top"}
        total = {**bordered, "bold": True, "bg_color": "#F2F2F2"}
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "section": workbook.add_format({"bold": True}),
            "warning": workbook.add_format({"bold": True, "font_color": "#C00000"}),
            "header": workbook.add_format(
                {**bordered, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True}
            ),
            "label": workbook.add_format(bordered),
            "count": workbook.add_format({**bordered, "num_format": "0"}),
            "percent": workbook.add_format({**bordered, "num_format": "0.0%"}),
            "day": workbook.add_format({**bordered, "num_format": "dd.mm.yyyy"}),
            "month": workbook.add_format({**bordered, "num_format": "mm.yyyy"}),
            "total_label": workbook.add_format(total),
            "total_count": workbook.add_format({**total, "num_format": "0"}),
            "total_percent": workbook.add_format({**total, "num_format": "0.0%"}),
        }
