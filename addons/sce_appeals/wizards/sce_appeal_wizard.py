from odoo import api, fields, models


class SceAppealWizard(models.AbstractModel):
    """The base of the wizards opened on an appeal: the appeal comes from the context
    only when the context names an appeal (``active_model``)."""

    _name = "sce.appeal.wizard"
    _description = "Wizard on an appeal"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        required=True,
        ondelete="cascade",
        default=lambda self: self._default_ticket(),
    )

    @api.model
    def _default_ticket(self):
        context = self.env.context
        if context.get("active_model") != "helpdesk.ticket" or not context.get("active_id"):
            return self.env["helpdesk.ticket"]
        return self.env["helpdesk.ticket"].browse(context["active_id"]).exists()
