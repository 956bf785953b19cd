from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    sce_mro_ids = fields.Many2many(
        "sce.mro",
        "sce_mro_res_users_rel",
        "user_id",
        "mro_id",
        string="MROs served",
        help="MRO staff see the appeals and accounts of these MROs only.",
    )
    sce_job_title = fields.Char(
        string="Position for letters", help="Printed in the signature block of answers."
    )
    sce_department = fields.Char(
        string="Department for letters", help="Printed in the signature block of answers."
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["sce_mro_ids"]

    def write(self, vals):
        res = super().write(vals)
        if "sce_mro_ids" in vals:
            # Record rules read user.sce_mro_ids and are cached per user.
            self.env.registry.clear_cache()
        return res
