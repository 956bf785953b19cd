import io
from datetime import date, datetime

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

SHEETS = [
    "Summary",
    "Time series",
    "Structure",
    "Cross-table",
    "Top complaint topics",
    "Quality indicators",
]


@tagged("post_install", "-at_install")
class TestMonitoring(TransactionCase):
    """Monitoring of appeals: the monthly XLSX report (CTRL-1, CTRL-3) and the quality
    indicators (GEN-8). Appeals live in March 2019 and in their own MRO, away from any
    demo data."""

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

    # ------------------------------------------------------------------ helpers

    def _appeal(self, received, kind="complaint", channel=None, category=None, **vals):
        return self.env["helpdesk.ticket"].create(
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

    def _render(self, wizard):
        content, report_format = self.env["ir.actions.report"]._render_xlsx(
            "sce_appeals.action_report_sce_monitoring_xlsx", wizard.ids, data=None
        )
        self.assertEqual(report_format, "xlsx")
        return load_workbook(io.BytesIO(content))

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
        indicators = self.env["sce.quality.indicator"].sce_compute(
            date(2019, 3, 1), date(2019, 3, 31)
        )
        return indicators.filtered(lambda indicator: indicator.mro_id == self.mro)

    # ------------------------------------------------------------------ CTRL-1

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

        few = count_queries()
        for day in range(5, 15):
            self._appeal(f"2019-03-{day:02d} 09:00:00")
        self.assertEqual(count_queries(), few)

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
        action = self.env.ref("sce_appeals.helpdesk_ticket_action_sce_top_complaints")
        self.assertIn(("appeal_kind", "=", "complaint"), safe_eval(action.domain))

    # ------------------------------------------------------------------ GEN-8

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

    def test_gen8_wizard_opens_indicators_of_its_mros(self):
        """GEN-8: the wizard computes the period's indicators and lists those of its MROs."""
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone)
        self._appeal("2019-03-05 09:00:00", "inquiry", self.phone, mro_id=self.other_mro.id)

        action = self._wizard().action_compute_indicators()

        self.assertEqual(action["res_model"], "sce.quality.indicator")
        indicators = self.env["sce.quality.indicator"].search(action["domain"])
        self.assertEqual(indicators.mro_id, self.mro)
        self.assertEqual(indicators.inquiry_count, 1)
