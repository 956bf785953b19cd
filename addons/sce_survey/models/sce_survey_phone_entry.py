from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .sce_survey_phone import ENTRY_STATES

# ETI-2: an outbound attempt stops after the 4th ring; the PBX is told so.
MAX_RINGS = 4
# A call is the entry's if it started at most this long before the claim (clock skew).
CALL_MATCH_SLACK = timedelta(minutes=2)


class SceSurveyPhoneEntry(models.Model):
    """One customer on a telephone survey's call list (CC-7 item 24): the number from
    the register (or why the customer cannot be called), the operator who took them,
    the attempts, the outcome, the call and the answers entered during it."""

    _name = "sce.survey.phone.entry"
    _description = "Telephone survey customer"
    _order = "phone_survey_id, id"
    _rec_name = "partner_id"

    phone_survey_id = fields.Many2one(
        "sce.survey.phone", string="Telephone survey", required=True, index=True, ondelete="cascade"
    )
    survey_title = fields.Char(related="phone_survey_id.survey_title", string="Questionnaire")
    company_id = fields.Many2one(related="phone_survey_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    phone = fields.Char(string="Number", help="The number called, in E.164, from the register.")
    state = fields.Selection(ENTRY_STATES, default="to_call", required=True, index=True)
    blocked_reason = fields.Char(string="Why blocked")
    user_id = fields.Many2one("res.users", string="Operator", index="btree_not_null", readonly=True)
    date_claimed = fields.Datetime(string="Taken at", readonly=True)
    date_last_attempt = fields.Datetime(string="Last attempt", readonly=True)
    attempt_count = fields.Integer(string="Attempts", readonly=True)
    callback_at = fields.Datetime(string="Call back at")
    dial_error = fields.Char(
        string="Dialing problem", readonly=True, help="Why the PBX did not place the last call."
    )
    call_id = fields.Many2one("sce.call", readonly=True, index="btree_not_null")
    call_state = fields.Selection(related="call_id.state", string="Call state")
    call_talk_duration = fields.Integer(related="call_id.talk_duration", string="Talk (s)")
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Answers",
        readonly=True,
        index="btree_not_null",
        groups="sce_survey.group_sce_survey_organizer",
    )
    answer_state = fields.Selection(
        [("new", "Not started"), ("in_progress", "In progress"), ("done", "Completed")],
        string="Questionnaire state",
        compute="_compute_answer_url",
    )
    answer_url = fields.Char(
        string="Questionnaire page",
        compute="_compute_answer_url",
        help="The questionnaire's answer page, for the operator who is calling the customer.",
    )
    is_mine = fields.Boolean(
        string="Calling now",
        compute="_compute_answer_url",
        help="Whether you are the operator calling this customer now.",
    )
    can_call_next = fields.Boolean(string="May take the next", compute="_compute_answer_url")
    note = fields.Text()

    _sql_constraints = [
        (
            "customer_once_per_survey",
            "UNIQUE(phone_survey_id, partner_id)",
            "A customer is on a telephone survey's list once.",
        ),
    ]

    @api.depends("state", "user_id", "user_input_id.state")
    @api.depends_context("uid")
    def _compute_answer_url(self):
        """The answer page only for the operator calling the customer; the state of the
        answers for everyone who sees the entry."""
        for entry in self:
            answer = entry.sudo().user_input_id
            mine = entry.user_id == self.env.user and entry.state == "in_progress"
            entry.is_mine = mine
            entry.can_call_next = entry.user_id == self.env.user and not mine
            entry.answer_url = answer.get_start_url() if mine and answer else False
            entry.answer_state = answer.state

    # ------------------------------------------------------------------ helpers

    def _sce_check_mine(self):
        """Only the operator who took the entry, while calling, records its outcome."""
        for entry in self:
            if entry.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "%(customer)s is not on your call list.",
                        customer=entry.partner_id.display_name,
                    )
                )
            if entry.state != "in_progress":
                raise UserError(
                    self.env._(
                        "%(customer)s is not being called.", customer=entry.partner_id.display_name
                    )
                )

    def _sce_ensure_answer(self):
        """The answer set of the questionnaire for the entry's customer (one per entry,
        kept across attempts), invited by the operator's call and linked to it."""
        for entry in self.sudo():
            if entry.user_input_id:
                continue
            answer = entry.phone_survey_id.survey_id._sce_invite(
                entry.partner_id, "operator", call=entry.call_id or None
            )
            answer.sce_phone_entry_id = entry
            entry.user_input_id = answer

    def _sce_dial(self):
        """Click-to-dial the customer through the call center (CC-7), telling the PBX to
        give up after the 4th ring (ETI-2). A refusal is kept on the entry for the
        operator, who may dial again or by hand."""
        self.ensure_one()
        self._sce_check_mine()
        Source = self.env["sce.cti.source"]
        try:
            if not self.env.user.sce_extension:
                raise UserError(
                    self.env._(
                        "You have no PBX extension: ask the supervisor to set it on your user."
                    )
                )
            source = Source._sce_originate_source()
            source._sce_originate_payload(
                {
                    "from": self.env.user.sce_extension,
                    "to": self.phone,
                    "max_rings": MAX_RINGS,
                    "reference": f"sce-survey-phone-entry-{self.id}",
                }
            )
        except UserError as error:
            self.dial_error = str(error)
            return False
        self.dial_error = False
        return True

    def _sce_find_call(self):
        """The operator's outbound call to the entry's number since it was taken."""
        self.ensure_one()
        if self.call_id or not self.phone or not self.date_claimed:
            return self.call_id
        return self.env["sce.call"].search(
            [
                ("direction", "=", "outbound"),
                ("user_id", "=", self.user_id.id),
                ("customer_phone", "=", self.phone),
                ("date_start", ">=", self.date_claimed - CALL_MATCH_SLACK),
            ],
            order="date_start desc, id desc",
            limit=1,
        )

    def _sce_link_call(self, call=None):
        """Link the call (given, or found) to the entry and its answers."""
        for entry in self:
            call = call or entry._sce_find_call()
            if call and entry.call_id != call:
                entry.call_id = call
                entry.sudo().user_input_id.sce_call_id = call

    def _sce_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sce.survey.phone.entry",
            "res_id": self.id,
            "views": [
                (self.env.ref("sce_survey.sce_survey_phone_entry_view_form_operator").id, "form")
            ],
            "target": "current",
            "context": {"create": False},
        }

    def _sce_finish(self, state, **vals):
        """Record the outcome of the call; the customer leaves the operator's hands."""
        self._sce_check_mine()
        self._sce_link_call()
        self.write(dict(vals, state=state))
        if state in ("refused", "wrong_number"):
            # An answer set nobody started is no answer: it would skew the statistics.
            self.sudo().user_input_id.filtered(lambda a: a.state == "new").unlink()
        self.phone_survey_id._sce_notify_progress()

    # ------------------------------------------------------------------ buttons

    def action_dial(self):
        """Dial the customer again (the PBX stops after the 4th ring, ETI-2)."""
        self.ensure_one()
        self._sce_check_mine()
        self._sce_dial()
        return self._sce_form_action()

    def action_mark_refused(self):
        self._sce_finish("refused")

    def action_mark_no_answer(self):
        self._sce_finish("no_answer")

    def action_mark_wrong_number(self):
        self._sce_finish("wrong_number")

    def action_mark_callback(self):
        for entry in self:
            if not entry.callback_at or entry.callback_at <= fields.Datetime.now():
                raise UserError(
                    self.env._(
                        "Set when to call %(customer)s back.",
                        customer=entry.partner_id.display_name,
                    )
                )
        self._sce_finish("callback")

    def action_next_customer(self):
        """The next customer of the same survey (after recording this one's outcome)."""
        self.ensure_one()
        return self.phone_survey_id.action_next_customer()

    def action_release(self):
        """Supervisor: put a customer an operator left in progress back on the list."""
        if not self.env.user.has_group(
            "sce_callcenter.group_sce_cc_supervisor"
        ) and not self.env.user.has_group("sce_survey.group_sce_survey_organizer"):
            raise AccessError(self.env._("Only supervisors put customers back on the list."))
        self.filtered(lambda e: e.state == "in_progress").write(
            {"state": "to_call", "user_id": False}
        )
        self.phone_survey_id._sce_notify_progress()

    def action_open_customer(self):
        """The customer's card, beside the questionnaire."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_appeals.res_partner_action_sce_customer_card"
        )
        action.update(
            {
                "res_id": self.partner_id.id,
                "view_mode": "form",
                "views": [(self.env.ref("sce_appeals.res_partner_view_form_sce_card").id, "form")],
            }
        )
        return action

    def action_open_questionnaire(self):
        """The questionnaire in a browser tab of its own, for screens too small for the
        side panel."""
        self.ensure_one()
        self._sce_check_mine()
        return {"type": "ir.actions.act_url", "url": self.answer_url, "target": "new"}
