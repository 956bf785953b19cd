from odoo import fields, models


class SceAppealImportError(models.Model):
    """One problem of one row of a file of historical appeals."""

    _name = "sce.appeal.import.error"
    _description = "Error of an appeal import"
    _order = "row, id"

    import_id = fields.Many2one("sce.appeal.import", required=True, ondelete="cascade", index=True)
    row = fields.Integer(readonly=True)
    column = fields.Char(readonly=True)
    value = fields.Char(readonly=True)
    message = fields.Char(string="Error", readonly=True)
