from odoo import api, fields, models
from odoo.exceptions import ValidationError

FIELD_TYPES = [
    ("char", "Short text"),
    ("text", "Long text"),
    ("date", "Date"),
    ("selection", "Choice"),
]


class ScePortalServiceField(models.Model):
    """One field of a service's form, as the customer fills it in."""

    _name = "sce.portal.service.field"
    _description = "Portal service form field"
    _order = "sequence, id"

    service_id = fields.Many2one("sce.portal.service", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Label", required=True, translate=True)
    field_type = fields.Selection(FIELD_TYPES, required=True, default="char")
    required = fields.Boolean()
    options = fields.Text(translate=True, help="The choices of a “Choice” field, one per line.")
    help_text = fields.Char(translate=True, help="A hint shown under the field.")

    def _sce_options(self):
        self.ensure_one()
        return [line.strip() for line in (self.options or "").splitlines() if line.strip()]

    @api.constrains("field_type", "options")
    def _check_options(self):
        for field in self:
            if field.field_type == "selection" and not field._sce_options():
                raise ValidationError(
                    self.env._("The choice field “%(name)s” needs its options.", name=field.name)
                )
