from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    """Profile departments and the complaint router are helpdesk teams; a department's
    categories are the topics of its competence, used to route appeals."""

    _inherit = "helpdesk.ticket.team"

    sce_workflow = fields.Boolean(
        string="Appeal workflow",
        help="The team works with the standard's appeal stages (registered → routed → "
        "under review → answered → closed).",
    )
    sce_is_complaint_router = fields.Boolean(
        string="Complaint router", help="Complaints are routed to this team first (WEB-5)."
    )
    sce_is_front_office = fields.Boolean(
        string="Front office", help="New appeals without a team are registered here."
    )

    def _get_applicable_stages(self):
        stages = super()._get_applicable_stages()
        if len(self) == 1 and self.sce_workflow:
            return stages.filtered("sce_state")
        return stages.filtered(lambda s: not s.sce_state)
