from odoo import api, models

# Sign of each ledger entry type in the balance (payments minus charges)
BALANCE_SIGNS = {"payment": 1.0, "charge": -1.0, "reversal": -1.0}


class SceAccount(models.Model):
    _inherit = "sce.account"

    @api.depends("move_ids.amount", "move_ids.move_type")
    def _compute_balance(self):
        """Payments minus charges, and payment reversals of the cash desk (SC-5) take
        their payments back. The same single grouped query as sce_appeals' formula, which
        it replaces: the customer card's query budget stays as it is."""
        totals = self.env["sce.account.move"]._read_group(
            [("account_id", "in", self.ids)], ["account_id", "move_type"], ["amount:sum"]
        )
        balances = dict.fromkeys(self.ids, 0.0)
        for account, move_type, amount in totals:
            balances[account.id] += BALANCE_SIGNS.get(move_type, 0.0) * amount
        for account in self:
            account.balance = balances.get(account.id, 0.0)
