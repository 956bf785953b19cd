from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..hall_clock import hall_today, hall_tz

BOOKING_STATES = [
    ("booked", "Booked"),
    ("arrived", "Arrived"),
    ("no_show", "Did not come"),
    ("cancelled", "Cancelled"),
]
BOOKING_CHANNELS = [
    ("call_center", "Call center"),
    ("desk", "Administrator's desk"),
]


def _format_hour(hour):
    minutes = round(hour * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class SceQueueBookingSlot(models.Model):
    """The places taken in one slot of a center and service. Booking takes its place
    with one upsert that locks the row: concurrent bookings of the same slot wait for
    each other (under REPEATABLE READ the later one fails to serialize and Odoo retries
    it, then sees the slot full), and the upsert never exceeds the capacity."""

    _name = "sce.queue.booking.slot"
    _description = "Pre-booking slot"
    _log_access = False

    center_id = fields.Many2one("sce.service.center", required=True, ondelete="cascade")
    service_id = fields.Many2one("sce.queue.service", required=True, ondelete="cascade")
    slot_start = fields.Datetime(required=True)
    booked = fields.Integer(required=True, default=0)

    _sql_constraints = [
        (
            "slot_uniq",
            "UNIQUE(center_id, service_id, slot_start)",
            "One row per center, service and slot.",
        ),
        ("booked_positive", "CHECK(booked >= 0)", "Places taken are zero or more."),
    ]

    def _take(self, center, service, slot_start, capacity):
        """Take a place; False when the slot already has ``capacity`` visitors."""
        self.env.cr.execute(
            """
            INSERT INTO sce_queue_booking_slot (center_id, service_id, slot_start, booked)
            SELECT %(center)s, %(service)s, %(start)s, 1 WHERE %(capacity)s >= 1
            ON CONFLICT (center_id, service_id, slot_start)
            DO UPDATE SET booked = sce_queue_booking_slot.booked + 1
            WHERE sce_queue_booking_slot.booked < %(capacity)s
            RETURNING booked
            """,
            {
                "center": center.id,
                "service": service.id,
                "start": slot_start,
                "capacity": capacity,
            },
        )
        return bool(self.env.cr.fetchone())

    def _release(self, center, service, slot_start):
        self.env.cr.execute(
            """
            UPDATE sce_queue_booking_slot SET booked = booked - 1
            WHERE center_id = %s AND service_id = %s AND slot_start = %s AND booked > 0
            """,
            (center.id, service.id, slot_start),
        )
        self.invalidate_model(["booked"])


class SceQueueBooking(models.Model):
    """A visit booked for a time slot by the call center or the hall administrator
    (SC-7); on arrival it gets a ticket with the pre-booked priority (GEN-6)."""

    _name = "sce.queue.booking"
    _description = "Pre-booked visit"
    _order = "slot_start desc, id desc"

    center_id = fields.Many2one(
        "sce.service.center", string="Service center", required=True, index=True
    )
    service_id = fields.Many2one("sce.queue.service", required=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    day = fields.Date(required=True, default=lambda self: hall_today(self.env))
    slot_time = fields.Float(string="Time", required=True, help="Local time of the slot.")
    slot_start = fields.Datetime(string="Slot", readonly=True, index=True)
    state = fields.Selection(BOOKING_STATES, required=True, default="booked", readonly=True)
    channel = fields.Selection(BOOKING_CHANNELS, required=True, default="desk")
    ticket_id = fields.Many2one("sce.queue.ticket", readonly=True, copy=False)
    note = fields.Char()
    free_slots = fields.Text(
        string="Free slots",
        compute="_compute_free_slots",
        help="The day's slots of the service with free places.",
    )

    @api.depends("center_id", "service_id", "day")
    def _compute_free_slots(self):
        for booking in self:
            if not (booking.center_id and booking.service_id and booking.day):
                booking.free_slots = False
                continue
            slots = booking.center_id._booking_slots(booking.service_id, booking.day)
            free = [f"{_format_hour(t)} ({places})" for t, _start, places in slots if places]
            booking.free_slots = ", ".join(free) or self.env._("No free slot on this day.")

    @api.depends("partner_id", "slot_start", "service_id")
    def _compute_display_name(self):
        tz = hall_tz(self.env)
        for booking in self:
            when = (
                fields.Datetime.context_timestamp(
                    booking.with_context(tz=tz.zone), booking.slot_start
                )
                if booking.slot_start
                else None
            )
            booking.display_name = " · ".join(
                part
                for part in (
                    when and f"{format_date(self.env, when.date())} {when:%H:%M}",
                    booking.service_id.name,
                    booking.partner_id.name,
                )
                if part
            )

    @api.model_create_multi
    def create(self, vals_list):
        Slot = self.env["sce.queue.booking.slot"].sudo()
        for vals in vals_list:
            vals.pop("state", None)
            vals.pop("ticket_id", None)
            center = self.env["sce.service.center"].browse(vals["center_id"])
            service = self.env["sce.queue.service"].browse(vals["service_id"])
            day = fields.Date.to_date(vals.get("day") or hall_today(self.env))
            slot_time = round(vals.get("slot_time") or 0.0, 4)
            if slot_time not in center._booking_slot_times(service, day):
                raise ValidationError(
                    self.env._(
                        "%(time)s is not a slot of %(service)s on %(day)s at %(center)s.",
                        time=_format_hour(slot_time),
                        service=service.name,
                        day=format_date(self.env, day),
                        center=center.name,
                    )
                )
            start = center._booking_slot_start(day, slot_time)
            if start < fields.Datetime.now():
                raise ValidationError(self.env._("The slot has already begun."))
            if not Slot._take(center, service, start, center._booking_capacity(service)):
                raise ValidationError(
                    self.env._(
                        "The slot %(time)s is fully booked: every window of the service "
                        "has its visitor.",
                        time=_format_hour(slot_time),
                    )
                )
            vals["slot_start"] = start
        return super().create(vals_list)

    def write(self, vals):
        frozen = {
            "center_id",
            "service_id",
            "day",
            "slot_time",
            "slot_start",
            "state",
            "ticket_id",
        } & set(vals)
        if frozen and not self.env.su:
            raise UserError(self.env._("To change the slot, cancel the booking and book again."))
        return super().write(vals)

    def _check_state(self, allowed):
        for booking in self:
            if booking.state not in allowed:
                raise UserError(self.env._("The booking is no longer open."))

    def action_cancel(self):
        self._check_state(("booked",))
        Slot = self.env["sce.queue.booking.slot"].sudo()
        for booking in self:
            Slot._release(booking.center_id, booking.service_id, booking.slot_start)
        self.sudo().state = "cancelled"

    def action_no_show(self):
        self._check_state(("booked",))
        self.sudo().state = "no_show"

    def action_arrive(self):
        """The visitor came: a ticket of the booked service with the pre-booked priority
        (GEN-6), issued by the hall administrator."""
        self.ensure_one()
        if not self.env.user.has_group("sce_service_center.group_sce_sc_administrator"):
            raise AccessError(self.env._("The hall administrator issues the ticket."))
        self._check_state(("booked",))
        if self.day != hall_today(self.env):
            raise UserError(self.env._("The visit is booked for another day."))
        ticket = self.env["sce.queue.ticket"].create(
            {
                "center_id": self.center_id.id,
                "service_id": self.service_id.id,
                "partner_id": self.partner_id.id,
                "priority_reason": "prebooked",
            }
        )
        ticket.sudo().source = "booking"
        self.sudo().write({"state": "arrived", "ticket_id": ticket.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "sce.queue.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
        }
