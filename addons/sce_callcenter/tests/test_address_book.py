from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, TransactionCase, users

from .common import CallCenterCommon


class TestAddressBook(CallCenterCommon, TransactionCase):
    """Corporate and personal address books of the call center (CC-7), and “add to
    address book” from a missed call."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()
        cls.supervisor = cls._cc_user("supervisor", name="Руководитель КЦ")
        cls.missed = cls._ingest(
            cls,
            [
                cls._event("book-missed", 1, "call_started", 0, caller="+7 918 825-11-22"),
                cls._event("book-missed", 2, "ringing", 5, queue="line1", agent="101"),
                cls._event("book-missed", 3, "ended", 30),
            ],
        )
        Entry = cls.env["sce.address.book.entry"]
        cls.corporate = Entry.create(
            {
                "name": "Диспетчер РЭС Владикавказ",
                "phone": "8 (8672) 40-11-00",
                "scope": "corporate",
            }
        )

    @users("sce-cc-line1")
    def test_cc7_missed_call_added_to_the_personal_book(self):
        """CC-7: one click on a missed call opens a new personal entry with its number;
        the call then shows the name, for its owner only."""
        call = self.missed.with_user(self.env.user)
        self.assertEqual(call.disposition, "missed")
        self.assertFalse(call.address_book_name)
        action = call.action_add_to_address_book()
        entry_form = Form(self.env["sce.address.book.entry"].with_context(**action["context"]))
        entry_form.name = "Газоев Алан Русланович"
        entry = entry_form.save()
        self.assertEqual(
            (entry.scope, entry.user_id, entry.phone_e164, entry.call_id),
            ("personal", self.env.user, "+79188251122", call),
        )
        call.invalidate_recordset()
        self.assertEqual(call.address_book_name, "Газоев Алан Русланович")
        other = self.missed.with_user(self.operator_2)
        self.assertFalse(other.address_book_name)

    @users("sce-cc-line2")
    def test_cc7_operators_read_the_corporate_book_and_keep_their_own(self):
        """CC-7: an operator reads the corporate book but cannot change it or add to
        it, and never sees another operator's personal entries."""
        Entry = self.env["sce.address.book.entry"]
        mine = Entry.create({"name": "Мой контакт", "phone": "+79280000001"})
        theirs = Entry.with_user(self.operator).create(
            {"name": "Чужой контакт", "phone": "+79280000002"}
        )
        self.assertEqual(
            Entry.search([("id", "in", (mine | theirs | self.corporate).ids)]),
            mine | self.corporate,
        )
        with self.assertRaises(AccessError):
            self.corporate.with_user(self.env.user).name = "Изменено"
        with self.assertRaises(AccessError):
            Entry.create({"name": "В общий", "phone": "+79280000003", "scope": "corporate"})
        with self.assertRaises(AccessError):
            theirs.with_user(self.env.user).read(["name"])

    @users("sce-cc-supervisor")
    def test_cc7_supervisor_keeps_the_corporate_book(self):
        """CC-7: supervisors add to and change the corporate book; an entry's number
        must be a telephone number."""
        Entry = self.env["sce.address.book.entry"]
        entry = Entry.create(
            {"name": "Аварийная служба", "phone": "+7 8672 55-00-00", "scope": "corporate"}
        )
        entry.name = "Аварийная служба МРО"
        self.assertEqual(entry.phone_e164, "+78672550000")
        with self.assertRaises(ValidationError):
            Entry.create({"name": "Ошибка", "phone": "12", "scope": "corporate"})
