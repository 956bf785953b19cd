import io
import zipfile
from datetime import date

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.tests import TransactionCase, tagged

from .common import QueueCommon


@tagged("post_install", "-at_install")
class TestQueueStats(QueueCommon, TransactionCase):
    """SC-8: wait and service time per service, window, operator and day against the
    norms of Table 4, the share of visits within 60 minutes, the queue by hour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()
        cls.env.company.partner_id.tz = "Europe/Moscow"
        Ticket = cls.env["sce.queue.ticket"].with_user(cls.administrator)

        def issue(service, moment):
            with freeze_time(moment):
                return Ticket.create({"center_id": cls.center.id, "service_id": service.id})

        def serve(window, user, called, started, finished):
            with freeze_time(called):
                ticket = cls.env["sce.queue.ticket"].browse(
                    window.with_user(user).action_call_next()["res_id"]
                )
            with freeze_time(started):
                ticket.with_user(user).action_start()
            with freeze_time(finished):
                ticket.with_user(user).action_finish()
            return ticket

        # Monday 2 November 2026, 10:00 Moscow time = 07:00 UTC
        cls.first = issue(cls.svc_consult, "2026-11-02 07:00:00")
        cls.second = issue(cls.svc_consult, "2026-11-02 07:10:00")
        cls.cash = issue(cls.svc_cash, "2026-11-02 07:20:00")
        serve(
            cls.window_consult,
            cls.consultant,
            "2026-11-02 07:30:00",
            "2026-11-02 07:31:00",
            "2026-11-02 07:51:00",
        )
        serve(
            cls.window_cash,
            cls.cashier,
            "2026-11-02 07:25:00",
            "2026-11-02 07:25:00",
            "2026-11-02 07:30:00",
        )
        serve(
            cls.window_consult,
            cls.consultant,
            "2026-11-02 07:52:00",
            "2026-11-02 07:52:00",
            "2026-11-02 08:20:00",
        )
        cls.left = issue(cls.svc_consult, "2026-11-02 07:40:00")

    def test_sc8_stored_figures_for_the_pivot(self):
        """SC-8: per service, the averages of wait and service against the norms and the
        share of visits within 60 minutes are one _read_group of stored fields."""
        rows = (
            self.env["sce.queue.ticket"]
            .with_user(self.head)
            ._read_group(
                [("state", "=", "done"), ("center_id", "=", self.center.id)],
                ["service_id"],
                [
                    "__count",
                    "wait_minutes:avg",
                    "norm_wait_minutes:avg",
                    "service_minutes:avg",
                    "visit_within_norm:avg",
                ],
            )
        )
        figures = {service: values for service, *values in rows}
        self.assertEqual(figures[self.svc_consult], [2, 36.0, 20.0, 24.0, 50.0])
        self.assertEqual(figures[self.svc_cash], [1, 5.0, 20.0, 5.0, 100.0])
        self.assertEqual(self.first.issued_hour, 10)
        self.assertEqual(self.first.serving_role, "consultant")

    def _export(self, user):
        wizard = (
            self.env["sce.queue.stats.wizard"]
            .with_user(user)
            .create({"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 30)})
        )
        self.assertEqual(wizard.action_export()["report_type"], "xlsx")
        content, report_format = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_xlsx(
                "sce_service_center.action_report_queue_stats_xlsx", wizard.ids, data=None
            )
        )
        self.assertEqual(report_format, "xlsx")
        return content

    @staticmethod
    def _rows(sheet):
        return {
            row[0]: row[1:]
            for row in sheet.iter_rows(min_row=4, values_only=True)
            if row and row[0]
        }

    def test_sc8_xlsx_against_the_norms_with_charts_and_queue_by_hour(self):
        """SC-8: the hall administrator's workbook: services, roles, windows, operators,
        days and the queue by hour, with native charts."""
        content = self._export(self.administrator)
        book = load_workbook(io.BytesIO(content))
        services, roles, windows, operators, days, hours = book.worksheets
        consult = self._rows(services)[self.svc_consult.display_name]
        self.assertEqual(consult[:5], (2, 36, 20, 24, 15))
        self.assertAlmostEqual(consult[5], 0.5)
        self.assertEqual(self._rows(roles)["Manager-consultant"][0], 2)
        self.assertEqual(self._rows(windows)[self.window_cash.display_name][:2], (1, 5))
        self.assertEqual(self._rows(operators)[self.consultant.display_name][0], 2)
        self.assertEqual(self._rows(days)["02.11.2026"][0], 3)
        queue = self._rows(hours)
        # at 10:00 the first visitor waits; from 11:00 the one never called
        self.assertEqual(queue["10:00"], (1, 1))
        self.assertEqual(queue["11:00"], (1, 1))
        self.assertNotIn("09:00", queue)
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        self.assertEqual(len(charts), 11)

    def test_sc8_xlsx_of_another_centers_administrator_is_empty(self):
        """SC-6: the statistics are read as the user: another center's administrator
        gets none of this center's visits."""
        stranger = self._sc_user("administrator", login="sce-sc-admin-stats", name="Чужой Админ")
        stranger.sce_service_center_ids = self.other_center
        book = load_workbook(io.BytesIO(self._export(stranger)))
        self.assertFalse(
            [r for r in book.worksheets[0].iter_rows(min_row=4, values_only=True) if r[0] and r[1]]
        )
        self.assertFalse(self._rows(book.worksheets[-1]))
