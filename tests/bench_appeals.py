"""Benchmarks of sce_appeals hot paths, each beside a baseline measured in the same run.

Run with `make bench` (scripts/bench.sh). Everything happens in one transaction that is
rolled back. Figures are printed, never asserted: these machines are noisy.

Usage: python bench_appeals.py ODOO_CONF DB
"""

# pylint: disable=print-used
# (a benchmark prints its figures: that is its output)
import sys
import time
from datetime import timedelta

import odoo
from odoo import fields
from odoo.api import Environment
from odoo.modules.registry import Registry

N_TICKETS = 500
N_OPEN = 5000
N_PARTNERS = 10000
FAST = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}


def timed(label, func, count):
    start = time.perf_counter()
    func()
    elapsed = time.perf_counter() - start
    print(f"{label:<62} {elapsed:8.3f} s  {count / elapsed:10.0f} /s")
    return elapsed


def bench_create(env):
    post = env.ref("sce_appeals.helpdesk_ticket_channel_post")
    plain_team = env["helpdesk.ticket.team"].create({"name": "Bench plain team"})
    tickets = env["helpdesk.ticket"].with_context(**FAST)
    print(f"-- creating {N_TICKETS} tickets in one create() call")
    timed(
        "baseline: helpdesk_mgmt tickets (no channel, no deadlines)",
        lambda: tickets.create(
            [
                {"name": f"b{i}", "description": "x", "team_id": plain_team.id}
                for i in range(N_TICKETS)
            ]
        ),
        N_TICKETS,
    )
    timed(
        "appeals: post complaints with deadlines and routing",
        lambda: tickets.create(
            [
                {
                    "name": f"a{i}",
                    "description": "x",
                    "channel_id": post.id,
                    "appeal_kind": "complaint",
                }
                for i in range(N_TICKETS)
            ]
        ),
        N_TICKETS,
    )


def bench_cron(env):
    post = env.ref("sce_appeals.helpdesk_ticket_channel_post")
    now = fields.Datetime.now()
    env.cr.execute(
        """
        INSERT INTO helpdesk_ticket (name, description, number, company_id, channel_id,
               appeal_kind, active, date_received, deadline_answer, deadline_state, priority)
        SELECT 'bench ' || g, 'x', 'B-' || g, %s, %s, 'inquiry', true, %s,
               %s + (g || ' minutes')::interval, 'on_track', '1'
          FROM generate_series(1, %s) g
        """,
        [env.company.id, post.id, now, now + timedelta(days=3), N_OPEN],
    )
    env.invalidate_all()
    print(f"-- {N_OPEN} open appeals, none due")
    timed(
        "baseline: count the open appeals",
        lambda: env["helpdesk.ticket"].search_count([("date_answered", "=", False)]),
        N_OPEN,
    )
    timed(
        "cron: deadline states, reminders, escalations",
        env["helpdesk.ticket"]._cron_sce_deadlines,
        N_OPEN,
    )


def bench_caller_lookup(env):
    env.cr.execute(
        """
        INSERT INTO res_partner (name, phone, sce_phone_e164, active, type, lang)
        SELECT 'bench ' || g, '+7918' || lpad(g::text, 7, '0'), '+7918' || lpad(g::text, 7, '0'),
               true, 'contact', 'ru_RU'
          FROM generate_series(1, %s) g
        """,
        [N_PARTNERS],
    )
    env["res.partner"].invalidate_model()
    env.cr.execute("ANALYZE res_partner")
    numbers = [f"8 918 {i:07d}" for i in range(1, N_PARTNERS, N_PARTNERS // 200)]
    print(f"-- caller lookup among {N_PARTNERS} partners, {len(numbers)} calls")
    timed(
        "baseline: ilike on the raw phone column",
        lambda: [env["res.partner"].search([("phone", "ilike", n[-7:])], limit=1) for n in numbers],
        len(numbers),
    )
    timed(
        "sce_find_by_phone: E.164 on the indexed column",
        lambda: [env["res.partner"]._sce_find_by_phone(n) for n in numbers],
        len(numbers),
    )


def main(conf, db):
    odoo.tools.config.parse_config(["-c", conf])
    with Registry(db).cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            bench_create(env)
            bench_cron(env)
            bench_caller_lookup(env)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main(*sys.argv[1:3])
