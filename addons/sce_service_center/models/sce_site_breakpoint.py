from odoo import fields, models

SCORED_PARAMETERS = [
    ("p3", "P3: population density (people/km²)"),
    ("p4", "P4: population (thousand people)"),
]


class SceSiteBreakpoint(models.Model):
    """A step of the P3 or P4 scale of the siting score (SC-2): from this value of the
    parameter on, the score is this one. The standard's formulas of P3 and P4 were lost
    with their images, so the scales are data the client department can change."""

    _name = "sce.site.breakpoint"
    _description = "Siting score breakpoint"
    _order = "parameter, threshold"

    parameter = fields.Selection(SCORED_PARAMETERS, required=True, index=True)
    threshold = fields.Float(
        required=True, digits=(12, 2), help="Lowest value of the parameter this score applies to."
    )
    score = fields.Float(required=True, digits=(4, 2))

    _sql_constraints = [
        (
            "threshold_uniq",
            "UNIQUE(parameter, threshold)",
            "A parameter has one score per threshold.",
        ),
    ]

    def _compute_display_name(self):
        for step in self:
            step.display_name = f"{step.parameter.upper()} ≥ {step.threshold:g} → {step.score:g}"

    def _sce_score(self, parameter, value):
        """The score of the highest threshold not above ``value``, 0 below every one."""
        steps = self.search([("parameter", "=", parameter), ("threshold", "<=", value)])
        return steps[-1:].score if steps else 0.0
