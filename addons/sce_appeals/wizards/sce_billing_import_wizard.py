import base64
import csv
import io
from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

MAX_FILE_SIZE = 20 * 1024 * 1024
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
        raw = base64.b64decode(self.file or b"")
        if not raw:
            raise UserError(self.env._("The file is empty."))
        if len(raw) > MAX_FILE_SIZE:
            raise UserError(
                self.env._(
                    "The file is larger than %(size)s MB.", size=MAX_FILE_SIZE // 1024 // 1024
                )
            )
        name = (self.filename or "").lower()
        if name.endswith(".xlsx"):
            table = self._read_xlsx(raw)
        elif name.endswith(".csv"):
            table = self._read_csv(raw)
        else:
            raise UserError(
                self.env._(
                    "Only .xlsx and .csv files can be imported, not “%(name)s”.",
                    name=self.filename or "",
                )
            )
        if not table:
            raise UserError(self.env._("The file has no rows."))
        header = [str(cell or "").strip().lower() for cell in table[0]]
        index = {}
        for column, names in COLUMNS.items():
            for position, title in enumerate(header):
                if title in names:
                    index[column] = position
        missing = [column for column in REQUIRED if column not in index]
        if missing:
            raise UserError(
                self.env._(
                    "The file lacks the columns: %(columns)s. Expected a header row with "
                    "account, date, type, period, amount, kwh, reference.",
                    columns=", ".join(missing),
                )
            )
        rows = []
        for number, cells in enumerate(table[1:], start=2):
            if not any(cell not in (None, "") for cell in cells):
                continue
            rows.append(
                (
                    number,
                    {c: cells[i] if i < len(cells) else None for c, i in index.items()},
                )
            )
        return rows

    def _read_xlsx(self, raw):
        import openpyxl  # noqa: PLC0415 - only needed for this format

        try:
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a broken file
            raise UserError(self.env._("The file is not a readable XLSX workbook.")) from exc
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    def _read_csv(self, raw):
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UserError(self.env._("The CSV file is neither UTF-8 nor Windows-1251 text."))
        if "\x00" in text:
            raise UserError(self.env._("The file is not a CSV text file."))
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel  # a single column or an unusual file: plain commas
        return list(csv.reader(io.StringIO(text), dialect))

    # ------------------------------------------------------------------ checking

    @api.model
    def _parse_date(self, value):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value or "").strip()
        for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        return None

    @api.model
    def _parse_number(self, value):
        if isinstance(value, int | float):
            return float(value)
        text = str(value or "").strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
        try:
            return float(text)
        except ValueError:
            return None

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
            day = self._parse_date(row.get("date"))
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
            amount = self._parse_number(row.get("amount"))
            if amount is None or amount <= 0:
                problems.append(
                    self.env._(
                        "amount must be a positive number, not “%(value)s”", value=row.get("amount")
                    )
                )
            kwh = row.get("consumption_kwh")
            kwh = self._parse_number(kwh) if kwh not in (None, "") else 0.0
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
