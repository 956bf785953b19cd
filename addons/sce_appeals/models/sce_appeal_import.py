import base64
import functools
import io
import re
import zlib

import psycopg2
import pytz
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import normalize_phone
from ..tools.appeal_rows import (
    NUMBER_PATTERN,
    AppealRows,
    advance_sequences,
    appeal_checks,
)
from ..tools.bulk_sql import BulkSql
from .helpdesk_ticket import DONE_STATES, REFUSAL_GROUNDS
from .helpdesk_ticket_stage import APPEAL_STATES
from .sce_sla_policy import APPEAL_KINDS

COLUMNS = {
    "number": ("number", "номер", "регистрационный номер", "рег. номер"),
    "received": ("received", "дата поступления", "поступило"),
    "channel": ("channel", "канал", "канал поступления"),
    "kind": ("kind", "вид", "вид обращения"),
    "topic": ("topic", "тема", "тематика"),
    "subject": ("subject", "краткое содержание", "предмет"),
    "text": ("text", "текст", "текст обращения"),
    "account": ("account", "лицевой счёт", "лицевой счет", "лс"),
    "customer": ("customer", "заявитель"),
    "phone": ("phone", "телефон"),
    "email": ("email", "e-mail", "электронная почта"),
    "mro": ("mro", "мро"),
    "state": ("state", "состояние"),
    "routed": ("routed", "передано исполнителю"),
    "answered": ("answered", "дата ответа"),
    "closed": ("closed", "дата закрытия"),
    "answer": ("answer", "ответ", "текст ответа"),
    "extension_days": ("extension days", "продление, дней"),
    "extension_reason": ("extension reason", "причина продления"),
    "justified": ("justified", "обоснованная"),
    "refusal": ("refusal", "основание отказа"),
}
REQUIRED = ("number", "received", "channel", "kind", "subject", "state")
EXPECTED = (
    "number, received, channel, kind, topic, subject, text, account, customer, phone, "
    "email, mro, state, routed, answered, closed, answer, extension days, extension reason, "
    "justified, refusal"
)
JUSTIFIED = {
    "": None,
    "no": None,
    "нет": None,
    "0": None,
    "yes": "out_of_court",
    "да": "out_of_court",
    "1": "out_of_court",
    "out_of_court": "out_of_court",
    "внесудебная проверка": "out_of_court",
    "court": "court",
    "суд": "court",
    "решение суда": "court",
}
OPEN_STATES = ("registered", "routed", "review", "extended")
# Up to this many rows the import runs at once; larger files go to a queue_job job.
INLINE_ROWS = 2000
# Errors kept as records to filter on the form (all of them are in the XLSX report).
STORED_ERRORS = 1000
CHUNK = 10_000
# the ORM's template row is written without chatter, followers or mail
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


class SceAppealImport(models.Model):
    """Migration of the historical appeals of the retailer's former system (issue 10).

    The file (XLSX or CSV, one appeal a row) is checked row by row first: every
    problem is listed with its row, column and value, on the form and in an XLSX
    error report; nothing is written while any row is wrong. A clean file is loaded
    with the batched SQL of the benchmark loader (COPY over the ORM's template row)
    in one transaction: the appeals get their deadline policy, deadlines and states
    as the ORM computes them, keep their former numbers, and the appeal sequence
    moves past the numbers used. Open overdue appeals reach their controllers in the
    deadline cron's next runs as digests. Large files run in a queue_job job.
    """

    _name = "sce.appeal.import"
    _inherit = ["sce.tabular.import.mixin", "mail.thread"]
    _description = "Import of historical appeals"
    _order = "id desc"

    _sce_max_file_size = 512 * 1024 * 1024

    name = fields.Char(required=True, default=lambda self: self._default_name(), tracking=True)
    file = fields.Binary(attachment=True, required=True)
    filename = fields.Char()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("errors", "Errors found"),
            ("checked", "Checked"),
            ("queued", "Queued"),
            ("done", "Imported"),
            ("failed", "Failed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    error_count = fields.Integer(string="Errors", readonly=True)
    imported_count = fields.Integer(string="Appeals imported", readonly=True)
    error_ids = fields.One2many("sce.appeal.import.error", "import_id", readonly=True)
    error_report = fields.Binary(string="Error report", attachment=True, readonly=True)
    error_report_name = fields.Char(readonly=True)
    failure = fields.Text(readonly=True)
    progress = fields.Float(
        compute="_compute_progress", help="Percentage of the rows written so far."
    )
    job_uuid = fields.Char(string="Job", readonly=True, copy=False)
    ticket_ids = fields.One2many("helpdesk.ticket", "sce_import_id", string="Appeals")

    @api.model
    def _default_name(self):
        return self.env._("Import of %(date)s", date=fields.Date.context_today(self))

    # ------------------------------------------------------------------ buttons

    def action_check(self):
        """Check every row; list the problems, write nothing else."""
        for record in self:
            record._sce_check()
        return True

    def action_import(self):
        """Load a checked file: at once when it is small, else in a queue_job job."""
        self.ensure_one()
        if self.state != "checked":
            raise UserError(self.env._("Check the file and correct its errors first."))
        if self.row_count > INLINE_ROWS:
            job = self.with_delay(
                channel="root.sce_import",
                description=self.env._("Import of historical appeals: %(name)s", name=self.name),
            )._sce_run()
            self.write({"state": "queued", "job_uuid": job.uuid})
        else:
            self._sce_run()
        return True

    def action_reset(self):
        """Back to draft to load another version of the file."""
        self.filtered(lambda r: r.state in ("errors", "checked", "failed")).write(
            {"state": "draft", "failure": False}
        )
        return True

    def action_open_appeals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_appeals.helpdesk_ticket_action_appeals"
        )
        action["domain"] = [("sce_import_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_except_queued_or_done(self):
        if any(record.state in ("queued", "done") for record in self):
            raise UserError(self.env._("An import that is queued or done cannot be deleted."))

    def unlink(self):
        self.env.cr.execute(
            "DELETE FROM sce_appeal_import_progress WHERE import_id = ANY(%s)", [self.ids]
        )
        return super().unlink()

    # ------------------------------------------------------------------ checking

    def _sce_rows(self):
        return self._sce_read_table(
            base64.b64decode(self.file or b""), self.filename, COLUMNS, REQUIRED, EXPECTED
        )

    def _sce_check(self):
        """Check the file; store the errors and the report. Return the parsed rows
        when the file is clean, else None."""
        self.ensure_one()
        rows = self._sce_rows()
        parsed, errors = ImportChecker(self.env).check(rows)
        self.error_ids.unlink()
        vals = {
            "row_count": len(rows),
            "error_count": len(errors),
            "failure": False,
            "state": "errors" if errors else "checked",
            "error_report": False,
            "error_report_name": False,
        }
        if errors:
            vals["error_ids"] = [
                fields.Command.create(
                    {"row": row, "column": column, "value": value[:200], "message": message}
                )
                for row, column, value, message in errors[:STORED_ERRORS]
            ]
            vals["error_report"] = base64.b64encode(self._sce_error_report(errors))
            vals["error_report_name"] = f"{self.name} — ошибки.xlsx"
        self.write(vals)
        return None if errors else parsed

    def _sce_error_report(self, errors):
        """An XLSX of every error: row, column, value, error."""
        import xlsxwriter  # noqa: PLC0415 - only needed for the report

        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(self.env._("Errors"))
        bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        titles = [self.env._("Row"), self.env._("Column"), self.env._("Value"), self.env._("Error")]
        for col, title in enumerate(titles):
            sheet.write(0, col, title, bold)
        for line, (row, column, value, message) in enumerate(errors, start=1):
            sheet.write_number(line, 0, row)
            sheet.write_string(line, 1, column)
            sheet.write_string(line, 2, value)
            sheet.write_string(line, 3, message)
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 18)
        sheet.set_column(2, 2, 30)
        sheet.set_column(3, 3, 80)
        sheet.autofilter(0, 0, len(errors), 3)
        sheet.freeze_panes(1, 0)
        book.close()
        return output.getvalue()

    # ------------------------------------------------------------------ loading

    def _sce_run(self):
        """Check again (the database may have changed since) and load, all or nothing.
        One import at a time: each checks its numbers against what the others wrote."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(%s)", [zlib.crc32(self._name.encode())]
        )
        if not self.env.cr.fetchone()[0] or self.state == "done":
            raise UserError(self.env._("This import is running or done already."))
        parsed = self._sce_check()
        if parsed is None:
            return 0
        try:
            with self.env.cr.savepoint():
                count = ImportWriter(self.env, self).load(parsed)
        except (UserError, psycopg2.errors.UniqueViolation) as error:
            # another registration took one of the numbers since the check
            self.env.invalidate_all()
            self.write({"state": "failed", "failure": str(error)})
            return 0
        self.write({"state": "done", "imported_count": count})
        self.message_post(
            body=self.env._("%(count)s historical appeals imported.", count=count),
            subtype_xmlid="mail.mt_note",
        )
        return count

    def init(self):
        # Progress lives beside the import, written by cursors of its own: the loading
        # transaction holds the import's row until it commits, and readers must see
        # the progress before that.
        self.env.cr.execute(
            """CREATE TABLE IF NOT EXISTS sce_appeal_import_progress (
                   import_id integer PRIMARY KEY,
                   done integer NOT NULL,
                   total integer NOT NULL)"""
        )

    @api.depends("state")
    def _compute_progress(self):
        ids = [record.id for record in self if isinstance(record.id, int)]
        found = {}
        if ids:
            self.env.cr.execute(
                "SELECT import_id, done, total FROM sce_appeal_import_progress "
                "WHERE import_id = ANY(%s)",
                [ids],
            )
            found = {i: 100.0 * done / total for i, done, total in self.env.cr.fetchall() if total}
        for record in self:
            record.progress = 100.0 if record.state == "done" else found.get(record.id, 0.0)

    def _sce_report_progress(self, done, total):
        """Progress seen by the users while the loading transaction is still open: it
        is committed by a cursor of its own."""
        with self.env.registry.cursor() as cr:
            self._sce_write_progress(cr, done, total)

    def _sce_write_progress(self, cr, done, total):
        cr.execute(
            """INSERT INTO sce_appeal_import_progress (import_id, done, total)
               VALUES (%s, %s, %s)
               ON CONFLICT (import_id) DO UPDATE SET done = EXCLUDED.done,
                                                     total = EXCLUDED.total""",
            [self.id, done, total],
        )


class ImportChecker:
    """Reads the rows of a file of historical appeals into helpdesk_ticket values,
    listing every problem as (row, column, value, message)."""

    def __init__(self, env):
        self.env = env
        self._ = env._
        calendar = env["helpdesk.ticket"]._sce_calendar()
        self.tz = calendar._sce_tz()
        self._offsets = {}
        self.now = fields.Datetime.now()
        self.channels = self._lookup(
            env["helpdesk.ticket.channel"].search([("sce_code", "!=", False)]), "sce_code"
        )
        self.topics = self._lookup(env["helpdesk.ticket.category"].search([]))
        self.mros = self._lookup(env["sce.mro"].search([]), "code")
        self.kinds = self._selection(APPEAL_KINDS, "helpdesk.ticket", "appeal_kind")
        self.states = self._selection(APPEAL_STATES, "helpdesk.ticket.stage", "sce_state")
        self.refusals = self._selection(REFUSAL_GROUNDS, "helpdesk.ticket", "refusal_ground")

    def _lookup(self, records, code_field=None):
        """{name in Russian and English, lower case, or code: record id}."""
        found = {}
        for lang in ("en_US", "ru_RU"):
            for record in records.with_context(lang=lang):
                found[record.display_name.strip().lower()] = record.id
                found[record.name.strip().lower()] = record.id
        if code_field:
            for record in records:
                if record[code_field]:
                    found[record[code_field].strip().lower()] = record.id
        return found

    def _selection(self, selection, model, fname):
        found = {key: key for key, _label in selection}
        for lang in ("en_US", "ru_RU"):
            labels = self.env[model].with_context(lang=lang).fields_get([fname])[fname]
            for key, label in labels["selection"]:
                found[label.strip().lower()] = key
        return found

    def _utc(self, local):
        """The naive UTC moment of a local one: the zone's offset is looked up once an
        hour of the calendar (a file holds years of appeals, not years of hours)."""
        hour = local.replace(minute=0, second=0, microsecond=0)
        offset = self._offsets.get(hour)
        if offset is None:
            offset = self._offsets[hour] = self.tz.localize(hour).utcoffset()
        return local - offset

    def check(self, rows):
        """(parsed rows, errors): parsed rows are dicts of ticket values plus
        ``_state`` and ``_row``; errors are (row, column, value, message)."""
        accounts = self._accounts(rows)
        taken = self._numbers_taken(rows)
        env = self.env
        parsed, errors, seen = [], [], {}
        mixin = env["sce.tabular.import.mixin"]
        for number, raw in rows:
            problems = []
            problem = functools.partial(self._problem, problems, raw)

            values = {"_row": number}
            text = {c: str(v).strip() if v is not None else "" for c, v in raw.items()}
            # number
            appeal_number = text.get("number", "")
            if not appeal_number:
                problem("number", self._("the registration number is missing"))
            elif len(appeal_number) > 32:
                problem("number", self._("the registration number is longer than 32 characters"))
            elif appeal_number in seen:
                problem(
                    "number",
                    self._(
                        "number %(number)s is also in row %(row)s",
                        number=appeal_number,
                        row=seen[appeal_number],
                    ),
                )
            elif appeal_number in taken:
                problem(
                    "number",
                    self._("appeal %(number)s is already in the database", number=appeal_number),
                )
            seen.setdefault(appeal_number, number)
            values["number"] = appeal_number
            # dates
            dates = {}
            for column in ("received", "routed", "answered", "closed"):
                if raw.get(column) in (None, ""):
                    continue
                local = mixin._sce_parse_datetime(raw[column])
                if not local:
                    problem(column, self._("not a date and time (DD.MM.YYYY HH:MM)"))
                    continue
                moment = self._utc(local)
                if moment > self.now:
                    problem(column, self._("the date is in the future"))
                    continue
                dates[column] = moment
            if "received" not in dates and not any(p[0] == "received" for p in problems):
                problem("received", self._("the date of receipt is missing"))
            order = [c for c in ("received", "routed", "answered", "closed") if c in dates]
            for earlier, later in zip(order, order[1:], strict=False):
                if dates[later] < dates[earlier]:
                    problem(
                        later, self._("earlier than the date in column %(column)s", column=earlier)
                    )
            if (
                "received" in dates
                and appeal_number
                and self._year_differs(appeal_number, dates["received"])
            ):
                problem("number", self._("the number's year differs from the year of receipt"))
            # classifiers
            channel = self.channels.get(text.get("channel", "").lower())
            if not channel:
                problem("channel", self._("unknown channel"))
            kind = self.kinds.get(text.get("kind", "").lower())
            if not kind:
                problem("kind", self._("unknown kind of appeal"))
            state = self.states.get(text.get("state", "").lower())
            if not state:
                problem("state", self._("unknown state"))
            topic = None
            if text.get("topic"):
                topic = self.topics.get(text["topic"].lower())
                if not topic:
                    problem("topic", self._("unknown topic"))
            subject = text.get("subject", "")
            if not subject:
                problem("subject", self._("the subject is missing"))
            # customer
            account = None
            if text.get("account"):
                account = accounts.get(text["account"])
                if not account:
                    problem("account", self._("no such personal account"))
            mro = None
            if text.get("mro"):
                mro = self.mros.get(text["mro"].lower())
                if not mro:
                    problem("mro", self._("unknown MRO"))
                elif account and account["mro_id"] != mro:
                    problem("mro", self._("the personal account belongs to another MRO"))
            partner = account and account["partner_id"]
            if text.get("phone"):
                try:
                    e164 = normalize_phone(text["phone"])
                except ValueError:
                    problem("phone", self._("not a valid phone number"))
                else:
                    if not partner:
                        found = env["res.partner"].search(
                            ["|", ("sce_phone_e164", "=", e164), ("sce_mobile_e164", "=", e164)],
                            limit=2,
                        )
                        partner = found.id if len(found) == 1 else None
            email = text.get("email", "")
            if email and ("@" not in email or " " in email):
                problem("email", self._("not an e-mail address"))
            # progress
            extension = 0
            if text.get("extension_days"):
                days = mixin._sce_parse_number(raw["extension_days"])
                if days is None or days < 0 or days != int(days) or days > 30:
                    problem("extension_days", self._("a whole number of days from 0 to 30"))
                else:
                    extension = int(days)
            justified = JUSTIFIED.get(text.get("justified", "").lower(), False)
            if justified is False:
                problem("justified", self._("yes, no, court or out_of_court"))
                justified = None
            elif justified and kind and kind != "complaint":
                problem("justified", self._("only a complaint can be justified"))
            refusal = None
            if text.get("refusal"):
                refusal = self.refusals.get(text["refusal"].lower())
                if not refusal:
                    problem("refusal", self._("unknown refusal ground"))
            if state:
                self._check_state(state, dates, extension, refusal, text, problem)
            if problems:
                errors.extend(
                    (number, column, value, message) for column, value, message in problems
                )
                continue
            values.update(
                {
                    "_state": state,
                    "date_received": dates["received"],
                    "date_routed": dates.get("routed"),
                    "date_answered": dates.get("answered"),
                    "closed_date": dates.get("closed"),
                    "channel_id": channel,
                    "appeal_kind": kind,
                    "category_id": topic,
                    "name": subject[:255],
                    "text": text.get("text", ""),
                    "answer": text.get("answer", ""),
                    "account": account,
                    "partner_id": partner or None,
                    "mro_id": mro or (account and account["mro_id"]),
                    "customer": text.get("customer", ""),
                    "email": email,
                    "extension_days": extension,
                    "extension_reason": text.get("extension_reason") or None,
                    "justified": justified,
                    "refusal_ground": refusal,
                }
            )
            parsed.append(values)
        return parsed, errors

    @staticmethod
    def _problem(problems, raw, column, message):
        value = raw.get(column)
        problems.append((column, "" if value is None else str(value), message))

    def _check_state(self, state, dates, extension, refusal, text, problem):
        if state == "registered" and ("routed" in dates or "answered" in dates):
            problem("state", self._("a registered appeal has no routing or answer date"))
        if state in OPEN_STATES and "answered" in dates:
            problem("answered", self._("an open appeal has no answer date"))
        if state in OPEN_STATES and "closed" in dates:
            problem("closed", self._("an open appeal has no closing date"))
        if state in DONE_STATES and "answered" not in dates:
            problem(
                "answered", self._("an answered, closed or refused appeal needs its answer date")
            )
        if state in ("routed", "review", "extended", "answered", "closed") and (
            "routed" not in dates
        ):
            problem("routed", self._("the date the appeal reached its performer is missing"))
        if state == "extended" and not extension:
            problem("extension_days", self._("an extended appeal needs its extension days"))
        if extension and not text.get("extension_reason"):
            problem("extension_reason", self._("the reason of the extension is missing"))
        if state == "refused" and not refusal:
            problem("refusal", self._("a refused appeal needs its refusal ground"))
        if refusal and state != "refused":
            problem("refusal", self._("only a refused appeal has a refusal ground"))

    def _year_differs(self, number, received):
        if not re.match(NUMBER_PATTERN, number):
            return False
        local_year = pytz.utc.localize(received).astimezone(self.tz).year
        return int(number.split("-", 1)[0]) != local_year

    def _accounts(self, rows):
        """{account number: {id, partner_id, mro_id, territorial_unit_id}} of the file's
        accounts, read in chunks."""
        numbers = sorted(
            {
                str(raw["account"]).strip()
                for _n, raw in rows
                if raw.get("account") not in (None, "")
            }
        )
        found = {}
        for start in range(0, len(numbers), CHUNK):
            self.env.cr.execute(
                """SELECT name, id, partner_id, mro_id, territorial_unit_id
                     FROM sce_account WHERE name = ANY(%s)""",
                [numbers[start : start + CHUNK]],
            )
            for name, account_id, partner_id, mro_id, unit_id in self.env.cr.fetchall():
                found[name] = {
                    "id": account_id,
                    "partner_id": partner_id,
                    "mro_id": mro_id,
                    "territorial_unit_id": unit_id,
                }
        return found

    def _numbers_taken(self, rows):
        numbers = sorted(
            {str(raw["number"]).strip() for _n, raw in rows if raw.get("number") not in (None, "")}
        )
        taken = set()
        for start in range(0, len(numbers), CHUNK):
            self.env.cr.execute(
                "SELECT number FROM helpdesk_ticket WHERE number = ANY(%s)",
                [numbers[start : start + CHUNK]],
            )
            taken.update(number for (number,) in self.env.cr.fetchall())
        return taken


class ImportWriter(BulkSql):
    """Writes checked rows as appeals with batched SQL, as the ORM would have."""

    def __init__(self, env, record):
        self.env = env(su=True, context=dict(env.context, **QUIET))
        self.cr = env.cr
        self.record = record
        self.now = fields.Datetime.now().replace(microsecond=0)

    def load(self, parsed):
        env = self.env
        env.flush_all()
        appeal_rows = AppealRows(env, self.now)
        teams = env["helpdesk.ticket.team"].search([("sce_workflow", "=", True)])
        front_office = teams.filtered("sce_is_front_office")[:1]
        router = teams.filtered("sce_is_complaint_router")[:1]
        team_of_topic = {}
        for team in teams:
            for category in team.category_ids:
                team_of_topic.setdefault(category.id, team.id)
        partners = {
            p["id"]: p
            for p in env["res.partner"]
            .browse({row["partner_id"] for row in parsed if row["partner_id"]})
            .read(
                [
                    "commercial_partner_id",
                    "sce_customer_group",
                    "name",
                    "email",
                    "sce_preferred_answer_channel",
                    "sce_home_mro_id",
                ]
            )
        }
        template = self._template_row(
            "helpdesk.ticket",
            {
                "name": "template",
                "description": "<p>template</p>",
                "channel_id": parsed[0]["channel_id"],
                "appeal_kind": "inquiry",
                "team_id": front_office.id,
            },
        )
        for fname in (
            "assigned_date",
            "closed_date",
            "user_id",
            "access_token",
            "date_routed",
            "date_answered",
            "reminded_deadline",
            "registration_reminded",
            "answer_sent_date",
            "extension_date",
            "extension_reason",
            "refusal_ground",
            "refusal_comment",
            "answer_stating",
            "answer_resolving",
            "justified_basis",
            "justified_reference",
            "partner_id",
            "commercial_partner_id",
            "partner_name",
            "partner_email",
            "account_id",
            "mro_id",
            "territorial_unit_id",
            "sce_customer_group",
            "category_id",
        ):
            template[fname] = None
        template.update(
            {
                "extension_days": 0,
                "justified": False,
                "escalated": False,
                "registration_escalated": False,
                "total_escalated": False,
                "sce_import_id": self.record.id,
                "create_uid": env.uid,
                "write_uid": env.uid,
            }
        )
        defaults = {
            channel.id: channel.sce_default_answer_channel
            for channel in appeal_rows.channels.values()
        }
        first_id = self._reserve_ids("helpdesk_ticket", len(parsed))
        years = {}

        def rows():
            for index, values in enumerate(parsed):
                state = values["_state"]
                received = values["date_received"]
                partner = partners.get(values["partner_id"])
                account = values["account"]
                row = {
                    "id": first_id + index,
                    "number": values["number"],
                    "name": values["name"],
                    "description": _html(values["text"] or values["name"]),
                    "channel_id": values["channel_id"],
                    "appeal_kind": values["appeal_kind"],
                    "category_id": values["category_id"],
                    "date_received": received,
                    "create_date": received,
                    "date_routed": values["date_routed"],
                    "assigned_date": values["date_routed"],
                    "date_answered": values["date_answered"],
                    "extension_days": values["extension_days"],
                    "extension_reason": values["extension_reason"],
                    "refusal_ground": values["refusal_ground"],
                    "justified": bool(values["justified"]),
                    "justified_basis": values["justified"],
                    "priority": "1",
                }
                if values["extension_days"]:
                    row["extension_date"] = values["date_routed"] or received
                if state == "registered":
                    team = front_office.id
                elif values["category_id"] in team_of_topic:
                    team = team_of_topic[values["category_id"]]
                elif values["appeal_kind"] == "complaint" and router:
                    team = router.id
                else:
                    team = front_office.id
                row["team_id"] = team
                if partner:
                    row.update(
                        {
                            "partner_id": partner["id"],
                            "commercial_partner_id": partner["commercial_partner_id"][0],
                            "sce_customer_group": partner["sce_customer_group"] or None,
                            "partner_name": values["customer"] or partner["name"],
                            "partner_email": values["email"] or partner["email"] or None,
                        }
                    )
                else:
                    row.update(
                        {
                            "partner_name": values["customer"] or None,
                            "partner_email": values["email"] or None,
                        }
                    )
                mro = values["mro_id"] or (
                    partner and partner["sce_home_mro_id"] and partner["sce_home_mro_id"][0]
                )
                row["mro_id"] = mro or None
                if account:
                    row["account_id"] = account["id"]
                    row["territorial_unit_id"] = account["territorial_unit_id"]
                row["answer_channel"] = (
                    (partner and partner["sce_preferred_answer_channel"])
                    or defaults.get(values["channel_id"])
                    or ("email" if row["partner_email"] else "post")
                )
                answered = values["date_answered"]
                if state in ("answered", "closed"):
                    if values["answer"]:
                        row["answer_resolving"] = _html(values["answer"])
                    row["answer_sent_date"] = answered
                if state == "closed":
                    row["closed_date"] = values["closed_date"] or answered
                if state == "refused":
                    row["closed_date"] = values["closed_date"] or answered
                    row["refusal_comment"] = values["answer"] or None
                    row["date_routed"] = row["date_routed"] or answered
                last = row.get("closed_date") or answered or values["date_routed"] or received
                row["last_stage_update"] = last
                row["write_date"] = last
                # open overdue appeals are escalated by the cron's next runs, as digests
                appeal_rows.complete(row, state, escalated=False)
                number = values["number"]
                if number[:4].isdigit() and number[4:5] == "-" and number[5:].isdigit():
                    years[int(number[:4])] = max(years.get(int(number[:4]), 0), int(number[5:]))
                if index % CHUNK == 0 and index:
                    self.record._sce_report_progress(index, len(parsed))
                yield row

        count = self._copy("helpdesk_ticket", template, rows())
        advance_sequences(env, years)
        failures = [(label, n) for label, n in appeal_checks(self.cr, first_id) if n]
        if failures:
            raise UserError(
                env._(
                    "The loaded appeals failed the consistency checks, nothing was "
                    "imported: %(checks)s",
                    checks="; ".join(f"{label}: {n}" for label, n in failures),
                )
            )
        env.invalidate_all()
        env.registry.clear_cache()
        return count


def _html(text):
    """Plain text of a former system as the HTML of an appeal, escaped."""
    paragraphs = [escape(part) for part in str(text).splitlines() if part.strip()]
    return "".join(f"<p>{part}</p>" for part in paragraphs) or None
