import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index, is_html_empty

from .res_partner import ANSWER_CHANNELS
from .sce_deadline_mixin import DEADLINE_STATES, DeadlineWatch
from .sce_sla_policy import APPEAL_KINDS

REFUSAL_GROUNDS = [
    ("obscene", "Obscene or offensive language, threats"),
    ("unreadable", "The text cannot be read"),
    ("repeated", "Repeated question without new arguments"),
    ("commercial_secret", "The answer would disclose a commercial secret"),
    ("no_contact", "No contact data (no answer is sent)"),
]
DONE_STATES = ("answered", "closed", "refused")
ROUTED_STATES = ("routed", "review", "extended", "answered", "closed")
# Registration ends when the appeal reaches its performer, or is refused outright.
REGISTERED_STATES = ROUTED_STATES + ("refused",)
DAY_UNITS = ("calendar_days", "working_days")
LETTER_REPORTS = {
    "answer": "sce_appeals.action_report_sce_answer_letter",
    "extension": "sce_appeals.action_report_sce_extension_notice",
}
WATCH_REGISTRATION = DeadlineWatch(
    "registration",
    "deadline_registration",
    "date_routed",
    "registration_state",
    "registration_reminded",
    "registration_escalated",
)
WATCH_ANSWER = DeadlineWatch(
    "answer", "deadline_answer", "date_answered", "deadline_state", "reminded_deadline", "escalated"
)
WATCH_TOTAL = DeadlineWatch(
    "total", "deadline_total", "date_answered", "total_state", "", "total_escalated"
)


class HelpdeskTicket(models.Model):
    """An appeal (обращение) of a customer: a helpdesk ticket with the standard's
    channel, kind, deadlines, refusal grounds and answer letter."""

    _inherit = ["helpdesk.ticket", "sce.deadline.mixin"]
    _name = "helpdesk.ticket"

    # helpdesk_mgmt's fields, named as the standard names them.
    number = fields.Char(string="Registration number")
    name = fields.Char(string="Subject")
    partner_id = fields.Many2one(string="Customer")
    channel_id = fields.Many2one(string="Channel of receipt")
    category_id = fields.Many2one(string="Topic")
    team_id = fields.Many2one(string="Department")
    user_id = fields.Many2one(string="Responsible")
    stage_id = fields.Many2one(string="Stage of the appeal")
    description = fields.Html(string="Text of the appeal")

    appeal_kind = fields.Selection(APPEAL_KINDS, string="Kind", index=True, tracking=True)
    sce_workflow = fields.Boolean(related="team_id.sce_workflow")
    sce_service_form = fields.Selection(
        related="channel_id.sce_service_form", store=True, index=True, string="Service form"
    )
    sce_state = fields.Selection(
        related="stage_id.sce_state", store=True, index=True, string="Appeal state"
    )
    account_id = fields.Many2one(
        "sce.account",
        string="Personal account",
        index=True,
        tracking=True,
        domain="[('partner_id', 'child_of', partner_id)] if partner_id else []",
    )
    mro_id = fields.Many2one(
        "sce.mro",
        string="MRO",
        index=True,
        compute="_compute_mro_id",
        store=True,
        readonly=False,
        tracking=True,
    )
    territorial_unit_id = fields.Many2one(
        "sce.territorial.unit", string="Territorial unit", domain="[('mro_id', '=', mro_id)]"
    )
    sce_customer_group = fields.Selection(
        related="partner_id.sce_customer_group", store=True, string="Customer group"
    )
    sce_needs_priority = fields.Boolean(
        related="partner_id.sce_needs_priority", string="Individual approach"
    )
    date_received = fields.Datetime(
        string="Received", default=fields.Datetime.now, index=True, copy=False
    )
    date_routed = fields.Datetime(string="Routed", copy=False, readonly=True)
    date_answered = fields.Datetime(string="Answered", index=True, copy=False, readonly=True)
    sla_policy_id = fields.Many2one(
        "sce.sla.policy",
        string="Deadline policy",
        compute="_compute_sla_policy_id",
        store=True,
        readonly=False,
    )
    deadline_registration = fields.Datetime(
        string="Registration deadline", index=True, copy=False, readonly=True
    )
    deadline_answer = fields.Datetime(
        string="Answer deadline", index=True, copy=False, readonly=True, tracking=True
    )
    deadline_total = fields.Datetime(string="Final deadline", copy=False, readonly=True)
    deadline_state = fields.Selection(
        DEADLINE_STATES, default="none", index=True, copy=False, readonly=True, string="Term"
    )
    registration_state = fields.Selection(
        DEADLINE_STATES,
        default="none",
        index=True,
        copy=False,
        readonly=True,
        string="Registration term",
        help="Registered (classified and routed to the performer) within the registration "
        "deadline: what the front office is judged on.",
    )
    total_state = fields.Selection(
        DEADLINE_STATES, default="none", index=True, copy=False, readonly=True, string="Final term"
    )
    registration_reminded = fields.Datetime(copy=False, readonly=True)
    registration_escalated = fields.Boolean(copy=False, readonly=True, index=True)
    total_escalated = fields.Boolean(copy=False, readonly=True, index=True)
    sce_extension_limit = fields.Integer(related="sla_policy_id.extension_limit")
    extension_days = fields.Integer(string="Extended by", copy=False, readonly=True)
    extension_reason = fields.Text(copy=False, readonly=True)
    extension_date = fields.Datetime(string="Extended on", copy=False, readonly=True)
    reminded_deadline = fields.Datetime(copy=False, readonly=True)
    escalated = fields.Boolean(copy=False, readonly=True, index=True)
    justified = fields.Boolean(
        string="Justified complaint",
        tracking=True,
        help="The supplier's fault is confirmed out of court or by a court (GEN-5).",
    )
    justified_basis = fields.Selection(
        [("out_of_court", "Out-of-court check"), ("court", "Court decision")],
        string="Justified by",
    )
    justified_reference = fields.Char(string="Decision reference")
    refusal_ground = fields.Selection(REFUSAL_GROUNDS, copy=False, readonly=True, tracking=True)
    refusal_comment = fields.Text(copy=False, readonly=True)
    answer_channel = fields.Selection(
        ANSWER_CHANNELS,
        compute="_compute_answer_channel",
        store=True,
        readonly=False,
        help="The answer goes through the channel the customer chose (FB-3).",
    )
    answer_stating = fields.Html(
        string="Stating part",
        help="Summary of the appeal, the facts established, reasons and legal references.",
    )
    answer_resolving = fields.Html(string="Resolving part", help="The answer or decision.")
    answer_user_id = fields.Many2one(
        "res.users", string="Signed by", default=lambda self: self.env.user
    )
    answer_sent_date = fields.Datetime(copy=False, readonly=True)
    sce_import_id = fields.Many2one(
        "sce.appeal.import",
        string="Imported by",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The import that migrated this appeal from the former system.",
    )
    answer_attachment_id = fields.Many2one(
        "ir.attachment", string="Answer letter", copy=False, readonly=True
    )

    def init(self):
        """Indexes of the hot paths measured by `make bench` (issue 10). Quality
        indicators (GEN-8) look for the same customer's next appeal of a kind within 30
        days of each one: an index answers each lookup."""
        res = super().init()
        create_index(
            self.env.cr,
            "helpdesk_ticket_sce_repeat_idx",
            self._table,
            ["partner_id", "appeal_kind", "date_received"],
            where="partner_id IS NOT NULL",
        )
        # The list of open appeals, in its order: a page is read from the index, not
        # sorted out of a million appeals (the filter "Open" of the appeals' search view).
        create_index(
            self.env.cr,
            "helpdesk_ticket_sce_open_list_idx",
            self._table,
            # team_id last: the appeals' teams are matched inside the index
            ["priority DESC", "sequence", "number DESC", "id DESC", "team_id"],
            where="sce_state NOT IN ('answered', 'closed', 'refused') OR sce_state IS NULL",
        )
        # The open appeals by answer deadline (the operators' working order, the deadline
        # column clicked): read in order from the open ones, not filtered out of every
        # appeal's deadline (4 s at a million appeals before this index).
        create_index(
            self.env.cr,
            "helpdesk_ticket_sce_open_deadline_idx",
            self._table,
            ["deadline_answer", "id"],
            where="sce_state NOT IN ('answered', 'closed', 'refused') OR sce_state IS NULL",
        )
        # The pivot of appeals by channel and kind (and the monitoring breakdowns by
        # them) over millions of appeals: an index-only scan instead of reading the table.
        create_index(
            self.env.cr,
            "helpdesk_ticket_sce_channel_kind_idx",
            self._table,
            ["channel_id", "appeal_kind", "team_id", "company_id", "active"],
        )
        # GEN-2: a registration number names one appeal; the customer quotes it on the
        # phone, the importer of historical appeals checks it against the register.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS helpdesk_ticket_sce_number_uniq
                   ON helpdesk_ticket (number) WHERE sce_state IS NOT NULL"""
        )
        return res

    # ------------------------------------------------------------------ computes

    @api.depends("account_id", "partner_id")
    def _compute_mro_id(self):
        for ticket in self:
            ticket.mro_id = (
                ticket.account_id.mro_id or ticket.partner_id.sce_home_mro_id or ticket.mro_id
            )

    @api.depends("number", "name")
    def _compute_display_name(self):
        """“2026-000123 - Subject”; a new appeal has neither number nor subject yet
        (helpdesk_mgmt's “/ - False”)."""
        for ticket in self:
            number = ticket.number if ticket.number and ticket.number != "/" else ""
            parts = [part for part in (number, ticket.name) if part]
            ticket.display_name = " - ".join(parts) or self.env._("New appeal")

    @api.depends("channel_id", "appeal_kind")
    def _compute_sla_policy_id(self):
        """One policy lookup per distinct channel and kind of the batch."""
        policies = self.env["sce.sla.policy"]
        found = {}
        for ticket in self:
            if ticket.date_answered:
                ticket.sla_policy_id = ticket.sla_policy_id
            elif ticket.channel_id or ticket.appeal_kind:
                key = (ticket.channel_id, ticket.appeal_kind)
                if key not in found:
                    found[key] = policies._sce_find(ticket.channel_id, ticket.appeal_kind)
                ticket.sla_policy_id = found[key]
            else:
                ticket.sla_policy_id = False

    @api.depends("partner_id", "channel_id")
    def _compute_answer_channel(self):
        for ticket in self:
            ticket.answer_channel = (
                ticket.partner_id.sce_preferred_answer_channel
                or ticket.channel_id.sce_default_answer_channel
                or ticket.answer_channel
                or ("email" if ticket.partner_id.email or ticket.partner_email else "post")
            )

    # ------------------------------------------------------------------ constraints

    @api.constrains("justified", "appeal_kind", "justified_basis")
    def _check_justified(self):
        for ticket in self:
            if ticket.justified and ticket.appeal_kind != "complaint":
                raise ValidationError(self.env._("Only a complaint can be marked justified."))
            if ticket.justified and not ticket.justified_basis:
                raise ValidationError(
                    self.env._(
                        "A justified complaint needs its basis: an out-of-court check "
                        "or a court decision."
                    )
                )

    # ------------------------------------------------------------------ CRUD

    def _read_format(self, fnames, load="_classic_read"):
        """The customer's e-mail copied on the appeal is a contact like the partner's
        (GEN-7): hidden from roles without customer contacts."""
        result = super()._read_format(fnames, load=load)
        if "partner_email" in fnames and self.env["res.partner"]._sce_hides_contacts():
            for values in result:
                values["partner_email"] = False
        return result

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        if self.env.context.get("sce_appeals"):
            return stages.search([("sce_state", "!=", False)])
        return super()._read_group_stage_ids(stages, domain)

    def _prepare_ticket_number(self, values):
        """Appeals are numbered per year (2026-000123); other tickets keep helpdesk_mgmt's
        numbering."""
        team_id = values.get("team_id")
        team = self.env["helpdesk.ticket.team"].browse(team_id) if team_id else self[:1].team_id
        if team.sce_workflow or self._sce_is_appeal_vals(values):
            return self.env["ir.sequence"].next_by_code("sce.appeal")
        return super()._prepare_ticket_number(values)

    @api.model
    def _sce_next_numbers(self, count):
        """``count`` registration numbers of the appeal sequence, those next_by_code
        would give one by one, with one look-up of the sequence and of its year's range
        (a batch of appeals costs one nextval each)."""
        self.env["ir.sequence"].browse().check_access("read")
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "sce.appeal"), ("company_id", "in", [self.env.company.id, False])],
            order="company_id",
            limit=1,
        )
        if not sequence or not sequence.use_date_range:
            return [sequence._next() if sequence else False for _i in range(count)]
        day = self.env.context.get("ir_sequence_date", fields.Date.today())
        date_range = self.env["ir.sequence.date_range"].search(
            [("sequence_id", "=", sequence.id), ("date_from", "<=", day), ("date_to", ">=", day)],
            limit=1,
        ) or sequence._create_date_range_seq(day)
        date_range = date_range.with_context(ir_sequence_date_range=date_range.date_from)
        return [date_range._next() for _i in range(count)]

    @api.model_create_multi
    def create(self, vals_list):
        front_office = self.env["helpdesk.ticket.team"].search(
            [("sce_is_front_office", "=", True)], limit=1
        )
        for vals in vals_list:
            if front_office and not vals.get("team_id") and self._sce_is_appeal_vals(vals):
                vals["team_id"] = front_office.id
        teams = self.env["helpdesk.ticket.team"].browse(
            {vals["team_id"] for vals in vals_list if vals.get("team_id")}
        )
        appeal_teams = set(teams.filtered("sce_workflow").ids)
        to_number = [
            vals
            for vals in vals_list
            if vals.get("number", "/") == "/"
            and (vals.get("team_id") in appeal_teams or self._sce_is_appeal_vals(vals))
        ]
        for vals, number in zip(to_number, self._sce_next_numbers(len(to_number)), strict=True):
            vals["number"] = number
        # helpdesk_mgmt looks the first stage up for each ticket: once per team here
        first_stages = {}
        for vals in vals_list:
            if vals.get("team_id") and "stage_id" not in vals:
                if vals["team_id"] not in first_stages:
                    team = teams.browse(vals["team_id"])
                    first_stages[vals["team_id"]] = team._get_applicable_stages()[:1].id
                vals["stage_id"] = first_stages[vals["team_id"]]
        tickets = super().create(vals_list)
        appeals = tickets.filtered("team_id.sce_workflow")
        appeals._sce_compute_deadlines()
        appeals.filtered(lambda t: t._sce_is_classified())._sce_route()
        appeals.filtered(lambda t: t.sce_service_form == "interactive")._sce_acknowledge()
        return tickets

    @api.model
    def message_new(self, msg, custom_values=None):
        """An e-mail to an appeals department's alias is an appeal of channel E-mail:
        numbered, with its deadlines and the mail robot's answer; its kind is
        classified by the front office. Replies reach the appeal through
        ``message_update``."""
        values = dict(custom_values or {})
        team = self.env["helpdesk.ticket.team"].browse(values.get("team_id"))
        if team.sce_workflow:
            values.setdefault(
                "channel_id", self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email").id
            )
        return super().message_new(msg, custom_values=values)

    def _message_get_suggested_recipients(self):
        """GEN-7: staff who must not see customers' contacts (specialists, managers)
        get the customer suggested without the e-mail address; the server still sends
        the mail."""
        recipients = super()._message_get_suggested_recipients()
        if not self.env["res.partner"]._sce_hides_contacts():
            return recipients
        internal = self.env["res.users"].sudo().search([("share", "=", False)]).partner_id
        for recipient in recipients:
            if recipient.get("partner_id") not in internal.ids:
                recipient["email"] = False
                recipient.pop("create_values", None)
        return recipients

    @api.model
    def _sce_is_appeal_vals(self, vals):
        """An appeal has a kind or a channel, given in the values or as the context's
        defaults (a form opened from a call, server code creating with defaults)."""
        context = self.env.context
        return any(
            vals.get(fname) or context.get(f"default_{fname}")
            for fname in ("appeal_kind", "channel_id")
        )

    def _sce_write(self, vals):
        """Write our own bookkeeping fields without the workflow side effects."""
        return self.with_context(sce_internal_write=True).write(vals)

    def write(self, vals):
        if self.env.context.get("sce_internal_write"):
            return super().write(vals)
        vals = dict(vals)  # the caller's dict stays as it was
        stage = "stage_id" in vals and self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
        if stage and stage.sce_state:
            now = fields.Datetime.now()
            if stage.sce_state in REGISTERED_STATES:
                unrouted = self.filtered(lambda t: not t.date_routed)
                unrouted._sce_write({"date_routed": now})
            if stage.sce_state in DONE_STATES:
                unanswered = self.filtered(lambda t: not t.date_answered)
                unanswered._sce_write({"date_answered": now})
            else:
                vals.setdefault("date_answered", False)
        res = super().write(vals)
        if {"sla_policy_id", "date_received", "channel_id", "appeal_kind"} & set(vals):
            self.filtered("sla_policy_id")._sce_compute_deadlines()
        elif {"stage_id", "date_answered"} & set(vals):
            self._sce_refresh_deadline_state()
        return res

    # ------------------------------------------------------------------ deadlines

    def _sce_calendar(self):
        company = self.company_id[:1] or self.env.company
        return company.sce_calendar_id or company.resource_calendar_id

    def _sce_compute_deadlines(self):
        """Store the registration, answer and final deadlines from the policy, one
        UPDATE per distinct set of deadlines (a batch received together shares them)."""
        by_deadlines = {}
        computed = {}  # appeals received the same day under one policy share their deadlines
        for ticket in self:
            policy = ticket.sla_policy_id
            if not policy:
                continue
            start = ticket.date_received or ticket.create_date or fields.Datetime.now()
            calendar = ticket._sce_calendar()
            memo = self._sce_deadline_key(policy, calendar, start, ticket.extension_days)
            if memo not in computed:
                computed[memo] = self._sce_deadlines_of(
                    policy, calendar, start, ticket.extension_days
                )
            registration, answer, total = computed[memo]
            key = (registration, answer, total)
            by_deadlines[key] = by_deadlines.get(key, self.browse()) | ticket
        for (registration, answer, total), tickets in by_deadlines.items():
            tickets._sce_write(
                {
                    "deadline_registration": registration,
                    "deadline_answer": answer,
                    "deadline_total": total,
                }
            )
        self._sce_refresh_deadline_state()

    @api.model
    def _sce_deadline_key(self, policy, calendar, start, extension_days=0):
        """What the deadlines of ``_sce_deadlines_of`` depend on: with limits in days
        only, the day of receipt in the calendar's time zone, else the very moment."""
        units = {policy.registration_unit, policy.answer_unit}
        if policy.total_limit:
            units.add(policy.total_unit)
        if extension_days:
            units.add(policy.extension_unit)
        if units <= set(DAY_UNITS):
            day = pytz.utc.localize(start).astimezone(calendar._sce_tz()).date()
            return (policy.id, calendar.id, day, extension_days)
        return (policy.id, calendar.id, start, extension_days)

    @api.model
    def _sce_deadlines_of(self, policy, calendar, start, extension_days=0):
        """(registration, answer, total) deadlines of an appeal received at ``start``
        under ``policy``: the one place the arithmetic lives (the bulk loader of
        demo/bulk.py calls it too)."""
        registration = calendar._sce_deadline(
            start, policy.registration_limit, policy.registration_unit
        )
        if policy.answer_unit == policy.registration_unit:
            answer = calendar._sce_deadline(
                start, policy.registration_limit + policy.answer_limit, policy.answer_unit
            )
        else:
            answer = calendar._sce_deadline(registration, policy.answer_limit, policy.answer_unit)
        total = (
            calendar._sce_deadline(start, policy.total_limit, policy.total_unit)
            if policy.total_limit
            else False
        )
        if extension_days:
            answer = calendar._sce_deadline(answer, extension_days, policy.extension_unit)
        if total and answer > total:
            answer = total
        if not policy.registration_limit and policy.registration_unit not in DAY_UNITS:
            registration = False  # registered as it is received (a call)
        return registration, answer, total

    @api.model
    def _sce_deadline_watches(self):
        return (WATCH_REGISTRATION, WATCH_ANSWER, WATCH_TOTAL)

    def _sce_write_deadline_fields(self, vals):
        return self._sce_write(vals)

    # ------------------------------------------------------------------ workflow

    def _sce_stage(self, state):
        return self.env["helpdesk.ticket.stage"].search([("sce_state", "=", state)], limit=1)

    def _sce_route(self):
        """Classified appeals go to the complaint router (complaints, WEB-5) or to the
        profile department competent for the topic."""
        teams = self.env["helpdesk.ticket.team"].search([("sce_workflow", "=", True)])
        router = teams.filtered("sce_is_complaint_router")[:1]
        routed_stage = self._sce_stage("routed")
        by_team = {}
        for ticket in self:
            if ticket.appeal_kind == "complaint" and router:
                team = router
            else:
                team = teams.filtered(lambda t, c=ticket.category_id: c in t.category_ids)[:1]
            by_team[team] = by_team.get(team, self.browse()) | ticket
        for team, tickets in by_team.items():
            vals = {"stage_id": routed_stage.id}
            if team:
                vals["team_id"] = team.id
            tickets.write(vals)

    def _sce_is_classified(self):
        """Complaints go to the router as they are (WEB-5); other appeals need a topic."""
        self.ensure_one()
        return self.appeal_kind == "complaint" or bool(self.appeal_kind and self.category_id)

    def action_sce_route(self):
        for ticket in self:
            if not ticket._sce_is_classified():
                raise UserError(
                    self.env._(
                        "Appeal %(number)s: set its kind and topic before routing it.",
                        number=ticket.number,
                    )
                )
        self._sce_route()
        return True

    def action_sce_start_review(self):
        self.write({"stage_id": self._sce_stage("review").id})
        return True

    def action_sce_close(self):
        self.write({"stage_id": self._sce_stage("closed").id})
        return True

    def _sce_extend(self, days, reason):
        """Extend the answer deadline once, by at most the policy's limit (POST-3), and
        tell the customer the new date."""
        self.ensure_one()
        policy = self.sla_policy_id
        if not policy or not self.deadline_answer:
            raise UserError(self.env._("This appeal has no deadline to extend."))
        if self.date_answered:
            raise UserError(self.env._("The appeal is already answered."))
        if self.extension_days:
            raise UserError(self.env._("The deadline of an appeal can be extended only once."))
        if not policy.extension_limit:
            raise UserError(
                self.env._(
                    "The deadline policy “%(policy)s” allows no extension: the appeal must "
                    "be answered within its term.",
                    policy=policy.name,
                )
            )
        if not reason or not reason.strip():
            raise UserError(self.env._("Give the reason for the extension."))
        if days < 1 or days > policy.extension_limit:
            raise UserError(
                self.env._(
                    "The extension must be between 1 and %(limit)s days.",
                    limit=policy.extension_limit,
                )
            )
        self.write(
            {
                "extension_days": days,
                "extension_reason": reason.strip(),
                "extension_date": fields.Datetime.now(),
                "stage_id": self._sce_stage("extended").id,
            }
        )
        self._sce_compute_deadlines()
        self._sce_dispatch_letter("extension")
        return True

    def _sce_refuse(self, ground, comment=False):
        """Refuse to consider the appeal on a POST-4 ground. The customer gets the
        refusal letter, except when there are no contact data."""
        self.ensure_one()
        if ground not in dict(REFUSAL_GROUNDS):
            raise UserError(self.env._("Choose a refusal ground."))
        if ground == "no_contact" and self._sce_has_contact():
            raise UserError(
                self.env._(
                    "The appeal has contact data, so “no contact data” does not apply: "
                    "the customer must be answered."
                )
            )
        self.write(
            {
                "refusal_ground": ground,
                "refusal_comment": comment,
                "stage_id": self._sce_stage("refused").id,
            }
        )
        if ground == "no_contact":
            self.message_post(
                body=self.env._(
                    "Not considered: the appeal has no contact data, no answer is sent " "(POST-4)."
                )
            )
        else:
            self._sce_dispatch_letter()
        return True

    def _sce_has_contact(self):
        partner = self.partner_id
        return bool(
            self.partner_email
            or partner.email
            or partner.phone
            or partner.mobile
            or partner.street
            or self.account_id
        )

    def action_sce_send_answer(self):
        """Render the answer letter and send it through the customer's channel (FB-3)."""
        for ticket in self:
            missing = [
                label
                for label, empty in (
                    (self.env._("stating part"), is_html_empty(ticket.answer_stating)),
                    (self.env._("resolving part"), is_html_empty(ticket.answer_resolving)),
                    (self.env._("signatory"), not ticket.answer_user_id),
                    (self.env._("customer"), not ticket.partner_id),
                )
                if empty
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s: the answer lacks its %(missing)s.",
                        number=ticket.number,
                        missing=", ".join(missing),
                    )
                )
            ticket.write({"stage_id": ticket._sce_stage("answered").id})
            ticket._sce_dispatch_letter()
        return True

    def _sce_letter_title(self, letter):
        if letter == "extension":
            return self.env._("Extension notice")
        if self.refusal_ground:
            return self.env._("Refusal")
        return self.env._("Answer")

    def _sce_render_letter(self, letter="answer"):
        self.ensure_one()
        report = self.env.ref(LETTER_REPORTS[letter])
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(report, self.ids)
        return self.env["ir.attachment"].create(
            {
                "name": f"{self._sce_letter_title(letter)} {self.number}.pdf".replace("/", "-"),
                "type": "binary",
                "raw": pdf,
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
            }
        )

    def _sce_customer_email(self):
        """The customer's address, read for the dispatch whoever sends it: a specialist
        answering does not see customers' contacts (GEN-7), the letter still goes."""
        self.ensure_one()
        ticket = self.sudo()
        return ticket.partner_id.email or ticket.partner_email

    def _sce_dispatch_channel(self):
        """The customer's answer channel (FB-3); e-mail without an address goes by post."""
        channel = self.answer_channel or "post"
        if channel == "email" and not self._sce_customer_email():
            return "post"
        return channel

    def _sce_dispatch_letter(self, letter="answer"):
        """Store the letter on the appeal and hand it to the customer's answer channel
        (FB-3): e-mail, the personal cabinet, or a task for post, hand-over, phone or SMS."""
        self.ensure_one()
        channel = self._sce_dispatch_channel()
        if letter == "extension" and channel == "email":
            self._sce_notify_customer("sce_appeals.mail_template_sce_extension")
            return
        attachment = self._sce_render_letter(letter)
        labels = dict(self._fields["answer_channel"]._description_selection(self.env))
        title = self._sce_letter_title(letter)
        body = Markup("<p>%s</p>") % self.env._(
            "%(letter)s on your appeal %(number)s is attached.", letter=title, number=self.number
        )
        if channel == "email":
            self.message_post(
                body=body,
                subject=self.env._(
                    "%(letter)s on appeal %(number)s", letter=title, number=self.number
                ),
                attachment_ids=attachment.ids,
                partner_ids=self.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        elif channel == "cabinet":
            self.message_post(
                body=body,
                attachment_ids=attachment.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        else:
            summary = {
                "post": self.env._("%(letter)s: send it by post"),
                "in_person": self.env._("%(letter)s: hand it over in person"),
                "phone": self.env._("%(letter)s: call the customer and read it out"),
                "sms": self.env._("%(letter)s: send it by SMS"),
            }.get(channel, self.env._("%(letter)s: send it by post")) % {"letter": title}
            self.env["mail.activity"].create(
                self._sce_activity_values(
                    self,
                    summary,
                    self.user_id or self.env.user,
                    fields.Date.context_today(self),
                    note=self.env._("Letter: %(name)s", name=attachment.name),
                )
            )
            self.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "%(letter)s prepared for the channel: %(channel)s.",
                    letter=title,
                    channel=labels.get(channel, channel),
                ),
                attachment_ids=attachment.ids,
            )
        if letter == "answer":
            self._sce_write(
                {"answer_sent_date": fields.Datetime.now(), "answer_attachment_id": attachment.id}
            )

    def _sce_notify_customer(self, template_xmlid):
        template = self.env.ref(template_xmlid)
        for ticket in self:
            if ticket.sudo().partner_id.email:
                ticket.message_post_with_source(
                    template,
                    subtype_xmlid="mail.mt_comment",
                    message_type="comment",
                    partner_ids=ticket.partner_id.ids,
                )
            elif ticket.sudo().partner_email:
                template.sudo().send_mail(
                    ticket.id, email_layout_xmlid="mail.mail_notification_light"
                )

    def _sce_acknowledge(self):
        """Mail robot (WEB-4, WEB-5): thank the customer, give the number and the term."""
        self._sce_notify_customer("sce_appeals.mail_template_sce_acknowledgement")

    def sce_local_date(self, fname):
        """A datetime field as DD.MM.YYYY in the production calendar's time zone."""
        self.ensure_one()
        value = self[fname]
        if not value:
            return ""
        tz = self._sce_calendar()._sce_tz()
        return pytz.utc.localize(value).astimezone(tz).strftime("%d.%m.%Y")

    def action_sce_open_customer_card(self):
        """The customer's card (GEN-3) from the appeal: accounts, open appeals, timeline."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.partner_id.display_name,
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "views": [(self.env.ref("sce_appeals.res_partner_view_form_sce_card").id, "form")],
            "target": "current",
        }

    def action_sce_open_knowledge_base(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sce_appeals.sce_faq_article_action")
        if self.category_id:
            action["context"] = {"search_default_category_id": self.category_id.id}
        return action

    # ------------------------------------------------------------------ reminders

    @api.model
    def _cron_sce_deadlines(self):
        """Refresh the terms, remind before each deadline (CC-7 item 20) and escalate
        breaches: registration to the front office, answer and final terms to the MRO
        client department. Return how many breaches are left for the next runs."""
        return self._sce_watch_deadlines()

    @api.model
    def _sce_deadline_cron(self):
        return self.env.ref("sce_appeals.ir_cron_sce_deadlines")

    @api.model
    def _sce_deadline_summary(self, watch, what):
        return {
            ("registration", "reminder"): self.env._("Register and route the appeal"),
            ("registration", "escalation"): self.env._("Registration overdue: take control"),
            ("answer", "reminder"): self.env._("Answer deadline approaching"),
            ("answer", "escalation"): self.env._("Overdue appeal: take control"),
            ("total", "escalation"): self.env._("Final deadline breached: take control"),
        }.get((watch.key, what)) or super()._sce_deadline_summary(watch, what)

    def _sce_front_office_leader(self):
        team = self.env["helpdesk.ticket.team"].search(
            [("sce_is_front_office", "=", True)], limit=1
        )
        return team.user_id

    def _sce_deadline_responsibles(self, watch):
        front_leader = self._sce_front_office_leader() if watch.key == "registration" else None
        return {
            ticket.id: ticket.user_id or ticket.team_id.user_id or front_leader for ticket in self
        }

    def _sce_deadline_controllers(self, watch):
        if watch.key == "registration":
            leader = self._sce_front_office_leader()
            return {ticket.id: ticket.team_id.user_id or leader for ticket in self}
        return self._sce_mro_controllers()

    def _sce_mro_controllers(self):
        """{appeal id: the head of its MRO client department, or a member of it}."""
        department = self.env["res.users"].search(
            [
                ("groups_id", "in", self.env.ref("sce_appeals.group_sce_mro_client_dept").id),
                ("sce_mro_ids", "in", self.mro_id.ids),
            ]
        )
        return {
            ticket.id: ticket.mro_id.head_user_id
            or department.filtered(lambda u, m=ticket.mro_id: m in u.sce_mro_ids)[:1]
            for ticket in self
        }
