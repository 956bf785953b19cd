import logging
from datetime import timedelta

import pytz
from markupsafe import escape
from psycopg2.errors import LockNotAvailable

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.misc import format_date
from odoo.tools.safe_eval import safe_eval

from .sce_inform_words import amount_to_words_ru, date_to_words_ru, time_to_words_ru

_logger = logging.getLogger(__name__)

PURPOSES = [
    ("debt", "Debt and its amount"),
    ("planned_outage", "Planned outage"),
    ("emergency_outage", "Emergency outage"),
    ("price_change", "Price change"),
    ("meter_verification", "Meter verification"),
    ("suspension_warning", "Suspension warning"),
    ("contract_concluded", "Contract concluded"),
    ("request_fulfilled", "Request fulfilled"),
]
CHANNELS = [("phone", "Autodial"), ("sms", "SMS"), ("email", "E-mail")]
RESULTS = [
    ("excluded", "Excluded"),
    ("pending", "Pending"),
    ("sending", "Sending"),
    ("sent", "Sent, awaiting result"),
    ("delivered", "Delivered"),
    ("failed", "Failed"),
    ("no_answer", "No answer"),
    ("operator", "Switched to operator"),
]
FINAL_RESULTS = ("delivered", "failed", "no_answer", "operator")
# Contracts a notice may go to (FB-6: only customers with a contract).
INFORMED_CONTRACTS = ("active", "suspended")
DEFAULT_TZ = "Europe/Moscow"
SUPERVISOR = "sce_callcenter.group_sce_cc_supervisor"


class SceInformCampaign(models.Model):
    """An auto-informing campaign (CC-2, FB-6): one purpose, one channel, recipients
    chosen by a filter or imported, a template, a sending window in the customer's time
    zone, throttling and a result for every recipient. Sent by queue_job jobs of the
    ``sce_inform`` channel; every send is claimed in its own committed transaction before
    it goes out, so a restarted campaign never sends twice."""

    _name = "sce.inform.campaign"
    _description = "Auto-informing campaign"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, tracking=True)
    purpose = fields.Selection(PURPOSES, required=True, default="debt", tracking=True)
    channel = fields.Selection(CHANNELS, required=True, default="sms", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("paused", "Paused"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    template = fields.Text(
        required=True,
        help="Placeholders: {name} (first name and patronymic), {account}, {address}, "
        "{debt}, {date}, {time_from}, {time_to}, {company}. For autodial, amounts and dates "
        "are spoken as words.",
    )
    email_subject = fields.Char()
    event_date = fields.Date(help="The date the notice is about ({date}): outage, verification…")
    event_time_from = fields.Float(help="{time_from}: e.g. the outage start hour.")
    event_time_to = fields.Float(help="{time_to}: e.g. the expected end hour.")
    min_debt = fields.Monetary(
        string="Minimum debt",
        currency_field="currency_id",
        help="Debt campaigns: customers owing less are excluded.",
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.RUB", raise_if_not_found=False)
    )
    partner_domain = fields.Char(
        string="Recipients filter", default="[('sce_customer_group', '!=', False)]"
    )
    import_accounts = fields.Text(
        string="Account numbers to import",
        help="One personal account number a line (or the first column of a CSV).",
    )
    sms_gateway_id = fields.Many2one("sce.sms.gateway", string="SMS gateway")
    cti_source_id = fields.Many2one(
        "sce.cti.source",
        string="PBX for autodial",
        help="Its originate API places the calls; the PBX plays the text.",
    )
    autodial_extension = fields.Char(
        default="autoinform",
        help="The PBX extension (announcement or IVR) that reads the text to the customer.",
    )
    window_start = fields.Float(default=9.0, help="Earliest local hour of the customer.")
    window_end = fields.Float(default=21.0, help="Latest local hour of the customer.")
    default_tz = fields.Selection(
        "_tz_get",
        string="Default time zone",
        default=DEFAULT_TZ,
        required=True,
        help="For customers whose time zone is not set.",
    )
    throttle_per_minute = fields.Integer(string="Messages per minute", default=60, required=True)
    outage_id = fields.Many2one("sce.outage", index="btree_not_null")
    recipient_ids = fields.One2many("sce.inform.recipient", "campaign_id", string="Recipients")
    date_started = fields.Datetime(readonly=True, copy=False)
    date_finished = fields.Datetime(readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    count_total = fields.Integer(compute="_compute_counts", string="Recipients (to send)")
    count_excluded = fields.Integer(compute="_compute_counts", string="Excluded")
    count_pending = fields.Integer(compute="_compute_counts", string="Pending")
    count_sent = fields.Integer(compute="_compute_counts", string="Sent, awaiting result")
    count_delivered = fields.Integer(compute="_compute_counts", string="Delivered")
    count_failed = fields.Integer(compute="_compute_counts", string="Failed")
    count_no_answer = fields.Integer(compute="_compute_counts", string="No answer")
    count_operator = fields.Integer(compute="_compute_counts", string="Switched to operator")
    progress = fields.Float(compute="_compute_counts", string="Progress (%)")

    _sql_constraints = [
        ("throttle_positive", "CHECK(throttle_per_minute > 0)", "Throttling must be positive."),
        (
            "window_valid",
            "CHECK(window_start >= 0 AND window_end <= 24 AND window_start < window_end)",
            "The sending window must lie within a day and start before it ends.",
        ),
    ]

    @api.model
    def _tz_get(self):
        return [
            (tz, tz) for tz in sorted(pytz.all_timezones) if tz.startswith(("Europe/", "Asia/"))
        ]

    def _compute_counts(self):
        groups = self.env["sce.inform.recipient"]._read_group(
            [("campaign_id", "in", self.ids)], ["campaign_id", "state"], ["__count"]
        )
        counts = {}
        for campaign, state, count in groups:
            counts.setdefault(campaign.id, {})[state] = count
        for campaign in self:
            by_state = counts.get(campaign.id, {})
            total = sum(c for s, c in by_state.items() if s != "excluded")
            final = sum(by_state.get(s, 0) for s in FINAL_RESULTS)
            campaign.count_total = total
            campaign.count_excluded = by_state.get("excluded", 0)
            campaign.count_pending = by_state.get("pending", 0)
            campaign.count_sent = by_state.get("sent", 0)
            campaign.count_delivered = by_state.get("delivered", 0)
            campaign.count_failed = by_state.get("failed", 0)
            campaign.count_no_answer = by_state.get("no_answer", 0)
            campaign.count_operator = by_state.get("operator", 0)
            campaign.progress = 100.0 * final / total if total else 0.0

    # ------------------------------------------------------------------ recipients

    def _sce_check_supervisor(self):
        if not self.env.user.has_group(SUPERVISOR):
            raise AccessError(self.env._("Only the call-center supervisor runs campaigns."))

    def action_build_recipients(self):
        """Recipients from the filter: every customer it finds, the excluded listed with
        the reason (FB-6)."""
        self.ensure_one()
        self._sce_check_supervisor()
        domain = safe_eval(self.partner_domain or "[]")
        partners = self.env["res.partner"].search(domain)
        accounts = self.env["sce.account"].search([("partner_id", "in", partners.ids)])
        self._sce_add_recipients(partners, accounts)
        return True

    def action_import_recipients(self):
        """Recipients imported as account numbers (one a line, or a CSV's first column)."""
        self.ensure_one()
        self._sce_check_supervisor()
        numbers = []
        for line in (self.import_accounts or "").splitlines():
            cell = line.replace(";", ",").split(",")[0].strip().strip('"')
            if cell:
                numbers.append(cell)
        accounts = self.env["sce.account"].search([("name", "in", numbers)])
        self._sce_add_recipients(accounts.partner_id, accounts)
        found = set(accounts.mapped("name"))
        missing = [n for n in dict.fromkeys(numbers) if n not in found]
        self.import_accounts = False
        if missing:
            self.message_post(
                body=self.env._(
                    "Unknown account numbers, not imported: %(numbers)s", numbers=", ".join(missing)
                )
            )
        return True

    def _sce_add_recipients(self, partners, accounts):
        """One recipient per customer (with the first informed account), excluded ones
        with their reason; customers already in the campaign are skipped."""
        self.ensure_one()
        if self.state not in ("draft", "paused"):
            raise UserError(self.env._("Recipients are added to a draft or paused campaign."))
        Recipient = self.env["sce.inform.recipient"]
        known = set(self.recipient_ids.partner_id.ids)
        consented = partners._sce_inform_consented(self.channel)
        by_partner = {}
        for account in accounts.sorted("name"):
            by_partner.setdefault(account.partner_id.id, []).append(account)
        values = []
        for partner in partners:
            if partner.id in known:
                continue
            known.add(partner.id)
            informed = [
                a for a in by_partner.get(partner.id, []) if a.contract_state in INFORMED_CONTRACTS
            ]
            account = (informed or by_partner.get(partner.id) or [Recipient.account_id])[0]
            contact = self._sce_contact(partner)
            debt = max(-account.balance, 0.0) if account and self.purpose == "debt" else 0.0
            reason = False
            if not informed:
                reason = "no_contract"
            elif partner not in consented:
                reason = "no_consent"
            elif not contact:
                reason = "no_contact"
            elif self.purpose == "debt" and (debt <= 0 or debt < self.min_debt):
                reason = "no_debt"
            values.append(
                {
                    "campaign_id": self.id,
                    "partner_id": partner.id,
                    "account_id": account.id,
                    "contact": contact or False,
                    "debt": debt,
                    "state": "excluded" if reason else "pending",
                    "exclusion_reason": reason,
                }
            )
        return Recipient.create(values)

    def _sce_contact(self, partner):
        """Where the notice goes: the e-mail, the mobile (SMS), a phone (autodial)."""
        partner = partner.sudo()
        if self.channel == "email":
            return partner.email_normalized or partner.email
        if self.channel == "sms":
            mobile = partner.sce_mobile_e164 or partner.sce_phone_e164
            return mobile if mobile and mobile.startswith("+79") else False
        return partner.sce_mobile_e164 or partner.sce_phone_e164

    # ------------------------------------------------------------------ rendering

    def _sce_render(self, recipient):
        """The template with the recipient's values (``_sce_render_values``)."""
        self.ensure_one()
        values = self._sce_render_values(recipient)
        try:
            return self.template.format_map(values)
        except (KeyError, ValueError, IndexError) as error:
            raise UserError(
                self.env._("The template has an unknown placeholder: %(error)s", error=error)
            ) from error

    def _sce_render_values(self, recipient):
        """{placeholder: text} for the recipient; for autodial, money, dates and hours
        in words (FB-6: the phone reads numbers). Addons add their placeholders here."""
        self.ensure_one()
        voice = self.channel == "phone"
        partner = recipient.partner_id.sudo()
        account = recipient.account_id.sudo()

        def hours(value):
            hour, minute = divmod(round(value * 60), 60)
            return time_to_words_ru(hour, minute) if voice else f"{hour:02d}:{minute:02d}"

        if voice:
            debt = amount_to_words_ru(recipient.debt)
            date = date_to_words_ru(self.event_date) if self.event_date else ""
        else:
            debt = f"{recipient.debt:,.2f}".replace(",", " ").replace(".", ",") + " руб."
            date = (
                format_date(self.env, self.event_date, lang_code="ru_RU") if self.event_date else ""
            )
        return {
            "name": partner.sce_polite_name or partner.name or "",
            "account": account.name or "",
            "address": account.supply_address or "",
            "debt": debt,
            "date": date,
            "time_from": hours(self.event_time_from),
            "time_to": hours(self.event_time_to),
            "company": self.company_id.name,
        }

    # ------------------------------------------------------------------ running

    def action_start(self):
        self._sce_check_supervisor()
        for campaign in self:
            if campaign.state not in ("draft", "paused"):
                raise UserError(self.env._("Only a draft or paused campaign is started."))
            if campaign.channel == "sms" and not campaign.sms_gateway_id:
                raise UserError(self.env._("Choose the SMS gateway of the campaign."))
            if campaign.channel == "phone" and not campaign.cti_source_id.originate_url:
                raise UserError(self.env._("Choose a PBX with an originate URL for autodial."))
            if not campaign.recipient_ids.filtered(lambda r: r.state == "pending"):
                raise UserError(self.env._("The campaign has nobody to inform."))
            campaign._sce_render(
                campaign.recipient_ids.filtered(lambda r: r.state == "pending")[:1]
            )
            campaign.write(
                {"state": "running", "date_started": campaign.date_started or fields.Datetime.now()}
            )
            campaign._sce_enqueue_dispatch()
        return True

    def action_pause(self):
        self._sce_check_supervisor()
        self.filtered(lambda c: c.state == "running").write({"state": "paused"})
        return True

    def action_cancel(self):
        self._sce_check_supervisor()
        self.filtered(lambda c: c.state in ("draft", "running", "paused")).write(
            {"state": "cancelled", "date_finished": fields.Datetime.now()}
        )
        return True

    def action_view_recipients(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_callcenter.sce_inform_recipient_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        return action

    def action_print_report(self):
        self.ensure_one()
        return self.env.ref("sce_callcenter.action_report_sce_inform_campaign").report_action(self)

    def _sce_enqueue_dispatch(self, eta=None):
        for campaign in self:
            campaign.with_delay(
                eta=eta,
                description=self.env._("Campaign %(name)s: send", name=campaign.name),
                identity_key=f"sce.inform.campaign,{campaign.id},dispatch,{eta or ''}",
            )._sce_dispatch()

    def _sce_local_now(self, tz_name, now):
        tz = pytz.timezone(tz_name or self.default_tz or DEFAULT_TZ)
        return pytz.utc.localize(now).astimezone(tz)

    def _sce_in_window(self, recipient, now):
        local = self._sce_local_now(recipient.partner_id.sudo().tz, now)
        hour = local.hour + local.minute / 60.0
        return self.window_start <= hour < self.window_end

    def _sce_dispatch(self, now=None):
        """The queue_job job: send to at most ``throttle_per_minute`` pending recipients
        inside their window, then enqueue the next batch a minute later (or when the
        window opens). Recipients left “sending” by an interrupted run are marked failed
        with an unknown outcome and never sent again. Returns a line for the job."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        # One run at a time per campaign: the row lock is held until the job commits.
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM sce_inform_campaign WHERE id = %s FOR UPDATE NOWAIT",
                        self.id,
                    )
                )
        except LockNotAvailable:
            return "another run of this campaign is under way"
        self.invalidate_recordset()
        if self.state != "running":
            return f"nothing to do: {self.state}"
        Recipient = self.env["sce.inform.recipient"]
        # A recipient still "sending" was claimed by a run that died (this campaign's lock
        # was free): failed with an unknown outcome, never resent. Committed at once,
        # like claims and results, so that the counts below see it.
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "UPDATE sce_inform_recipient SET state = 'failed', error = %s, "
                    "date_result = (now() at time zone 'UTC'), "
                    "write_date = (now() at time zone 'UTC') "
                    "WHERE campaign_id = %s AND state = 'sending'",
                    self.env._("Interrupted while sending: outcome unknown, not resent."),
                    self.id,
                )
            )
        Recipient.invalidate_model()
        pending = Recipient.search(
            [("campaign_id", "=", self.id), ("state", "=", "pending")], order="id"
        )
        ready = pending.filtered(lambda r: self._sce_in_window(r, now))
        batch = ready[: self.throttle_per_minute]
        sent = 0
        for recipient in batch:
            if recipient._sce_claim():
                recipient._sce_send()
                sent += 1
        self.invalidate_recordset()
        Recipient.invalidate_model()
        # Counted in a fresh transaction: this run's snapshot does not see the claims and
        # results committed by the cursors of the sends.
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT state, count(*) FROM sce_inform_recipient "
                    "WHERE campaign_id = %s AND state IN ('pending', 'sending') GROUP BY state",
                    self.id,
                )
            )
            counts = dict(cr.fetchall())
        left = counts.get("pending", 0)
        if sent:
            self._sce_notify_progress()  # on commit, after the state below
        if not left:
            if not counts.get("sending"):
                self.write({"state": "done", "date_finished": now})
            return f"sent {sent}, campaign done"
        if len(ready) > len(batch):
            eta = now + timedelta(minutes=1)
        else:
            eta = self._sce_next_window(pending - batch, now)
        self._sce_enqueue_dispatch(eta=eta)
        return f"sent {sent}, {left} left, next run at {eta}"

    def _sce_notify_progress(self):
        """Live progress (CC-2, FB-6): after each batch of results, one bus message per
        campaign to every user who may read it (the groups with read access to
        campaigns, then the record rules checked as that user); the open campaign form
        reloads its counters. Sent when the transaction commits."""
        campaigns = self.exists()
        if not campaigns:
            return
        accesses = (
            self.env["ir.model.access"]
            .sudo()
            .search([("model_id.model", "=", self._name), ("perm_read", "=", True)])
        )
        domain = [("share", "=", False)]
        if all(accesses.mapped("group_id")):
            domain.append(("groups_id", "in", accesses.group_id.ids))
        users = self.env["res.users"].sudo().search(domain) if accesses else []
        bus = self.env["bus.bus"].sudo()
        for campaign in campaigns:
            # Only the id: the form reloads what its user may read.
            payload = {"campaign_id": campaign.id}
            for user in users:
                if campaign.with_user(user).has_access("read"):
                    bus._sendone(user.partner_id, "sce_callcenter/campaign_progress", payload)

    def _sce_next_window(self, pending, now):
        """The earliest UTC moment a pending recipient's window opens."""
        best = None
        for tz_name in set(pending.partner_id.sudo().mapped("tz")):
            local = self._sce_local_now(tz_name, now)
            hour, minute = divmod(round(self.window_start * 60), 60)
            opening = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
            if opening <= local:
                opening += timedelta(days=1)
            utc = opening.astimezone(pytz.utc).replace(tzinfo=None)
            best = utc if best is None or utc < best else best
        return best or now + timedelta(minutes=1)


class SceInformRecipient(models.Model):
    """One customer of a campaign and the result of informing them (FB-6)."""

    _name = "sce.inform.recipient"
    _description = "Auto-informing recipient"
    _order = "campaign_id desc, id"

    campaign_id = fields.Many2one(
        "sce.inform.campaign", required=True, ondelete="cascade", index=True
    )
    channel = fields.Selection(related="campaign_id.channel")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    account_id = fields.Many2one("sce.account", string="Personal account")
    contact = fields.Char(help="The number or address the notice went to.")
    debt = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="campaign_id.currency_id")
    state = fields.Selection(RESULTS, string="Result", default="pending", required=True, index=True)
    exclusion_reason = fields.Selection(
        [
            ("no_contract", "No contract in force"),
            ("no_consent", "No consent on this channel"),
            ("no_contact", "No contact for this channel"),
            ("no_debt", "No debt (or below the minimum)"),
        ],
        string="Reason excluded",
    )
    message = fields.Text(readonly=True)
    date_claimed = fields.Datetime(readonly=True)
    date_sent = fields.Datetime(readonly=True)
    date_result = fields.Datetime(readonly=True)
    external_id = fields.Char(string="Gateway id", readonly=True, index="btree_not_null")
    error = fields.Char(readonly=True)

    def _sce_claim(self):
        """Take this recipient for sending in a transaction of its own, committed before
        anything goes out: only a pending recipient is claimed, once. False when another
        run claimed it first."""
        self.ensure_one()
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "UPDATE sce_inform_recipient SET state = 'sending', "
                    "date_claimed = (now() at time zone 'UTC') "
                    "WHERE id = %s AND state = 'pending' RETURNING id",
                    self.id,
                )
            )
            claimed = bool(cr.fetchone())
        self.invalidate_recordset()
        return claimed

    def _sce_record(self, values):
        """The outcome of one send, committed at once like the claim."""
        self.ensure_one()
        with self.env.registry.cursor() as cr:
            env = self.env(cr=cr)
            self.with_env(env).write(values)
            env.flush_all()
        self.invalidate_recordset()

    def _sce_send(self):
        """Send the claimed notice through the campaign's channel; every outcome (even
        an error) is recorded, never retried automatically."""
        self.ensure_one()
        campaign = self.campaign_id
        values = {"date_sent": fields.Datetime.now()}
        try:
            message = campaign._sce_render(self)
            values["message"] = message
            if campaign.channel == "sms":
                answer = campaign.sms_gateway_id._sce_send_sms(self.contact, message)
            elif campaign.channel == "email":
                answer = self._sce_send_email(message)
            else:
                answer = campaign.cti_source_id.sudo()._sce_autodial(
                    campaign.autodial_extension, self.contact, message, f"sce-inform-{self.id}"
                )
        except (UserError, ValueError) as error:
            answer = {"state": "failed", "error": str(error)}
        values.update(
            {
                "state": answer.get("state", "failed"),
                "external_id": answer.get("external_id") or False,
                "error": (answer.get("error") or "")[:250] or False,
            }
        )
        if values["state"] in FINAL_RESULTS:
            values["date_result"] = fields.Datetime.now()
        self._sce_record(values)
        return values["state"]

    def _sce_send_email(self, message):
        campaign = self.campaign_id
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": campaign.email_subject or campaign.name,
                    "body_html": "".join(f"<p>{escape(line)}</p>" for line in message.splitlines()),
                    "email_to": self.contact,
                    "email_from": campaign.company_id.email_formatted
                    or self.env.user.email_formatted,
                    "auto_delete": False,
                }
            )
        )
        mail.send(raise_exception=False)
        if mail.state == "exception":
            return {
                "state": "failed",
                "error": mail.failure_reason or "",
                "external_id": mail.message_id,
            }
        return {"state": "delivered", "external_id": mail.message_id}

    @api.model
    def _sce_autodial_result(self, reference, result):
        """The PBX reports how an autodial call ended (delivered, no_answer, operator,
        failed) for ``reference`` (“sce-inform-<id>”, as sent): only a sent recipient
        takes it."""
        if result not in FINAL_RESULTS or not isinstance(reference, str):
            return False
        prefix = "sce-inform-"
        if not reference.startswith(prefix) or not reference[len(prefix) :].isdigit():
            return False
        recipient = self.browse(int(reference[len(prefix) :])).exists()
        if not recipient or recipient.state not in ("sent", "sending"):
            return False
        recipient.write({"state": result, "date_result": fields.Datetime.now()})
        recipient.campaign_id._sce_notify_progress()
        return True
