import base64

from odoo import fields, models

COLUMNS = {
    "account": ("account", "лицевой счёт", "лицевой счет", "лс"),
    "date": ("date", "дата"),
    "move_type": ("type", "тип"),
    "period": ("period", "период"),
    "amount": ("amount", "сумма"),
    "consumption_kwh": ("kwh", "квт·ч", "квт*ч", "квтч", "consumption"),
    "reference": ("reference", "документ", "номер документа"),
}
REQUIRED = ("account", "date", "move_type", "amount", "reference")
TYPES = {
    "charge": "charge",
    "начисление": "charge",
    "payment": "payment",
    "оплата": "payment",
    "платёж": "payment",
    "платеж": "payment",
}


class SceBillingImportWizard(models.TransientModel):
    """Import charges and payments from billing (XLSX or CSV).

    Every row is checked first; if any row is wrong nothing is imported and the
    wizard lists the errors row by row.
    """

    _name = "sce.billing.import.wizard"
    _inherit = ["sce.tabular.import.mixin"]
    _description = "Import charges and payments"

    file = fields.Binary(required=True)
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "Draft"), ("errors", "Errors"), ("done", "Done")], default="draft"
    )
    error_report = fields.Text(readonly=True)
    imported_count = fields.Integer(readonly=True)

    def action_import(self):
        self.ensure_one()
        rows = self._read_rows()
        vals_list, errors = self._validate(rows)
        if errors:
            self.write({"state": "errors", "error_report": "\n".join(errors), "imported_count": 0})
        else:
            self.env["sce.account.move"].create(vals_list)
            self.write({"state": "done", "error_report": False, "imported_count": len(vals_list)})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------ reading

    def _read_rows(self):
        """[(row number, {column: value})] from the uploaded file."""
        return self._sce_read_table(
            base64.b64decode(self.file or b""),
            self.filename,
            COLUMNS,
            REQUIRED,
            "account, date, type, period, amount, kwh, reference",
        )

    # ------------------------------------------------------------------ checking

    def _validate(self, rows):
        numbers = {
            str(r["account"]).strip() for _n, r in rows if r.get("account") not in (None, "")
        }
        accounts = {
            a.name: a for a in self.env["sce.account"].search([("name", "in", list(numbers))])
        }
        existing = {
            (m.account_id.id, m.move_type, m.reference)
            for m in self.env["sce.account.move"].search(
                [("account_id", "in", [a.id for a in accounts.values()])]
            )
        }
        seen, vals_list, errors = set(), [], []
        for number, row in rows:
            problems = []
            account = accounts.get(str(row.get("account") or "").strip())
            if not account:
                problems.append(
                    self.env._(
                        "personal account “%(account)s” is not among the accounts you serve",
                        account=row.get("account") or "",
                    )
                )
            day = self._sce_parse_date(row.get("date"))
            if not day:
                problems.append(self.env._("invalid date “%(value)s”", value=row.get("date") or ""))
            move_type = TYPES.get(str(row.get("move_type") or "").strip().lower())
            if not move_type:
                problems.append(
                    self.env._(
                        "type must be charge/payment (начисление/оплата), not “%(value)s”",
                        value=row.get("move_type") or "",
                    )
                )
            amount = self._sce_parse_number(row.get("amount"))
            if amount is None or amount <= 0:
                problems.append(
                    self.env._(
                        "amount must be a positive number, not “%(value)s”", value=row.get("amount")
                    )
                )
            kwh = row.get("consumption_kwh")
            kwh = self._sce_parse_number(kwh) if kwh not in (None, "") else 0.0
            if kwh is None:
                problems.append(self.env._("kWh must be a number"))
            reference = str(row.get("reference") or "").strip()
            if not reference:
                problems.append(self.env._("the document reference is missing"))
            key = (account.id if account else None, move_type, reference)
            if account and reference and key in existing:
                problems.append(self.env._("document %(ref)s is already imported", ref=reference))
            elif key in seen:
                problems.append(
                    self.env._("document %(ref)s appears twice in the file", ref=reference)
                )
            seen.add(key)
            if problems:
                errors.append(
                    self.env._(
                        "Row %(row)s: %(problems)s", row=number, problems="; ".join(problems)
                    )
                )
                continue
            vals_list.append(
                {
                    "account_id": account.id,
                    "date": day,
                    "move_type": move_type,
                    "period": str(row.get("period") or "").strip() or False,
                    "amount": amount,
                    "consumption_kwh": kwh,
                    "reference": reference,
                }
            )
        return vals_list, errors
