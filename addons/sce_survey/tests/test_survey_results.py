from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged, users, warmup

from .common_results import (
    FIGURES_2024_MRO_A,
    FIGURES_2025_MRO_A,
    FIGURES_2025_MRO_B,
    SceSurveyResultsCase,
)


@tagged("post_install", "-at_install")
class TestSurveyResults(SceSurveyResultsCase):
    """FB-5, CTRL-6: results per MRO, channel, customer group and period — invited,
    answered, response rate, indicator shares of the best score, satisfied share — equal
    the hand-computed figures; read as the roles that read them."""

    def _year(self, year):
        # the period's bounds only (the production calendar is no portal user's reading)
        return (
            self.env["sce.survey.result"]
            .sudo()
            ._sce_period_domain(date(year, 1, 1), date(year, 12, 31))
        )

    def _by(self, domain, fname):
        rows = self.env["sce.survey.result"]._sce_figures(domain, [fname])
        return {row[fname]: row for row in rows}

    @users("sce-manager")
    def test_fb5_figures_per_mro_and_year_match_hand_computed(self):
        by_mro = self._by(self._year(2025), "mro_id")
        self.assertEqual(set(by_mro), {self.mro_a, self.mro_b})
        self.assertFigures(by_mro[self.mro_a], FIGURES_2025_MRO_A)
        self.assertFigures(by_mro[self.mro_b], FIGURES_2025_MRO_B)
        [before] = self.env["sce.survey.result"]._sce_figures(
            self._year(2024) + [("mro_id", "=", self.mro_a.id)]
        )
        self.assertFigures(before, FIGURES_2024_MRO_A)

    @users("sce-manager")
    def test_ctrl6_figures_per_channel_and_customer_group(self):
        by_channel = self._by(self._year(2025), "channel_id")
        web = by_channel[self.channel_web]
        self.assertFigures(
            web,
            {
                "invited_count": 2,
                "answered_count": 2,
                "response_rate": 1.0,
                "informativeness": 0.8,
                "satisfaction": 0.8,
                "satisfied_share": 0.5,
            },
        )
        no_channel = by_channel[self.env["helpdesk.ticket.channel"]]
        self.assertEqual(no_channel["invited_count"], 4, "the yearly study's invitations")
        by_group = self._by(self._year(2025), "customer_group")
        self.assertEqual(by_group["1"]["invited_count"], 6)
        self.assertEqual(by_group["1"]["answered_count"], 4)

    @users("sce-manager")
    def test_fb5_period_follows_moscow_days_and_audits_are_no_results(self):
        """The invitation of 31.12.2025 23:30 and of 01.01.2025 00:30 (Moscow) are 2025's;
        the complainant audit's answer is internal control, not satisfaction."""
        results = self.env["sce.survey.result"]
        [total] = results._sce_figures(self._year(2025))
        self.assertEqual(total["invited_count"], 6)
        self.assertEqual(total["answered_count"], 4)
        self.assertFalse(results.search([("kind", "=", "audit")]))
        self.assertEqual(results.search_count([("survey_id", "=", self.audit.id)]), 0)

    @users("sce-mro-a")
    def test_fb5_scale_question_share_and_satisfied(self):
        """A 1–5 scale rated 4 is 0.8 of the best and satisfied; 3 is not. The customers
        answer through their token links (the survey controller saves as superuser); the
        organizer reads."""
        survey = (
            self.env["survey.survey"]
            .sudo()
            .create({"title": "Шкала", "sce_kind": "call", "access_mode": "token"})
        )
        question = (
            self.env["survey.question"]
            .sudo()
            .create(
                {
                    "survey_id": survey.id,
                    "title": "Насколько вы довольны?",
                    "question_type": "scale",
                    "scale_min": 1,
                    "scale_max": 5,
                    "sce_indicator": "satisfaction",
                }
            )
        )
        for value in (4, 3):
            answer = survey._sce_invite(self.customer, "email")
            answer._save_lines(question, value)
            answer._mark_done()
        [figures] = self.env["sce.survey.result"]._sce_figures([("survey_id", "=", survey.id)])
        self.assertFigures(
            figures,
            {
                "invited_count": 2,
                "answered_count": 2,
                "satisfaction": (0.8 + 0.6) / 2,
                "satisfied_share": 0.5,
                "informativeness": None,
            },
        )

    @users("sce-manager")
    def test_fb5_changed_answer_changes_the_results(self):
        """The figures follow the answers: rating satisfaction 2 instead of 5 in the first
        answer lowers MRO A's 2025 satisfaction from 0.8 to 0.6."""
        first = self.answers[0].sudo()
        question = self._question(self.questionnaire, "satisfaction")
        first._save_lines(
            question, question.suggested_answer_ids.filtered(lambda a: a.answer_score == 2).id
        )
        by_mro = self._by(self._year(2025), "mro_id")
        self.assertAlmostEqual(by_mro[self.mro_a]["satisfaction"], (0.4 + 0.6 + 0.8) / 3)
        self.assertAlmostEqual(by_mro[self.mro_a]["satisfied_share"], 1 / 3)

    @users("sce-manager")
    def test_ctrl6_pivot_by_questionnaire_for_managers(self):
        """The pivot and graph open for a manager of reports, who is no survey user, and
        group by questionnaire."""
        results = self.env["sce.survey.result"]
        views = results.get_views([(False, "pivot"), (False, "graph"), (False, "search")])
        self.assertIn("satisfied_share", views["views"]["pivot"]["arch"])
        groups = results.web_read_group(self._year(2025), ["invited_count:sum"], ["survey_id"])
        invited = {group["survey_id"][1]: group["invited_count"] for group in groups["groups"]}
        self.assertEqual(invited, {self.questionnaire.title: 2, self.yearly.title: 4})

    @users("sce-manager")
    def test_fb5_results_carry_no_personal_data(self):
        results = self.env["sce.survey.result"]
        self.assertFalse({"partner_id", "email", "nickname", "access_token"} & set(results._fields))

    @users("sce-mro-a")
    def test_fb5_organizer_reads_only_own_mro_results(self):
        by_mro = self._by(self._year(2025), "mro_id")
        self.assertEqual(set(by_mro), {self.mro_a})
        self.assertFigures(by_mro[self.mro_a], FIGURES_2025_MRO_A)

    @users("sce-cc-operator", "sce-portal-survey")
    def test_fb5_operator_and_portal_cannot_read_results(self):
        with self.assertRaises(AccessError):
            self.env["sce.survey.result"]._sce_figures(self._year(2025), ["mro_id"])
        with self.assertRaises(AccessError):
            self.env["sce.survey.result"].search([])

    @users("sce-manager")
    @warmup
    def test_fb5_figures_query_budget(self):
        """One query per grouping, whatever the number of answers."""
        results = self.env["sce.survey.result"]
        domain = self._year(2025)
        with self.assertQueryCount(**{"sce-manager": 1}):
            results._sce_figures(domain, ["mro_id", "channel_id", "customer_group"])
