from odoo import api, fields, models

from .survey_user_input_score import INDICATORS

# Weight of the survey share in a combined GEN-8 indicator when both inputs exist.
SURVEY_WEIGHT = 0.5
# (indicator, field of its appeals share, the count telling whether that share exists)
COMBINED_INDICATORS = (
    ("informativeness", "informativeness", "inquiry_count"),
    ("executiveness", "executiveness", "deadline_count"),
    ("feedback_effectiveness", "feedback_effectiveness", "complaint_count"),
)


def gen8_combined(appeals_share, survey_share, audit_share=None):
    """A GEN-8 indicator from its inputs, each a share from 0 to 1 or None when nothing
    counts. The customers' own view is the survey share, or for feedback effectiveness
    the mean of the survey share and the complainant audit's confirmed share (whichever
    exist); the indicator is the weighted mean of the appeals share and the customers'
    view (``SURVEY_WEIGHT`` for the latter) when both exist, the one that exists
    otherwise, None when neither does."""
    customers = [share for share in (survey_share, audit_share) if share is not None]
    survey_share = sum(customers) / len(customers) if customers else None
    if appeals_share is None:
        return survey_share
    if survey_share is None:
        return appeals_share
    return (1 - SURVEY_WEIGHT) * appeals_share + SURVEY_WEIGHT * survey_share


class SceQualityIndicator(models.Model):
    """The survey and audit inputs of the GEN-8 indicators per MRO and period (FB-5,
    CTRL-5, GEN-8): the answers completed in the period whose questions feed an
    indicator, as the average share of the best score; the complainant audit's share of
    customers who confirmed the promised measures were done and recorded in the CRM
    (audit_confirmed_share = confirmed / asked, *asked* counting the drawn customers of
    the audits whose month starts in the period who answered, 0 when nobody was); and
    each indicator combined from these and its appeals share (``gen8_combined``).
    Filled where the rows are computed, in the appeals' own INSERT; reports read."""

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
        string="Feedback effectiveness (appeals, surveys and audit)",
        digits=(5, 4),
        aggregator="avg",
    )
    audit_asked_count = fields.Integer(string="Complainants asked (audit)")
    audit_confirmed_count = fields.Integer(string="Measures confirmed (audit)")
    audit_confirmed_share = fields.Float(
        string="Measures confirmed share", digits=(5, 4), aggregator="avg"
    )

    @api.model_create_multi
    def create(self, vals_list):
        # the inputs read by _sce_recompute go into the same INSERT as the appeals'
        inputs = self.env.context.get("sce_survey_inputs")
        if inputs is not None:
            audits = self.env.context.get("sce_audit_inputs") or {}
            vals_list = [
                {
                    **vals,
                    **self._sce_survey_values(
                        vals,
                        inputs.get(vals.get("mro_id") or False),
                        audits.get(vals.get("mro_id") or False),
                    ),
                }
                for vals in vals_list
            ]
        return super().create(vals_list)

    @api.model
    def _sce_recompute(self, date_from, date_to):
        """The appeals' rows with their survey and audit inputs, plus a row for every MRO
        with survey answers or audited complainants but no appeals in the period: two
        queries more than the appeals' (and one INSERT for such MROs)."""
        inputs = self._sce_survey_inputs(date_from, date_to)
        audits = self._sce_audit_counts(date_from, date_to)
        with_inputs = self.with_context(sce_survey_inputs=inputs, sce_audit_inputs=audits)
        indicators = super(SceQualityIndicator, with_inputs)._sce_recompute(date_from, date_to)
        known = {indicator.mro_id.id or False for indicator in indicators}
        missing = sorted((set(inputs) | set(audits)) - known, key=lambda mro_id: mro_id or 0)
        if missing:
            indicators |= with_inputs.create(
                [
                    {"date_from": date_from, "date_to": date_to, "mro_id": mro_id}
                    for mro_id in missing
                ]
            )
        return indicators.with_env(self.env)

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

    @api.model
    def _sce_survey_values(self, vals, figures, audit=None):
        """The survey and audit fields of the row of ``vals`` (its appeals' counts and
        shares) from its MRO's survey figures (None: no answers) and audit counts (asked,
        confirmed) (None: nobody asked). A share nobody answered is stored as 0 and left
        out of the combined indicator, as an appeals share is when its count is 0."""
        figures = figures or {}
        asked, confirmed = audit or (0, 0)
        audit_share = confirmed / asked if asked else None
        values = {
            "survey_answer_count": figures.get("answered_count") or 0,
            "audit_asked_count": asked,
            "audit_confirmed_count": confirmed,
            "audit_confirmed_share": audit_share or 0.0,
        }
        for indicator in INDICATORS:
            values[f"survey_{indicator}"] = figures.get(indicator) or 0.0
        for indicator, appeals_field, count_field in COMBINED_INDICATORS:
            appeals_share = vals.get(appeals_field) or 0.0 if vals.get(count_field) else None
            combined = gen8_combined(
                appeals_share,
                figures.get(indicator),
                audit_share if indicator == "feedback_effectiveness" else None,
            )
            values[f"combined_{indicator}"] = combined or 0.0
        return values

    @api.model
    def _sce_audit_counts(self, date_from, date_to):
        """{mro id: (asked, confirmed)} of the complainant audits of months starting in
        the period."""
        groups = (
            self.env["sce.complaint.audit.line"]
            .sudo()
            ._read_group(
                [
                    ("date_from", ">=", date_from),
                    ("date_from", "<=", date_to),
                    ("state", "in", ("confirmed", "discrepancy")),
                ],
                ["mro_id", "state"],
                ["__count"],
            )
        )
        result = {}
        for mro, state, count in groups:
            asked, confirmed = result.get(mro.id or False, (0, 0))
            result[mro.id or False] = (
                asked + count,
                confirmed + (count if state == "confirmed" else 0),
            )
        return result
