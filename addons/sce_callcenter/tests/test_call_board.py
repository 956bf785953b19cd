import json

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged, users, warmup

from .common import T0, CallCenterCommon


class TestCallBoard(CallCenterCommon, TransactionCase):
    """IVR path and time of calls, operator states from agent-status events and the
    operator board (CC-3, CC-7 item 15)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()
        cls.supervisor = cls._cc_user("supervisor", name="Руководитель КЦ", sce_extension="301")
        Queue = cls.env["sce.call.queue"]
        cls.queue_1 = Queue.create({"code": "q-line1", "name": "Первая линия", "line": "line1"})
        cls.queue_2 = Queue.create(
            {
                "code": "q-line2",
                "name": "Вторая линия",
                "line": "line2",
                "department": "Отдел расчётов",
            }
        )
        cls.names = {"Оператор Первый", "Оператор Второй", "Руководитель КЦ"}

    def _status(self, agent, status, seconds, sequence=1):
        return {
            "source": "test-pbx",
            "event_id": f"agent-{agent}-{seconds}-{status}",
            "sequence": sequence,
            "type": "agent_status",
            "timestamp": self._event("x", 0, "ended", seconds)["timestamp"],
            "agent": agent,
            "data": {"status": status},
        }

    def _ingest_status(self, events):
        Event = self.env["sce.call.event"].sudo()
        for event in events:
            self.env["sce.call"].sudo()._sce_ingest_event(self.source, Event._sce_parse(event))

    def _ivr_flow(self, call_id):
        return [
            self._event(call_id, 1, "call_started", 0, caller="+78672531234", called="3000"),
            self._event(call_id, 2, "ivr_step", 3, data={"node": "1"}),
            self._event(call_id, 3, "ivr_step", 10, data={"node": "2"}),
            self._event(call_id, 4, "queued", 25, queue="q-line1"),
            self._event(call_id, 5, "ringing", 30, queue="q-line1", agent="101"),
            self._event(call_id, 6, "answered", 45, agent="101"),
            self._event(call_id, 7, "ended", 100),
        ]

    # ------------------------------------------------------------------ IVR path and time

    def test_cc3_ivr_path_and_time_in_ivr_from_ivr_steps(self):
        """CC-3, CC-5: the IVR path is the menu items in order, the time in IVR runs
        from the start to joining the queue; events in any order give the same call."""
        call = self._ingest(self._ivr_flow("board-ivr"))
        self.assertEqual(call.ivr_path, "1 › 2")
        self.assertEqual(call.ivr_duration, 25)
        shuffled = self._ivr_flow("board-ivr-late")
        call_late = self._ingest(list(reversed(shuffled)))
        self.assertEqual(
            (call_late.ivr_path, call_late.ivr_duration, call_late.disposition),
            ("1 › 2", 25, "answered"),
        )

    def test_cc5_call_closed_in_ivr_spent_its_time_there(self):
        """CC-5: a call that ends in the IVR (self-service) spent its whole length
        there; a Zadarma-style step names the digits pressed."""
        call = self._ingest(
            [
                self._event("board-self", 1, "call_started", 0, caller="+78672531234"),
                self._event("board-self", 2, "ivr_step", 4, data={"wait_dtmf": {"digits": "3"}}),
                self._event("board-self", 3, "ivr_step", 9),
                self._event("board-self", 4, "ended", 70),
            ]
        )
        self.assertEqual((call.ivr_path, call.ivr_duration), ("3 › ?", 70))
        self.assertTrue(call.ivr_only)
        self.assertFalse(call.offered)

    def test_cc3_transfer_is_kept_with_its_department(self):
        """CC-3: a transferred call keeps the queue and department it went to."""
        call = self._ingest(
            self._flow("board-transfer")[:3]
            + [
                self._event("board-transfer", 4, "transferred", 60, queue="q-line2", agent="201"),
                self._event("board-transfer", 5, "ended", 120),
            ]
        )
        self.assertTrue(call.is_transferred)
        self.assertEqual(call.transfer_count, 1)
        self.assertEqual(
            (call.transfer_queue, call.transfer_department), ("q-line2", "Отдел расчётов")
        )
        self.assertEqual(call.user_id, self.operator_2)

    # ------------------------------------------------------------------ operator states

    def test_cc3_agent_status_events_become_operator_states_with_their_time(self):
        """CC-3: agent-status events give the operator's states with start, end and
        duration, also when they arrive out of order; an unknown extension or status
        is kept as an event only."""
        self._ingest_status(
            [
                self._status("101", "ready", 0),
                self._status("101", "acw", 240),
                self._status("101", "busy", 60),  # late
                self._status("101", "break", 300),
                self._status("999", "busy", 10),
                self._status("201", "dancing", 10),
            ]
        )
        States = self.env["sce.operator.state"]
        rows = States.search([("user_id", "=", self.operator.id)], order="date_start")
        self.assertEqual(rows.mapped("state"), ["available", "busy", "acw", "break"])
        self.assertEqual(rows.mapped("duration"), [60, 180, 60, 0])
        self.assertFalse(rows[-1].date_end)
        self.assertEqual(rows[0].date_start, T0)
        self.assertFalse(States.search([("user_id", "=", self.operator_2.id)]))
        agent_events = [("event_type", "=", "agent_status"), ("source_id", "=", self.source.id)]
        self.assertEqual(self.env["sce.call.event"].search_count(agent_events), 6)

    # ------------------------------------------------------------------ the board

    def _setup_board(self):
        self._ingest_status(
            [
                self._status("101", "available", 0),
                self._status("201", "break", 5),
                self._status("301", "available", 7),
            ]
        )
        for call_id, queue in (
            ("wait-1a", "q-line1"),
            ("wait-1b", "q-line1"),
            ("wait-2", "q-line2"),
        ):
            self._ingest(
                [
                    self._event(call_id, 1, "call_started", 0, caller="+79180000001"),
                    self._event(call_id, 2, "queued", 20, queue=queue),
                ]
            )
        self._ingest(self._flow("board-talk")[:3])  # answered at 101

    @users("sce-cc-line1")
    def test_cc7_line1_sees_lines_1_and_2(self):
        """CC-7 item 15: a line-1 operator sees the operators and queues of both lines
        (not the supervisors), each with state, since when and current call."""
        self._setup_board()
        data = self.env["sce.operator.state"]._sce_board_data()
        operators = {op["name"]: op for op in data["operators"]}
        self.assertEqual(set(operators) & self.names, {"Оператор Первый", "Оператор Второй"})
        self.assertEqual({op["line"] for op in data["operators"]}, {"line1", "line2"})
        first = operators["Оператор Первый"]
        self.assertEqual((first["state"], first["line"]), ("available", "line1"))
        self.assertEqual(first["since"], "2026-11-02 07:00:00")
        self.assertEqual(first["call"]["state"], "answered")
        self.assertEqual(operators["Оператор Второй"]["state"], "break")
        self.assertFalse(operators["Оператор Второй"]["call"])
        queues = {q["code"]: q["waiting"] for q in data["queues"] if q["code"].startswith("q-")}
        self.assertEqual(queues, {"q-line1": 2, "q-line2": 1})

    @users("sce-cc-line2")
    def test_cc7_line2_sees_line_2_only(self):
        """CC-7 item 15: a line-2 operator sees line 2 only, by the server's check."""
        self._setup_board()
        data = self.env["sce.operator.state"]._sce_board_data()
        names = {op["name"] for op in data["operators"]}
        self.assertEqual(names & self.names, {"Оператор Второй"})
        self.assertEqual({op["line"] for op in data["operators"]}, {"line2"})
        queues = [(q["code"], q["waiting"]) for q in data["queues"] if q["code"].startswith("q-")]
        self.assertEqual(queues, [("q-line2", 1)])
        self.assertEqual({q["line"] for q in data["queues"]}, {"line2"})

    @users("sce-cc-supervisor")
    def test_cc7_supervisor_sees_everything(self):
        """CC-7 item 15: supervisors see both lines and themselves."""
        self._setup_board()
        data = self.env["sce.operator.state"]._sce_board_data()
        names = {op["name"] for op in data["operators"]}
        self.assertEqual(names & self.names, self.names)
        self.assertIn("supervisor", {op["line"] for op in data["operators"]})
        self.assertEqual(
            {q["code"] for q in data["queues"]} & {"q-line1", "q-line2"}, {"q-line1", "q-line2"}
        )

    @users("sce-cc-line1")
    @warmup
    def test_cc7_board_data_query_count(self):
        """CC-7 item 15: the board's data is a fixed number of queries, whatever the
        number of operators and calls (a reload on every bus message stays cheap)."""
        self._setup_board()
        self.env.invalidate_all()
        with self.assertQueryCount(21):
            data = self.env["sce.operator.state"]._sce_board_data()
        self.assertTrue(data["operators"])

    @users("sce-cc-specialist")
    def test_cc7_board_is_not_for_back_office(self):
        """CC-7 item 15: anyone outside the call center gets an access error."""
        with self.assertRaises(AccessError):
            self.env["sce.operator.state"]._sce_board_data()

    def _board_messages(self, group_xmlid):
        self.env.cr.precommit.run()  # the bus writes its notifications just before commit
        channel = json.dumps(
            [self.env.cr.dbname, "res.groups", self.env.ref(group_xmlid).id], separators=(",", ":")
        )
        notifications = self.env["bus.bus"].sudo().search([("channel", "=", channel)])
        return [
            json.loads(n.message)["payload"]
            for n in notifications
            if json.loads(n.message)["type"] == "sce_callcenter/board"
        ]

    def test_cc7_state_change_notifies_the_boards_that_see_it(self):
        """CC-7 item 15 (live): a line-2 operator's new state reaches the boards of
        lines 1 and 2 over the bus; a line-1 operator's only line 1 (supervisors are
        in line 1); a late event that is not the current state sends nothing."""
        line1, line2 = CC_LINE1, CC_LINE2
        self._ingest_status([self._status("201", "busy", 100)])
        self.assertEqual(self._board_messages(line1), [{"lines": ["line2"]}])
        self.assertEqual(self._board_messages(line2), [{"lines": ["line2"]}])
        self._ingest_status([self._status("101", "available", 100)])
        self.assertEqual(len(self._board_messages(line1)), 2)
        self.assertEqual(len(self._board_messages(line2)), 1)
        self._ingest_status([self._status("101", "break", 50)])  # older than "available"
        self.assertEqual(len(self._board_messages(line1)), 2)

    def test_cc7_queued_call_notifies_the_board(self):
        """CC-7 item 15 (live): a call joining a line-2 queue updates the line boards."""
        self._ingest(
            [
                self._event("board-q", 1, "call_started", 0, caller="+79180000002"),
                self._event("board-q", 2, "queued", 20, queue="q-line2"),
            ]
        )
        self.assertTrue(self._board_messages(CC_LINE2))


CC_LINE1 = "sce_callcenter.group_sce_cc_operator_line1"
CC_LINE2 = "sce_callcenter.group_sce_cc_operator_line2"


@tagged("post_install", "-at_install")
class TestOperatorStateDemoData(TransactionCase):
    """The demo operators' states (CC-3): made by the CTI ingestion from agent-status
    events; reads demo data only when the module was installed with it."""

    def test_cc3_demo_operators_have_consecutive_states(self):
        if not self.env.ref("base.module_sce_callcenter").demo:
            return
        for xmlid in ("sce_appeals.user_sce_operator", "sce_appeals.user_sce_consultant"):
            rows = self.env["sce.operator.state"].search(
                [("user_id", "=", self.env.ref(xmlid).id)], order="date_start, id"
            )
            self.assertGreater(len(rows), 100)
            self.assertEqual(
                set(rows.mapped("state")), {"available", "busy", "acw", "break", "offline"}
            )
            self.assertEqual(len(rows.filtered(lambda r: not r.date_end)), 1)
            for row, following in zip(rows, rows[1:], strict=False):
                self.assertEqual(row.date_end, following.date_start)
