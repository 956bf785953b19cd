from odoo import models


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
