from odoo import api, fields, models
from odoo.tools import SQL

INDICATORS = ("informativeness", "executiveness", "feedback_effectiveness", "satisfaction")
# Question types whose score against the best one is a share: the chosen answer's score /
# the best suggested score, or a scale's value / the scale's maximum.
SCORED_TYPES = ("simple_choice", "scale")


class SurveyUserInput(models.Model):
    """Per GEN-8 indicator, the score an answer set gave the questions feeding it and the
    best score they allow, stored as Odoo's survey stores its scoring (``scoring_total``)
    so that the results (``sce.survey.result``) read columns instead of every answer line:
    the share of the best score is score / best, no share when best is 0 (not answered)."""

    _inherit = "survey.user_input"  # pylint: disable=consider-merging-classes-inherited

    sce_informativeness_score = fields.Float(
        string="Informativeness: score",
        compute="_compute_sce_indicator_scores",
        store=True,
        compute_sudo=True,
    )
    sce_informativeness_best = fields.Float(
        string="Informativeness: best score",
        compute="_compute_sce_indicator_scores",
        store=True,
        compute_sudo=True,
    )
    sce_executiveness_score = fields.Float(
        string="Executiveness: score",
        compute="_compute_sce_indicator_scores",
        store=True,
        compute_sudo=True,
    )
    sce_executiveness_best = fields.Float(
        string="Executiveness: best score",
        compute="_compute_sce_indicator_scores",
        store=True,
        compute_sudo=True,
    )
    sce_feedback_effectiveness_score = fields.Float(
        string="Feedback effectiveness: score",
        compute="_compute_sce_indicator_scores",
        store=True,
        compute_sudo=True,
    )
    sce_feedback_effectiveness_best = fields.Float(
        string="Feedback effectiveness: best score",
        compute="_compute_sce_indicator_scores",
        store=True,
        compute_sudo=True,
    )
    sce_satisfaction_score = fields.Float(
        string="Overall satisfaction: score",
        compute="_compute_sce_indicator_scores",
        store=True,
        compute_sudo=True,
    )
    sce_satisfaction_best = fields.Float(
        string="Overall satisfaction: best score",
        compute="_compute_sce_indicator_scores",
        store=True,
        compute_sudo=True,
    )

    @api.depends(
        "user_input_line_ids.answer_score",
        "user_input_line_ids.value_scale",
        "user_input_line_ids.skipped",
        "user_input_line_ids.question_id.sce_indicator",
    )
    def _compute_sce_indicator_scores(self):
        """One grouped query for the whole batch (answers of questionnaires outside the
        customer service keep zeros)."""
        answers = self.filtered(lambda answer: answer.id and answer.sce_kind)
        totals = {}
        if answers:
            for model in ("survey.user_input.line", "survey.question", "survey.question.answer"):
                self.env[model].flush_model()
            self.env.cr.execute(
                SQL(
                    """
                    SELECT l.user_input_id, q.sce_indicator,
                           SUM(CASE WHEN q.question_type = 'scale'
                                    THEN l.value_scale ELSE l.answer_score END),
                           SUM(CASE WHEN q.question_type = 'scale' THEN q.scale_max
                                    ELSE (SELECT MAX(a.answer_score)
                                            FROM survey_question_answer a
                                           WHERE a.question_id = q.id) END)
                      FROM survey_user_input_line l
                      JOIN survey_question q ON q.id = l.question_id
                     WHERE l.user_input_id = ANY(%(ids)s)
                       AND l.skipped IS NOT TRUE
                       AND q.sce_indicator IS NOT NULL
                       AND q.question_type IN %(types)s
                     GROUP BY l.user_input_id, q.sce_indicator
                    """,
                    ids=answers.ids,
                    types=SCORED_TYPES,
                )
            )
            totals = {
                (answer_id, indicator): (score or 0.0, best or 0.0)
                for answer_id, indicator, score, best in self.env.cr.fetchall()
            }
        for answer in self:
            for indicator in INDICATORS:
                score, best = totals.get((answer.id, indicator), (0.0, 0.0))
                answer[f"sce_{indicator}_score"] = score
                answer[f"sce_{indicator}_best"] = best
