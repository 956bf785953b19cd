"""Generated demo operator states (CC-3, CC-7 item 15): the working days of the demo
operators as agent-status events of the demo PBX, fed through the same ingestion as the
PBX's (``sce.call.event._sce_parse`` then ``sce.call._sce_ingest_event``).

A day: available from 08:00, short spells busy and in after-call work, lunch break at
13:00, offline at the end of the shift (line 1 at 17:00, line 2 at 18:00), Vladikavkaz
time; today the operators are at work (line 1 available, line 2 on a break)::

    OperatorStateDemoGenerator(env, days=30).generate()
"""

import random
from datetime import datetime, time, timedelta

from odoo import fields

DEMO_SEED = 2027
MSK = timedelta(hours=3)  # Europe/Moscow, no daylight saving time


class OperatorStateDemoGenerator:
    def __init__(self, env, days=30, seed=DEMO_SEED, today=None):
        self.env = env
        self.days = days
        self.rng = random.Random(seed)
        self.today = today or fields.Date.context_today(env["res.users"])
        self.source = env.ref("sce_callcenter.sce_cti_source_demo")
        self.operators = [
            (env.ref("sce_appeals.user_sce_operator"), 17),
            (env.ref("sce_appeals.user_sce_consultant"), 18),
        ]
        self.events = 0

    def generate(self):
        for offset in range(self.days, 0, -1):
            day = self.today - timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            for user, shift_end in self.operators:
                self._day(user, day, shift_end)
        now = fields.Datetime.now()
        line1, line2 = (user for user, _end in self.operators)
        self._status(line1, now - timedelta(minutes=20), "available")
        self._status(line2, now - timedelta(minutes=5), "break")
        return self.events

    def _day(self, user, day, shift_end):
        rng = self.rng
        moment = datetime.combine(day, time(8, 0)) - MSK
        lunch = datetime.combine(day, time(13, 0)) - MSK
        end = datetime.combine(day, time(shift_end, 0)) - MSK
        self._status(user, moment, "available")
        lunch_taken = False
        while True:
            moment += timedelta(minutes=rng.randint(15, 50))
            if not lunch_taken and moment >= lunch:
                self._status(user, moment, "break")
                moment += timedelta(minutes=45)
                self._status(user, moment, "available")
                lunch_taken = True
                continue
            talk, wrap_up = rng.randint(90, 480), rng.randint(20, 120)
            if moment + timedelta(seconds=talk + wrap_up) >= end:
                break
            self._status(user, moment, "busy")
            moment += timedelta(seconds=talk)
            self._status(user, moment, "acw")
            moment += timedelta(seconds=wrap_up)
            self._status(user, moment, "available")
        self._status(user, end, "offline")

    def _status(self, user, moment, status):
        self.events += 1
        payload = {
            "source": self.source.code,
            "event_id": f"demo-agent-{user.sce_extension}-{self.events}",
            "type": "agent_status",
            "sequence": self.events,
            "timestamp": (moment + MSK).replace(microsecond=0).isoformat() + "+03:00",
            "agent": user.sce_extension,
            "data": {"status": status},
        }
        Call = self.env["sce.call"].with_context(sce_no_screen_pop=True)
        Call._sce_ingest_event(self.source, self.env["sce.call.event"]._sce_parse(payload))
