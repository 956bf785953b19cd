from odoo import api, fields, models

from .sce_service_center_compliance import EQUIPMENT_ITEMS


class SceServiceCenterEquipment(models.Model):
    """A line of a center's equipment and furniture inventory (SC-3, Table 3)."""

    _name = "sce.service.center.equipment"
    _description = "Service center equipment"
    _order = "center_id, item"

    center_id = fields.Many2one(
        "sce.service.center", string="Service center", required=True, index=True, ondelete="cascade"
    )
    item = fields.Selection(EQUIPMENT_ITEMS, required=True)
    quantity = fields.Integer(required=True, default=1)
    speed_ppm = fields.Integer(
        string="Speed (pages/min)",
        help="Black-and-white speed of a copier-printer (Table 3: at least 25) or a scanner "
        "(at least 34); slower devices do not count.",
    )
    note = fields.Char(help="Model, inventory number.")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity >= 0)", "The quantity cannot be negative."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.center_id._sce_check_compliance()
        return lines

    def write(self, vals):
        centers = self.center_id
        result = super().write(vals)
        (centers | self.center_id)._sce_check_compliance()
        return result

    def unlink(self):
        centers = self.center_id
        result = super().unlink()
        centers.exists()._sce_check_compliance()
        return result
