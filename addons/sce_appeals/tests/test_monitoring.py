import io
import re
import zipfile
from datetime import date, datetime
from xml.etree import ElementTree

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import AccessError, ValidationError
from odoo.service.model import get_public_method
from odoo.tests import TransactionCase, tagged, users, warmup
from odoo.tools.safe_eval import safe_eval

from ..models.sce_quality_indicator import GEN8_COUNTS, gen8_shares
from .common import new_role_user

SHEETS = [
    "Summary",
    "Time series",
    "Structure",
    "Cross-table",
    "Top complaint topics",
    "Quality indicators",
]
MANAGER = "sce-monitoring-manager"
MANAGER_RU = "sce-monitoring-manager-ru"
CHART_NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


@tagged("post_install", "-at_install")
class TestMonitoring(TransactionCase):
    """Monitoring of appeals: the monthly XLSX report (CTRL-1, CTRL-3) and the quality
    indicators (GEN-8), built by a manager. Appeals live in March 2019 and in their own
    MRO, away from any demo data; they are set up by the superuser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, tracking_disable=True)
        )
        cls.mro = cls.env["sce.mro"].create({"name": "Monitoring MRO", "code": "TEST-MON"})
        cls.other_mro = cls.env["sce.mro"].create({"name": "Other MRO", "code": "TEST-MON-2"})
        partners = cls.env["res.partner"]
        cls.citizen = partners.create(
            {"name": "Monitoring Citizen", "sce_customer_group": "1", "sce_home_mro_id": cls.mro.id}
        )
        cls.business = partners.create(
            {
                "name": "Monitoring Business LLC",
                "is_company": True,
                "sce_customer_group": "3",
                "sce_home_mro_id": cls.mro.id,
            }
        )
        cls.post = cls.env.ref("sce_appeals.helpdesk_ticket_channel_post")
        cls.phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.billing = cls.env.ref("sce_appeals.helpdesk_ticket_category_billing")
        cls.payment = cls.env.ref("sce_appeals.helpdesk_ticket_category_payment")
        cls.readings = cls.env.ref("sce_appeals.helpdesk_ticket_category_readings")
        cls.tariffs = cls.env.ref("sce_appeals.helpdesk_ticket_category_tariffs")
        cls.ticket_fields = cls.env["helpdesk.ticket"]._fields
        cls.setup_env = cls.env
        for login, lang in ((MANAGER, "en_US"), (MANAGER_RU, "ru_RU")):
            new_role_user(cls.env, "manager", login=login, lang=lang)

    # ------------------------------------------------------------------ helpers

    def _appeal(self, received, kind="complaint", channel=None, category=None, **vals):
        return self.setup_env["helpdesk.ticket"].create(
            {
                "name": f"Monitoring {kind}",
                "description": "<p>Monitoring test appeal</p>",
                "partner_id": self.citizen.id,
                "channel_id": (channel or self.post).id,
                "appeal_kind": kind,
                "category_id": (category or self.billing).id,
                "mro_id": self.mro.id,
                "date_received": received,
                **vals,
            }
        )

    def _wizard(self, **vals):
        return self.env["sce.monitoring.export.wizard"].create(
            {
                "date_from": date(2019, 3, 1),
                "date_to": date(2019, 3, 31),
                "mro_ids": [(6, 0, self.mro.ids)],
                **vals,
            }
        )

    def _render_bytes(self, wizard):
        # the web client renders in the user's language
        reports = self.env["ir.actions.report"].with_context(lang=self.env.user.lang)
        content, report_format = reports._render_xlsx(
            "sce_appeals.action_report_sce_monitoring_xlsx", wizard.ids, data=None
        )
        self.assertEqual(report_format, "xlsx")
        return content

    def _render(self, wizard):
        return load_workbook(io.BytesIO(self._render_bytes(wizard)))

    def _charts(self, content):
        """{title: (chart type, [(series name ref, categories ref, values ref)])} of the
        native charts of an XLSX workbook."""
        charts = {}
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = [n for n in package.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
            for name in names:
                root = ElementTree.fromstring(package.read(name))
                title = "".join(t.text for t in root.iterfind("c:chart/c:title//a:t", CHART_NS))
                plot = root.find("c:chart/c:plotArea", CHART_NS)
                kind = next(el.tag.split("}")[1] for el in plot if el.tag.endswith("Chart"))

                def ref(series, path):
                    node = series.find(f"{path}//c:f", CHART_NS)
                    return node.text if node is not None else None

                series = [
                    (ref(ser, "c:tx"), ref(ser, "c:cat"), ref(ser, "c:val"))
                    for ser in plot.iterfind(".//c:ser", CHART_NS)
                ]
                charts[title] = (kind, series)
        return charts

    def _cells(self, book, ref):
        """The values of the cells of a chart reference such as 'Sheet'!$B$6:$B$36."""
        sheet_name, cells = ref.rsplit("!", 1)
        sheet = book[sheet_name.strip("'")]
        cells = cells.replace("$", "")
        if ":" not in cells:
            return [sheet[cells].value]
        return [cell.value for (cell,) in sheet[cells]]

    def _table(self, sheet, header, column=0):
        """{label: [values]} of the table whose header row starts with ``header`` in
        ``column``, down to its "Total" row included."""
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        start = next(i for i, row in enumerate(rows) if row[column] == header)
        table = {}
        for row in rows[start + 1 :]:
            if row[column] is None:
                break
            table[row[column]] = tuple(row[column + 1 :])
            if row[column] == "Total":
                break
        return table

    def _header(self, sheet, header, column=0):
        row = next(row for row in sheet.iter_rows(values_only=True) if row[column] == header)
        return list(row)

    def _label(self, fname, value):
        return dict(self.ticket_fields[fname]._description_selection(self.env))[value]

    def _indicator(self):
        """The manager computes the period's indicators; those of the test MRO."""
        action = self._wizard().action_compute_indicators()
        return self.env["sce.quality.indicator"].search(
            action["domain"] + [("mro_id", "=", self.mro.id)]
        )

    def _indicator_rows(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, create_date, write_date, mro_id, deadline_count, on_time_count,"
            " inquiry_count, complaint_count FROM sce_quality_indicator ORDER BY id"
        )
        return self.env.cr.fetchall()

    # ------------------------------------------------------------------ CTRL-1

    @users(MANAGER)
    def test_ctrl1_xlsx_has_sheets_and_counts(self):
        """CTRL-1: the workbook counts the period's appeals of the chosen MRO in every
        breakdown: summary, time series, structure and cross-tables."""
        self._appeal("2019-03-04 09:00:00", "complaint", self.post, self.billing)
        self._appeal(
            "2019-03-04 10:00:00",
            "complaint",
            self.post,
            self.payment,
            justified=True,
            justified_basis="out_of_court",
        )
        self._appeal(
            "2019-03-15 09:00:00", "inquiry", self.phone, self.tariffs, partner_id=self.business.id
        )
        # 23:30 on 31 March in Moscow: still in the period
        self._appeal("2019-03-31 20:30:00", "suggestion", self.phone, self.readings)
        # outside: 00:30 on 1 April in Moscow, February, another MRO
        self._appeal("2019-03-31 21:30:00", "complaint")
        self._appeal("2019-02-28 09:00:00", "complaint")
        self._appeal("2019-03-10 09:00:00", "complaint", mro_id=self.other_mro.id)

        book = self._render(self._wizard())

        self.assertEqual(book.sheetnames, SHEETS)
        summary = book["Summary"]
        total_row = next(r for r in summary.iter_rows(values_only=True) if r[0] == "Total appeals")
        self.assertEqual(total_row[1], 4)
        channel_label = self.ticket_fields["channel_id"].string
        self.assertEqual(
            {k: v[0] for k, v in self._table(summary, channel_label).items()},
            {self.post.display_name: 2, self.phone.display_name: 2, "Total": 4},
        )
        complaint = self._label("appeal_kind", "complaint")
        inquiry = self._label("appeal_kind", "inquiry")
        suggestion = self._label("appeal_kind", "suggestion")
        self.assertEqual(
            {
                k: v[0]
                for k, v in self._table(summary, self.ticket_fields["appeal_kind"].string).items()
            },
            {complaint: 2, inquiry: 1, suggestion: 1, "Total": 4},
        )
        self.assertEqual(
            {
                k: v[0]
                for k, v in self._table(
                    summary, self.ticket_fields["sce_customer_group"].string
                ).items()
            },
            {
                self._label("sce_customer_group", "1"): 3,
                self._label("sce_customer_group", "3"): 1,
                "Total": 4,
            },
        )
        complaints = self._table(summary, "Complaints")
        self.assertEqual(complaints["Complaints"][0], 2)
        self.assertEqual(complaints["Justified complaints"][0], 1)
        self.assertAlmostEqual(complaints["Share of justified complaints"][0], 0.5)

        series = book["Time series"]
        header = self._header(series, "Day")
        days = self._table(series, "Day")
        self.assertEqual(len(days), 31 + 1, "every day of March and the total")
        self.assertEqual(days[datetime(2019, 3, 4)][header.index(complaint) - 1], 2)
        self.assertEqual(days[datetime(2019, 3, 31)][header.index(suggestion) - 1], 1)
        self.assertEqual(days[datetime(2019, 3, 5)][header.index("Total") - 1], 0)
        self.assertEqual(days["Total"][header.index("Total") - 1], 4)

        structure = self._table(book["Structure"], channel_label)
        self.assertEqual(structure[self.post.display_name][:2], (2, 0.5))
        self.assertEqual(structure["Total"][:2], (4, 1))

        cross = book["Cross-table"]
        corner = f"{channel_label} / {self.ticket_fields['appeal_kind'].string}"
        header = self._header(cross, corner)
        table = self._table(cross, corner)
        self.assertEqual(table[self.post.display_name][header.index(complaint) - 1], 2)
        self.assertEqual(table[self.phone.display_name][header.index(inquiry) - 1], 1)
        self.assertEqual(table[self.phone.display_name][header.index(complaint) - 1], 0)
        self.assertEqual(table["Total"][header.index("Total") - 1], 4)

    @users(MANAGER)
    def test_ctrl1_report_queries_do_not_grow_with_appeals(self):
        """CTRL-1: the report aggregates in the database; more appeals, same queries."""
        self._appeal("2019-03-04 09:00:00")
        wizard = self._wizard()
        self._render(wizard)

        def count_queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self._render(wizard)
            return self.cr.sql_log_count - before

        count_queries()  # a second warm-up: the manager's access rules are cached after it
        few = count_queries()
        for day in range(5, 15):
            self._appeal(f"2019-03-{day:02d} 09:00:00")
        self.assertEqual(count_queries(), few)

    @users(MANAGER)
    @warmup
    def test_ctrl1_workbook_query_budget(self):
        """CTRL-1, GEN-8: the whole workbook, charts and stored indicators included, costs a
        fixed number of queries: one aggregate per table, none per appeal or MRO."""
        for day in (4, 5, 6):
            self._appeal(f"2019-03-{day:02d} 09:00:00", category=self.payment)
        self._appeal("2019-03-07 09:00:00", "inquiry", self.phone, self.tariffs)
        self._appeal("2019-03-08 09:00:00", "inquiry", mro_id=self.other_mro.id)
        wizard = self._wizard(mro_ids=False)
        wizard.action_compute_indicators()

        with self.assertQueryCount(**{MANAGER: 36}):
            self._render_bytes(wizard)

    @users(MANAGER)
    def test_ctrl1_wizard_period(self):
        """CTRL-1: the monthly report defaults to the previous month; an inverted period
        is refused; the export button prints the XLSX of the wizard."""
        with freeze_time("2026-03-15 10:00:00"):
            wizard = self.env["sce.monitoring.export.wizard"].create({})
        self.assertEqual((wizard.date_from, wizard.date_to), (date(2026, 2, 1), date(2026, 2, 28)))
        with self.assertRaises(ValidationError):
            self._wizard(date_from=date(2019, 4, 1))
        action = wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "sce_appeals.monitoring_xlsx")
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["context"]["active_ids"], wizard.ids)

    # ------------------------------------------------------------------ CTRL-3

    @users(MANAGER)
    def test_ctrl3_top_topics_order(self):
        """CTRL-3: complaint topics come from the most to the least frequent, whatever
        their order in the classifier; other kinds of appeals do not count."""
        self._appeal("2019-03-02 09:00:00", category=self.billing)
        for day in (3, 4):
            self._appeal(f"2019-03-{day:02d} 09:00:00", category=self.payment)
        for day in (5, 6):
            self._appeal(f"2019-03-{day:02d} 09:00:00", category=self.readings)
        self._appeal(
            "2019-03-07 09:00:00",
            category=self.readings,
            justified=True,
            justified_basis="court",
        )
        for day in (8, 9, 10, 11):
            self._appeal(f"2019-03-{day:02d} 09:00:00", "inquiry", category=self.tariffs)

        sheet = self._render(self._wizard())["Top complaint topics"]

        topics = [
            (rank, topic, count, round(share, 4), justified)
            for rank, topic, count, share, justified, *_late in sheet.iter_rows(values_only=True)
            if isinstance(rank, int)
        ]
        self.assertEqual(
            topics,
            [
                (1, self.readings.display_name, 3, 0.5, 1),
                (2, self.payment.display_name, 2, 0.3333, 0),
                (3, self.billing.display_name, 1, 0.1667, 0),
            ],
        )
        action = self.env.ref("sce_appeals.helpdesk_ticket_action_sce_top_complaints").sudo()
        self.assertIn(("appeal_kind", "=", "complaint"), safe_eval(action.domain))

    # ------------------------------------------------------------------ GEN-8

    @users(MANAGER)
    def test_gen8_indicator_executiveness(self):
        """GEN-8: executiveness = appeals answered on time / appeals whose answer deadline
        fell in the period, late and still-open ones included."""
        deadline = datetime(2019, 3, 20, 20, 59, 59)
        on_time = self._appeal("2019-03-05 09:00:00")
        on_time |= self._appeal("2019-03-06 09:00:00", "inquiry", self.phone)
        on_time |= self._appeal("2019-03-07 09:00:00")
        late = self._appeal("2019-03-08 09:00:00")
        overdue = self._appeal("2019-03-09 09:00:00")
        next_month = self._appeal("2019-03-25 09:00:00")
        on_time.write({"deadline_answer": deadline, "date_answered": datetime(2019, 3, 15, 9)})
        late.write({"deadline_answer": deadline, "date_answered": datetime(2019, 3, 25, 9)})
        overdue.write({"deadline_answer": deadline, "date_answered": False})
        next_month.write(
            {
                "deadline_answer": datetime(2019, 4, 10, 20, 59, 59),
                "date_answered": datetime(2019, 4, 20, 9),
            }
        )
        self.assertEqual(set(on_time.mapped("deadline_state")), {"done_on_time"})
        self.assertEqual(late.deadline_state, "done_late")
        self.assertEqual(overdue.deadline_state, "overdue")

        indicator = self._indicator()

        self.assertEqual((indicator.deadline_count, indicator.on_time_count), (5, 3))
        self.assertAlmostEqual(indicator.executiveness, 0.6)
        sheet = self._render(self._wizard())["Quality indicators"]
        header = self._header(sheet, self.env["sce.quality.indicator"]._fields["mro_id"].string)
        row = self._table(sheet, header[0])[self.mro.display_name]
        self.assertAlmostEqual(row[header.index("Executiveness") - 1], 0.6)
        self.assertTrue(
            any(
                isinstance(cell, str) and cell.startswith("Executiveness = ")
                for (cell,) in sheet.iter_rows(min_col=1, max_col=1, values_only=True)
            ),
            "the formulas are written under the table",
        )

    @users(MANAGER)
    def test_gen8_repeat_inquiry_lowers_informativeness(self):
        """GEN-8: an inquiry repeated by the same customer on the same topic within 30 days
        lowers informativeness; another topic or customer does not."""
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone, self.tariffs)
        self._appeal(
            "2019-03-06 09:00:00", "inquiry", self.phone, self.tariffs, partner_id=self.business.id
        )
        self._appeal("2019-03-07 09:00:00", "inquiry", self.phone, self.billing)
        indicator = self._indicator()
        self.assertEqual((indicator.inquiry_count, indicator.repeated_inquiry_count), (3, 0))
        self.assertAlmostEqual(indicator.informativeness, 1.0)

        self._appeal("2019-03-20 09:00:00", "inquiry", self.phone, self.tariffs)

        indicator = self._indicator()
        self.assertEqual((indicator.inquiry_count, indicator.repeated_inquiry_count), (4, 1))
        self.assertAlmostEqual(indicator.informativeness, 0.75)

    @users(MANAGER)
    def test_gen8_complaint_again_after_the_answer_lowers_feedback_effectiveness(self):
        """GEN-8: a complaint answered in the period and followed within 30 days of the
        answer by a new complaint of the same customer on the same topic lowers feedback
        effectiveness; a new complaint on another topic, or after 30 days, does not."""
        answered = self.setup_env["helpdesk.ticket"]
        for day in (3, 4, 5, 6):
            answered |= self._appeal(f"2019-02-{day:02d} 09:00:00")
        answered.write({"date_answered": datetime(2019, 3, 4, 9)})
        self._appeal("2019-03-10 09:00:00", category=self.tariffs)  # another topic
        self._appeal("2019-04-20 09:00:00")  # 47 days after the answer
        indicator = self._indicator()
        self.assertEqual((indicator.complaint_count, indicator.repeated_complaint_count), (4, 0))
        self.assertAlmostEqual(indicator.feedback_effectiveness, 1.0)

        self._appeal("2019-03-20 09:00:00")  # same customer and topic, 16 days later

        indicator = self._indicator()
        self.assertEqual((indicator.complaint_count, indicator.repeated_complaint_count), (4, 4))
        self.assertAlmostEqual(indicator.feedback_effectiveness, 0.0)

    @users(MANAGER)
    def test_gen8_wizard_opens_indicators_of_its_mros(self):
        """GEN-8: the wizard computes the period's indicators and lists those of its MROs."""
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone)
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone, mro_id=self.other_mro.id)

        action = self._wizard().action_compute_indicators()

        self.assertEqual(action["res_model"], "sce.quality.indicator")
        indicators = self.env["sce.quality.indicator"].search(action["domain"])
        self.assertEqual(indicators.mro_id, self.mro)
        self.assertEqual(indicators.inquiry_count, 1)

    # ------------------------------------------------------------------ charts (CTRL-1)

    def _structure_appeals(self):
        self._appeal("2019-03-04 09:00:00", "complaint", self.post, self.billing)
        self._appeal("2019-03-04 10:00:00", "complaint", self.post, self.payment)
        self._appeal(
            "2019-03-15 09:00:00", "inquiry", self.phone, self.tariffs, partner_id=self.business.id
        )
        self._appeal("2019-03-31 20:30:00", "suggestion", self.phone, self.readings)

    @users(MANAGER)
    def test_ctrl1_workbook_has_native_charts_of_its_tables(self):
        """CTRL-1: the time series and structure sheets carry native Excel charts whose
        series are the cells of their tables, not pictures."""
        self._structure_appeals()

        content = self._render_bytes(self._wizard())

        book = load_workbook(io.BytesIO(content))
        charts = self._charts(content)
        self.assertEqual(
            set(charts),
            {
                "Appeals by day and kind",
                "Appeals by channel",
                "Appeals by service form",
                "Appeals by kind",
                "Appeals by customer group",
                "Appeals by topic",
            },
        )
        # time series: a stacked column per kind over the 31 days of March (rows 6-36)
        chart_type, series = charts["Appeals by day and kind"]
        self.assertEqual(chart_type, "barChart")
        kinds = self._header(book["Time series"], "Day")[1:-1]
        self.assertEqual(len(series), len(kinds))
        for col, (name_ref, categories_ref, values_ref) in enumerate(series):
            letter = "BCDEFGH"[col]
            self.assertEqual(name_ref, f"'Time series'!${letter}$5")
            self.assertEqual(categories_ref, "'Time series'!$A$6:$A$36")
            self.assertEqual(values_ref, f"'Time series'!${letter}$6:${letter}$36")
        complaint = self._label("appeal_kind", "complaint")
        complaint_series = series[kinds.index(complaint)]
        self.assertEqual(self._cells(book, complaint_series[0]), [complaint])
        self.assertEqual(sum(self._cells(book, complaint_series[2])), 2)
        self.assertEqual(self._cells(book, complaint_series[1])[0], datetime(2019, 3, 1))

        # structure: each chart is the rows of its table between header and total
        expected = {
            "Appeals by channel": (
                "pieChart",
                {self.post.display_name: 2, self.phone.display_name: 2},
            ),
            "Appeals by kind": (
                "pieChart",
                {
                    complaint: 2,
                    self._label("appeal_kind", "inquiry"): 1,
                    self._label("appeal_kind", "suggestion"): 1,
                },
            ),
            "Appeals by topic": (
                "barChart",
                {
                    self.billing.display_name: 1,
                    self.payment.display_name: 1,
                    self.tariffs.display_name: 1,
                    self.readings.display_name: 1,
                },
            ),
        }
        for title, (expected_type, counts) in expected.items():
            chart_type, [(_name, categories_ref, values_ref)] = charts[title]
            self.assertEqual(chart_type, expected_type, title)
            self.assertTrue(categories_ref.startswith("Structure!$A$"), categories_ref)
            self.assertTrue(values_ref.startswith("Structure!$B$"), values_ref)
            categories = self._cells(book, categories_ref)
            self.assertEqual(
                dict(zip(categories, self._cells(book, values_ref), strict=True)), counts, title
            )
            self.assertEqual(len(categories), len(counts), f"{title}: no total in the chart")

    @users(MANAGER_RU)
    def test_ctrl1_gen8_charts_and_notes_in_russian(self):
        """CTRL-1, GEN-8: a Russian-speaking manager gets Russian chart titles, and the
        notice of missing quality indicators in Russian."""
        self._structure_appeals()

        content = self._render_bytes(self._wizard())

        book = load_workbook(io.BytesIO(content))
        charts = self._charts(content)
        self.assertIn("Обращения по дням и видам", charts)
        self.assertIn("Обращения по тематикам", charts)
        self.assertIn("Обращения по каналам", charts)
        _type, [(_name, categories_ref, _values)] = charts["Обращения по тематикам"]
        self.assertEqual(categories_ref.rsplit("!", 1)[0].strip("'"), book.sheetnames[2])
        notes = [
            cell for (cell,) in book[book.sheetnames[-1]].iter_rows(max_col=1, values_only=True)
        ]
        self.assertTrue(
            any(
                isinstance(n, str) and n.startswith("Показатели качества за этот период")
                for n in notes
            ),
            notes,
        )

    # ------------------------------------------------------------------ GEN-8, stored

    @users(MANAGER)
    def test_gen8_export_reads_stored_indicators_without_writing(self):
        """GEN-8: exporting reads the stored indicators: it neither deletes, creates nor
        writes any, and shows the figures of the last computation."""
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone)
        self.assertEqual(self._indicator().inquiry_count, 1)
        # an inquiry after the computation: the workbook does not see it until recomputed
        self._appeal("2019-03-06 09:00:00", "inquiry", self.phone, self.tariffs)
        rows = self._indicator_rows()
        self.assertTrue(rows)

        sheet = self._render(self._wizard())["Quality indicators"]

        self.assertEqual(self._indicator_rows(), rows)
        header = self._header(sheet, self.env["sce.quality.indicator"]._fields["mro_id"].string)
        row = self._table(sheet, header[0])[self.mro.display_name]
        self.assertEqual(row[header.index("Inquiries") - 1], 1)

        self._wizard().action_compute_indicators()
        sheet = self._render(self._wizard())["Quality indicators"]
        row = self._table(sheet, header[0])[self.mro.display_name]
        self.assertEqual(row[header.index("Inquiries") - 1], 2)

    @users(MANAGER)
    def test_gen8_missing_indicators_are_reported_on_the_sheet(self):
        """GEN-8: a period whose indicators were never computed says so on the sheet,
        and the export computes nothing."""
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone)
        indicators = self.env["sce.quality.indicator"]
        period = [("date_from", "=", date(2019, 3, 1)), ("date_to", "=", date(2019, 3, 31))]
        self.assertFalse(indicators.search_count(period))

        sheet = self._render(self._wizard())["Quality indicators"]

        column = [cell for (cell,) in sheet.iter_rows(max_col=1, values_only=True)]
        self.assertTrue(
            any(
                isinstance(cell, str)
                and cell.startswith("The quality indicators of this period have not been computed")
                for cell in column
            ),
            column,
        )
        self.assertNotIn(indicators._fields["mro_id"].string, column, "no table of indicators")
        self.assertFalse(indicators.search_count(period))

    @users(MANAGER)
    def test_gen8_export_button_recomputes_only_when_asked(self):
        """GEN-8: the wizard's export button recomputes the indicators first when its box
        is ticked (the default); unticked, it exports the stored ones."""
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone)
        indicators = self.env["sce.quality.indicator"]
        period = [("date_from", "=", date(2019, 3, 1)), ("date_to", "=", date(2019, 3, 31))]

        self._wizard(recompute_indicators=False).action_export_xlsx()
        self.assertFalse(indicators.search_count(period))

        wizard = self._wizard()
        self.assertTrue(wizard.recompute_indicators)
        wizard.action_export_xlsx()
        self.assertEqual(
            indicators.search(period + [("mro_id", "=", self.mro.id)]).inquiry_count, 1
        )

    @users(MANAGER)
    def test_gen8_recompute_button_refreshes_selected_periods(self):
        """GEN-8: Recompute on the indicator list replaces the rows of their periods."""
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone)
        old = self._indicator()
        self._appeal("2019-03-06 09:00:00", "inquiry", self.phone, self.tariffs)

        old.action_recompute()

        self.assertFalse(old.exists())
        new = self.env["sce.quality.indicator"].search(
            [("date_from", "=", date(2019, 3, 1)), ("mro_id", "=", self.mro.id)]
        )
        self.assertEqual((new.date_to, new.inquiry_count), (date(2019, 3, 31), 2))

    @users(MANAGER)
    def test_gen8_cron_computes_the_previous_month(self):
        """GEN-8: on the first of a month (Moscow time) the cron stores the indicators of
        the month before."""
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone)
        cron = self.env.ref("sce_appeals.ir_cron_sce_quality_indicators").sudo()
        self.assertEqual(cron.code.strip(), "model._cron_sce_compute_previous_month()")

        # 00:30 on 1 April in Moscow is still 31 March in UTC
        with freeze_time("2019-03-31 21:30:00"):
            self.env["sce.quality.indicator"]._cron_sce_compute_previous_month()

        indicator = self.env["sce.quality.indicator"].search([("mro_id", "=", self.mro.id)])
        self.assertEqual(
            (indicator.date_from, indicator.date_to, indicator.inquiry_count),
            (date(2019, 3, 1), date(2019, 3, 31), 1),
        )

    # ------------------------------------------------------------------ GEN-8, arithmetic

    def test_gen8_shares_of_known_counts(self):
        """GEN-8: the one formula of the three shares, zero denominators included."""
        counts = {
            "deadline_count": 5,
            "on_time_count": 3,
            "inquiry_count": 4,
            "repeated_inquiry_count": 1,
            "complaint_count": 2,
            "repeated_complaint_count": 0,
        }
        self.assertEqual(
            gen8_shares(counts),
            {"executiveness": 0.6, "informativeness": 0.75, "feedback_effectiveness": 1.0},
        )
        self.assertEqual(
            gen8_shares(dict.fromkeys(GEN8_COUNTS, 0)),
            {"executiveness": None, "informativeness": None, "feedback_effectiveness": None},
        )
        self.assertEqual(
            gen8_shares({**counts, "inquiry_count": 0, "repeated_inquiry_count": 0}),
            {"executiveness": 0.6, "informativeness": None, "feedback_effectiveness": 1.0},
        )
        self.assertEqual(
            gen8_shares({**counts, "complaint_count": 4, "repeated_complaint_count": 4}),
            {"executiveness": 0.6, "informativeness": 0.75, "feedback_effectiveness": 0.0},
        )

    @users(MANAGER)
    def test_gen8_sheet_total_weighs_mros_by_their_counts(self):
        """GEN-8: stored rows and the sheet's total both come from the one formula: the
        total is the share of the summed counts, not the mean of the MROs' shares."""
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone, self.tariffs)
        for day in (6, 7):
            self._appeal(
                f"2019-03-{day:02d} 09:00:00",
                "inquiry",
                self.phone,
                self.billing,
                mro_id=self.other_mro.id,
            )
        wizard = self._wizard(mro_ids=[(6, 0, (self.mro | self.other_mro).ids)])
        wizard.action_compute_indicators()
        indicators = self.env["sce.quality.indicator"].search(wizard._sce_indicator_domain())
        self.assertEqual(indicators.mro_id, self.mro | self.other_mro)
        for indicator in indicators:
            shares = gen8_shares({fname: indicator[fname] for fname in GEN8_COUNTS})
            self.assertAlmostEqual(indicator.informativeness, shares["informativeness"])

        sheet = self._render(wizard)["Quality indicators"]

        header = self._header(sheet, indicators._fields["mro_id"].string)
        table = self._table(sheet, header[0])
        column = header.index("Informativeness") - 1
        self.assertAlmostEqual(table[self.mro.display_name][column], 1.0)
        self.assertAlmostEqual(table[self.other_mro.display_name][column], 0.5)
        self.assertAlmostEqual(table["Total"][column], 1 - 1 / 3)
        self.assertIsNone(
            table["Total"][header.index("Feedback effectiveness") - 1], "no complaint: empty"
        )

    @users(MANAGER)
    def test_gen8_recomputation_is_not_callable_over_rpc(self):
        """GEN-8: the recomputation that deletes rows is private; the public methods of
        the indicator model and the wizard are argument-free ``action_*`` buttons."""
        indicators = self.env["sce.quality.indicator"]
        wizards = self.env["sce.monitoring.export.wizard"]
        with self.assertRaises(AccessError):
            get_public_method(indicators, "_sce_recompute")
        self.assertFalse(hasattr(indicators, "sce_compute"))
        self.assertTrue(get_public_method(indicators, "action_recompute"))
        for model in (indicators, wizards):
            for klass in type(model).__mro__:
                if not klass.__module__.startswith("odoo.addons.sce_appeals."):
                    continue
                for name, member in vars(klass).items():
                    if name.startswith("_") or not callable(member):
                        continue
                    self.assertTrue(name.startswith("action_"), f"{model._name}.{name}")
                    self.assertEqual(
                        member.__code__.co_argcount, 1, f"{model._name}.{name} takes arguments"
                    )
