from odoo import api, fields, models
from odoo.exceptions import AccessError

OPERATOR_STATES = [
    ("available", "Available"),
    ("busy", "Busy"),
    ("acw", "After-call work"),
    ("break", "Break"),
    ("offline", "Offline"),
]
# ``data.status`` of an agent_status event -> operator state (PBX vendors' usual words)
STATUS_WORDS = {
    "available": "available",
    "ready": "available",
    "idle": "available",
    "online": "available",
    "busy": "busy",
    "talking": "busy",
    "on_call": "busy",
    "acw": "acw",
    "after_call_work": "acw",
    "wrapup": "acw",
    "break": "break",
    "pause": "break",
    "away": "break",
    "offline": "offline",
    "logged_out": "offline",
}
LINE_GROUPS = {
    "line1": "sce_callcenter.group_sce_cc_operator_line1",
    "line2": "sce_callcenter.group_sce_cc_operator_line2",
    "supervisor": "sce_callcenter.group_sce_cc_supervisor",
}
# who sees what on the operator board (CC-7 item 15): line 1 sees lines 1 and 2,
# line 2 sees line 2, supervisors everything (their own rows too)
VISIBLE_LINES = {
    "supervisor": ("line1", "line2", "supervisor"),
    "line1": ("line1", "line2"),
    "line2": ("line2",),
}
# the groups whose members' browsers are told of a change on a line
NOTIFIED_GROUPS = {
    "line1": ("line1",),  # supervisors and quality controllers are in line 1 too
    "line2": ("line1", "line2"),
    "supervisor": ("supervisor",),
}
BOARD_CALL_STATES = ("ringing", "answered")


class SceOperatorState(models.Model):
    """An operator's state (available, busy, after-call work, break, offline) from the
    PBX's agent-status events, with when it began and ended (CC-3 statistics, CC-7 item
    15 board). The open row (no end) is the operator's state now."""

    _name = "sce.operator.state"
    _description = "Operator state"
    _order = "date_start desc, id desc"
    _rec_name = "state"

    user_id = fields.Many2one(
        "res.users", string="Operator", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    extension = fields.Char(readonly=True)
    state = fields.Selection(OPERATOR_STATES, required=True, readonly=True)
    date_start = fields.Datetime(string="Since", required=True, readonly=True, index=True)
    date_end = fields.Datetime(string="Until", readonly=True)
    duration = fields.Integer(
        string="Duration (s)",
        compute="_compute_duration",
        store=True,
        help="From this state's start to the operator's next state; none while it lasts.",
    )
    event_id = fields.Many2one("sce.call.event", string="CTI event", readonly=True)

    @api.depends("date_start", "date_end")
    def _compute_duration(self):
        for row in self:
            row.duration = (
                max(int((row.date_end - row.date_start).total_seconds()), 0) if row.date_end else 0
            )

    @api.model
    def _sce_from_event(self, event):
        """Keep the state an agent-status event reports for the user of its extension.
        Events may come in any order: the new row ends where the user's next state
        begins, and the state before it ends where it begins."""
        data = event._sce_data()
        state = STATUS_WORDS.get(str(data.get("status") or "").strip().lower())
        user = self.env["sce.call"]._sce_user_of_extension(event.agent_extension)
        if not (state and user):
            return self.browse()
        domain = [("user_id", "=", user.id)]
        before = self.search(domain + [("date_start", "<=", event.event_time)], limit=1)
        after = self.search(
            domain + [("date_start", ">", event.event_time)], order="date_start, id", limit=1
        )
        row = self.create(
            {
                "user_id": user.id,
                "company_id": event.company_id.id,
                "extension": event.agent_extension,
                "state": state,
                "date_start": event.event_time,
                "date_end": after.date_start or False,
                "event_id": event.id,
            }
        )
        if before:
            before.date_end = event.event_time
        if not after and not self.env.context.get("sce_no_screen_pop"):  # not history
            self._sce_board_notify([self._sce_line_of_users(user)[user.id]])
        return row

    # ------------------------------------------------------------------ the board

    @api.model
    def _sce_line_of_users(self, users):
        """{user id: "line1" | "line2" | "supervisor"}: the board row's line."""
        members = {
            line: set(self.env.ref(xmlid).sudo().users.ids) for line, xmlid in LINE_GROUPS.items()
        }
        lines = {}
        for user in users:
            if user.id in members["supervisor"]:
                lines[user.id] = "supervisor"
            elif user.id in members["line1"]:
                lines[user.id] = "line1"
            else:
                lines[user.id] = "line2"
        return lines

    @api.model
    def _sce_board_lines(self):
        """The lines the current user may see on the board, or AccessError."""
        user = self.env.user
        for role in ("supervisor", "line1", "line2"):
            if user.has_group(LINE_GROUPS[role]):
                return VISIBLE_LINES[role]
        raise AccessError(self.env._("The operator board is for call-center operators."))

    @api.model
    def _sce_board_notify(self, lines):
        """Tell the browsers of those who see ``lines`` that the board changed (CC-7
        item 15): one bus message per group, no personal data, the board reloads."""
        groups = {group for line in lines for group in NOTIFIED_GROUPS.get(line, ())}
        if not groups:
            return
        bus = self.env["bus.bus"].sudo()
        for group in sorted(groups):
            bus._sendone(
                self.env.ref(LINE_GROUPS[group]), "sce_callcenter/board", {"lines": list(lines)}
            )

    @api.model
    def _sce_board_data(self):
        """What the operator board shows the current user (CC-7 item 15): operators of
        the lines they may see with their state, since when and their current call, and
        the calls waiting in the queues of those lines. Read with sudo() after the check
        of the user's lines; only the user's companies."""
        lines = self._sce_board_lines()
        companies = self.env.companies.ids
        Users = self.env["res.users"].sudo()
        users = Users.search(
            [
                ("sce_extension", "!=", False),
                ("share", "=", False),
                ("company_ids", "in", companies),
                ("groups_id", "in", [self.env.ref(x).id for x in LINE_GROUPS.values()]),
            ],
            order="name",
        )
        user_lines = self._sce_line_of_users(users)
        users = users.filtered(lambda u: user_lines[u.id] in lines)
        states = {
            row.user_id.id: row
            for row in self.sudo().search(
                [("user_id", "in", users.ids), ("date_end", "=", False)], order="date_start"
            )
        }
        Call = self.env["sce.call"].sudo()
        calls = {
            call.user_id.id: call
            for call in Call.search(
                [
                    ("user_id", "in", users.ids),
                    ("state", "in", BOARD_CALL_STATES),
                    ("company_id", "in", companies),
                ],
                order="date_start",
            )
        }
        state_labels = dict(self._fields["state"]._description_selection(self.env))
        call_labels = dict(Call._fields["state"]._description_selection(self.env))
        operators = []
        for user in users:
            row, call = states.get(user.id), calls.get(user.id)
            operators.append(
                {
                    "id": user.id,
                    "name": user.name,
                    "line": user_lines[user.id],
                    "extension": user.sce_extension,
                    "state": row.state if row else "offline",
                    "state_label": state_labels[row.state if row else "offline"],
                    "since": fields.Datetime.to_string(row.date_start) if row else False,
                    "call": {
                        "id": call.id,
                        "state": call.state,
                        "state_label": call_labels[call.state],
                        "queue": call.queue or "",
                        "since": fields.Datetime.to_string(call.date_answer or call.date_ringing),
                    }
                    if call
                    else False,
                }
            )
        waiting = Call._read_group(
            [("state", "=", "queued"), ("company_id", "in", companies)],
            ["queue"],
            ["__count", "date_queued:min"],
        )
        queue_lines = self.env["sce.call.queue"]._sce_line_of_queues([q or "" for q, *_ in waiting])
        names = {
            queue.code: queue.name
            for queue in self.env["sce.call.queue"]
            .sudo()
            .search([("code", "in", list(queue_lines))])
        }
        queues = [
            {
                "code": queue or "",
                "name": names.get(queue or "", queue or self.env._("No queue")),
                "line": queue_lines[queue or ""],
                "waiting": count,
                "oldest": fields.Datetime.to_string(oldest) if oldest else False,
            }
            for queue, count, oldest in waiting
            if queue_lines[queue or ""] in lines
        ]
        return {
            "lines": list(lines),
            "operators": operators,
            "queues": sorted(queues, key=lambda q: (q["line"], q["code"])),
            "now": fields.Datetime.to_string(fields.Datetime.now()),
        }
