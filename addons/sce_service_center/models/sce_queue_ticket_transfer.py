from odoo import fields, models
from odoo.exceptions import UserError


class SceQueueTicket(models.Model):
    """Transfer to a specific window (SC-7): the visitor waits for that window only,
    keeps the number, the issue time and the whole timeline."""

    # kept apart from the queue workflow (sce_queue_ticket.py)
    _inherit = "sce.queue.ticket"  # pylint: disable=consider-merging-classes-inherited

    target_window_id = fields.Many2one(
        "sce.queue.window",
        string="Sent to window",
        readonly=True,
        index="btree_not_null",
        help="A visitor transferred to this window waits for it, whatever its services.",
    )

    def _transfer_to_window(self, window, service=None):
        """Send the visitor at one's window to another window of the center; the ticket
        waits for that window with its number and issue time (fairness)."""
        self._check_at_own_window()
        self._check_state(("called", "serving"))
        for ticket in self:
            if window.center_id != ticket.center_id:
                raise UserError(self.env._("Choose a window of the same center."))
            if window == ticket.window_id:
                raise UserError(self.env._("Choose another window to transfer to."))
        vals = {
            "state": "waiting",
            "target_window_id": window.id,
            "window_id": False,
            "operator_id": False,
            "started_at": False,
        }
        if service:
            vals["service_id"] = service.id
        self.sudo().write(vals)
        self.env["sce.queue.ticket.event"].sudo().create(
            [
                {
                    "ticket_id": ticket.id,
                    "kind": "transferred_window",
                    "service_id": ticket.service_id.id,
                    "window_id": window.id,
                }
                for ticket in self
            ]
        )

    def _transfer_to_service(self, service):
        super()._transfer_to_service(service)
        self.filtered("target_window_id").sudo().target_window_id = False

    def _call_to_window(self, window):
        self.filtered("target_window_id").sudo().target_window_id = False
        return super()._call_to_window(window)


class SceQueueWindow(models.Model):
    # kept apart from slice 1's window (sce_queue_window.py)
    _inherit = "sce.queue.window"  # pylint: disable=consider-merging-classes-inherited

    def _pick_next_ticket(self):
        """Lock and return the ticket to call, or an empty recordset: the waiting tickets
        of the window's services not sent to a particular window, and the tickets sent
        to this window, by priority then issue time. FOR UPDATE SKIP LOCKED, as in
        slice 1: concurrent windows never get the same visitor."""
        self.ensure_one()
        Ticket = self.env["sce.queue.ticket"]
        Ticket.flush_model(
            ["center_id", "service_id", "state", "is_priority", "issued_at", "target_window_id"]
        )
        self.env.cr.execute(
            """
            SELECT id FROM sce_queue_ticket
            WHERE center_id = %s AND state = 'waiting'
              AND (target_window_id = %s
                   OR (target_window_id IS NULL AND service_id = ANY(%s)))
            ORDER BY is_priority DESC, issued_at, id
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """,
            (self.center_id.id, self.id, self.service_ids.ids),
        )
        row = self.env.cr.fetchone()
        return Ticket.browse(row[0] if row else [])
