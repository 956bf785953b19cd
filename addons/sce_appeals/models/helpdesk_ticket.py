from datetime import timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from .res_partner import ANSWER_CHANNELS
from .sce_sla_policy import APPEAL_KINDS

DEADLINE_STATES = [
    ("none", "No deadline"),
    ("on_track", "On track"),
    ("due_soon", "Due soon"),
    ("overdue", "Overdue"),
    ("done_on_time", "Answered on time"),
    ("done_late", "Answered late"),
]
REFUSAL_GROUNDS = [
    ("obscene", "Obscene or offensive language, threats"),
    ("unreadable", "The text cannot be read"),
    ("repeated", "Repeated question without new arguments"),
    ("commercial_secret", "The answer would disclose a commercial secret"),
    ("no_contact", "No contact data (no answer is sent)"),
]
DONE_STATES = ("answered", "closed", "refused")
ROUTED_STATES = ("routed", "review", "extended", "answered", "closed")


class HelpdeskTicket(models.Model):
    """An appeal (обращение) of a customer: a helpdesk ticket with the standard's
    channel, kind, deadlines, refusal grounds and answer letter."""

    _inherit = "helpdesk.ticket"

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
    answer_attachment_id = fields.Many2one(
        "ir.attachment", string="Answer letter", copy=False, readonly=True
    )

    # ------------------------------------------------------------------ computes

    @api.depends("account_id", "partner_id")
    def _compute_mro_id(self):
        for ticket in self:
            ticket.mro_id = (
                ticket.account_id.mro_id or ticket.partner_id.sce_home_mro_id or ticket.mro_id
            )

    @api.depends("channel_id", "appeal_kind")
    def _compute_sla_policy_id(self):
        policies = self.env["sce.sla.policy"]
        for ticket in self:
            if ticket.date_answered:
                ticket.sla_policy_id = ticket.sla_policy_id
            elif ticket.channel_id or ticket.appeal_kind:
                ticket.sla_policy_id = policies._sce_find(ticket.channel_id, ticket.appeal_kind)
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

    @api.model_create_multi
    def create(self, vals_list):
        front_office = self.env["helpdesk.ticket.team"].search(
            [("sce_is_front_office", "=", True)], limit=1
        )
        for vals in vals_list:
            if front_office and not vals.get("team_id") and self._sce_is_appeal_vals(vals):
                vals["team_id"] = front_office.id
        tickets = super().create(vals_list)
        appeals = tickets.filtered("team_id.sce_workflow")
        appeals._sce_compute_deadlines()
        appeals.filtered(lambda t: t._sce_is_classified())._sce_route()
        appeals.filtered(lambda t: t.sce_service_form == "interactive")._sce_acknowledge()
        return tickets

    @api.model
    def _sce_is_appeal_vals(self, vals):
        return bool(vals.get("appeal_kind") or vals.get("channel_id"))

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
            if stage.sce_state in ROUTED_STATES:
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
        for ticket in self:
            policy = ticket.sla_policy_id
            if not policy:
                continue
            calendar = ticket._sce_calendar()
            start = ticket.date_received or ticket.create_date or fields.Datetime.now()
            registration = calendar.sce_deadline(
                start, policy.registration_limit, policy.registration_unit
            )
            if policy.answer_unit == policy.registration_unit:
                answer = calendar.sce_deadline(
                    start, policy.registration_limit + policy.answer_limit, policy.answer_unit
                )
            else:
                answer = calendar.sce_deadline(
                    registration, policy.answer_limit, policy.answer_unit
                )
            total = (
                calendar.sce_deadline(start, policy.total_limit, policy.total_unit)
                if policy.total_limit
                else False
            )
            if ticket.extension_days:
                answer = calendar.sce_deadline(answer, ticket.extension_days, policy.extension_unit)
            if total and answer > total:
                answer = total
            key = (registration, answer, total or answer)
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
    def _sce_reminder_lead(self):
        return timedelta(hours=self.env.company.sce_reminder_lead_hours or 24)

    def _sce_deadline_state_value(self, now, lead):
        self.ensure_one()
        if not self.deadline_answer:
            return "none"
        if self.date_answered:
            return "done_on_time" if self.date_answered <= self.deadline_answer else "done_late"
        if now > self.deadline_answer:
            return "overdue"
        if now + lead >= self.deadline_answer:
            return "due_soon"
        return "on_track"

    def _sce_refresh_deadline_state(self):
        """Write the deadline state, one UPDATE per distinct value."""
        now, lead = fields.Datetime.now(), self._sce_reminder_lead()
        by_state = {}
        for ticket in self:
            value = ticket._sce_deadline_state_value(now, lead)
            if value != ticket.deadline_state:
                by_state.setdefault(value, self.browse())
                by_state[value] |= ticket
        for value, tickets in by_state.items():
            tickets._sce_write({"deadline_state": value})

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

    def action_sce_extend(self, days, reason):
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
        self._sce_notify_customer("sce_appeals.mail_template_sce_extension")
        return True

    def action_sce_refuse(self, ground, comment=False):
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

    def _sce_render_letter(self):
        self.ensure_one()
        report = self.env.ref("sce_appeals.action_report_sce_answer_letter")
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(report, self.ids)
        prefix = self.env._("Refusal") if self.refusal_ground else self.env._("Answer")
        return self.env["ir.attachment"].create(
            {
                "name": f"{prefix} {self.number}.pdf".replace("/", "-"),
                "type": "binary",
                "raw": pdf,
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
            }
        )

    def _sce_dispatch_letter(self):
        """Store the letter on the appeal and hand it to the chosen answer channel."""
        self.ensure_one()
        attachment = self._sce_render_letter()
        channel = self.answer_channel or "post"
        labels = dict(self._fields["answer_channel"]._description_selection(self.env))
        body = Markup("<p>%s</p>") % self.env._(
            "The answer to your appeal %(number)s is attached.", number=self.number
        )
        if channel == "email" and (self.partner_id.email or self.partner_email):
            self.message_post(
                body=body,
                subject=self.env._("Answer to appeal %(number)s", number=self.number),
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
                "post": self.env._("Send the answer letter by post"),
                "in_person": self.env._("Hand the answer letter over in person"),
                "phone": self.env._("Call the customer and give the answer"),
                "sms": self.env._("Send the answer by SMS"),
            }.get(channel, self.env._("Send the answer letter by post"))
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=self.env._("Answer letter: %(name)s", name=attachment.name),
                user_id=self.user_id.id or self.env.uid,
            )
            self.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Answer letter prepared for the channel: %(channel)s.",
                    channel=labels.get(channel, channel),
                ),
                attachment_ids=attachment.ids,
            )
        self._sce_write(
            {"answer_sent_date": fields.Datetime.now(), "answer_attachment_id": attachment.id}
        )

    def _sce_notify_customer(self, template_xmlid):
        template = self.env.ref(template_xmlid)
        for ticket in self:
            if ticket.partner_id.email:
                ticket.message_post_with_source(
                    template,
                    subtype_xmlid="mail.mt_comment",
                    message_type="comment",
                    partner_ids=ticket.partner_id.ids,
                )
            elif ticket.partner_email:
                template.send_mail(ticket.id, email_layout_xmlid="mail.mail_notification_light")

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

    def action_sce_open_knowledge_base(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sce_appeals.sce_faq_article_action")
        if self.category_id:
            action["context"] = {"search_default_category_id": self.category_id.id}
        return action

    # ------------------------------------------------------------------ reminders

    @api.model
    def _sce_open_domain(self):
        return [("date_answered", "=", False), ("deadline_answer", "!=", False)]

    @api.model
    def _sce_due_for_reminder(self, now):
        """Open appeals whose answer deadline falls within the lead time and whose
        responsible was not yet reminded of that deadline: one query."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT id FROM helpdesk_ticket
             WHERE active AND date_answered IS NULL
               AND deadline_answer > %s AND deadline_answer <= %s
               AND (reminded_deadline IS NULL OR reminded_deadline <> deadline_answer)
            """,
            [now, now + self._sce_reminder_lead()],
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _cron_sce_deadlines(self):
        """Refresh deadline states, remind responsibles before deadlines (CC-7 item 20)
        and escalate breaches to the MRO client department."""
        now = fields.Datetime.now()
        lead = self._sce_reminder_lead()
        open_domain = self._sce_open_domain()
        self.search(
            open_domain
            + [
                ("deadline_state", "in", ("on_track", "due_soon", "none")),
                ("deadline_answer", "<", now),
            ]
        ).write({"deadline_state": "overdue"})
        self.search(
            open_domain
            + [
                ("deadline_state", "in", ("on_track", "none")),
                ("deadline_answer", ">=", now),
                ("deadline_answer", "<=", now + lead),
            ]
        ).write({"deadline_state": "due_soon"})
        self._sce_create_reminders(self._sce_due_for_reminder(now))
        self._sce_escalate(
            self.search(
                open_domain + [("deadline_state", "=", "overdue"), ("escalated", "=", False)]
            )
        )

    def _sce_create_reminders(self, tickets):
        if not tickets:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._("Answer deadline approaching"),
                    "date_deadline": ticket.deadline_answer.date(),
                    "user_id": ticket.user_id.id or ticket.team_id.user_id.id or self.env.uid,
                }
                for ticket in tickets
            ]
        )
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET reminded_deadline = deadline_answer WHERE id IN %s",
            [tuple(tickets.ids)],
        )
        tickets.invalidate_recordset(["reminded_deadline"])

    def _sce_escalate(self, tickets):
        """An activity for the head of the appeal's MRO client department, or, when the
        MRO has no head set, for a member of that department."""
        if not tickets:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        department = self.env["res.users"].search(
            [
                ("groups_id", "in", self.env.ref("sce_appeals.group_sce_mro_client_dept").id),
                ("sce_mro_ids", "in", tickets.mro_id.ids),
            ]
        )
        vals_list, escalated = [], self.browse()
        for ticket in tickets:
            mro = ticket.mro_id
            controller = (
                mro.head_user_id or department.filtered(lambda u, m=mro: m in u.sce_mro_ids)[:1]
            )
            if not controller:
                continue  # escalated once someone controls the MRO
            escalated |= ticket
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._("Overdue appeal: take control"),
                    "date_deadline": fields.Date.context_today(self),
                    "user_id": controller.id,
                }
            )
        self.env["mail.activity"].create(vals_list)
        escalated._sce_write({"escalated": True})
