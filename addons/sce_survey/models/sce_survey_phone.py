from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime as safe_eval_datetime
from odoo.tools.safe_eval import dateutil, safe_eval

# The states an entry of a call list goes through (CC-7 item 24).
ENTRY_STATES = [
    ("to_call", "To call"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("refused", "Refused"),
    ("no_answer", "No answer"),
    ("callback", "Call back later"),
    ("wrong_number", "Wrong number"),
    ("blocked", "Blocked"),
]
PROGRESS_CHANNEL = "sce_survey/phone_progress"
# Who sees a call list's progress board and is told when it changes.
PROGRESS_GROUPS = (
    "sce_callcenter.group_sce_cc_supervisor",
    "sce_survey.group_sce_survey_organizer",
)


class SceSurveyPhone(models.Model):
    """A telephone group survey (CC-7 items 23–24): a questionnaire, the customers to
    call with their numbers from the register, the operators who call them and the
    dates. Operators take the next customer one at a time; supervisors watch the
    progress live."""

    _name = "sce.survey.phone"
    _description = "Telephone survey"
    _order = "date_start desc, id desc"

    name = fields.Char(required=True)
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        ondelete="restrict",
        domain=[("sce_kind", "=", "phone_group")],
    )
    survey_title = fields.Char(related="survey_id.title", string="Questionnaire title")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Closed")],
        default="draft",
        required=True,
        index=True,
    )
    date_start = fields.Date(string="From", default=fields.Date.context_today, required=True)
    date_end = fields.Date(string="To")
    partner_domain = fields.Char(
        string="Customers filter",
        default="[('sce_customer_group', '!=', False)]",
        help="Which customers of the register “Add customers” puts on the list.",
    )
    operator_ids = fields.Many2many(
        "res.users",
        "sce_survey_phone_operator_rel",
        "phone_survey_id",
        "user_id",
        string="Operators",
        domain=[("share", "=", False)],
    )
    max_attempts = fields.Integer(
        string="Attempts per customer",
        default=3,
        required=True,
        help="A customer who does not answer is called again until this many attempts.",
    )
    retry_minutes = fields.Integer(
        string="Retry after (minutes)",
        default=60,
        required=True,
        help="A customer who did not answer is called again no sooner than this.",
    )
    entry_ids = fields.One2many("sce.survey.phone.entry", "phone_survey_id", string="Customers")
    count_total = fields.Integer(string="To survey", compute="_compute_counts")
    count_blocked = fields.Integer(string="Blocked", compute="_compute_counts")
    count_to_call = fields.Integer(string="To call", compute="_compute_counts")
    count_in_progress = fields.Integer(string="In progress", compute="_compute_counts")
    count_done = fields.Integer(string="Surveyed", compute="_compute_counts")
    count_refused = fields.Integer(string="Refused", compute="_compute_counts")
    count_no_answer = fields.Integer(string="No answer", compute="_compute_counts")
    count_callback = fields.Integer(string="Call back later", compute="_compute_counts")
    count_wrong_number = fields.Integer(string="Wrong number", compute="_compute_counts")
    completion_rate = fields.Float(
        string="Completion (%)",
        compute="_compute_counts",
        digits=(5, 1),
        help="Customers surveyed out of the customers to survey (blocked ones excluded).",
    )

    _sql_constraints = [
        ("max_attempts_positive", "CHECK(max_attempts > 0)", "At least one attempt per customer."),
        (
            "retry_minutes_positive",
            "CHECK(retry_minutes >= 0)",
            "The retry delay cannot be negative.",
        ),
    ]

    @api.depends("entry_ids.state")
    def _compute_counts(self):
        counts = {}
        for survey, state, count in self.env["sce.survey.phone.entry"]._read_group(
            [("phone_survey_id", "in", self.ids)], ["phone_survey_id", "state"], ["__count"]
        ):
            counts.setdefault(survey.id, {})[state] = count
        for phone_survey in self:
            by_state = counts.get(phone_survey.id, {})
            for state, _label in ENTRY_STATES:
                phone_survey[f"count_{state}"] = by_state.get(state, 0)
            total = sum(by_state.values()) - by_state.get("blocked", 0)
            phone_survey.count_total = total
            phone_survey.completion_rate = 100.0 * by_state.get("done", 0) / total if total else 0.0

    # ------------------------------------------------------------------ list building

    def action_load_customers(self):
        """Put the customers of the filter on the list (those already there are kept),
        read as the organizer: only the customers they may see. Numbers come from the
        register; a customer without a valid number is listed as blocked with why."""
        self.ensure_one()
        if self.state == "done":
            raise UserError(self.env._("The telephone survey is closed."))
        domain = safe_eval(
            self.partner_domain or "[]",
            {
                "uid": self.env.uid,
                "context_today": lambda: fields.Date.context_today(self),
                "datetime": safe_eval_datetime,
                "relativedelta": dateutil.relativedelta.relativedelta,
            },
        )
        partners = self.env["res.partner"].search(domain)
        self._sce_add_customers(partners)
        return True

    def _sce_add_customers(self, partners):
        """Entries for ``partners`` not yet on the list, with number or blocked reason."""
        self.ensure_one()
        listed = set(self.entry_ids.partner_id.ids)
        Partner = self.env["res.partner"]
        values = []
        for partner in partners:
            if partner.id in listed or partner.is_company and not partner.sce_customer_group:
                continue
            listed.add(partner.id)
            phone = partner.sce_phone_e164 or partner.sce_mobile_e164
            reason = False
            if not phone:
                raw = partner.phone or partner.mobile
                phone = Partner._sce_try_normalize(raw) if raw else False
                if raw and not phone:
                    reason = self.env._("Not a valid phone number: %(number)s", number=raw)
                elif not raw:
                    reason = self.env._("No phone number in the register")
            values.append(
                {
                    "phone_survey_id": self.id,
                    "partner_id": partner.id,
                    "phone": phone or False,
                    "state": "blocked" if reason else "to_call",
                    "blocked_reason": reason,
                }
            )
        entries = self.env["sce.survey.phone.entry"].create(values)
        self._sce_notify_progress()
        return entries

    def action_start(self):
        for phone_survey in self:
            if not phone_survey.operator_ids:
                raise UserError(self.env._("Assign the operators who will call first."))
            if not phone_survey.count_total:
                raise UserError(self.env._("There is nobody to call on the list."))
        self.state = "running"
        self._sce_notify_progress()

    def action_close(self):
        self.state = "done"
        self._sce_notify_progress()

    def action_reopen(self):
        self.state = "running"
        self._sce_notify_progress()

    # ------------------------------------------------------------------ operator's work

    def action_next_customer(self):
        """The operator's “Next customer” (CC-7 item 24): their entry still in progress,
        else the next customer to call, claimed for them alone and dialed (ETI-2: the
        PBX gives up after the 4th ring). Opens the entry with the questionnaire."""
        self.ensure_one()
        self._sce_check_operator()
        Entry = self.env["sce.survey.phone.entry"]
        entry = Entry.search(
            [
                ("phone_survey_id", "=", self.id),
                ("user_id", "=", self.env.uid),
                ("state", "=", "in_progress"),
            ],
            limit=1,
        )
        if not entry:
            entry = self._sce_claim_next()
            if not entry:
                return {
                    "type": "ir.actions.client",
                    "tag": "display_notification",
                    "params": {
                        "type": "info",
                        "message": self.env._(
                            "Nobody is left to call now in %(survey)s.", survey=self.name
                        ),
                    },
                }
            entry._sce_dial()
        return entry._sce_form_action()

    def _sce_check_operator(self):
        """Only the operators of a running survey, within its dates, take customers."""
        self.ensure_one()
        if self.env.user not in self.operator_ids:
            raise AccessError(
                self.env._("You are not an operator of %(survey)s.", survey=self.name)
            )
        today = fields.Date.context_today(self)
        if (
            self.state != "running"
            or self.date_start > today
            or (self.date_end and self.date_end < today)
        ):
            raise UserError(
                self.env._("The telephone survey %(survey)s is not running.", survey=self.name)
            )

    def _sce_claim_next(self):
        """Lock and claim the next entry for the current operator, or an empty recordset.
        Due callbacks first, then customers not yet called, then those who did not
        answer once the retry delay has passed. FOR UPDATE SKIP LOCKED: an entry another
        operator is claiming in a concurrent transaction is skipped, so two operators
        never get the same customer. The claim is the server's choice, not a record the
        operator named: written with sudo() after the operator check."""
        self.ensure_one()
        Entry = self.env["sce.survey.phone.entry"]
        Entry.flush_model(
            ["phone_survey_id", "state", "callback_at", "attempt_count", "date_last_attempt"]
        )
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                SELECT e.id FROM sce_survey_phone_entry e
                JOIN sce_survey_phone s ON s.id = e.phone_survey_id
                WHERE e.phone_survey_id = %(survey)s
                  AND (e.state = 'to_call'
                       OR (e.state = 'callback' AND e.callback_at <= %(now)s)
                       OR (e.state = 'no_answer' AND e.attempt_count < s.max_attempts
                           AND e.date_last_attempt
                               <= %(now)s - make_interval(mins => s.retry_minutes)))
                ORDER BY CASE e.state WHEN 'callback' THEN 0 WHEN 'to_call' THEN 1 ELSE 2 END,
                         e.callback_at, e.date_last_attempt, e.id
                LIMIT 1
                FOR UPDATE OF e SKIP LOCKED
                """,
                survey=self.id,
                now=now,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return Entry
        entry = Entry.sudo().browse(row[0])
        entry.write(
            {
                "state": "in_progress",
                "user_id": self.env.uid,
                "date_claimed": now,
                "date_last_attempt": now,
                "attempt_count": entry.attempt_count + 1,
                "dial_error": False,
            }
        )
        entry._sce_ensure_answer()
        self._sce_notify_progress()
        return entry.sudo(False)

    # ------------------------------------------------------------------ progress

    def _sce_progress(self):
        """The live figures of this survey (CC-7 item 24) for its progress board: counts
        per state, completion rate and per operator. Read as the current user."""
        self.ensure_one()
        states = dict(ENTRY_STATES)
        labels = dict(
            self.env["sce.survey.phone.entry"]._fields["state"]._description_selection(self.env)
        )
        per_operator = {}
        for user, state, count in self.env["sce.survey.phone.entry"]._read_group(
            [("phone_survey_id", "=", self.id), ("user_id", "!=", False)],
            ["user_id", "state"],
            ["__count"],
        ):
            row = per_operator.setdefault(
                user.id, {"id": user.id, "name": user.name, "counts": {}, "total": 0}
            )
            row["counts"][state] = count
            row["total"] += count
        for row in per_operator.values():
            row["completion_rate"] = round(100.0 * row["counts"].get("done", 0) / row["total"], 1)
        return {
            "id": self.id,
            "name": self.name,
            "survey": self.survey_title,
            "state": self.state,
            "states": [{"key": key, "label": labels.get(key, states[key])} for key in states],
            "counts": {key: self[f"count_{key}"] for key in states},
            "total": self.count_total,
            "completion_rate": round(self.completion_rate, 1),
            "operators": sorted(per_operator.values(), key=lambda row: row["name"]),
        }

    def _sce_notify_progress(self):
        """Tell the open progress boards that these surveys changed: one bus message per
        group that may see them, only the survey's id (no personal data)."""
        if not self:
            return
        bus = self.env["bus.bus"].sudo()
        for xmlid in PROGRESS_GROUPS:
            group = self.env.ref(xmlid, raise_if_not_found=False)
            if group:
                bus._sendone(group, PROGRESS_CHANNEL, {"phone_survey_ids": self.ids})

    def action_open_progress(self):
        """The live progress board of this survey."""
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "sce_survey.phone_progress",
            "name": self.env._("Progress: %(survey)s", survey=self.name),
            "params": {"phone_survey_id": self.id},
            "context": {"active_id": self.id},
        }

    def action_view_entries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_survey.sce_survey_phone_entry_action"
        )
        action["domain"] = [("phone_survey_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action
