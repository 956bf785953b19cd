import hashlib
import hmac
import ipaddress
import secrets
import time

import requests

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# The PBX's error text quoted to the operator, at most this long.
ERROR_EXCERPT = 200


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
    originate_url = fields.Char(
        string="Originate URL",
        help="The PBX's click-to-dial (originate/callback) API: Odoo POSTs "
        '{"source", "from", "to"} as JSON here; empty: no click-to-dial.',
    )
    originate_auth_header = fields.Char(
        string="Originate auth header",
        default="Authorization",
        help="The header that carries the token; “Authorization” sends “Bearer <token>”.",
    )
    originate_token = fields.Char(
        copy=False,
        groups="sce_callcenter.group_sce_cc_supervisor",
        help="The PBX's API token for click-to-dial.",
    )
    originate_timeout = fields.Integer(
        string="Originate timeout (seconds)",
        default=10,
        required=True,
        help="The operator is told the PBX did not answer after this long.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a PBX source must be unique."),
        (
            "originate_timeout_positive",
            "CHECK(originate_timeout > 0)",
            "The originate timeout must be positive.",
        ),
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

    # ------------------------------------------------------------------ click-to-dial

    @api.model
    def _sce_originate_source(self, call=None):
        """The source click-to-dial goes through: the call's own PBX, else the first
        of the company with an originate URL. The PBX's token is no operator's business:
        sudo(), on a source the operator did not name."""
        source = call.sudo().source_id if call else self.sudo().browse()
        if not source.originate_url:
            source = self.sudo().search(
                [("originate_url", "!=", False), ("company_id", "=", self.env.company.id)],
                limit=1,
            )
        if not source:
            raise UserError(self.env._("No PBX source is configured for click-to-dial."))
        return source

    def _sce_originate(self, from_extension, to_number):
        """Ask the PBX to ring ``from_extension`` and connect it to ``to_number``
        (CC-7: manual outbound): the number is validated to E.164 first, HTTP errors
        and timeouts become clear messages. Returns the PBX's JSON answer (a dict)."""
        self.ensure_one()
        if not from_extension:
            raise UserError(
                self.env._("You have no PBX extension: ask the supervisor to set it on your user.")
            )
        return self._sce_originate_payload({"from": from_extension, "to": to_number})

    def _sce_originate_payload(self, payload):
        """POST ``payload`` (with this source's code, ``to`` in E.164) to the originate
        URL with its token: click-to-dial and autodial. Errors become UserError; returns
        the JSON answer (a dict)."""
        number = self.env["res.partner"]._sce_try_normalize(payload.get("to"))
        if not number:
            raise UserError(
                self.env._(
                    "Not a valid phone number to call: %(number)s", number=payload.get("to") or ""
                )
            )
        if not self.originate_url:
            raise UserError(
                self.env._("The PBX source %(pbx)s has no originate URL.", pbx=self.display_name)
            )
        headers = {"Content-Type": "application/json"}
        source = self.sudo()  # the token is sent, never shown
        if source.originate_token:
            header = (source.originate_auth_header or "Authorization").strip()
            is_bearer = header.lower() == "authorization"
            headers[header] = (
                f"Bearer {source.originate_token}" if is_bearer else source.originate_token
            )
        body = dict(payload, source=self.code, to=number)
        try:
            response = requests.post(
                self.originate_url, json=body, headers=headers, timeout=self.originate_timeout
            )
        except requests.Timeout as error:
            raise UserError(
                self.env._(
                    "The PBX did not answer within %(seconds)s s: the call was not placed.",
                    seconds=self.originate_timeout,
                )
            ) from error
        except requests.RequestException as error:
            raise UserError(
                self.env._("The PBX cannot be reached: %(error)s", error=error)
            ) from error
        if response.status_code >= 400:
            raise UserError(
                self.env._(
                    "The PBX refused the call (HTTP %(status)s): %(reason)s",
                    status=response.status_code,
                    reason=response.text[:ERROR_EXCERPT] or response.reason,
                )
            )
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        return answer if isinstance(answer, dict) else {}

    @api.model
    def _sce_dial(self, to_number, call=None):
        """Click-to-dial for the current user: their extension (res.users, as the
        screen pop maps it) rings, then ``to_number``; a notification says so."""
        if not (
            self.env.user.has_group("sce_callcenter.group_sce_cc_operator_line1")
            or self.env.user.has_group("sce_callcenter.group_sce_cc_operator_line2")
        ):
            raise AccessError(self.env._("Only call-center operators place calls."))
        source = self._sce_originate_source(call)
        extension = self.env.user.sce_extension
        source._sce_originate(extension, to_number)
        number = self.env["res.partner"]._sce_try_normalize(to_number)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Your extension %(extension)s is ringing: pick up to call %(number)s.",
                    extension=extension,
                    number=number,
                ),
            },
        }

    def action_view_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sce_callcenter.sce_call_action")
        action["domain"] = [("source_id", "=", self.id)]
        return action
