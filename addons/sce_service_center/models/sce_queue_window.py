from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class SceQueueWindow(models.Model):
    """A window (desk) of a center where one operator serves some services (SC-6)."""

    _name = "sce.queue.window"
    _description = "Queue window"
    _order = "center_id, number"
    _rec_names_search = ["number", "center_id"]

    center_id = fields.Many2one(
        "sce.service.center", string="Service center", required=True, index=True, ondelete="cascade"
    )
    number = fields.Char(required=True, help="Shown on the hall board, e.g. 3.")
    user_id = fields.Many2one(
        "res.users", string="Operator", index=True, domain=[("share", "=", False)]
    )
    service_ids = fields.Many2many("sce.queue.service", string="Services")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("number_uniq", "UNIQUE(center_id, number)", "Window numbers are unique in a center."),
    ]

    def _compute_display_name(self):
        for window in self:
            window.display_name = self.env._(
                "%(center)s, window %(number)s",
                center=window.center_id.name,
                number=window.number,
            )

    def action_call_next(self):
        """Call the next visitor to this window (SC-7): among the waiting tickets of the
        window's services in its center, priority ones first (GEN-6), then the earliest
        issued. Returns the ticket's form, or a notice when nobody waits."""
        self.ensure_one()
        is_head = self.env.user.has_group("sce_service_center.group_sce_sc_head")
        if self.user_id != self.env.user and not is_head:
            raise AccessError(self.env._("Window %s is not yours.", self.number))
        busy = self.env["sce.queue.ticket"].search_count(
            [("window_id", "=", self.id), ("state", "in", ("called", "serving"))], limit=1
        )
        if busy:
            raise UserError(
                self.env._("Finish the current visitor or mark a no-show before calling the next.")
            )
        ticket = self._pick_next_ticket()
        if not ticket:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {"message": self.env._("Nobody is waiting."), "type": "info"},
            }
        ticket._call_to_window(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sce.queue.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
        }

    def _pick_next_ticket(self):
        """Lock and return the ticket to call, or an empty recordset. FOR UPDATE SKIP
        LOCKED: a ticket another window is calling in a concurrent transaction is
        skipped, so two windows pressing at once never get the same visitor."""
        self.ensure_one()
        if not self.service_ids:
            return self.env["sce.queue.ticket"]
        self.env["sce.queue.ticket"].flush_model(
            ["center_id", "service_id", "state", "is_priority", "issued_at"]
        )
        self.env.cr.execute(
            """
            SELECT id FROM sce_queue_ticket
            WHERE center_id = %s AND service_id = ANY(%s) AND state = 'waiting'
            ORDER BY is_priority DESC, issued_at, id
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """,
            (self.center_id.id, self.service_ids.ids),
        )
        row = self.env.cr.fetchone()
        return self.env["sce.queue.ticket"].browse(row[0] if row else [])
