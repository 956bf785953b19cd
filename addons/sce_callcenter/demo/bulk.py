"""Volume data of the call center for benchmarks: ``make bench-data`` after the appeals.

Three calls per appeal of the scale (medium: 3 million calls over three years, the
customer's ~1.5 million a year after the first), written with COPY over the ORM's
template rows (``tools/bulk_sql.py`` of sce_appeals) as ``sce.call._sce_replay_events``
leaves them: state, durations and disposition from the moments of the call; the customer
matched by the E.164 number (one customer: the customer, and the account when it is the
only one; several: the pick list of matched customers); the operator of the extension.
The raw CTI events of the last 30 days are loaded too, one row per event as the API
stores them; older calls keep only their computed state (as after a purge of raw events).

``scripts/bench_data.py`` runs it when sce_callcenter is installed. Deterministic.
"""

import io
import json
import random
from datetime import datetime, time, timedelta

from odoo.addons.sce_appeals.demo.bulk import WEEKDAY_WEIGHT
from odoo.addons.sce_appeals.demo.generator import MSK
from odoo.addons.sce_appeals.tools.bulk_sql import BulkSql

from ..models.sce_call_stats import IVR_PATH_SEPARATOR, OFFERED, SERVICE_LEVEL_SECONDS
from .generator import CALLED_NUMBER, UNKNOWN_AREAS

CALLS_PER_APPEAL = 3
EVENT_DAYS = 30
OPERATORS = {"line1": 24, "line2": 8}
OUTCOMES = (["answered", "missed", "abandoned", "closed_ivr"], [74, 5, 9, 12])


class CallBulkLoader(BulkSql):
    """Loads calls (and recent CTI events) for the customers the appeals loader wrote.

    :param appeals: the ``BulkGenerator`` that loaded the appeals (its scale, moment and
        seed are reused)
    """

    def __init__(self, env, appeals, seed=2026):
        self.env = appeals.env
        self.cr = env.cr
        self.scale = appeals.scale
        self.now = appeals.now
        self.rng = random.Random(seed)
        self.log = appeals.log
        self.calls = 0
        self.events = 0

    def generate(self):
        self._reference()
        self._numbers()
        self._load()
        self.cr.execute("ANALYZE sce_call")
        self.cr.execute("ANALYZE sce_call_event")
        self.env.invalidate_all()
        return self.calls, self.events

    # ------------------------------------------------------------------ reference

    def _reference(self):
        env = self.env
        Source = env["sce.cti.source"]
        self.source = Source.search([("code", "=", "bench-pbx")], limit=1) or Source.create(
            {
                "name": "АТС контакт-центра (нагрузочные данные)",
                "code": "bench-pbx",
                "secret": "bench-secret-of-the-pbx",
            }
        )
        self.operators = {}
        groups = {
            "line1": env.ref("sce_callcenter.group_sce_cc_operator_line1"),
            "line2": env.ref("sce_callcenter.group_sce_cc_operator_line2"),
        }
        users = env["res.users"].with_context(no_reset_password=True)
        for line, count in OPERATORS.items():
            self.operators[line] = []
            for index in range(1, count + 1):
                extension = f"{5 if line == 'line1' else 6}{index:02d}"
                login = f"bench.cc.{extension}"
                user = users.search([("login", "=", login)], limit=1) or users.create(
                    {
                        "name": f"Оператор {'первой' if line == 'line1' else 'второй'} линии "
                        f"{extension}",
                        "login": login,
                        "sce_extension": extension,
                        "groups_id": [(4, groups[line].id)],
                    }
                )
                self.operators[line].append((user.id, extension))
        env.flush_all()

    def _numbers(self):
        """The customers' numbers (E.164) and who answers to each: what the lookup of
        ``_sce_match_customer`` finds."""
        cr = self.cr
        cr.execute(
            """SELECT p.id, p.sce_phone_e164, p.sce_mobile_e164,
                      (SELECT array_agg(a.id) FROM sce_account a WHERE a.partner_id = p.id)
                 FROM res_partner p
                WHERE p.sce_customer_group IS NOT NULL
                  AND (p.sce_phone_e164 IS NOT NULL OR p.sce_mobile_e164 IS NOT NULL)
                ORDER BY p.id"""
        )
        owners, accounts = {}, {}
        for pid, phone, mobile, account_ids in cr.fetchall():
            accounts[pid] = account_ids or []
            for number in {phone, mobile} - {None}:
                owners.setdefault(number, []).append(pid)
        self.owners = owners
        self.accounts = accounts
        self.numbers = sorted(owners)

    # ------------------------------------------------------------------ calls

    def _moments(self, count):
        """Start moments (UTC) of ``count`` calls over the scale's years, weighted by
        weekday and spread over the contact center's hours (8:00-20:00 Moscow)."""
        rng = self.rng
        first = (self.now + MSK).date() - timedelta(days=365 * self.scale.years)
        days = [first + timedelta(days=i) for i in range(365 * self.scale.years)]
        weights = [WEEKDAY_WEIGHT[d.weekday()] for d in days]
        chosen = rng.choices(days, weights, k=count)
        moments = []
        for day in chosen:
            second = int(rng.triangular(8 * 3600, 20 * 3600, 11 * 3600))
            moments.append(datetime.combine(day, time()) + timedelta(seconds=second) - MSK)
        moments.sort()
        return [m for m in moments if m < self.now - timedelta(minutes=15)]

    def _unknown_number(self):
        rng = self.rng
        area = rng.choice(UNKNOWN_AREAS)
        digits = "".join(rng.choice("0123456789") for _ in range(10 - len(area) - 1))
        return f"+7{area}{rng.choice('2345')}{digits}"

    def _steps(self, direction, line):
        """[(event type, seconds after the start, extension or None)]"""
        rng = self.rng
        user_id, extension = rng.choice(self.operators[line])
        if direction == "outbound":
            ring = rng.randint(3, 8)
            steps = [("call_started", 0, extension), ("ringing", ring, extension)]
            if rng.random() < 0.8:
                answer = ring + rng.randint(5, 25)
                steps += [
                    ("answered", answer, extension),
                    ("ended", answer + rng.randint(60, 420), None),
                ]
            else:
                steps.append(("ended", ring + rng.randint(20, 40), None))
            return steps, user_id, extension
        ivr = rng.randint(10, 40)
        steps = [("call_started", 0, None), ("ivr_step", ivr, None)]
        outcome = rng.choices(*OUTCOMES)[0]
        if outcome == "closed_ivr":
            steps.append(("ended", ivr + rng.randint(30, 150), None))
            return steps, None, None
        queued = ivr + rng.randint(2, 5)
        steps.append(("queued", queued, None))
        wait = int(rng.expovariate(1 / 35)) + 3
        if outcome == "abandoned":
            steps.append(("ended", queued + wait, None))
            return steps, None, None
        ring = queued + wait
        steps.append(("ringing", ring, extension))
        if outcome == "missed":
            steps.append(("ended", ring + rng.randint(20, 30), None))
            return steps, user_id, extension
        answer = ring + rng.randint(3, 12)
        steps.append(("answered", answer, extension))
        end = answer + int(rng.lognormvariate(5.2, 0.6))
        if line == "line1" and rng.random() < 0.08:
            user_id, extension = rng.choice(self.operators["line2"])
            steps.append(("transferred", answer + rng.randint(60, 180), extension))
            end += rng.randint(120, 300)
        steps.append(("ended", end, None))
        return steps, user_id, extension

    def _load(self):
        count = self.scale.appeals * CALLS_PER_APPEAL
        moments = self._moments(count)
        env = self.env
        company = env.company.id
        call_template = self._template_row(
            "sce.call",
            {
                "source_id": self.source.id,
                "company_id": company,
                "external_call_id": "template",
                "state": "ended",
            },
        )
        event_template = self._template_row(
            "sce.call.event",
            {
                "source_id": self.source.id,
                "company_id": company,
                "event_id": "template",
                "event_type": "ended",
                "event_time": self.now,
            },
        )
        first_id = self._reserve_ids("sce_call", len(moments))
        events_since = self.now - timedelta(days=EVENT_DAYS)
        events = []
        matched = io.StringIO()
        self.matched = 0
        rng = self.rng

        def rows():
            for index, start in enumerate(moments):
                call_id = first_id + index
                external = f"bench-{start:%Y%m%d}-{index:08d}"
                direction = "outbound" if rng.random() < 0.12 else "inbound"
                known = rng.random() < 0.8
                customer = rng.choice(self.numbers) if known else self._unknown_number()
                line = "line1" if rng.random() < 0.75 else "line2"
                steps, user_id, extension = self._steps(direction, line)
                moments_of = {}
                for event_type, after, _ext in steps:
                    moments_of.setdefault(event_type, start + timedelta(seconds=after))
                end = start + timedelta(seconds=steps[-1][1])
                answer, ringing = moments_of.get("answered"), moments_of.get("ringing")
                queued = moments_of.get("queued")
                if direction == "outbound":
                    caller, called = extension, customer
                else:
                    caller, called = customer, CALLED_NUMBER
                owners = self.owners.get(customer, [])
                partner = owners[0] if len(owners) == 1 else None
                account = None
                if partner and len(self.accounts[partner]) == 1:
                    account = self.accounts[partner][0]
                wait_from = queued or ringing or start
                waited = queued or ringing or answer
                row = {
                    "id": call_id,
                    "external_call_id": external,
                    "direction": direction,
                    "state": "ended",
                    "last_sequence": len(steps),
                    "caller_number": caller,
                    "called_number": called,
                    "customer_phone": customer,
                    "partner_id": partner,
                    "account_id": account,
                    "queue": "line1" if queued else None,
                    "agent_extension": extension,
                    "user_id": user_id,
                    "date_start": start,
                    "date_queued": queued,
                    "date_ringing": ringing,
                    "date_answer": answer,
                    "date_end": end,
                    "wait_duration": int(((answer or end) - wait_from).total_seconds())
                    if waited
                    else 0,
                    "talk_duration": int((end - answer).total_seconds()) if answer else 0,
                    "disposition": "answered"
                    if answer
                    else "missed"
                    if ringing
                    else "abandoned"
                    if queued
                    else "closed_ivr",
                    "create_date": start,
                    "write_date": end,
                }
                row.update(self._stat_values(row, steps, start, end))
                for owner in owners:
                    matched.write(f"{call_id}\t{owner}\n")
                self.matched += len(owners)
                if start >= events_since:
                    for sequence, (event_type, after, ext) in enumerate(steps, start=1):
                        moment = start + timedelta(seconds=after)
                        payload = {
                            "source": self.source.code,
                            "event_id": f"{external}-{sequence}",
                            "call_id": external,
                            "type": event_type,
                            "sequence": sequence,
                            "timestamp": (moment + MSK).isoformat() + "+03:00",
                            "direction": direction,
                            "caller": caller,
                            "called": called,
                        }
                        if ext:
                            payload["agent"] = ext
                        events.append(
                            {
                                "event_id": payload["event_id"],
                                "call_id": call_id,
                                "external_call_id": external,
                                "sequence": sequence,
                                "event_type": event_type,
                                "event_time": moment,
                                "direction": direction,
                                "caller_number": caller,
                                "called_number": called,
                                "queue": "line1" if event_type == "queued" else None,
                                "agent_extension": ext,
                                "payload": json.dumps(payload, ensure_ascii=False),
                                "create_date": moment,
                                "write_date": moment,
                            }
                        )
                yield row

        self.calls = self._copy("sce_call", call_template, rows())
        matched.seek(0)
        self.cr._obj.copy_expert(
            "COPY sce_call_matched_partner_rel (call_id, partner_id) FROM STDIN", matched
        )
        first_event = self._reserve_ids("sce_call_event", len(events)) if events else 0
        for offset, event in enumerate(events):
            event["id"] = first_event + offset
        self.events = self._copy("sce_call_event", event_template, events)
        self.log(f"{'sce_call':<28} {self.calls:>10,} rows  (+{self.matched:,} matched)")
        self.log(f"{'sce_call_event':<28} {self.events:>10,} rows  (last {EVENT_DAYS} days)")

    def _stat_values(self, row, steps, start, end):
        """What the statistics of the call (sce_call_stats.py) store: local day and
        hour, service-level flags, IVR path and time, transfers and line."""
        inbound = row["direction"] == "inbound"
        disposition = row["disposition"]
        local = start + MSK
        left_ivr = next(
            (
                start + timedelta(seconds=after)
                for kind, after, _e in steps
                if kind in ("queued", "ringing", "answered")
            ),
            end,
        )
        transfers = sum(1 for kind, _a, _e in steps if kind == "transferred")
        return {
            "date_day": local.date(),
            "hour": local.hour,
            "answered_in_time": inbound
            and disposition == "answered"
            and row["wait_duration"] <= SERVICE_LEVEL_SECONDS,
            "ivr_only": inbound and disposition == "closed_ivr",
            "offered": inbound and disposition in OFFERED,
            # the bulk IVR steps carry no menu item: the replay shows them as "?"
            "ivr_path": IVR_PATH_SEPARATOR.join("?" for kind, _a, _e in steps if kind == "ivr_step")
            or None,
            "ivr_duration": max(int((left_ivr - start).total_seconds()), 0) if inbound else 0,
            "transfer_count": transfers,
            "is_transferred": bool(transfers),
            "transfer_queue": None,
            "transfer_department": None,
            # an unconfigured queue is on line 1 (sce.call.queue)
            "line": "line1" if row["queue"] else None,
        }

    # ------------------------------------------------------------------ validation

    def validate(self):
        """[(check, offending rows)] of the loaded calls: every count should be 0."""
        checks = {
            "disposition differs from the call's moments": """
                SELECT COUNT(*) FROM sce_call WHERE disposition IS DISTINCT FROM CASE
                    WHEN date_end IS NULL THEN NULL WHEN date_answer IS NOT NULL THEN 'answered'
                    WHEN date_ringing IS NOT NULL THEN 'missed'
                    WHEN date_queued IS NOT NULL THEN 'abandoned' ELSE 'closed_ivr' END""",
            "talk time differs from answer to end": """
                SELECT COUNT(*) FROM sce_call WHERE talk_duration != CASE
                    WHEN date_answer IS NULL THEN 0
                    ELSE GREATEST(EXTRACT(EPOCH FROM date_end - date_answer)::int, 0) END""",
            "customer set though the number is shared or unknown": """
                SELECT COUNT(*) FROM sce_call c
                 WHERE c.partner_id IS NOT NULL AND (
                       SELECT COUNT(*) FROM sce_call_matched_partner_rel r
                        WHERE r.call_id = c.id) != 1""",
            "customer whose number is not the call's": """
                SELECT COUNT(*) FROM sce_call c JOIN res_partner p ON p.id = c.partner_id
                 WHERE c.customer_phone IS DISTINCT FROM p.sce_phone_e164
                   AND c.customer_phone IS DISTINCT FROM p.sce_mobile_e164""",
            "account of another customer": """
                SELECT COUNT(*) FROM sce_call c JOIN sce_account a ON a.id = c.account_id
                 WHERE a.partner_id IS DISTINCT FROM c.partner_id""",
            "operator not the extension's": """
                SELECT COUNT(*) FROM sce_call c JOIN res_users u ON u.id = c.user_id
                 WHERE u.sce_extension IS DISTINCT FROM c.agent_extension""",
            "events not matching their call": """
                SELECT COUNT(*) FROM sce_call_event e JOIN sce_call c ON c.id = e.call_id
                 WHERE e.external_call_id != c.external_call_id OR e.sequence > c.last_sequence""",
        }
        results = []
        for label, query in checks.items():
            self.cr.execute(query)
            results.append((label, self.cr.fetchone()[0]))
        return results
