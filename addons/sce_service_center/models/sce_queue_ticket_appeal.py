from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

# The channel of receipt of an appeal made in a center: the center's tier (Table 1,
# channels of sce_appeals by their code)
TIER_CHANNEL_CODES = {
    "central": "central_office",
    "mro": "mro_center",
    "territorial": "territorial_unit",
}


class SceQueueTicket(models.Model):
    """A served visit becomes an appeal of the center's channel or joins the customer's
    open appeal; the written memo of SC-10 is printed for the visitor."""

    # kept apart from the queue workflow (sce_queue_ticket.py)
    _inherit = "sce.queue.ticket"  # pylint: disable=consider-merging-classes-inherited

    appeal_id = fields.Many2one("helpdesk.ticket", readonly=True, index="btree_not_null")
    memo_documents = fields.Text(
        string="Documents to bring", readonly=True, help="Printed on the memo (SC-10)."
    )
    memo_next_visit = fields.Date(string="Next visit", readonly=True)
    memo_notes = fields.Text(string="Memo notes", readonly=True)

    def _check_serving_staff(self):
        """The window's operator, or the hall administrator of the center (rules)."""
        is_admin = self.env.user.has_group("sce_service_center.group_sce_sc_administrator")
        if not is_admin:
            self._check_at_own_window()

    def _center_channel(self):
        self.ensure_one()
        code = TIER_CHANNEL_CODES.get(self.center_id.tier)
        return self.env["helpdesk.ticket.channel"].search([("sce_code", "=", code)], limit=1)

    def _check_appeal_possible(self):
        self.ensure_one()
        self._check_serving_staff()
        self._check_state(("serving", "done"))
        if not self.partner_id:
            raise UserError(self.env._("Identify the customer of the visit first."))
        if self.appeal_id:
            raise UserError(
                self.env._("The visit already belongs to appeal %s.", self.appeal_id.number)
            )

    def _register_appeal(self, vals):
        """A new appeal from the visit (SC-5): the channel of the center's tier, the
        visit's customer; created as the current user (their rights on appeals)."""
        self._check_appeal_possible()
        channel = self._center_channel()
        appeal = self.env["helpdesk.ticket"].create(
            {
                **vals,
                "channel_id": channel.id,
                "partner_id": self.partner_id.id,
            }
        )
        self._write_step({"appeal_id": appeal.id}, "appeal")
        return appeal

    def _attach_to_appeal(self, appeal):
        """The visit concerns the customer's open appeal: linked, and noted on it."""
        self._check_appeal_possible()
        if appeal not in self.partner_id.sce_open_appeal_ids:
            raise UserError(self.env._("Choose an open appeal of the visit's customer."))
        appeal.sudo().message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Visit %(number)s to %(center)s, %(service)s.",
                number=self.name,
                center=self.center_id.name,
                service=self.service_id.name,
            ),
            author_id=self.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self._write_step({"appeal_id": appeal.id}, "appeal")
        return appeal

    def _set_memo(self, documents, next_visit, notes):
        """Record what the memo hands over (SC-10), as a step of the visit."""
        self.ensure_one()
        self._check_serving_staff()
        if self.state not in ("serving", "done"):
            raise UserError(self.env._("The memo is for a visitor being served."))
        self._write_step(
            {"memo_documents": documents, "memo_next_visit": next_visit, "memo_notes": notes},
            "memo",
        )

    def action_view_appeal(self):
        self.ensure_one()
        if not self.appeal_id.has_access("read"):
            raise AccessError(self.env._("You cannot read this appeal."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.appeal_id.id,
            "view_mode": "form",
        }
