"""Benchmark of the electronic queue's call-next (issue 8, measured as issue 10 asks).

A benchmark center with 50 windows, each with its manager-consultant, and 5,000 tickets
issued today. Call-next as each window's operator (``action_call_next``: the priority
order and ``FOR UPDATE SKIP LOCKED``), p95 over 500 calls, against a plain indexed read
of the same queue (the next ticket by priority and issue time, no lock) as the same
users (target <= 3x). Then 4 operators at 4 windows call, start and finish visitors in
concurrent transactions until the queue of a second center is empty: no ticket lost,
none called twice.

The benchmark centers are committed for the concurrent part and deleted at the end.
Skipped when sce_service_center is not installed in the benchmark database.

Usage: python bench_service_center.py ODOO_CONF DB
"""

# pylint: disable=print-used
# (a benchmark prints its figures: that is its output)
import os
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import odoo
from odoo import fields
from odoo.api import Environment
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_appeals import Bench, save_history, scale_of  # noqa: E402
from bench_callcenter import installed  # noqa: E402

WINDOWS = 50
TICKETS = 5000
CALLS = 500
CONCURRENT_OPERATORS = 4
CONCURRENT_TICKETS = int(os.environ.get("SCE_BENCH_QUEUE_TICKETS", 400))
CONSULTANT = "sce_service_center.group_sce_sc_consultant"


def p95(values):
    values = sorted(values)
    return values[max(int(len(values) * 0.95) - 1, 0)]


def setup(registry):
    """(main center id, concurrency center id): committed benchmark centers with their
    windows, operators and today's tickets."""
    with registry.cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {"tz": "Europe/Moscow"})
        services = env["sce.queue.service"].search([("serving_role", "=", "consultant")])
        group = env.ref(CONSULTANT)
        users = env["res.users"].with_context(no_reset_password=True)
        centers = []
        for name, windows, tickets in (
            ("Нагрузочный ЦОК (call-next)", WINDOWS, TICKETS),
            ("Нагрузочный ЦОК (4 оператора)", CONCURRENT_OPERATORS, CONCURRENT_TICKETS),
        ):
            center = env["sce.service.center"].create({"name": name, "tier": "mro"})
            for number in range(1, windows + 1):
                login = f"bench.sc.{center.id}.{number}"
                user = users.create(
                    {
                        "name": f"Менеджер-консультант {number}",
                        "login": login,
                        "groups_id": [(4, group.id)],
                        "sce_service_center_ids": [(4, center.id)],
                    }
                )
                env["sce.queue.window"].create(
                    {
                        "center_id": center.id,
                        "number": str(number),
                        "user_id": user.id,
                        "service_ids": [(6, 0, services.ids)],
                    }
                )
            start = fields.Datetime.now() - timedelta(hours=8)
            env["sce.queue.ticket"].create(
                [
                    {
                        "center_id": center.id,
                        "service_id": services[i % len(services)].id,
                        "issued_at": start + timedelta(seconds=i * 5),
                        "priority_reason": "disabled" if i % 37 == 0 else False,
                    }
                    for i in range(tickets)
                ]
            )
            centers.append(center.id)
        cr.commit()  # pylint: disable=invalid-commit
        return centers


def teardown(registry, centers):
    with registry.cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {})
        windows = env["sce.queue.window"].search([("center_id", "in", centers)])
        users = windows.user_id
        env["sce.queue.ticket"].search([("center_id", "in", centers)]).unlink()
        env["sce.service.center"].browse(centers).unlink()
        users.unlink()
        cr.commit()  # pylint: disable=invalid-commit


def bench_call_next(bench, center_id):
    def run(env):
        windows = env["sce.queue.window"].search([("center_id", "=", center_id)])
        Ticket = env["sce.queue.ticket"]
        calls, reads = [], []
        for index in range(CALLS):
            window = windows[index % len(windows)]
            user = window.user_id
            as_user = window.with_user(user)
            start = time.perf_counter()
            _next = (
                Ticket.with_user(user)
                .search(
                    [
                        ("center_id", "=", center_id),
                        ("state", "=", "waiting"),
                        ("service_id", "in", window.service_ids.ids),
                    ],
                    order="is_priority desc, issued_at, id",
                    limit=1,
                )
                .ids
            )
            reads.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            action = as_user.action_call_next()
            env.flush_all()
            calls.append((time.perf_counter() - start) * 1000)
            ticket = Ticket.with_user(user).browse(action["res_id"])
            ticket.action_start()
            ticket.action_finish()
        figure, base = p95(calls), p95(reads)
        bench.record(
            "call_next",
            f"call-next, {WINDOWS} windows, {TICKETS:,} tickets today, p95 of {CALLS}",
            figure,
            base,
            "indexed read of the next ticket, p95",
            "<= 3x the baseline",
            unit="ms",
            ok=figure <= 3 * base,
        )

    bench.run(run)


def bench_concurrent(bench, registry, center_id):
    """4 operators in their own transactions until the queue is empty."""
    with registry.cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {})
        windows = env["sce.queue.window"].search([("center_id", "=", center_id)])
        pairs = [(w.id, w.user_id.id) for w in windows]
    called, errors = [], []
    lock = threading.Lock()

    def operator(window_id, user_id):
        while True:
            try:
                with registry.cursor() as cr:
                    env = Environment(cr, user_id, {})
                    action = env["sce.queue.window"].browse(window_id).action_call_next()
                    if action.get("res_model") != "sce.queue.ticket":
                        return  # nobody is waiting
                    ticket = env["sce.queue.ticket"].browse(action["res_id"])
                    ticket.action_start()
                    ticket.action_finish()
                    cr.commit()  # pylint: disable=invalid-commit
                with lock:
                    called.append(action["res_id"])
            except Exception as error:  # noqa: BLE001 - a serialization failure is retried
                if "could not serialize" not in str(error):
                    errors.append(repr(error))
                    return

    start = time.perf_counter()
    threads = [threading.Thread(target=operator, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    with registry.cursor() as cr:
        cr.execute(
            """SELECT COUNT(*) FILTER (WHERE state = 'waiting'),
                      COUNT(*) FILTER (WHERE state = 'done')
                 FROM sce_queue_ticket WHERE center_id = %s""",
            [center_id],
        )
        waiting, done = cr.fetchone()
        cr.execute(
            """SELECT COUNT(*) FROM (
                   SELECT e.ticket_id FROM sce_queue_ticket_event e
                     JOIN sce_queue_ticket t ON t.id = e.ticket_id
                    WHERE t.center_id = %s AND e.kind = 'called'
                    GROUP BY e.ticket_id HAVING COUNT(*) > 1) d""",
            [center_id],
        )
        doubled_events = cr.fetchone()[0]
    doubled = len(called) - len(set(called)) + doubled_events
    lost = CONCURRENT_TICKETS - done
    bench.record(
        "call_next_concurrent",
        f"{CONCURRENT_OPERATORS} operators at once, {CONCURRENT_TICKETS} visitors: "
        f"lost {lost}, doubled {doubled}, left waiting {waiting}"
        + (f", errors {errors[:1]}" if errors else ""),
        len(called) / elapsed,
        None,
        "",
        "no lost or doubled ticket",
        unit="/s",
        higher_is_better=True,
        ok=not lost and not doubled and not waiting and not errors,
    )


def main(conf, db):
    odoo.tools.config.parse_config(["-c", conf])
    registry = Registry(db)
    if not installed(registry, "sce_service_center"):
        print(f"-- sce_service_center is not installed in {db}: queue benchmarks skipped")
        return
    bench = Bench(registry, os.environ.get("SCE_BENCH_LABEL", ""))
    scale = bench.run(scale_of)
    print(f"-- {db}: electronic queue", flush=True)
    centers = setup(registry)
    try:
        if bench.wanted("call_next"):
            bench_call_next(bench, centers[0])
            bench_concurrent(bench, registry, centers[1])
    finally:
        teardown(registry, centers)
    save_history(bench, db, scale)


if __name__ == "__main__":
    main(*sys.argv[1:3])
