from odoo import fields, models


class SceMeter(models.Model):
    _inherit = "sce.meter"

    sce_digits = fields.Integer(
        string="Register digits",
        default=6,
        help="Digits of the meter's register before the decimal point: a reading given "
        "in the personal cabinet must fit in them.",
    )

    _sql_constraints = [
        ("sce_digits_range", "CHECK(sce_digits BETWEEN 1 AND 9)", "A register has 1 to 9 digits."),
    ]
