import base64
import io
import re
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import SceAppealsCase


@tagged("post_install", "-at_install")
class TestCustomerRegister(SceAppealsCase):
    """GEN-4, GEN-6, GEN-7, ETI-1 and E.164 phones."""

    def test_eti1_display_name_from_surname_first_name_patronymic(self):
        self.assertEqual(self.customer.name, "Хетагуров Тимур Казбекович")
        self.assertEqual(self.customer.sce_polite_name, "Тимур Казбекович")
        self.customer.sce_surname = "Хетагуров-Цаллагов"
        self.assertEqual(self.customer.name, "Хетагуров-Цаллагов Тимур Казбекович")

    def test_eti1_salutation_follows_patronymic_gender(self):
        self.assertIn("Тимур Казбекович", self.customer.with_context(lang="ru_RU").sce_salutation())
        self.assertTrue(
            self.customer_b.with_context(lang="ru_RU").sce_salutation().startswith("Уважаемая")
        )

    def test_phone_normalised_to_e164_and_used_for_lookup(self):
        self.assertEqual(self.customer.phone, "+78672531234")
        self.assertEqual(self.customer.sce_phone_e164, "+78672531234")
        self.assertEqual(self.customer_b.sce_mobile_e164, "+79188254410")
        found = self.env["res.partner"]._sce_find_by_phone("8 918 825 44 10")
        self.assertEqual(found, self.customer_b)

    def test_invalid_phone_is_a_clear_validation_error(self):
        with self.assertRaisesRegex(ValidationError, "12345"):
            self.env["res.partner"].create(
                {"name": "Тест", "phone": "12345", "sce_customer_group": "1"}
            )
        with self.assertRaises(ValidationError):
            self.customer.write({"mobile": "+7 000"})
        self.assertEqual(self.customer.phone, "+78672531234", "nothing half-written")

    def test_non_customer_contacts_keep_foreign_formats(self):
        """Staff and foreign contacts are not customers: their numbers are not refused."""
        contact = self.env["res.partner"].create({"name": "Joel Willis", "phone": "(683)-556-5104"})
        self.assertFalse(contact.sce_phone_e164)

    def test_gen6_vulnerability_flags_give_individual_approach(self):
        self.assertFalse(self.customer.sce_needs_priority)
        self.customer.sce_is_veteran = True
        self.assertTrue(self.customer.sce_needs_priority)

    def test_gen4_five_customer_groups_with_the_standard_definitions(self):
        field = self.env["res.partner"]._fields["sce_customer_group"]
        self.assertEqual([key for key, _label in field.selection], ["1", "2", "3", "4", "5"])
        self.assertIn("losses", field.help)

    def test_account_number_is_unique(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["sce.account"].create(
                {
                    "name": self.account_a.name,
                    "partner_id": self.customer.id,
                    "supply_address": "x",
                    "mro_id": self.mro_a.id,
                }
            )


@tagged("post_install", "-at_install")
class TestMeterReadings(SceAppealsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meter = cls.env["sce.meter"].create(
            {"name": "TEST-0001", "account_id": cls.account_a.id, "install_date": date(2020, 1, 1)}
        )
        cls.env["sce.meter.reading"].create(
            {"meter_id": cls.meter.id, "date": date(2026, 9, 30), "value": 12500}
        )

    def test_reading_below_last_is_rejected_with_a_clear_error(self):
        with self.assertRaisesRegex(ValidationError, "12500"):
            self.env["sce.meter.reading"].create(
                {"meter_id": self.meter.id, "date": date(2026, 10, 31), "value": 12400}
            )

    def test_reading_on_a_replacement_meter_starts_from_zero(self):
        new_meter = self.env["sce.meter"].create(
            {
                "name": "TEST-0002",
                "account_id": self.account_a.id,
                "replaced_meter_id": self.meter.id,
                "install_date": date(2026, 10, 15),
            }
        )
        reading = self.env["sce.meter.reading"].create(
            {"meter_id": new_meter.id, "date": date(2026, 10, 31), "value": 35, "source": "portal"}
        )
        self.assertEqual(new_meter.last_reading_value, 35)
        self.assertEqual(reading.account_id, self.account_a)

    def test_negative_reading_rejected(self):
        with self.assertRaises(ValidationError):
            self.env["sce.meter.reading"].create(
                {"meter_id": self.meter.id, "date": date(2026, 10, 31), "value": -1}
            )


@tagged("post_install", "-at_install")
class TestBillingImport(SceAppealsCase):
    """Charges and payments from billing: row-level errors, nothing half-imported."""

    def _wizard(self, content, filename):
        return self.env["sce.billing.import.wizard"].create(
            {"file": base64.b64encode(content), "filename": filename}
        )

    def _moves(self):
        return self.env["sce.account.move"].search(
            [("account_id", "in", (self.account_a | self.account_b).ids)]
        )

    def test_csv_import_creates_charges_and_payments(self):
        csv_text = (
            "account;date;type;period;amount;kwh;reference\n"
            f"{self.account_a.name};31.10.2026;начисление;2026-10;1 625,50;250;Н-1001\n"
            f"{self.account_a.name};2026-11-10;payment;2026-10;1625.50;;П-2001\n"
        )
        wizard = self._wizard(csv_text.encode("cp1251"), "billing.csv")
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.imported_count, 2)
        self.assertAlmostEqual(self.account_a.balance, 0.0)

    def test_one_bad_row_imports_nothing_and_reports_each_row(self):
        csv_text = (
            "account,date,type,period,amount,kwh,reference\n"
            f"{self.account_a.name},2026-10-31,charge,2026-10,100,10,N-1\n"
            "NO-SUCH-ACCOUNT,2026-10-31,charge,2026-10,100,10,N-2\n"
            f"{self.account_b.name},31/13/2026,charge,2026-10,-5,10,N-3\n"
        )
        wizard = self._wizard(csv_text.encode(), "billing.csv")
        wizard.action_import()
        self.assertEqual(wizard.state, "errors")
        self.assertIn("Row 3", wizard.error_report)
        self.assertIn("NO-SUCH-ACCOUNT", wizard.error_report)
        self.assertIn("Row 4", wizard.error_report)
        self.assertFalse(self._moves(), "nothing half-imported")

    def test_duplicate_documents_are_reported(self):
        line = f"{self.account_a.name},2026-10-31,charge,2026-10,100,10,N-7\n"
        header = "account,date,type,period,amount,kwh,reference\n"
        self._wizard((header + line).encode(), "a.csv").action_import()
        again = self._wizard((header + line).encode(), "a.csv")
        again.action_import()
        self.assertEqual(again.state, "errors")
        self.assertEqual(len(self._moves()), 1)

    def test_xlsx_import(self):
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Лицевой счёт", "Дата", "Тип", "Период", "Сумма", "кВт·ч", "Документ"])
        sheet.append(
            [self.account_b.name, date(2026, 10, 31), "начисление", "2026-10", 812.25, 125, "Н-55"]
        )
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = self._wizard(buffer.getvalue(), "billing.xlsx")
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 1)
        self.assertAlmostEqual(self.account_b.balance, -812.25)

    def test_wrong_file_type_is_refused_clearly(self):
        with self.assertRaisesRegex(UserError, "xlsx"):
            self._wizard(b"%PDF-1.4 ...", "scan.pdf").action_import()
        with self.assertRaises(UserError):
            self._wizard(b"PK\x03\x04 not really a workbook", "broken.xlsx").action_import()


@tagged("post_install", "-at_install")
class TestRussianFirst(SceAppealsCase):
    """The twelve channels, stages and policies read in Russian (GEN-1)."""

    def test_gen1_channels_and_stages_have_russian_names(self):
        cyrillic = re.compile("[А-Яа-яЁё]")
        channels = (
            self.env["helpdesk.ticket.channel"]
            .with_context(lang="ru_RU")
            .search([("sce_code", "!=", False), ("sce_code", "!=", "sms")])
        )
        self.assertEqual(len(channels), 11)
        stages = (
            self.env["helpdesk.ticket.stage"]
            .with_context(lang="ru_RU")
            .search([("sce_state", "!=", False)])
        )
        for record in [*channels, *stages]:
            self.assertRegex(record.name, cyrillic)


@tagged("post_install", "-at_install")
class TestAppealNumbering(SceAppealsCase):
    """Registration numbers of the year (2026-000123) and GEN-5's justified complaints."""

    @users("sce-operator")
    def test_post1_numbers_restart_each_year(self):
        """POST-1: the first appeal of a year is number 1 of that year."""
        appeals = self.env["helpdesk.ticket"].with_context(mail_create_nolog=True)
        values = {
            "name": "Нет квитанции",
            "description": "<p>Квитанция за октябрь не пришла.</p>",
            "channel_id": self.channel_post.id,
            "appeal_kind": "inquiry",
            "partner_id": self.customer.id,
        }
        last_of_2031 = appeals.with_context(ir_sequence_date="2031-12-31").create(dict(values))
        first_of_2032 = appeals.with_context(ir_sequence_date="2032-01-01").create(dict(values))
        second_of_2032 = appeals.with_context(ir_sequence_date="2032-03-01").create(dict(values))
        self.assertRegex(last_of_2031.number, r"^2031-\d{6}$")
        self.assertEqual(first_of_2032.number, "2032-000001")
        self.assertEqual(second_of_2032.number, "2032-000002")

    @users("sce-router")
    def test_gen5_a_justified_complaint_needs_its_basis(self):
        complaint = self._appeal(category_id=self.topic_billing.id).with_env(self.env)
        with self.assertRaises(ValidationError):
            complaint.write({"justified": True})
        complaint.write({"justified": True, "justified_basis": "out_of_court"})
        self.assertTrue(complaint.justified)

    @users("sce-head")
    def test_gen5_only_a_complaint_can_be_justified(self):
        inquiry = self._appeal(appeal_kind="inquiry", category_id=self.topic_readings.id)
        with self.assertRaises(ValidationError):
            inquiry.with_env(self.env).write({"justified": True, "justified_basis": "court"})
