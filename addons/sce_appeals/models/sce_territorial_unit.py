from odoo import fields, models


class SceTerritorialUnit(models.Model):
    """A territorial unit (участок) of an MRO."""

    _name = "sce.territorial.unit"
    _description = "Territorial unit"
    _order = "mro_id, name"

    name = fields.Char(required=True, translate=True)
    mro_id = fields.Many2one("sce.mro", string="MRO", required=True, index=True)
    address = fields.Char()
    active = fields.Boolean(default=True)
