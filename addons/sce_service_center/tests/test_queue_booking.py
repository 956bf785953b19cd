from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import QueueCommon

MONDAY = date(2026, 11, 2)
WEEKDAYS = ("0", "1", "2", "3", "4")


def _hours(center, hour_from=9.0, hour_to=18.0):
    return [
        {"center_id": center.id, "weekday": day, "hour_from": hour_from, "hour_to": hour_to}
        for day in WEEKDAYS
    ]


@tagged("post_install", "-at_install")
class TestQueueBooking(QueueCommon, TransactionCase):
    """SC-7 / GEN-6: pre-booking of a slot by the call center or the hall administrator,
    within the center's opening hours and its windows' capacity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()
        cls.env.company.partner_id.tz = "Europe/Moscow"
        cls.env["sce.service.center.hours"].create(_hours(cls.center))
        cls.operator = cls._sc_user("booking", login="sce-cc-booking", name="Оператор КЦ")

    def _book(self, user, partner, service, slot_time, day=MONDAY, **vals):
        return (
            self.env["sce.queue.booking"]
            .with_user(user)
            .create(
                {
                    "center_id": self.center.id,
                    "service_id": service.id,
                    "partner_id": partner.id,
                    "day": day,
                    "slot_time": slot_time,
                    **vals,
                }
            )
        )

    @freeze_time("2026-11-01 12:00:00")
    def test_sc7_slots_follow_the_weekly_schedule_and_the_service_norm(self):
        """SC-7 / SC-8: Monday 9:00-18:00 gives 36 consultation slots of 15 minutes (the
        norm), two places each (two consultants' windows), one place at the cash desk;
        no slot on Saturday."""
        slots = self.center._booking_slots(self.svc_consult, MONDAY)
        self.assertEqual(len(slots), 36)
        self.assertEqual((slots[0][0], slots[-1][0]), (9.0, 17.75))
        self.assertEqual({places for _t, _s, places in slots}, {2})
        # 9:00 in Moscow is 6:00 UTC
        self.assertEqual(str(slots[0][1]), "2026-11-02 06:00:00")
        cash = self.center._booking_slots(self.svc_cash, MONDAY)
        self.assertEqual((len(cash), cash[0][2]), (54, 1))
        self.assertFalse(self.center._booking_slots(self.svc_consult, date(2026, 11, 7)))

    @freeze_time("2026-11-01 12:00:00")
    def test_sc7_no_slot_on_a_holiday_of_the_production_calendar(self):
        """SC-7 / GEN-10: 4 November (Unity Day, a Wednesday) has no slot; 5 November has."""
        calendar = self.env["resource.calendar"].create({"name": "Производственный календарь"})
        self.env["sce.calendar.day"].create(
            {
                "calendar_id": calendar.id,
                "date": date(2026, 11, 4),
                "day_type": "holiday",
                "name": "День народного единства",
            }
        )
        self.env.company.sce_calendar_id = calendar
        self.assertFalse(self.center._booking_slots(self.svc_consult, date(2026, 11, 4)))
        self.assertEqual(len(self.center._booking_slots(self.svc_consult, date(2026, 11, 5))), 36)
        with self.assertRaises(ValidationError):
            self._book(self.operator, self.customer, self.svc_consult, 10.0, day=date(2026, 11, 4))

    @freeze_time("2026-11-01 12:00:00")
    def test_sc1_working_saturday_of_the_production_calendar_opens_slots(self):
        """SC-1 / GEN-10: a Saturday the production calendar makes a working day
        (14 November here) opens the slots of a working day, and can be booked; the
        next, ordinary Saturday stays closed."""
        calendar = self.env["resource.calendar"].create({"name": "Производственный календарь"})
        self.env["sce.calendar.day"].create(
            {
                "calendar_id": calendar.id,
                "date": date(2026, 11, 14),
                "day_type": "working",
                "name": "Рабочая суббота (перенос)",
            }
        )
        self.env.company.sce_calendar_id = calendar
        saturday = self.center._booking_slots(self.svc_consult, date(2026, 11, 14))
        self.assertEqual(len(saturday), 36)
        self.assertEqual((saturday[0][0], saturday[-1][0]), (9.0, 17.75))
        self.assertFalse(self.center._booking_slots(self.svc_consult, date(2026, 11, 21)))
        booking = self._book(
            self.operator, self.customer, self.svc_consult, 9.0, day=date(2026, 11, 14)
        )
        self.assertEqual(str(booking.slot_start), "2026-11-14 06:00:00")

    @freeze_time("2026-11-01 12:00:00")
    def test_sc7_no_double_booking_beyond_the_windows_capacity(self):
        """SC-7: the call center and the administrator book the 10:00 slot; the two
        consultants' windows are then full, a third booking is refused until one is
        cancelled; the free slots no longer list 10:00."""
        first = self._book(self.operator, self.customer, self.svc_consult, 10.0)
        self._book(self.administrator, self.veteran, self.svc_consult, 10.0)
        self.assertEqual(first.state, "booked")
        self.assertEqual(str(first.slot_start), "2026-11-02 07:00:00")
        with self.assertRaises(ValidationError):
            self._book(self.operator, self.customer, self.svc_consult, 10.0)
        probe = (
            self.env["sce.queue.booking"]
            .with_user(self.operator)
            .new({"center_id": self.center.id, "service_id": self.svc_consult.id, "day": MONDAY})
        )
        self.assertTrue(
            probe.free_slots.startswith("09:00 (2), 09:15 (2), 09:30 (2), 09:45 (2), 10:15 (2)")
        )
        first.with_user(self.operator).action_cancel()
        self.assertEqual(first.state, "cancelled")
        self._book(self.operator, self.customer, self.svc_consult, 10.0)
        # the cash desk has one window: one visitor per slot
        self._book(self.operator, self.customer, self.svc_cash, 10.0)
        with self.assertRaises(ValidationError):
            self._book(self.administrator, self.veteran, self.svc_cash, 10.0)

    @freeze_time("2026-11-02 07:30:00")
    def test_sc7_only_slots_of_the_schedule_and_not_in_the_past(self):
        """SC-7: a time between slots, outside the hours or already begun is refused."""
        for slot_time in (10.1, 8.5, 18.0, 10.25):
            with self.assertRaises(ValidationError):
                self._book(self.operator, self.customer, self.svc_consult, slot_time)
        self.assertTrue(self._book(self.operator, self.customer, self.svc_consult, 10.75))

    def test_gen6_booked_visitor_arrives_and_is_called_first(self):
        """GEN-6 / SC-7: on arrival the administrator issues the booked visit's ticket
        with the pre-booked priority: it is called before an earlier ordinary visitor.
        A consultant cannot issue it."""
        with freeze_time("2026-11-01 12:00:00"):
            booking = self._book(self.operator, self.customer, self.svc_consult, 10.25)
        with freeze_time("2026-11-02 07:00:00"):
            ordinary = (
                self.env["sce.queue.ticket"]
                .with_user(self.administrator)
                .create({"center_id": self.center.id, "service_id": self.svc_consult.id})
            )
        with freeze_time("2026-11-02 07:10:00"):
            with self.assertRaises(AccessError):
                booking.with_user(self.consultant).action_arrive()
            action = booking.with_user(self.administrator).action_arrive()
            ticket = self.env["sce.queue.ticket"].browse(action["res_id"])
            called = self.window_consult.with_user(self.consultant).action_call_next()
        self.assertEqual(booking.state, "arrived")
        self.assertEqual(booking.ticket_id, ticket)
        self.assertEqual(
            (ticket.priority_reason, ticket.source, ticket.partner_id),
            ("prebooked", "booking", self.customer),
        )
        self.assertEqual(called["res_id"], ticket.id)
        self.assertEqual(ordinary.state, "waiting")

    def test_sc7_call_center_menu_has_the_bookings_not_the_halls_windows(self):
        """SC-7: the call-center operator reaches the pre-bookings; the windows and the
        hall's tickets stay with the hall staff."""
        visible = self.env["ir.ui.menu"].with_user(self.operator)._visible_menu_ids()
        menu = self.env.ref
        self.assertIn(menu("sce_service_center.sce_queue_booking_menu").id, visible)
        self.assertNotIn(menu("sce_service_center.sce_queue_window_menu_mine").id, visible)
        self.assertNotIn(menu("sce_service_center.sce_queue_ticket_menu").id, visible)
        for user in (self.administrator, self.consultant):
            shown = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertIn(menu("sce_service_center.sce_queue_ticket_menu").id, shown)
        self.assertNotIn(
            menu("sce_service_center.sce_queue_booking_menu").id,
            self.env["ir.ui.menu"].with_user(self.consultant)._visible_menu_ids(),
        )

    @freeze_time("2026-11-01 12:00:00")
    def test_sc6_bookings_of_another_center_are_not_seen_by_its_administrator(self):
        """SC-6: an administrator of another center sees none of this center's bookings;
        the call center sees the bookings of every center."""
        booking = self._book(self.operator, self.customer, self.svc_consult, 11.0)
        stranger = self._sc_user("administrator", login="sce-sc-admin-other", name="Чужой Админ")
        stranger.sce_service_center_ids = self.other_center
        self.assertFalse(self.env["sce.queue.booking"].with_user(stranger).search([]))
        # (demo bookings of other centers aside: the tests do not depend on them)
        ours = [("center_id", "in", (self.center | self.other_center).ids)]
        with self.assertRaises(AccessError):
            booking.with_user(stranger).action_cancel()
        self.assertEqual(
            self.env["sce.queue.booking"].with_user(self.operator).search(ours), booking
        )
        self.assertEqual(
            self.env["sce.queue.booking"].with_user(self.administrator).search(ours), booking
        )


@tagged("post_install", "-at_install")
class TestQueueBookingConcurrency(TransactionCase):
    """SC-7: two operators booking the last place of a slot in concurrent transactions:
    the later one cannot take it (its transaction fails to serialize, so Odoo retries
    the request, which then finds the slot full). Committed data, cleaned up after."""

    def setUp(self):
        super().setUp()
        self.day = date.today() + timedelta(days=7)
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            service = env.ref("sce_service_center.sce_queue_service_cashier")
            center = env["sce.service.center"].create({"name": "ЦОК Бронирование"})
            env["sce.queue.window"].create(
                {"center_id": center.id, "number": "1", "service_ids": [(6, 0, service.ids)]}
            )
            env["sce.service.center.hours"].create(
                [
                    {"center_id": center.id, "weekday": str(d), "hour_from": 9, "hour_to": 18}
                    for d in range(7)
                ]
            )
            partners = env["res.partner"].create(
                [{"name": "Гасиев Руслан"}, {"name": "Цаллаева Мадина"}]
            )
            cr.commit()  # pylint: disable=invalid-commit
        self.center_id, self.service_id, self.partner_ids = center.id, service.id, partners.ids
        self.envs = [
            api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}) for _ in range(2)
        ]
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        for env in self.envs:
            env.cr.rollback()
            env.cr.close()
        with self.env.registry.cursor() as cr:
            cr.execute("DELETE FROM sce_queue_booking WHERE center_id = %s", (self.center_id,))
            cr.execute("DELETE FROM sce_queue_booking_slot WHERE center_id = %s", (self.center_id,))
            cr.execute("DELETE FROM sce_service_center WHERE id = %s", (self.center_id,))
            cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)", (self.partner_ids,))
            cr.commit()  # pylint: disable=invalid-commit

    def _book(self, env, partner_id):
        return env["sce.queue.booking"].create(
            {
                "center_id": self.center_id,
                "service_id": self.service_id,
                "partner_id": partner_id,
                "day": self.day,
                "slot_time": 10.0,
            }
        )

    def test_sc7_concurrent_bookings_never_exceed_the_slot(self):
        first, second = self.envs
        second.cr.execute("SELECT 1")  # the second transaction's snapshot begins
        self._book(first, self.partner_ids[0])
        first.cr.commit()
        with mute_logger("odoo.sql_db"), self.assertRaises(SerializationFailure):
            self._book(second, self.partner_ids[1])
        second.cr.rollback()
        # Odoo's retry of the request: a fresh transaction finds the slot full
        with self.assertRaises(ValidationError):
            self._book(second, self.partner_ids[1])
        second.cr.rollback()
        first.cr.execute(
            "SELECT count(*) FROM sce_queue_booking WHERE center_id = %s", (self.center_id,)
        )
        self.assertEqual(first.cr.fetchone()[0], 1)
