from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.sce_appeals.tests.common import msk

from .common import SceSurveyCase

# The hand-computed figures of the answers of SceSurveyResultsCase (year 2025, the year
# before 2024): shares of the best score (5), averages over the answers that scored.
FIGURES_2025_MRO_A = {
    "invited_count": 4,
    "answered_count": 3,
    "response_rate": 0.75,
    "informativeness": (1.0 + 0.6) / 2,
    "executiveness": (0.8 + 0.4) / 2,
    "feedback_effectiveness": (0.6 + 1.0) / 2,
    "satisfaction": (1.0 + 0.6 + 0.8) / 3,
    "satisfied_share": 2 / 3,
}
FIGURES_2025_MRO_B = {
    "invited_count": 2,
    "answered_count": 1,
    "response_rate": 0.5,
    "informativeness": 0.8,
    "executiveness": None,
    "feedback_effectiveness": None,
    "satisfaction": 0.4,
    "satisfied_share": 0.0,
}
FIGURES_2024_MRO_A = {
    "invited_count": 1,
    "answered_count": 1,
    "response_rate": 1.0,
    "informativeness": None,
    "executiveness": None,
    "feedback_effectiveness": None,
    "satisfaction": 0.6,
    "satisfied_share": 0.0,
}


class SceSurveyResultsCase(SceSurveyCase):
    """A small set of invitations and answers entered through Odoo's survey models, whose
    figures are computed by hand above:

    * MRO A, 2025: two answers to the appeal questionnaire about a web appeal (5/4/3/5 and
      3/2/5/3), one yearly answer with only the satisfaction question (4), one yearly
      invitation never answered;
    * MRO B, 2025: one yearly answer (informativeness 4, satisfaction 2), one invitation
      never answered;
    * MRO A, 2024: one yearly answer (satisfaction 3);
    * an answered complainant audit (internal control, no result) in MRO A, 2025.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the figures are the hand-computed ones of the answers below, whatever answers
        # (demo data) the database holds already
        cls.env["survey.user_input"].search([("sce_kind", "!=", False)]).unlink()
        cls.yearly = cls._questionnaire("yearly")
        cls.audit = cls._questionnaire("audit")
        cls.appeal = cls._appeal(channel_id=cls.channel_web.id)
        cls.customer_b.sce_home_mro_id = cls.mro_b
        cls.portal_user = new_test_user(
            cls.env,
            login="sce-portal-survey",
            groups="base.group_portal",
            context=DISABLED_MAIL_CONTEXT,
        )
        a_scores = ("informativeness", "executiveness", "feedback_effectiveness", "satisfaction")
        cls.answers = (
            cls._answer(
                cls.questionnaire,
                cls.customer,
                dict(zip(a_scores, (5, 4, 3, 5), strict=True)),
                msk(2025, 3, 10, 10, 0),
                ticket=cls.appeal,
            )
            | cls._answer(
                cls.questionnaire,
                cls.customer,
                dict(zip(a_scores, (3, 2, 5, 3), strict=True)),
                msk(2025, 7, 1, 9, 0),
                ticket=cls.appeal,
            )
            | cls._answer(cls.yearly, cls.customer, {"satisfaction": 4}, msk(2025, 11, 5, 12, 0))
            | cls._answer(cls.yearly, cls.customer, None, msk(2025, 12, 31, 23, 30))
            | cls._answer(
                cls.yearly,
                cls.customer_b,
                {"informativeness": 4, "satisfaction": 2},
                msk(2025, 1, 1, 0, 30),
            )
            | cls._answer(cls.yearly, cls.customer_b, None, msk(2025, 6, 1, 12, 0))
            | cls._answer(cls.yearly, cls.customer, {"satisfaction": 3}, msk(2024, 12, 31, 23, 0))
            | cls._answer(cls.audit, cls.customer, {"satisfaction": 1}, msk(2025, 4, 1, 12, 0))
        )

    @classmethod
    def _answer(cls, survey, partner, scores, invited, ticket=None):
        """An invitation of ``partner`` to ``survey`` on ``invited`` (naive UTC), answered
        the same day with ``scores`` ({indicator: score 1-5}) unless ``scores`` is None."""
        answer = survey._create_answer(
            partner=partner,
            check_attempts=False,
            sce_invite_channel="email",
            sce_ticket_id=ticket.id if ticket else False,
        )
        if scores is not None:
            for indicator, score in scores.items():
                question = cls._question(survey, indicator)
                choice = question.suggested_answer_ids.filtered(
                    lambda a, score=score: a.answer_score == score
                )
                answer._save_lines(question, choice.id)
            answer._mark_done()
        answer.flush_recordset()
        cls.env.cr.execute(
            "UPDATE survey_user_input SET create_date = %s,"
            " end_datetime = CASE WHEN state = 'done' THEN %s::timestamp + interval '1 hour' END"
            " WHERE id = %s",
            (invited, invited, answer.id),
        )
        answer.invalidate_recordset()
        return answer

    def assertFigures(self, figures, expected):
        for fname, value in expected.items():
            if value is None:
                self.assertIsNone(figures[fname], fname)
            else:
                self.assertAlmostEqual(figures[fname], value, places=6, msg=fname)
