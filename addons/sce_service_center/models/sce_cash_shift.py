from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class SceCashShift(models.Model):
    """A cashier's shift at a center's cash desk (SC-5, SC-6): the cash in the drawer at
    opening, the payments taken and reversed, the cash at closing. A closed shift is
    final: nothing in it is edited or deleted."""

    _name = "sce.cash.shift"
    _description = "Cash shift"
    _order = "opened_at desc, id desc"

    name = fields.Char(string="Shift", readonly=True, copy=False, default="/")
    center_id = fields.Many2one(
        "sce.service.center", string="Service center", required=True, index=True
    )
    cashier_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")], default="open", required=True, index=True
    )
    opened_at = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    closed_at = fields.Datetime(readonly=True)
    day = fields.Date(
        compute="_compute_day", store=True, index=True, help="Day of opening in Moscow time."
    )
    currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self.env.ref("base.RUB", raise_if_not_found=False)
        or self.env.company.currency_id,
        required=True,
    )
    opening_balance = fields.Monetary(help="Cash in the drawer when the shift opened.")
    payment_ids = fields.One2many("sce.cash.payment", "shift_id", string="Payments")
    payment_count = fields.Integer(compute="_compute_totals", store=True, string="Receipts")
    cash_in = fields.Monetary(compute="_compute_totals", store=True, string="Cash payments")
    card_in = fields.Monetary(compute="_compute_totals", store=True, string="Card payments")
    cash_out = fields.Monetary(compute="_compute_totals", store=True, string="Cash reversals")
    card_out = fields.Monetary(compute="_compute_totals", store=True, string="Card reversals")
    closing_balance = fields.Monetary(
        compute="_compute_totals",
        store=True,
        help="Opening balance plus cash payments minus cash reversals: the cash the drawer "
        "must hold. Card payments go to the bank.",
    )

    @api.depends("opened_at")
    def _compute_day(self):
        for shift in self:
            shift.day = (
                fields.Datetime.context_timestamp(
                    shift.with_context(tz="Europe/Moscow"), shift.opened_at
                ).date()
                if shift.opened_at
                else False
            )

    @api.depends("opening_balance", "payment_ids.amount", "payment_ids.method", "payment_ids.kind")
    def _compute_totals(self):
        for shift in self:
            totals = {
                (kind, method): 0.0
                for kind in ("payment", "reversal")
                for method in ("cash", "card")
            }
            for payment in shift.payment_ids:
                totals[payment.kind, payment.method] += payment.amount
            shift.payment_count = len(shift.payment_ids)
            shift.cash_in = totals["payment", "cash"]
            shift.card_in = totals["payment", "card"]
            shift.cash_out = totals["reversal", "cash"]
            shift.card_out = totals["reversal", "card"]
            shift.closing_balance = shift.opening_balance + shift.cash_in - shift.cash_out

    @api.constrains("cashier_id", "state")
    def _check_one_open_shift(self):
        for shift in self.filtered(lambda s: s.state == "open"):
            if (
                self.search_count(
                    [("cashier_id", "=", shift.cashier_id.id), ("state", "=", "open")]
                )
                > 1
            ):
                raise ValidationError(
                    self.env._("%s already has an open cash shift.", shift.cashier_id.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        is_head = self.env.user.has_group("sce_service_center.group_sce_sc_head")
        for vals in vals_list:
            if not is_head and vals.get("cashier_id", self.env.uid) != self.env.uid:
                raise AccessError(self.env._("A cashier opens only their own shift."))
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sce.cash.shift") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if any(shift.state == "closed" for shift in self):
            raise UserError(self.env._("A closed cash shift cannot be changed."))
        if "opening_balance" in vals and self.payment_ids:
            raise UserError(self.env._("The opening balance is fixed once the shift has payments."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_or_paid(self):
        if any(shift.state == "closed" or shift.payment_ids for shift in self):
            raise UserError(
                self.env._("A closed cash shift, or one with payments, cannot be deleted.")
            )

    def action_close(self):
        """Close the shift: its totals and closing balance become final."""
        self._close(fields.Datetime.now())

    def _close(self, closed_at):
        for shift in self:
            if shift.state != "open":
                raise UserError(self.env._("Shift %s is already closed.", shift.name))
            shift._check_own()
        self.write({"state": "closed", "closed_at": closed_at})

    def _check_own(self):
        """Only the shift's cashier (or the center's head) takes payments in it or closes it."""
        is_head = self.env.user.has_group("sce_service_center.group_sce_sc_head")
        for shift in self:
            if shift.cashier_id != self.env.user and not is_head:
                raise AccessError(self.env._("Cash shift %s is not yours.", shift.name))
