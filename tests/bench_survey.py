"""Benchmark of the passive-feedback planner's daily run (issue 9, FB-4).

The planner's daily run over every customer of the benchmark database (set-based SQL:
one upsert of all entries, the terms moved on, the day's quota picked and invited
through the call center's campaigns) against a per-customer ORM loop making the same
decisions with the same rules (the call center's consent and contact methods, one
search per fact per customer) and writing the same entries. The loop runs on a sample
and is extrapolated to every customer (printed as such); target: the SQL run at least
20 times faster. The loop's decisions on the sample are compared with the SQL run's.

sce_survey is installed (or upgraded) into the benchmark database first, so that the
planner measured is the checkout's. Everything else happens in transactions rolled back.

The survey results (FB-5, CTRL-6) over the year of answers ``make bench-data`` loads
(addons/sce_survey/demo/bulk.py; medium: ~120,000 invitations): the figures of
``sce.survey.result._sce_figures`` per MRO and per channel beside a plain ``_read_group``
count of the same answer sets, and the yearly XLSX beside a naive Python aggregation over
the answer sets and their lines (measured on a sample, extrapolated to the report's two
years). ``SCE_BENCH_ONLY=survey_results`` runs these alone.

Usage: python bench_survey.py ODOO_CONF DB
"""

# pylint: disable=print-used
# (a benchmark prints its figures: that is its output)
import os
import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

import odoo
from odoo import fields
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_appeals import Bench, save_history, scale_of, timed  # noqa: E402

SAMPLE = int(os.environ.get("SCE_BENCH_PLAN_SAMPLE", 2000))
SEED = 20270111
TARGET = 20
INFORMED_CONTRACTS = ("active", "suspended")
OPEN_CAMPAIGNS = ("draft", "running", "paused")
RESULTS_SAMPLE = int(os.environ.get("SCE_BENCH_RESULTS_SAMPLE", 3000))
FIGURES_TARGET = 1.0  # s: a pivot of the year's results, as the appeals' pivot (issue 10)
XLSX_TARGET = 10.0  # s: the yearly workbook
MSK = timedelta(hours=3)


def ensure_addon(conf, db):
    """Install sce_survey into ``db``, or upgrade it to this checkout's code, with the
    call center it extends (its campaigns)."""
    odoo_bin = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
    odoo.tools.config.parse_config(["-c", conf])
    with odoo.sql_db.db_connect(db).cursor() as cr:
        cr.execute(
            "SELECT 1 FROM ir_module_module WHERE name = 'sce_survey' AND state = 'installed'"
        )
        is_installed = bool(cr.fetchone())
    modes = (
        ["-u", "sce_callcenter,sce_survey"]
        if is_installed
        else ["-i", "sce_survey", "-u", "sce_callcenter"]
    )
    print(f"-- sce_survey {'upgraded' if is_installed else 'installed'} in {db}", flush=True)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(odoo_bin),
            "-c",
            conf,
            "-d",
            db,
            *modes,
            "--stop-after-init",
            "--no-http",
            "--log-level=warn",
        ],
        check=True,
    )
    print(f"-- ({time.perf_counter() - start:.0f} s)", flush=True)


def setup(env):
    """The planner of the company with a questionnaire of each kind, every channel
    (an SMS gateway, no PBX: autodial is skipped) and the customers' per-channel
    consents as a personal cabinet would keep them: e-mail for those with an e-mail,
    SMS for every third."""
    surveys = {
        kind: env["survey.survey"].create(
            {"title": f"Нагрузочная анкета ({kind})", "sce_kind": kind, "access_mode": "token"}
        )
        for kind in ("appeal", "visit", "call", "yearly")
    }
    gateway = env["sce.sms.gateway"].create(
        {"name": "Нагрузочный шлюз", "api_url": "http://127.0.0.1:9/sms/send", "api_key": "x"}
    )
    plan = env.ref("sce_survey.sce_survey_plan_main")
    plan.write(
        {
            "survey_appeal_id": surveys["appeal"].id,
            "survey_visit_id": surveys["visit"].id,
            "survey_call_id": surveys["call"].id,
            "survey_yearly_id": surveys["yearly"].id,
            "channel_1": "email",
            "channel_2": "sms",
            "channel_3": "phone",
            "sms_gateway_id": gateway.id,
            "daily_quota": 1000,
            "mro_ids": [(5,)],
        }
    )
    fields_ = env["res.partner"]._fields
    if "sce_inform_email" in fields_:
        env.cr.execute(
            """UPDATE res_partner SET sce_inform_email = email IS NOT NULL,
                                      sce_inform_sms = id % 3 = 0
                WHERE sce_customer_group IS NOT NULL"""
        )
    env.cr.execute("DELETE FROM sce_survey_plan_entry")
    env.flush_all()
    env.invalidate_all()
    return plan


def customers(env):
    env.cr.execute(
        """SELECT p.id FROM res_partner p
            WHERE p.active AND (p.sce_customer_group IS NOT NULL
                  OR EXISTS (SELECT 1 FROM sce_account a WHERE a.partner_id = p.id))
            ORDER BY p.id"""
    )
    return [row[0] for row in env.cr.fetchall()]


def orm_loop(env, plan, partner_ids, now):
    """The same decisions customer by customer with the ORM, entries created one by
    one: what a straightforward implementation does. Returns {partner id: decision}."""
    Account = env["sce.account"]
    Answer = env["survey.user_input"]
    Recipient = env["sce.inform.recipient"]
    Ticket, Visit, Call = env["helpdesk.ticket"], env["sce.queue.ticket"], env["sce.call"]
    Entry = env["sce.survey.plan.entry"]
    campaign = env["sce.inform.campaign"].new({"name": "x", "template": "x"})
    surveys = plan._sce_survey_of_kind()
    channels = Entry._sce_operable_channels(plan)
    since = now - timedelta(days=plan.interaction_days)
    decisions = {}
    for partner in env["res.partner"].browse(partner_ids):
        contract = Account.search(
            [
                ("partner_id", "=", partner.id),
                ("contract_state", "in", INFORMED_CONTRACTS),
            ],
            order="id",
            limit=1,
        )
        reachable, has_contact = [], False
        for channel in channels:
            campaign.channel = channel
            contact = campaign._sce_contact(partner)
            has_contact = has_contact or bool(contact)
            if contact and partner._sce_inform_consented(channel):
                reachable.append(channel)
        if plan.use_preferred_channel and partner.sce_preferred_answer_channel in reachable:
            reachable.insert(0, partner.sce_preferred_answer_channel)
        last = Answer.search(
            [
                ("partner_id", "=", partner.id),
                ("sce_kind", "!=", False),
                ("sce_invite_channel", "!=", False),
                ("test_entry", "=", False),
                ("create_date", "<=", now),
            ],
            order="create_date desc, id desc",
            limit=1,
        )
        pending = Recipient.search_count(
            [
                ("partner_id", "=", partner.id),
                ("campaign_id.purpose", "=", "survey"),
                ("campaign_id.state", "in", OPEN_CAMPAIGNS),
                ("state", "in", ("pending", "sending")),
            ]
        )
        found = [
            ("appeal", rec.date_answered, rec)
            for rec in Ticket.search(
                [
                    ("partner_id", "=", partner.id),
                    ("date_answered", ">", since),
                    ("date_answered", "<=", now),
                ],
                order="date_answered desc",
                limit=1,
            )
        ]
        found += [
            ("visit", rec.finished_at, rec)
            for rec in Visit.search(
                [
                    ("partner_id", "=", partner.id),
                    ("state", "=", "done"),
                    ("finished_at", ">", since),
                    ("finished_at", "<=", now),
                ],
                order="finished_at desc",
                limit=1,
            )
        ]
        found += [
            ("call", rec.date_answer, rec)
            for rec in Call.search(
                [
                    ("partner_id", "=", partner.id),
                    ("date_answer", ">", since),
                    ("date_answer", "<=", now),
                    ("user_id", "!=", False),
                ],
                order="date_answer desc",
                limit=1,
            )
        ]
        fresh = max(found, key=lambda f: f[1]) if found else None
        if fresh and last and fresh[1] <= last.create_date or fresh and not surveys[fresh[0]]:
            fresh = None
        kind = fresh[0] if fresh else "yearly"
        survey = surveys[kind]
        term = (last.create_date if last else now) + relativedelta(months=plan.term_months)
        if not contract:
            reason = "no_contract"
        elif not partner.sce_consent_date:
            reason = "no_consent"
        elif not has_contact:
            reason = "no_contact"
        elif not reachable:
            reason = "no_channel_consent"
        elif not survey:
            reason = "no_questionnaire"
        else:
            reason = False
        if reason:
            state = "blocked"
        elif pending:
            state = "planned"
        elif last and last.create_date + relativedelta(months=plan.rest_months) > now:
            state = "resting"
        elif not last or fresh or term <= now + timedelta(days=plan.due_lead_days):
            state = "to_ask"
        else:
            state = "waiting"
        decision = {
            "state": state,
            "block_reason": reason,
            "kind": kind,
            "channel": reachable[0] if reachable else False,
        }
        decisions[partner.id] = decision
        Entry.create(
            dict(
                decision,
                plan_id=plan.id,
                partner_id=partner.id,
                mro_id=(contract.mro_id or partner.sce_home_mro_id).id,
                account_id=contract.id,
                survey_id=survey.id,
                date_first_seen=now,
                date_last_invited=last.create_date if last else False,
                date_term=term,
            )
        )
    env.flush_all()
    return decisions


def bench_plan(bench):
    sample = {}

    def loop(env):
        plan = setup(env)
        ids = customers(env)
        random.seed(SEED)
        chosen = sorted(random.sample(ids, min(SAMPLE, len(ids))))
        now = fields.Datetime.now()
        start = time.perf_counter()
        sample["decisions"] = orm_loop(env, plan, chosen, now)
        sample["seconds"] = time.perf_counter() - start
        sample["total"] = len(ids)

    def run(env):
        plan = setup(env)
        Entry = env["sce.survey.plan.entry"]
        now = fields.Datetime.now()
        start = time.perf_counter()
        campaigns = Entry._sce_plan_day(plan, now=now)
        env.flush_all()
        first = time.perf_counter() - start
        env.cr.execute(
            "SELECT partner_id, state, date_planned IS NOT NULL, block_reason, kind, channel "
            "FROM sce_survey_plan_entry WHERE partner_id = ANY(%s)",
            [list(sample["decisions"])],
        )
        differ = 0
        for partner_id, state, picked, reason, kind, channel in env.cr.fetchall():
            got = {
                "state": "to_ask" if picked else state,
                "block_reason": reason or False,
                "kind": kind,
                "channel": channel or False,
            }
            differ += got != sample["decisions"][partner_id]
        env.cr.execute(
            "SELECT count(*), count(*) FILTER (WHERE state = 'blocked') FROM "
            "sce_survey_plan_entry"
        )
        entries, blocked = env.cr.fetchone()
        invited = sum(len(c.recipient_ids) for c in campaigns.values())
        start = time.perf_counter()
        Entry._sce_plan_day(plan, now=now + timedelta(days=1))
        env.flush_all()
        steady = time.perf_counter() - start
        return first, steady, differ, entries, blocked, invited

    bench.run(loop)
    first, steady, differ, entries, blocked, invited = bench.run(run)
    per_customer = sample["seconds"] / len(sample["decisions"])
    baseline = per_customer * sample["total"]
    note = (
        f"ORM loop measured on {len(sample['decisions']):,} customers "
        f"({sample['seconds']:.1f} s) and extrapolated to {sample['total']:,}; "
        f"{entries:,} entries, {blocked:,} blocked, {invited:,} invited; "
        f"decisions differing on the sample: {differ}"
    )
    bench.record(
        "survey_plan_first",
        f"feedback planner, first daily run over {sample['total']:,} customers",
        first,
        baseline,
        "per-customer ORM loop, extrapolated",
        f"{TARGET}x faster",
        ratio=baseline / first,
        ok=baseline / first >= TARGET,
        note=note,
    )
    bench.record(
        "survey_plan_daily",
        "feedback planner, next day's run (unchanged entries not written)",
        steady,
        baseline,
        "per-customer ORM loop, extrapolated",
        f"{TARGET}x faster",
        ratio=baseline / steady,
        ok=baseline / steady >= TARGET,
    )


def naive_figures(answers):
    """The results' figures computed the straightforward way: each answer set's lines
    read through the ORM, shares per indicator summed per MRO and channel in Python."""
    groups = {}
    for answer in answers:
        shares = {}
        if answer.state == "done":
            for line in answer.user_input_line_ids:
                indicator = line.question_id.sce_indicator
                if indicator and not line.skipped:
                    best = max(line.question_id.suggested_answer_ids.mapped("answer_score"))
                    total = shares.setdefault(indicator, [0.0, 0.0])
                    total[0] += line.answer_score
                    total[1] += best
        for key in (("mro", answer.sce_mro_id.id), ("channel", answer.sce_channel_id.id)):
            group = groups.setdefault(key, {"invited": 0, "answered": 0, "shares": {}})
            group["invited"] += 1
            group["answered"] += answer.state == "done"
            for indicator, (score, best) in shares.items():
                if best:
                    group["shares"].setdefault(indicator, []).append(score / best)
    return groups


def bench_results(bench):
    def run(env):
        cr = env.cr
        cr.execute(
            """SELECT COUNT(*), MAX(create_date) FROM survey_user_input
                WHERE sce_kind IS NOT NULL AND sce_invite_channel IS NOT NULL"""
        )
        count, last = cr.fetchone()
        if not count:
            print(
                f"-- {count} survey answers: no survey results measured "
                "(make bench-data loads a year of them)",
                flush=True,
            )
            return
        Result, Answer = env["sce.survey.result"], env["survey.user_input"]
        today = (last + MSK).date()
        domain = Result._sce_period_domain(today - timedelta(days=364), today)
        answer_domain = [
            ("create_date", ">=", domain[0][2]),
            ("create_date", "<", domain[1][2]),
            ("sce_kind", "!=", False),
            ("sce_kind", "!=", "audit"),
            ("test_entry", "=", False),
        ]
        in_year = Answer.search_count(answer_domain)
        Result._sce_figures(domain, ["mro_id"])  # warm the caches
        for key, groupby, answer_groupby, label in (
            ("survey_results_mro", "mro_id", "sce_mro_id", "MRO"),
            ("survey_results_channel", "channel_id", "sce_channel_id", "channel"),
        ):
            baseline, _rows = timed(
                lambda g=answer_groupby: Answer._read_group(answer_domain, [g], ["__count"])
            )
            figure, rows = timed(lambda g=groupby: Result._sce_figures(domain, [g]))
            bench.record(
                key,
                f"survey results per {label}, a year ({in_year:,} invitations)",
                figure,
                baseline,
                "plain read_group count of the answer sets",
                FIGURES_TARGET,
                note=f"{len(rows)} groups, 8 figures each",
            )
        year = today.year
        wizard = env["sce.survey.report.wizard"].create({"year": year})
        report = env.ref("sce_survey.action_report_sce_survey_yearly_xlsx")
        xlsx, _ = timed(lambda: env["ir.actions.report"]._render_xlsx(report, wizard.ids, None))
        two_years = wizard._sce_year_domain(year - 1)[:1] + wizard._sce_year_domain(year)[1:]
        report_domain = [
            ("create_date", ">=", two_years[0][2]),
            ("create_date", "<", two_years[1][2]),
            ("sce_kind", "!=", False),
            ("sce_kind", "!=", "audit"),
            ("test_entry", "=", False),
        ]
        ids = Answer.search(report_domain, order="id").ids
        random.seed(SEED)
        chosen = sorted(random.sample(ids, min(RESULTS_SAMPLE, len(ids))))
        env.invalidate_all()
        seconds, _groups = timed(lambda: naive_figures(Answer.browse(chosen)))
        baseline = seconds / len(chosen) * len(ids)
        bench.record(
            "survey_results_xlsx",
            f"yearly survey report XLSX, {year} beside {year - 1}",
            xlsx,
            baseline,
            "naive Python aggregation of answers and lines, extrapolated",
            XLSX_TARGET,
            ratio=baseline / xlsx,
            ok=xlsx <= XLSX_TARGET,
            note=f"naive loop measured on {len(chosen):,} answer sets ({seconds:.1f} s) "
            f"and extrapolated to the report's {len(ids):,}",
        )

    bench.run(run)


def main(conf, db):
    if os.environ.get("SCE_BENCH_ONLY") and not any(
        "survey_plan".startswith(p) or p.startswith("survey")
        for p in os.environ["SCE_BENCH_ONLY"].split(",")
    ):
        return
    ensure_addon(conf, db)
    odoo.tools.config.parse_config(["-c", conf])
    registry = Registry.new(db)
    bench = Bench(registry, os.environ.get("SCE_BENCH_LABEL", ""))
    scale = bench.run(scale_of)
    print(f"-- {db}: " + ", ".join(f"{k} {v:,}" for k, v in scale.items()), flush=True)
    if bench.wanted("survey_plan"):
        bench_plan(bench)
    if bench.wanted("survey_results"):
        bench_results(bench)
    save_history(bench, db, scale)


if __name__ == "__main__":
    main(*sys.argv[1:3])
