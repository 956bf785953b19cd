from odoo import fields, models


class ScePortalServiceDocument(models.Model):
    """A document of a service's checklist: attached online as a scan, the original
    brought to a service center."""

    _name = "sce.portal.service.document"
    _description = "Portal service required document"
    _order = "sequence, id"

    service_id = fields.Many2one("sce.portal.service", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    required = fields.Boolean(default=True)
