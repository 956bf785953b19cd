from odoo import models

# The first role that matches gives the landing screen of a user without a home action.
HOME_ACTIONS = (
    ("sce_appeals.group_sce_front_office", "sce_appeals.helpdesk_ticket_action_appeals"),
    ("sce_appeals.group_sce_specialist", "sce_appeals.helpdesk_ticket_action_my_appeals"),
    ("sce_appeals.group_sce_complaint_router", "sce_appeals.helpdesk_ticket_action_appeals"),
    ("sce_appeals.group_sce_mro_client_dept", "sce_appeals.helpdesk_ticket_action_appeals"),
    ("sce_appeals.group_sce_manager", "sce_appeals.helpdesk_ticket_action_sce_analysis"),
)


class IrHttp(models.AbstractModel):
    """Staff land on their work after login, not in Discuss: appeals for the front
    office and specialists, the analysis for managers."""

    _inherit = "ir.http"

    def session_info(self):
        info = super().session_info()
        user = self.env.user
        if info.get("home_action_id") or not user._is_internal():
            return info
        for group, action in HOME_ACTIONS:
            if user.has_group(group):
                info["home_action_id"] = self.env.ref(action).id
                break
        return info
