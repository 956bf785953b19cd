"""Generated demo data of the cash desk: yesterday's closed shift of the central office.

The payments go through the real code so that each gets its receipt number and its one
entry in the account's ledger; a mistaken payment is reversed with a reason and the shift
is closed. Run by the addon's post_init_hook only when installed with demo data::

    CashDemoGenerator(env).generate()
"""

from datetime import datetime, time, timedelta

from odoo import fields

MSK = timedelta(hours=3)
# (minutes after 09:00 MSK, amount, method)
PAYMENTS = [
    (12, 1840.25, "cash"),
    (27, 965.40, "card"),
    (48, 3120.00, "cash"),
    (71, 512.75, "cash"),
    (95, 2287.10, "card"),
    (130, 1400.00, "cash"),
]
REVERSED = 3  # the fourth payment was taken for the wrong account
REVERSAL_REASON = "Оплата принята не по тому лицевому счёту, потребитель оплатил повторно"


class CashDemoGenerator:
    def __init__(self, env):
        self.env = env

    def generate(self):
        env = self.env
        cashier = env.ref("sce_service_center.user_sc_cashier")
        center = env.ref("sce_service_center.sce_service_center_central")
        accounts = env["sce.account"].search(
            [("mro_id", "=", env.ref("sce_appeals.sce_mro_vladikavkaz").id)],
            order="name",
            limit=len(PAYMENTS),
        )
        if len(accounts) < len(PAYMENTS):
            return
        yesterday = fields.Date.context_today(cashier) - timedelta(days=1)
        opening = datetime.combine(yesterday, time(9, 0)) - MSK
        env = env(user=cashier)
        shift = env["sce.cash.shift"].create(
            {"center_id": center.id, "opening_balance": 5000.0, "opened_at": opening}
        )
        payments = env["sce.cash.payment"]
        for (minutes, amount, method), account in zip(PAYMENTS, accounts, strict=True):
            payments |= payments.create(
                {
                    "shift_id": shift.id,
                    "account_id": account.id,
                    "amount": amount,
                    "method": method,
                    "paid_at": opening + timedelta(minutes=minutes),
                }
            )
        payments[REVERSED]._reverse(REVERSAL_REASON, opening + timedelta(minutes=150))
        shift._close(opening + timedelta(hours=9))
