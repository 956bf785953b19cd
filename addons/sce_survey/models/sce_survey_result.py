from odoo import api, fields, models, tools
from odoo.tools import SQL
from odoo.tools.sql import create_index

from odoo.addons.sce_appeals.models.res_partner import CUSTOMER_GROUPS

from .survey_survey import SCE_SURVEY_KINDS
from .survey_user_input import INVITE_CHANNELS
from .survey_user_input_score import INDICATORS

# Questionnaires of internal control, not of satisfaction: their answers are no results.
NON_RESULT_KINDS = ("audit",)
# A customer is satisfied when the satisfaction question scores 4 or 5 of 5 — a share of
# the best score of at least SATISFIED_NUMERATOR / SATISFIED_DENOMINATOR on any scale.
SATISFIED_NUMERATOR, SATISFIED_DENOMINATOR = 4, 5
# (figure, aggregate) of ``_sce_figures``, in the order of the reports' columns
FIGURES = (
    ("invited_count", "sum"),
    ("answered_count", "sum"),
    ("response_rate", "avg"),
    ("informativeness", "avg"),
    ("executiveness", "avg"),
    ("feedback_effectiveness", "avg"),
    ("satisfaction", "avg"),
    ("satisfied_share", "avg"),
)


class SceSurveyResult(models.Model):
    """Results of the customer-service questionnaires (FB-5, CTRL-6): one row per
    invitation (answer set), without any personal data, with what it is grouped by (MRO,
    channel, customer group, questionnaire, invitation date) and its figures:

    * invited 1; answered 1 when the answer set is completed (response rate = average);
    * per GEN-8 indicator, the score of its questions as a share of their best score
      (stored on the answer set, see ``survey_user_input_score``), empty when the
      indicator was not answered;
    * satisfied 1 when the satisfaction share is at least 4 of 5, 0 below, empty when
      not answered.

    Averages ignore empty values, so every figure of a group is one SQL aggregate
    (``_read_group``, pivot, graph) whatever the number of answers.
    """

    _name = "sce.survey.result"
    _description = "Survey results"
    _auto = False
    _order = "date_invited desc"
    _rec_name = "survey_id"

    survey_id = fields.Many2one("survey.survey", string="Questionnaire", readonly=True)
    kind = fields.Selection(SCE_SURVEY_KINDS, string="Customer-service purpose", readonly=True)
    mro_id = fields.Many2one("sce.mro", string="MRO", readonly=True)
    channel_id = fields.Many2one("helpdesk.ticket.channel", readonly=True)
    customer_group = fields.Selection(CUSTOMER_GROUPS, readonly=True)
    invite_channel = fields.Selection(INVITE_CHANNELS, string="Invited by", readonly=True)
    date_invited = fields.Datetime(string="Invited on", readonly=True)
    date_answered = fields.Datetime(string="Answered on", readonly=True)
    invited_count = fields.Integer(string="Customers invited", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True)
    response_rate = fields.Float(
        string="Response rate", digits=(5, 4), aggregator="avg", readonly=True
    )
    informativeness = fields.Float(digits=(5, 4), aggregator="avg", readonly=True)
    executiveness = fields.Float(digits=(5, 4), aggregator="avg", readonly=True)
    feedback_effectiveness = fields.Float(
        string="Feedback effectiveness", digits=(5, 4), aggregator="avg", readonly=True
    )
    satisfaction = fields.Float(
        string="Overall satisfaction", digits=(5, 4), aggregator="avg", readonly=True
    )
    satisfied_share = fields.Float(
        string="Satisfied (4–5 of 5)", digits=(5, 4), aggregator="avg", readonly=True
    )

    def init(self):
        # the periods filter on these; partial indexes stay small beside other surveys
        create_index(
            self.env.cr,
            "survey_user_input_sce_create_date_index",
            "survey_user_input",
            ["create_date"],
            where="sce_kind IS NOT NULL",
        )
        create_index(
            self.env.cr,
            "survey_user_input_sce_end_datetime_index",
            "survey_user_input",
            ["end_datetime"],
            where="sce_kind IS NOT NULL AND state = 'done'",
        )
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._sce_query(),
            )
        )

    def _sce_query(self):
        """One row per invitation, read from the answer set's stored indicator scores."""
        done = SQL("ui.state = 'done'")
        shares = SQL(", ").join(
            SQL(
                "CASE WHEN %(done)s AND %(best)s > 0 THEN %(score)s / %(best)s END AS %(col)s",
                done=done,
                score=SQL.identifier("ui", f"sce_{indicator}_score"),
                best=SQL.identifier("ui", f"sce_{indicator}_best"),
                col=SQL.identifier(indicator),
            )
            for indicator in INDICATORS
        )
        return SQL(
            """
            SELECT ui.id,
                   ui.survey_id,
                   ui.sce_kind AS kind,
                   ui.sce_mro_id AS mro_id,
                   ui.sce_channel_id AS channel_id,
                   ui.sce_customer_group AS customer_group,
                   ui.sce_invite_channel AS invite_channel,
                   ui.create_date AS date_invited,
                   ui.end_datetime AS date_answered,
                   1 AS invited_count,
                   CASE WHEN %(done)s THEN 1 ELSE 0 END AS answered_count,
                   CASE WHEN %(done)s THEN 1.0::float ELSE 0.0::float END AS response_rate,
                   %(shares)s,
                   CASE WHEN %(done)s AND ui.sce_satisfaction_best > 0
                        THEN CASE WHEN %(den)s * ui.sce_satisfaction_score
                                       >= %(num)s * ui.sce_satisfaction_best
                                  THEN 1.0::float ELSE 0.0::float END
                   END AS satisfied_share
              FROM survey_user_input ui
             WHERE ui.sce_kind IS NOT NULL
               AND ui.sce_kind NOT IN %(non_result_kinds)s
               AND ui.test_entry IS NOT TRUE
            """,
            done=done,
            shares=shares,
            num=SATISFIED_NUMERATOR,
            den=SATISFIED_DENOMINATOR,
            non_result_kinds=NON_RESULT_KINDS,
        )

    @api.model
    def _sce_figures(self, domain, groupby=()):
        """The figures (``FIGURES``) of the results matching ``domain`` grouped by
        ``groupby``, read as the current user (record rules apply): a list of dicts with
        the group values and the figures; averages are None when nothing was answered."""
        # the view reads the answers' tables: pending ORM writes must reach them first
        self.env["survey.user_input"].flush_model()
        groupby = list(groupby)
        aggregates = [f"{fname}:{aggregate}" for fname, aggregate in FIGURES]
        averages = {fname for fname, aggregate in FIGURES if aggregate == "avg"}
        figures = []
        for row in self._read_group(domain, groupby, aggregates):
            values = dict(zip(groupby, row[: len(groupby)], strict=True))
            for (fname, _aggregate), value in zip(FIGURES, row[len(groupby) :], strict=True):
                # _read_group reads the average of nothing (SQL NULL) as False
                values[fname] = None if fname in averages and value is False else value
            figures.append(values)
        return figures

    @api.model
    def _sce_period_domain(self, date_from, date_to, fname="date_invited"):
        """Results whose ``fname`` falls on the days from ``date_from`` to ``date_to``
        of the production calendar's time zone."""
        start, end = self.env["sce.quality.indicator"]._sce_bounds(date_from, date_to)
        return [(fname, ">=", start), (fname, "<", end)]
