from odoo import fields, models


class HelpdeskTicket(models.Model):
    """An appeal migrated from the retailer's former system keeps the import it came
    from."""

    _inherit = "helpdesk.ticket"

    sce_import_id = fields.Many2one(
        "sce.appeal.import",
        string="Imported by",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
