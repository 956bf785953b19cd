from odoo import models

from odoo.addons.sce_appeals.models.res_partner_card import TIMELINE_LIMIT


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _sce_timeline_events(self, limit=TIMELINE_LIMIT):
        """The customer's visits to the service centers (SC-7) on the card's timeline,
        for the staff who may read queue tickets (record rules: their centers)."""
        events = super()._sce_timeline_events(limit)
        Ticket = self.env["sce.queue.ticket"]
        if not self.ids or not Ticket.has_access("read"):
            return events
        tickets = Ticket.search_fetch(
            [("partner_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["partner_id", "name", "issued_at", "service_id", "center_id", "state", "appeal_id"],
            order="issued_at desc, id desc",
            limit=limit,
        )
        states = dict(Ticket._fields["state"]._description_selection(self.env))
        return events + [
            self._sce_timeline_event(
                ticket.partner_id.id,
                ticket.issued_at,
                "visit",
                "fa-building-o",
                self.env._(
                    "Visit %(number)s: %(service)s",
                    number=ticket.name,
                    service=ticket.service_id.name,
                ),
                " · ".join(
                    part for part in (ticket.center_id.name, states.get(ticket.state)) if part
                ),
                ticket,
            )
            for ticket in tickets
        ]
