from odoo import fields, models


class ScePortalAccountLink(models.Model):
    """A personal account a portal login may see (WEB-3): one login may hold several
    accounts (a family's flat and dacha) and one account several logins (family members,
    a company's accountants). The portal record rules of accounts, meters, readings and
    charges all go through these rows."""

    _name = "sce.portal.account.link"
    _description = "Personal account in the personal cabinet"
    _order = "id"

    user_id = fields.Many2one(
        "res.users", string="Login", required=True, index=True, ondelete="cascade"
    )
    account_id = fields.Many2one(
        "sce.account", string="Personal account", required=True, index=True, ondelete="cascade"
    )
    method = fields.Selection(
        [
            ("registration", "Online registration"),
            ("cabinet", "Added in the cabinet"),
            ("staff", "Added by staff"),
        ],
        string="Linked by",
        required=True,
        default="staff",
    )

    _sql_constraints = [
        (
            "user_account_uniq",
            "unique(user_id, account_id)",
            "This personal account is already in this login's cabinet.",
        ),
    ]
