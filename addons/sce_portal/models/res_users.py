from odoo import api, models
from odoo.tools import email_normalize


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _sce_portal_register(self, account, email, names):
        """A portal login for the customer who proved ``account`` (WEB-3) and no error,
        or no login and the reason.

        The login gets no password: the auth_signup invitation sent to ``email`` lets
        the customer choose one, which confirms the address. The login is made on the
        account holder's card when the company already has that address for the holder,
        else on a new card of the same customer group (a family member, an employee).
        ``account`` is the proved account, read as superuser by the caller."""
        email = email_normalize(email or "")
        users = self.sudo().with_context(active_test=False)
        if users.search_count(
            ["|", ("login", "=", email), ("partner_id.email_normalized", "=", email)]
        ):
            return self.browse(), self.env._(
                "A login with this e-mail already exists. Log in and add the account "
                "under “My accounts”, or restore the password."
            )
        holder = account.partner_id
        if holder.email_normalized == email and not holder.with_context(active_test=False).user_ids:
            partner = holder
        else:
            surname, first_name, patronymic = names
            partner = (
                self.env["res.partner"]
                .sudo()
                .create(
                    {
                        "sce_surname": surname,
                        "sce_first_name": first_name,
                        "sce_patronymic": patronymic or False,
                        "sce_customer_group": holder.sce_customer_group,
                        "email": email,
                        "lang": self.env.lang
                        if self.env.lang in dict(self.env["res.lang"].get_installed())
                        else False,
                    }
                )
            )
        user = users.with_context(no_reset_password=True)._create_user_from_template(
            {"login": email, "email": email, "partner_id": partner.id, "tz": "Europe/Moscow"}
        )
        self.env["sce.portal.account.link"].sudo().create(
            {"user_id": user.id, "account_id": account.id, "method": "registration"}
        )
        # The invitation of Odoo's portal: a signup link valid for auth_signup's hours.
        user.with_context(create_user=True).action_reset_password()
        return user, None

    def _sce_portal_link_account(self, account):
        """Add a proved account to this login's cabinet; adding it twice is harmless."""
        self.ensure_one()
        links = self.env["sce.portal.account.link"].sudo()
        if not links.search_count([("user_id", "=", self.id), ("account_id", "=", account.id)]):
            links.create({"user_id": self.id, "account_id": account.id, "method": "cabinet"})
