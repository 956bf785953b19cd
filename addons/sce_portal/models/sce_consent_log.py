from odoo import fields, models

CONSENT_KINDS = [
    ("answer_channel", "Preferred answer channel"),
    ("inform_email", "Auto-informing by e-mail"),
    ("inform_sms", "Auto-informing by SMS"),
    ("inform_phone", "Auto-informing by phone"),
    ("personal_data", "Personal data processing"),
]


class SceConsentLog(models.Model):
    """Each change of a customer's answer channel (FB-3), auto-informing consent per
    channel (FB-6) and personal data consent (GEN-7): who changed it, when, from what to
    what, and where."""

    _name = "sce.consent.log"
    _description = "Consent history"
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", string="Changed by", ondelete="set null")
    kind = fields.Selection(CONSENT_KINDS, required=True)
    old_value = fields.Char(string="Was")
    new_value = fields.Char(string="Became")
    source = fields.Selection(
        [
            ("cabinet", "Personal cabinet"),
            ("registration", "Online registration"),
            ("staff", "Staff"),
        ],
        required=True,
        default="staff",
    )
    ip_address = fields.Char(string="IP address")
