from collections import defaultdict
from datetime import date, datetime, time

from markupsafe import Markup

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL, format_date, format_datetime, formatLang

from ..tools import ensure_trigram_indexes
from .helpdesk_ticket import DONE_STATES

TIMELINE_LIMIT = 50
# Columns of res_partner searched by fragment: the name search fields of base plus the
# street; each gets a trigram index so that the lookup stays indexed at 250,000 customers.
PARTNER_TRIGRAM_COLUMNS = ("complete_name", "email", "ref", "vat", "company_registry", "street")
LIKE_OPERATORS = ("ilike", "like", "=ilike", "=like")


class ResPartner(models.Model):
    """The customer card (GEN-3): one window for every front office.

    Lookup by any phone format, personal account number, name or address fragment, and
    one card with the customer's accounts, open appeals and a timeline of interactions.
    Everything is read as the current user: record rules decide what the card shows.
    """

    # The card is its own concern, kept apart from the register (models/res_partner.py).
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    sce_lookup_phone = fields.Char(
        string="Phone number",
        compute="_compute_sce_lookup",
        search="_search_sce_lookup_phone",
        help="Any format: 8 (8672) 53-12-34, +7 8672 531234, 88672531234.",
    )
    sce_lookup_account = fields.Char(
        string="Account number",
        compute="_compute_sce_lookup",
        search="_search_sce_lookup_account",
    )
    sce_lookup_address = fields.Char(
        string="Address",
        compute="_compute_sce_lookup",
        search="_search_sce_lookup_address",
        help="A fragment of the customer's street or of an account's supply address.",
    )
    sce_open_appeal_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Open appeals",
        compute="_compute_sce_open_appeal_ids",
    )
    sce_open_appeal_count = fields.Integer(
        string="Open appeals count", compute="_compute_sce_open_appeal_ids"
    )
    sce_timeline_html = fields.Html(
        string="Timeline",
        compute="_compute_sce_timeline_html",
        sanitize=False,
        help="Every interaction with the customer, newest first.",
    )

    def init(self):
        ensure_trigram_indexes(self.env, self._table, PARTNER_TRIGRAM_COLUMNS)

    # ------------------------------------------------------------------ lookup

    def _compute_sce_lookup(self):
        self.sce_lookup_phone = self.sce_lookup_account = self.sce_lookup_address = False

    @api.model
    def _sce_lookup_value(self, operator, value):
        """The fragment to look up, or None when the condition is not a positive search."""
        if operator not in LIKE_OPERATORS or not isinstance(value, str) or not value.strip():
            return None
        return value.strip()

    @api.model
    def _sce_phone_subquery(self, value):
        e164 = self._sce_try_normalize(value)
        if not e164:
            return None
        return SQL(
            "(SELECT id FROM res_partner WHERE sce_phone_e164 = %s"
            " UNION SELECT id FROM res_partner WHERE sce_mobile_e164 = %s)",
            e164,
            e164,
        )

    @api.model
    def _sce_account_subquery(self, operator, value, fnames):
        """Holders of the accounts the user may read whose ``fnames`` match ``value``."""
        domain = expression.OR([[(fname, operator, value)] for fname in fnames])
        query = self.env["sce.account"].with_context(active_test=False)._search(domain)
        return query.subselect(SQL.identifier(query.table, "partner_id"))

    @api.model
    def _sce_union(self, subqueries):
        subqueries = [sq for sq in subqueries if sq is not None]
        if not subqueries:
            return expression.FALSE_DOMAIN
        return [("id", "in", SQL("(%s)", SQL(" UNION ").join(subqueries)))]

    @api.model
    def _search_display_name(self, operator, value):
        """Customer lookup (GEN-3) from any partner field and ``name_search``: the name
        fields of base, a phone number in any format, a personal account number, an
        address fragment. One ``id IN (… UNION …)`` so that every branch uses its own
        index (trigram, E.164 b-tree) instead of an OR that scans the table."""
        domain = super()._search_display_name(operator, value)
        fragment = self._sce_lookup_value(operator, value)
        if fragment is None:
            return domain
        partners = self.with_context(active_test=False)
        if self._sce_hides_contacts():
            # Roles without customers' contacts cannot find them by address or phone
            # either (GEN-7): the lookup would reveal what the card hides.
            return self._sce_union(
                [
                    partners._search(domain).subselect(),
                    self._sce_account_subquery(operator, value, ["name"]),
                ]
            )
        return self._sce_union(
            [
                partners._search(
                    expression.OR([domain, [("street", operator, value)]])
                ).subselect(),
                self._sce_phone_subquery(fragment),
                self._sce_account_subquery(operator, value, ["name", "supply_address"]),
            ]
        )

    @api.model
    def _search_sce_lookup_phone(self, operator, value):
        fragment = self._sce_lookup_value(operator, value)
        if fragment is None:
            return expression.FALSE_DOMAIN
        return self._sce_union([self._sce_phone_subquery(fragment)])

    @api.model
    def _search_sce_lookup_account(self, operator, value):
        if self._sce_lookup_value(operator, value) is None:
            return expression.FALSE_DOMAIN
        return self._sce_union([self._sce_account_subquery(operator, value, ["name"])])

    @api.model
    def _search_sce_lookup_address(self, operator, value):
        if self._sce_lookup_value(operator, value) is None:
            return expression.FALSE_DOMAIN
        partners = self.with_context(active_test=False)
        return self._sce_union(
            [
                partners._search([("street", operator, value)]).subselect(),
                self._sce_account_subquery(operator, value, ["supply_address"]),
            ]
        )

    # ------------------------------------------------------------------ card

    @api.model
    def _sce_open_appeal_domain(self):
        return [
            ("sce_state", "not in", DONE_STATES),
            ("stage_id.closed", "=", False),
        ]

    def _compute_sce_open_appeal_ids(self):
        """Open appeals of the customers, nearest answer deadline first: one query."""
        by_partner = defaultdict(list)
        if self.ids:
            tickets = self.env["helpdesk.ticket"].search_fetch(
                expression.AND([[("partner_id", "in", self.ids)], self._sce_open_appeal_domain()]),
                ["partner_id"],
                order="deadline_answer, id",
            )
            for ticket in tickets:
                by_partner[ticket.partner_id.id].append(ticket.id)
        for partner in self:
            ids = by_partner.get(partner.id, [])
            partner.sce_open_appeal_ids = [fields.Command.set(ids)]
            partner.sce_open_appeal_count = len(ids)

    def _compute_sce_timeline_html(self):
        by_partner = defaultdict(list)
        if self.ids:
            for event in self._sce_timeline_events(TIMELINE_LIMIT):
                by_partner[event["partner_id"]].append(event)
        for partner in self:
            events = sorted(by_partner[partner.id], key=self._sce_event_sort_key, reverse=True)
            partner.sce_timeline_html = self._sce_timeline_render(events[:TIMELINE_LIMIT])

    # ------------------------------------------------------------------ timeline

    def _sce_timeline_events(self, limit=TIMELINE_LIMIT):
        """Extension point of the customer timeline (GEN-3): every interaction with the
        customers in ``self``.

        Return a list of plain dicts built with :meth:`_sce_timeline_event`::

            {"partner_id": int, "date": datetime (UTC) or date, "kind": str,
             "icon": "fa-…", "title": str, "details": str,
             "res_model": str, "res_id": int}

        Each source costs one query for all of ``self`` (never one per customer or per
        event), returns at most ``limit`` events, and reads as the current user so that
        record rules apply. The card sorts the events by date and keeps the newest
        ``limit``. Another addon adds its interactions (calls, visits, surveys) by
        overriding this method::

            def _sce_timeline_events(self, limit=TIMELINE_LIMIT):
                events = super()._sce_timeline_events(limit)
                calls = self.env["sce.call"].search_fetch(
                    [("partner_id", "in", self.ids)],
                    ["partner_id", "date", "direction"],
                    order="date desc",
                    limit=limit,
                )
                return events + [
                    self._sce_timeline_event(
                        call.partner_id.id, call.date, "call", "fa-phone",
                        self.env._("Call"), call.direction, call,
                    )
                    for call in calls
                ]
        """
        return (
            self._sce_timeline_appeals(limit)
            + self._sce_timeline_letters(limit)
            + self._sce_timeline_readings(limit)
            + self._sce_timeline_moves(limit)
        )

    @api.model
    def _sce_timeline_event(self, partner_id, when, kind, icon, title, details, record):
        """One timeline event as the plain dict :meth:`_sce_timeline_events` returns."""
        return {
            "partner_id": partner_id,
            "date": when,
            "kind": kind,
            "icon": icon,
            "title": title,
            "details": details or "",
            "res_model": record._name,
            "res_id": record.id,
        }

    def _sce_timeline_appeals(self, limit):
        tickets = self.env["helpdesk.ticket"].search_fetch(
            [("partner_id", "in", self.ids)],
            ["partner_id", "number", "name", "date_received", "appeal_kind", "sce_state"],
            order="date_received desc, id desc",
            limit=limit,
        )
        kinds = dict(tickets._fields["appeal_kind"]._description_selection(self.env))
        states = dict(tickets._fields["sce_state"]._description_selection(self.env))
        return [
            self._sce_timeline_event(
                ticket.partner_id.id,
                ticket.date_received,
                "appeal",
                "fa-envelope-open-o",
                self.env._(
                    "Appeal %(number)s: %(subject)s", number=ticket.number, subject=ticket.name
                ),
                " · ".join(
                    label
                    for label in (kinds.get(ticket.appeal_kind), states.get(ticket.sce_state))
                    if label
                ),
                ticket,
            )
            for ticket in tickets
            if ticket.date_received
        ]

    def _sce_timeline_letters(self, limit):
        tickets = self.env["helpdesk.ticket"].search_fetch(
            [("partner_id", "in", self.ids), ("answer_sent_date", "!=", False)],
            ["partner_id", "number", "answer_sent_date", "refusal_ground", "answer_channel"],
            order="answer_sent_date desc, id desc",
            limit=limit,
        )
        channels = dict(tickets._fields["answer_channel"]._description_selection(self.env))
        return [
            self._sce_timeline_event(
                ticket.partner_id.id,
                ticket.answer_sent_date,
                "letter",
                "fa-file-text-o",
                self.env._("Refusal letter on appeal %(number)s", number=ticket.number)
                if ticket.refusal_ground
                else self.env._("Answer letter on appeal %(number)s", number=ticket.number),
                channels.get(ticket.answer_channel, ""),
                ticket,
            )
            for ticket in tickets
        ]

    def _sce_account_rows(self, model_name, columns, limit):
        """Rows of an account-linked model (readings, moves) of the customers in
        ``self``, newest first, with the account's holder and number: one query, under
        the user's record rules on the model and on the accounts."""
        Model = self.env[model_name]
        Model.flush_model()
        self.env["sce.account"].flush_model(["partner_id", "name"])
        query = Model._search([("account_id.partner_id", "in", self.ids)], limit=limit)
        account = query.join(query.table, "account_id", "sce_account", "id", "account_id")
        query.order = SQL(
            "%s DESC, %s DESC",
            SQL.identifier(query.table, "date"),
            SQL.identifier(query.table, "id"),
        )
        self.env.cr.execute(
            query.select(
                SQL.identifier(query.table, "id"),
                SQL.identifier(account, "partner_id"),
                SQL.identifier(account, "name"),
                *(SQL.identifier(query.table, column) for column in columns),
            )
        )
        return self.env.cr.fetchall()

    def _sce_timeline_readings(self, limit):
        Reading = self.env["sce.meter.reading"]
        sources = dict(Reading._fields["source"]._description_selection(self.env))
        return [
            self._sce_timeline_event(
                partner_id,
                when,
                "reading",
                "fa-tachometer",
                self.env._("Meter reading %(value)s", value=formatLang(self.env, value)),
                self.env._(
                    "Account %(account)s · %(origin)s",
                    account=account_name,
                    origin=sources.get(source, ""),
                ),
                Reading.browse(reading_id),
            )
            for reading_id, partner_id, account_name, when, value, source in self._sce_account_rows(
                "sce.meter.reading", ["date", "value", "source"], limit
            )
        ]

    def _sce_timeline_moves(self, limit):
        Move = self.env["sce.account.move"]
        rows = self._sce_account_rows(
            "sce.account.move", ["date", "move_type", "amount", "period"], limit
        )
        events = []
        for move_id, partner_id, account_name, when, move_type, amount, period in rows:
            title = (
                self.env._("Payment %(amount)s", amount=formatLang(self.env, amount))
                if move_type == "payment"
                else self.env._("Charge %(amount)s", amount=formatLang(self.env, amount))
            )
            details = self.env._("Account %(account)s", account=account_name)
            if period:
                details = self.env._(
                    "Account %(account)s · period %(period)s", account=account_name, period=period
                )
            icon = "fa-money" if move_type == "payment" else "fa-calculator"
            events.append(
                self._sce_timeline_event(
                    partner_id, when, move_type, icon, title, details, Move.browse(move_id)
                )
            )
        return events

    @api.model
    def _sce_event_sort_key(self, event):
        when = event["date"]
        if isinstance(when, datetime):
            return when
        if isinstance(when, date):
            return datetime.combine(when, time.min)
        return datetime.min

    @api.model
    def _sce_timeline_render(self, events):
        """Escaped HTML of the timeline; each title links to its record."""
        if not events:
            return Markup('<p class="text-muted">%s</p>') % self.env._("No interactions yet.")
        rows = Markup()
        for event in events:
            when = event["date"]
            if isinstance(when, datetime):
                shown = format_datetime(
                    self.env, when, tz=self.env.context.get("tz"), dt_format="short"
                )
            else:
                shown = format_date(self.env, when)
            rows += Markup(
                '<tr class="o_sce_timeline_%s">'
                '<td class="text-nowrap">%s</td>'
                '<td><i class="fa fa-fw %s" title="%s"/></td>'
                '<td><a href="/odoo/%s/%s" data-oe-model="%s" data-oe-id="%s">%s</a>'
                '<div class="text-muted small">%s</div></td>'
                "</tr>"
            ) % (
                event["kind"],
                shown,
                event["icon"],
                event["kind"],
                event["res_model"],
                event["res_id"],
                event["res_model"],
                event["res_id"],
                event["title"],
                event["details"],
            )
        return (
            Markup('<table class="table table-sm o_sce_timeline"><tbody>%s</tbody></table>') % rows
        )

    # ------------------------------------------------------------------ actions

    def action_sce_new_appeal(self):
        """Register an appeal of this customer from the card."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_appeals.helpdesk_ticket_action_appeals"
        )
        action.update(
            {
                "views": [(False, "form")],
                "view_mode": "form",
                "context": {"sce_appeals": 1, "default_partner_id": self.id},
            }
        )
        return action

    def action_sce_open_appeals(self):
        """Every appeal of this customer, open ones first."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sce_appeals.helpdesk_ticket_action_appeals"
        )
        action.update(
            {
                "domain": [("partner_id", "=", self.id)],
                "context": {"sce_appeals": 1, "default_partner_id": self.id},
            }
        )
        return action

    def action_sce_edit_customer(self):
        """The full customer form, to change contacts and register data."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "views": [(self.env.ref("base.view_partner_form").id, "form")],
            "target": "current",
        }
