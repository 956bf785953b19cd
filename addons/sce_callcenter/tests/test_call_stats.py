import io
import zipfile
from datetime import timedelta

import openpyxl

from odoo.tests import TransactionCase, users

from .common import T0, CallCenterCommon


class TestCallStats(CallCenterCommon, TransactionCase):
    """Call-center statistics (CC-3, CC-5, CC-6) on six calls sent through the CTI
    ingestion, against figures computed by hand:

    A  inbound, IVR 10 s, queued, answered by 101 after 20 s, talk 100 s
    B  inbound, IVR 10 s, queued, answered by 101 after 60 s, transferred to 201 in the
       queue of the billing department, talk 300 s (operator: 201, who ended it)
    C  inbound, IVR 5 s, abandoned in the queue after 60 s (a callback is promised)
    D  inbound, closed in the IVR after 40 s
    E  inbound, IVR 10 s, rang at 201 for 20 s, missed
    F  outbound by 201 to C's number, answered, talk 60 s: keeps the callback on time

    offered A B C E = 4; answered A B = 2, within 40 s A = 1 → service level 25 %;
    ASA (20 + 60) / 2 = 40 s; AHT (100 + 300 + 60) / 3 = 153.3 s; abandonment 2/4 = 50 %;
    closed in IVR 1 of 5 inbound = 20 %; time in IVR (10 + 10 + 5 + 40 + 10) / 5 = 15 s.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()
        cls.supervisor = cls._cc_user("supervisor", name="Руководитель КЦ")
        cls.env["sce.call.queue"].create(
            {"code": "billing", "name": "Расчёты", "line": "line2", "department": "Отдел расчётов"}
        )

    def _calls(self):
        ev = self._event
        c_number = "+79180001003"
        self._ingest(
            [
                ev("A", 1, "call_started", 0, caller="+79180001001"),
                ev("A", 2, "ivr_step", 5, data={"node": "2"}),
                ev("A", 3, "queued", 10, queue="line1"),
                ev("A", 4, "ringing", 20, queue="line1", agent="101"),
                ev("A", 5, "answered", 30, agent="101"),
                ev("A", 6, "ended", 130),
            ]
        )
        self._ingest(
            [
                ev("B", 1, "call_started", 0, caller="+79180001002"),
                ev("B", 2, "queued", 10, queue="line1"),
                ev("B", 3, "ringing", 50, queue="line1", agent="101"),
                ev("B", 4, "answered", 70, agent="101"),
                ev("B", 5, "transferred", 80, queue="billing", agent="201"),
                ev("B", 6, "ended", 370),
            ]
        )
        call_c = self._ingest(
            [
                ev("C", 1, "call_started", 0, caller=c_number),
                ev("C", 2, "queued", 5, queue="line1"),
                ev("C", 3, "ended", 65),
            ]
        )
        self._ingest(
            [
                ev("D", 1, "call_started", 0, caller="+79180001004"),
                ev("D", 2, "ivr_step", 4, data={"node": "1"}),
                ev("D", 3, "ended", 40),
            ]
        )
        self._ingest(
            [
                ev("E", 1, "call_started", 0, caller="+79180001005"),
                ev("E", 2, "ringing", 10, queue="line1", agent="201"),
                ev("E", 3, "ended", 30),
            ]
        )
        call_c.with_user(self.operator).action_promise_callback()
        self._ingest(
            [
                ev(
                    "F", 1, "call_started", 100, direction="outbound", caller="201", called=c_number
                ),
                ev("F", 2, "answered", 110, agent="201"),
                ev("F", 3, "ended", 170),
            ]
        )
        Event = self.env["sce.call.event"].sudo()
        for seconds, status in (
            (0, "available"),
            (60, "busy"),
            (160, "acw"),
            (200, "available"),
            (300, "break"),
        ):
            self.env["sce.call"].sudo()._sce_ingest_event(
                self.source,
                Event._sce_parse(
                    {
                        "source": "test-pbx",
                        "event_id": f"st-{seconds}",
                        "sequence": 1,
                        "type": "agent_status",
                        "timestamp": (T0 + timedelta(seconds=seconds)).isoformat() + "+00:00",
                        "agent": "101",
                        "data": {"status": status},
                    }
                ),
            )

    def _period(self):
        """The day of the calls and only this PBX (the database may hold demo calls)."""
        return T0 - timedelta(hours=1), T0 + timedelta(days=1), [("source_id", "=", self.source.id)]

    @users("sce-cc-supervisor")
    def test_cc3_kpis_match_hand_computed_figures(self):
        """CC-3 (service level within 40 s, ASA, AHT, abandonment), CC-5 (closed in
        IVR), CC-6 (callback on-time rate): the key figures of the six calls."""
        self._calls()
        kpis = self.env["sce.call"]._sce_kpis(*self._period())
        expected = {
            "inbound": 5,
            "outbound": 1,
            "offered": 4,
            "answered": 2,
            "answered_in_time": 1,
            "unanswered": 2,
            "closed_ivr": 1,
            "closed_by_operator": 2,
            "transferred": 1,
            "service_level": 25.0,
            "asa": 40.0,
            "aht": 153.3,
            "abandonment_rate": 50.0,
            "ivr_share": 20.0,
            "avg_ivr_time": 15.0,
            "callbacks_due": 1,
            "callbacks_on_time": 1,
            "callback_on_time_rate": 100.0,
        }
        self.assertEqual(kpis, expected)

    @users("sce-cc-supervisor")
    def test_cc3_fields_lists_group_by(self):
        """CC-3: hour, day, answered within 40 s, closed in IVR and transfers are stored
        fields a list or pivot groups by."""
        self._calls()
        Call = self.env["sce.call"]
        mine = [("source_id", "=", self.source.id)]
        by_hour = dict(Call._read_group(mine + [("offered", "=", True)], ["hour"], ["__count"]))
        self.assertEqual(by_hour, {10: 4})  # 07:00 UTC is 10:00 in Vladikavkaz
        self.assertEqual(
            Call.search(mine + [("answered_in_time", "=", True)]).mapped("external_call_id"), ["A"]
        )
        self.assertEqual(Call.search(mine + [("ivr_only", "=", True)]).external_call_id, "D")
        self.assertEqual(
            Call._sce_transfers_by_department(*self._period()), [("Отдел расчётов", 1)]
        )
        day = Call._read_group(mine, ["date_day:day"], ["__count"])
        self.assertEqual(len(day), 1)

    @users("sce-cc-supervisor")
    def test_cc3_operator_handling_time_and_workload(self):
        """CC-3: per operator the calls answered, AHT and workload (busy and after-call
        work over the time logged in: 101 was available 160 s, busy 100 s, in after-call
        work 40 s → 140 / 300 = 46.7 %)."""
        self._calls()
        rows = {r["user"]: r for r in self.env["sce.call"]._sce_operator_figures(*self._period())}
        first = rows[self.operator]
        self.assertEqual(
            (first["answered"], first["aht"], first["logged_in"], first["workload"]),
            (1, 100.0, 300, 46.7),
        )
        second = rows[self.operator_2]
        self.assertEqual((second["answered"], second["aht"], second["workload"]), (2, 180.0, None))

    @users("sce-cc-supervisor")
    def test_cc3_xlsx_export_with_native_charts(self):
        """CC-3: the XLSX export carries the figures and native Excel charts."""
        self._calls()
        wizard = self.env["sce.call.stats.wizard"].create(
            {"date_from": T0.date(), "date_to": T0.date(), "source_id": self.source.id}
        )
        content, report_format = self.env["ir.actions.report"]._render_xlsx(
            "sce_callcenter.action_report_sce_call_stats_xlsx", wizard.ids, data=None
        )
        self.assertEqual(report_format, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(
            book.sheetnames, ["Key figures", "By hour", "By day", "Operators", "Transfers"]
        )
        figures = {
            row[0]: row[1] for row in book["Key figures"].iter_rows(min_row=5, values_only=True)
        }
        self.assertEqual(figures["Service level (answered within 40 s / offered)"], 0.25)
        self.assertEqual(figures["ASA, average speed of answer (s)"], 40.0)
        self.assertEqual(figures["Abandonment rate (not answered / offered)"], 0.5)
        hour_10 = [r for r in book["By hour"].iter_rows(values_only=True) if r[0] == "10:00"]
        self.assertEqual(hour_10[0][1:4], (1, 1, 2))
        charts = [
            name
            for name in zipfile.ZipFile(io.BytesIO(content)).namelist()
            if name.startswith("xl/charts/chart")
        ]
        self.assertEqual(len(charts), 4)
