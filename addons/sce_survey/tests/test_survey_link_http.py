import uuid
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SceSurveyCase

X = "sce_survey."


@tagged("post_install", "-at_install")
class TestPersonalLinkHttp(HttpCase, SceSurveyCase):
    """FB-5, CTRL-6: a customer who is not logged in opens the personal link of the
    invitation and answers through the survey application's own routes; the answers are
    linked to the customer, the appeal, the MRO, channel and customer group. A wrong or
    foreign token neither reads nor writes another customer's answers (FB-4: the link
    closes after its deadline)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref(X + "survey_survey_sce_appeal")
        cls.appeal = cls._appeal(channel_id=cls.channel_web.id)
        organizer = cls.survey.with_user(cls.mro_user)
        cls.answer = organizer._sce_invite(cls.customer, "email", ticket=cls.appeal)
        cls.answer_b = organizer._sce_invite(cls.customer_b, "sms")
        cls.comment_q = cls.survey.question_ids.filtered(lambda q: q.question_type == "text_box")
        # customer B has started and written a comment nobody else may read or change
        cls.answer_b.sudo()._save_lines(cls.comment_q, "Комментарий Залины Руслановны")

    # ------------------------------------------------------------------ helpers

    def _page(self, answer, survey=None):
        survey = survey or answer.survey_id
        return self.url_open(f"/survey/{survey.access_token}/{answer.access_token}")

    def _json(self, route, survey_token, answer_token, params=None):
        url = f"/survey/{route}/{survey_token}/{answer_token}"
        return self.make_jsonrpc_request(url, params or {})

    def _scores(self, scores, comment, questions=None):
        """The posted form of ``questions`` (the one-page questionnaire's by default):
        ``scores`` by indicator, the overall score for a question without one, the
        first choice of an unscored question."""
        post = {}
        for question in questions or self.survey.question_ids:
            if question.question_type == "text_box":
                post[str(question.id)] = comment
                continue
            if not any(question.suggested_answer_ids.mapped("answer_score")):
                post[str(question.id)] = str(question.suggested_answer_ids[0].id)
                continue
            score = scores.get(question.sce_indicator, scores["satisfaction"])
            choice = question.suggested_answer_ids.filtered(lambda a, s=score: a.answer_score == s)
            post[str(question.id)] = str(choice.id)
        return post

    # ------------------------------------------------------------------ tests

    def test_fb5_customer_answers_by_personal_link_without_login(self):
        answer = self.answer
        response = self.url_open(answer._sce_url())
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response.url.endswith(f"/survey/{self.survey.access_token}/{answer.access_token}"),
            response.url,
        )
        self.assertIn(f'data-answer-token="{answer.access_token}"', response.text)

        self._json("begin", self.survey.access_token, answer.access_token)
        scores = {
            "informativeness": 4,
            "executiveness": 2,
            "feedback_effectiveness": 3,
            "satisfaction": 3,
        }
        post = self._scores(scores, "Ответ пришёл позже срока.")
        result = self._json("submit", self.survey.access_token, answer.access_token, post)
        self.assertNotIn("error", result[1], result)

        answer.invalidate_recordset()
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.partner_id, self.customer)
        self.assertEqual(answer.sce_ticket_id, self.appeal)
        self.assertEqual(answer.sce_mro_id, self.mro_a)
        self.assertEqual(answer.sce_channel_id, self.channel_web)
        self.assertEqual(answer.sce_customer_group, "1")
        lines = answer.user_input_line_ids
        self.assertEqual(len(lines), len(self.survey.question_ids))
        self.assertEqual(lines.user_input_id.partner_id, self.customer)
        for indicator, score in scores.items():
            line = lines.filtered(lambda ln, i=indicator: ln.question_id.sce_indicator == i)
            self.assertEqual(line.answer_score, score, indicator)
        self.assertEqual(
            lines.filtered(lambda ln: ln.answer_type == "text_box").value_text_box,
            "Ответ пришёл позже срока.",
        )
        # 4 + 2 + 3 + 3 (polite: as overall) + 3 of 25
        self.assertEqual(answer.scoring_total, 15)

        # the done page thanks the customer, without a "score"
        done_page = self._page(answer)
        self.assertIn("o_survey_finished", done_page.text)
        self.assertNotIn("You scored", done_page.text)
        self.assertNotIn("Вы набрали", done_page.text)

        # one answer per link: the same link cannot answer again
        again = self._scores(dict.fromkeys(scores, 5), "Ещё раз")
        result = self._json("submit", self.survey.access_token, answer.access_token, again)
        self.assertEqual(result[1].get("error"), "unauthorized")
        answer.invalidate_recordset()
        self.assertEqual(answer.scoring_total, 15)

    def test_fb5_wrong_or_foreign_token_neither_reads_nor_writes(self):
        survey_token = self.survey.access_token
        secret = "Комментарий Залины Руслановны"
        # an unknown answer token: an access error, nothing of anybody's answers
        response = self.url_open(f"/survey/{survey_token}/{uuid.uuid4()}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(secret, response.text)
        self.assertNotIn("data-answer-token", response.text)
        result = self._json(
            "submit", survey_token, str(uuid.uuid4()), self._scores({"satisfaction": 1}, "x")
        )
        self.assertEqual(result[1].get("error"), "token_wrong")

        # customer B's answer token paired with another questionnaire's token
        other = self.env.ref(X + "survey_survey_sce_yearly")
        response = self._page(self.answer_b, survey=other)
        self.assertNotIn(secret, response.text)
        result = self._json(
            "submit", other.access_token, self.answer_b.access_token, {"page_id": 0}
        )
        self.assertEqual(result[1].get("error"), "token_wrong")

        # the printable questionnaire never shows answers, not even with a valid token
        for token in (str(uuid.uuid4()), self.answer_b.access_token):
            response = self.url_open(f"/survey/print/{survey_token}?answer_token={token}&review=1")
            self.assertNotIn(secret, response.text)

        # the questionnaire's token alone opens nothing and creates no answer set
        count = self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)])
        response = self.url_open(f"/survey/start/{survey_token}")
        self.assertNotIn("data-answer-token", response.text)
        self.assertEqual(
            self.env["survey.user_input"].search_count([("survey_id", "=", self.survey.id)]),
            count,
        )

        # a logged-in customer cannot open somebody else's personal link
        new_test_user(
            self.env,
            login="sce-portal-b",
            groups="base.group_portal",
            partner_id=self.customer_b.id,
        )
        self.authenticate("sce-portal-b", "sce-portal-b")
        response = self._page(self.answer)
        self.assertNotIn("data-answer-token", response.text)
        result = self._json(
            "submit", survey_token, self.answer.access_token, self._scores({"satisfaction": 1}, "x")
        )
        self.assertEqual(result[1].get("error"), "answer_wrong_user")
        self.answer.invalidate_recordset()
        self.assertFalse(self.answer.user_input_line_ids)
        self.answer_b.invalidate_recordset()
        self.assertEqual(self.answer_b.user_input_line_ids.value_text_box, secret)

    def test_fb4_link_closes_after_its_deadline(self):
        self.answer.sudo().deadline = fields.Datetime.now() - timedelta(hours=1)
        response = self.url_open(self.answer._sce_url())
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("data-answer-token", response.text)
        result = self._json(
            "submit",
            self.survey.access_token,
            self.answer.access_token,
            self._scores({"satisfaction": 5}, "поздно"),
        )
        self.assertEqual(result[1].get("error"), "answer_deadline")
        self.answer.invalidate_recordset()
        self.assertEqual(self.answer.state, "new")
        self.assertFalse(self.answer.user_input_line_ids)

    def test_ctrl6_yearly_study_answered_section_by_section(self):
        yearly = self.env.ref(X + "survey_survey_sce_yearly")
        answer = yearly.with_user(self.mro_user)._sce_invite(self.customer, "sms")
        response = self.url_open(answer._sce_url())
        self.assertIn(f'data-answer-token="{answer.access_token}"', response.text)
        self._json("begin", yearly.access_token, answer.access_token)
        scores = {
            "informativeness": 5,
            "executiveness": 4,
            "feedback_effectiveness": 2,
            "satisfaction": 4,
        }
        for page in yearly.page_ids:
            post = self._scores(scores, "Квитанции приходят поздно.", page.question_ids)
            post["page_id"] = page.id
            result = self._json("submit", yearly.access_token, answer.access_token, post)
            self.assertNotIn("error", result[1], (page.title, result))
        answer.invalidate_recordset()
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.sce_mro_id, self.mro_a, "the customer's home MRO")
        self.assertFalse(answer.sce_channel_id, "the study follows no interaction")
        self.assertEqual(answer.sce_customer_group, "1")
        lines = answer.user_input_line_ids
        for indicator, score in scores.items():
            scored = lines.filtered(lambda ln, i=indicator: ln.question_id.sce_indicator == i)
            self.assertTrue(scored, indicator)
            self.assertEqual(set(scored.mapped("answer_score")), {score}, indicator)

    def test_fb5_visit_and_call_answers_are_linked_to_what_they_assess(self):
        center = self.env["sce.service.center"].create(
            {"name": "ЦОК Моздок (тест)", "tier": "mro", "mro_id": self.mro_b.id}
        )
        visit = self.env["sce.queue.ticket"].create(
            {
                "center_id": center.id,
                "service_id": self.env.ref("sce_service_center.sce_queue_service_consultant").id,
                "partner_id": self.customer.id,
            }
        )
        source = self.env["sce.cti.source"].create(
            {"name": "АТС (тест)", "code": "svq-test-pbx", "secret": "svq-test-secret"}
        )
        call = self.env["sce.call"].create(
            {
                "source_id": source.id,
                "company_id": self.env.company.id,
                "external_call_id": "svq-test-1",
                "partner_id": self.customer.id,
            }
        )
        cases = [
            ("visit", {"visit": visit}, self.mro_b, "mro_center"),
            ("call", {"call": call}, self.mro_a, "phone"),
        ]
        channels = {
            "mro_center": self.env.ref("sce_appeals.helpdesk_ticket_channel_mro_center"),
            "phone": self.channel_phone,
        }
        for kind, links, mro, channel in cases:
            survey = self.env.ref(X + f"survey_survey_sce_{kind}")
            answer = survey.with_user(self.mro_user)._sce_invite(self.customer, "email", **links)
            with self.subTest(kind=kind):
                self.url_open(answer._sce_url())
                self._json("begin", survey.access_token, answer.access_token)
                post = self._scores({"satisfaction": 4}, "", survey.question_ids)
                result = self._json("submit", survey.access_token, answer.access_token, post)
                self.assertNotIn("error", result[1], result)
                answer.invalidate_recordset()
                self.assertEqual(answer.state, "done")
                self.assertEqual(answer.partner_id, self.customer)
                self.assertEqual(answer.sce_mro_id, mro)
                self.assertEqual(answer.sce_channel_id, channels[channel])
                self.assertEqual(answer.scoring_percentage, 80.0)
