from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sce_appeals.models.sce_deadline_mixin import DEADLINE_STATES, DeadlineWatch

WATCH_CALLBACK = DeadlineWatch(
    "callback", "deadline", "date_closed", "deadline_state", "reminded_deadline", "escalated"
)
# CC-6: call back within 30 minutes of the request; used only when no deadline policy
# of the phone channel applies (the seeded one says the same).
DEFAULT_CALLBACK_MINUTES = 30
# The operator is reminded this long before a callback is due: a 30-minute term.
REMINDER_LEAD = timedelta(minutes=10)


class SceCallCallback(models.Model):
    """A promise to call a customer back (CC-6, ETI-4: when the answer is not at hand,
    take the contacts and answer later): due 30 minutes after the request by the
    deadline policy of the phone channel, reminded and escalated by the deadline engine
    of sce_appeals; done when an outbound call to the number is answered, or by hand."""

    _name = "sce.call.callback"
    _inherit = ["mail.thread", "mail.activity.mixin", "sce.deadline.mixin"]
    _description = "Callback"
    _order = "state_sequence, deadline, id"
    _rec_name = "phone"

    call_id = fields.Many2one(
        "sce.call",
        string="Requested by call",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
        help="The missed, abandoned or answered call the callback was promised from.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one("res.partner", string="Customer", index="btree_not_null")
    phone = fields.Char(
        string="Number",
        required=True,
        index=True,
        tracking=True,
        help="The number to call back, in E.164.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Operator",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        help="Who calls back: reminded before the deadline.",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("failed", "Failed")],
        required=True,
        default="planned",
        readonly=True,
        tracking=True,
        index=True,
    )
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    date_requested = fields.Datetime(
        string="Requested at",
        required=True,
        readonly=True,
        default=fields.Datetime.now,
        help="When the customer asked (or the call was missed): the term runs from here.",
    )
    sla_policy_id = fields.Many2one(
        "sce.sla.policy", string="Deadline policy", readonly=True, ondelete="set null"
    )
    deadline = fields.Datetime(readonly=True, copy=False, index=True)
    date_closed = fields.Datetime(
        string="Closed at",
        readonly=True,
        copy=False,
        help="When the customer was reached, or the callback was given up.",
    )
    deadline_state = fields.Selection(
        DEADLINE_STATES, default="none", readonly=True, copy=False, index=True
    )
    reminded_deadline = fields.Datetime(readonly=True, copy=False)
    escalated = fields.Boolean(readonly=True, copy=False)
    done_call_id = fields.Many2one(
        "sce.call",
        string="Callback call",
        readonly=True,
        ondelete="set null",
        help="The answered outbound call that kept the promise.",
    )
    note = fields.Text(help="What the customer asked: the answer to prepare.")

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {"planned": 0, "failed": 1, "done": 2}
        for callback in self:
            callback.state_sequence = order[callback.state]

    @api.constrains("phone")
    def _check_phone(self):
        for callback in self:
            if callback.phone != self.env["res.partner"]._sce_try_normalize(callback.phone):
                raise ValidationError(
                    self.env._(
                        "The number to call back is not a valid phone number: %(number)s",
                        number=callback.phone,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"]
        for vals in vals_list:
            if vals.get("phone"):
                vals["phone"] = Partner._sce_try_normalize(vals["phone"]) or vals["phone"]
        callbacks = super().create(vals_list)
        callbacks._sce_compute_deadlines()
        return callbacks

    # ------------------------------------------------------------------ deadlines

    def _sce_compute_deadlines(self):
        """The deadline from the phone channel's callback policy (CC-6: 30 minutes),
        counted from the request, as appeals count theirs."""
        Ticket = self.env["helpdesk.ticket"]
        policy = self.env["sce.sla.policy"]._sce_find(
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone"), "inquiry"
        )
        for callback in self:
            company = callback.company_id
            calendar = company.sce_calendar_id or company.resource_calendar_id
            if policy and calendar:
                deadline = Ticket._sce_deadlines_of(policy, calendar, callback.date_requested)[1]
            else:
                deadline = callback.date_requested + timedelta(minutes=DEFAULT_CALLBACK_MINUTES)
            callback._sce_write_deadline_fields({"sla_policy_id": policy.id, "deadline": deadline})
        self._sce_refresh_deadline_state()

    @api.model
    def _sce_deadline_watches(self):
        return (WATCH_CALLBACK,)

    @api.model
    def _sce_reminder_lead(self):
        return REMINDER_LEAD

    @api.model
    def _cron_sce_deadlines(self):
        """Callback terms: states, a reminder to the operator before the deadline and
        the breach to the head of the front office (CC-6, CC-7 item 20)."""
        return self._sce_watch_deadlines()

    @api.model
    def _sce_deadline_cron(self):
        return self.env.ref("sce_callcenter.ir_cron_sce_callback_deadlines")

    @api.model
    def _sce_deadline_summary(self, watch, what):
        if what == "reminder":
            return self.env._("Call the customer back")
        return self.env._("Callback overdue: take control")

    def _sce_deadline_controllers(self, watch):
        leader = self.env["helpdesk.ticket"]._sce_front_office_leader()
        return {callback.id: leader for callback in self}

    # ------------------------------------------------------------------ closing

    def _sce_close(self, state, call=None):
        """Close the promise: reached (``done``, by ``call`` if an answered callback
        call kept it) or given up (``failed``); the term is met at that moment."""
        self.write(
            {
                "state": state,
                "date_closed": fields.Datetime.now() if call is None else call.date_answer,
                "done_call_id": call.id if call else False,
            }
        )
        self._sce_refresh_deadline_state()
        # The reminder and the escalation are answered with the promise: sudo() for the
        # supervisor's activity, on callbacks the user was just allowed to write.
        self.activity_ids.sudo().action_feedback()

    @api.model
    def _sce_close_by_call(self, call):
        """An answered outbound call to a number keeps the planned callbacks promised
        to that number before the answer."""
        if call.direction != "outbound" or not call.date_answer or not call.customer_phone:
            return self.browse()
        callbacks = self.search(
            [
                ("state", "=", "planned"),
                ("phone", "=", call.customer_phone),
                ("company_id", "=", call.company_id.id),
                ("date_requested", "<=", call.date_answer),
            ]
        )
        if callbacks:
            callbacks._sce_close("done", call)
        return callbacks

    def action_dial(self):
        """Click-to-dial the number to call back; the answered call keeps the promise."""
        self.ensure_one()
        return self.env["sce.cti.source"]._sce_dial(self.phone, call=self.call_id)

    def action_mark_done(self):
        """The operator reached the customer (by a phone outside the PBX, say)."""
        self.filtered(lambda c: c.state == "planned")._sce_close("done")

    def action_mark_failed(self):
        """The customer could not be reached: the promise is closed as failed."""
        self.filtered(lambda c: c.state == "planned")._sce_close("failed")

    def action_reset_to_planned(self):
        self.filtered(lambda c: c.state != "planned").write(
            {"state": "planned", "date_closed": False, "done_call_id": False}
        )
        self._sce_refresh_deadline_state()

    # ------------------------------------------------------------------ statistics

    @api.model
    def _sce_on_time_rate(self, domain=()):
        """CC-6 statistics: (kept on time, due, rate in %) of the callbacks of
        ``domain`` whose term is over: reached by the deadline counts as kept; reached
        late, failed or still open past the deadline do not. Open callbacks not yet due
        count for nothing. Rate is None when nothing was due."""
        groups = self._read_group(
            list(domain) + [("deadline_state", "in", ("overdue", "done_on_time", "done_late"))],
            ["state", "deadline_state"],
            ["__count"],
        )
        due = sum(count for _state, _dstate, count in groups)
        kept = sum(
            count for state, dstate, count in groups if state == "done" and dstate == "done_on_time"
        )
        return kept, due, (round(100.0 * kept / due, 1) if due else None)
