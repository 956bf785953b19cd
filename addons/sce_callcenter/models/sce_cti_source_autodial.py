from odoo import models
from odoo.exceptions import UserError

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
