from odoo import models

INFORM_CHANNEL_FIELDS = {
    "phone": "sce_inform_phone",
    "sms": "sce_inform_sms",
    "email": "sce_inform_email",
}


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _sce_inform_consented(self, channel):
        """The customers of ``self`` who agreed to be auto-informed on ``channel``
        (“phone”, “sms” or “email”; FB-6). The per-channel choices are kept by the
        personal cabinet (sce_portal, ``sce_inform_<channel>``) when it is installed,
        and read here without depending on it; without it, the personal-data consent
        of sce_appeals (its date) stands for every channel. An addon keeping consents
        elsewhere overrides this method."""
        partners = self.sudo()
        fname = INFORM_CHANNEL_FIELDS[channel]
        if fname in self._fields:
            return self.browse(partners.filtered(fname).ids)
        return self.browse(partners.filtered("sce_consent_date").ids)
