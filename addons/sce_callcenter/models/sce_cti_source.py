import hashlib
import hmac
import ipaddress
import secrets
import time

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SceCtiSource(models.Model):
    """A PBX that reports its calls through the CTI API (CC-3): each has its own secret
    for the HMAC signature, a timestamp window and an optional IP allow-list."""

    _name = "sce.cti.source"
    _description = "PBX source"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char(
        required=True,
        index=True,
        help="Sent by the PBX as “source” in every event.",
    )
    secret = fields.Char(
        required=True,
        copy=False,
        groups="sce_callcenter.group_sce_cc_supervisor",
        default=lambda self: secrets.token_hex(32),
        help="Shared with the PBX: it signs every request with HMAC-SHA256.",
    )
    timestamp_window = fields.Integer(
        string="Timestamp window (seconds)",
        default=300,
        required=True,
        help="Requests signed longer ago (or further ahead) than this are refused.",
    )
    allowed_ips = fields.Char(
        string="IP allow-list",
        help="Addresses or networks (CIDR) separated by commas or spaces; empty: any.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    call_count = fields.Integer(compute="_compute_call_count")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a PBX source must be unique."),
        (
            "timestamp_window_positive",
            "CHECK(timestamp_window > 0)",
            "The timestamp window must be positive.",
        ),
    ]

    def _compute_call_count(self):
        counts = dict(
            self.env["sce.call"]._read_group(
                [("source_id", "in", self.ids)], ["source_id"], ["__count"]
            )
        )
        for source in self:
            source.call_count = counts.get(source, 0)

    @api.constrains("allowed_ips")
    def _check_allowed_ips(self):
        for source in self:
            try:
                source._sce_allowed_networks()
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "IP allow-list of %(pbx)s: %(error)s",
                        pbx=source.display_name,
                        error=error,
                    )
                ) from error

    def _sce_allowed_networks(self):
        self.ensure_one()
        items = (self.allowed_ips or "").replace(",", " ").split()
        return [ipaddress.ip_network(item, strict=False) for item in items]

    def _sce_ip_allowed(self, remote_addr):
        """Whether a request from ``remote_addr`` may use this source."""
        networks = self._sce_allowed_networks()
        if not networks:
            return True
        try:
            address = ipaddress.ip_address(remote_addr or "")
        except ValueError:
            return False
        return any(address in network for network in networks)

    def _sce_signature(self, timestamp, body):
        """Hex HMAC-SHA256 over ``<timestamp>.<raw body>`` with the source's secret."""
        self.ensure_one()
        return hmac.new(
            self.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
        ).hexdigest()

    def _sce_check_signature(self, timestamp, body, signature):
        """Whether ``signature`` is this source's signature of ``body`` made within the
        timestamp window (``timestamp``: Unix seconds, as sent in the header)."""
        self.ensure_one()
        if not timestamp or not signature or not timestamp.isdigit():
            return False
        expected = self._sce_signature(timestamp, body)
        return hmac.compare_digest(expected, signature.strip().lower())

    def _sce_timestamp_fresh(self, timestamp, now=None):
        self.ensure_one()
        now = time.time() if now is None else now
        return timestamp.isdigit() and abs(now - int(timestamp)) <= self.timestamp_window

    def action_view_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sce_callcenter.sce_call_action")
        action["domain"] = [("source_id", "=", self.id)]
        return action
