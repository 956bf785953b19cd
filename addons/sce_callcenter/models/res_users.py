from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    sce_extension = fields.Char(
        string="PBX extension",
        index="btree_not_null",
        copy=False,
        help="The operator's extension on the PBX: calls offered or answered there open "
        "the caller's card in this user's browser.",
    )

    _sql_constraints = [
        (
            "sce_extension_uniq",
            "unique(sce_extension)",
            "A PBX extension belongs to one user.",
        ),
    ]
