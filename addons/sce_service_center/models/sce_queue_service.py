from odoo import api, fields, models

# Who serves a service (SC-6): the roles of the standard's section 4.
SERVING_ROLES = [
    ("administrator", "Administrator"),
    ("consultant", "Manager-consultant"),
    ("cashier", "Operator (controller-cashier)"),
]


class SceQueueService(models.Model):
    """A service of the electronic queue, with the norms of the standard's Table 4 (SC-8)."""

    _name = "sce.queue.service"
    _description = "Queue service"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    ticket_prefix = fields.Char(
        required=True,
        size=3,
        help="Letter(s) before the ticket number, e.g. К for К-015; numbering restarts "
        "each day per center and prefix.",
    )
    serving_role = fields.Selection(SERVING_ROLES, required=True, default="consultant")
    norm_wait_minutes = fields.Integer(
        string="Wait norm (min)",
        help="Average wait in the queue, Table 4 of the standard (SC-8).",
    )
    norm_service_minutes = fields.Integer(
        string="Service norm (min)",
        help="Average service time, Table 4 of the standard (SC-8).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "norms_positive",
            "CHECK(norm_wait_minutes >= 0 AND norm_service_minutes >= 0)",
            "Norms are minutes, zero or more.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("ticket_prefix"):
                vals["ticket_prefix"] = vals["ticket_prefix"].strip().upper()
        return super().create(vals_list)
