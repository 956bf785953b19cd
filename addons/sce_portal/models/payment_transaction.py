import logging

from odoo import fields, models

_logger = logging.getLogger(__name__)


class PaymentTransaction(models.Model):
    """A card payment from the personal cabinet lands in the account's ledger once, when
    the transaction is done (WEB-3)."""

    _inherit = "payment.transaction"

    sce_account_id = fields.Many2one(
        "sce.account", string="Personal account", index=True, ondelete="set null", readonly=True
    )

    def _post_process(self):
        result = super()._post_process()
        self.filtered(lambda tx: tx.state == "done" and tx.sce_account_id)._sce_post_to_ledger()
        return result

    def _sce_post_to_ledger(self):
        """One payment per transaction reference: the unique reference of charges and
        payments makes a second post-processing (cron and status page racing, a provider
        notifying twice) a no-op."""
        moves = self.env["sce.account.move"].sudo()
        for tx in self:
            if moves.search_count(
                [
                    ("account_id", "=", tx.sce_account_id.id),
                    ("move_type", "=", "payment"),
                    ("reference", "=", tx.reference),
                ]
            ):
                continue
            date = fields.Date.context_today(tx, tx.last_state_change or fields.Datetime.now())
            moves.create(
                {
                    "account_id": tx.sce_account_id.id,
                    "move_type": "payment",
                    "date": date,
                    "period": date.strftime("%Y-%m"),
                    "amount": tx.amount,
                    "reference": tx.reference,
                }
            )
            _logger.info(
                "Card payment %s posted to account %s", tx.reference, tx.sce_account_id.name
            )
