from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import format_datetime

from ..hall_clock import hall_tz

TICKET_SOURCES = [
    ("desk", "Administrator's desk"),
    ("kiosk", "Kiosk"),
    ("booking", "Pre-booking"),
]
CONFIRMABLE_REASONS = ("disabled", "veteran", "socially_vulnerable")


class SceQueueTicket(models.Model):
    """Where a ticket was issued, the wait estimated at issue (printed on the ticket,
    SC-8) and the GEN-6 priority asked at the kiosk, confirmed by the administrator."""

    # kept apart from the queue workflow (sce_queue_ticket.py)
    _inherit = "sce.queue.ticket"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(TICKET_SOURCES, default="desk", required=True, readonly=True)
    priority_requested = fields.Boolean(
        string="Priority asked",
        readonly=True,
        help="The visitor pressed the privileged-category button at the kiosk; the hall "
        "administrator checks the document and confirms the reason (GEN-6).",
    )
    estimated_wait_minutes = fields.Integer(
        string="Estimated wait (min)",
        readonly=True,
        help="At issue: the tickets ahead in the service's queue, served in parallel by "
        "its windows, each in the service's norm of Table 4 (SC-8).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                vals.pop("source", None)
                vals.pop("priority_requested", None)
                vals.pop("estimated_wait_minutes", None)
        tickets = super().create(vals_list)
        for ticket in tickets:
            ticket.sudo().estimated_wait_minutes = ticket._estimate_wait()
        return tickets

    def _tickets_ahead_domain(self):
        """Waiting tickets called before this one: priority first, then by issue time."""
        self.ensure_one()
        before = [
            "|",
            ("issued_at", "<", self.issued_at),
            "&",
            ("issued_at", "=", self.issued_at),
            ("id", "<", self.id),
        ]
        if self.is_priority:
            ahead = expression.AND([[("is_priority", "=", True)], before])
        else:
            ahead = expression.OR([[("is_priority", "=", True)], before])
        return expression.AND(
            [
                [
                    ("center_id", "=", self.center_id.id),
                    ("service_id", "=", self.service_id.id),
                    ("state", "=", "waiting"),
                    ("id", "!=", self.id),
                ],
                ahead,
            ]
        )

    def _estimate_wait(self):
        self.ensure_one()
        ahead = self.env["sce.queue.ticket"].sudo().search_count(self._tickets_ahead_domain())
        return self.center_id._estimate_wait_minutes(self.service_id, ahead)

    def _confirm_priority(self, reason):
        """The hall administrator saw the document: the ticket goes first (GEN-6)."""
        if not self.env.user.has_group("sce_service_center.group_sce_sc_administrator"):
            raise AccessError(self.env._("Only the hall administrator confirms a priority."))
        self._check_state(("waiting",))
        for ticket in self:
            if not ticket.priority_requested:
                raise UserError(self.env._("Ticket %s asked no priority.", ticket.name))
        self._write_step({"priority_reason": reason, "priority_requested": False}, "priority")

    def action_confirm_priority_disabled(self):
        self._confirm_priority("disabled")

    def action_confirm_priority_veteran(self):
        self._confirm_priority("veteran")

    def action_confirm_priority_socially_vulnerable(self):
        self._confirm_priority("socially_vulnerable")

    def action_reject_priority(self):
        """No document: the ticket keeps its ordinary place."""
        if not self.env.user.has_group("sce_service_center.group_sce_sc_administrator"):
            raise AccessError(self.env._("Only the hall administrator confirms a priority."))
        self._check_state(("waiting",))
        self._write_step({"priority_requested": False}, "priority_rejected")

    def action_print_ticket(self):
        return self.env.ref("sce_service_center.action_report_queue_ticket").report_action(self)

    def _sce_local_time(self, moment, dt_format="HH:mm dd.MM.yyyy"):
        """A moment as the hall's clock shows it."""
        if not moment:
            return ""
        return format_datetime(self.env, moment, tz=hall_tz(self.env).zone, dt_format=dt_format)
