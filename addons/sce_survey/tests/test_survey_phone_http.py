from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .survey_phone_common import SurveyPhoneCase


@tagged("post_install", "-at_install")
class TestSurveyPhoneAnswerPage(SurveyPhoneCase, HttpCase):
    """CC-7 item 24: the operator enters the customer's answers live on the
    questionnaire's own page (the panel beside the call card); they are stored as the
    customer's survey answers linked to the call. Another operator is refused."""

    def _submit(self, answer, values):
        survey = answer.survey_id
        response = self.opener.post(
            f"{survey.get_base_url()}/survey/submit/{survey.access_token}/{answer.access_token}",
            json={"params": values},
            timeout=30,
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def test_cc7_answers_entered_during_the_call_are_the_customers_linked_to_the_call(self):
        phone_survey = self._phone_survey()
        entry = self._claim(phone_survey, self.cc_operator)
        call = self._outbound_call("survey-http-1", entry.phone)
        call.with_user(self.cc_operator).action_open_caller()  # the screen pop
        answer = entry.sudo().user_input_id
        questionnaire = self.phone_questionnaire
        values = {
            str(self._question(questionnaire, indicator).id): str(
                self._question(questionnaire, indicator)
                .suggested_answer_ids.filtered(lambda a, score=score: a.answer_score == score)
                .id
            )
            for indicator, score in (
                ("informativeness", 5),
                ("executiveness", 4),
                ("feedback_effectiveness", 3),
                ("satisfaction", 5),
            )
        }
        comment = questionnaire.question_ids.filtered(lambda q: q.question_type == "text_box")
        values[str(comment.id)] = "Дозвонились с первого раза, спасибо."

        # another operator, signed in, gets neither the page nor the submission
        self.authenticate("sce-cc-operator-2", "sce-cc-operator-2")
        page = self.url_open(answer.get_start_url())
        self.assertNotIn("Оценка: informativeness", page.text)
        self.assertEqual(self._submit(answer, values), [{}, {"error": "answer_wrong_user"}])
        self.assertFalse(answer.user_input_line_ids)

        # the operator calling the customer opens the page in the panel and answers
        self.authenticate("sce-cc-operator", "sce-cc-operator")
        self.assertEqual(entry.answer_url, answer.get_start_url())
        page = self.url_open(entry.answer_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Телефонный опрос", page.text)
        begin = self.opener.post(
            f"{questionnaire.get_base_url()}/survey/begin/"
            f"{questionnaire.access_token}/{answer.access_token}",
            json={"params": {}},
            timeout=30,
        )
        self.assertNotIn("error", begin.json()["result"][1])
        self.assertNotIn("error", self._submit(answer, values)[1])

        answer.invalidate_recordset()
        entry.invalidate_recordset()
        self.assertEqual(answer.state, "done")
        self.assertEqual(entry.state, "done", "the customer is surveyed")
        self.assertEqual(answer.partner_id, entry.partner_id)
        self.assertEqual(answer.sce_call_id, call)
        self.assertEqual(answer.sce_phone_entry_id, entry)
        self.assertEqual(answer.sce_channel_id, self.channel_phone)
        self.assertEqual(answer.sce_invite_channel, "operator")
        lines = answer.user_input_line_ids
        self.assertEqual(
            sorted(lines.filtered("suggested_answer_id").mapped("answer_score")), [3, 4, 5, 5]
        )
        self.assertEqual(
            lines.filtered(lambda line: line.question_id == comment).value_text_box,
            "Дозвонились с первого раза, спасибо.",
        )
        # once surveyed, the page is no longer the operator's to fill
        self.assertFalse(answer._sce_operator_may_answer(self.cc_operator))

    def _progress(self, phone_survey_id):
        response = self.opener.post(
            f"{self.base_url()}/sce/survey/phone/progress",
            json={"params": {"phone_survey_id": phone_survey_id}},
            timeout=30,
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_cc7_the_progress_board_is_the_supervisors(self):
        """CC-7 item 24: the live board's data for the supervisor; an operator is
        refused (they see only the customers they took)."""
        phone_survey = self._phone_survey()
        self._claim(phone_survey, self.cc_operator).action_mark_wrong_number()
        self.authenticate("sce-cc-supervisor", "sce-cc-supervisor")
        board = self._progress(phone_survey.id)["result"]
        self.assertEqual((board["total"], board["counts"]["wrong_number"]), (3, 1))
        self.assertEqual(board["operators"][0]["name"], self.cc_operator.name)
        self.authenticate("sce-cc-operator", "sce-cc-operator")
        with mute_logger("odoo.http"):
            error = self._progress(phone_survey.id)["error"]
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
