from odoo import api, fields, models


class SceAccount(models.Model):
    """A personal account (лицевой счёт) of a customer."""

    _name = "sce.account"
    _description = "Personal account"
    _inherit = ["mail.thread"]
    _order = "name"
    _rec_names_search = ["name", "partner_id", "supply_address"]

    name = fields.Char(string="Account number", required=True, index=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Holder", required=True, index=True, tracking=True
    )
    customer_group = fields.Selection(
        related="partner_id.sce_customer_group", store=True, string="Customer group"
    )
    supply_address = fields.Char(required=True)
    mro_id = fields.Many2one("sce.mro", string="MRO", required=True, index=True)
    territorial_unit_id = fields.Many2one(
        "sce.territorial.unit",
        string="Territorial unit",
        domain="[('mro_id', '=', mro_id)]",
    )
    contract_state = fields.Selection(
        [
            ("draft", "Application"),
            ("active", "Contract in force"),
            ("suspended", "Supply restricted"),
            ("terminated", "Terminated"),
        ],
        default="active",
        required=True,
        tracking=True,
    )
    contract_date = fields.Date()
    meter_ids = fields.One2many("sce.meter", "account_id", string="Meters")
    move_ids = fields.One2many("sce.account.move", "account_id", string="Charges and payments")
    balance = fields.Monetary(
        compute="_compute_balance",
        help="Payments minus charges: negative means a debt.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self.env.ref("base.RUB", raise_if_not_found=False)
        or self.env.company.currency_id,
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A personal account with this number already exists."),
    ]

    @api.depends("move_ids.amount", "move_ids.move_type")
    def _compute_balance(self):
        totals = {
            (account.id, move_type): amount
            for account, move_type, amount in self.env["sce.account.move"]._read_group(
                [("account_id", "in", self.ids)], ["account_id", "move_type"], ["amount:sum"]
            )
        }
        for account in self:
            account.balance = totals.get((account.id, "payment"), 0.0) - totals.get(
                (account.id, "charge"), 0.0
            )
