import pytz

from odoo import api, fields, models

# Originals of the documents attached online are due within 6 working days (WEB-2).
ORIGINALS_WORKING_DAYS = 6


class ScePortalService(models.Model):
    """An additional service a customer may request online (WEB-2): its own form
    fields and the documents it needs."""

    _name = "sce.portal.service"
    _description = "Portal service"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True, help="Shown to the customer above the form.")
    price = fields.Char(
        translate=True,
        help="The price list line of the site's additional services page (WEB-1), "
        "e.g. 1 500 ₽ or free of charge.",
    )
    category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Topic",
        required=True,
        help="The topic of the appeals this form creates.",
    )
    field_ids = fields.One2many("sce.portal.service.field", "service_id", string="Form fields")
    document_ids = fields.One2many(
        "sce.portal.service.document", "service_id", string="Required documents"
    )

    @api.model
    def _sce_originals_deadline(self, start):
        """The last moment to bring the originals: 6 working days of the production
        calendar after ``start`` (naive UTC)."""
        return self._sce_calendar()._sce_deadline(start, ORIGINALS_WORKING_DAYS, "working_days")

    @api.model
    def _sce_originals_date(self, start):
        """The originals' deadline as the customer reads it: DD.MM.YYYY, local time."""
        deadline = self._sce_originals_deadline(start)
        return (
            pytz.utc.localize(deadline)
            .astimezone(self._sce_calendar()._sce_tz())
            .strftime("%d.%m.%Y")
        )

    @api.model
    def _sce_calendar(self):
        # The production calendar is configuration every visitor's deadline is counted
        # in; the public user may not read resource.calendar itself.
        return self.env["helpdesk.ticket"].sudo()._sce_calendar()
