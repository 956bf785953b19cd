from datetime import date

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged, users, warmup

from odoo.addons.sce_appeals.models.sce_quality_indicator import (
    SceQualityIndicator as AppealsQualityIndicator,
)

from ..models.sce_quality_indicator import SURVEY_WEIGHT, gen8_combined
from .common_results import SceSurveyResultsCase


@tagged("post_install", "-at_install")
class TestQualityIndicatorSurveyInputs(SceSurveyResultsCase):
    """GEN-8: the three indicators gain their survey inputs per MRO and period — answers
    completed in the period, as the share of the best score — and combine them with the
    appeals' shares; computed by the manager, read on a read-only dashboard."""

    def _recompute(self, date_from, date_to):
        indicators = self.env["sce.quality.indicator"]._sce_recompute(date_from, date_to)
        return {indicator.mro_id: indicator for indicator in indicators}

    def test_gen8_combination_rule(self):
        self.assertEqual(SURVEY_WEIGHT, 0.5)
        self.assertAlmostEqual(gen8_combined(1.0, 0.6), 0.8)
        self.assertEqual(gen8_combined(None, 0.6), 0.6)
        self.assertEqual(gen8_combined(0.9, None), 0.9)
        self.assertIsNone(gen8_combined(None, None))
        # CTRL-5: the complainant audit joins the survey as the customers' own view
        self.assertAlmostEqual(gen8_combined(1.0, 0.6, 0.2), 0.7)
        self.assertAlmostEqual(gen8_combined(1.0, None, 0.2), 0.6)
        self.assertEqual(gen8_combined(None, None, 0.5), 0.5)

    @users("sce-manager")
    def test_gen8_survey_inputs_per_mro_and_month_by_answer_date(self):
        """January 2025 counts the answers completed then: MRO A's answer to the
        invitation of 31.12.2024 (answered at midnight, Moscow) and MRO B's."""
        by_mro = self._recompute(date(2025, 1, 1), date(2025, 1, 31))
        self.assertEqual(set(by_mro), {self.mro_a, self.mro_b}, "rows for survey-only MROs")
        mro_a, mro_b = by_mro[self.mro_a], by_mro[self.mro_b]
        self.assertEqual((mro_a.survey_answer_count, mro_b.survey_answer_count), (1, 1))
        self.assertAlmostEqual(mro_a.survey_satisfaction, 0.6)
        self.assertEqual(mro_a.survey_informativeness, 0.0, "not asked: stored as 0")
        self.assertAlmostEqual(mro_b.survey_informativeness, 0.8)
        self.assertAlmostEqual(mro_b.survey_satisfaction, 0.4)
        self.assertAlmostEqual(mro_b.combined_informativeness, 0.8, msg="no inquiries: survey")
        self.assertEqual(mro_b.inquiry_count, 0)

    @users("sce-manager")
    def test_gen8_survey_inputs_of_a_year(self):
        mro_a = self._recompute(date(2025, 1, 1), date(2025, 12, 31))[self.mro_a]
        self.assertEqual(mro_a.survey_answer_count, 4, "the audit's answer is no input")
        self.assertAlmostEqual(mro_a.survey_satisfaction, (0.6 + 1.0 + 0.6 + 0.8) / 4)
        self.assertAlmostEqual(mro_a.survey_informativeness, 0.8)
        self.assertAlmostEqual(mro_a.survey_executiveness, 0.6)
        self.assertAlmostEqual(mro_a.survey_feedback_effectiveness, 0.8)

    @users("sce-manager")
    def test_gen8_combined_with_the_appeals_share(self):
        """An inquiry of this month not repeated (appeals: informativeness 1) and an
        answer rating informativeness 3 of 5 (surveys: 0.6) combine to 0.8; without
        deadlines in the month, executiveness is the survey's alone."""
        self._appeal(appeal_kind="inquiry", category_id=self.topic_readings.id)
        answer = self.questionnaire._create_answer(
            partner=self.customer, check_attempts=False, sce_ticket_id=self.appeal.id
        )
        for indicator, score in (("informativeness", 3), ("executiveness", 4)):
            question = self._question(self.questionnaire, indicator)
            answer._save_lines(
                question,
                question.suggested_answer_ids.filtered(lambda a, s=score: a.answer_score == s).id,
            )
        answer._mark_done()
        today = fields.Date.context_today(self.env.user)
        mro_a = self._recompute(today.replace(day=1), today)[self.mro_a]
        self.assertEqual((mro_a.inquiry_count, mro_a.repeated_inquiry_count), (1, 0))
        self.assertAlmostEqual(mro_a.informativeness, 1.0)
        self.assertAlmostEqual(mro_a.survey_informativeness, 0.6)
        self.assertAlmostEqual(mro_a.combined_informativeness, 0.8)
        self.assertEqual(mro_a.deadline_count, 0)
        self.assertAlmostEqual(mro_a.combined_executiveness, 0.8)
        self.assertEqual(mro_a.survey_answer_count, 1)

    @users("sce-manager")
    def test_gen8_without_answers_the_appeals_share_stands(self):
        self._appeal(appeal_kind="inquiry", category_id=self.topic_readings.id)
        today = fields.Date.context_today(self.env.user)
        mro_a = self._recompute(today.replace(day=1), today)[self.mro_a]
        self.assertEqual(mro_a.survey_answer_count, 0)
        self.assertEqual(mro_a.survey_informativeness, 0.0)
        self.assertAlmostEqual(mro_a.combined_informativeness, 1.0)

    @users("sce-manager")
    def test_gen8_dashboard_is_read_only_for_managers(self):
        self._recompute(date(2025, 1, 1), date(2025, 1, 31))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_survey.sce_quality_indicator_action_sce_dashboard"
        )
        self.assertIn("'create': False", action["context"])
        groups = self.env["sce.quality.indicator"]._read_group(
            [("date_from", "=", date(2025, 1, 1))],
            ["mro_id"],
            ["combined_informativeness:avg", "survey_satisfaction:avg"],
        )
        self.assertEqual(len(groups), 2)
        self.assertEqual(
            [view_mode for _view_id, view_mode in action["views"]], ["graph", "pivot", "list"]
        )

    @users("sce-mro-a", "sce-cc-operator")
    def test_gen8_indicators_are_for_managers_only(self):
        with self.assertRaises(AccessError):
            self.env["sce.quality.indicator"].search([])

    @users("sce-manager")
    @warmup
    def test_gen8_survey_inputs_query_budget(self):
        """The survey inputs of every MRO cost one grouped query (after the production
        calendar's look-up for the period's bounds) and are written in the appeals'
        INSERT: the recompute costs the appeals' queries, one query for the inputs,
        one INSERT for the MROs with answers but no appeals (both MROs here) and the
        complainant audit's one grouped read; one query of slack, as the count varies by
        one with the caches the tests run before leave behind."""
        indicators = self.env["sce.quality.indicator"]
        period = (date(2025, 1, 1), date(2025, 12, 31))
        self.env.flush_all()
        with self.assertQueryCount(**{"sce-manager": 3}):
            indicators._sce_survey_inputs(*period)
        indicators._sce_recompute(*period)
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        AppealsQualityIndicator._sce_recompute(indicators, *period)
        self.env.flush_all()
        appeals_queries = self.env.cr.sql_log_count - before
        with self.assertQueryCount(**{"sce-manager": appeals_queries + 4}):
            indicators._sce_recompute(*period)
