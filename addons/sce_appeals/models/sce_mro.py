from odoo import fields, models


class SceMro(models.Model):
    """An inter-district branch (МРО) with its client department (GEN-9)."""

    _name = "sce.mro"
    _description = "MRO branch"
    _order = "sequence, name"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    head_user_id = fields.Many2one(
        "res.users",
        string="Client department head",
        help="Receives escalations of overdue appeals of this MRO.",
    )
    address = fields.Char()
    phone = fields.Char()
    territorial_unit_ids = fields.One2many(
        "sce.territorial.unit", "mro_id", string="Territorial units"
    )
    account_count = fields.Integer(compute="_compute_account_count")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The MRO code must be unique."),
    ]

    def _compute_account_count(self):
        counts = dict(
            self.env["sce.account"]._read_group(
                [("mro_id", "in", self.ids)], ["mro_id"], ["__count"]
            )
        )
        for mro in self:
            mro.account_count = counts.get(mro, 0)
