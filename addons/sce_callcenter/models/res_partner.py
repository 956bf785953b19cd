from odoo import models

from odoo.addons.sce_appeals.models.res_partner_card import TIMELINE_LIMIT


class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_sce_dial(self):
        """Click-to-dial the customer from the card (CC-7: manual outbound)."""
        self.ensure_one()
        return self.env["sce.cti.source"]._sce_dial(self.phone or self.mobile)

    def _sce_timeline_events(self, limit=TIMELINE_LIMIT):
        """Calls on the customer card's timeline (GEN-3, CC-7: interaction history), for
        the roles that may read calls; one query for all customers in ``self``."""
        events = super()._sce_timeline_events(limit)
        Call = self.env["sce.call"]
        if not self.ids or not Call.has_access("read"):
            return events
        calls = Call.search_fetch(
            [("partner_id", "in", self.ids), ("date_start", "!=", False)],
            ["partner_id", "date_start", "direction", "disposition", "talk_duration"],
            order="date_start desc, id desc",
            limit=limit,
        )
        directions = dict(Call._fields["direction"]._description_selection(self.env))
        dispositions = dict(Call._fields["disposition"]._description_selection(self.env))
        for call in calls:
            details = [dispositions.get(call.disposition, "")]
            if call.talk_duration:
                details.append("{}:{:02d}".format(*divmod(call.talk_duration, 60)))
            events.append(
                self._sce_timeline_event(
                    call.partner_id.id,
                    call.date_start,
                    "call",
                    "fa-phone",
                    self.env._("%(direction)s call", direction=directions[call.direction]),
                    " · ".join(d for d in details if d),
                    call,
                )
            )
        return events
