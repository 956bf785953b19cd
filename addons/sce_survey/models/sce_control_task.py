from odoo import api, fields, models

from odoo.addons.sce_appeals.models.sce_deadline_mixin import DEADLINE_STATES, DeadlineWatch

WATCH_CONTROL = DeadlineWatch(
    "control", "deadline", "date_done", "deadline_state", "reminded_deadline", "escalated"
)
CONTROL_SOURCES = [
    ("complaint_audit", "Complainant audit"),
    ("quality_check", "Quality check"),
    ("info_audit", "Information audit"),
]
# Working days a department has to put a finding right, unless configured otherwise
# (system parameters sce_survey.control_task_days_<source>).
DEFAULT_TERM_DAYS = {"complaint_audit": 10, "quality_check": 10, "info_audit": 5}


class SceControlTask(models.Model):
    """A finding of internal control to put right (CTRL-4, CTRL-5): a measure promised to
    a complainant and not done or not recorded, a missing item of the site or a stand.
    The department concerned gets a term in working days of the production calendar
    (the deadline engine of sce_appeals) and a responsible; the client department that
    found it follows it to closure, overdue ones stand out."""

    _name = "sce.control.task"
    _inherit = ["mail.thread", "mail.activity.mixin", "sce.deadline.mixin"]
    _description = "Control task"
    _order = "state_sequence, deadline, id"

    name = fields.Char(string="Finding", required=True, tracking=True)
    description = fields.Text(string="What to put right")
    source = fields.Selection(CONTROL_SOURCES, required=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    mro_id = fields.Many2one(
        "sce.mro",
        string="MRO",
        index=True,
        readonly=True,
        help="The MRO whose client department found it; empty for the head office's findings.",
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Department",
        index=True,
        tracking=True,
        help="The profile department that puts it right.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        index=True,
        tracking=True,
        help="Who puts it right: reminded before the term.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", readonly=True, index="btree_not_null"
    )
    complaint_audit_line_id = fields.Many2one(
        "sce.complaint.audit.line",
        string="Complainant audit",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    info_audit_line_id = fields.Many2one(
        "sce.info.audit.line",
        string="Information audit item",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="open",
        readonly=True,
        tracking=True,
        index=True,
    )
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    date_assigned = fields.Datetime(
        string="Assigned", required=True, readonly=True, default=fields.Datetime.now
    )
    term_days = fields.Integer(string="Term (working days)", readonly=True)
    deadline = fields.Datetime(string="Term", readonly=True, copy=False, index=True)
    date_done = fields.Datetime(string="Done", readonly=True, copy=False)
    deadline_state = fields.Selection(
        DEADLINE_STATES, string="Term state", default="none", readonly=True, copy=False, index=True
    )
    reminded_deadline = fields.Datetime(readonly=True, copy=False)
    escalated = fields.Boolean(readonly=True, copy=False)
    resolution = fields.Text(help="What was done to put the finding right.")

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {"open": 0, "done": 1, "cancelled": 2}
        for task in self:
            task.state_sequence = order[task.state]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("term_days"):
                vals["term_days"] = self._sce_term_days(vals.get("source"))
        tasks = super().create(vals_list)
        tasks._sce_compute_deadlines()
        return tasks

    # ------------------------------------------------------------------ terms

    @api.model
    def _sce_term_days(self, source):
        """The working days of a finding of ``source`` (system parameter or default)."""
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"sce_survey.control_task_days_{source}")
        )
        return int(param) if param else DEFAULT_TERM_DAYS.get(source, 10)

    def _sce_compute_deadlines(self):
        """The term: ``term_days`` working days after the assignment, on the production
        calendar (GEN-10), ending at the end of the last day."""
        for task in self:
            calendar = task.company_id.sce_calendar_id or task.company_id.resource_calendar_id
            deadline = calendar._sce_deadline(task.date_assigned, task.term_days, "working_days")
            task._sce_write_deadline_fields({"deadline": deadline})
        self._sce_refresh_deadline_state()

    @api.model
    def _sce_deadline_watches(self):
        return (WATCH_CONTROL,)

    @api.model
    def _cron_sce_deadlines(self):
        """Control task terms: states, a reminder to the responsible, the breach to the
        client department of the MRO (CTRL-2, CTRL-5)."""
        return self._sce_watch_deadlines()

    @api.model
    def _sce_deadline_cron(self):
        return self.env.ref("sce_survey.ir_cron_sce_control_task_deadlines")

    @api.model
    def _sce_deadline_summary(self, watch, what):
        if what == "reminder":
            return self.env._("Control task: term approaching")
        return self.env._("Control task overdue: take control")

    def _sce_deadline_controllers(self, watch):
        return {
            task.id: task.mro_id.head_user_id or task.create_uid for task in self if task.create_uid
        }

    # ------------------------------------------------------------------ closing

    def action_done(self):
        """The department put the finding right: the term is met now."""
        tasks = self.filtered(lambda t: t.state == "open")
        tasks.write({"state": "done", "date_done": fields.Datetime.now()})
        tasks._sce_refresh_deadline_state()
        return True

    def action_cancel(self):
        """The finding proved unfounded."""
        tasks = self.filtered(lambda t: t.state == "open")
        tasks.write({"state": "cancelled", "date_done": fields.Datetime.now()})
        tasks._sce_refresh_deadline_state()
        return True

    def action_reopen(self):
        tasks = self.filtered(lambda t: t.state != "open")
        tasks.write({"state": "open", "date_done": False})
        tasks._sce_refresh_deadline_state()
        return True

    # ------------------------------------------------------------------ the findings

    @api.model
    def _sce_department_of(self, ticket):
        """The profile department concerned by an appeal: the appeal's own team when it is
        a profile department, otherwise (complaint router, front office) the department
        competent for its topic, else whatever team it has."""
        team = ticket.team_id
        if team and not (team.sce_is_complaint_router or team.sce_is_front_office):
            return team
        if ticket.category_id:
            competent = (
                self.env["helpdesk.ticket.team"]
                .sudo()
                .search(
                    [
                        ("category_ids", "in", ticket.category_id.ids),
                        ("sce_is_complaint_router", "=", False),
                        ("sce_is_front_office", "=", False),
                    ],
                    limit=1,
                )
            )
            if competent:
                return competent.with_env(self.env)
        return team

    @api.model
    def _sce_responsible_of(self, team, ticket=None):
        """Who puts it right: the department's head, else the appeal's performer, else
        the department's first member."""
        return team.user_id or (ticket and ticket.user_id) or team.user_ids[:1]
