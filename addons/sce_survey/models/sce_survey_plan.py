from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.sce_callcenter.models.sce_inform_campaign import CHANNELS

# FB-4: passive feedback no more often than once per 3 months, no less than once a year.
FB4_REST_MONTHS = 3
FB4_TERM_MONTHS = 12


class SceSurveyPlan(models.Model):
    """The passive-feedback planner's settings (FB-4), one per company: which
    questionnaire answers which interaction, the channels in the order they are tried,
    how many customers a day are invited, the link's term and the campaigns' window.
    The daily run itself is ``sce.survey.plan.entry._sce_plan_day``."""

    _name = "sce.survey.plan"
    _description = "Passive-feedback planner"
    _order = "id"

    name = fields.Char(required=True, default="Passive feedback (FB-4)")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    mro_ids = fields.Many2many(
        "sce.mro",
        string="MROs",
        help="Only the customers of these MROs are planned (a pilot); empty: every MRO.",
    )
    survey_appeal_id = fields.Many2one(
        "survey.survey",
        string="After an answered appeal",
        domain=[("sce_kind", "=", "appeal")],
    )
    survey_visit_id = fields.Many2one(
        "survey.survey",
        string="After a service-center visit",
        domain=[("sce_kind", "=", "visit")],
    )
    survey_call_id = fields.Many2one(
        "survey.survey",
        string="After a call-center call",
        domain=[("sce_kind", "=", "call")],
    )
    survey_yearly_id = fields.Many2one(
        "survey.survey",
        string="Yearly study",
        domain=[("sce_kind", "=", "yearly")],
        help="For customers without a recent interaction, and when the interaction's "
        "questionnaire is not set.",
    )
    channel_1 = fields.Selection(CHANNELS, string="First channel", required=True, default="email")
    channel_2 = fields.Selection(CHANNELS, string="Second channel", default="sms")
    channel_3 = fields.Selection(CHANNELS, string="Third channel", default="phone")
    use_preferred_channel = fields.Boolean(
        string="Customer's preferred channel first",
        default=True,
        help="The channel the customer chose for answers (e-mail, SMS, phone) is tried "
        "first when it is one of the planner's channels.",
    )
    daily_quota = fields.Integer(
        default=1000,
        required=True,
        help="At most this many customers are invited a day. To ask everyone once a "
        "year it must be at least the eligible customers divided by 270.",
    )
    rest_months = fields.Integer(
        string="Rest (months)",
        default=FB4_REST_MONTHS,
        required=True,
        help="FB-4: a customer is not asked again before this many months.",
    )
    term_months = fields.Integer(
        string="Term (months)",
        default=FB4_TERM_MONTHS,
        required=True,
        help="FB-4: every customer with a contract and consent is asked within this many "
        "months of the last invitation.",
    )
    due_lead_days = fields.Integer(
        string="Due ahead (days)",
        default=30,
        required=True,
        help="A customer is due this many days before the term and asked first.",
    )
    interaction_days = fields.Integer(
        string="Interaction counts (days)",
        default=30,
        required=True,
        help="An answered appeal, a visit or a call this recent is assessed with its own "
        "questionnaire; older ones fall back to the yearly study.",
    )
    link_working_days = fields.Integer(
        string="Link valid (working days)",
        default=10,
        required=True,
        help="The personal link closes after this many working days of the production " "calendar.",
    )
    auto_start = fields.Boolean(
        string="Start campaigns",
        default=True,
        help="The day's campaigns start at once; otherwise the call-center supervisor "
        "starts them.",
    )
    window_start = fields.Float(default=10.0, help="Earliest local hour of the customer.")
    window_end = fields.Float(default=20.0, help="Latest local hour of the customer.")
    throttle_per_minute = fields.Integer(string="Messages per minute", default=60, required=True)
    sms_gateway_id = fields.Many2one("sce.sms.gateway", string="SMS gateway")
    cti_source_id = fields.Many2one("sce.cti.source", string="PBX for autodial")
    autodial_extension = fields.Char(default="sce_survey")
    email_subject = fields.Char(default="How did we do?")
    template_email = fields.Text(
        string="E-mail text",
        default="{name}, please rate our service: {survey_url} (open until {survey_deadline}).",
        help="Placeholders of the campaigns ({name}, {account}, {company}…) and "
        "{survey_url}, {survey_deadline}.",
    )
    template_sms = fields.Text(
        string="SMS text", default="{name}, please rate our service: {survey_url}"
    )
    template_phone = fields.Text(
        string="Autodial text",
        default="{name}, {company} asks you to rate our service after the tone.",
    )
    date_last_run = fields.Datetime(string="Last run", readonly=True)
    last_run_summary = fields.Char(readonly=True)
    entry_ids = fields.One2many("sce.survey.plan.entry", "plan_id", string="Customers")
    count_to_ask = fields.Integer(compute="_compute_counts", string="To ask")
    count_planned = fields.Integer(compute="_compute_counts", string="Invited, not yet sent")
    count_blocked = fields.Integer(compute="_compute_counts", string="Blocked")
    count_overdue = fields.Integer(compute="_compute_counts", string="Overdue")
    count_eligible = fields.Integer(compute="_compute_counts", string="Eligible customers")
    days_to_ask_all = fields.Integer(
        compute="_compute_counts",
        string="Days to ask everyone",
        help="Eligible customers divided by the daily quota: above 270, somebody "
        "will not be asked within the year.",
    )

    _sql_constraints = [
        ("company_uniq", "unique(company_id)", "A company has one feedback planner."),
        ("quota_positive", "CHECK(daily_quota > 0)", "The daily quota must be positive."),
        (
            "window_valid",
            "CHECK(window_start >= 0 AND window_end <= 24 AND window_start < window_end)",
            "The sending window must lie within a day and start before it ends.",
        ),
    ]

    def _compute_counts(self):
        Entry = self.env["sce.survey.plan.entry"]
        by_state = {
            (plan.id, state): count
            for plan, state, count in Entry._read_group(
                [("plan_id", "in", self.ids)], ["plan_id", "state"], ["__count"]
            )
        }
        overdue = dict(
            Entry._read_group(
                [
                    ("plan_id", "in", self.ids),
                    ("term_state", "=", "overdue"),
                    ("state", "!=", "blocked"),
                ],
                ["plan_id"],
                ["__count"],
            )
        )
        for plan in self:
            counts = {state: by_state.get((plan.id, state), 0) for state in dict(Entry.STATES)}
            plan.count_to_ask = counts["to_ask"]
            plan.count_planned = counts["planned"]
            plan.count_blocked = counts["blocked"]
            plan.count_overdue = overdue.get(plan, 0)
            plan.count_eligible = sum(counts.values()) - counts["blocked"]
            plan.days_to_ask_all = -(-plan.count_eligible // plan.daily_quota)

    @api.constrains("rest_months", "term_months")
    def _check_fb4_bounds(self):
        for plan in self:
            if plan.rest_months < FB4_REST_MONTHS or plan.term_months > FB4_TERM_MONTHS:
                raise ValidationError(
                    self.env._(
                        "FB-4: customers are asked at most once in 3 months and at least "
                        "once a year."
                    )
                )
            if plan.rest_months >= plan.term_months:
                raise ValidationError(self.env._("The rest must be shorter than the term."))

    @api.constrains("channel_1", "channel_2", "channel_3")
    def _check_channels(self):
        for plan in self:
            chosen = [c for c in plan._sce_channels() if c]
            if len(chosen) != len(set(chosen)):
                raise ValidationError(self.env._("Each channel is listed once."))

    # ------------------------------------------------------------------ actions

    def action_run_now(self):
        """Plan today now, as the daily cron does (quotas count the whole day)."""
        self.check_access("write")
        for plan in self:
            self.env["sce.survey.plan.entry"].sudo()._sce_plan_day(plan.sudo())
        return True

    def action_view_entries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_survey.sce_survey_plan_entry_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ business

    def _sce_channels(self):
        """The channels in the order they are tried."""
        self.ensure_one()
        return [c for c in (self.channel_1, self.channel_2, self.channel_3) if c]

    def _sce_survey_of_kind(self):
        """{questionnaire kind: survey.survey} of the configured questionnaires."""
        self.ensure_one()
        return {
            "appeal": self.survey_appeal_id,
            "visit": self.survey_visit_id,
            "call": self.survey_call_id,
            "yearly": self.survey_yearly_id,
        }

    def _sce_template(self, channel):
        self.ensure_one()
        return {
            "email": self.template_email,
            "sms": self.template_sms,
            "phone": self.template_phone,
        }[channel]

    @api.model
    def _cron_sce_plan(self):
        """The daily run of every active planner (FB-4)."""
        Entry = self.env["sce.survey.plan.entry"].sudo()
        for plan in self.sudo().search([("active", "=", True)]):
            Entry._sce_plan_day(plan)
