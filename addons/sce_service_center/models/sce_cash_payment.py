from odoo import api, fields, models
from odoo.exceptions import UserError

PAYMENT_METHODS = [("cash", "Cash"), ("card", "Card terminal")]
PAYMENT_KINDS = [("payment", "Payment"), ("reversal", "Reversal")]
# What a receipt says once printed; a mistake is corrected by a reversal
LOCKED_FIELDS = {
    "name",
    "shift_id",
    "account_id",
    "amount",
    "method",
    "kind",
    "paid_at",
    "reversed_payment_id",
    "reversal_reason",
    "account_move_id",
}


class SceCashPayment(models.Model):
    """A payment for a personal account taken at a center's cash window (SC-5), or the
    reversal of one. Each lands once in the account's ledger of sce_appeals."""

    _name = "sce.cash.payment"
    _description = "Cash desk payment"
    _order = "paid_at desc, id desc"

    name = fields.Char(string="Receipt No.", readonly=True, copy=False, index=True)
    shift_id = fields.Many2one(
        "sce.cash.shift",
        string="Cash shift",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('state', '=', 'open'), ('cashier_id', '=', uid)]",
        default=lambda self: self._default_shift(),
    )
    center_id = fields.Many2one(related="shift_id.center_id", store=True, index=True)
    cashier_id = fields.Many2one(related="shift_id.cashier_id", store=True, index=True)
    shift_state = fields.Selection(related="shift_id.state", string="Shift state")
    account_id = fields.Many2one(
        "sce.account", string="Personal account", required=True, index=True
    )
    partner_id = fields.Many2one(related="account_id.partner_id", string="Holder")
    ticket_id = fields.Many2one("sce.queue.ticket", string="Queue ticket", index="btree_not_null")
    currency_id = fields.Many2one(related="shift_id.currency_id")
    amount = fields.Monetary(required=True)
    method = fields.Selection(PAYMENT_METHODS, required=True, default="cash")
    kind = fields.Selection(PAYMENT_KINDS, required=True, default="payment", readonly=True)
    paid_at = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    reversed_payment_id = fields.Many2one(
        "sce.cash.payment", string="Reverses", readonly=True, index="btree_not_null"
    )
    reversal_ids = fields.One2many("sce.cash.payment", "reversed_payment_id", string="Reversals")
    reversal_reason = fields.Char(readonly=True)
    account_move_id = fields.Many2one(
        "sce.account.move", string="Ledger entry", readonly=True, copy=False
    )

    _sql_constraints = [
        ("name_uniq", "UNIQUE(name)", "Receipt numbers are unique."),
        ("amount_positive", "CHECK(amount > 0)", "The amount must be positive."),
        (
            "reversed_once",
            "UNIQUE(reversed_payment_id)",
            "A payment is reversed once.",
        ),
        (
            "ledger_once",
            "UNIQUE(account_move_id)",
            "A ledger entry belongs to one payment.",
        ),
    ]

    def _default_shift(self):
        return self.env["sce.cash.shift"].search(
            [("cashier_id", "=", self.env.uid), ("state", "=", "open")], limit=1
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            shift = self.env["sce.cash.shift"].browse(vals.get("shift_id"))
            if not shift or shift.state != "open":
                raise UserError(self.env._("Open a cash shift before taking payments."))
            shift._check_own()
            if vals.get("kind") == "reversal":
                self._check_reversal_vals(vals)
            vals["name"] = self.env["ir.sequence"].next_by_code("sce.cash.receipt")
            vals["paid_at"] = vals.get("paid_at") or fields.Datetime.now()
            vals["account_move_id"] = self._post_to_ledger(vals).id
        return super().create(vals_list)

    def write(self, vals):
        if any(payment.shift_id.state == "closed" for payment in self):
            raise UserError(self.env._("The payments of a closed cash shift cannot be changed."))
        if LOCKED_FIELDS & set(vals):
            raise UserError(self.env._("A receipt is issued: correct the payment with a reversal."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_receipt(self):
        raise UserError(
            self.env._("Receipts are never deleted: correct the payment with a reversal.")
        )

    def action_reverse(self):
        """Open the reversal of this payment, which asks for the reason."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sce.cash.reversal.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_id": self.id},
        }

    def _reverse(self, reason, paid_at=None):
        """Reverse the payment in the current user's open shift, with a reason; the
        original stays as it was (its shift may be closed)."""
        self.ensure_one()
        if self.kind != "payment":
            raise UserError(self.env._("A reversal cannot be reversed."))
        if self.reversal_ids:
            raise UserError(self.env._("Receipt %s is already reversed.", self.name))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the reversal."))
        shift = self._default_shift()
        if not shift:
            raise UserError(self.env._("Open a cash shift before reversing a payment."))
        return self.create(
            {
                "shift_id": shift.id,
                "account_id": self.account_id.id,
                "amount": self.amount,
                "method": self.method,
                "kind": "reversal",
                "reversed_payment_id": self.id,
                "reversal_reason": reason.strip(),
                "ticket_id": self.ticket_id.id,
                "paid_at": paid_at or fields.Datetime.now(),
            }
        )

    def _check_reversal_vals(self, vals):
        """A reversal takes back the whole of one payment of the same account, with a
        reason: the only correction of a receipt."""
        original = self.browse(vals.get("reversed_payment_id"))
        if (
            not original
            or original.kind != "payment"
            or not (vals.get("reversal_reason") or "").strip()
            or vals.get("account_id") != original.account_id.id
            or vals.get("amount") != original.amount
        ):
            raise UserError(self.env._("A reversal takes back one whole payment, with a reason."))

    def _post_to_ledger(self, vals):
        """The ledger entry of a receipt about to be created, referenced by its number.
        sudo(): cashiers do not write the ledger by hand; the account is checked readable
        and the payment they create is the entry's only source."""
        account = self.env["sce.account"].browse(vals.get("account_id"))
        account.check_access("read")
        if (vals.get("amount") or 0.0) <= 0:
            raise UserError(self.env._("The amount must be positive."))
        return (
            self.env["sce.account.move"]
            .sudo()
            .create(
                {
                    "account_id": account.id,
                    "date": fields.Date.context_today(
                        self, fields.Datetime.to_datetime(vals["paid_at"])
                    ),
                    "move_type": vals.get("kind") or "payment",
                    "amount": vals["amount"],
                    "reference": vals["name"],
                }
            )
        )
