from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import create_index

PRIORITY_REASONS = [
    ("individual", "Individual approach (customer card)"),
    ("disabled", "Disabled person"),
    ("veteran", "Veteran"),
    ("socially_vulnerable", "Socially vulnerable"),
    ("prebooked", "Pre-booked visit"),
]
STATES = [
    ("waiting", "Waiting"),
    ("called", "Called"),
    ("serving", "Being served"),
    ("done", "Done"),
    ("no_show", "No-show"),
    ("cancelled", "Cancelled"),
]


# Set by the workflow steps only (staff have no write access on tickets)
WORKFLOW_FIELDS = (
    "name",
    "day",
    "state",
    "issued_at",
    "first_called_at",
    "called_at",
    "started_at",
    "finished_at",
    "window_id",
    "operator_id",
)


def _minutes(start, end):
    return round((end - start).total_seconds() / 60.0, 1) if start and end else 0.0


class SceQueueTicket(models.Model):
    """A visitor's queue ticket (SC-7): issued by the administrator for one service,
    called to a window, served; its timeline is kept in events."""

    _name = "sce.queue.ticket"
    _description = "Queue ticket"
    _order = "issued_at desc, id desc"

    name = fields.Char(string="Number", readonly=True, index=True)
    center_id = fields.Many2one(
        "sce.service.center", string="Service center", required=True, index=True
    )
    service_id = fields.Many2one("sce.queue.service", required=True)
    day = fields.Date(readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", index="btree_not_null")
    priority_reason = fields.Selection(
        PRIORITY_REASONS,
        help="GEN-6: disabled visitors, veterans and the socially vulnerable, customers "
        "flagged for the individual approach, and pre-booked visits are called first.",
    )
    is_priority = fields.Boolean(string="Priority", compute="_compute_is_priority", store=True)
    state = fields.Selection(STATES, required=True, default="waiting", readonly=True)
    issued_at = fields.Datetime(
        string="Issued",
        required=True,
        readonly=True,
        default=fields.Datetime.now,
        help="Kept on transfer, so a transferred visitor keeps their place.",
    )
    first_called_at = fields.Datetime(string="First called", readonly=True)
    called_at = fields.Datetime(string="Called", readonly=True)
    started_at = fields.Datetime(string="Service started", readonly=True)
    finished_at = fields.Datetime(string="Finished", readonly=True)
    window_id = fields.Many2one("sce.queue.window", readonly=True, index=True)
    operator_id = fields.Many2one("res.users", readonly=True)
    wait_minutes = fields.Float(
        string="Wait (min)",
        compute="_compute_minutes",
        store=True,
        aggregator="avg",
        help="From issue to the first call, against the service's Table 4 wait norm (SC-8).",
    )
    service_minutes = fields.Float(
        string="Service (min)",
        compute="_compute_minutes",
        store=True,
        aggregator="avg",
        help="From the start to the end of the last service.",
    )
    visit_minutes = fields.Float(
        string="Visit (min)",
        compute="_compute_minutes",
        store=True,
        aggregator="avg",
        help="From issue to the end of the visit; the norm is 60 minutes (SC-8).",
    )
    event_ids = fields.One2many("sce.queue.ticket.event", "ticket_id", string="Timeline")

    def init(self):
        # call-next reads exactly this: waiting tickets of a center by priority, then age
        create_index(
            self.env.cr,
            "sce_queue_ticket_waiting_idx",
            self._table,
            ["center_id", "service_id", "is_priority DESC", "issued_at", "id"],
            where="state = 'waiting'",
        )

    @api.depends("priority_reason")
    def _compute_is_priority(self):
        for ticket in self:
            ticket.is_priority = bool(ticket.priority_reason)

    @api.depends("issued_at", "first_called_at", "started_at", "finished_at")
    def _compute_minutes(self):
        for ticket in self:
            ticket.wait_minutes = _minutes(ticket.issued_at, ticket.first_called_at)
            ticket.service_minutes = _minutes(ticket.started_at, ticket.finished_at)
            ticket.visit_minutes = _minutes(ticket.issued_at, ticket.finished_at)

    @api.model_create_multi
    def create(self, vals_list):
        counters = self.env["sce.queue.counter"]
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if not self.env.su:
                for field in WORKFLOW_FIELDS:
                    vals.pop(field, None)
            center = self.env["sce.service.center"].browse(vals["center_id"])
            service = self.env["sce.queue.service"].browse(vals["service_id"])
            number = counters.sudo()._next_number(center, service.ticket_prefix, today)
            vals["name"] = f"{service.ticket_prefix}-{number:03d}"
            vals["day"] = today
            if not vals.get("priority_reason") and vals.get("partner_id"):
                partner = self.env["res.partner"].browse(vals["partner_id"])
                if partner.sce_needs_priority:
                    vals["priority_reason"] = "individual"
        tickets = super().create(vals_list)
        tickets._log_event("issued")
        return tickets

    def _write_step(self, vals, kind):
        """Apply a workflow step and add it to the timeline. Staff have no write access on
        tickets: the checks of each step (own window, state, role) are the access control,
        then the step is written with sudo()."""
        self.sudo().write(vals)
        self._log_event(kind)

    def _log_event(self, kind):
        self.env["sce.queue.ticket.event"].sudo().create(
            [
                {
                    "ticket_id": ticket.id,
                    "kind": kind,
                    "service_id": ticket.service_id.id,
                    "window_id": ticket.window_id.id,
                }
                for ticket in self
            ]
        )

    def _check_at_own_window(self):
        """Only the window's operator (or the center's head) acts on a called visitor."""
        is_head = self.env.user.has_group("sce_service_center.group_sce_sc_head")
        for ticket in self:
            if not is_head and ticket.window_id.user_id != self.env.user:
                raise AccessError(self.env._("Ticket %s is not at your window.", ticket.name))

    def _check_state(self, allowed):
        for ticket in self:
            if ticket.state not in allowed:
                raise UserError(
                    self.env._(
                        "Ticket %(number)s is %(state)s.",
                        number=ticket.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            ticket.state
                        ],
                    )
                )

    def action_recall(self):
        """Call the visitor again to the same window (the board shows it again)."""
        self._check_at_own_window()
        self._check_state(("called",))
        self._write_step({"called_at": fields.Datetime.now()}, "recalled")
        self._notify_board()

    def action_no_show(self):
        self._check_at_own_window()
        self._check_state(("called",))
        self._write_step({"state": "no_show", "finished_at": fields.Datetime.now()}, "no_show")

    def action_start(self):
        self._check_at_own_window()
        self._check_state(("called",))
        self._write_step({"state": "serving", "started_at": fields.Datetime.now()}, "started")

    def action_finish(self):
        self._check_at_own_window()
        self._check_state(("serving",))
        self._write_step({"state": "done", "finished_at": fields.Datetime.now()}, "finished")

    def action_cancel(self):
        """The hall administrator withdraws a ticket nobody has called yet."""
        if not self.env.user.has_group("sce_service_center.group_sce_sc_administrator"):
            raise AccessError(self.env._("Only the hall administrator cancels tickets."))
        self._check_state(("waiting",))
        self._write_step({"state": "cancelled", "finished_at": fields.Datetime.now()}, "cancelled")

    def _transfer_to_service(self, service):
        """Send the visitor to another service's queue (SC-7 routing): same number, same
        issue time (fairness), the timeline goes on."""
        self._check_at_own_window()
        self._check_state(("called", "serving"))
        if service in self.service_id:
            raise UserError(self.env._("Choose another service to transfer to."))
        self._write_step(
            {
                "state": "waiting",
                "service_id": service.id,
                "window_id": False,
                "operator_id": False,
                "started_at": False,
            },
            "transferred",
        )

    def _call_to_window(self, window):
        now = fields.Datetime.now()
        self._write_step(
            {
                "state": "called",
                "window_id": window.id,
                "operator_id": self.env.user.id,
                "called_at": now,
                "first_called_at": self.first_called_at or now,
            },
            "called",
        )
        self._notify_board()

    def _notify_board(self):
        for center in self.center_id:
            self.env["bus.bus"]._sendone(
                center._board_channel(), "sce_queue_board/call", center._board_calls()
            )
