from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    sce_service_center_ids = fields.Many2many(
        "sce.service.center",
        "sce_service_center_res_users_rel",
        "user_id",
        "center_id",
        string="Service centers",
        help="The centers where the user works: the hall staff see only the tickets, "
        "windows and bookings of these centers (and of the centers of their windows).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any(vals.get("sce_service_center_ids") for vals in vals_list):
            self.env.registry.clear_cache()  # the record rules' domains name the centers
        return users

    def write(self, vals):
        result = super().write(vals)
        if "sce_service_center_ids" in vals:
            self.env.registry.clear_cache()  # the record rules' domains name the centers
        return result
