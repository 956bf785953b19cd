import requests

from odoo import fields, models

ERROR_EXCERPT = 200


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
        return {"state": "delivered", "external_id": str(item.get("sms_id") or "")}
