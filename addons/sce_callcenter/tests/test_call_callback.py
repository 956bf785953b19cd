from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, users

from .common import T0, CallCenterCommon


class TestCallCallback(CallCenterCommon, TransactionCase):
    """Callbacks (CC-6, ETI-4): promised in one click from a missed call or during a
    call, due 30 minutes after the request, kept by an answered outbound call."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()
        cls.supervisor = cls._cc_user("supervisor", name="Руководитель Смены")
        cls.env.ref("sce_appeals.helpdesk_ticket_team_front_office").user_id = cls.supervisor

    def _missed(self, call_id, caller="+7 (8672) 53-12-34"):
        """Offered at 101 and not answered: the caller hung up 40 s after the start."""
        return self._ingest(
            [
                self._event(call_id, 1, "call_started", 0, caller=caller, called="88002000000"),
                self._event(call_id, 2, "queued", 5, queue="line1"),
                self._event(call_id, 3, "ringing", 10, agent="101"),
                self._event(call_id, 4, "ended", 40),
            ]
        )

    def _outbound(self, call_id, number, answered_after, agent="101"):
        """The operator calls ``number`` back, answered ``answered_after`` seconds
        after T0, one minute of talk."""
        return self._ingest(
            [
                self._event(
                    call_id,
                    1,
                    "call_started",
                    answered_after - 10,
                    direction="outbound",
                    caller=agent,
                    called=number,
                ),
                self._event(call_id, 2, "answered", answered_after, agent=agent),
                self._event(call_id, 3, "ended", answered_after + 60),
            ]
        )

    @users("sce-cc-line1")
    def test_cc6_one_click_callback_from_missed_call_due_30_minutes_after(self):
        """CC-6, CC-7 item 11: one click on a missed call promises a callback to the
        caller, assigned to the operator, due 30 minutes after the call (the phone
        channel's callback policy); a second click opens the same promise."""
        call = self._missed("cb-missed").with_user(self.env.user)
        self.assertEqual(call.disposition, "missed")
        action = call.action_promise_callback()
        callback = self.env["sce.call.callback"].browse(action["res_id"])
        self.assertEqual(callback.phone, "+78672531234")
        self.assertEqual(callback.partner_id, self.customer)
        self.assertEqual(callback.user_id, self.operator)
        self.assertEqual(callback.call_id, call)
        self.assertEqual(callback.state, "planned")
        self.assertEqual(callback.date_requested, T0 + timedelta(seconds=40))
        self.assertEqual(callback.deadline, T0 + timedelta(seconds=40, minutes=30))
        self.assertEqual(
            callback.sla_policy_id, self.env.ref("sce_appeals.sce_sla_policy_phone_callback")
        )
        self.assertEqual(call.callback_state, "planned")
        self.assertEqual(call.action_promise_callback()["res_id"], callback.id)
        self.assertEqual(len(call.callback_ids), 1)

    @users("sce-cc-line1")
    def test_eti4_callback_promised_during_the_call_runs_from_now(self):
        """ETI-4: the answer is not at hand during a conversation: the promise made now
        is due 30 minutes from now."""
        call = self._ingest(self._flow("cb-talk")[:3]).with_user(self.env.user)
        before = fields.Datetime.now()
        callback = self.env["sce.call.callback"].browse(call.action_promise_callback()["res_id"])
        self.assertGreaterEqual(callback.date_requested, before)
        self.assertEqual(callback.deadline, callback.date_requested + timedelta(minutes=30))
        self.assertEqual(callback.deadline_state, "on_track")

    @users("sce-cc-line1")
    def test_cc6_answered_outbound_call_to_the_number_keeps_the_promise(self):
        """CC-6: the callback is done when an outbound call to its number is answered,
        linked to that call; in time within 30 minutes, late after."""
        Callback = self.env["sce.call.callback"]
        on_time = Callback.browse(
            self._missed("cb-a").with_user(self.env.user).action_promise_callback()["res_id"]
        )
        self._outbound("cb-a-back", "8 (8672) 53-12-34", answered_after=15 * 60)
        self.assertEqual(on_time.state, "done")
        self.assertEqual(on_time.done_call_id.external_call_id, "cb-a-back")
        self.assertEqual(on_time.date_closed, T0 + timedelta(minutes=15))
        self.assertEqual(on_time.deadline_state, "done_on_time")

        late = Callback.browse(
            self._missed("cb-b", caller="+7 918 823-45-67")
            .with_user(self.env.user)
            .action_promise_callback()["res_id"]
        )
        self._outbound("cb-b-back", "+79188234567", answered_after=45 * 60)
        self.assertEqual(late.state, "done")
        self.assertEqual(late.deadline_state, "done_late")

    @users("sce-cc-line1")
    def test_cc6_unanswered_or_inbound_call_does_not_keep_the_promise(self):
        """CC-6: an outbound attempt nobody answered, or the customer calling in again,
        leaves the callback planned."""
        callback = self.env["sce.call.callback"].browse(
            self._missed("cb-c").with_user(self.env.user).action_promise_callback()["res_id"]
        )
        self._ingest(
            [
                self._event(
                    "cb-c-try",
                    1,
                    "call_started",
                    600,
                    direction="outbound",
                    caller="101",
                    called="+78672531234",
                ),
                self._event("cb-c-try", 2, "ended", 640),
            ]
        )
        self._ingest(self._flow("cb-c-again"))
        self.assertEqual(callback.state, "planned")
        self.assertFalse(callback.done_call_id)

    @users("sce-cc-line1")
    def test_cc6_operator_closes_the_callback_by_hand(self):
        """CC-6: reached by other means (done) or not reachable (failed), by hand."""
        Callback = self.env["sce.call.callback"]
        reached = Callback.create({"phone": "8 918 823-45-67"})
        self.assertEqual(reached.phone, "+79188234567")
        self.assertEqual(reached.user_id, self.operator)
        reached.action_mark_done()
        self.assertEqual(reached.state, "done")
        self.assertEqual(reached.deadline_state, "done_on_time")
        unreachable = Callback.create({"phone": "+79188234568"})
        unreachable.action_mark_failed()
        self.assertEqual(unreachable.state, "failed")
        self.assertTrue(unreachable.date_closed)
        unreachable.action_reset_to_planned()
        self.assertEqual(unreachable.state, "planned")
        self.assertFalse(unreachable.date_closed)
        with self.assertRaises(ValidationError):
            Callback.create({"phone": "12345"})

    def test_cc6_callback_reminded_then_escalated_by_the_deadline_engine(self):
        """CC-6, CC-7 item 20: the deadline engine reminds the operator before the term
        and escalates a breach to the head of the front office."""
        now = fields.Datetime.now()
        Callback = self.env["sce.call.callback"].with_user(self.operator)
        soon = Callback.create(
            {"phone": "+79188234567", "date_requested": now - timedelta(minutes=25)}
        )
        late = Callback.create(
            {"phone": "+79188234568", "date_requested": now - timedelta(minutes=40)}
        )
        self.assertEqual(soon.deadline_state, "due_soon")
        self.assertEqual(late.deadline_state, "overdue")
        self.env["sce.call.callback"]._cron_sce_deadlines()
        reminder = soon.activity_ids
        self.assertEqual(reminder.user_id, self.operator)
        self.assertEqual(reminder.summary, "Call the customer back")
        self.assertEqual(soon.reminded_deadline, soon.deadline)
        escalation = late.activity_ids
        self.assertEqual(escalation.user_id, self.supervisor)
        self.assertEqual(escalation.summary, "Callback overdue: take control")
        self.assertTrue(late.escalated)
        # Kept: the reminder and the escalation are done with the promise.
        soon.with_user(self.operator).action_mark_done()
        self.assertFalse(soon.activity_ids)
        late.with_user(self.operator).action_mark_done()
        self.assertFalse(late.activity_ids)
        self.assertEqual(late.deadline_state, "done_late")

    def test_cc6_callback_on_time_rate(self):
        """CC-6 statistics: the callback on-time rate counts what was due (kept on time,
        kept late, failed, overdue) and ignores promises not yet due."""
        now = fields.Datetime.now()
        Callback = self.env["sce.call.callback"].with_user(self.operator)

        def promise(minutes_ago, number):
            return Callback.create(
                {"phone": number, "date_requested": now - timedelta(minutes=minutes_ago)}
            )

        promise(5, "+79188230001").action_mark_done()  # kept on time
        promise(60, "+79188230002").action_mark_done()  # kept late
        promise(5, "+79188230003").action_mark_failed()  # failed
        promise(45, "+79188230004")  # overdue
        promise(1, "+79188230005")  # not yet due
        kept, due, rate = (
            self.env["sce.call.callback"]
            .with_user(self.supervisor)
            ._sce_on_time_rate([("phone", "like", "+7918823000")])
        )
        self.assertEqual((kept, due, rate), (1, 4, 25.0))
        self.assertEqual(Callback._sce_on_time_rate([("id", "=", 0)]), (0, 0, None))

    def test_cc6_callbacks_are_for_the_call_center(self):
        """Personal data: a specialist of the back office does not read callbacks."""
        callback = (
            self.env["sce.call.callback"].with_user(self.operator).create({"phone": "+79188234567"})
        )
        with self.assertRaises(AccessError):
            callback.with_user(self.specialist).read(["phone"])
