from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

# Table 2 of the standard (SC-2): P1 by settlement type, P2 by its status.
SETTLEMENT_TYPES = [
    ("city", "City"),
    ("settlement", "Settlement (посёлок)"),
    ("other", "Other (village, stanitsa, ...)"),
]
SETTLEMENT_STATUSES = [
    ("subject_capital", "Administrative centre of the subject of the RF"),
    ("municipal_center", "Administrative centre of a municipal formation"),
    ("other", "Other"),
]
P1_SCORES = {"city": 1.0, "settlement": 0.5, "other": 0.0}
P2_SCORES = {"subject_capital": 1.0, "municipal_center": 0.6, "other": 0.0}
# Opening a unit is advisable from this overall score on (SC-2: G ≥ 1.1)
G_THRESHOLD = 1.1


class SceSiteAssessment(models.Model):
    """The assessment of a settlement for opening a territorial unit (SC-2):
    G = P1 + P2 + P3 + P4 of the standard's Table 2; opening is advisable when G ≥ 1.1.
    The client department prepares the justification, the general director decides."""

    _name = "sce.site.assessment"
    _description = "Siting assessment of a settlement"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"

    name = fields.Char(string="Settlement", required=True, tracking=True)
    mro_id = fields.Many2one("sce.mro", string="MRO", index=True)
    settlement_type = fields.Selection(SETTLEMENT_TYPES, required=True, tracking=True)
    settlement_status = fields.Selection(
        SETTLEMENT_STATUSES, string="Status", required=True, tracking=True
    )
    density = fields.Float(string="Population density (people/km²)", digits=(12, 1), tracking=True)
    population = fields.Float(string="Population (thousand)", digits=(12, 3), tracking=True)
    p1 = fields.Float(compute="_compute_scores", store=True, digits=(4, 2))
    p2 = fields.Float(compute="_compute_scores", store=True, digits=(4, 2))
    p3 = fields.Float(compute="_compute_scores", store=True, digits=(4, 2))
    p4 = fields.Float(compute="_compute_scores", store=True, digits=(4, 2))
    g_score = fields.Float(string="G", compute="_compute_scores", store=True, digits=(4, 2))
    opening_advisable = fields.Boolean(compute="_compute_scores", store=True)
    justification = fields.Html(
        help="The client department's reasoning for the general director: access to other "
        "centers, customers of the area, premises available."
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted to the general director"),
            ("decided", "Decided"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    decision = fields.Selection(
        [("open", "Open a territorial unit"), ("reject", "Do not open")],
        readonly=True,
        tracking=True,
    )
    decision_date = fields.Date(readonly=True, tracking=True)
    decision_note = fields.Text(
        help="The general director's resolution as written on the justification."
    )
    decision_recorded_by_id = fields.Many2one("res.users", readonly=True)

    @api.depends("settlement_type", "settlement_status", "density", "population")
    def _compute_scores(self):
        breakpoints = self.env["sce.site.breakpoint"]
        for assessment in self:
            assessment.p1 = P1_SCORES.get(assessment.settlement_type, 0.0)
            assessment.p2 = P2_SCORES.get(assessment.settlement_status, 0.0)
            assessment.p3 = breakpoints._sce_score("p3", assessment.density)
            assessment.p4 = breakpoints._sce_score("p4", assessment.population)
            g_score = round(assessment.p1 + assessment.p2 + assessment.p3 + assessment.p4, 2)
            assessment.g_score = g_score
            assessment.opening_advisable = (
                float_compare(g_score, G_THRESHOLD, precision_digits=2) >= 0
            )

    def write(self, vals):
        scored = {"settlement_type", "settlement_status", "density", "population"} & set(vals)
        if scored and any(assessment.state != "draft" for assessment in self):
            raise UserError(
                self.env._("The parameters of a submitted assessment cannot be changed.")
            )
        return super().write(vals)

    def action_recompute(self):
        """Score again with the current P3 and P4 scales."""
        self._check_draft()
        self._compute_scores()

    def action_submit(self):
        """Hand the justification to the general director."""
        self._check_draft()
        self.write({"state": "submitted"})

    def action_decide_open(self):
        self._record_decision("open")

    def action_decide_reject(self):
        self._record_decision("reject")

    def action_reset_draft(self):
        for assessment in self:
            if assessment.state != "submitted":
                raise UserError(self.env._("Only a submitted assessment goes back to draft."))
        self.write({"state": "draft"})

    def _check_draft(self):
        if any(assessment.state != "draft" for assessment in self):
            raise UserError(self.env._("Only a draft assessment can be changed."))

    def _record_decision(self, decision):
        """Record the general director's decision on a submitted assessment."""
        for assessment in self:
            if assessment.state != "submitted":
                raise UserError(
                    self.env._("Submit the justification before recording the decision.")
                )
        self.write(
            {
                "state": "decided",
                "decision": decision,
                "decision_date": fields.Date.context_today(self),
                "decision_recorded_by_id": self.env.uid,
            }
        )
