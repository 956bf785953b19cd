"""Batched SQL that writes what the ORM would have written.

The benchmark loader (demo/bulk.py, ``make bench-data``) and the migration importer of
historical appeals (``sce.appeal.import``) write hundreds of thousands of rows, where the
ORM would take hours. Both start every row from a *template row* the ORM itself writes
(in a savepoint that is rolled back), so that defaults and columns nobody sets stay as
the ORM leaves them, and send the rows with COPY.
"""

import io
import json
from datetime import datetime

from odoo.tools import SQL

COPY_BATCH = 50_000


def copy_value(value):
    """A value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dict | list):
        value = json.dumps(value)
    elif isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


class BulkSql:
    """Reserve ids, read the ORM's template row of a model, COPY rows over it.

    Subclasses set ``self.env`` (superuser environment) and ``self.cr``.
    """

    env = None
    cr = None

    def _reserve_ids(self, table, count):
        """The first of ``count`` ids taken from ``table``'s sequence in one go."""
        seq = f"{table}_id_seq"
        self.cr.execute(
            SQL(
                "SELECT setval(%s, nextval(%s) + %s - 1) - %s + 1",
                seq,
                seq,
                count,
                count,
            )
        )
        return self.cr.fetchone()[0]

    def _template_row(self, model, vals):
        """The row the ORM writes for ``vals``, read back and rolled back: the defaults
        of every column the caller does not set itself."""
        with self.cr.savepoint(flush=False) as savepoint:
            record = self.env[model].create(vals)
            self.env.flush_all()
            self.cr.execute(
                SQL("SELECT * FROM %s WHERE id = %s", SQL.identifier(record._table), record.id)
            )
            columns = [desc[0] for desc in self.cr.description]
            row = dict(zip(columns, self.cr.fetchone(), strict=True))
            savepoint.rollback()
        self.env.invalidate_all()
        return row  # id, create_date and write_date are the rows' own

    def _copy(self, table, template, rows):
        """COPY dicts ``rows`` (iterable) into ``table``: each row's keys over the
        template's columns. Return the number of rows."""
        columns = list(template)
        count = 0
        buffer = io.StringIO()
        statement = "COPY {} ({}) FROM STDIN".format(table, ", ".join(f'"{c}"' for c in columns))
        for row in rows:
            values = (row[c] if c in row else template[c] for c in columns)
            buffer.write("\t".join(copy_value(v) for v in values))
            buffer.write("\n")
            count += 1
            if count % COPY_BATCH == 0:
                buffer.seek(0)
                self.cr._obj.copy_expert(statement, buffer)
                buffer = io.StringIO()
        if buffer.tell():
            buffer.seek(0)
            self.cr._obj.copy_expert(statement, buffer)
        return count
