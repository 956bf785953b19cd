from odoo import api, models


class SceAccount(models.Model):
    _inherit = "sce.account"

    @api.depends("move_ids.amount", "move_ids.move_type")
    def _compute_balance(self):
        """Payment reversals of the cash desk (SC-5) take their payments back."""
        result = super()._compute_balance()
        reversed_amounts = dict(
            self.env["sce.account.move"]._read_group(
                [("account_id", "in", self.ids), ("move_type", "=", "reversal")],
                ["account_id"],
                ["amount:sum"],
            )
        )
        for account in self:
            account.balance -= reversed_amounts.get(account, 0.0)
        return result
