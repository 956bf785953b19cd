from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SceAppealsCase, msk


@tagged("post_install", "-at_install")
class TestDeadlines(SceAppealsCase):
    """Deadline engine: policies per channel and kind on the production calendar."""

    def test_gen10_working_days_skip_new_year_holidays_and_transfers(self):
        """GEN-10: 31.12.2025 and 9.01.2026 are transferred days off; 1–8 January are
        holidays; the first working day after 30.12.2025 is 12.01.2026."""
        self.assertEqual(
            self.calendar._sce_add_working_days(date(2025, 12, 30), 1), date(2026, 1, 12)
        )
        self.assertFalse(self.calendar._sce_is_working_day(date(2025, 12, 31)))
        self.assertFalse(self.calendar._sce_is_working_day(date(2026, 1, 9)))
        self.assertTrue(self.calendar._sce_is_working_day(date(2025, 11, 1)), "working Saturday")

    def test_gen10_working_day_arithmetic_reads_the_calendar_once(self):
        """Deadlines of a batch of appeals cost no query per appeal: the calendar's
        exceptions are cached until an administrator changes them."""
        self.calendar._sce_add_working_days(date(2026, 1, 1), 1)
        with self.assertQueryCount(0):
            for day in range(1, 29):
                self.calendar._sce_add_working_days(date(2026, 2, day), 14)

    def test_gen10_regional_dzheorguyba_is_not_a_working_day(self):
        """GEN-10: the first Monday of Dzheorguyba (23.11.2026) is a regional day off."""
        self.assertFalse(self.calendar._sce_is_working_day(date(2026, 11, 23)))
        self.assertEqual(
            self.calendar._sce_add_working_days(date(2026, 11, 20), 1), date(2026, 11, 24)
        )

    def test_post3_post_appeal_registered_30_december(self):
        """POST-3: post appeal received 30.12.2025: registration 1 day ends on a holiday,
        so on 12.01.2026; answer 1+10 days ends Saturday 10.01 → 12.01; total 21 days
        → 20.01.2026."""
        appeal = self._appeal(date_received=msk(2025, 12, 30, 10, 0))
        self.assertEqual(appeal.sla_policy_id, self.env.ref("sce_appeals.sce_sla_policy_written"))
        self.assertEqual(appeal.deadline_registration, msk(2026, 1, 12, 23, 59, 59))
        self.assertEqual(appeal.deadline_answer, msk(2026, 1, 12, 23, 59, 59))
        self.assertEqual(appeal.deadline_total, msk(2026, 1, 20, 23, 59, 59))

    def test_post3_client_box_same_limits_as_post(self):
        """SC-9: client box letters follow the post limits."""
        appeal = self._appeal(channel_id=self.channel_box.id, date_received=msk(2026, 3, 2, 9, 0))
        self.assertEqual(appeal.deadline_answer, msk(2026, 3, 13, 23, 59, 59))  # 2.03 + 11
        self.assertEqual(appeal.deadline_total, msk(2026, 3, 23, 23, 59, 59))  # 2.03 + 21

    def test_web5_internet_complaint_14_working_days_over_holidays(self):
        """WEB-5: an internet complaint of 30.12.2025 is answered by 29.01.2026
        (14 working days, New Year holidays skipped)."""
        appeal = self._appeal(
            channel_id=self.channel_web.id, date_received=msk(2025, 12, 30, 15, 0)
        )
        self.assertEqual(
            appeal.sla_policy_id, self.env.ref("sce_appeals.sce_sla_policy_internet_complaint")
        )
        self.assertEqual(appeal.deadline_answer, msk(2026, 1, 29, 23, 59, 59))

    def test_web4_internet_question_one_working_day(self):
        """WEB-4: a question of 30.12.2025 is answered by the end of 12.01.2026."""
        appeal = self._appeal(
            channel_id=self.channel_web.id,
            appeal_kind="inquiry",
            date_received=msk(2025, 12, 30, 15, 0),
        )
        self.assertEqual(appeal.deadline_answer, msk(2026, 1, 12, 23, 59, 59))

    def test_cc6_phone_callback_within_30_minutes(self):
        """CC-6: a phone question not answered at once: callback within 30 minutes."""
        received = msk(2026, 1, 3, 22, 50)  # a holiday: the call center works 24x7
        appeal = self._appeal(
            channel_id=self.channel_phone.id, appeal_kind="inquiry", date_received=received
        )
        self.assertEqual(appeal.deadline_answer, received + timedelta(minutes=30))

    def test_fb4_active_feedback_14_days_on_any_channel(self):
        """FB-4: feedback given in person on 2.03.2026 is answered by 16.03.2026."""
        appeal = self._appeal(
            channel_id=self.channel_office.id,
            appeal_kind="feedback",
            date_received=msk(2026, 3, 2, 11, 0),
        )
        self.assertEqual(
            appeal.sla_policy_id, self.env.ref("sce_appeals.sce_sla_policy_active_feedback")
        )
        self.assertEqual(appeal.deadline_answer, msk(2026, 3, 16, 23, 59, 59))

    def test_post3_extension_once_with_reason_capped_by_total(self):
        """POST-3: one extension of at most 10 days, with a reason, never past 21 days;
        the customer is told the new date."""
        appeal = self._appeal(date_received=msk(2025, 12, 30, 10, 0))
        with self.assertRaises(UserError):
            appeal._sce_extend(5, "  ")
        with self.assertRaises(UserError):
            appeal._sce_extend(11, "Запрошены данные у сетевой организации")
        messages_before = appeal.message_ids
        appeal._sce_extend(10, "Запрошены данные у сетевой организации")
        self.assertEqual(appeal.sce_state, "extended")
        self.assertEqual(appeal.extension_days, 10)
        # 12.01 + 10 days = 22.01, capped by the total limit 20.01.2026
        self.assertEqual(appeal.deadline_answer, msk(2026, 1, 20, 23, 59, 59))
        notice = appeal.message_ids - messages_before
        self.assertIn(self.customer, notice.partner_ids, "the customer is notified")
        self.assertIn("20.01.2026", "".join(notice.mapped("body")))
        with self.assertRaises(UserError):
            appeal._sce_extend(1, "Ещё раз")

    def test_deadline_state_overdue_due_soon_and_done(self):
        """CC-7 item 20: breach and 'due soon' are stored and searchable."""
        now = fields.Datetime.now()
        overdue = self._appeal(date_received=now - timedelta(days=40))
        fresh = self._appeal(date_received=now)
        self.assertEqual(overdue.deadline_state, "overdue")
        self.assertEqual(fresh.deadline_state, "on_track")
        found = self.env["helpdesk.ticket"].search(
            [("deadline_state", "=", "overdue"), ("id", "in", (overdue | fresh).ids)]
        )
        self.assertEqual(found, overdue)
        overdue.action_sce_route()
        overdue.write({"stage_id": self.env.ref("sce_appeals.helpdesk_ticket_stage_answered").id})
        self.assertEqual(overdue.deadline_state, "done_late")
        fresh.write({"stage_id": self.env.ref("sce_appeals.helpdesk_ticket_stage_answered").id})
        self.assertEqual(fresh.deadline_state, "done_on_time")

    def test_gen10_administrator_adds_a_day_off_and_deadlines_move(self):
        """GEN-10: administrators maintain the calendar; open appeals follow."""
        appeal = self._appeal(
            channel_id=self.channel_web.id,
            appeal_kind="inquiry",
            date_received=msk(2031, 6, 2, 10, 0),  # Monday
        )
        self.assertEqual(appeal.deadline_answer, msk(2031, 6, 3, 23, 59, 59))
        self.env["sce.calendar.day"].create(
            {
                "calendar_id": self.calendar.id,
                "date": date(2031, 6, 3),
                "day_type": "regional",
                "name": "Regional day off",
            }
        )
        self.calendar.action_sce_recompute_deadlines()
        self.assertEqual(appeal.deadline_answer, msk(2031, 6, 4, 23, 59, 59))

    def test_post1_every_appeal_gets_a_number_of_its_year(self):
        """POST-1: every appeal gets a registration number of its year."""
        appeal = self._appeal()
        year = fields.Date.today().year
        self.assertTrue(appeal.number.startswith(f"{year}-"), appeal.number)
        other = self._appeal()
        self.assertNotEqual(appeal.number, other.number)

    def test_post3_extension_wizard_from_the_appeal_form(self):
        """The extension wizard opened from the appeal proposes the policy's limit."""
        appeal = self._appeal(date_received=msk(2026, 3, 2, 9, 0))
        wizard_form = Form(
            self.env["sce.appeal.extend.wizard"].with_context(
                active_id=appeal.id, active_model="helpdesk.ticket"
            )
        )
        self.assertEqual(wizard_form.days, 10)
        wizard_form.days = 3
        wizard_form.reason = "Ожидаем акт проверки прибора учёта"
        wizard_form.save().action_confirm()
        self.assertEqual(appeal.extension_days, 3)
        self.assertEqual(appeal.deadline_answer, msk(2026, 3, 16, 23, 59, 59))  # 13.03 + 3 → Mon

    def test_post4_refusal_wizard(self):
        appeal = self._appeal(partner_id=False, account_id=False)
        wizard_form = Form(
            self.env["sce.appeal.refuse.wizard"].with_context(
                active_id=appeal.id, active_model="helpdesk.ticket"
            )
        )
        wizard_form.ground = "no_contact"
        wizard_form.save().action_confirm()
        self.assertEqual(appeal.refusal_ground, "no_contact")
        self.assertEqual(appeal.sce_state, "refused")
