import logging
from datetime import datetime, time, timedelta

import pytz

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import SQL

from odoo.addons.sce_appeals.models.res_partner import CUSTOMER_GROUPS
from odoo.addons.sce_appeals.models.sce_deadline_mixin import DEADLINE_STATES, DeadlineWatch
from odoo.addons.sce_callcenter.models.res_partner_inform import INFORM_CHANNEL_FIELDS
from odoo.addons.sce_callcenter.models.sce_inform_campaign import CHANNELS, INFORMED_CONTRACTS

from .survey_user_input import INVITE_CHANNELS

_logger = logging.getLogger(__name__)

PLAN_KINDS = [
    ("appeal", "After an answered appeal"),
    ("visit", "After a service-center visit"),
    ("call", "After a call-center call"),
    ("yearly", "Yearly satisfaction study"),
]
BLOCK_REASONS = [
    ("no_contract", "No contract in force"),
    ("no_consent", "No personal-data consent"),
    ("no_contact", "No e-mail or phone"),
    ("no_sending_channel", "No contact on a channel the planner can send through"),
    ("no_channel_consent", "No consent on any channel with a contact"),
    ("no_questionnaire", "No questionnaire configured"),
]
WATCH_TERM = DeadlineWatch("survey_term", "date_term", "date_term_met", "term_state")
# Campaigns whose pending recipients are still to be invited.
OPEN_CAMPAIGNS = ("draft", "running", "paused")


class SceSurveyPlanEntry(models.Model):
    """Where one customer stands in the passive-feedback plan (FB-4): blocked (and
    why), invited and not yet sent, resting after an invitation, to ask, or waiting
    for the yearly term; the questionnaire and channel they would get. Written by the
    daily run in a few set-based statements over all customers, never one by one;
    the yearly term is watched by the deadline engine (due soon, overdue)."""

    _name = "sce.survey.plan.entry"
    _description = "Passive-feedback plan: a customer"
    _inherit = ["sce.deadline.mixin"]
    _order = "mro_id, state, date_term, id"
    _rec_name = "partner_id"

    STATES = [
        ("blocked", "Blocked"),
        ("planned", "Invited, not yet sent"),
        ("resting", "Asked recently"),
        ("to_ask", "To ask"),
        ("waiting", "Waiting for the term"),
    ]

    plan_id = fields.Many2one(
        "sce.survey.plan", required=True, ondelete="cascade", index=True, readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", readonly=True
    )
    mro_id = fields.Many2one("sce.mro", string="MRO", index=True, readonly=True)
    account_id = fields.Many2one("sce.account", string="Personal account", readonly=True)
    customer_group = fields.Selection(CUSTOMER_GROUPS, readonly=True)
    state = fields.Selection(STATES, required=True, index=True, readonly=True)
    block_reason = fields.Selection(BLOCK_REASONS, string="Why blocked", readonly=True)
    kind = fields.Selection(PLAN_KINDS, string="Questionnaire for", readonly=True)
    survey_id = fields.Many2one("survey.survey", string="Questionnaire", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    email_ok = fields.Boolean(string="E-mail possible", readonly=True)
    sms_ok = fields.Boolean(string="SMS possible", readonly=True)
    phone_ok = fields.Boolean(string="Autodial possible", readonly=True)
    date_first_seen = fields.Datetime(string="In the plan since", readonly=True)
    date_last_invited = fields.Datetime(string="Last invited", readonly=True)
    last_channel = fields.Selection(INVITE_CHANNELS, string="Last invited by", readonly=True)
    date_next_allowed = fields.Datetime(string="Not before", readonly=True)
    date_term = fields.Datetime(
        string="Ask by", readonly=True, help="FB-4: the customer is asked at least once a year."
    )
    date_term_met = fields.Datetime(readonly=True)
    term_state = fields.Selection(DEADLINE_STATES, string="Term", readonly=True, index=True)
    date_interaction = fields.Datetime(string="Interaction", readonly=True)
    ticket_id = fields.Many2one("helpdesk.ticket", string="Appeal", readonly=True)
    call_id = fields.Many2one("sce.call", readonly=True)
    queue_ticket_id = fields.Many2one(
        "sce.queue.ticket", string="Service-center visit", readonly=True
    )
    date_planned = fields.Datetime(string="Invited on", readonly=True)
    campaign_id = fields.Many2one("sce.inform.campaign", readonly=True)

    _sql_constraints = [
        ("partner_uniq", "unique(plan_id, partner_id)", "A customer is in a plan once."),
    ]

    # ------------------------------------------------------------------ deadline engine

    @api.model
    def _sce_deadline_watches(self):
        return (WATCH_TERM,)

    @api.model
    def _sce_reminder_lead(self):
        plan = self.env["sce.survey.plan"].sudo().search([], limit=1)
        return timedelta(days=plan.due_lead_days if plan else 30)

    @api.model
    def _sce_deadline_cron(self):
        return (
            self.env.ref("sce_survey.ir_cron_sce_survey_plan", raise_if_not_found=False)
            or (self.env["ir.cron"])
        )

    # ------------------------------------------------------------------ SQL of the rules

    @api.model
    def _sce_consent_sql(self, channel, partner="p"):
        """SQL twin of ``res.partner._sce_inform_consented(channel)`` (sce_callcenter):
        the per-channel choice when a module keeps it, else the personal-data consent."""
        fname = INFORM_CHANNEL_FIELDS[channel]
        field = self.env["res.partner"]._fields.get(fname)
        if field is not None and field.store and field.type == "boolean":
            return SQL("COALESCE(%s, FALSE)", SQL.identifier(partner, fname))
        return SQL("%s IS NOT NULL", SQL.identifier(partner, "sce_consent_date"))

    @api.model
    def _sce_contact_sql(self, channel, partner="p"):
        """SQL twin of ``sce.inform.campaign._sce_contact``: the e-mail, the mobile
        (SMS to Russian mobiles only), a phone (autodial); NULL when there is none."""
        mobile = SQL(
            "COALESCE(NULLIF(%s, ''), NULLIF(%s, ''))",
            SQL.identifier(partner, "sce_mobile_e164"),
            SQL.identifier(partner, "sce_phone_e164"),
        )
        if channel == "email":
            return SQL(
                "COALESCE(NULLIF(%s, ''), NULLIF(%s, ''))",
                SQL.identifier(partner, "email_normalized"),
                SQL.identifier(partner, "email"),
            )
        if channel == "sms":
            return SQL("CASE WHEN left(%s, 3) = '+79' THEN %s END", mobile, mobile)
        return mobile

    @api.model
    def _sce_channel_ok_sql(self, channel, partner="p"):
        """The customer can be invited on ``channel``: consent there and a contact."""
        return SQL(
            "(%s AND %s IS NOT NULL)",
            self._sce_consent_sql(channel, partner),
            self._sce_contact_sql(channel, partner),
        )

    # ------------------------------------------------------------------ the daily run

    @api.model
    def _sce_plan_day(self, plan, now=None):
        """The daily run of ``plan`` (FB-4) at ``now`` (naive UTC, default: now):
        pending invitations of customers who lost their consent or contact are
        excluded, every customer's entry is brought up to date in one upsert, the
        yearly terms move on (deadline engine), the day's quota of customers is picked
        by priority and invited through one call-center campaign per channel.
        Returns {channel: campaign}."""
        now = now or fields.Datetime.now()
        plan.ensure_one()
        self.env.flush_all()
        day_start = self._sce_day_start(plan, now)
        excluded = self._sce_exclude_lost_consents()
        changed = self._sce_upsert_entries(plan, now)
        self._sce_advance_open_states(WATCH_TERM, now, self._sce_reminder_lead())
        picked = self._sce_pick(plan, now, day_start)
        campaigns = self._sce_invite_picked(plan, now, picked)
        plan.write(
            {
                "date_last_run": now,
                "last_run_summary": self.env._(
                    "%(changed)s entries updated, %(picked)s invited, %(excluded)s pending "
                    "invitations withdrawn",
                    changed=changed,
                    picked=len(picked),
                    excluded=excluded,
                ),
            }
        )
        self.invalidate_model()
        return campaigns

    @api.model
    def _sce_day_start(self, plan, now):
        """The start (naive UTC) of the production calendar's day holding ``now``."""
        calendar = plan.company_id.sce_calendar_id or plan.company_id.resource_calendar_id
        tz = calendar._sce_tz() if calendar else pytz.timezone("Europe/Moscow")
        local_day = pytz.utc.localize(now).astimezone(tz).date()
        return (
            tz.localize(datetime.combine(local_day, time.min))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )

    @api.model
    def _sce_exclude_lost_consents(self):
        """Pending survey invitations of customers who withdrew their consent, lost the
        contact of the campaign's channel or their contract: excluded with the reason
        before anything is sent (one UPDATE)."""
        reasons = []
        for channel, _label in CHANNELS:
            reasons.append(
                SQL(
                    """WHEN c.channel = %(channel)s AND NOT %(consent)s THEN 'no_consent'
                       WHEN c.channel = %(channel)s AND %(contact)s IS NULL THEN 'no_contact'""",
                    channel=channel,
                    consent=self._sce_consent_sql(channel),
                    contact=self._sce_contact_sql(channel),
                )
            )
        self.env.cr.execute(
            SQL(
                """UPDATE sce_inform_recipient r
                      SET state = 'excluded', exclusion_reason = x.reason,
                          write_date = %(now)s
                     FROM (SELECT r2.id,
                                  CASE WHEN NOT EXISTS (
                                           SELECT 1 FROM sce_account a
                                            WHERE a.partner_id = p.id AND a.active
                                              AND a.contract_state IN %(contracts)s)
                                       THEN 'no_contract'
                                       WHEN p.sce_consent_date IS NULL THEN 'no_consent'
                                       %(reasons)s
                                  END AS reason
                             FROM sce_inform_recipient r2
                             JOIN sce_inform_campaign c ON c.id = r2.campaign_id
                             JOIN res_partner p ON p.id = r2.partner_id
                            WHERE c.purpose = 'survey' AND c.state IN %(open)s
                              AND r2.state = 'pending') x
                    WHERE r.id = x.id AND x.reason IS NOT NULL""",
                now=fields.Datetime.now(),
                contracts=INFORMED_CONTRACTS,
                reasons=SQL(" ").join(reasons),
                open=OPEN_CAMPAIGNS,
            )
        )
        count = self.env.cr.rowcount
        if count:
            self.env["sce.inform.recipient"].invalidate_model(["state", "exclusion_reason"])
        return count

    @api.model
    def _sce_channel_choice_sql(self, plan, customer="cu"):
        """The channel a customer is invited on: the first of the planner's operable
        channels they consented to and have a contact for, their preferred answer
        channel first (a CASE over the ``<channel>_ok`` columns of ``customer``)."""
        whens = []
        channels = self._sce_operable_channels(plan)
        if plan.use_preferred_channel:
            whens += [
                SQL(
                    "WHEN %s = %s AND %s THEN %s",
                    SQL.identifier(customer, "preferred"),
                    channel,
                    SQL.identifier(customer, f"{channel}_ok"),
                    channel,
                )
                for channel in channels
            ]
        whens += [
            SQL("WHEN %s THEN %s", SQL.identifier(customer, f"{channel}_ok"), channel)
            for channel in channels
        ]
        return SQL("CASE %s END", SQL(" ").join(whens)) if whens else SQL("NULL::varchar")

    @api.model
    def _sce_upsert_entries(self, plan, now):
        """Every customer's entry recomputed in one statement over all customers: the
        facts of each customer gathered by joins (contract, last invitation, pending
        invitation, latest interaction, consents and contacts), the decision taken,
        new and changed entries upserted (unchanged ones are not written) and the
        entries of partners who are no longer customers of the plan deleted. Returns
        the rows written."""
        surveys = {kind: survey.id or None for kind, survey in plan._sce_survey_of_kind().items()}
        channels = self._sce_operable_channels(plan)
        ok = {c: self._sce_channel_ok_sql(c) for c, _label in CHANNELS}
        contact = {c: self._sce_contact_sql(c) for c, _label in CHANNELS}
        has_contact = SQL(" OR ").join(
            [SQL("%s IS NOT NULL", contact[c]) for c in channels] or [SQL("FALSE")]
        )
        # a contact on a channel that has no gateway or PBX configured
        has_any_contact = SQL(" OR ").join(
            [SQL("%s IS NOT NULL", contact[c]) for c, _label in CHANNELS]
        )
        query = SQL(
            """
WITH customer AS (
    SELECT p.id AS partner_id, p.sce_home_mro_id AS home_mro_id,
           p.sce_customer_group AS customer_group,
           p.sce_preferred_answer_channel AS preferred,
           p.sce_consent_date IS NOT NULL AS consent,
           %(email_ok)s AS email_ok, %(sms_ok)s AS sms_ok, %(phone_ok)s AS phone_ok,
           (%(has_contact)s) AS has_contact, (%(has_any_contact)s) AS has_any_contact
      FROM res_partner p
     WHERE p.active
       AND (p.sce_customer_group IS NOT NULL
            OR EXISTS (SELECT 1 FROM sce_account a0 WHERE a0.partner_id = p.id))
),
contract AS (
    SELECT DISTINCT ON (a.partner_id) a.partner_id, a.id AS account_id, a.mro_id
      FROM sce_account a
     WHERE a.active AND a.contract_state IN %(contracts)s
     ORDER BY a.partner_id, a.id
),
invited AS (
    SELECT ui.partner_id, max(ui.create_date) AS last_date,
           (array_agg(ui.sce_invite_channel ORDER BY ui.create_date DESC, ui.id DESC))[1]
               AS last_channel
      FROM survey_user_input ui
     WHERE ui.sce_kind IS NOT NULL AND ui.sce_invite_channel IS NOT NULL
       AND ui.partner_id IS NOT NULL AND NOT COALESCE(ui.test_entry, FALSE)
       AND ui.create_date <= %(now)s
     GROUP BY ui.partner_id
),
pending AS (
    SELECT DISTINCT r.partner_id
      FROM sce_inform_recipient r
      JOIN sce_inform_campaign c ON c.id = r.campaign_id
     WHERE c.purpose = 'survey' AND c.state IN %(open)s AND r.state IN ('pending', 'sending')
),
interaction AS (
    SELECT DISTINCT ON (i.partner_id) i.*
      FROM (SELECT t.partner_id, 'appeal' AS kind, t.date_answered AS date,
                   t.id AS ticket_id, NULL::int AS call_id, NULL::int AS visit_id
              FROM helpdesk_ticket t
             WHERE t.date_answered > %(since)s AND t.date_answered <= %(now)s
               AND t.partner_id IS NOT NULL
            UNION ALL
            SELECT q.partner_id, 'visit', q.finished_at, NULL, NULL, q.id
              FROM sce_queue_ticket q
             WHERE q.state = 'done' AND q.finished_at > %(since)s AND q.finished_at <= %(now)s
               AND q.partner_id IS NOT NULL
            UNION ALL
            SELECT k.partner_id, 'call', k.date_answer, NULL, k.id, NULL
              FROM sce_call k
             WHERE k.date_start > %(since_call)s AND k.date_answer > %(since)s
               AND k.date_answer <= %(now)s AND k.user_id IS NOT NULL
               AND k.partner_id IS NOT NULL) i
     ORDER BY i.partner_id, i.date DESC
),
facts AS MATERIALIZED (
    SELECT cu.partner_id, cu.customer_group, cu.consent, cu.has_contact,
           cu.has_any_contact, cu.email_ok, cu.sms_ok, cu.phone_ok,
           k.account_id, COALESCE(k.mro_id, cu.home_mro_id) AS mro_id,
           k.partner_id IS NOT NULL AS has_contract,
           inv.last_date, inv.last_channel, pe.partner_id IS NOT NULL AS has_pending,
           e.id AS old_id, COALESCE(e.date_first_seen, %(now)s) AS first_seen,
           e.mro_id AS old_mro_id, e.account_id AS old_account_id,
           e.customer_group AS old_customer_group, e.state AS old_state,
           e.block_reason AS old_block_reason, e.kind AS old_kind,
           e.survey_id AS old_survey_id, e.channel AS old_channel,
           e.email_ok AS old_email_ok, e.sms_ok AS old_sms_ok, e.phone_ok AS old_phone_ok,
           e.date_last_invited AS old_last_date, e.last_channel AS old_last_channel,
           e.date_term AS old_term, e.date_interaction AS old_interaction,
           CASE WHEN i.partner_id IS NOT NULL
                     AND (inv.last_date IS NULL OR i.date > inv.last_date)
                     AND (CASE i.kind WHEN 'appeal' THEN %(s_appeal)s::int
                                      WHEN 'visit' THEN %(s_visit)s::int
                                      WHEN 'call' THEN %(s_call)s::int END) IS NOT NULL
                THEN i.kind END AS fresh_kind,
           i.date AS i_date, i.ticket_id, i.call_id, i.visit_id,
           %(channel)s AS channel
      FROM customer cu
      LEFT JOIN contract k ON k.partner_id = cu.partner_id
      LEFT JOIN invited inv ON inv.partner_id = cu.partner_id
      LEFT JOIN pending pe ON pe.partner_id = cu.partner_id
      LEFT JOIN interaction i ON i.partner_id = cu.partner_id
      LEFT JOIN sce_survey_plan_entry e ON e.plan_id = %(plan)s AND e.partner_id = cu.partner_id
     WHERE %(all_mros)s OR COALESCE(k.mro_id, cu.home_mro_id) = ANY(%(mros)s::int[])
),
decided AS (
    SELECT f.*,
           COALESCE(f.fresh_kind, 'yearly') AS kind,
           COALESCE(CASE f.fresh_kind WHEN 'appeal' THEN %(s_appeal)s::int
                                      WHEN 'visit' THEN %(s_visit)s::int
                                      WHEN 'call' THEN %(s_call)s::int END,
                    %(s_yearly)s::int) AS survey_id,
           COALESCE(f.last_date, f.first_seen) + make_interval(months => %(term)s) AS term,
           f.last_date + make_interval(months => %(rest)s) AS next_allowed,
           CASE WHEN f.fresh_kind IS NOT NULL THEN f.i_date END AS interaction_date
      FROM facts f
),
blocked AS (
    SELECT d.*,
           CASE WHEN NOT d.has_contract THEN 'no_contract'
                WHEN NOT d.consent THEN 'no_consent'
                WHEN NOT d.has_contact AND d.has_any_contact THEN 'no_sending_channel'
                WHEN NOT d.has_contact THEN 'no_contact'
                WHEN d.channel IS NULL THEN 'no_channel_consent'
                WHEN d.survey_id IS NULL THEN 'no_questionnaire'
           END AS block_reason
      FROM decided d
),
final AS (
    SELECT b.*,
           CASE WHEN b.block_reason IS NOT NULL THEN 'blocked'
                WHEN b.has_pending THEN 'planned'
                WHEN b.next_allowed > %(now)s THEN 'resting'
                WHEN b.last_date IS NULL OR b.fresh_kind IS NOT NULL
                     OR b.term <= %(due_until)s THEN 'to_ask'
                ELSE 'waiting'
           END AS state
      FROM blocked b
),
gone AS (
    DELETE FROM sce_survey_plan_entry x
     WHERE x.plan_id = %(plan)s
       AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.partner_id = x.partner_id)
)
INSERT INTO sce_survey_plan_entry AS e (
    plan_id, partner_id, mro_id, account_id, customer_group, state, block_reason, kind,
    survey_id, channel, email_ok, sms_ok, phone_ok, date_first_seen, date_last_invited,
    last_channel, date_next_allowed, date_term, term_state, date_interaction, ticket_id,
    call_id, queue_ticket_id, create_uid, create_date, write_uid, write_date)
SELECT %(plan)s, f.partner_id, f.mro_id, f.account_id, f.customer_group, f.state,
       f.block_reason, f.kind, f.survey_id, f.channel, f.email_ok, f.sms_ok, f.phone_ok,
       f.first_seen, f.last_date, f.last_channel, f.next_allowed, f.term, 'on_track',
       f.interaction_date,
       CASE WHEN f.fresh_kind = 'appeal' THEN f.ticket_id END,
       CASE WHEN f.fresh_kind = 'call' THEN f.call_id END,
       CASE WHEN f.fresh_kind = 'visit' THEN f.visit_id END,
       %(uid)s, %(now)s, %(uid)s, %(now)s
  FROM final f
 WHERE f.old_id IS NULL
    OR (f.old_mro_id, f.old_account_id, f.old_customer_group, f.old_state,
        f.old_block_reason, f.old_kind, f.old_survey_id, f.old_channel, f.old_email_ok,
        f.old_sms_ok, f.old_phone_ok, f.old_last_date, f.old_last_channel, f.old_term,
        f.old_interaction)
       IS DISTINCT FROM
       (f.mro_id, f.account_id, f.customer_group, f.state::varchar,
        f.block_reason::varchar, f.kind::varchar, f.survey_id, f.channel::varchar,
        f.email_ok, f.sms_ok, f.phone_ok, f.last_date, f.last_channel, f.term,
        f.interaction_date)
ON CONFLICT (plan_id, partner_id) DO UPDATE SET
    mro_id = EXCLUDED.mro_id, account_id = EXCLUDED.account_id,
    customer_group = EXCLUDED.customer_group, state = EXCLUDED.state,
    block_reason = EXCLUDED.block_reason, kind = EXCLUDED.kind,
    survey_id = EXCLUDED.survey_id, channel = EXCLUDED.channel,
    email_ok = EXCLUDED.email_ok, sms_ok = EXCLUDED.sms_ok, phone_ok = EXCLUDED.phone_ok,
    date_last_invited = EXCLUDED.date_last_invited, last_channel = EXCLUDED.last_channel,
    date_next_allowed = EXCLUDED.date_next_allowed,
    term_state = CASE WHEN e.date_term IS NOT DISTINCT FROM EXCLUDED.date_term
                      THEN e.term_state ELSE 'on_track' END,
    date_term = EXCLUDED.date_term, date_interaction = EXCLUDED.date_interaction,
    ticket_id = EXCLUDED.ticket_id, call_id = EXCLUDED.call_id,
    queue_ticket_id = EXCLUDED.queue_ticket_id,
    write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
""",
            plan=plan.id,
            all_mros=not plan.mro_ids,
            mros=plan.mro_ids.ids or [0],
            now=now,
            uid=self.env.uid,
            since=now - timedelta(days=plan.interaction_days),
            since_call=now - timedelta(days=plan.interaction_days + 1),
            due_until=now + timedelta(days=plan.due_lead_days),
            term=plan.term_months,
            rest=plan.rest_months,
            contracts=INFORMED_CONTRACTS,
            open=OPEN_CAMPAIGNS,
            channel=self._sce_channel_choice_sql(plan),
            has_contact=has_contact,
            has_any_contact=has_any_contact,
            s_appeal=surveys["appeal"],
            s_visit=surveys["visit"],
            s_call=surveys["call"],
            s_yearly=surveys["yearly"],
            email_ok=ok["email"],
            sms_ok=ok["sms"],
            phone_ok=ok["phone"],
        )
        # One big statement run once a day: compiling it (JIT) costs more than it saves.
        self.env.cr.execute("SET LOCAL jit = off")
        self.env.cr.execute(query)
        written = self.env.cr.rowcount
        self.env.cr.execute("SET LOCAL jit TO DEFAULT")
        self.invalidate_model()
        return written

    @api.model
    def _sce_operable_channels(self, plan):
        """The planner's channels in order, without those the call center cannot send
        on: SMS without a gateway, autodial without a PBX that originates calls."""
        operable = []
        for channel in plan._sce_channels():
            if channel == "sms" and not plan.sms_gateway_id:
                continue
            if channel == "phone" and not plan.cti_source_id.originate_url:
                continue
            operable.append(channel)
        return operable

    @api.model
    def _sce_pick(self, plan, now, day_start):
        """The day's customers to invite, at most the daily quota less those invited
        since the day began: overdue first, then due, then those with a fresh
        interaction, then the others by their term. One UPDATE; returns
        [(entry id, channel)]."""
        self.env.cr.execute(
            SQL(
                """SELECT count(*) FROM sce_survey_plan_entry
                    WHERE plan_id = %s AND date_planned >= %s""",
                plan.id,
                day_start,
            )
        )
        left = plan.daily_quota - self.env.cr.fetchone()[0]
        if left <= 0:
            return []
        self.env.cr.execute(
            SQL(
                """UPDATE sce_survey_plan_entry e
                      SET state = 'planned', date_planned = %(now)s, write_date = %(now)s
                    WHERE e.id IN (
                          SELECT id FROM sce_survey_plan_entry
                           WHERE plan_id = %(plan)s AND state = 'to_ask'
                           ORDER BY CASE WHEN date_term <= %(now)s THEN 0
                                         WHEN date_term <= %(due_until)s THEN 1
                                         WHEN date_interaction IS NOT NULL THEN 2
                                         ELSE 3 END,
                                    date_term, partner_id
                           LIMIT %(left)s)
                RETURNING e.id, e.channel""",
                now=now,
                plan=plan.id,
                due_until=now + timedelta(days=plan.due_lead_days),
                left=left,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _sce_invite_picked(self, plan, now, picked):
        """One survey campaign per channel for the picked customers, their recipients
        inserted in one statement, started when the planner says so."""
        if not picked:
            return {}
        Campaign = self.env["sce.inform.campaign"].with_user(SUPERUSER_ID)
        calendar = plan.company_id.sce_calendar_id or plan.company_id.resource_calendar_id
        deadline = (
            calendar._sce_deadline(now, plan.link_working_days, "working_days")
            if calendar
            else now + timedelta(days=plan.link_working_days)
        )
        channel_names = dict(
            self.env["sce.inform.campaign"]._fields["channel"]._description_selection(self.env)
        )
        local_day = fields.Date.to_string(
            pytz.utc.localize(now).astimezone(pytz.timezone("Europe/Moscow")).date()
        )
        campaigns = {}
        for channel in sorted({channel for _id, channel in picked}):
            campaigns[channel] = Campaign.create(
                {
                    "name": self.env._(
                        "Satisfaction survey %(day)s: %(channel)s",
                        day=local_day,
                        channel=channel_names[channel],
                    ),
                    "purpose": "survey",
                    "channel": channel,
                    "template": plan._sce_template(channel),
                    "email_subject": plan.email_subject,
                    "partner_domain": False,
                    "sms_gateway_id": plan.sms_gateway_id.id,
                    "cti_source_id": plan.cti_source_id.id,
                    "autodial_extension": plan.autodial_extension,
                    "window_start": plan.window_start,
                    "window_end": plan.window_end,
                    "throttle_per_minute": plan.throttle_per_minute,
                    "company_id": plan.company_id.id,
                    "sce_survey_plan_id": plan.id,
                    "sce_survey_deadline": deadline,
                }
            )
        self.env.flush_all()
        ids = [entry_id for entry_id, _channel in picked]
        self.env.cr.execute(
            SQL(
                """UPDATE sce_survey_plan_entry e SET campaign_id = (%(by_channel)s)
                    WHERE e.id = ANY(%(ids)s)""",
                by_channel=SQL(
                    "CASE e.channel %s END",
                    SQL(" ").join(
                        SQL("WHEN %s THEN %s", channel, campaign.id)
                        for channel, campaign in campaigns.items()
                    ),
                ),
                ids=ids,
            )
        )
        contact = SQL(
            "CASE e.channel %s END",
            SQL(" ").join(
                SQL("WHEN %s THEN %s", channel, self._sce_contact_sql(channel))
                for channel, _label in CHANNELS
            ),
        )
        self.env.cr.execute(
            SQL(
                """INSERT INTO sce_inform_recipient (
                       campaign_id, partner_id, account_id, contact, debt, state,
                       sce_survey_id, sce_ticket_id, sce_call_id, sce_queue_ticket_id,
                       create_uid, create_date, write_uid, write_date)
                   SELECT e.campaign_id, e.partner_id, e.account_id, %(contact)s, 0, 'pending',
                          e.survey_id, e.ticket_id, e.call_id, e.queue_ticket_id,
                          %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM sce_survey_plan_entry e
                     JOIN res_partner p ON p.id = e.partner_id
                    WHERE e.id = ANY(%(ids)s)
                    ORDER BY e.id""",
                contact=contact,
                uid=self.env.uid,
                now=now,
                ids=ids,
            )
        )
        self.invalidate_model(["campaign_id"])
        self.env["sce.inform.recipient"].invalidate_model()
        if plan.auto_start:
            for campaign in campaigns.values():
                campaign.action_start()
        return campaigns
