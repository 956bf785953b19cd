import base64

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import float_round

CHART_MONTHS = 12
CHART_HEIGHT = 120  # px of the tallest bar in the cabinet's chart
MONTH_LABELS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


def qr_value(text):
    """A value of the ST00012 payload: the separator "|" may not appear in it."""
    return " ".join((text or "").replace("|", " ").split())


class SceAccount(models.Model):
    _inherit = "sce.account"

    sce_portal_link_ids = fields.One2many(
        "sce.portal.account.link", "account_id", string="Cabinet logins"
    )

    def _sce_amount_due(self):
        """What the customer owes now: the debt, else nothing."""
        self.ensure_one()
        return float_round(max(0.0, -self.balance), precision_digits=2)

    def _sce_is_organisation(self):
        self.ensure_one()
        return self.customer_group not in (False, "1")

    def _sce_monthly_totals(self, months=CHART_MONTHS):
        """Charges and payments of the last ``months`` months, oldest first, with the
        bar heights of the cabinet's chart: one grouped query."""
        self.ensure_one()
        first = fields.Date.context_today(self).replace(day=1) - relativedelta(months=months - 1)
        totals = {
            (month, move_type): amount
            for month, move_type, amount in self.env["sce.account.move"]._read_group(
                [("account_id", "=", self.id), ("date", ">=", first)],
                ["date:month", "move_type"],
                ["amount:sum"],
            )
        }
        rows = []
        for index in range(months):
            month = first + relativedelta(months=index)
            rows.append(
                {
                    "label": f"{MONTH_LABELS[month.month - 1]} {month:%y}",
                    "title": f"{month:%m.%Y}",
                    "charge": totals.get((month, "charge"), 0.0),
                    "payment": totals.get((month, "payment"), 0.0),
                }
            )
        top = max([row["charge"] for row in rows] + [row["payment"] for row in rows] + [1.0])
        for row in rows:
            row["charge_px"] = round(CHART_HEIGHT * row["charge"] / top)
            row["payment_px"] = round(CHART_HEIGHT * row["payment"] / top)
        return rows

    def _sce_payment_qr_payload(self, amount=None):
        """The GOST R 56042-2014 payment string (ST00012: UTF-8) that bank apps read
        from the receipt: the payee's requisites, the amount in kopecks, and the
        personal account."""
        self.ensure_one()
        company = self.env.company.sudo()
        amount = self._sce_amount_due() if amount is None else amount
        fields_ = [
            ("Name", company.sce_payee_name or company.name),
            ("PersonalAcc", company.sce_bank_account),
            ("BankName", company.sce_bank_name),
            ("BIC", company.sce_bank_bic),
            ("CorrespAcc", company.sce_bank_corr_account or "0"),
            ("PayeeINN", company.sce_payee_inn or company.vat),
            ("KPP", company.sce_payee_kpp),
            ("Sum", str(round(amount * 100))),
            (
                "Purpose",
                self.env._("Electricity, personal account %(account)s", account=self.name),
            ),
            ("PersAcc", self.name),
        ]
        return "ST00012|" + "|".join(f"{key}={qr_value(value)}" for key, value in fields_ if value)

    def _sce_payment_qr_image(self, amount=None):
        """The payment QR code as a data URI for the receipt."""
        png = self.env["ir.actions.report"].barcode(
            "QR", self._sce_payment_qr_payload(amount), width=220, height=220, quiet=True
        )
        return "data:image/png;base64," + base64.b64encode(png).decode()
