import re
from datetime import timedelta

from odoo.tests import TransactionCase, tagged

from ..demo.survey_answers import MIN_GAP, SurveyAnswerDemoGenerator

KINDS = ("appeal", "visit", "call", "yearly")
CYRILLIC = re.compile("[а-яё]{3,}", re.IGNORECASE)


@tagged("post_install", "-at_install")
class TestSurveyDemoData(TransactionCase):
    """FB-5, CTRL-6: the demo year of survey answers over the demo customers of
    sce_appeals, as the reports need them: every questionnaire, month, MRO and customer
    group, low scores and Russian comments, nobody asked twice within three months
    (FB-4). It tests the demo database itself when installed with demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.env.ref("base.module_sce_survey").demo
        cls.answers = cls.env["survey.user_input"].search(
            [("sce_kind", "in", KINDS), ("partner_id.sce_customer_group", "!=", False)]
        )
        cls.done = cls.answers.filtered(lambda a: a.state == "done")

    def test_fb5_demo_year_of_answers_spread_for_the_reports(self):
        if not self.demo:
            self.assertFalse(self.answers.filtered("sce_invite_channel"))
            return
        self.assertGreaterEqual(len(self.done), 60)
        self.assertEqual(set(self.done.mapped("sce_kind")), set(KINDS))
        months = {a.create_date.strftime("%Y-%m") for a in self.done}
        self.assertGreaterEqual(len(months), 11, "a year, month by month")
        self.assertEqual(len(self.done.sce_mro_id), 6, "every MRO")
        self.assertGreaterEqual(len(set(self.done.mapped("sce_customer_group"))), 4)
        self.assertGreaterEqual(len(self.done.sce_channel_id), 5)
        self.assertEqual(set(self.answers.mapped("sce_invite_channel")), {"email", "sms", "phone"})
        self.assertTrue(self.answers.filtered(lambda a: a.state != "done"), "non-respondents")
        scores = self.done.user_input_line_ids.filtered("question_id.sce_indicator")
        low = scores.filtered(lambda line: line.answer_score <= 2)
        self.assertTrue(0.05 < len(low) / len(scores) < 0.35, len(low) / len(scores))
        comments = self.done.user_input_line_ids.filtered(lambda ln: ln.answer_type == "text_box")
        self.assertGreaterEqual(len(comments), 15)
        self.assertTrue(all(CYRILLIC.search(c.value_text_box) for c in comments), "Russian")
        for answer in self.done.filtered(lambda a: a.sce_kind == "appeal"):
            self.assertEqual(answer.sce_ticket_id.partner_id, answer.partner_id)
            self.assertGreaterEqual(answer.create_date, answer.sce_ticket_id.date_answered)
            self.assertLessEqual(answer.end_datetime, answer.deadline)

    def test_fb4_demo_nobody_asked_twice_within_three_months(self):
        if not self.demo:
            return
        invited = {}
        for answer in self.answers.sorted("create_date"):
            invited.setdefault(answer.partner_id, []).append(answer.create_date)
        for partner, dates in invited.items():
            for before, after in zip(dates, dates[1:], strict=False):
                self.assertGreaterEqual(after - before, MIN_GAP - timedelta(days=1), partner.name)

    def test_fb5_demo_plan_is_reproducible(self):
        if not self.demo:
            return
        generator = SurveyAnswerDemoGenerator(self.env)
        customers = generator._eligible_customers()
        first = generator._plan(customers)
        again = SurveyAnswerDemoGenerator(self.env)
        again.now = generator.now
        self.assertEqual(
            [(w, k, p.id) for w, k, p, _r in first],
            [(w, k, p.id) for w, k, p, _r in again._plan(customers)],
        )
