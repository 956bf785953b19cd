from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.sce_appeals.tests.common import NO_MAIL_NOISE, SceAppealsCase

SURVEY_GROUPS = {
    "organizer": "sce_survey.group_sce_survey_organizer",
    "survey_head": "sce_survey.group_sce_survey_manager",
    "cc_operator": "sce_callcenter.group_sce_cc_operator_line1",
    "cc_supervisor": "sce_callcenter.group_sce_cc_supervisor",
}


class SceSurveyCase(SceAppealsCase):
    """The register of SceAppealsCase (two MROs, two customers, every appeals role: the
    MRO client departments are the surveys' organizers), call-center staff and a scored
    customer-service questionnaire of our own (tests never rely on the shipped ones)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cc_operator = cls._survey_user("cc_operator", name="Оператор Опросов")
        cls.cc_supervisor = cls._survey_user("cc_supervisor", name="Супервизор Опросов")
        cls.questionnaire = cls._questionnaire("appeal")

    @classmethod
    def _survey_user(cls, role, **vals):
        return new_test_user(
            cls.env,
            login=vals.pop("login", f"sce-{role.replace('_', '-')}"),
            groups=SURVEY_GROUPS[role],
            context=DISABLED_MAIL_CONTEXT,
            tz="Europe/Moscow",
            **{"lang": "en_US", **vals},
        )

    @classmethod
    def _questionnaire(cls, kind, title=None):
        """A questionnaire of ``kind``: one scored five-point question per GEN-8
        indicator (answers score 1 to 5) and a free comment."""
        survey = (
            cls.env["survey.survey"]
            .with_context(**NO_MAIL_NOISE)
            .create(
                {
                    "title": title or f"Тестовая анкета ({kind})",
                    "sce_kind": kind,
                    "access_mode": "token",
                    "scoring_type": "scoring_without_answers",
                }
            )
        )
        for sequence, indicator in enumerate(
            ("informativeness", "executiveness", "feedback_effectiveness", "satisfaction"), 1
        ):
            cls.env["survey.question"].create(
                {
                    "survey_id": survey.id,
                    "sequence": sequence,
                    "title": f"Оценка: {indicator}",
                    "question_type": "simple_choice",
                    "sce_indicator": indicator,
                    "suggested_answer_ids": [
                        (0, 0, {"value": str(score), "answer_score": score, "sequence": score})
                        for score in range(1, 6)
                    ],
                }
            )
        cls.env["survey.question"].create(
            {
                "survey_id": survey.id,
                "sequence": 10,
                "title": "Ваши пожелания",
                "question_type": "text_box",
            }
        )
        survey.invalidate_recordset()
        return survey

    @staticmethod
    def _question(survey, indicator):
        """The question of ``survey`` feeding ``indicator`` (see ``_questionnaire``)."""
        return survey.question_ids.filtered(lambda q: q.sce_indicator == indicator)
