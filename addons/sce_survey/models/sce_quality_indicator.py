from odoo import api, fields, models

# Weight of the survey share in a combined GEN-8 indicator when both inputs exist.
SURVEY_WEIGHT = 0.5
# (indicator, field of its appeals share, the count telling whether that share exists)
COMBINED_INDICATORS = (
    ("informativeness", "informativeness", "inquiry_count"),
    ("executiveness", "executiveness", "deadline_count"),
    ("feedback_effectiveness", "feedback_effectiveness", "complaint_count"),
)


def gen8_combined(appeals_share, survey_share):
    """A GEN-8 indicator from its two inputs, each a share from 0 to 1 or None when
    nothing counts: the weighted mean (``SURVEY_WEIGHT`` for the survey) when both
    exist, the one that exists otherwise, None when neither does."""
    if appeals_share is None:
        return survey_share
    if survey_share is None:
        return appeals_share
    return (1 - SURVEY_WEIGHT) * appeals_share + SURVEY_WEIGHT * survey_share


class SceQualityIndicator(models.Model):
    """The survey inputs of the GEN-8 indicators per MRO and period (FB-5, GEN-8): the
    answers completed in the period whose questions feed an indicator, as the average
    share of the best score, and each indicator combined from its appeals share and its
    survey share (``gen8_combined``). Filled where the rows are computed; reports read."""

    _inherit = "sce.quality.indicator"

    survey_answer_count = fields.Integer(
        string="Survey answers", help="Questionnaires completed in the period."
    )
    survey_informativeness = fields.Float(
        string="Informativeness (surveys)", digits=(5, 4), aggregator="avg"
    )
    survey_executiveness = fields.Float(
        string="Executiveness (surveys)", digits=(5, 4), aggregator="avg"
    )
    survey_feedback_effectiveness = fields.Float(
        string="Feedback effectiveness (surveys)", digits=(5, 4), aggregator="avg"
    )
    survey_satisfaction = fields.Float(
        string="Overall satisfaction (surveys)", digits=(5, 4), aggregator="avg"
    )
    combined_informativeness = fields.Float(
        string="Informativeness (appeals and surveys)", digits=(5, 4), aggregator="avg"
    )
    combined_executiveness = fields.Float(
        string="Executiveness (appeals and surveys)", digits=(5, 4), aggregator="avg"
    )
    combined_feedback_effectiveness = fields.Float(
        string="Feedback effectiveness (appeals and surveys)", digits=(5, 4), aggregator="avg"
    )

    @api.model
    def _sce_recompute(self, date_from, date_to):
        indicators = super()._sce_recompute(date_from, date_to)
        inputs = self._sce_survey_inputs(date_from, date_to)
        known = set(indicators.mapped(lambda indicator: indicator.mro_id.id or False))
        indicators |= self.create(
            [
                {"date_from": date_from, "date_to": date_to, "mro_id": mro_id}
                for mro_id in sorted(set(inputs) - known, key=lambda m: m or 0)
            ]
        )
        for indicator in indicators:
            indicator.write(indicator._sce_survey_values(inputs.get(indicator.mro_id.id or False)))
        return indicators

    @api.model
    def _sce_survey_inputs(self, date_from, date_to):
        """{mro_id: figures} of the questionnaires completed in the period (see
        ``sce.survey.result._sce_figures``). Indicators are computed for every MRO by
        whoever may write them (the head office's button, the monthly cron): the results
        are read past the MRO record rules, as the appeals' counts are."""
        results = self.env["sce.survey.result"].sudo()
        domain = results._sce_period_domain(date_from, date_to, "date_answered")
        domain += [("answered_count", "=", 1)]
        return {
            figures["mro_id"].id or False: figures
            for figures in results._sce_figures(domain, ["mro_id"])
        }

    def _sce_survey_values(self, figures):
        """The survey fields of one indicator row from its MRO's survey figures (None:
        no answers). A share nobody answered is stored as 0 and left out of the combined
        indicator, as an appeals share is when its count is 0."""
        self.ensure_one()
        figures = figures or {}
        values = {"survey_answer_count": figures.get("answered_count") or 0}
        for indicator in ("informativeness", "executiveness", "feedback_effectiveness"):
            values[f"survey_{indicator}"] = figures.get(indicator) or 0.0
        values["survey_satisfaction"] = figures.get("satisfaction") or 0.0
        for indicator, appeals_field, count_field in COMBINED_INDICATORS:
            appeals_share = self[appeals_field] if self[count_field] else None
            combined = gen8_combined(appeals_share, figures.get(indicator))
            values[f"combined_{indicator}"] = combined or 0.0
        return values
