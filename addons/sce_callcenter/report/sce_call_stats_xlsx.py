from odoo import models
from odoo.tools import format_date

HOURS = range(24)
KPI_PERCENT = ("service_level", "abandonment_rate", "ivr_share", "callback_on_time_rate")
KPI_SECONDS = ("asa", "aht", "avg_ivr_time")


class SceCallStatsXlsx(models.AbstractModel):
    """Call-center statistics of the export wizard's period (CC-3, CC-5, CC-6): the key
    figures, calls by hour and by day, operators and transfers per department. Every
    figure comes from ``_read_group`` (through ``sce.call._sce_kpis`` and its siblings);
    charts are native Excel charts over the tables' cells."""

    _name = "report.sce_callcenter.call_stats_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Call-center statistics (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs.ensure_one()
        date_from, date_to = wizard._sce_bounds()
        calls = self.env["sce.call"].with_context(tz=wizard.env["sce.call"]._sce_stat_tz().zone)
        fmt = self._sce_formats(workbook)
        period = (
            f"{format_date(self.env, wizard.date_from)} – {format_date(self.env, wizard.date_to)}"
        )
        extra = wizard._sce_call_domain()
        self._sce_write_kpis(workbook, fmt, period, calls._sce_kpis(date_from, date_to, extra))
        domain = calls._sce_kpi_domain(date_from, date_to, extra)
        self._sce_write_by_hour(workbook, fmt, period, calls, domain)
        self._sce_write_by_day(workbook, fmt, period, calls, domain)
        self._sce_write_operators(
            workbook, fmt, period, calls._sce_operator_figures(date_from, date_to, extra)
        )
        self._sce_write_transfers(
            workbook, fmt, period, calls._sce_transfers_by_department(date_from, date_to, extra)
        )

    def _sce_kpi_labels(self):
        return [
            ("inbound", self.env._("Inbound calls")),
            ("outbound", self.env._("Outbound calls")),
            ("offered", self.env._("Offered to operators")),
            ("answered", self.env._("Answered by operators (closed by operator)")),
            ("answered_in_time", self.env._("Answered within 40 s")),
            ("unanswered", self.env._("Not answered (missed or abandoned)")),
            ("closed_ivr", self.env._("Closed in IVR")),
            ("transferred", self.env._("Transferred")),
            ("service_level", self.env._("Service level (answered within 40 s / offered)")),
            ("asa", self.env._("ASA, average speed of answer (s)")),
            ("aht", self.env._("AHT, average handling time (s)")),
            ("abandonment_rate", self.env._("Abandonment rate (not answered / offered)")),
            ("ivr_share", self.env._("Share closed in IVR (of inbound)")),
            ("avg_ivr_time", self.env._("Average time in IVR (s)")),
            ("callbacks_due", self.env._("Callbacks due")),
            ("callbacks_on_time", self.env._("Callbacks kept on time")),
            ("callback_on_time_rate", self.env._("Callback on-time rate")),
        ]

    def _sce_write_kpis(self, workbook, fmt, period, kpis):
        sheet = workbook.add_worksheet(self.env._("Key figures"))
        sheet.set_column(0, 0, 52)
        sheet.set_column(1, 1, 14)
        sheet.write(0, 0, self.env._("Call-center statistics"), fmt["title"])
        sheet.write(1, 0, period)
        sheet.write(3, 0, self.env._("Figure"), fmt["header"])
        sheet.write(3, 1, self.env._("Value"), fmt["header"])
        row = 4
        for key, label in self._sce_kpi_labels():
            value = kpis[key]
            sheet.write(row, 0, label, fmt["label"])
            if value is None:
                sheet.write(row, 1, "—", fmt["label"])
            elif key in KPI_PERCENT:
                sheet.write_number(row, 1, value / 100.0, fmt["percent"])
            elif key in KPI_SECONDS:
                sheet.write_number(row, 1, value, fmt["seconds"])
            else:
                sheet.write_number(row, 1, value, fmt["count"])
            row += 1

    def _sce_write_by_hour(self, workbook, fmt, period, calls, domain):
        """Inbound calls by local hour: offered, answered within 40 s, later, not answered."""
        counts = {
            (hour, disposition, in_time): count
            for hour, disposition, in_time, count in calls._read_group(
                domain + [("offered", "=", True)],
                ["hour", "disposition", "answered_in_time"],
                ["__count"],
            )
        }
        sheet = workbook.add_worksheet(self.env._("By hour"))
        sheet.set_column(0, 5, 16)
        sheet.write(0, 0, self.env._("Inbound calls offered to operators by hour"), fmt["title"])
        sheet.write(1, 0, period)
        headers = [
            self.env._("Hour"),
            self.env._("Answered within 40 s"),
            self.env._("Answered later"),
            self.env._("Not answered"),
            self.env._("Service level"),
        ]
        for col, header in enumerate(headers):
            sheet.write(3, col, header, fmt["header"])
        for row, hour in enumerate(HOURS, start=4):
            in_time = counts.get((hour, "answered", True), 0)
            late = counts.get((hour, "answered", False), 0)
            lost = sum(counts.get((hour, d, False), 0) for d in ("missed", "abandoned"))
            offered = in_time + late + lost
            sheet.write(row, 0, f"{hour:02d}:00", fmt["label"])
            sheet.write_number(row, 1, in_time, fmt["count"])
            sheet.write_number(row, 2, late, fmt["count"])
            sheet.write_number(row, 3, lost, fmt["count"])
            if offered:
                sheet.write_number(row, 4, in_time / offered, fmt["percent"])
            else:
                sheet.write(row, 4, "—", fmt["label"])
        last = 4 + len(HOURS) - 1
        chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
        for col in (1, 2, 3):
            chart.add_series(
                {
                    "name": [sheet.name, 3, col],
                    "categories": [sheet.name, 4, 0, last, 0],
                    "values": [sheet.name, 4, col, last, col],
                    "gap": 50,
                }
            )
        chart.set_title({"name": self.env._("Calls by hour")})
        chart.set_y_axis({"name": self.env._("Calls"), "min": 0})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 900, "height": 420})
        sheet.insert_chart(3, 6, chart)

    def _sce_write_by_day(self, workbook, fmt, period, calls, domain):
        """Calls by local day: inbound, outbound, closed in IVR, closed by an operator."""
        groups = calls._read_group(
            domain, ["date_day:day", "direction", "disposition"], ["__count"]
        )
        days = sorted({day for day, _direction, _disposition, _count in groups})
        columns = [
            (self.env._("Inbound"), lambda dr, dp: dr == "inbound"),
            (self.env._("Outbound"), lambda dr, dp: dr == "outbound"),
            (self.env._("Closed in IVR"), lambda dr, dp: dr == "inbound" and dp == "closed_ivr"),
            (self.env._("Closed by operator"), lambda dr, dp: dr == "inbound" and dp == "answered"),
        ]
        sheet = workbook.add_worksheet(self.env._("By day"))
        sheet.set_column(0, 4, 16)
        sheet.write(0, 0, self.env._("Calls by day"), fmt["title"])
        sheet.write(1, 0, period)
        sheet.write(3, 0, self.env._("Day"), fmt["header"])
        for col, (label, _match) in enumerate(columns, start=1):
            sheet.write(3, col, label, fmt["header"])
        for row, day in enumerate(days, start=4):
            sheet.write_datetime(row, 0, day, fmt["day"])
            for col, (_label, match) in enumerate(columns, start=1):
                value = sum(c for d, dr, dp, c in groups if d == day and match(dr, dp))
                sheet.write_number(row, col, value, fmt["count"])
        if days:
            last = 4 + len(days) - 1
            chart = workbook.add_chart({"type": "line"})
            for col in range(1, len(columns) + 1):
                chart.add_series(
                    {
                        "name": [sheet.name, 3, col],
                        "categories": [sheet.name, 4, 0, last, 0],
                        "values": [sheet.name, 4, col, last, col],
                    }
                )
            chart.set_title({"name": self.env._("Calls by day")})
            chart.set_x_axis({"num_format": "dd.mm"})
            chart.set_y_axis({"name": self.env._("Calls"), "min": 0})
            chart.set_legend({"position": "bottom"})
            chart.set_size({"width": 900, "height": 420})
            sheet.insert_chart(3, 6, chart)

    def _sce_write_operators(self, workbook, fmt, period, rows):
        sheet = workbook.add_worksheet(self.env._("Operators"))
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 5, 16)
        sheet.write(0, 0, self.env._("Operators: handling time and workload"), fmt["title"])
        sheet.write(1, 0, period)
        headers = [
            self.env._("Operator"),
            self.env._("Calls answered"),
            self.env._("AHT (s)"),
            self.env._("Talk time (s)"),
            self.env._("Logged in (s)"),
            self.env._("Workload"),
        ]
        for col, header in enumerate(headers):
            sheet.write(3, col, header, fmt["header"])
        for row, figures in enumerate(rows, start=4):
            sheet.write(row, 0, figures["user"].name, fmt["label"])
            sheet.write_number(row, 1, figures["answered"], fmt["count"])
            for col, key in ((2, "aht"), (3, "talk"), (4, "logged_in")):
                if figures[key] is None:
                    sheet.write(row, col, "—", fmt["label"])
                else:
                    sheet.write_number(row, col, figures[key], fmt["seconds"])
            if figures["workload"] is None:
                sheet.write(row, 5, "—", fmt["label"])
            else:
                sheet.write_number(row, 5, figures["workload"] / 100.0, fmt["percent"])
        if rows:
            last = 4 + len(rows) - 1
            chart = workbook.add_chart({"type": "bar"})
            chart.add_series(
                {
                    "name": [sheet.name, 3, 2],
                    "categories": [sheet.name, 4, 0, last, 0],
                    "values": [sheet.name, 4, 2, last, 2],
                    "data_labels": {"value": True},
                }
            )
            chart.set_title({"name": self.env._("Average handling time per operator")})
            chart.set_y_axis({"reverse": True})
            chart.set_legend({"none": True})
            sheet.insert_chart(3, 7, chart)

    def _sce_write_transfers(self, workbook, fmt, period, groups):
        sheet = workbook.add_worksheet(self.env._("Transfers"))
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 1, 14)
        sheet.write(0, 0, self.env._("Transfers per department"), fmt["title"])
        sheet.write(1, 0, period)
        sheet.write(3, 0, self.env._("Department"), fmt["header"])
        sheet.write(3, 1, self.env._("Calls"), fmt["header"])
        for row, (department, count) in enumerate(groups, start=4):
            sheet.write(row, 0, department or self.env._("Not set"), fmt["label"])
            sheet.write_number(row, 1, count, fmt["count"])
        if groups:
            last = 4 + len(groups) - 1
            chart = workbook.add_chart({"type": "pie"})
            chart.add_series(
                {
                    "name": self.env._("Transfers per department"),
                    "categories": [sheet.name, 4, 0, last, 0],
                    "values": [sheet.name, 4, 1, last, 1],
                    "data_labels": {"percentage": True},
                }
            )
            chart.set_title({"name": self.env._("Transfers per department")})
            sheet.insert_chart(3, 3, chart)

    def _sce_formats(self, workbook):
        bordered = {"border": 1, "valign": "top"}
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {**bordered, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True}
            ),
            "label": workbook.add_format(bordered),
            "count": workbook.add_format({**bordered, "num_format": "0"}),
            "seconds": workbook.add_format({**bordered, "num_format": "0.0"}),
            "percent": workbook.add_format({**bordered, "num_format": "0.0%"}),
            "day": workbook.add_format({**bordered, "num_format": "dd.mm.yyyy"}),
        }
