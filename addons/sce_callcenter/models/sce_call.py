from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_datetime

# The call's state after each event type; agent_status events belong to no call.
STATE_OF_EVENT = {
    "call_started": "ivr",
    "ivr_step": "ivr",
    "queued": "queued",
    "ringing": "ringing",
    "answered": "answered",
    "transferred": "answered",
    "ended": "ended",
    "recording_ready": "ended",  # the PBX finishes the file when the call is over
    "voicemail_received": "ended",  # the caller left a message and hung up
}
SCREEN_POP_EVENTS = ("ringing", "answered")


class SceCall(models.Model):
    """One telephone call (CC-3, CC-6, CC-7), replayed from its CTI events: whatever
    order the events arrive in, the call is what its events say sorted by sequence."""

    _name = "sce.call"
    _description = "Call"
    _order = "date_start desc, id desc"
    _rec_name = "external_call_id"

    source_id = fields.Many2one(
        "sce.cti.source", string="PBX source", required=True, readonly=True, ondelete="restrict"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    external_call_id = fields.Char(string="Call ID", required=True, readonly=True)
    direction = fields.Selection(
        [("inbound", "Inbound"), ("outbound", "Outbound")],
        required=True,
        default="inbound",
        readonly=True,
    )
    state = fields.Selection(
        [
            ("ivr", "In IVR"),
            ("queued", "Queued"),
            ("ringing", "Ringing"),
            ("answered", "Talking"),
            ("ended", "Ended"),
        ],
        required=True,
        default="ivr",
        readonly=True,
    )
    last_sequence = fields.Integer(readonly=True, help="Sequence of the newest event applied.")
    caller_number = fields.Char(string="Caller", readonly=True)
    called_number = fields.Char(string="Called", readonly=True)
    customer_phone = fields.Char(
        string="Customer number",
        readonly=True,
        index=True,
        help="The customer's number in E.164: the caller of an inbound call, the called "
        "number of an outbound one.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", index="btree_not_null")
    matched_partner_ids = fields.Many2many(
        "res.partner",
        "sce_call_matched_partner_rel",
        "call_id",
        "partner_id",
        string="Matched customers",
        readonly=True,
        help="Every customer whose phone is the customer number.",
    )
    account_id = fields.Many2one(
        "sce.account",
        string="Personal account",
        domain="[('partner_id', '=', partner_id)]",
    )
    queue = fields.Char(readonly=True)
    agent_extension = fields.Char(string="Extension", readonly=True)
    user_id = fields.Many2one("res.users", string="Operator", readonly=True, index="btree_not_null")
    date_start = fields.Datetime(string="Started", readonly=True, index=True)
    date_queued = fields.Datetime(string="Queued at", readonly=True)
    date_ringing = fields.Datetime(string="Offered at", readonly=True)
    date_answer = fields.Datetime(string="Answered at", readonly=True)
    date_end = fields.Datetime(string="Ended at", readonly=True)
    wait_duration = fields.Integer(
        string="Wait (s)",
        compute="_compute_durations",
        store=True,
        help="From joining the queue (or being offered, or the start when neither) to the "
        "answer, or to the end of an unanswered call; none for a call closed in the IVR.",
    )
    talk_duration = fields.Integer(
        string="Talk (s)", compute="_compute_durations", store=True, help="From answer to end."
    )
    disposition = fields.Selection(
        [
            ("answered", "Answered"),
            ("missed", "Missed"),
            ("abandoned", "Abandoned"),
            ("closed_ivr", "Closed in IVR"),
        ],
        compute="_compute_disposition",
        store=True,
        index=True,
        help="Of an ended call: answered by an operator; missed (offered to an operator, "
        "not answered); abandoned (the caller hung up in the queue); closed in IVR.",
    )
    event_ids = fields.One2many("sce.call.event", "call_id", string="Events", readonly=True)
    appeal_ids = fields.One2many("helpdesk.ticket", "sce_call_id", string="Appeals")
    appeal_count = fields.Integer(compute="_compute_appeal_count")
    callback_ids = fields.One2many("sce.call.callback", "call_id", string="Callbacks")
    recording_ids = fields.One2many(
        "sce.call.recording",
        "call_id",
        string="Recordings",
        groups="sce_callcenter.group_sce_cc_operator_line1,"
        "sce_callcenter.group_sce_cc_operator_line2",
    )
    callback_state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("failed", "Failed")],
        string="Callback",
        compute="_compute_callback_state",
        help="The state of the callback promised from this call, if any.",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "source_call_uniq",
            "unique(source_id, external_call_id)",
            "A call ID is unique per PBX source.",
        ),
    ]

    @api.depends("date_start", "date_queued", "date_ringing", "date_answer", "date_end")
    def _compute_durations(self):
        for call in self:
            wait_from = call.date_queued or call.date_ringing or call.date_start
            wait_to = call.date_answer or call.date_end
            # A call closed in the IVR never waited for an operator.
            waited = call.date_queued or call.date_ringing or call.date_answer
            call.wait_duration = (
                max(int((wait_to - wait_from).total_seconds()), 0)
                if waited and wait_from and wait_to
                else 0
            )
            call.talk_duration = (
                max(int((call.date_end - call.date_answer).total_seconds()), 0)
                if call.date_answer and call.date_end
                else 0
            )

    @api.depends("date_end", "date_answer", "date_ringing", "date_queued")
    def _compute_disposition(self):
        for call in self:
            if not call.date_end:
                call.disposition = False
            elif call.date_answer:
                call.disposition = "answered"
            elif call.date_ringing:
                call.disposition = "missed"
            elif call.date_queued:
                call.disposition = "abandoned"
            else:
                call.disposition = "closed_ivr"

    def _compute_appeal_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("sce_call_id", "in", self.ids)], ["sce_call_id"], ["__count"]
            )
        )
        for call in self:
            call.appeal_count = counts.get(call, 0)

    @api.depends("callback_ids.state")
    def _compute_callback_state(self):
        for call in self:
            call.callback_state = call.callback_ids[:1].state

    # ------------------------------------------------------------------ CTI ingestion

    @api.model
    def _sce_ingest_event(self, source, values):
        """Apply one validated CTI event of ``source`` (values of
        ``sce.call.event._sce_parse``). Returns ``(status, call)`` with status
        ``"accepted"`` or ``"duplicate"``. Run by the CTI controller with sudo() after the
        signature check: the PBX is no user."""
        Event = self.env["sce.call.event"]
        domain = [("source_id", "=", source.id), ("event_id", "=", values["event_id"])]
        duplicate = Event.search(domain, limit=1)
        if duplicate:
            return "duplicate", duplicate.call_id
        call = self.browse()
        if values["external_call_id"] and values["event_type"] != "agent_status":
            call = self._sce_lock_call(source, values["external_call_id"])
        event = Event.create(
            dict(values, source_id=source.id, company_id=source.company_id.id, call_id=call.id)
        )
        if call:
            call._sce_replay_events(event)
        if call and event.event_type == "recording_ready":
            self.env["sce.call.recording"]._sce_from_event(call, event)
        if call and event.event_type == "voicemail_received":
            call._sce_voicemail_received(event)
        return "accepted", call

    @api.model
    def _sce_lock_call(self, source, external_call_id):
        """The call of ``external_call_id``, created if new and locked until commit so that
        concurrent events of one call are applied one after another. A concurrent
        creation or change makes PostgreSQL raise a serialization failure, which Odoo
        retries with the whole request: expected, hence not logged as a bad query."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO sce_call (source_id, external_call_id, company_id, direction, state,
                                      last_sequence, create_uid, write_uid, create_date,
                                      write_date)
                VALUES (%s, %s, %s, 'inbound', 'ivr', 0, %s, %s,
                        NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC')
                ON CONFLICT (source_id, external_call_id) DO NOTHING
                """,
                source.id,
                external_call_id,
                source.company_id.id,
                self.env.uid,
                self.env.uid,
            ),
            log_exceptions=False,
        )
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sce_call WHERE source_id = %s AND external_call_id = %s"
                " FOR NO KEY UPDATE",
                source.id,
                external_call_id,
            ),
            log_exceptions=False,
        )
        return self.browse(self.env.cr.fetchone()[0])

    def _sce_replay_events(self, new_event):
        """Rebuild the call from all its events in sequence order: an event that arrives
        late fills in what it knows but never rolls the call back."""
        self.ensure_one()
        events = self.env["sce.call.event"].search(
            [("call_id", "=", self.id)], order="sequence, event_time, id"
        )
        vals = {
            "date_start": min(events.mapped("event_time")),
            "last_sequence": max(events.mapped("sequence")),
        }
        first = {}
        for event in events:
            first.setdefault(event.event_type, event.event_time)
            for fname in ("direction", "caller_number", "called_number", "queue"):
                if event[fname]:
                    vals[fname] = event[fname]
            if event.agent_extension and event.event_type in (
                "ringing",
                "answered",
                "transferred",
            ):
                vals["agent_extension"] = event.agent_extension
        vals["date_queued"] = first.get("queued", False)
        vals["date_ringing"] = first.get("ringing", False)
        vals["date_answer"] = first.get("answered", False)
        vals["date_end"] = max(
            events.filtered(lambda e: e.event_type == "ended").mapped("event_time"), default=False
        )
        vals["state"] = "ended" if vals["date_end"] else STATE_OF_EVENT[events[-1].event_type]
        if vals.get("agent_extension") and vals["agent_extension"] != self.agent_extension:
            vals["user_id"] = self._sce_user_of_extension(vals["agent_extension"]).id
        direction = vals.get("direction") or self.direction
        number = vals.get("caller_number") if direction == "inbound" else vals.get("called_number")
        customer_phone = self.env["res.partner"]._sce_try_normalize(number) or number or False
        if customer_phone != self.customer_phone:
            vals.update(self._sce_match_customer(customer_phone))
        self.write(vals)
        if self.direction == "outbound" and self.date_answer:
            self.env["sce.call.callback"]._sce_close_by_call(self)
        if (
            new_event.event_type in SCREEN_POP_EVENTS
            and new_event.sequence == self.last_sequence
            and self.state != "ended"
            and self.user_id
            and not self.env.context.get("sce_no_screen_pop")  # replayed history (demo data)
        ):
            self._sce_send_screen_pop()

    @api.model
    def _sce_user_of_extension(self, extension):
        return self.env["res.users"].search([("sce_extension", "=", extension)], limit=1)

    @api.model
    def _sce_caller_lookup(self, number):
        """Customers whose phone is ``number`` and their accounts: the screen-pop lookup,
        one indexed query on the E.164 columns and one on the accounts."""
        partners = self.env["res.partner"]._sce_find_by_phone(number)
        accounts = self.env["sce.account"].search([("partner_id", "in", partners.ids)])
        return partners, accounts

    @api.model
    def _sce_match_customer(self, customer_phone):
        partners, accounts = self._sce_caller_lookup(customer_phone) if customer_phone else ((), ())
        vals = {
            "customer_phone": customer_phone,
            "matched_partner_ids": [fields.Command.set([p.id for p in partners])],
            "partner_id": partners[0].id if len(partners) == 1 else False,
            "account_id": accounts[0].id if len(partners) == 1 and len(accounts) == 1 else False,
        }
        return vals

    def _sce_screen_pop_payload(self):
        self.ensure_one()
        return {
            "call_id": self.id,
            "external_call_id": self.external_call_id,
            "number": self.customer_phone or "",
            "state": self.state,
            "queue": self.queue or "",
            "partners": [
                {"id": partner.id, "name": partner.display_name}
                for partner in self.matched_partner_ids
            ],
        }

    def _sce_send_screen_pop(self):
        """Open the caller's card in the operator's browser (CC-3) over the bus."""
        self.ensure_one()
        self.env["bus.bus"]._sendone(
            self.user_id.partner_id, "sce_callcenter/screen_pop", self._sce_screen_pop_payload()
        )

    # ------------------------------------------------------------------ actions

    def action_open_caller(self):
        """The screen pop: the caller's card, a pick list of the customers sharing the
        number, or a new appeal for an unknown number."""
        self.ensure_one()
        customers = self.partner_id or self.matched_partner_ids
        if not customers:
            return self.action_register_appeal()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_appeals.res_partner_action_sce_customer_card"
        )
        if len(customers) == 1:
            action.update(
                {
                    "res_id": customers.id,
                    "view_mode": "form",
                    "views": [
                        (self.env.ref("sce_appeals.res_partner_view_form_sce_card").id, "form")
                    ],
                }
            )
        else:
            action["domain"] = [("id", "in", customers.ids)]
        return action

    def action_screen_pop(self):
        """What the operator's browser opens for a screen pop it receives: the caller
        (``action_open_caller``) while the call is live, nothing once it has ended. The
        bus replays a user's last notifications to a browser that connects: a finished
        call must not throw a stale card over the operator's work."""
        self.ensure_one()
        if self.state == "ended":
            return False
        return self.action_open_caller()

    def action_register_appeal(self):
        """The appeal form, prefilled from the call: channel phone, the customer, the
        account and a link to the call (CC-7: register the appeal linked to the customer)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_appeals.helpdesk_ticket_action_appeals"
        )
        when = (
            format_datetime(self.env, self.date_start, tz=self.env.user.tz)
            if self.date_start
            else ""
        )
        action.update(
            {
                "views": [(False, "form")],
                "view_mode": "form",
                "target": "current",
                "context": {
                    "sce_appeals": 1,
                    "default_channel_id": self.env.ref(
                        "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                    ).id,
                    "default_partner_id": self.partner_id.id,
                    "default_account_id": self.account_id.id,
                    "default_sce_call_id": self.id,
                    "default_description": Markup("<p>%s</p>")
                    % self.env._(
                        "Phone call from %(number)s, %(when)s.",
                        number=self.customer_phone or self.caller_number or "",
                        when=when,
                    ),
                },
            }
        )
        return action

    def action_promise_callback(self):
        """One click (CC-6, ETI-4): a callback promised to the customer of this call,
        due 30 minutes after a missed or abandoned call, or after now when the promise is
        made during the conversation; the open promise of the call if there is one."""
        self.ensure_one()
        callback = self.callback_ids.filtered(lambda c: c.state == "planned")[:1]
        if not callback:
            number = self.customer_phone or self.caller_number
            if not self.env["res.partner"]._sce_try_normalize(number):
                raise UserError(
                    self.env._("This call has no number to call back: %(number)s", number=number)
                )
            missed = self.disposition in ("missed", "abandoned")
            callback = self.env["sce.call.callback"].create(
                {
                    "call_id": self.id,
                    "company_id": self.company_id.id,
                    "partner_id": self.partner_id.id,
                    "phone": number,
                    "user_id": self.env.user.id,
                    "date_requested": (self.date_end or self.date_start)
                    if missed
                    else fields.Datetime.now(),
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sce.call.callback",
            "res_id": callback.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_dial(self):
        """Click-to-dial the customer's number through this call's PBX (CC-7)."""
        self.ensure_one()
        return self.env["sce.cti.source"]._sce_dial(
            self.customer_phone or self.caller_number, call=self
        )

    def action_view_appeals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_appeals.helpdesk_ticket_action_appeals"
        )
        action["domain"] = [("sce_call_id", "=", self.id)]
        action["context"] = {"sce_appeals": 1}
        return action
