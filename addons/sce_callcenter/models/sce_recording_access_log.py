from odoo import fields, models


class SceRecordingAccessLog(models.Model):
    """Who listened to or exported which call recording, when and from where (CC-3:
    protection of confidential data). Written by the recording route only; read by
    supervisors; nobody edits it."""

    _name = "sce.recording.access.log"
    _description = "Call recording access log"
    _order = "date desc, id desc"
    _rec_name = "recording_id"

    recording_id = fields.Many2one(
        "sce.call.recording", required=True, index=True, ondelete="cascade"
    )
    call_id = fields.Many2one(related="recording_id.call_id", store=True, string="Call")
    company_id = fields.Many2one(
        related="recording_id.company_id", store=True, index=True, string="Company"
    )
    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="restrict")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    action = fields.Selection(
        [("listen", "Listened"), ("export", "Exported")], required=True, index=True
    )
    ip_address = fields.Char(string="IP address")
