from odoo import api, fields, models
from odoo.exceptions import UserError

YES_NO = [("yes", "Yes"), ("no", "No")]
# What a complainant confirms: the fields of the line.
AUDIT_ITEMS = ("measures_done", "recorded_in_crm")


class SceComplaintAuditLine(models.Model):
    """One drawn complainant (CTRL-5), asked by phone (the organizer records the answers)
    or by e-mail (a questionnaire of kind "audit"): were the measures promised in the
    answer done, and are they recorded in the CRM? Each "no" opens a control task for
    the department concerned."""

    _name = "sce.complaint.audit.line"
    _description = "Complainant asked"
    _order = "audit_id, id"
    _rec_name = "partner_id"

    audit_id = fields.Many2one(
        "sce.complaint.audit", required=True, index=True, ondelete="cascade", readonly=True
    )
    mro_id = fields.Many2one(related="audit_id.mro_id", store=True, index=True)
    date_from = fields.Date(related="audit_id.date_from", store=True, string="Month")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        readonly=True,
        help="The customer's latest complaint answered in the month: its promised measures.",
    )
    method = fields.Selection(
        [("phone", "By phone"), ("email", "By e-mail")], string="Asked", readonly=True
    )
    user_input_id = fields.Many2one(
        "survey.user_input", string="E-mail survey", readonly=True, ondelete="set null"
    )
    measures_done = fields.Selection(YES_NO, string="Measures done")
    recorded_in_crm = fields.Selection(YES_NO, string="Recorded in the CRM")
    note = fields.Text(string="Customer's words")
    asked_by_id = fields.Many2one("res.users", string="Asked by", readonly=True)
    date_asked = fields.Datetime(string="Answered on", readonly=True)
    state = fields.Selection(
        [
            ("to_ask", "To ask"),
            ("sent", "Survey sent"),
            ("confirmed", "Confirmed"),
            ("discrepancy", "Discrepancy"),
            ("unreachable", "Unreachable"),
        ],
        default="to_ask",
        required=True,
        readonly=True,
        index=True,
    )
    task_ids = fields.One2many("sce.control.task", "complaint_audit_line_id", string="Tasks")

    def _sce_check_open(self):
        for line in self:
            if line.state not in ("to_ask", "sent"):
                raise UserError(
                    self.env._(
                        "%(customer)s was already asked.", customer=line.partner_id.display_name
                    )
                )

    def action_record_answers(self):
        """The organizer entered both answers: asked by phone, or completing an e-mail
        survey that did not ask both (whether the measures are in the CRM, say)."""
        self._sce_check_open()
        for line in self:
            if not (line.measures_done and line.recorded_in_crm):
                raise UserError(
                    self.env._(
                        "%(customer)s: enter both answers of the customer first.",
                        customer=line.partner_id.display_name,
                    )
                )
            if not line.method:
                line.method = "phone"
        self._sce_record_answers()
        return True

    def action_unreachable(self):
        self._sce_check_open()
        self.write(
            {
                "state": "unreachable",
                "asked_by_id": self.env.uid,
                "date_asked": fields.Datetime.now(),
            }
        )
        return True

    def action_send_survey(self):
        """Invite the customer by e-mail to the complainant-audit questionnaire (the
        newest one whose questions carry the audit items)."""
        self._sce_check_open()
        survey = self.env["survey.survey"].search(
            [("sce_kind", "=", "audit"), ("question_and_page_ids.sce_audit_item", "!=", False)],
            order="id desc",
            limit=1,
        )
        if not survey:
            raise UserError(self.env._("There is no questionnaire of the complainant audit."))
        template = self.env.ref("survey.mail_template_user_input_invite", False)
        for line in self:
            if not line.partner_id.email:
                raise UserError(
                    self.env._(
                        "%(customer)s has no e-mail: ask by phone.",
                        customer=line.partner_id.display_name,
                    )
                )
            answer = survey._sce_invite(line.partner_id, "email", ticket=line.ticket_id)
            line.write(
                {
                    "method": "email",
                    "user_input_id": answer.id,
                    "state": "sent",
                    "asked_by_id": self.env.uid,
                }
            )
            if template:
                template.sudo().send_mail(answer.id)
        return True

    def _sce_record_answers(self, values=None):
        """Store the answers (``values`` maps the ``AUDIT_ITEMS`` to yes/no) and open a
        control task for each "no"."""
        if values:
            self.write(values)
        now = fields.Datetime.now()
        for line in self:
            missing = [item for item in AUDIT_ITEMS if line[item] == "no"]
            line.write(
                {
                    "state": "discrepancy" if missing else "confirmed",
                    "date_asked": now,
                    "asked_by_id": line.asked_by_id.id or self.env.uid,
                }
            )
            if missing:
                line._sce_open_tasks(missing)

    def _sce_open_tasks(self, items):
        """A control task per discrepancy, for the department concerned by the complaint."""
        self.ensure_one()
        Task = self.env["sce.control.task"]
        ticket = self.ticket_id
        team = Task._sce_department_of(ticket) if ticket else self.env["helpdesk.ticket.team"]
        user = Task._sce_responsible_of(team, ticket)
        Task.create(
            [
                {
                    "name": self._sce_finding(item),
                    "description": self.env._(
                        "Complaint %(number)s of %(customer)s. Customer's words: %(note)s",
                        number=ticket.number or "",
                        customer=self.partner_id.display_name,
                        note=self.note or "-",
                    ),
                    "source": "complaint_audit",
                    "mro_id": self.mro_id.id or ticket.mro_id.id,
                    "team_id": team.id,
                    "user_id": user.id,
                    "partner_id": self.partner_id.id,
                    "ticket_id": ticket.id,
                    "complaint_audit_line_id": self.id,
                }
                for item in items
            ]
        )

    @api.model
    def _sce_finding(self, item):
        """The control task's title for an audit item answered "no"."""
        if item == "measures_done":
            return self.env._("The measures promised in the answer were not done")
        return self.env._("The measures are not recorded in the CRM")

    @api.model
    def _sce_answers_from_survey(self, user_inputs):
        """A completed e-mail survey gives its line the answers: a question marked with an
        audit item is answered "yes" when the chosen answer scores above zero, a free
        text is the customer's words. With both items answered the line is recorded;
        otherwise the organizer completes it."""
        lines = self.search([("user_input_id", "in", user_inputs.ids), ("state", "=", "sent")])
        for line in lines:
            values = {}
            for answer_line in line.user_input_id.user_input_line_ids:
                question = answer_line.question_id
                if question.sce_audit_item and answer_line.suggested_answer_id:
                    score = answer_line.suggested_answer_id.answer_score
                    values[question.sce_audit_item] = "yes" if score > 0 else "no"
                elif question.question_type == "text_box" and answer_line.value_text_box:
                    values["note"] = answer_line.value_text_box
            if all(item in values for item in AUDIT_ITEMS):
                line._sce_record_answers(values)
            elif values:
                line.write(values)
        return lines
