"""Volume data of the electronic queue for benchmarks: ``make bench-data`` after the
appeals.

A year of served visits in six benchmark centers (a central office and five MRO
centers, with their windows and operators), at the customer's scale (medium: about 550
visitors a working day in all), written with COPY over the ORM's template rows
(``tools/bulk_sql.py`` of sce_appeals) as the workflow leaves them: numbers per center,
day and prefix, one visitor per window at a time, the Table 4 norms of each service, the
stored wait, service and visit minutes, the statistics' norms, share within 60 minutes
and hour of issue, and the timeline of each visit (issued, called, started, finished).
``scripts/bench_data.py`` runs it when sce_service_center is installed. Deterministic.
"""

import random
from datetime import datetime, time, timedelta

import pytz

from odoo.addons.sce_appeals.tools.bulk_sql import BulkSql

from ..models.sce_queue_ticket import _minutes
from ..models.sce_queue_ticket_stats import VISIT_NORM_MINUTES

DAYS = 365
# (name, tier, windows per role, visitors a working day at the customer's scale)
MRO_WINDOWS = {"administrator": 1, "consultant": 2, "cashier": 1}
CENTERS = [
    ("Центральный офис (нагрузочные данные)", "central", {"administrator": 1, "consultant": 6,
                                                           "cashier": 3}, 250),
    ("ЦОК Моздокского МРО (нагрузочные данные)", "mro", MRO_WINDOWS, 60),
    ("ЦОК Алагирского МРО (нагрузочные данные)", "mro", MRO_WINDOWS, 60),
    ("ЦОК Дигорского МРО (нагрузочные данные)", "mro", MRO_WINDOWS, 60),
    ("ЦОК Бесланского МРО (нагрузочные данные)", "mro", MRO_WINDOWS, 60),
    ("ЦОК Ардонского МРО (нагрузочные данные)", "mro", MRO_WINDOWS, 60),
]  # fmt: skip
ROLE_WEIGHTS = {"administrator": 2, "consultant": 5, "cashier": 3}
ROLE_GROUPS = {
    "administrator": "sce_service_center.group_sce_sc_administrator",
    "consultant": "sce_service_center.group_sce_sc_consultant",
    "cashier": "sce_service_center.group_sce_sc_cashier",
}
CUSTOMER_SCALE = 250_000


class QueueBulkLoader(BulkSql):
    """Loads a year of queue tickets and their timelines.

    :param appeals: the ``BulkGenerator`` that loaded the appeals (its scale, moment and
        log are reused)
    """

    def __init__(self, env, appeals, seed=2027):
        self.env = appeals.env
        self.cr = env.cr
        self.scale = appeals.scale
        self.now = appeals.now
        self.log = appeals.log
        self.rng = random.Random(seed)
        self.tickets = 0
        self.events = 0

    def generate(self):
        self._reference()
        self._load()
        self.cr.execute("ANALYZE sce_queue_ticket")
        self.cr.execute("ANALYZE sce_queue_ticket_event")
        self.env.invalidate_all()
        return self.tickets, self.events

    def _reference(self):
        env = self.env
        services = env["sce.queue.service"].search([])
        self.services = {s.serving_role: s for s in services.sorted("sequence")}
        users = env["res.users"].with_context(no_reset_password=True)
        self.centers = []
        for index, (name, tier, windows, visitors) in enumerate(CENTERS, start=1):
            center = env["sce.service.center"].search([("name", "=", name)], limit=1)
            if not center:
                center = env["sce.service.center"].create({"name": name, "tier": tier})
            by_role = {}
            number = 0
            for role, count in windows.items():
                by_role[role] = []
                for _i in range(count):
                    number += 1
                    login = f"bench.sc.{index}.{number}"
                    user = users.search([("login", "=", login)], limit=1) or users.create(
                        {
                            "name": f"Сотрудник ЦОК {index}-{number}",
                            "login": login,
                            "groups_id": [(4, env.ref(ROLE_GROUPS[role]).id)],
                            "sce_service_center_ids": [(4, center.id)],
                        }
                    )
                    window = env["sce.queue.window"].search(
                        [("center_id", "=", center.id), ("number", "=", str(number))], limit=1
                    ) or env["sce.queue.window"].create(
                        {
                            "center_id": center.id,
                            "number": str(number),
                            "user_id": user.id,
                            "service_ids": [(6, 0, self.services[role].ids)],
                        }
                    )
                    by_role[role].append((window.id, user.id))
            share = self.scale.customers / CUSTOMER_SCALE
            self.centers.append((center, by_role, max(2, round(visitors * share))))
        env.flush_all()

    def _load(self):
        env = self.env
        rng = self.rng
        tz = pytz.timezone(env.company.partner_id.tz or "Europe/Moscow")
        first_center = self.centers[0][0]
        some_service = self.services["consultant"]
        ticket_template = self._template_row(
            "sce.queue.ticket",
            {"center_id": first_center.id, "service_id": some_service.id},
        )
        today = (self.now.replace(tzinfo=None) + timedelta(hours=3)).date()
        plan = []  # (center, by_role, day, visitors)
        for day_offset in range(DAYS, 0, -1):
            day = today - timedelta(days=day_offset)
            if day.weekday() == 6:
                continue  # the centers are closed on Sundays
            for center, by_role, visitors in self.centers:
                count = visitors // 2 if day.weekday() == 5 else visitors
                plan.append((center, by_role, day, max(1, int(count * rng.uniform(0.8, 1.2)))))
        total = sum(p[3] for p in plan)
        first_id = self._reserve_ids("sce_queue_ticket", total)
        roles = list(ROLE_WEIGHTS)
        weights = list(ROLE_WEIGHTS.values())
        events = []

        def rows():
            ticket_id = first_id
            for center, by_role, day, visitors in plan:
                opening = tz.localize(datetime.combine(day, time(9, 0))).astimezone(pytz.utc)
                opening = opening.replace(tzinfo=None)
                free_at = {
                    window: opening for windows in by_role.values() for window, _u in windows
                }
                counters = {}
                issues = sorted(
                    opening + timedelta(seconds=rng.randint(0, 9 * 3600)) for _i in range(visitors)
                )
                for issued in issues:
                    role = rng.choices(roles, weights)[0]
                    service = self.services[role]
                    prefix = service.ticket_prefix
                    counters[prefix] = counters.get(prefix, 0) + 1
                    window, user = min(by_role[role], key=lambda w: free_at[w[0]])
                    called = max(issued, free_at[window])
                    called += timedelta(seconds=rng.randint(20, 90))
                    priority = "disabled" if rng.random() < 0.04 else None
                    state = "no_show" if rng.random() < 0.03 else "done"
                    started = finished = None
                    if state == "done":
                        started = called + timedelta(seconds=rng.randint(30, 120))
                        minutes = max(1.0, rng.gauss(service.norm_service_minutes * 0.8, 3))
                        finished = started + timedelta(seconds=int(minutes * 60))
                        free_at[window] = finished
                    else:
                        free_at[window] = called + timedelta(minutes=3)
                    wait = _minutes(issued, called)
                    service_minutes = _minutes(started, finished)
                    visit = _minutes(issued, finished)
                    local_issue = pytz.utc.localize(issued).astimezone(tz)
                    row = {
                        "id": ticket_id,
                        "name": f"{prefix}-{counters[prefix]:03d}",
                        "center_id": center.id,
                        "service_id": service.id,
                        "day": day,
                        "partner_id": None,
                        "priority_reason": priority,
                        "is_priority": bool(priority),
                        "state": state,
                        "issued_at": issued,
                        "first_called_at": called,
                        "called_at": called,
                        "started_at": started,
                        "finished_at": finished,
                        "window_id": window,
                        "operator_id": user,
                        "wait_minutes": wait,
                        "service_minutes": service_minutes,
                        "visit_minutes": visit,
                        "serving_role": role,
                        "norm_wait_minutes": service.norm_wait_minutes,
                        "norm_service_minutes": service.norm_service_minutes,
                        "visit_within_norm": 100.0
                        if state == "done" and visit <= VISIT_NORM_MINUTES
                        else 0.0,
                        "issued_hour": local_issue.hour,
                        "create_date": issued,
                        "write_date": finished or called,
                    }
                    steps = [("issued", issued, None, None), ("called", called, window, user)]
                    if state == "done":
                        steps += [
                            ("started", started, window, user),
                            ("finished", finished, window, user),
                        ]
                    else:
                        steps.append(("no_show", called + timedelta(minutes=3), window, user))
                    for kind, at, event_window, event_user in steps:
                        events.append(
                            {
                                "ticket_id": ticket_id,
                                "kind": kind,
                                "at": at,
                                "service_id": service.id,
                                "window_id": event_window,
                                "user_id": event_user or user,
                                "create_date": at,
                                "write_date": at,
                            }
                        )
                    ticket_id += 1
                    yield row

        self.tickets = self._copy("sce_queue_ticket", ticket_template, rows())
        event_template = self._template_row(
            "sce.queue.ticket.event", {"ticket_id": first_id, "kind": "issued"}
        )
        first_event = self._reserve_ids("sce_queue_ticket_event", len(events))
        for offset, event in enumerate(events):
            event["id"] = first_event + offset
        self.events = self._copy("sce_queue_ticket_event", event_template, events)
        self.log(f"{'sce_queue_ticket':<28} {self.tickets:>10,} rows")
        self.log(f"{'sce_queue_ticket_event':<28} {self.events:>10,} rows")

    def validate(self):
        """[(check, offending rows)] of the loaded visits: every count should be 0."""
        checks = {
            "ticket numbers repeated in a center's day": """
                SELECT COUNT(*) - COUNT(DISTINCT (center_id, day, name)) FROM sce_queue_ticket""",
            "a window serving two visitors at once": """
                SELECT COUNT(*) FROM sce_queue_ticket a JOIN sce_queue_ticket b
                    ON a.window_id = b.window_id AND a.id < b.id AND a.state = 'done'
                   AND b.state = 'done' AND a.day = b.day
                   AND a.started_at < b.finished_at AND b.started_at < a.finished_at""",
            "minutes differing from the moments": """
                SELECT COUNT(*) FROM sce_queue_ticket WHERE state = 'done' AND (
                    ABS(wait_minutes - EXTRACT(EPOCH FROM first_called_at - issued_at) / 60.0)
                        > 0.051
                 OR ABS(visit_minutes - EXTRACT(EPOCH FROM finished_at - issued_at) / 60.0)
                        > 0.051)""",
            "a timeline out of order": """
                SELECT COUNT(*) FROM sce_queue_ticket WHERE state = 'done'
                   AND NOT (issued_at <= first_called_at AND first_called_at <= started_at
                            AND started_at <= finished_at)""",
        }
        results = []
        for label, query in checks.items():
            self.cr.execute(query)
            results.append((label, self.cr.fetchone()[0]))
        return results
