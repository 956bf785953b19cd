from collections import defaultdict
from datetime import timedelta

from odoo.tests import TransactionCase, tagged

from odoo.addons.sce_appeals.demo.bulk import BulkGenerator, Scale
from odoo.addons.sce_callcenter.demo.bulk import CallBulkLoader
from odoo.addons.sce_service_center.demo.bulk import QueueBulkLoader

from ..demo.bulk import SurveyBulkLoader
from ..models.survey_user_input_score import INDICATORS

SMOKE = Scale(customers=300, appeals=300, years=1, readings_per_meter=2, ledger_months=1)
STORED = [
    "state",
    "sce_kind",
    "sce_mro_id",
    "sce_channel_id",
    "sce_customer_group",
    "scoring_total",
    "scoring_percentage",
    "scoring_success",
    *(f"sce_{indicator}_{part}" for indicator in INDICATORS for part in ("score", "best")),
]


@tagged("post_install", "-at_install")
class TestSurveyBulkData(TransactionCase):
    """Issue 10: a year of survey invitations and answers for the benchmarks is what the
    ORM writes (FB-5, CTRL-6: context and indicator scores of each answer set) and what
    the planner allows (FB-4: nobody asked twice within three months)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        appeals = BulkGenerator(cls.env, SMOKE)
        appeals.generate()
        CallBulkLoader(cls.env, appeals).generate()
        QueueBulkLoader(cls.env, appeals).generate()
        cls.loader = SurveyBulkLoader(cls.env, appeals)
        cls.loader.generate()
        cls.answers = cls.env["survey.user_input"].browse(list(cls.loader.answer_ids))

    def test_fb4_consistency_checks_pass(self):
        """FB-4: every SQL check finds nothing wrong; each kind is there, about 60 %
        answered; no customer is asked twice within three months."""
        self.assertEqual([(label, n) for label, n in self.loader.validate() if n], [])
        self.assertEqual(
            set(self.answers.mapped("sce_kind")), {"appeal", "call", "visit", "yearly"}
        )
        done = self.answers.filtered(lambda a: a.state == "done")
        self.assertTrue(0.45 < len(done) / len(self.answers) < 0.75)
        moments = defaultdict(list)
        for answer in self.answers.filtered("partner_id"):
            moments[answer.partner_id.id].append(answer.create_date)
        self.assertTrue(any(len(days) > 1 for days in moments.values()))
        for days in moments.values():
            days.sort()
            for before, after in zip(days, days[1:], strict=False):
                self.assertGreaterEqual(after - before, timedelta(days=92))
        comments = done.user_input_line_ids.filtered(lambda line: line.answer_type == "text_box")
        self.assertTrue(comments)
        self.assertRegex(comments[0].value_text_box, "[а-яА-Я]")

    def test_fb5_orm_recomputes_nothing_different(self):
        """FB-5, CTRL-6: the context, scoring and indicator scores the ORM recomputes
        over a sample are the loaded ones; lines carry their answer's score and the
        question's sequence; each answer set has its questionnaire's questions."""
        sample = self.answers[:: max(1, len(self.answers) // 200)]
        self.assertTrue(sample.filtered(lambda a: a.state == "done"))
        before = sample.read(STORED)
        sample._compute_sce_context()
        sample._compute_sce_indicator_scores()
        sample._compute_scoring_values()
        sample._compute_scoring_success()
        after = sample.read(STORED)
        for loaded, computed in zip(before, after, strict=True):
            self.assertEqual(loaded, computed)
        Line = self.env["survey.user_input.line"]
        for answer in sample:
            self.assertEqual(
                answer.predefined_question_ids,
                answer.survey_id._prepare_user_input_predefined_questions(),
            )
            self.assertEqual(answer.sce_kind, answer.survey_id.sce_kind)
            for line in answer.user_input_line_ids:
                vals = {
                    "user_input_id": answer.id,
                    "question_id": line.question_id.id,
                    "answer_type": line.answer_type,
                    "suggested_answer_id": line.suggested_answer_id.id,
                }
                expected = Line._get_answer_score_values(vals)
                self.assertEqual(line.answer_score, expected["answer_score"])
                self.assertEqual(line.answer_is_correct, expected["answer_is_correct"])
                self.assertEqual(line.question_sequence, line.question_id.sequence)
                self.assertEqual(line.survey_id, answer.survey_id)
