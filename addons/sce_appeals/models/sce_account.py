from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import ensure_trigram_indexes


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
    last_reading_value = fields.Float(
        compute="_compute_last_reading", digits=(16, 2), string="Last reading"
    )
    last_reading_date = fields.Date(compute="_compute_last_reading", string="Last reading date")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A personal account with this number already exists."),
    ]

    def init(self):
        # Customer lookup by a fragment of the account number or the supply address (GEN-3).
        ensure_trigram_indexes(self.env, self._table, ("name", "supply_address"))

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

    def _compute_last_reading(self):
        """The newest reading on any meter of each account the user may see: one query."""
        self.env["sce.meter.reading"].flush_model(["account_id", "value", "date"])
        query = self.env["sce.meter.reading"]._search([("account_id", "in", self.ids)])
        query.order = SQL(
            "%s, %s DESC, %s DESC",
            SQL.identifier(query.table, "account_id"),
            SQL.identifier(query.table, "date"),
            SQL.identifier(query.table, "id"),
        )
        last = {}
        if self.ids:
            self.env.cr.execute(
                query.select(
                    SQL(
                        "DISTINCT ON (%s) %s, %s, %s",
                        SQL.identifier(query.table, "account_id"),
                        SQL.identifier(query.table, "account_id"),
                        SQL.identifier(query.table, "value"),
                        SQL.identifier(query.table, "date"),
                    )
                )
            )
            last = {account_id: (value, date) for account_id, value, date in self.env.cr.fetchall()}
        for account in self:
            account.last_reading_value, account.last_reading_date = last.get(
                account.id, (0.0, False)
            )
