from odoo import fields, models


class SceAccountMove(models.Model):
    """A charge or a payment on a personal account, as imported from billing."""

    _name = "sce.account.move"
    _description = "Charge or payment"
    _order = "date desc, id desc"

    account_id = fields.Many2one(
        "sce.account", string="Personal account", required=True, index=True, ondelete="cascade"
    )
    mro_id = fields.Many2one(related="account_id.mro_id", store=True, index=True)
    date = fields.Date(required=True, index=True)
    move_type = fields.Selection(
        [("charge", "Charge"), ("payment", "Payment")], string="Type", required=True
    )
    period = fields.Char(help="Billing period, e.g. 2026-10.")
    amount = fields.Monetary(required=True)
    currency_id = fields.Many2one(related="account_id.currency_id")
    consumption_kwh = fields.Float(string="Consumption, kWh")
    reference = fields.Char(help="Document number in billing; used to skip duplicates.")

    _sql_constraints = [
        (
            "reference_uniq",
            "unique(account_id, move_type, reference)",
            "This billing document is already imported.",
        ),
        ("amount_positive", "CHECK(amount > 0)", "The amount must be positive."),
    ]
