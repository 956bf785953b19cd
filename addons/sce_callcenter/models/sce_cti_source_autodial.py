import requests

from odoo import models
from odoo.exceptions import UserError

from .sce_cti_source import ERROR_EXCERPT

AUTODIAL_RESULTS = ("delivered", "no_answer", "operator", "failed")


class SceCtiSource(models.Model):
    _inherit = "sce.cti.source"  # pylint: disable=consider-merging-classes-inherited

    def _sce_autodial(self, extension, to_number, text, reference):
        """An auto-informing call (FB-6) through the PBX's originate API: the same URL
        and token as click-to-dial, with the text the PBX reads to the customer and a
        reference it reports the outcome with (POST /sce/cti/v1/inform/result). A PBX
        that knows the outcome at once may answer {"result": ...}. Returns the
        recipient's new state."""
        self.ensure_one()
        try:
            answer = self._sce_originate_payload(
                {
                    "from": extension,
                    "to": to_number,
                    "mode": "autoinform",
                    "text": text,
                    "reference": reference,
                }
            )
        except UserError as error:
            return {"state": "failed", "error": str(error)}
        result = answer.get("result")
        return {
            "state": result if result in AUTODIAL_RESULTS else "sent",
            "external_id": str(answer.get("call_id") or answer.get("id") or ""),
        }

    def _sce_originate_payload(self, payload):
        """POST ``payload`` (with this source's code) to the originate URL with its
        token; errors become UserError. Returns the JSON answer (a dict)."""
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
        source = self.sudo()
        if source.originate_token:
            header = (source.originate_auth_header or "Authorization").strip()
            bearer = header.lower() == "authorization"
            headers[header] = (
                f"Bearer {source.originate_token}" if bearer else source.originate_token
            )
        body = dict(payload, source=self.code, to=number)
        try:
            response = requests.post(
                self.originate_url, json=body, headers=headers, timeout=self.originate_timeout
            )
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
