from odoo import fields, models


class SceQueueTicketEvent(models.Model):
    """Steps of the timeline added by the kiosk, the pre-booking and the appeal parts."""

    # kept apart from slice 1's steps (sce_queue_ticket_event.py)
    _inherit = "sce.queue.ticket.event"  # pylint: disable=consider-merging-classes-inherited

    kind = fields.Selection(
        selection_add=[
            ("priority", "Priority confirmed"),
            ("priority_rejected", "Priority not confirmed"),
            ("transferred_window", "Transferred to a window"),
            ("appeal", "Appeal registered"),
            ("memo", "Memo handed over"),
        ],
        ondelete={
            "priority": "cascade",
            "priority_rejected": "cascade",
            "transferred_window": "cascade",
            "appeal": "cascade",
            "memo": "cascade",
        },
    )
