from odoo import models
from odoo.tools import SQL

from ..hall_clock import hall_tz
from ..models.sce_queue_ticket_stats import VISIT_NORM_MINUTES

# rows a chart takes (xlsxwriter's default chart is 15 rows high)
CHART_ROWS = 16
# (aggregate, number format) of the columns of the tables of served visits
MEASURES = (
    ("__count", "count"),
    ("wait_minutes:avg", "minutes"),
    ("norm_wait_minutes:avg", "minutes"),
    ("service_minutes:avg", "minutes"),
    ("norm_service_minutes:avg", "minutes"),
    ("visit_within_norm:avg", "percent"),
)


class SceQueueStatsXlsx(models.AbstractModel):
    """Queue statistics of a period (SC-8): wait and service time per service, role,
    window, operator and day against the norms of Table 4, the share of visits within
    60 minutes, and the queue length by hour. Every table is one ``_read_group`` (or
    one SQL query for the queue length) over the tickets the user may read; charts are
    native Excel charts on the tables' cells."""

    _name = "report.sce_service_center.queue_stats_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Queue statistics (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs.ensure_one()
        Ticket = self.env["sce.queue.ticket"]
        domain = wizard._ticket_domain()
        served = [*domain, ("state", "=", "done")]
        fmt = self._formats(workbook)
        groupings = (
            ("service_id", self.env._("Services")),
            ("serving_role", self.env._("Roles")),
            ("window_id", self.env._("Windows")),
            ("operator_id", self.env._("Operators")),
            ("day:day", self.env._("Days")),
        )
        for groupby, title in groupings:
            sheet = workbook.add_worksheet(title)
            rows = Ticket._read_group(served, [groupby], [m for m, _f in MEASURES])
            self._write_table(workbook, sheet, fmt, title, groupby, rows, wizard)
        self._queue_by_hour(workbook, fmt, Ticket, domain)

    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
            ),
            "label": workbook.add_format({"border": 1}),
            "count": workbook.add_format({"border": 1, "num_format": "0"}),
            "minutes": workbook.add_format({"border": 1, "num_format": "0.0"}),
            "percent": workbook.add_format({"border": 1, "num_format": "0.0%"}),
            "over": workbook.add_format(
                {"border": 1, "num_format": "0.0", "font_color": "#C00000", "bold": True}
            ),
        }

    def _label(self, groupby, value):
        if groupby == "serving_role":
            roles = dict(
                self.env["sce.queue.ticket"]
                ._fields["serving_role"]
                ._description_selection(self.env)
            )
            return roles.get(value, "")
        if groupby.startswith("day"):
            return value.strftime("%d.%m.%Y") if value else ""
        return value.display_name if value else self.env._("None")

    def _write_table(self, workbook, sheet, fmt, title, groupby, rows, wizard):
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, len(MEASURES), 14)
        sheet.write(
            0,
            0,
            self.env._(
                "%(title)s: %(date_from)s – %(date_to)s",
                title=title,
                date_from=wizard.date_from.strftime("%d.%m.%Y"),
                date_to=wizard.date_to.strftime("%d.%m.%Y"),
            ),
            fmt["title"],
        )
        header_row = 2
        sheet.write(header_row, 0, title, fmt["header"])
        headers = (
            self.env._("Served"),
            self.env._("Average wait (min)"),
            self.env._("Wait norm (min)"),
            self.env._("Average service (min)"),
            self.env._("Service norm (min)"),
            self.env._("Within %s min", VISIT_NORM_MINUTES),
        )
        for col, header in enumerate(headers, start=1):
            sheet.write(header_row, col, header, fmt["header"])
        row = header_row
        for row_values in rows:
            row += 1
            key, *values = row_values
            sheet.write(row, 0, self._label(groupby, key), fmt["label"])
            wait, wait_norm, service, service_norm = values[1:5]
            for col, ((_m, kind), value) in enumerate(zip(MEASURES, values, strict=True), 1):
                cell_fmt = fmt[kind]
                if (col == 2 and wait > wait_norm) or (col == 4 and service > service_norm):
                    cell_fmt = fmt["over"]
                if kind == "percent":
                    value = (value or 0.0) / 100.0
                sheet.write_number(row, col, value or 0, cell_fmt)
        if row == header_row:
            sheet.write(header_row + 1, 0, self.env._("No served visits in the period."))
            return
        chart = workbook.add_chart({"type": "column"})
        for col in (2, 3, 4, 5):
            chart.add_series(
                {
                    "name": [sheet.name, header_row, col],
                    "categories": [sheet.name, header_row + 1, 0, row, 0],
                    "values": [sheet.name, header_row + 1, col, row, col],
                }
            )
        chart.set_title({"name": self.env._("Wait and service against the norms (min)")})
        chart.set_y_axis({"name": self.env._("Minutes")})
        sheet.insert_chart(row + 2, 0, chart)
        share = workbook.add_chart({"type": "bar"})
        share.add_series(
            {
                "name": [sheet.name, header_row, 6],
                "categories": [sheet.name, header_row + 1, 0, row, 0],
                "values": [sheet.name, header_row + 1, 6, row, 6],
            }
        )
        share.set_title({"name": self.env._("Visits within %s minutes", VISIT_NORM_MINUTES)})
        share.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
        share.set_legend({"none": True})
        sheet.insert_chart(row + 2, 5, share)

    def _queue_rows(self, Ticket, domain):
        """[(local hour, average queue, longest queue)]: visitors waiting (issued, not
        yet called nor gone) at each full hour of the days with tickets, in the hall's
        time, averaged per hour of the day. One query over the readable tickets."""
        query = Ticket._search(domain)
        tickets = query.select(
            SQL.identifier(query.table, "day"),
            SQL.identifier(query.table, "issued_at"),
            SQL.identifier(query.table, "first_called_at"),
            SQL.identifier(query.table, "finished_at"),
        )
        tz = hall_tz(self.env).zone
        self.env.cr.execute(
            SQL(
                """
                WITH t AS (%(tickets)s),
                moments AS (
                    SELECT d.day + make_interval(hours => h) AS local_moment
                    FROM (SELECT DISTINCT day FROM t) AS d, generate_series(0, 23) AS h
                ),
                counts AS (
                    SELECT m.local_moment, COUNT(t.issued_at) AS waiting
                    FROM moments m
                    LEFT JOIN t
                      ON t.issued_at <= (m.local_moment AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC'
                     AND COALESCE(t.first_called_at, t.finished_at, 'infinity'::timestamp)
                         > (m.local_moment AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC'
                    GROUP BY m.local_moment
                )
                SELECT EXTRACT(HOUR FROM local_moment)::int, AVG(waiting), MAX(waiting)
                FROM counts
                GROUP BY 1
                HAVING MAX(waiting) > 0
                ORDER BY 1
                """,
                tickets=tickets,
                tz=tz,
            )
        )
        return self.env.cr.fetchall()

    def _queue_by_hour(self, workbook, fmt, Ticket, domain):
        sheet = workbook.add_worksheet(self.env._("Queue by hour"))
        sheet.set_column(0, 2, 18)
        sheet.write(0, 0, self.env._("Queue length by hour"), fmt["title"])
        header_row = 2
        headers = (self.env._("Hour"), self.env._("Average queue"), self.env._("Longest queue"))
        for col, header in enumerate(headers):
            sheet.write(header_row, col, header, fmt["header"])
        row = header_row
        for hour, average, longest in self._queue_rows(Ticket, domain):
            row += 1
            sheet.write(row, 0, f"{hour:02d}:00", fmt["label"])
            sheet.write_number(row, 1, float(average), fmt["minutes"])
            sheet.write_number(row, 2, longest, fmt["count"])
        if row == header_row:
            return
        chart = workbook.add_chart({"type": "column"})
        for col in (1, 2):
            chart.add_series(
                {
                    "name": [sheet.name, header_row, col],
                    "categories": [sheet.name, header_row + 1, 0, row, 0],
                    "values": [sheet.name, header_row + 1, col, row, col],
                }
            )
        chart.set_title({"name": self.env._("Visitors waiting at the full hour")})
        sheet.insert_chart(header_row, 4, chart)
