import base64
import csv
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.queue_job.job import Job

from .common import NO_MAIL_NOISE, SceAppealsCase

HEADER = [
    "number",
    "received",
    "channel",
    "kind",
    "topic",
    "subject",
    "text",
    "account",
    "customer",
    "phone",
    "email",
    "mro",
    "state",
    "routed",
    "answered",
    "closed",
    "answer",
    "extension days",
    "extension reason",
    "justified",
    "refusal",
]


def csv_file(rows, header=None, delimiter=",", encoding="utf-8"):
    header = header or HEADER
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return base64.b64encode(buffer.getvalue().encode(encoding))


@tagged("post_install", "-at_install")
class TestAppealImport(SceAppealsCase):
    """Issue 10: the migration importer of historical appeals (GEN-2 numbers, POST-3
    deadlines, GEN-10 deadline control), run by the head-office client department."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Import = cls.env["sce.appeal.import"].with_user(cls.head).with_context(**NO_MAIL_NOISE)

    def _import(self, rows, filename="history.csv", **kwargs):
        return self.Import.create({"file": csv_file(rows, **kwargs), "filename": filename})

    def _history(self):
        billing = self.topic_billing.name
        return [
            {
                "number": "2025-900101",
                "received": "14.01.2025 10:15",
                "channel": "post",
                "kind": "complaint",
                "topic": billing,
                "subject": "Не согласен с начислением за декабрь",
                "text": "Прошу пересчитать.\n<script>alert(1)</script>",
                "account": self.account_a.name,
                "state": "closed",
                "routed": "14.01.2025 15:00",
                "answered": "21.01.2025 12:00",
                "closed": "22.01.2025 09:00",
                "answer": "Начисление пересчитано, излишне начисленная сумма снята.",
                "justified": "out_of_court",
            },
            {
                "number": "2025-900102",
                "received": "20.03.2025 09:00",
                "channel": "email",
                "kind": "inquiry",
                "topic": self.topic_readings.name,
                "subject": "Как передать показания счётчика",
                "account": self.account_b.name,
                "state": "answered",
                "routed": "20.03.2025 11:00",
                "answered": "25.03.2025 10:00",
                "answer": "Показания принимаются с 15 по 25 число.",
            },
            {
                "number": "АРХ-17/2025",
                "received": "15.05.2025 11:20",
                "channel": "phone",
                "kind": "inquiry",
                "subject": "Когда будет перерасчёт",
                "customer": "Бестаева Залина Руслановна",
                "phone": "8 918 825 44 10",
                "state": "answered",
                "routed": "15.05.2025 11:21",
                "answered": "15.05.2025 11:30",
            },
            {
                "number": "2025-900103",
                "received": "10.06.2025 09:00",
                "channel": "post",
                "kind": "feedback",
                "subject": "Письмо без подписи",
                "state": "refused",
                "answered": "11.06.2025 10:00",
                "refusal": "obscene",
                "answer": "Текст содержит нецензурные выражения.",
            },
            {
                "number": "2026-900050",
                "received": "01.09.2026 11:00",
                "channel": "central_office",
                "kind": "complaint",
                "subject": "Отключение без уведомления",
                "account": self.account_a.name,
                "state": "routed",
                "routed": "01.09.2026 12:00",
            },
            {
                "number": "2026-900051",
                "received": "10.11.2026 10:00",
                "channel": "post",
                "kind": "complaint",
                "topic": billing,
                "subject": "Двойное начисление",
                "account": self.account_b.name,
                "state": "extended",
                "routed": "10.11.2026 14:00",
                "extension days": "10",
                "extension reason": "Запрошены документы у сетевой организации",
            },
            {
                "number": "2026-900052",
                "received": "25.11.2026 16:00",
                "channel": "client_box",
                "kind": "inquiry",
                "subject": "Прошу выдать справку об отсутствии задолженности",
                "account": self.account_a.name,
                "state": "registered",
            },
        ]

    def test_clean_file_loads_as_the_orm_would(self):
        """GEN-2, POST-3, GEN-10: a clean file becomes appeals that keep their numbers,
        get the policy, deadlines and deadline states the ORM computes, the customer
        and MRO of their account, an escaped text, and the sequence moves past them."""
        record = self._import(self._history())
        record.action_check()
        self.assertEqual(
            (record.state, record.error_count, record.row_count),
            ("checked", 0, 7),
            [(e.row, e.column, e.message) for e in record.error_ids],
        )
        self.assertFalse(record.ticket_ids, "checking writes no appeal")
        record.action_import()
        self.assertEqual(record.state, "done")
        self.assertEqual(record.imported_count, 7)
        tickets = record.ticket_ids.sorted("date_received")
        self.assertEqual(
            tickets.mapped("number"),
            [
                "2025-900101",
                "2025-900102",
                "АРХ-17/2025",
                "2025-900103",
                "2026-900050",
                "2026-900051",
                "2026-900052",
            ],
        )
        by_number = {t.number: t for t in tickets}
        closed = by_number["2025-900101"]
        self.assertEqual(closed.sce_state, "closed")
        self.assertEqual(closed.partner_id, self.customer)
        self.assertEqual(closed.mro_id, self.mro_a)
        self.assertEqual((closed.justified, closed.justified_basis), (True, "out_of_court"))
        self.assertIn("&lt;script&gt;", closed.description)
        self.assertNotIn("<script>", closed.description)
        self.assertEqual(closed.answer_channel, "email", "the customer's preferred channel")
        self.assertEqual(by_number["АРХ-17/2025"].partner_id, self.customer_b, "found by phone")
        self.assertEqual(by_number["2025-900103"].refusal_ground, "obscene")
        self.assertEqual(by_number["2026-900051"].extension_days, 10)
        self.assertEqual(by_number["2026-900052"].team_id.sce_is_front_office, True)
        self.assertEqual(by_number["2026-900051"].team_id, self.team_billing)
        # the ORM recomputes the same deadlines and states
        fnames = [
            "sla_policy_id",
            "deadline_registration",
            "deadline_answer",
            "deadline_total",
            "deadline_state",
            "registration_state",
            "total_state",
        ]
        before = tickets.read(fnames)
        tickets._sce_compute_deadlines()
        tickets.flush_recordset()
        tickets.invalidate_recordset()
        self.assertEqual(tickets.read(fnames), before)
        overdue = by_number["2026-900050"]
        self.assertEqual(overdue.deadline_state, "overdue")
        self.assertFalse(overdue.escalated, "the deadline control escalates it on its next run")
        self.assertEqual(closed.deadline_state, "done_on_time")
        # the sequence numbers on after the imported numbers of each year
        sequence = self.env.ref("sce_appeals.ir_sequence_sce_appeal")
        for year, used in ((2025, 900103), (2026, 900052)):
            number = sequence.with_context(ir_sequence_date=f"{year}-06-30")._next()
            self.assertGreater(int(number[5:]), used)

    def test_deadline_control_escalates_the_imported_backlog(self):
        """GEN-10: an overdue open appeal of the history is escalated to its MRO's
        client department by the next run of the deadline control."""
        self.mro_a.head_user_id = self.mro_user
        record = self._import(self._history())
        record.action_check()
        record.action_import()
        overdue = record.ticket_ids.filtered(lambda t: t.number == "2026-900050")
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        self.assertTrue(overdue.escalated)

    def test_errors_listed_by_row_and_column_and_nothing_written(self):
        """Bad input gets a clear error and loses nothing: every wrong cell is listed
        with its row and column, in an XLSX report too, and no appeal is written."""
        existing = self._appeal()
        base = {
            "channel": "post",
            "kind": "inquiry",
            "subject": "Вопрос",
            "state": "registered",
            "received": "10.02.2025 10:00",
        }
        rows = [
            {**base, "number": "2025-900201", "received": "31.02.2025 10:00"},
            {**base, "number": "2025-900202", "channel": "голубиная почта"},
            {**base, "number": "2025-900203", "received": "01.01.2030 10:00"},
            {**base, "number": "2025-900204", "account": "NO-SUCH-ACCOUNT"},
            {**base, "number": "2025-900204", "phone": "12345"},
            {**base, "number": existing.number, "received": "01.11.2026 10:00"},
            {
                **base,
                "number": "2025-900205",
                "state": "closed",
                "routed": "12.02.2025 10:00",
                "answered": "11.02.2025 10:00",
            },
            {**base, "number": "2025-900206", "state": "refused", "answered": "11.02.2025 10:00"},
            {**base, "number": "2025-900207", "justified": "yes"},
            {**base, "number": "2025-900208", "received": "10.02.2026 10:00"},
            {**base, "number": "2025-900209"},
        ]
        count_before = self.env["helpdesk.ticket"].search_count([])
        record = self._import(rows)
        record.action_check()
        self.assertEqual(record.state, "errors")
        found = {(error.row, error.column) for error in record.error_ids}
        self.assertEqual(
            found,
            {
                (2, "received"),
                (3, "channel"),
                (4, "received"),
                (5, "account"),
                (6, "number"),
                (6, "phone"),
                (7, "number"),
                (8, "answered"),
                (9, "refusal"),
                (10, "justified"),
                (11, "number"),
            },
        )
        self.assertTrue(all(error.message for error in record.error_ids))
        with self.assertRaises(UserError):
            record.action_import()
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count_before)
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(record.error_report)))
        sheet = book.worksheets[0]
        self.assertEqual(sheet.max_row, record.error_count + 1)
        self.assertEqual(sheet.cell(2, 1).value, 2)

    def test_wrong_files_are_refused_with_a_clear_error(self):
        """A file that is not XLSX/CSV, or lacks required columns, is refused."""
        record = self.Import.create({"file": base64.b64encode(b"%PDF-1.4"), "filename": "a.pdf"})
        with self.assertRaisesRegex(UserError, "xlsx"):
            record.action_check()
        record = self._import([{"number": "1"}], header=["number", "received"])
        with self.assertRaisesRegex(UserError, "channel"):
            record.action_check()
        broken = self.Import.create(
            {"file": base64.b64encode(b"PK\x03\x04junk"), "filename": "a.xlsx"}
        )
        with self.assertRaisesRegex(UserError, "XLSX"):
            broken.action_check()

    def test_russian_titles_and_windows_1251(self):
        """A file of the former system with Russian titles and values, in
        Windows-1251 with semicolons, is read."""
        ru = self.env["helpdesk.ticket"].with_context(lang="ru_RU")
        kind = dict(ru.fields_get(["appeal_kind"])["appeal_kind"]["selection"])["inquiry"]
        stage_states = self.env["helpdesk.ticket.stage"].with_context(lang="ru_RU")
        state = dict(stage_states.fields_get(["sce_state"])["sce_state"]["selection"])["answered"]
        channel = self.channel_post.with_context(lang="ru_RU").name
        header = [
            "Номер",
            "Дата поступления",
            "Канал",
            "Вид",
            "Краткое содержание",
            "Лицевой счёт",
            "Состояние",
            "Передано исполнителю",
            "Дата ответа",
        ]
        rows = [
            dict(
                zip(
                    header,
                    [
                        "2025-900301",
                        "03.03.2025 9:30",
                        channel,
                        kind,
                        "Справка",
                        self.account_b.name,
                        state,
                        "03.03.2025 12:00",
                        "05.03.2025 15:00",
                    ],
                    strict=True,
                )
            )
        ]
        record = self._import(rows, header=header, delimiter=";", encoding="cp1251")
        record.action_check()
        self.assertEqual(record.state, "checked", record.error_ids.mapped("message"))
        record.action_import()
        self.assertEqual(record.state, "done", record.failure)
        self.assertEqual(record.ticket_ids.partner_id, self.customer_b)
        self.assertEqual(record.ticket_ids.sce_state, "answered")

    def test_large_file_runs_in_a_queue_job(self):
        """A large file is loaded by a queue_job job of the imports' channel."""
        rows = [
            {
                "number": f"2025-{800000 + i:06d}",
                "received": f"{1 + i % 28:02d}.04.2025 10:00",
                "channel": "email",
                "kind": "inquiry",
                "subject": f"Вопрос № {i}",
                "state": "answered",
                "routed": f"{1 + i % 28:02d}.04.2025 11:00",
                "answered": f"{1 + i % 28:02d}.04.2025 15:00",
            }
            for i in range(2001)
        ]
        record = self._import(rows)
        record.action_check()
        record.action_import()
        self.assertEqual(record.state, "queued")
        job = self.env["queue.job"].search([("uuid", "=", record.job_uuid)])
        self.assertEqual(job.channel, "root.sce_import")
        self.assertFalse(record.ticket_ids)
        # the job reports its progress (from a cursor of its own) to the form
        record._sce_write_progress(self.env.cr, 500, 2001)
        record.invalidate_recordset(["progress"])
        self.assertAlmostEqual(record.progress, 100.0 * 500 / 2001, places=3)
        Job.load(self.env, record.job_uuid).perform()
        self.assertEqual(record.state, "done", record.failure)
        self.assertEqual(len(record.ticket_ids), 2001)
        self.assertEqual(record.progress, 100.0)

    def test_only_the_head_office_imports(self):
        """Migration is the head office's: an operator can neither see nor start one."""
        with self.assertRaises(AccessError):
            self.env["sce.appeal.import"].with_user(self.operator).create(
                {"file": csv_file([]), "filename": "x.csv"}
            )
        record = self._import(self._history())
        with self.assertRaises(AccessError):
            record.with_user(self.operator).read(["state"])
