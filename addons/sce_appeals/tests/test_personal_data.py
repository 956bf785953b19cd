from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .common import SceAppealsCase

CONTACTS = ["street", "city", "phone", "mobile", "email"]


@tagged("post_install", "-at_install")
class TestPersonalDataPolicy(SceAppealsCase):
    """GEN-7 (152-FZ): who reads what of a customer, cell by cell of the README's table.

    The customer of MRO A has an address, a phone, an e-mail, a birth date, a
    vulnerability flag and a consent document; MRO B's customer has a mobile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write(
            {
                "sce_birth_date": "1961-04-12",
                "sce_is_veteran": True,
                "sce_consent_document": "Согласие № 15/2026",
            }
        )
        cls.appeal = cls._appeal(appeal_kind="inquiry", category_id=cls.topic_billing.id)
        cls.appeal.partner_email = "t.khetagurov@example.ru"

    def _partner(self, partner):
        return self.env["res.partner"].browse(partner.id)

    def _assert_reads_contacts(self, partner):
        values = self._partner(partner).read(CONTACTS)[0]
        self.assertEqual(values["street"], "ул. Маркуса, 22, кв. 5")
        self.assertEqual(values["phone"], "+78672531234")
        self.assertEqual(values["email"], "t.khetagurov@example.ru")

    def _assert_contacts_hidden(self, partner):
        record = self._partner(partner)
        values = record.read(CONTACTS)[0]
        self.assertEqual([values[f] for f in CONTACTS], [False] * len(CONTACTS))
        listed = self.env["res.partner"].search_read([("id", "=", partner.id)], ["street", "phone"])
        self.assertEqual((listed[0]["street"], listed[0]["phone"]), (False, False))
        with self.assertRaises(AccessError):
            record.write({"phone": "+7 918 000-00-00"})
        with self.assertRaises(AccessError):
            record.export_data(["name", "phone"])
        ticket = self.env["helpdesk.ticket"].browse(self.appeal.id)
        self.assertFalse(ticket.read(["partner_email"])[0]["partner_email"])
        # nor through the chatter's suggested recipients
        suggested = ticket._message_get_suggested_recipients()
        self.assertFalse([r for r in suggested if r.get("email") == "t.khetagurov@example.ru"])

    def _assert_special_data_hidden(self, partner):
        for fname in ("sce_birth_date", "sce_is_veteran", "sce_consent_document"):
            with self.assertRaises(AccessError, msg=fname):
                self._partner(partner).read([fname])

    def _assert_reads_special_data(self, partner):
        values = self._partner(partner).read(["sce_birth_date", "sce_consent_document"])[0]
        self.assertEqual(str(values["sce_birth_date"]), "1961-04-12")
        self.assertEqual(values["sce_consent_document"], "Согласие № 15/2026")

    # ------------------------------------------------------------------ chatter

    @users("sce-operator")
    def test_gen7_front_office_gets_the_customer_address_suggested(self):
        """The chatter of an appeal suggests the customer with the address to the
        front office."""
        ticket = self.env["helpdesk.ticket"].browse(self.appeal.id)
        suggested = ticket._message_get_suggested_recipients()
        customer = [r for r in suggested if r.get("partner_id") == self.customer.id]
        self.assertEqual(customer[0]["email"], "t.khetagurov@example.ru")

    @users("sce-specialist")
    def test_gen7_specialist_gets_the_customer_suggested_without_address(self):
        """A specialist writes to the customer from the chatter, but the suggestion
        carries no e-mail address."""
        ticket = self.env["helpdesk.ticket"].browse(self.appeal.id)
        suggested = ticket._message_get_suggested_recipients()
        customer = [r for r in suggested if r.get("partner_id") == self.customer.id]
        self.assertTrue(customer)
        self.assertFalse(customer[0]["email"])

    # ------------------------------------------------------------------ front office

    @users("sce-operator")
    def test_gen7_front_office_reads_contacts_of_every_customer(self):
        self._assert_reads_contacts(self.customer)
        self.assertEqual(self._partner(self.customer_b).mobile, "+79188254410")
        self.assertTrue(self._partner(self.customer).sce_needs_priority, "GEN-6 flag shown")

    @users("sce-operator")
    def test_gen7_front_office_does_not_read_special_data(self):
        self._assert_special_data_hidden(self.customer)

    # ------------------------------------------------------------------ specialist

    @users("sce-specialist")
    def test_gen7_specialist_reads_name_and_group_only(self):
        partner = self._partner(self.customer)
        self.assertEqual(partner.name, "Хетагуров Тимур Казбекович")
        self.assertEqual(partner.sce_customer_group, "1")
        self._assert_contacts_hidden(self.customer)

    @users("sce-specialist")
    def test_gen7_specialist_does_not_read_special_data(self):
        self._assert_special_data_hidden(self.customer)

    # ------------------------------------------------------------------ complaint router

    @users("sce-router")
    def test_gen7_complaint_router_reads_contacts_not_special_data(self):
        self._assert_reads_contacts(self.customer)
        self._assert_special_data_hidden(self.customer)

    # ------------------------------------------------------------------ MRO client department

    @users("sce-mro-a")
    def test_gen7_mro_client_department_reads_everything_of_its_customers(self):
        self._assert_reads_contacts(self.customer)
        self._assert_reads_special_data(self.customer)

    @users("sce-mro-a")
    def test_gen7_mro_client_department_sees_no_customer_of_another_mro(self):
        found = self.env["res.partner"].search(
            [("id", "in", (self.customer | self.customer_b).ids)]
        )
        self.assertEqual(found.ids, self.customer.ids)
        with self.assertRaises(AccessError):
            self._partner(self.customer_b).read(["name"])
        with self.assertRaises(AccessError):
            self._partner(self.customer_b).read(["mobile"])

    @users("sce-mro-b")
    def test_gen7_other_mro_cannot_read_birth_date_address_or_phone(self):
        for fname in ("sce_birth_date", "street", "phone", "sce_consent_document"):
            with self.assertRaises(AccessError, msg=fname):
                self._partner(self.customer).read([fname])
        self.assertEqual(self._partner(self.customer_b).mobile, "+79188254410")

    @users("sce-mro-a")
    def test_gen7_staff_and_companies_stay_visible_to_mro_users(self):
        colleague = self._partner(self.operator.partner_id)
        self.assertTrue(colleague.name)
        self.assertTrue(self._partner(self.env.company.partner_id).name)

    # ------------------------------------------------------------------ manager

    @users("sce-manager")
    def test_gen7_manager_reads_no_contacts_and_no_special_data(self):
        self.assertEqual(self._partner(self.customer).name, "Хетагуров Тимур Казбекович")
        self._assert_contacts_hidden(self.customer)
        self._assert_special_data_hidden(self.customer)

    # ------------------------------------------------------------------ head office

    @users("sce-head")
    def test_gen7_head_office_reads_everything(self):
        self._assert_reads_contacts(self.customer)
        self._assert_reads_special_data(self.customer)
        self.assertEqual(self._partner(self.customer_b).mobile, "+79188254410")

    @users("sce-specialist")
    def test_gen7_specialist_cannot_find_a_customer_by_phone_or_address(self):
        """The lookup would reveal what the card hides: by name and account only."""
        partners = self.env["res.partner"]
        self.assertFalse(partners.name_search("8 (8672) 53-12-34"))
        self.assertFalse(partners.name_search("Маркуса, 22"))
        self.assertIn(self.customer.id, [i for i, _n in partners.name_search("Хетагуров")])
        self.assertIn(self.customer.id, [i for i, _n in partners.name_search("TEST-150100000001")])

    @users("sce-operator")
    def test_gen3_front_office_finds_the_customer_by_phone_and_address(self):
        partners = self.env["res.partner"]
        self.assertIn(self.customer.id, [i for i, _n in partners.name_search("8 (8672) 53-12-34")])
        self.assertIn(self.customer.id, [i for i, _n in partners.name_search("Маркуса, 22")])
