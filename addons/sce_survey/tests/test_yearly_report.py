import io
import re
import zipfile
from xml.etree import ElementTree

from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged, users, warmup

from .common_results import (
    FIGURES_2024_MRO_A,
    FIGURES_2025_MRO_A,
    FIGURES_2025_MRO_B,
    SceSurveyResultsCase,
)

CHART_NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
# MRO, invited, answered, response rate, 4 indicators, satisfied, satisfied before, change
BY_MRO_HEADER_ROW = 5


@tagged("post_install", "-at_install")
class TestYearlyReport(SceSurveyResultsCase):
    """FB-5, CTRL-6: the yearly report — a PDF in Russian for the site and the stands
    without personal data, an XLSX with charts for managers — shows the hand-computed
    figures per MRO and channel beside the year before."""

    def _wizard(self, **vals):
        return self.env["sce.survey.report.wizard"].create({"year": 2025, **vals})

    def _html(self, wizard):
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "sce_survey.action_report_sce_survey_yearly", wizard.ids
        )
        return html.decode()

    def _xlsx(self, wizard):
        reports = self.env["ir.actions.report"].with_context(lang=self.env.user.lang)
        content, report_format = reports._render_xlsx(
            "sce_survey.action_report_sce_survey_yearly_xlsx", wizard.ids, data=None
        )
        self.assertEqual(report_format, "xlsx")
        return content

    def _chart_titles(self, content):
        titles = []
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            for name in package.namelist():
                if re.fullmatch(r"xl/charts/chart\d+\.xml", name):
                    root = ElementTree.fromstring(package.read(name))
                    titles.append(
                        "".join(t.text for t in root.iterfind("c:chart/c:title//a:t", CHART_NS))
                    )
        return titles

    @users("sce-manager")
    def test_fb5_yearly_figures_per_mro_with_previous_year(self):
        figures = self._wizard()._sce_yearly_figures()
        self.assertEqual((figures["year"], figures["previous_year"]), (2025, 2024))
        by_mro = {label: (now, before) for label, now, before in figures["by_mro"]}
        self.assertEqual(list(by_mro), ["Test MRO A", "Test MRO B"])
        self.assertFigures(by_mro["Test MRO A"][0], FIGURES_2025_MRO_A)
        self.assertFigures(by_mro["Test MRO A"][1], FIGURES_2024_MRO_A)
        self.assertFigures(by_mro["Test MRO B"][0], FIGURES_2025_MRO_B)
        self.assertEqual(by_mro["Test MRO B"][1]["invited_count"], 0, "nobody invited in 2024")
        self.assertIsNone(by_mro["Test MRO B"][1]["satisfaction"])
        _label, total, total_before = figures["total"]
        self.assertEqual((total["invited_count"], total["answered_count"]), (6, 4))
        self.assertEqual(total_before["answered_count"], 1)
        months = dict(figures["by_month"])
        self.assertEqual(months[1]["invited_count"], 1, "01.01.2025 00:30 Moscow is January")
        self.assertEqual(months[12]["invited_count"], 1)
        self.assertEqual(months[12]["answered_count"], 0)
        self.assertIsNone(months[2]["satisfaction"])

    @users("sce-manager")
    def test_fb5_pdf_in_russian_without_personal_data(self):
        html = self._html(self._wizard())
        self.assertIn("Исследование удовлетворённости потребителей, 2025", html)
        self.assertIn("Сравнение с 2024", html)
        self.assertIn("Test MRO A", html)
        self.assertIn("Test MRO B", html)
        self.assertIn("75,0 %", html, "MRO A's response rate, Russian decimal comma")
        self.assertIn("66,7 %", html, "MRO A's satisfied share")
        self.assertIn("+66,7", html, "MRO A's satisfied share: 0 % in 2024, 66,7 % in 2025")
        customers = self.customer | self.customer_b
        for personal in (
            customers.mapped("sce_surname")
            + customers.mapped("name")
            + [self.customer.email, "53-12-34", "825-44-10", "TEST-1501", "Маркуса"]
        ):
            self.assertNotIn(personal, html)
        for answer in self.answers:
            self.assertNotIn(answer.access_token, html)

    @users("sce-mro-a")
    def test_fb5_organizer_report_shows_own_mro_only(self):
        wizard = self._wizard()
        labels = [label for label, _now, _before in wizard._sce_yearly_figures()["by_mro"]]
        self.assertEqual(labels, ["Test MRO A"])
        html = self._html(wizard)
        self.assertNotIn("Test MRO B", html)

    @users("sce-manager")
    def test_fb5_report_of_one_mro(self):
        figures = self._wizard(mro_id=self.mro_b.id)._sce_yearly_figures()
        self.assertEqual([label for label, *_rest in figures["by_mro"]], ["Test MRO B"])
        self.assertFigures(figures["total"][1], FIGURES_2025_MRO_B)

    @users("sce-manager")
    def test_ctrl6_xlsx_opens_with_charts_and_the_same_figures(self):
        content = self._xlsx(self._wizard())
        book = load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames, ["By MRO", "By channel", "By month"])
        sheet = book["By MRO"]
        header = [cell.value for cell in sheet[BY_MRO_HEADER_ROW]]
        self.assertEqual(header[:4], ["MRO", "Customers invited", "Answered", "Response rate"])
        self.assertEqual(header[9], "Satisfied, 2024")
        rows = {
            row[0]: row
            for row in sheet.iter_rows(min_row=BY_MRO_HEADER_ROW + 1, values_only=True)
            if row[0]
        }
        mro_a = rows["Test MRO A"]
        expected = FIGURES_2025_MRO_A
        self.assertEqual(mro_a[1:3], (expected["invited_count"], expected["answered_count"]))
        for col, fname in enumerate(
            (
                "response_rate",
                "informativeness",
                "executiveness",
                "feedback_effectiveness",
                "satisfaction",
                "satisfied_share",
            ),
            start=3,
        ):
            self.assertAlmostEqual(mro_a[col], expected[fname], places=6, msg=fname)
        self.assertAlmostEqual(mro_a[9], 0.0)
        self.assertAlmostEqual(mro_a[10], 200 / 3, places=6)
        self.assertIsNone(rows["Test MRO B"][5], "nobody in MRO B rated executiveness")
        self.assertEqual(rows["Total"][1:3], (6, 4))
        channels = {row[0]: row for row in book["By channel"].iter_rows(values_only=True)}
        self.assertEqual(channels[self.channel_web.name][1:3], (2, 2))
        months = list(book["By month"].iter_rows(min_row=6, max_row=17, values_only=True))
        self.assertEqual([month[0] for month in months][:2], ["01.2025", "02.2025"])
        self.assertEqual(sum(month[1] for month in months), 6)
        self.assertEqual([len(book[name]._charts) for name in book.sheetnames], [2, 2, 2])
        titles = self._chart_titles(content)
        self.assertIn("Satisfied customers: 2025 and 2024", titles)
        self.assertIn("Satisfaction by month, 2025", titles)

    @users("sce-manager")
    def test_fb5_wizard_buttons_print_pdf_and_xlsx(self):
        wizard = self._wizard()
        self.assertEqual(
            wizard.action_print_pdf()["report_name"], "sce_survey.report_sce_survey_yearly"
        )
        action = wizard.action_export_xlsx()
        self.assertEqual(
            (action["report_name"], action["report_type"]), ("sce_survey.yearly_xlsx", "xlsx")
        )

    @users("sce-cc-operator", "sce-portal-survey")
    def test_fb5_operator_and_portal_cannot_use_the_report(self):
        with self.assertRaises(AccessError):
            self.env["sce.survey.report.wizard"].create({"year": 2025})

    @users("sce-manager")
    @warmup
    def test_fb5_yearly_figures_query_budget(self):
        """Seven grouped queries, the period bounds and the labels of MROs and channels,
        whatever the number of answers."""
        wizard = self._wizard()
        with self.assertQueryCount(**{"sce-manager": 11}):
            wizard._sce_yearly_figures()
