from odoo import api, fields, models

from odoo.addons.sce_appeals.models.res_partner import ANSWER_CHANNELS

INFORM_CHANNELS = ("email", "sms", "phone")


class ResPartner(models.Model):
    _inherit = "res.partner"

    sce_inform_email = fields.Boolean(
        string="Auto-informing by e-mail",
        help="The customer agreed to automatic notices by e-mail (FB-6).",
    )
    sce_inform_sms = fields.Boolean(
        string="Auto-informing by SMS",
        help="The customer agreed to automatic notices by SMS (FB-6).",
    )
    sce_inform_phone = fields.Boolean(
        string="Auto-informing by phone",
        help="The customer agreed to automatic phone calls (FB-6).",
    )
    sce_consent_log_ids = fields.One2many("sce.consent.log", "partner_id", string="Consent history")

    @api.model
    def _sce_answer_channels_for_portal(self):
        """The answer channels a customer may choose in the cabinet (FB-3)."""
        labels = dict(self._fields["sce_preferred_answer_channel"]._description_selection(self.env))
        return [(code, labels[code]) for code, _label in ANSWER_CHANNELS if code != "in_person"]

    def _sce_consent_state(self):
        """{kind: value} of this customer's current choices, as the history stores them."""
        self.ensure_one()
        partner = self.sudo()
        return {
            "answer_channel": partner.sce_preferred_answer_channel or "",
            "inform_email": "yes" if partner.sce_inform_email else "no",
            "inform_sms": "yes" if partner.sce_inform_sms else "no",
            "inform_phone": "yes" if partner.sce_inform_phone else "no",
            "personal_data": "yes" if partner.sce_consent_date else "no",
        }

    def _sce_set_consents(self, wanted, source, ip_address=False):
        """Apply the customer's choices (FB-3, FB-6, GEN-7) and log every change.

        ``wanted`` maps kinds of ``_sce_consent_state`` to their new values. The caller
        passes the logged-in customer's own card; it is written as superuser because the
        consent date is personal data that portal users may not write directly."""
        self.ensure_one()
        current = self._sce_consent_state()
        channels = {code for code, _label in self._sce_answer_channels_for_portal()}
        changes = {
            kind: value
            for kind, value in wanted.items()
            if kind in current
            and value != current[kind]
            and (value in channels if kind == "answer_channel" else value in ("yes", "no"))
        }
        if not changes:
            return changes
        partner = self.sudo()
        values = {}
        if "answer_channel" in changes:
            values["sce_preferred_answer_channel"] = changes["answer_channel"]
        for channel in INFORM_CHANNELS:
            if f"inform_{channel}" in changes:
                values[f"sce_inform_{channel}"] = changes[f"inform_{channel}"] == "yes"
        if "personal_data" in changes:
            given = changes["personal_data"] == "yes"
            values.update(
                {
                    "sce_consent_date": fields.Date.context_today(self) if given else False,
                    "sce_consent_channel_id": given
                    and self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
                    "sce_consent_document": given
                    and self.env._("Consent given in the personal cabinet"),
                }
            )
        partner.write(values)
        self.env["sce.consent.log"].sudo().create(
            [
                {
                    "partner_id": self.id,
                    "user_id": self.env.user.id,
                    "kind": kind,
                    "old_value": current[kind],
                    "new_value": value,
                    "source": source,
                    "ip_address": ip_address,
                }
                for kind, value in changes.items()
            ]
        )
        return changes
