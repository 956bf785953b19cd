import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_datetime

from .sce_ivr_self_service import SceSelfServiceError

ACTIVE_STATES = ("announced", "active")
STREET_PREFIXES = re.compile(
    r"^(ул\.?|улица|пр\.?|пр-т|проспект|пер\.?|переулок|пл\.?|площадь|ш\.?|шоссе|"
    r"б-р|бульвар|наб\.?|набережная|мкр\.?|микрорайон)\s+"
)
SETTLEMENT_PREFIXES = re.compile(r"^(г\.?|город|с\.?|село|пос\.?|посёлок|поселок|ст\.?|станица)\s+")


def _norm(text, prefixes=None):
    text = " ".join((text or "").lower().replace("ё", "е").split())
    if prefixes is not None:
        text = prefixes.sub("", text.replace("ё", "е"))
    return text.strip(" .")


REGION_PART = re.compile(r"^\d{6}$|алания|республика|область|край|район")


def split_address(address):
    """«362040, РСО-Алания, г. Владикавказ, ул. Маркуса, д. 22, кв. 5» (or without the
    postcode and region) → (settlement, street, house), normalised."""
    parts = [p.strip() for p in (address or "").split(",")]
    parts = [p for p in parts if p and not REGION_PART.search(p.lower())]
    parts += [""] * (3 - len(parts))
    house = re.sub(r"^(д\.?|дом)\s*", "", _norm(parts[2])).replace(" ", "")
    return _norm(parts[0], SETTLEMENT_PREFIXES), _norm(parts[1], STREET_PREFIXES), house


class SceOutage(models.Model):
    """A power outage (CC-2: information exchange with grid operators on outages): the
    settlements, streets, houses or accounts it affects, informs their customers through
    a campaign, is announced by the IVR and on the operator's screen pop for callers
    from those addresses, and gathers the “no power” appeals to answer them together."""

    _name = "sce.outage"
    _description = "Power outage"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [("planned", "Planned"), ("emergency", "Emergency")],
        required=True,
        default="planned",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("announced", "Announced"),
            ("active", "In progress"),
            ("resolved", "Power restored"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    date_end_expected = fields.Datetime(string="Expected end", required=True, tracking=True)
    date_end = fields.Datetime(string="Power restored at", readonly=True, copy=False)
    grid_operator = fields.Char(help="The grid organisation that reported the outage.")
    customer_text = fields.Text(
        string="Text for customers",
        help="What the IVR, the operator and the answers to appeals say about the outage.",
    )
    address_ids = fields.One2many("sce.outage.address", "outage_id", string="Affected addresses")
    account_ids = fields.Many2many("sce.account", string="Affected accounts")
    affected_count = fields.Integer(
        compute="_compute_affected_count", string="Affected accounts (count)"
    )
    campaign_ids = fields.One2many("sce.inform.campaign", "outage_id", string="Campaigns")
    ticket_ids = fields.One2many("helpdesk.ticket", "sce_outage_id", string="Appeals")
    ticket_count = fields.Integer(compute="_compute_ticket_count", string="Appeals (count)")
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_end_expected >= date_start)",
            "The expected end of an outage cannot precede its start.",
        ),
    ]

    def _compute_affected_count(self):
        for outage in self:
            outage.affected_count = len(outage._sce_affected_accounts())

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("sce_outage_id", "in", self.ids)], ["sce_outage_id"], ["__count"]
            )
        )
        for outage in self:
            outage.ticket_count = counts.get(outage, 0)

    # ------------------------------------------------------------------ addresses

    def _sce_affected_accounts(self):
        """The active accounts named on the outage or supplied at one of its addresses
        (settlement; street; house numbers), read with an indexed ilike on the
        settlement, then matched part by part."""
        self.ensure_one()
        accounts = self.account_ids
        Account = self.env["sce.account"]
        for line in self.address_ids:
            settlement = _norm(line.settlement, SETTLEMENT_PREFIXES)
            candidates = Account.search([("supply_address", "=ilike", f"%{settlement}%")])
            accounts |= candidates.filtered(
                lambda a, line=line: line._sce_matches(a.supply_address)
            )
        return accounts.filtered("active")

    @api.model
    def _sce_active_for_accounts(self, accounts, now=None):
        """The announced or ongoing outages affecting any of ``accounts`` now (or soon:
        a planned outage is announced until it ends)."""
        if not accounts:
            return self.browse()
        now = now or fields.Datetime.now()
        outages = self.search(
            [("state", "in", ACTIVE_STATES), ("date_end_expected", ">=", now)], order="date_start"
        )
        return outages.filtered(lambda o: o._sce_affected_accounts() & accounts)

    def _sce_summary(self):
        """The outage as the screen pop and the IVR get it."""
        self.ensure_one()
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        tz = self.env.context.get("tz") or self.env.user.tz or "Europe/Moscow"
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "kind_label": kinds[self.kind],
            "state": self.state,
            "start": fields.Datetime.to_string(self.date_start),
            "expected_end": fields.Datetime.to_string(self.date_end_expected),
            "text": self.customer_text or "",
            "banner": self.env._(
                "%(kind)s outage at the caller's address: %(name)s, until %(end)s",
                kind=kinds[self.kind],
                name=self.name,
                end=format_datetime(self.env, self.date_end_expected, tz=tz, dt_format="short"),
            ),
        }

    # ------------------------------------------------------------------ workflow

    def action_announce(self):
        for outage in self:
            if outage.state != "draft":
                raise UserError(self.env._("Only a draft outage is announced."))
            if not (outage.address_ids or outage.account_ids):
                raise UserError(self.env._("Name the affected addresses or accounts first."))
        self.write({"state": "announced"})
        return True

    def action_start(self):
        self.filtered(lambda o: o.state in ("draft", "announced")).write({"state": "active"})
        return True

    def action_cancel(self):
        self.filtered(lambda o: o.state in ("draft", "announced", "active")).write(
            {"state": "cancelled"}
        )
        return True

    def action_create_campaign(self):
        """A campaign informing the affected customers (FB-6), by SMS by default; the
        supervisor reviews and starts it. Consent and contracts are checked as usual."""
        self.ensure_one()
        self.env["sce.inform.campaign"]._sce_check_supervisor()
        accounts = self._sce_affected_accounts()
        if not accounts:
            raise UserError(self.env._("No account is affected by this outage."))
        local_start = fields.Datetime.context_timestamp(self, self.date_start)
        local_end = fields.Datetime.context_timestamp(self, self.date_end_expected)
        campaign = self.env["sce.inform.campaign"].create(
            {
                "name": self.env._("Outage: %(name)s", name=self.name),
                "purpose": "planned_outage" if self.kind == "planned" else "emergency_outage",
                "channel": "sms",
                "outage_id": self.id,
                "event_date": local_start.date(),
                "event_time_from": local_start.hour + local_start.minute / 60.0,
                "event_time_to": local_end.hour + local_end.minute / 60.0,
                "sms_gateway_id": self.env["sce.sms.gateway"].search([], limit=1).id,
                "template": self.env._(
                    "{name}, on {date} from {time_from} to {time_to} there will be no power at "
                    "{address}. {company}"
                ),
                "partner_domain": False,
            }
        )
        campaign._sce_add_recipients(accounts.partner_id, accounts)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sce.inform.campaign",
            "res_id": campaign.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_link_appeals(self):
        """Link the open appeals of the affected accounts received since the outage
        began (the flood of “no power” calls) to the outage."""
        self.ensure_one()
        accounts = self._sce_affected_accounts()
        tickets = self.env["helpdesk.ticket"].search(
            [
                ("account_id", "in", accounts.ids),
                ("sce_outage_id", "=", False),
                ("create_date", ">=", self.date_start),
                ("closed", "=", False),
            ]
        )
        tickets.write({"sce_outage_id": self.id})
        return self.action_view_appeals()

    def action_view_appeals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_appeals.helpdesk_ticket_action_appeals"
        )
        action["domain"] = [("sce_outage_id", "=", self.id)]
        action["context"] = {"sce_appeals": 1, "default_sce_outage_id": self.id}
        return action

    def action_resolve(self):
        """Power is back: the outage is closed and every open appeal linked to it is
        answered with one text, through each customer's answer channel (FB-3)."""
        for outage in self:
            if outage.state not in ("announced", "active"):
                raise UserError(self.env._("Only an announced or ongoing outage is resolved."))
            outage.write({"state": "resolved", "date_end": fields.Datetime.now()})
            outage._sce_answer_appeals()
        return True

    def _sce_answer_appeals(self):
        self.ensure_one()
        open_tickets = self.ticket_ids.filtered(lambda t: not t.closed and t.partner_id)
        if not open_tickets:
            return open_tickets
        restored = format_datetime(self.env, self.date_end, tz=self.env.user.tz, dt_format="short")
        stating = Markup("<p>%s</p>") % self.env._(
            "Your appeal concerned the outage “%(name)s”, which began on %(start)s.",
            name=self.name,
            start=format_datetime(
                self.env, self.date_start, tz=self.env.user.tz, dt_format="short"
            ),
        )
        resolving = Markup("<p>%s</p>") % self.env._(
            "Power supply was restored on %(restored)s. %(text)s",
            restored=restored,
            text=self.customer_text or "",
        )
        open_tickets.write(
            {
                "answer_stating": stating,
                "answer_resolving": resolving,
                "answer_user_id": self.env.user.id,
            }
        )
        open_tickets.action_sce_send_answer()
        self.message_post(
            body=self.env._("%(count)s appeals answered together.", count=len(open_tickets))
        )
        return open_tickets


class SceOutageAddress(models.Model):
    """An affected address: a settlement, optionally one street, optionally some houses."""

    _name = "sce.outage.address"
    _description = "Address affected by an outage"

    outage_id = fields.Many2one("sce.outage", required=True, ondelete="cascade", index=True)
    settlement = fields.Char(required=True, help="E.g. Владикавказ, с. Октябрьское.")
    street = fields.Char(help="Empty: the whole settlement.")
    houses = fields.Char(help="House numbers separated by commas; empty: the whole street.")

    def _sce_matches(self, address):
        self.ensure_one()
        settlement, street, house = split_address(address)
        if settlement != _norm(self.settlement, SETTLEMENT_PREFIXES):
            return False
        if self.street and street != _norm(self.street, STREET_PREFIXES):
            return False
        if self.houses:
            wanted = {
                h.strip().lower().replace(" ", "") for h in self.houses.split(",") if h.strip()
            }
            return house in wanted
        return True


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    sce_outage_id = fields.Many2one(
        "sce.outage",
        string="Outage",
        index="btree_not_null",
        tracking=True,
        help="The outage this “no power” appeal is about: answered together when it ends.",
    )


class SceCall(models.Model):
    _inherit = "sce.call"

    def _sce_screen_pop_payload(self):
        """The screen pop with a banner for every outage at the caller's addresses."""
        payload = super()._sce_screen_pop_payload()
        partners = self.partner_id or self.matched_partner_ids
        accounts = self.env["sce.account"].sudo().search([("partner_id", "in", partners.ids)])
        outages = self.env["sce.outage"].sudo()._sce_active_for_accounts(accounts)
        payload["outages"] = [outage._sce_summary() for outage in outages]
        return payload


class SceIvrSelfService(models.AbstractModel):
    _inherit = "sce.ivr.self.service"

    @api.model
    def _sce_outages(self, number):
        """The active outages at the addresses of the caller's customers (CC-5): the
        IVR announces them before the menu. An unknown number gets an empty list."""
        number = number or self.env.context.get("sce_query_number")
        if not isinstance(number, str) or not number.strip() or len(number) > 32:
            raise SceSelfServiceError(
                422, "invalid_number", self.env._("Give the caller's number.")
            )
        partners, accounts = self.env["sce.call"]._sce_caller_lookup(number)
        outages = self.env["sce.outage"]._sce_active_for_accounts(accounts)
        return {
            "number": self.env["res.partner"]._sce_try_normalize(number) or number,
            "outages": [
                {k: v for k, v in outage._sce_summary().items() if k != "banner"}
                for outage in outages
            ],
        }

    @api.model
    def _sce_inform_result(self, reference, result):
        """The PBX reports the outcome of an autodial call (FB-6)."""
        if not self.env["sce.inform.recipient"]._sce_autodial_result(reference, result):
            raise SceSelfServiceError(
                404, "unknown_reference", self.env._("No autodial call awaits this result.")
            )
        return {"status": "recorded", "reference": reference, "result": result}
