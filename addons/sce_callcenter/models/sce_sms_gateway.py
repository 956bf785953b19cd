import hmac
import secrets
from datetime import timedelta

import requests

from odoo import api, fields, models

ERROR_EXCERPT = 200
SUPERVISOR = "sce_callcenter.group_sce_cc_supervisor"
# SMS.RU's message status codes (sms/status and the callback's sms_status): the final
# ones. 100-102 (queued, handed to the operator, in transit) are not final.
SMSRU_DELIVERED = {103, 110}  # delivered; read (messengers)
SMSRU_FAILED = {
    104: "expired",
    105: "deleted by the operator",
    106: "failure in the phone",
    107: "unknown reason",
    108: "rejected",
    150: "no route to the number",
}
SMSRU_STATUS_BATCH = 100  # ids per sms/status request
POLL_DAYS = 3  # results are asked for messages sent in the last days only


def _new_token():
    return secrets.token_urlsafe(24)


class SceSmsGateway(models.Model):
    """An SMS gateway (CC-2, FB-6). The interface is ``_sce_send_sms(number, text)``,
    which returns ``{"state": "sent"|"delivered"|"failed", "external_id", "error"}``;
    each provider is a value of ``provider`` and a method ``_sce_send_sms_<provider>``
    (an addon adds a provider with ``selection_add`` and its method)."""

    _name = "sce.sms.gateway"
    _description = "SMS gateway"
    _order = "name"

    name = fields.Char(required=True)
    provider = fields.Selection([("smsru", "SMS.RU")], required=True, default="smsru")
    api_url = fields.Char(
        string="API URL",
        required=True,
        default="https://sms.ru/sms/send",
        help="The provider's send method; a test gateway of ours in tests.",
    )
    status_url = fields.Char(
        string="Status URL",
        default="https://sms.ru/sms/status",
        help="The provider's delivery-status method, polled for messages still awaiting "
        "their result (delivery reports also arrive at the callback URL).",
    )
    callback_token = fields.Char(
        copy=False,
        default=lambda self: _new_token(),
        groups=SUPERVISOR,
        help="The secret part of the callback URL given to the provider.",
    )
    callback_url = fields.Char(
        compute="_compute_callback_url",
        string="Callback URL",
        groups=SUPERVISOR,
        help="Give this address to the provider as the handler of delivery reports "
        "(SMS.RU: Settings → API → callback).",
    )
    api_key = fields.Char(
        string="API key",
        copy=False,
        groups="sce_callcenter.group_sce_cc_supervisor",
        help="SMS.RU: the api_id of the account.",
    )
    sender = fields.Char(help="The sender name approved by the provider (empty: its default).")
    timeout = fields.Integer(string="Timeout (seconds)", default=10, required=True)
    test_mode = fields.Boolean(help="SMS.RU test=1: accepted and answered, not delivered.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)

    _sql_constraints = [
        ("timeout_positive", "CHECK(timeout > 0)", "The timeout must be positive."),
    ]

    @api.depends("callback_token")
    def _compute_callback_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for gateway in self:
            gateway.callback_url = (
                f"{base}/sce/sms/{gateway.provider}/{gateway.id}/{gateway.callback_token}"
                if gateway.id and gateway.callback_token
                else False
            )

    def action_new_callback_token(self):
        """A new secret for the callback URL (the old address stops working)."""
        self.sudo().write({"callback_token": _new_token()})
        return True

    def _sce_check_callback_token(self, token):
        """True when ``token`` is this gateway's callback secret (constant-time)."""
        self.ensure_one()
        expected = self.sudo().callback_token or ""
        return bool(expected and token) and hmac.compare_digest(
            expected.encode(), str(token).encode()
        )

    def _sce_send_sms(self, number, text):
        """Send ``text`` to ``number`` (E.164) through this gateway's provider."""
        self.ensure_one()
        if not number or not text:
            return {"state": "failed", "error": self.env._("No number or no text.")}
        return getattr(self.sudo(), f"_sce_send_sms_{self.provider}")(number, text)

    def _sce_send_sms_smsru(self, number, text):
        """SMS.RU's HTTP API, method sms/send: POST api_id, to (digits, no +), msg,
        json=1 [, from, test=1]. The JSON answer has a status ("OK"/"ERROR"),
        status_code (100: accepted) and, per number under "sms", its own status,
        status_code, status_text and sms_id."""
        to = number.lstrip("+")
        data = {"api_id": self.api_key or "", "to": to, "msg": text, "json": 1}
        if self.sender:
            data["from"] = self.sender
        if self.test_mode:
            data["test"] = 1
        try:
            response = requests.post(self.api_url, data=data, timeout=self.timeout)
        except requests.Timeout:
            # It may have been accepted: never resent, reported as unknown.
            return {
                "state": "failed",
                "error": self.env._("The SMS gateway did not answer in time: outcome unknown."),
            }
        except requests.RequestException as error:
            return {"state": "failed", "error": self.env._("SMS gateway unreachable: %s", error)}
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code >= 400 or not isinstance(answer, dict):
            return {
                "state": "failed",
                "error": self.env._(
                    "The SMS gateway answered HTTP %(status)s: %(text)s",
                    status=response.status_code,
                    text=response.text[:ERROR_EXCERPT],
                ),
            }
        if answer.get("status") != "OK":
            return {
                "state": "failed",
                "error": f"{answer.get('status_code')}: {answer.get('status_text') or ''}",
            }
        item = (answer.get("sms") or {}).get(to) or {}
        if item.get("status") != "OK":
            return {
                "state": "failed",
                "error": f"{item.get('status_code')}: {item.get('status_text') or ''}",
            }
        # Accepted by the gateway: delivered or not is reported later (callback, status).
        return {"state": "sent", "external_id": str(item.get("sms_id") or "")}

    # ------------------------------------------------------------------ delivery status

    def _sce_smsru_result(self, code):
        """(state, error) of an SMS.RU status code: ("delivered", False), ("failed",
        reason) or (None, None) while the message is on its way or unknown."""
        if code in SMSRU_DELIVERED:
            return "delivered", False
        if code in SMSRU_FAILED:
            return "failed", f"{code}: {SMSRU_FAILED[code]}"
        return None, None

    def _sce_apply_statuses(self, statuses):
        """Apply delivery results ``{external id: provider status code}`` to this
        gateway's recipients still awaiting theirs (sent → delivered/failed). Unknown
        ids, messages still on their way and results already recorded change nothing.
        Returns the number of recipients updated."""
        self.ensure_one()
        results = {}
        for external_id, code in statuses.items():
            state, error = getattr(self, f"_sce_{self.provider}_result")(code)
            if state:
                results[external_id] = (state, error)
        if not results:
            return 0
        recipients = (
            self.env["sce.inform.recipient"]
            .sudo()
            .search(
                [
                    ("external_id", "in", list(results)),
                    ("state", "=", "sent"),
                    ("campaign_id.sms_gateway_id", "=", self.id),
                ]
            )
        )
        now = fields.Datetime.now()
        for recipient in recipients:
            state, error = results[recipient.external_id]
            recipient.write({"state": state, "error": error, "date_result": now})
        recipients.campaign_id._sce_notify_progress()
        return len(recipients)

    def _sce_poll_statuses(self):
        """Ask the provider for the results of this gateway's messages still awaiting
        theirs; returns the number of recipients updated."""
        self.ensure_one()
        recipients = (
            self.env["sce.inform.recipient"]
            .sudo()
            .search(
                [
                    ("state", "=", "sent"),
                    ("external_id", "!=", False),
                    ("campaign_id.sms_gateway_id", "=", self.id),
                    ("date_sent", ">=", fields.Datetime.now() - timedelta(days=POLL_DAYS)),
                ],
                order="id",
            )
        )
        ids = recipients.mapped("external_id")
        updated = 0
        for start in range(0, len(ids), SMSRU_STATUS_BATCH):
            statuses = getattr(self.sudo(), f"_sce_status_{self.provider}")(
                ids[start : start + SMSRU_STATUS_BATCH]
            )
            updated += self._sce_apply_statuses(statuses)
        return updated

    def _sce_status_smsru(self, sms_ids):
        """SMS.RU's sms/status: POST api_id, sms_id (comma-separated), json=1; the
        answer has, per id under "sms", its status and status_code. Returns
        ``{sms_id: status_code}`` of the ids it answered; an unreachable or refusing
        gateway answers nothing (the next poll asks again)."""
        if not self.status_url or not sms_ids:
            return {}
        data = {"api_id": self.api_key or "", "sms_id": ",".join(sms_ids), "json": 1}
        try:
            response = requests.post(self.status_url, data=data, timeout=self.timeout)
            answer = response.json()
        except (requests.RequestException, ValueError):
            return {}
        if response.status_code >= 400 or not isinstance(answer, dict):
            return {}
        if answer.get("status") != "OK" or not isinstance(answer.get("sms"), dict):
            return {}
        statuses = {}
        for sms_id, item in answer["sms"].items():
            if isinstance(item, dict) and item.get("status") == "OK":
                try:
                    statuses[sms_id] = int(item.get("status_code"))
                except (TypeError, ValueError):
                    continue
        return statuses

    @api.model
    def _cron_sce_poll_statuses(self):
        """Poll the delivery results of the active gateways that support it."""
        for gateway in self.search([("status_url", "!=", False)]):
            gateway._sce_poll_statuses()
