from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import float_compare

# Brute force on the second factor (WEB-3): failures are counted per address and per
# account number, in the database, so the limit holds across workers and restarts.
MAX_FAILURES_PER_IP = 5
MAX_FAILURES_PER_ACCOUNT = 5
FAILURE_WINDOW_MINUTES = 30
FACTOR_KINDS = ("meter", "payment", "inn")
ORGANISATION_GROUPS = ("2", "3", "4", "5")


def normalize_token(value):
    """A meter number or an INN as the customer may type it: spaces, dashes and case
    do not matter."""
    return "".join(ch for ch in (value or "") if ch.isalnum()).casefold()


def parse_amount(value):
    """A money amount typed with a comma or a dot, else None."""
    text = (value or "").replace(" ", "").replace("\xa0", "").replace(",", ".")
    try:
        amount = float(text)
    except ValueError:
        return None
    return amount if amount >= 0 else None


class ScePortalAttempt(models.Model):
    """One attempt to prove a personal account online (registration or adding an account
    in the cabinet), successful or not: the throttle counts these rows and the security
    officer reads them."""

    _name = "sce.portal.attempt"
    _description = "Personal account proof attempt"
    _order = "id desc"

    ip_address = fields.Char(string="IP address", required=True, index=True)
    account_number = fields.Char(string="Account number entered", index=True)
    factor_kind = fields.Selection(
        [
            ("meter", "Meter number"),
            ("payment", "Last payment amount"),
            ("inn", "INN"),
        ],
        string="Second factor",
    )
    user_id = fields.Many2one("res.users", string="Login", ondelete="set null", index=True)
    account_id = fields.Many2one("sce.account", string="Personal account", ondelete="set null")
    result = fields.Selection(
        [
            ("ok", "Proved"),
            ("failed", "Account or second factor do not match"),
            ("wrong_kind", "Account of another kind of customer"),
            ("throttled", "Refused: too many failures"),
        ],
        required=True,
        index=True,
    )

    @api.model
    def _sce_throttled(self, ip_address, account_number):
        since = fields.Datetime.now() - timedelta(minutes=FAILURE_WINDOW_MINUTES)
        failed = [("result", "in", ("failed", "wrong_kind")), ("create_date", ">=", since)]
        attempts = self.sudo()
        return (
            attempts.search_count([*failed, ("ip_address", "=", ip_address)]) >= MAX_FAILURES_PER_IP
            or attempts.search_count([*failed, ("account_number", "=", account_number)])
            >= MAX_FAILURES_PER_ACCOUNT
        )

    @api.model
    def _sce_factor_matches(self, account, factor_kind, factor_value):
        """Whether the second factor is one the company holds for this account
        (``account`` read as superuser, so are its meters and payments)."""
        if factor_kind == "meter":
            typed = normalize_token(factor_value)
            return bool(typed) and any(
                normalize_token(meter.name) == typed for meter in account.meter_ids
            )
        if factor_kind == "payment":
            amount = parse_amount(factor_value)
            last = account.env["sce.account.move"].search(
                [("account_id", "=", account.id), ("move_type", "=", "payment")],
                order="date desc, id desc",
                limit=1,
            )
            return (
                bool(last)
                and amount is not None
                and not float_compare(last.amount, amount, precision_digits=2)
            )
        if factor_kind == "inn":
            typed = normalize_token(factor_value)
            return bool(typed) and normalize_token(account.partner_id.vat) == typed
        return False

    @api.model
    def _sce_prove_account(self, account_number, factor_kind, factor_value, ip_address, kind):
        """The account the visitor proved with its number and a second factor, or an
        error message. ``kind`` is the page: "person" (group 1) or "organisation"
        (groups 2-5). Every attempt is logged; after too many failures from one address
        or on one account number, attempts are refused without being checked.

        Reads accounts as superuser: the visitor has no access to them, and nothing
        about an account is returned unless both factors match."""
        account_number = (account_number or "").strip()[:32]
        log = {
            "ip_address": ip_address,
            "account_number": account_number,
            "factor_kind": factor_kind if factor_kind in FACTOR_KINDS else False,
            "user_id": False if self.env.user._is_public() else self.env.user.id,
        }
        attempts = self.sudo()
        if self._sce_throttled(ip_address, account_number):
            attempts.create({**log, "result": "throttled"})
            return None, self.env._(
                "Too many unsuccessful attempts. Please try again in %(minutes)s minutes "
                "or come to a customer service center with your passport.",
                minutes=FAILURE_WINDOW_MINUTES,
            )
        account = (
            self.env["sce.account"]
            .sudo()
            .search([("name", "=", account_number), ("contract_state", "!=", "terminated")])
        )
        if not (account and self._sce_factor_matches(account.sudo(), factor_kind, factor_value)):
            attempts.create({**log, "result": "failed"})
            return None, self.env._(
                "The account number and the second factor do not match our records. "
                "Check them against your last receipt."
            )
        is_organisation = account.customer_group in ORGANISATION_GROUPS
        if is_organisation != (kind == "organisation"):
            attempts.create({**log, "account_id": account.id, "result": "wrong_kind"})
            return None, (
                self.env._(
                    "This account belongs to an organisation: use the page for organisations."
                )
                if is_organisation
                else self.env._("This account belongs to a citizen: use the page for individuals.")
            )
        attempts.create({**log, "account_id": account.id, "result": "ok"})
        return account, None

    @api.autovacuum
    def _gc_old_attempts(self):
        # The security log is kept for a year.
        self.sudo().search(
            [("create_date", "<", fields.Datetime.now() - timedelta(days=365))]
        ).unlink()
