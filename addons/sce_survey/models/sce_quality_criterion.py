from odoo import fields, models

# Whose work a criterion judges (CTRL-5): the front office registering an appeal, the
# profile department's specialist processing it, the call-center operator on a call.
CRITERION_ROLES = [
    ("registration", "Registration (front office)"),
    ("processing", "Processing (specialist)"),
    ("call", "Call handling (call-center operator)"),
]


class SceQualityCriterion(models.Model):
    """A criterion of the registration and processing quality checklist (CTRL-5), with
    its weight in the check's score."""

    _name = "sce.quality.criterion"
    _description = "Quality check criterion"
    _order = "role, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="What the checker looks at.")
    role = fields.Selection(CRITERION_ROLES, string="Judges", required=True)
    weight = fields.Float(default=1.0, required=True, help="The criterion's share in the score.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("weight_positive", "CHECK(weight > 0)", "A criterion's weight must be positive."),
    ]
