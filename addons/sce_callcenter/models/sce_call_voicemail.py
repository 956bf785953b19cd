from odoo import fields, models
from odoo.exceptions import AccessError

OPERATOR_GROUPS = (
    "sce_callcenter.group_sce_cc_operator_line1",
    "sce_callcenter.group_sce_cc_operator_line2",
)


class SceCall(models.Model):
    """Voicemail (CC-3): a caller who reached nobody leaves a message; the PBX reports it
    with a “voicemail received” event carrying the file's URL. The message is downloaded
    like a recording and listened to in the call form; an operator registers an appeal
    from it or calls back, then marks it processed."""

    _inherit = "sce.call"  # pylint: disable=consider-merging-classes-inherited

    voicemail_state = fields.Selection(
        [("new", "New"), ("processed", "Processed")],
        string="Voicemail",
        readonly=True,
        index="btree_not_null",
        copy=False,
    )
    voicemail_processed_by = fields.Many2one("res.users", string="Processed by", readonly=True)
    voicemail_processed_at = fields.Datetime(string="Processed on", readonly=True)

    def _sce_voicemail_received(self, event):
        """Run by the CTI ingestion (sudo, after the PBX's signature was checked)."""
        self.ensure_one()
        self.env["sce.call.recording"]._sce_from_event(self, event, voicemail=True)
        if self.voicemail_state != "processed":
            self.voicemail_state = "new"

    def action_sce_voicemail_processed(self):
        """The operator has dealt with the message (an appeal, a call back)."""
        if not any(self.env.user.has_group(group) for group in OPERATOR_GROUPS):
            raise AccessError(self.env._("Only call-center operators process voicemail."))
        calls = self.filtered(lambda call: call.voicemail_state == "new")
        calls.sudo().write(
            {
                "voicemail_state": "processed",
                "voicemail_processed_by": self.env.uid,
                "voicemail_processed_at": fields.Datetime.now(),
            }
        )
        return True
