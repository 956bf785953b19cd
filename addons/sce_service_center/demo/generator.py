"""Generated demo data of the service centers: today's electronic queue.

The tickets are issued by the hall administrator (an MRO center's client department
issues its own), called to the windows by their operators and started, finished or
marked as no-show through the workflow methods the buttons call, so numbering, priority
and the timeline are the real code's. The steps all happen within the install; afterwards
their times are spread over the last hours of the day (issue order and each window's
sequence kept) so that waits and service times look like a working morning.

This module is no Odoo model: the addon's post_init_hook runs it only when the module is
installed with demo data. It is deterministic for a given seed::

    QueueDemoGenerator(env).generate()
"""

import logging
import random
from datetime import datetime, time, timedelta

from odoo import fields

_logger = logging.getLogger(__name__)

DEMO_SEED = 2026
MSK = timedelta(hours=3)
X = "sce_service_center."
# center key, issuer xmlid, tickets issued today, tickets left waiting
CENTERS = [
    ("central", X + "user_sc_administrator", 28, 6),
    ("mozdok", "sce_appeals.user_sce_mro_mozdok", 9, 2),
    ("alagir", "sce_appeals.user_sce_mro_alagir", 6, 1),
    ("digora", "sce_appeals.user_sce_mro_digora", 5, 1),
    ("beslan", "sce_appeals.user_sce_mro_beslan", 8, 2),
    ("ardon", "sce_appeals.user_sce_mro_ardon", 6, 1),
]
SERVICE_WEIGHTS = {"administrator": 2, "consultant": 5, "cashier": 3}
PRIORITY_REASONS = ["veteran", "disabled", "socially_vulnerable", "prebooked"]
SERVICE_MINUTES = {"administrator": (2, 7), "consultant": (8, 22), "cashier": (4, 12)}
TIME_FIELDS = {
    "issued": "issued_at",
    "called": "called_at",
    "started": "started_at",
    "finished": "finished_at",
    "no_show": "finished_at",
}


class QueueDemoGenerator:
    def __init__(self, env, seed=DEMO_SEED):
        self.env = env
        self.rng = random.Random(seed)
        self.services = {key: env.ref(X + f"sce_queue_service_{key}") for key in SERVICE_WEIGHTS}
        self.service_keys = {service: key for key, service in self.services.items()}

    def generate(self):
        tickets = self.env["sce.queue.ticket"]
        for key, issuer, count, waiting in CENTERS:
            center = self.env.ref(X + f"sce_service_center_{key}")
            tickets |= self._center(center, issuer, count, waiting)
        _logger.info("sce_service_center demo: %d queue tickets today", len(tickets))
        return tickets

    def _customers(self, center):
        return self.env["res.partner"].search(
            [("sce_customer_group", "!=", False), ("sce_home_mro_id", "=", center.mro_id.id)],
            order="id",
        )

    def _center(self, center, issuer_xmlid, count, waiting):
        rng = self.rng
        issuer = self.env.ref(issuer_xmlid)
        customers = self._customers(center)
        windows = center.window_ids
        keys = [k for k, service in self.services.items() if service in windows.service_ids]
        Ticket = self.env["sce.queue.ticket"].with_user(issuer)
        issued = Ticket.browse()
        for _i in range(count):
            service = rng.choices(keys, weights=[SERVICE_WEIGHTS[k] for k in keys])[0]
            vals = {"center_id": center.id, "service_id": self.services[service].id}
            if customers and rng.random() < 0.5:
                vals["partner_id"] = rng.choice(customers).id
            if rng.random() < 0.08:
                vals["priority_reason"] = rng.choice(PRIORITY_REASONS)
            issued |= Ticket.create(vals)
        # Serve until only `waiting` tickets wait; the last visitor of each window stays
        # at the window (called or being served), as the hall board shows.
        plan = {}  # ticket -> (window, outcome) in call order
        to_serve = count - waiting
        idle = set()
        while len(plan) < to_serve and len(idle) < len(windows):
            for window in windows:
                if len(plan) >= to_serve or window in idle:
                    continue
                operator_window = window.with_user(window.user_id)
                current = self.env["sce.queue.ticket"].search(
                    [("window_id", "=", window.id), ("state", "in", ("called", "serving"))]
                )
                self._close(current.with_user(window.user_id))
                action = operator_window.action_call_next()
                if action.get("res_model") != "sce.queue.ticket":
                    idle.add(window)
                    continue
                ticket = self.env["sce.queue.ticket"].browse(action["res_id"])
                if rng.random() < 0.07:
                    ticket.with_user(window.user_id).action_no_show()
                    plan[ticket] = (window, "no_show")
                    continue
                ticket.with_user(window.user_id).action_start()
                plan[ticket] = (window, "serving")
        self._close_some(windows)
        self._spread_times(issued, plan)
        return issued

    def _close(self, ticket):
        if ticket.state == "serving":
            ticket.action_finish()
        elif ticket.state == "called":
            ticket.action_start()
            ticket.action_finish()

    def _close_some(self, windows):
        """Some windows have just finished with their last visitor."""
        for window in windows:
            current = self.env["sce.queue.ticket"].search(
                [("window_id", "=", window.id), ("state", "=", "serving")]
            )
            if current and self.rng.random() < 0.3:
                current.with_user(window.user_id).action_finish()

    def _spread_times(self, tickets, plan):
        """Spread the steps, all made within the install, over a morning that ends now:
        issue times in issue order, each window serving its visitors one after another."""
        rng = self.rng
        now = fields.Datetime.now().replace(microsecond=0)
        # stay within today, in UTC and in Moscow time
        midnight = max(
            datetime.combine(now.date(), time()),
            datetime.combine((now + MSK).date(), time()) - MSK,
        )
        span = min(timedelta(hours=3), max(now - midnight - timedelta(minutes=5), timedelta(0)))
        start = now - span
        times = {}
        step = span / (len(tickets) + 1)
        for i, ticket in enumerate(tickets.sorted("id")):
            times[ticket] = {"issued": start + step * i}
        free = {}
        for ticket, (window, _outcome) in plan.items():
            moments = times[ticket]
            called = max(free.get(window, start), moments["issued"]) + timedelta(
                minutes=rng.randint(1, 4)
            )
            moments["called"] = called
            if ticket.state == "no_show":
                moments["no_show"] = called + timedelta(minutes=3)
                free[window] = moments["no_show"]
                continue
            moments["started"] = called + timedelta(minutes=1)
            low, high = SERVICE_MINUTES[self.service_keys[ticket.service_id]]
            end = moments["started"] + timedelta(minutes=rng.randint(low, high))
            if ticket.state == "done":
                moments["finished"] = end
            free[window] = end
        latest = max(m for moments in times.values() for m in moments.values())
        scale = span / (latest - start) if latest > now and latest > start else 1

        def place(moment):
            return (start + (moment - start) * scale).replace(microsecond=0)

        Event = self.env["sce.queue.ticket.event"]
        for ticket, moments in times.items():
            vals = {"issued_at": place(moments["issued"])}
            if "called" in moments:
                vals["first_called_at"] = vals["called_at"] = place(moments["called"])
            for kind in ("started", "finished", "no_show"):
                if kind in moments:
                    vals[TIME_FIELDS[kind]] = place(moments[kind])
            ticket.sudo().write(vals)
            events = Event.sudo().search([("ticket_id", "=", ticket.id)])
            for event in events:
                field = TIME_FIELDS.get(event.kind)
                if field and vals.get(field):
                    event.at = vals[field]
