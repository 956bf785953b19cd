from odoo import models
from odoo.tools import format_datetime

SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")


class SceCenterComplianceXlsx(models.AbstractModel):
    """Compliance of the chosen centers (SC-1, SC-3, SC-4): a summary sheet, then one
    sheet of checks per center. It reads the stored checks; recomputing them is the
    centers' button."""

    _name = "report.sce_service_center.center_compliance_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Compliance of service centers (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        fmt = self._sce_formats(workbook)
        self._sce_write_summary(workbook, objs, fmt)
        for center in objs:
            self._sce_write_center(workbook, center, fmt)

    def _sce_write_summary(self, workbook, centers, fmt):
        sheet = workbook.add_worksheet(self._sce_sheet_name(self.env._("Summary")))
        sheet.set_column(0, 0, 48)
        sheet.set_column(1, 6, 16)
        sheet.write(0, 0, self.env._("Compliance of service centers"), fmt["title"])
        headers = (
            self.env._("Service center"),
            self.env._("Tier"),
            self.env._("Staff"),
            self.env._("Checks"),
            self.env._("Failed"),
            self.env._("Compliance"),
            self.env._("Checked on"),
        )
        sheet.write_row(2, 0, headers, fmt["header"])
        tiers = dict(centers._fields["tier"]._description_selection(self.env))
        states = dict(centers._fields["compliance_state"]._description_selection(self.env))
        for row, center in enumerate(centers, start=3):
            sheet.write(row, 0, center.name, fmt["label"])
            sheet.write(row, 1, tiers.get(center.tier, ""), fmt["label"])
            sheet.write_number(row, 2, center.staff_count, fmt["count"])
            sheet.write_number(row, 3, len(center.check_ids), fmt["count"])
            sheet.write_number(row, 4, center.check_failed_count, fmt["count"])
            sheet.write(
                row,
                5,
                states.get(center.compliance_state, ""),
                fmt["failed" if center.check_failed_count else "label"],
            )
            sheet.write(
                row,
                6,
                format_datetime(self.env, center.checked_at) if center.checked_at else "",
                fmt["label"],
            )

    def _sce_write_center(self, workbook, center, fmt):
        sheet = workbook.add_worksheet(self._sce_sheet_name(f"{center.id} {center.name}"))
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 60)
        sheet.set_column(2, 3, 16)
        sheet.set_column(4, 5, 22)
        sheet.write(0, 0, center.name, fmt["title"])
        sheet.write(1, 0, center.address or "")
        headers = (
            self.env._("Category"),
            self.env._("Norm"),
            self.env._("Required"),
            self.env._("Actual"),
            self.env._("Result"),
            self.env._("Clause of the standard"),
        )
        sheet.write_row(3, 0, headers, fmt["header"])
        categories = dict(
            self.env["sce.service.center.check"]
            ._fields["category"]
            ._description_selection(self.env)
        )
        for row, check in enumerate(center.check_ids, start=4):
            cell = fmt["label" if check.passed else "failed"]
            sheet.write(row, 0, categories.get(check.category, ""), cell)
            sheet.write(row, 1, check.name, cell)
            sheet.write(row, 2, check.required or "", cell)
            sheet.write(row, 3, check.actual or "", cell)
            sheet.write(
                row, 4, self.env._("passed") if check.passed else self.env._("failed"), cell
            )
            sheet.write(row, 5, check.clause or "", cell)

    def _sce_sheet_name(self, name):
        """A worksheet name Excel accepts."""
        return name.translate(SHEET_NAME_FORBIDDEN)[:SHEET_NAME_MAX]

    def _sce_formats(self, workbook):
        bordered = {"border": 1, "valign": "top", "text_wrap": True}
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format({**bordered, "bold": True, "bg_color": "#D9E1F2"}),
            "label": workbook.add_format(bordered),
            "failed": workbook.add_format({**bordered, "font_color": "#C00000"}),
            "count": workbook.add_format({**bordered, "num_format": "0"}),
        }
