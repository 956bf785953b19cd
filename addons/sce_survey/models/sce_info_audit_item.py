from odoo import fields, models

INFO_AUDIT_SCOPES = [
    ("site", "Corporate site"),
    ("stand", "Information stand of a service center"),
]


class SceInfoAuditItem(models.Model):
    """An item of the monthly information audit (CTRL-4): a section the corporate site
    must hold (WEB-1, chapter 2 section 6.1 of the standard) or a material the
    information stands of the service centers must show."""

    _name = "sce.info.audit.item"
    _description = "Information audit item"
    _order = "scope, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    scope = fields.Selection(INFO_AUDIT_SCOPES, required=True, index=True)
    requirement = fields.Char(help="The requirement or clause of the standard behind the item.")
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Department",
        help="The department that puts a missing or outdated item right.",
    )
    user_id = fields.Many2one("res.users", string="Responsible")
    active = fields.Boolean(default=True)
