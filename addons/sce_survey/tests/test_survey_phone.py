import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users, warmup

from odoo.addons.bus.models.bus import json_dump
from odoo.addons.sce_callcenter.tests.http_server import PbxTestServer, Reply

from .survey_phone_common import SurveyPhoneCase


@tagged("post_install", "-at_install")
class TestSurveyPhone(SurveyPhoneCase):
    """CC-7 items 23–24: telephone group surveys. The organizer builds the call list,
    operators take customers one at a time and enter the answers during the call,
    supervisors follow the progress."""

    @users("sce-mro-a")
    def test_cc7_call_list_from_the_register_lists_blocked_numbers_with_the_reason(self):
        """CC-7 item 24: the customers of the filter with their numbers from the
        register in E.164; no number or an invalid one: blocked, with the reason.
        Adding again keeps the list as it is."""
        phone_survey = self._phone_survey(as_user=self.env.user, start=False)
        phone_survey = phone_survey.with_user(self.env.user)
        entries = phone_survey.entry_ids
        self.assertEqual(len(entries), 5)
        callable_ = entries.filtered(lambda e: e.state == "to_call")
        self.assertEqual(callable_.partner_id, self.callees)
        self.assertEqual(
            sorted(callable_.mapped("phone")), ["+79187001101", "+79187001102", "+79187001103"]
        )
        blocked = {e.partner_id: e.blocked_reason for e in entries if e.state == "blocked"}
        self.assertEqual(blocked[self.no_phone], "No phone number in the register")
        self.assertEqual(blocked[self.bad_phone], "Not a valid phone number: 12-34")
        phone_survey.action_load_customers()
        self.assertEqual(len(phone_survey.entry_ids), 5, "nobody is listed twice")
        self.assertEqual((phone_survey.count_total, phone_survey.count_blocked), (3, 2))
        phone_survey.action_start()
        self.assertEqual(phone_survey.state, "running")

    def test_cc7_next_customer_is_claimed_for_one_operator_with_the_questionnaire(self):
        """CC-7 item 24: “Next customer” gives the operator one customer, in progress
        and theirs, with a personal answer set of the questionnaire for the customer
        (invited by the operator's call); pressing again returns the same customer
        until its outcome is recorded."""
        phone_survey = self._phone_survey()
        entry = self._claim(phone_survey, self.cc_operator)
        self.assertEqual(entry.state, "in_progress")
        self.assertEqual(entry.user_id, self.cc_operator)
        self.assertEqual(entry.attempt_count, 1)
        self.assertIn(entry.partner_id, self.callees)
        answer = entry.sudo().user_input_id
        self.assertEqual(answer.survey_id, self.phone_questionnaire)
        self.assertEqual(answer.partner_id, entry.partner_id)
        self.assertEqual(answer.sce_invite_channel, "operator")
        self.assertEqual(answer.sce_phone_entry_id, entry)
        self.assertEqual(answer.sce_mro_id, self.mro_a)
        self.assertIn(answer.access_token, entry.answer_url)
        self.assertEqual(self._claim(phone_survey, self.cc_operator), entry)
        self.assertIn("PBX", entry.dial_error, "no PBX configured: the operator is told")

    def test_cc7_another_operator_can_neither_see_nor_answer_my_customer(self):
        """CC-7 item 24: operators see only the customers they took; another operator
        gets another customer, cannot record an outcome for mine, gets no answer page,
        and the questionnaire's own page refuses them (see the HTTP test)."""
        phone_survey = self._phone_survey()
        mine = self._claim(phone_survey, self.cc_operator)
        theirs = self._claim(phone_survey, self.cc_operator_2)
        self.assertNotEqual(mine, theirs)
        as_other = mine.with_user(self.cc_operator_2)
        with self.assertRaises(AccessError):
            as_other.read(["partner_id"])
        with self.assertRaises(AccessError):
            as_other.action_mark_refused()
        visible = self.env["sce.survey.phone.entry"].with_user(self.cc_operator_2).search([])
        self.assertEqual(visible, theirs)
        answer = mine.sudo().user_input_id
        self.assertTrue(answer._sce_operator_may_answer(self.cc_operator))
        self.assertFalse(answer._sce_operator_may_answer(self.cc_operator_2))
        self.assertFalse(answer._sce_operator_may_answer(self.cc_supervisor))
        # an operator who is not on the survey takes nobody
        outsider = self._survey_user("cc_operator", login="sce-cc-outsider", sce_extension="309")
        with self.assertRaises(AccessError):
            phone_survey.with_user(outsider).action_next_customer()

    def test_cc7_outcomes_retries_and_callbacks(self):
        """CC-7 item 24: no answer comes back after the retry delay until the attempts
        run out; “call back later” needs a time and comes first when due; a wrong
        number or a refusal closes the customer and drops the unstarted answers."""
        phone_survey = self._phone_survey(max_attempts=2, retry_minutes=30)
        first = self._claim(phone_survey, self.cc_operator)
        first.action_mark_no_answer()
        self.assertEqual(first.state, "no_answer")
        second = self._claim(phone_survey, self.cc_operator)
        self.assertNotEqual(second, first, "not again before the retry delay")
        with self.assertRaisesRegex(UserError, "call .* back"):
            second.action_mark_callback()
        second.callback_at = fields.Datetime.now() + timedelta(hours=2)
        second.action_mark_callback()
        third = self._claim(phone_survey, self.cc_operator)
        self.assertNotIn(third, first | second)
        answer = third.sudo().user_input_id
        third.action_mark_wrong_number()
        self.assertFalse(answer.exists(), "an answer set nobody started is dropped")
        # nothing is due: the operator is told so
        action = phone_survey.with_user(self.cc_operator).action_next_customer()
        self.assertEqual(action["tag"], "display_notification")
        # 31 minutes later the first customer is due again, two hours later the callback
        self.env["sce.survey.phone.entry"].browse(first.id).sudo().date_last_attempt -= timedelta(
            minutes=31
        )
        self.assertEqual(self._claim(phone_survey, self.cc_operator_2), first)
        self.assertEqual(first.sudo().attempt_count, 2)
        first.with_user(self.cc_operator_2).action_mark_no_answer()
        self.env["sce.survey.phone.entry"].browse(first.id).sudo().date_last_attempt -= timedelta(
            hours=1
        )
        self.env["sce.survey.phone.entry"].browse(second.id).sudo().callback_at = (
            fields.Datetime.now() - timedelta(minutes=1)
        )
        self.assertEqual(self._claim(phone_survey, self.cc_operator), second)
        self.assertEqual(
            phone_survey.with_user(self.cc_operator_2).action_next_customer()["tag"],
            "display_notification",
            "two attempts were the limit",
        )

    def test_cc7_the_call_is_linked_to_the_customer_and_the_answers(self):
        """CC-7 item 24: the screen pop of the operator's outbound call opens the
        customer's entry (questionnaire beside the call card) and links the call to
        the entry and its answer set, whose channel becomes the phone."""
        phone_survey = self._phone_survey()
        entry = self._claim(phone_survey, self.cc_operator)
        call = self._outbound_call("survey-call-1", entry.phone)
        self.assertEqual(call.user_id, self.cc_operator)
        action = call.with_user(self.cc_operator).action_open_caller()
        self.assertEqual((action["res_model"], action["res_id"]), (entry._name, entry.id))
        self.assertEqual(entry.call_id, call)
        answer = entry.sudo().user_input_id
        self.assertEqual(answer.sce_call_id, call)
        self.assertEqual(answer.sce_channel_id, self.channel_phone)
        # another operator's screen pop of that call is the usual one
        other = call.with_user(self.cc_operator_2).action_open_caller()
        self.assertNotEqual(other.get("res_model"), entry._name)

    def test_cc7_the_call_is_found_when_the_outcome_is_recorded(self):
        """Without a screen pop (browser closed), the operator's outbound call to the
        number since the claim is linked when the outcome is recorded."""
        phone_survey = self._phone_survey()
        entry = self._claim(phone_survey, self.cc_operator)
        call = self._outbound_call("survey-call-2", entry.phone)
        entry.action_mark_refused()
        self.assertEqual(entry.call_id, call)

    def test_eti2_survey_call_is_placed_from_the_operators_extension_up_to_4_rings(self):
        """CC-7, ETI-2: the survey call goes through the call center's click-to-dial:
        the operator's extension, the customer's number in E.164, and the PBX gives up
        after the 4th ring."""
        pbx = self.enterContext(PbxTestServer())
        pbx.reply("/originate", Reply(200, b'{"status": "ok"}'))
        self.source.originate_url = pbx.url("/originate")
        phone_survey = self._phone_survey()
        entry = self._claim(phone_survey, self.cc_operator)
        self.assertFalse(entry.dial_error)
        [request] = pbx.requests
        body = request.json()
        self.assertEqual(body["from"], "301")
        self.assertEqual(body["to"], entry.phone)
        self.assertEqual(body["max_rings"], 4)
        self.assertEqual(body["reference"], f"sce-survey-phone-entry-{entry.id}")
        entry.action_dial()
        self.assertEqual(len(pbx.requests), 2)
        self.assertEqual(entry.attempt_count, 1, "dialing again is the same attempt")

    def test_cc7_progress_figures_for_the_supervisor(self):
        """CC-7 item 24: the supervisor's figures: counts per state, completion rate
        (surveyed / customers to survey, blocked ones excluded) and per operator; each
        change is announced on the bus to the boards."""
        phone_survey = self._phone_survey()
        first = self._claim(phone_survey, self.cc_operator)
        first.sudo().user_input_id._mark_done()  # the questionnaire submitted (HTTP test)
        self.assertEqual(first.state, "done")
        second = self._claim(phone_survey, self.cc_operator_2)
        second.action_mark_refused()
        self._claim(phone_survey, self.cc_operator_2)
        self.env.cr.precommit.run()  # the bus writes its notifications just before commit
        self.env["bus.bus"].sudo().search([]).unlink()
        board = phone_survey.with_user(self.cc_supervisor)
        progress = board._sce_progress()
        self.assertEqual(progress["total"], 3)
        self.assertEqual(
            progress["counts"],
            {
                "to_call": 0,
                "in_progress": 1,
                "done": 1,
                "refused": 1,
                "no_answer": 0,
                "callback": 0,
                "wrong_number": 0,
                "blocked": 2,
            },
        )
        self.assertEqual(progress["completion_rate"], 33.3)
        per_operator = {row["id"]: row for row in progress["operators"]}
        self.assertEqual(per_operator[self.cc_operator.id]["counts"], {"done": 1})
        self.assertEqual(per_operator[self.cc_operator.id]["completion_rate"], 100.0)
        self.assertEqual(
            per_operator[self.cc_operator_2.id]["counts"], {"refused": 1, "in_progress": 1}
        )
        self.assertEqual(per_operator[self.cc_operator_2.id]["completion_rate"], 0.0)
        # the supervisor puts the customer an operator left back on the list
        left = board.entry_ids.filtered(lambda e: e.state == "in_progress")
        left.action_release()
        self.assertEqual((left.state, left.user_id.id), ("to_call", False))
        self.env.cr.precommit.run()
        supervisors = self.env.ref("sce_callcenter.group_sce_cc_supervisor")
        notices = (
            self.env["bus.bus"]
            .sudo()
            .search(
                [("channel", "=", json_dump([self.env.cr.dbname, "res.groups", supervisors.id]))]
            )
        )
        self.assertEqual(len(notices), 1, "the open progress boards are told")
        self.assertEqual(
            json.loads(notices.message),
            {"type": "sce_survey/phone_progress", "payload": {"phone_survey_ids": [board.id]}},
            "only the survey's id: no personal data",
        )
        # operators see no board
        with self.assertRaises(AccessError):
            left.with_user(self.cc_operator).action_release()

    @users("sce-cc-operator")
    @warmup
    def test_cc7_query_budget_of_next_customer(self):
        """Query budget of “Next customer”: the operator check, the claim (one locking
        query), the personal answer set (with its stored indicator scores), the dial
        attempt and the bus notice."""
        phone_survey = self._phone_survey().with_user(self.env.user)
        self.env.invalidate_all()
        with self.assertQueryCount(**{"sce-cc-operator": 35}):
            phone_survey.action_next_customer()
