from odoo import fields, models


class SceCenterOfferedService(models.Model):
    """A service a center offers its visitors (SC-1, SC-5); an additional one makes the
    electronic queue compulsory in central and MRO centers (Table 3)."""

    _name = "sce.center.offered.service"
    _description = "Service offered at a center"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_additional = fields.Boolean(
        string="Additional service",
        help="A paid or extra service beside the supply contract (meter replacement, "
        "sealing, ...).",
    )
    active = fields.Boolean(default=True)
