from datetime import timedelta

from odoo import api, fields, models

RATE_LIMIT_COUNT = 5
RATE_LIMIT_MINUTES = 10


class SceReceptionSubmission(models.Model):
    """One accepted form of the internet reception and the address it came from: the
    per-IP rate limit counts these rows, so it holds across workers and restarts."""

    _name = "sce.reception.submission"
    _description = "Internet reception submission"
    _order = "id desc"

    ip_address = fields.Char(string="IP address", required=True, index=True)
    ticket_id = fields.Many2one("helpdesk.ticket", string="Appeal", ondelete="set null")

    @api.model
    def _sce_too_many(self, ip_address):
        since = fields.Datetime.now() - timedelta(minutes=RATE_LIMIT_MINUTES)
        count = self.sudo().search_count(
            [("ip_address", "=", ip_address), ("create_date", ">=", since)]
        )
        return count >= RATE_LIMIT_COUNT

    @api.autovacuum
    def _gc_old_submissions(self):
        since = fields.Datetime.now() - timedelta(days=1)
        self.sudo().search([("create_date", "<", since)]).unlink()
