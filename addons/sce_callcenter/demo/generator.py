"""Generated demo data of the call center: about a month of calls of the demo PBX.

Every call is a series of vendor-neutral CTI events fed through the very methods the CTI
controller calls (``sce.call.event._sce_parse`` then ``sce.call._sce_ingest_event``), so
the calls, their dispositions and the matched customers are what the real code makes of
them. Old calls open no screen pop (context ``sce_no_screen_pop``). A few answered calls
get an appeal registered the way the operator does it (``action_register_appeal``).

This module is no Odoo model: the addon's post_init_hook runs it only when the module is
installed with demo data. It is deterministic for a given seed and day::

    CallDemoGenerator(env, days=30, calls_per_day=12).generate()
"""

import logging
import random
from datetime import datetime, time, timedelta

from odoo import fields

_logger = logging.getLogger(__name__)

DEMO_SEED = 2026
MSK = timedelta(hours=3)  # Europe/Moscow, no daylight saving time
CALLED_NUMBER = "+78672401100"  # the contact center's number
UNKNOWN_AREAS = ["8672", "86736", "86731", "86737", "928", "918", "989"]
APPEAL_SUBJECTS = [  # what the operator types, and the kind of appeal chosen
    ("Нет света в доме", "complaint"),
    ("Перерасчёт за прошлый месяц", "inquiry"),
    ("Замена прибора учёта", "service_request"),
    ("Показания не приняты", "inquiry"),
    ("Ошибка в квитанции", "complaint"),
    ("Переоформление лицевого счёта", "contract"),
    ("Частые отключения электроэнергии", "complaint"),
    ("Запрос акта сверки", "inquiry"),
]


class CallDemoGenerator:
    def __init__(self, env, days=30, calls_per_day=12, seed=DEMO_SEED, today=None):
        self.env = env
        self.days = days
        self.calls_per_day = calls_per_day
        self.rng = random.Random(seed)
        self.today = today or fields.Date.context_today(env["res.users"])
        self.source = env.ref("sce_callcenter.sce_cti_source_demo")
        self.line1 = env.ref("sce_appeals.user_sce_operator")
        self.line2 = env.ref("sce_appeals.user_sce_consultant")
        self.events = 0

    def generate(self):
        numbers = self._customer_numbers()
        calls = self.env["sce.call"]
        serial = 0
        for offset in range(self.days, 0, -1):
            day = self.today - timedelta(days=offset)
            weekend = day.weekday() >= 5
            count = self.calls_per_day // 3 if weekend else self.calls_per_day
            count += self.rng.randint(-2, 2)
            starts = sorted(
                self.rng.randint(8 * 3600, 19 * 3600 + 1800) for _ in range(max(count, 1))
            )
            for second in starts:
                serial += 1
                calls |= self._call(serial, day, second, numbers)
        self.env.flush_all()
        appeals = self._appeals(calls)
        _logger.info(
            "sce_callcenter demo: %d calls from %d CTI events, %d appeals from calls",
            len(calls),
            self.events,
            len(appeals),
        )
        return calls

    def _customer_numbers(self):
        partners = self.env["res.partner"].search(
            [
                ("sce_customer_group", "!=", False),
                "|",
                ("sce_phone_e164", "!=", False),
                ("sce_mobile_e164", "!=", False),
            ],
            order="id",
        )
        return [p.sce_phone_e164 or p.sce_mobile_e164 for p in partners]

    def _unknown_number(self):
        area = self.rng.choice(UNKNOWN_AREAS)
        digits = "".join(self.rng.choice("0123456789") for _ in range(10 - len(area) - 1))
        return f"+7{area}{self.rng.choice('2345')}{digits}"

    def _call(self, serial, day, second, numbers):
        rng = self.rng
        start = datetime.combine(day, time()) + timedelta(seconds=second) - MSK
        known = numbers and rng.random() < 0.82
        customer = rng.choice(numbers) if known else self._unknown_number()
        agent_user = self.line1 if rng.random() < 0.75 else self.line2
        agent = agent_user.sce_extension
        call_id = f"demo-{day:%Y%m%d}-{serial:04d}"
        steps = []  # (type, seconds after start, extra)
        if rng.random() < 0.15:  # a callback from the operator
            direction = "outbound"
            caller, called = agent, customer
            steps.append(("call_started", 0, {"agent": agent}))
            ring = rng.randint(3, 8)
            steps.append(("ringing", ring, {"agent": agent}))
            if rng.random() < 0.8:
                answer = ring + rng.randint(5, 25)
                steps.append(("answered", answer, {"agent": agent}))
                steps.append(("ended", answer + rng.randint(60, 420), {}))
            else:
                steps.append(("ended", ring + rng.randint(20, 40), {}))
        else:
            direction = "inbound"
            caller, called = customer, CALLED_NUMBER
            steps.append(("call_started", 0, {}))
            ivr = rng.randint(10, 40)
            steps.append(("ivr_step", ivr, {"data": {"menu": rng.choice(["1", "2", "3"])}}))
            outcome = rng.choices(
                ["answered", "missed", "abandoned", "closed_ivr"], weights=[70, 8, 10, 12]
            )[0]
            if outcome == "closed_ivr":  # meter readings or balance by the IVR
                steps.append(("ended", ivr + rng.randint(30, 150), {}))
            else:
                queued = ivr + rng.randint(2, 5)
                steps.append(("queued", queued, {"queue": "line1"}))
                wait = rng.randint(10, 240)
                if outcome == "abandoned":
                    steps.append(("ended", queued + wait, {}))
                else:
                    ring = queued + wait
                    steps.append(("ringing", ring, {"agent": agent}))
                    if outcome == "missed":
                        steps.append(("ended", ring + rng.randint(20, 30), {}))
                    else:
                        answer = ring + rng.randint(3, 12)
                        steps.append(("answered", answer, {"agent": agent}))
                        end = answer + rng.randint(60, 600)
                        if agent_user == self.line1 and rng.random() < 0.1:
                            line2 = self.line2.sce_extension
                            steps.append(
                                (
                                    "transferred",
                                    answer + rng.randint(60, 180),
                                    {"agent": line2, "queue": "line2"},
                                )
                            )
                            end += rng.randint(120, 300)
                        steps.append(("ended", end, {}))
        call = self.env["sce.call"]
        Event = self.env["sce.call.event"]
        Call = self.env["sce.call"].with_context(sce_no_screen_pop=True)
        for sequence, (event_type, after, extra) in enumerate(steps, start=1):
            moment = start + timedelta(seconds=after)
            payload = {
                "source": self.source.code,
                "event_id": f"{call_id}-{sequence}",
                "call_id": call_id,
                "type": event_type,
                "sequence": sequence,
                "timestamp": (moment + MSK).isoformat() + "+03:00",
                "direction": direction,
                "caller": caller,
                "called": called,
                **extra,
            }
            _status, call = Call._sce_ingest_event(self.source, Event._sce_parse(payload))
            self.events += 1
        return call

    def _appeals(self, calls):
        """A few answered calls of known customers become appeals, registered by the
        operator who took the call from the call's own form action."""
        candidates = calls.filtered(
            lambda c: c.disposition == "answered"
            and c.direction == "inbound"
            and c.partner_id
            and c.user_id
        )
        appeals = self.env["helpdesk.ticket"]
        for call in self.rng.sample(list(candidates), min(8, len(candidates))):
            context = call.with_user(call.user_id).action_register_appeal()["context"]
            # as the appeal form does: the defaults it shows are sent with what was typed
            Ticket = (
                self.env["helpdesk.ticket"]
                .with_user(call.user_id)
                .with_context(**context, tracking_disable=True, mail_create_nosubscribe=True)
            )
            vals = Ticket.default_get(list(Ticket._fields))
            vals["name"], vals["appeal_kind"] = self.rng.choice(APPEAL_SUBJECTS)
            appeals |= Ticket.create(vals)
        return appeals
