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
        result = super()._transfer_to_service(service)
        self.filtered("target_window_id").sudo().target_window_id = False
        return result

    def _call_to_window(self, window):
        self.filtered("target_window_id").sudo().target_window_id = False
        return super()._call_to_window(window)
