import math
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import consteq

# Tickets a kiosk may issue per minute unless the parameter says otherwise: a real hall
# does not issue more, a script hammering the public page does.
KIOSK_RATE_PARAM = "sce_service_center.kiosk_tickets_per_minute"
KIOSK_RATE_DEFAULT = 20


def _new_kiosk_token():
    return secrets.token_urlsafe(24)


class SceServiceCenter(models.Model):
    """The center's kiosk (SC-7): a public page that issues tickets, guarded by the
    center's own token; the estimate of the wait printed on the ticket (SC-8)."""

    # kept apart from the register (sce_service_center.py), which another part extends
    _inherit = "sce.service.center"  # pylint: disable=consider-merging-classes-inherited

    kiosk_token = fields.Char(
        copy=False,
        groups="sce_service_center.group_sce_sc_head",
        help="Secret part of the kiosk's address: only a browser that knows it issues tickets.",
    )
    kiosk_url = fields.Char(
        string="Kiosk address",
        compute="_compute_kiosk_url",
        groups="sce_service_center.group_sce_sc_head",
    )
    call_center_phone = fields.Char(
        string="Call-center phone",
        help="Printed on the visitor's memo (SC-10).",
    )

    def init(self):
        # each center its own secret: a column default would give them all the same one
        self.env.cr.execute("SELECT id FROM sce_service_center WHERE kiosk_token IS NULL")
        for (center_id,) in self.env.cr.fetchall():
            self.env.cr.execute(
                "UPDATE sce_service_center SET kiosk_token = %s WHERE id = %s",
                (_new_kiosk_token(), center_id),
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("kiosk_token", _new_kiosk_token())
        return super().create(vals_list)

    def _compute_kiosk_url(self):
        base = self.get_base_url()
        for center in self:
            center.kiosk_url = (
                f"{base}/sce/queue/{center.id}/kiosk?token={center.kiosk_token}"
                if center.id and center.kiosk_token
                else False
            )

    def action_renew_kiosk_token(self):
        """A new kiosk address; the old one stops issuing tickets."""
        for center in self:
            center.kiosk_token = _new_kiosk_token()

    def _check_kiosk_token(self, token):
        """True when ``token`` is this center's kiosk token (constant-time compare)."""
        self.ensure_one()
        expected = self.sudo().kiosk_token
        return bool(expected and isinstance(token, str) and consteq(expected, token))

    def _kiosk_services(self):
        """The services the center's open windows offer, as the kiosk's buttons."""
        self.ensure_one()
        windows = self.env["sce.queue.window"].sudo().search([("center_id", "=", self.id)])
        return windows.service_ids.filtered("active").sorted(lambda s: (s.sequence, s.name))

    def _kiosk_rate_exceeded(self):
        """More kiosk tickets in the last minute than the parameter allows."""
        self.ensure_one()
        limit = int(
            self.env["ir.config_parameter"].sudo().get_param(KIOSK_RATE_PARAM, KIOSK_RATE_DEFAULT)
        )
        issued = (
            self.env["sce.queue.ticket"]
            .sudo()
            .search_count(
                [
                    ("center_id", "=", self.id),
                    ("source", "=", "kiosk"),
                    ("issued_at", ">=", fields.Datetime.now() - timedelta(minutes=1)),
                ],
                limit=limit + 1,
            )
        )
        return issued >= limit

    def _kiosk_issue(self, service, priority_requested=False):
        """Issue a kiosk ticket; the caller has checked the token and the service. A
        priority asked at the kiosk waits for the administrator's confirmation (GEN-6)."""
        self.ensure_one()
        return (
            self.env["sce.queue.ticket"]
            .sudo()
            .create(
                {
                    "center_id": self.id,
                    "service_id": service.id,
                    "source": "kiosk",
                    "priority_requested": bool(priority_requested),
                }
            )
        )

    def _estimate_wait_minutes(self, service, ahead):
        """Minutes until a visitor with ``ahead`` tickets before them is called (SC-8):
        the windows offering the service serve in parallel, each visitor taking the
        service's norm; at least the time of one service when somebody is ahead."""
        self.ensure_one()
        windows = (
            self.env["sce.queue.window"]
            .sudo()
            .search_count(
                [
                    ("center_id", "=", self.id),
                    ("service_ids", "in", service.ids),
                    ("user_id", "!=", False),
                ]
            )
        )
        norm = service.norm_service_minutes or service.norm_wait_minutes or 0
        return math.ceil(ahead / max(windows, 1)) * norm
