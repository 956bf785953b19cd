from odoo import models


class HelpdeskTicket(models.Model):
    """GEN-7: the chatter's suggested recipients of an appeal carry the customer's
    e-mail address; staff who must not see customers' contacts (specialists, managers)
    get the customer without the address. Letters and mail still reach the customer:
    the server sends them."""

    _inherit = "helpdesk.ticket"

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if not self.env["res.partner"]._sce_hides_contacts():
            return recipients
        internal = self.env["res.users"].sudo().search([("share", "=", False)]).partner_id
        for recipient in recipients:
            if recipient.get("partner_id") not in internal.ids:
                recipient["email"] = False
                recipient.pop("create_values", None)
        return recipients
