from odoo import fields, models

from .sce_service_center_compliance import CHECK_CATEGORIES


class SceServiceCenterCheck(models.Model):
    """One norm of the standard checked on a center's facts: required against actual,
    with its clause (SC-1, SC-3, SC-4). Written only by the center's recomputation."""

    _name = "sce.service.center.check"
    _description = "Service center compliance check"
    _order = "center_id, sequence, id"

    center_id = fields.Many2one(
        "sce.service.center", string="Service center", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    code = fields.Char(required=True, index=True)
    category = fields.Selection(CHECK_CATEGORIES, required=True)
    name = fields.Char(string="Norm", required=True)
    clause = fields.Char(string="Clause of the standard")
    required = fields.Char()
    actual = fields.Char()
    passed = fields.Boolean()
