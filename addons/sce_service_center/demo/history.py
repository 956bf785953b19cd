"""Generated demo data of the service centers, beside today's queue (generator.py): a
month of served visits for the statistics (SC-8) and pre-booked visits (SC-7).

The history is bulk data: the tickets of the last 30 days are created in one batch per
center with their times, windows and operators as a morning of the hall would have
them (one visitor per window at a time, Table 4 service times), numbered per day and
prefix, with a consistent timeline. Pre-bookings go through the booking form's code
(slots of the opening hours, capacity of the windows), by the centers' administrators.
Deterministic for a given seed; run by the post_init_hook with demo data only.
"""

import logging
import random
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from psycopg2.extras import execute_values

from odoo import fields

from ..hall_clock import hall_today, hall_tz
from .generator import CENTERS, PRIORITY_REASONS, SERVICE_MINUTES, SERVICE_WEIGHTS, X

_logger = logging.getLogger(__name__)

HISTORY_SEED = 2027
HISTORY_DAYS = 30
# visitors a working day: (low, high) per center key
DAILY_VISITORS = {"central": (18, 32)}
DEFAULT_DAILY_VISITORS = (4, 9)
BOOKING_DAYS = 5
BOOKINGS_PER_DAY = {"central": 4}
DEFAULT_BOOKINGS_PER_DAY = 2


class QueueHistoryGenerator:
    def __init__(self, env, seed=HISTORY_SEED):
        self.env = env
        self.rng = random.Random(seed)
        self.tz = hall_tz(env)
        self.services = {key: env.ref(X + f"sce_queue_service_{key}") for key in SERVICE_WEIGHTS}
        self.keys = {service: key for key, service in self.services.items()}

    def generate(self):
        Counter = self.env["sce.queue.counter"].sudo()
        today = fields.Date.context_today(self.env["sce.queue.ticket"])
        kept = {
            counter.id: counter.last_number for counter in Counter.search([("day", "=", today)])
        }
        total = 0
        for key, issuer, _count, _waiting in CENTERS:
            center = self.env.ref(X + f"sce_service_center_{key}")
            total += self._center(key, center, self.env.ref(issuer))
        # the bulk creation took numbers of today's counters: give them back
        for counter in Counter.search([("day", "=", today)]):
            if counter.id in kept:
                counter.last_number = kept[counter.id]
            else:
                counter.unlink()
        bookings = self._bookings()
        _logger.info(
            "sce_service_center demo: %d visits of the last %d days, %d pre-bookings",
            total,
            HISTORY_DAYS,
            len(bookings),
        )

    def _center(self, key, center, issuer):
        rng = self.rng
        customers = self.env["res.partner"].search(
            [("sce_customer_group", "!=", False), ("sce_home_mro_id", "=", center.mro_id.id)],
            order="id",
        )
        windows = center.window_ids
        keys = [k for k, service in self.services.items() if service in windows.service_ids]
        today = hall_today(self.env)
        vals_list, names = [], []
        for back in range(HISTORY_DAYS, 0, -1):
            day = today - timedelta(days=back)
            if day.weekday() >= 5:
                continue
            low, high = DAILY_VISITORS.get(key, DEFAULT_DAILY_VISITORS)
            opening = self._local(day, 9, 0)
            issued = sorted(
                opening + timedelta(minutes=rng.randint(0, 7 * 60))
                for _i in range(rng.randint(low, high))
            )
            free = {window: opening for window in windows}
            numbers = defaultdict(int)
            for moment in issued:
                service_key = rng.choices(keys, weights=[SERVICE_WEIGHTS[k] for k in keys])[0]
                service = self.services[service_key]
                serving = windows.filtered(lambda w, s=service: s in w.service_ids)
                window = min(serving, key=lambda w: (free[w], w.id))
                called = max(moment, free[window]) + timedelta(minutes=rng.randint(0, 3))
                vals = {
                    "center_id": center.id,
                    "service_id": service.id,
                    "window_id": window.id,
                    "operator_id": window.user_id.id,
                    "issued_at": self._utc_naive(moment),
                    "first_called_at": self._utc_naive(called),
                    "called_at": self._utc_naive(called),
                    "source": "kiosk" if rng.random() < 0.4 else "desk",
                }
                if customers and rng.random() < 0.5:
                    vals["partner_id"] = rng.choice(customers).id
                if rng.random() < 0.08:
                    vals["priority_reason"] = rng.choice(PRIORITY_REASONS)
                if rng.random() < 0.05:
                    end = called + timedelta(minutes=3)
                    vals.update(state="no_show", finished_at=self._utc_naive(end))
                else:
                    started = called + timedelta(minutes=1)
                    low_m, high_m = SERVICE_MINUTES[service_key]
                    end = started + timedelta(minutes=rng.randint(low_m, high_m))
                    vals.update(
                        state="done",
                        started_at=self._utc_naive(started),
                        finished_at=self._utc_naive(end),
                    )
                free[window] = end
                numbers[service.ticket_prefix] += 1
                vals_list.append(vals)
                names.append((f"{service.ticket_prefix}-{numbers[service.ticket_prefix]:03d}", day))
        if not vals_list:
            return 0
        Ticket = self.env["sce.queue.ticket"].sudo()
        tickets = Ticket.with_user(issuer).sudo().create(vals_list)
        tickets.flush_recordset()
        execute_values(
            self.env.cr._obj,
            "UPDATE sce_queue_ticket AS t SET name = v.name, day = v.day::date"
            " FROM (VALUES %s) AS v(id, name, day) WHERE t.id = v.id",
            [(ticket.id, name, day) for ticket, (name, day) in zip(tickets, names, strict=True)],
        )
        tickets.invalidate_recordset(["name", "day"])
        Event = self.env["sce.queue.ticket.event"].sudo()
        Event.search([("ticket_id", "in", tickets.ids)]).unlink()
        events = []
        for ticket, vals in zip(tickets, vals_list, strict=True):
            steps = [("issued", vals["issued_at"], False), ("called", vals["called_at"], True)]
            if vals["state"] == "done":
                steps += [
                    ("started", vals["started_at"], True),
                    ("finished", vals["finished_at"], True),
                ]
            else:
                steps.append(("no_show", vals["finished_at"], True))
            events += [
                {
                    "ticket_id": ticket.id,
                    "kind": kind,
                    "at": at,
                    "service_id": vals["service_id"],
                    "window_id": vals["window_id"] if at_window else False,
                    "user_id": vals["operator_id"] if at_window else issuer.id,
                }
                for kind, at, at_window in steps
            ]
        Event.create(events)
        return len(tickets)

    def _local(self, day, hour, minute):
        return datetime.combine(day, time(hour, minute))

    def _utc_naive(self, local):
        return self.tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _bookings(self):
        """A few visits booked for today's remaining slots and the next working days, by
        the centers' administrators, most of them taken over the phone."""
        rng = self.rng
        bookings = self.env["sce.queue.booking"]
        today = hall_today(self.env)
        now = fields.Datetime.now()
        days = [today + timedelta(days=n) for n in range(BOOKING_DAYS + 3)]
        days = [day for day in days if day.weekday() < 5][: BOOKING_DAYS + 1]
        for key, issuer_xmlid, _count, _waiting in CENTERS:
            center = self.env.ref(X + f"sce_service_center_{key}")
            issuer = self.env.ref(issuer_xmlid)
            customers = self.env["res.partner"].search(
                [("sce_customer_group", "=", "1"), ("sce_home_mro_id", "=", center.mro_id.id)],
                order="id",
                limit=40,
            )
            services = [s for s in self.services.values() if s in center.window_ids.service_ids]
            if not customers or not services:
                continue
            for day in days:
                for _i in range(BOOKINGS_PER_DAY.get(key, DEFAULT_BOOKINGS_PER_DAY)):
                    service = rng.choice(services)
                    slots = [
                        slot_time
                        for slot_time, start, places in center._booking_slots(service, day)
                        if places and start > now
                    ]
                    if not slots:
                        continue
                    bookings |= (
                        self.env["sce.queue.booking"]
                        .with_user(issuer)
                        .create(
                            {
                                "center_id": center.id,
                                "service_id": service.id,
                                "partner_id": rng.choice(customers).id,
                                "day": day,
                                "slot_time": rng.choice(slots),
                                "channel": "call_center" if rng.random() < 0.7 else "desk",
                            }
                        )
                    )
        return bookings
