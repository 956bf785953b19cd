from markupsafe import Markup

from odoo import fields, models
from odoo.tools import plaintext2html

from .helpdesk_ticket import MAX_TEXT

OPEN_STATES = ("registered", "routed", "review", "extended")
MAX_REASON = 1000


class HelpdeskTicket(models.Model):
    """What the customer does on their appeal's page (WEB-3): add information, or
    withdraw an open appeal. The controller passes the appeal only after checking it
    is the customer's own or its access token matches."""

    _inherit = "helpdesk.ticket"

    sce_withdrawn_date = fields.Datetime(string="Withdrawn on", readonly=True, copy=False)
    sce_withdrawal_reason = fields.Text(
        string="Withdrawal reason", readonly=True, copy=False, help="As the customer wrote it."
    )

    def _sce_portal_is_open(self):
        self.ensure_one()
        return self.sce_state in OPEN_STATES

    def _sce_portal_author(self):
        """The customer who acts: the logged-in portal user, else (by the access
        token) the appeal's customer."""
        user = self.env.user
        if not user._is_public() and user.share:
            return user.partner_id
        return self.sudo().partner_id

    def _sce_portal_add_information(self, text, uploads):
        """Post the customer's message and files on the appeal's chatter as the
        customer, for the responsible. Returns the list of errors (nothing stored then)."""
        self.ensure_one()
        text = (text or "").strip()
        errors = []
        if not self._sce_portal_is_open():
            errors.append(self.env._("The appeal is closed: information can no longer be added."))
        if not text:
            errors.append(self.env._("Write the information you add."))
        elif len(text) > MAX_TEXT:
            errors.append(self.env._("The text is longer than %(max)s characters.", max=MAX_TEXT))
        errors += self._sce_upload_errors(uploads)
        if errors:
            return errors
        appeal = self.sudo()
        responsible = appeal.user_id.partner_id
        appeal.message_post(
            body=plaintext2html(text),
            attachments=list(uploads),
            author_id=self._sce_portal_author().id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=responsible.ids,
        )
        return []

    def _sce_portal_withdraw(self, reason):
        """Withdraw an open appeal at the customer's request: it ends refused, marked
        withdrawn with the reason, and its terms stop (it counts as done)."""
        self.ensure_one()
        reason = (reason or "").strip()
        errors = []
        if not self._sce_portal_is_open():
            errors.append(self.env._("Only an appeal under consideration can be withdrawn."))
        if not reason:
            errors.append(self.env._("Give the reason for withdrawing the appeal."))
        elif len(reason) > MAX_REASON:
            errors.append(self.env._("The reason is longer than %(max)s characters.", max=MAX_REASON))
        if errors:
            return errors
        appeal = self.sudo()
        appeal.write(
            {
                "sce_withdrawn_date": fields.Datetime.now(),
                "sce_withdrawal_reason": reason,
                "stage_id": appeal._sce_stage("refused").id,
            }
        )
        appeal.message_post(
            body=Markup("<p>%s</p>%s")
            % (self.env._("The customer withdrew the appeal. Reason:"), plaintext2html(reason)),
            author_id=self._sce_portal_author().id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=appeal.user_id.partner_id.ids,
        )
        return []
