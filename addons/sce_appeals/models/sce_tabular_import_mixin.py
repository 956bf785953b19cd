import csv
import io
import re
from datetime import date, datetime

from odoo import api, models
from odoo.exceptions import UserError

MAX_FILE_SIZE = 20 * 1024 * 1024
# 31.12.2025 9:30[:15] and 2025-12-31[ T]09:30[:15], the forms of most rows: parsed
# without strptime, which costs more than the rest of a row's checks
RUSSIAN_MOMENT = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
ISO_MOMENT = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


class SceTabularImportMixin(models.AbstractModel):
    """Reading an uploaded XLSX or CSV table with a header row, for the imports of
    billing data and of historical appeals: size and type checked, columns found by
    their English or Russian titles, values parsed the way Russian files write them."""

    _name = "sce.tabular.import.mixin"
    _description = "Import of a table (XLSX or CSV)"

    _sce_max_file_size = MAX_FILE_SIZE

    @api.model
    def _sce_read_table(self, raw, filename, columns, required, expected):
        """[(row number, {column: value})] of the file's non-empty rows.

        :param columns: {column: (accepted titles, lower case)}
        :param required: the columns the header must have
        :param expected: the titles to name in the error about missing columns
        """
        if not raw:
            raise UserError(self.env._("The file is empty."))
        if len(raw) > self._sce_max_file_size:
            raise UserError(
                self.env._(
                    "The file is larger than %(size)s MB.",
                    size=self._sce_max_file_size // 1024 // 1024,
                )
            )
        name = (filename or "").lower()
        if name.endswith(".xlsx"):
            table = self._sce_read_xlsx(raw)
        elif name.endswith(".csv"):
            table = self._sce_read_csv(raw)
        else:
            raise UserError(
                self.env._(
                    "Only .xlsx and .csv files can be imported, not “%(name)s”.",
                    name=filename or "",
                )
            )
        if not table:
            raise UserError(self.env._("The file has no rows."))
        header = [str(cell or "").strip().lower() for cell in table[0]]
        index = {}
        for column, names in columns.items():
            for position, title in enumerate(header):
                if title in names:
                    index[column] = position
        missing = [column for column in required if column not in index]
        if missing:
            raise UserError(
                self.env._(
                    "The file lacks the columns: %(columns)s. Expected a header row with "
                    "%(expected)s.",
                    columns=", ".join(missing),
                    expected=expected,
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

    @api.model
    def _sce_read_xlsx(self, raw):
        import openpyxl  # noqa: PLC0415 - only needed for this format

        try:
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a broken file
            raise UserError(self.env._("The file is not a readable XLSX workbook.")) from exc
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    @api.model
    def _sce_read_csv(self, raw):
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

    # ------------------------------------------------------------------ values

    @api.model
    def _sce_parse_date(self, value):
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
    def _sce_parse_datetime(self, value):
        """A naive local date and time (a date alone is midnight), or None."""
        if isinstance(value, datetime):
            return value.replace(microsecond=0)
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        text = " ".join(str(value or "").split())
        found = RUSSIAN_MOMENT.fullmatch(text)
        if found:
            day, month, year, hour, minute, second = found.groups()
        else:
            found = ISO_MOMENT.fullmatch(text)
            if found:
                year, month, day, hour, minute, second = found.groups()
        if found:
            try:
                return datetime(
                    int(year),
                    int(month),
                    int(day),
                    int(hour or 0),
                    int(minute or 0),
                    int(second or 0),
                )
            except ValueError:
                return None
        for fmt in (
            "%d.%m.%Y %H:%M:%S",
            "%d.%m.%Y %H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%d.%m.%Y",
            "%Y-%m-%d",
        ):
            try:
                return datetime.strptime(text, fmt)
            except ValueError:
                continue
        return None

    @api.model
    def _sce_parse_number(self, value):
        if isinstance(value, int | float):
            return float(value)
        text = str(value or "").strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
        try:
            return float(text)
        except ValueError:
            return None
