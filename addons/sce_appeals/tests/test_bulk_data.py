from odoo.tests import TransactionCase, tagged

from ..demo.bulk import BulkGenerator, Scale
from .common import new_role_user

# a few seconds: the CI-sized sample of `make bench-data SCALE=small`, smaller still
SMOKE = Scale(customers=300, appeals=1200, years=3, readings_per_meter=6, ledger_months=2)


@tagged("post_install", "-at_install")
class TestBulkData(TransactionCase):
    """The benchmark data loader (issue 10, `make bench-data`) writes what the ORM would
    have written: numbers of the appeals' sequence and year (GEN-2), the deadlines and
    their states of the standard (POST-3, GEN-10), stored related fields (GEN-9 MRO,
    GEN-4 customer group)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.generator = BulkGenerator(cls.env, SMOKE)
        cls.generator.generate()
        cls.tickets = cls.env["helpdesk.ticket"].search(
            [("id", ">=", cls.generator.first_ticket_id)], order="id"
        )
        cls.operator = new_role_user(cls.env, "operator", login="sce-bulk-operator")

    def test_consistency_checks_pass(self):
        """Every SQL consistency check of the loader finds nothing wrong."""
        self.assertGreater(len(self.tickets), 1000)
        failures = [(label, count) for label, count in self.generator.validate() if count]
        self.assertEqual(failures, [])

    def test_numbers_unique_of_their_year_and_sequence_ahead(self):
        """GEN-2: numbers are unique, of the year of receipt, and the next appeal the
        ORM registers in that year gets a number after them."""
        numbers = self.tickets.mapped("number")
        self.assertEqual(len(numbers), len(set(numbers)))
        for ticket in self.tickets[:: max(1, len(self.tickets) // 50)]:
            local_year = self.tickets._sce_calendar()._sce_tz().fromutc(ticket.date_received).year
            self.assertTrue(ticket.number.startswith(f"{local_year}-"), ticket.number)
        last = max(self.tickets, key=lambda t: t.id)
        year = int(last.number[:4])
        used = max(int(n[5:]) for n in numbers if n.startswith(f"{year}-"))
        sequence = self.env.ref("sce_appeals.ir_sequence_sce_appeal")
        next_number = sequence.with_context(ir_sequence_date=f"{year}-06-30")._next()
        self.assertGreater(int(next_number[5:]), used)

    def test_orm_recomputes_nothing_different(self):
        """POST-3, GEN-10: recomputing the deadlines and their states through the ORM
        changes nothing; stored related fields equal their sources."""
        sample = self.tickets[:: max(1, len(self.tickets) // 120)]
        fnames = [
            "deadline_registration",
            "deadline_answer",
            "deadline_total",
            "deadline_state",
            "registration_state",
            "total_state",
        ]
        before = sample.read(fnames)
        sample._sce_compute_deadlines()
        sample.flush_recordset()
        sample.invalidate_recordset()
        self.assertEqual(sample.read(fnames), before)
        for ticket in sample:
            self.assertEqual(ticket.sce_state, ticket.stage_id.sce_state)
            self.assertEqual(ticket.sce_service_form, ticket.channel_id.sce_service_form)
            self.assertEqual(ticket.sce_customer_group, ticket.partner_id.sce_customer_group)
            if ticket.account_id:
                self.assertEqual(ticket.mro_id, ticket.account_id.mro_id)
                self.assertEqual(ticket.account_id.partner_id, ticket.partner_id)

    def test_same_appeal_registered_by_the_operator(self):
        """An appeal registered by the front office through the ORM with the same
        channel, kind, customer and receipt gets the loader's policy, deadlines and
        stored fields."""
        loaded = self.tickets.filtered(
            lambda t: t.sce_state == "routed" and t.account_id and not t.extension_days
        )[:5]
        self.assertTrue(loaded)
        for ticket in loaded:
            created = (
                self.env["helpdesk.ticket"]
                .with_user(self.operator)
                .with_context(mail_create_nolog=True, mail_notrack=True)
                .create(
                    {
                        "name": ticket.name,
                        "description": ticket.description,
                        "channel_id": ticket.channel_id.id,
                        "appeal_kind": ticket.appeal_kind,
                        "category_id": ticket.category_id.id,
                        "partner_id": ticket.partner_id.id,
                        "account_id": ticket.account_id.id,
                        "date_received": ticket.date_received,
                    }
                )
            )
            for fname in (
                "sla_policy_id",
                "deadline_registration",
                "deadline_answer",
                "deadline_total",
                "mro_id",
                "sce_service_form",
                "sce_customer_group",
                "answer_channel",
                "sce_state",
            ):
                self.assertEqual(created[fname], ticket[fname], f"{fname} of {ticket.number}")

    def test_partners_as_the_orm_writes_them(self):
        """GEN-6, caller lookup: the E.164 columns and the priority flag are what the
        partner's computes give."""
        partners = self.tickets.partner_id[:40]
        before = partners.read(["sce_phone_e164", "sce_mobile_e164", "sce_needs_priority"])
        partners._compute_sce_phone_e164()
        partners._compute_sce_needs_priority()
        self.assertEqual(
            partners.read(["sce_phone_e164", "sce_mobile_e164", "sce_needs_priority"]), before
        )
        caller = partners.filtered("sce_mobile_e164")[:1]
        national = "8" + caller.sce_mobile_e164[2:]  # as a caller ID may show it
        self.assertIn(caller, self.env["res.partner"]._sce_find_by_phone(national))
