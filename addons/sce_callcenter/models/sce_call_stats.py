import json

import pytz

from odoo import api, fields, models
from odoo.tools.sql import column_exists, create_column, table_exists

from .sce_call_queue import LINES

# CC-3 (Table 5 of the standard): a call is answered in time within 40 s of waiting
SERVICE_LEVEL_SECONDS = 40
IVR_PATH_SEPARATOR = " › "
OFFERED = ("answered", "missed", "abandoned")
DEFAULT_TZ = "Europe/Moscow"  # Vladikavkaz


def _share(part, whole):
    return round(100.0 * part / whole, 1) if whole else None


def _mean(total, count):
    return round(total / count, 1) if count else None


class SceCallEvent(models.Model):
    _inherit = "sce.call.event"

    def _sce_data(self):
        """The event's ``data`` object as the PBX sent it ({} when none or unreadable)."""
        self.ensure_one()
        try:
            data = json.loads(self.payload or "{}").get("data")
        except (ValueError, AttributeError):
            return {}
        return data if isinstance(data, dict) else {}

    def _sce_ivr_node(self):
        """The IVR menu item of an ivr_step event: ``data.node`` of the neutral API, the
        digits (or the menu's name) of a Zadarma NOTIFY_IVR; "?" when the PBX says nothing."""
        data = self._sce_data()
        node = data.get("node") or data.get("menu")
        if node in (None, ""):
            dtmf = data.get("wait_dtmf") if isinstance(data.get("wait_dtmf"), dict) else {}
            node = dtmf.get("digits") or dtmf.get("name")
        return str(node)[:64] if node not in (None, "") else "?"


class SceCall(models.Model):
    """Statistics of calls (CC-3, CC-5, CC-6): what the lists group by, stored, and the
    IVR path and transfers rebuilt with the call from its events."""

    _inherit = "sce.call"  # pylint: disable=consider-merging-classes-inherited

    ivr_path = fields.Char(
        string="IVR path",
        readonly=True,
        help="The IVR menu items the caller went through, in order.",
    )
    ivr_duration = fields.Integer(
        string="Time in IVR (s)",
        readonly=True,
        help="Of an inbound call: from the start to leaving the IVR for the queue, an "
        "operator or the end of the call.",
    )
    transfer_count = fields.Integer(string="Transfers", readonly=True)
    is_transferred = fields.Boolean(string="Transferred", readonly=True, index=True)
    transfer_queue = fields.Char(
        string="Transferred to queue", readonly=True, help="The queue of the last transfer."
    )
    transfer_department = fields.Char(
        string="Transferred to department",
        readonly=True,
        help="The department of the queue of the last transfer (see Call queues).",
    )
    line = fields.Selection(
        LINES, readonly=True, help="The line of the call center of the call's queue."
    )
    date_day = fields.Date(
        string="Day", compute="_compute_stat_time", store=True, help="Local day of the start."
    )
    hour = fields.Integer(
        compute="_compute_stat_time",
        store=True,
        aggregator=False,
        help="Local hour (0-23) of the start.",
    )
    answered_in_time = fields.Boolean(
        string="Answered within 40 s",
        compute="_compute_stat_flags",
        store=True,
        help="An inbound call answered by an operator after at most 40 s of waiting "
        "(service level, CC-3).",
    )
    ivr_only = fields.Boolean(
        string="Closed in IVR",
        compute="_compute_stat_flags",
        store=True,
        help="The caller was served by the IVR alone (self-service, CC-5).",
    )
    offered = fields.Boolean(
        compute="_compute_stat_flags",
        store=True,
        help="An inbound call that left the IVR for an operator: answered, missed or " "abandoned.",
    )

    def _auto_init(self):
        # Installing on millions of calls: the stored statistics are filled by one
        # UPDATE, as _compute_stat_time and _compute_stat_flags compute them, rather than
        # recomputed call by call by the ORM (issue 10).
        cr = self.env.cr
        if table_exists(cr, self._table) and not column_exists(cr, self._table, "offered"):
            for name, kind in (
                ("date_day", "date"),
                ("hour", "int4"),
                ("answered_in_time", "bool"),
                ("ivr_only", "bool"),
                ("offered", "bool"),
            ):
                if not column_exists(cr, self._table, name):
                    create_column(cr, self._table, name, kind)
            fill_call_statistics(cr, self._sce_stat_tz().zone)
        return super()._auto_init()

    @api.model
    def _sce_stat_tz(self):
        return pytz.timezone(self.env.company.partner_id.tz or DEFAULT_TZ)

    @api.depends("date_start")
    def _compute_stat_time(self):
        tz = self._sce_stat_tz()
        for call in self:
            if call.date_start:
                local = pytz.utc.localize(call.date_start).astimezone(tz)
                call.date_day, call.hour = local.date(), local.hour
            else:
                call.date_day, call.hour = False, 0

    @api.depends("direction", "disposition", "wait_duration")
    def _compute_stat_flags(self):
        for call in self:
            inbound = call.direction == "inbound"
            call.answered_in_time = (
                inbound
                and call.disposition == "answered"
                and call.wait_duration <= SERVICE_LEVEL_SECONDS
            )
            call.ivr_only = inbound and call.disposition == "closed_ivr"
            call.offered = inbound and call.disposition in OFFERED

    # ------------------------------------------------------------------ the replay

    @api.model
    def _sce_ingest_event(self, source, values):
        status, call = super()._sce_ingest_event(source, values)
        if status == "accepted" and values["event_type"] == "agent_status":
            event = self.env["sce.call.event"].search(
                [("source_id", "=", source.id), ("event_id", "=", values["event_id"])], limit=1
            )
            self.env["sce.operator.state"]._sce_from_event(event)
        return status, call

    def _sce_replay_events(self, new_event):
        before = (self.state, self.queue, self.user_id.id)
        result = super()._sce_replay_events(new_event)
        events = self.env["sce.call.event"].search(
            [("call_id", "=", self.id)], order="sequence, event_time, id"
        )
        vals = self._sce_stat_values(events)
        changed = {key: value for key, value in vals.items() if self[key] != value}
        if changed:
            self.write(changed)
        if before != (self.state, self.queue, self.user_id.id) and not self.env.context.get(
            "sce_no_screen_pop"
        ):
            self._sce_notify_board()
        return result

    def _sce_stat_values(self, events):
        """IVR path and time, transfers and line of the call from its sorted events."""
        self.ensure_one()
        ivr_events = events.filtered(lambda e: e.event_type == "ivr_step")
        left_ivr = events.filtered(lambda e: e.event_type in ("queued", "ringing", "answered"))
        ivr_end = left_ivr[:1].event_time or self.date_end
        ivr_duration = 0
        if self.direction == "inbound" and self.date_start and ivr_end:
            ivr_duration = max(int((ivr_end - self.date_start).total_seconds()), 0)
        transfers = events.filtered(lambda e: e.event_type == "transferred")
        transfer_queue = (
            next((e.queue for e in reversed(transfers) if e.queue), False) if transfers else False
        )
        Queue = self.env["sce.call.queue"].sudo()
        department = False
        if transfer_queue:
            queue = Queue.search(
                [("code", "=", transfer_queue), ("company_id", "=", self.company_id.id)], limit=1
            )
            department = queue.department or queue.name or transfer_queue
        queue_code = self.queue or ""
        return {
            "ivr_path": IVR_PATH_SEPARATOR.join(e._sce_ivr_node() for e in ivr_events) or False,
            "ivr_duration": ivr_duration,
            "transfer_count": len(transfers),
            "is_transferred": bool(transfers),
            "transfer_queue": transfer_queue,
            "transfer_department": department,
            "line": Queue._sce_line_of_queues([queue_code])[queue_code] if queue_code else False,
        }

    def _sce_notify_board(self):
        """A call joined, left or moved in a queue or at an operator: the boards of the
        lines that see it reload (CC-7 item 15)."""
        lines = {self.line or "line1"}
        if self.user_id:
            States = self.env["sce.operator.state"]
            lines.add(States._sce_line_of_users(self.user_id)[self.user_id.id])
        self.env["sce.operator.state"]._sce_board_notify(sorted(lines))

    # ------------------------------------------------------------------ key figures
    # The method is written down in the readme (DESCRIPTION, “Statistics”).

    @api.model
    def _sce_kpi_domain(self, date_from, date_to, domain=()):
        """Ended calls started in [date_from, date_to) (datetimes, UTC)."""
        return list(domain) + [
            ("date_start", ">=", date_from),
            ("date_start", "<", date_to),
            ("state", "=", "ended"),
        ]

    @api.model
    def _sce_kpis(self, date_from, date_to, domain=()):
        """The figures of the period as a dict (rates in %, times in seconds; None when
        there is nothing to divide by)."""
        calls_domain = self._sce_kpi_domain(date_from, date_to, domain)
        counts = {
            (direction, disposition, in_time, transferred): (count, wait, talk, ivr)
            for direction, disposition, in_time, transferred, count, wait, talk, ivr in (
                self._read_group(
                    calls_domain,
                    ["direction", "disposition", "answered_in_time", "is_transferred"],
                    ["__count", "wait_duration:sum", "talk_duration:sum", "ivr_duration:sum"],
                )
            )
        }

        def total(index=0, **match):
            keys = ("direction", "disposition", "in_time", "transferred")
            return sum(
                values[index]
                for key, values in counts.items()
                if all(
                    (key[keys.index(name)] in want)
                    if isinstance(want, tuple)
                    else key[keys.index(name)] == want
                    for name, want in match.items()
                )
            )

        inbound = total(direction="inbound")
        outbound = total(direction="outbound")
        offered = total(direction="inbound", disposition=("answered", "missed", "abandoned"))
        answered = total(direction="inbound", disposition="answered")
        in_time = total(direction="inbound", disposition="answered", in_time=True)
        unanswered = total(direction="inbound", disposition=("missed", "abandoned"))
        ivr_only = total(direction="inbound", disposition="closed_ivr")
        wait_answered = total(1, direction="inbound", disposition="answered")
        talk_answered = total(2, disposition="answered")
        handled = total(disposition="answered")
        callback_domain = [("date_requested", ">=", date_from), ("date_requested", "<", date_to)]
        if domain:
            callback_domain.append(("call_id", "any", list(domain)))
        kept, due, on_time_rate = self.env["sce.call.callback"]._sce_on_time_rate(callback_domain)
        return {
            "inbound": inbound,
            "outbound": outbound,
            "offered": offered,
            "answered": answered,
            "answered_in_time": in_time,
            "unanswered": unanswered,
            "closed_ivr": ivr_only,
            "closed_by_operator": answered,
            "transferred": total(transferred=True),
            "service_level": _share(in_time, offered),
            "asa": _mean(wait_answered, answered),
            "aht": _mean(talk_answered, handled),
            "abandonment_rate": _share(unanswered, offered),
            "ivr_share": _share(ivr_only, inbound),
            "avg_ivr_time": _mean(total(3, direction="inbound"), inbound),
            "callbacks_due": due,
            "callbacks_on_time": kept,
            "callback_on_time_rate": on_time_rate,
        }

    @api.model
    def _sce_transfers_by_department(self, date_from, date_to, domain=()):
        """[(department, transferred calls)] of the period, most first."""
        groups = self._read_group(
            self._sce_kpi_domain(date_from, date_to, domain) + [("is_transferred", "=", True)],
            ["transfer_department"],
            ["__count"],
        )
        return sorted(groups, key=lambda group: (-group[1], group[0] or ""))

    @api.model
    def _sce_operator_figures(self, date_from, date_to, domain=()):
        """Per operator: calls answered, average handling time (s), talk time (s), time
        logged in (available, busy or after-call work, s) and workload (% of the logged-in
        time busy or in after-call work), from the calls and the operator states of the
        period. Sorted by operator name."""
        calls = {
            user: (count, talk)
            for user, count, talk in self._read_group(
                self._sce_kpi_domain(date_from, date_to, domain)
                + [("disposition", "=", "answered"), ("user_id", "!=", False)],
                ["user_id"],
                ["__count", "talk_duration:sum"],
            )
        }
        states = {}
        for user, state, seconds in self.env["sce.operator.state"]._read_group(
            [
                ("date_start", ">=", date_from),
                ("date_start", "<", date_to),
                ("date_end", "!=", False),
            ],
            ["user_id", "state"],
            ["duration:sum"],
        ):
            states.setdefault(user, {})[state] = seconds
        rows = []
        for user in sorted(set(calls) | set(states), key=lambda u: u.name or ""):
            count, talk = calls.get(user, (0, 0))
            by_state = states.get(user, {})
            occupied = by_state.get("busy", 0) + by_state.get("acw", 0)
            logged_in = occupied + by_state.get("available", 0)
            rows.append(
                {
                    "user": user,
                    "answered": count,
                    "aht": _mean(talk, count),
                    "talk": talk,
                    "logged_in": logged_in,
                    "workload": _share(occupied, logged_in),
                }
            )
        return rows


def fill_call_statistics(cr, tz, since_id=0):
    """Store the local day and hour and the service-level flags of the calls from id
    ``since_id`` on with one UPDATE (the SQL of _compute_stat_time/_compute_stat_flags)."""
    cr.execute(
        """UPDATE sce_call SET
               date_day = (date_start AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
               hour = COALESCE(EXTRACT(HOUR FROM date_start AT TIME ZONE 'UTC'
                                                  AT TIME ZONE %(tz)s)::int, 0),
               answered_in_time = COALESCE(direction = 'inbound' AND disposition = 'answered'
                                            AND COALESCE(wait_duration, 0) <= %(sl)s, false),
               ivr_only = COALESCE(direction = 'inbound' AND disposition = 'closed_ivr', false),
               offered = COALESCE(direction = 'inbound'
                                  AND disposition IN ('answered', 'missed', 'abandoned'), false)
         WHERE id >= %(since)s""",
        {"tz": tz, "sl": SERVICE_LEVEL_SECONDS, "since": since_id},
    )
    return cr.rowcount
