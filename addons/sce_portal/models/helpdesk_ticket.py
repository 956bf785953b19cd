from markupsafe import Markup

from odoo import api, models
from odoo.tools import email_normalize, plaintext2html

# The two forms of the internet reception (WEB-2) and the kind of appeal each creates.
RECEPTION_KINDS = {"question": "inquiry", "complaint": "complaint"}
MAX_FILES = 5
MAX_FILE_MB = 5
MAX_FILE_SIZE = MAX_FILE_MB * 1024 * 1024
MAX_SUBJECT = 200
MAX_TEXT = 10000
# Files are recognised by their first bytes, never by their name or declared type.
FILE_SIGNATURES = ((b"\xff\xd8\xff", "image/jpeg"), (b"%PDF-", "application/pdf"))
HONEYPOT_FIELD = "sce_homepage"


def file_type(content):
    """The MIME type of a JPEG image or a PDF document, else False."""
    return next((mime for magic, mime in FILE_SIGNATURES if content.startswith(magic)), False)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ticket in self.filtered("sce_workflow"):
            ticket.access_url = f"/my/appeals/{ticket.id}"
        return res

    @api.model
    def _sce_reception_topics(self):
        """Topics a customer may choose on the site: names only, no personal data."""
        return (
            self.env["helpdesk.ticket.category"]
            .sudo()
            .search([("show_in_portal", "=", True)], order="sequence, name")
        )

    @api.model
    def _sce_reception_errors(self, form, data, uploads, ip_address):
        """Every reason the form cannot be accepted, in the customer's words."""
        if form not in RECEPTION_KINDS:
            return [self.env._("The form could not be accepted. Please try again later.")]
        errors = self._sce_spam_errors(data, ip_address)
        if errors:
            return errors
        errors = self._sce_contact_errors(data)
        topic_id = data.get("topic_id")
        if not (
            topic_id and topic_id.isdigit() and int(topic_id) in self._sce_reception_topics().ids
        ):
            errors.append(self.env._("Choose the topic of your appeal."))
        if not data.get("subject"):
            errors.append(self.env._("Write the subject of your appeal."))
        elif len(data["subject"]) > MAX_SUBJECT:
            errors.append(
                self.env._("The subject is longer than %(max)s characters.", max=MAX_SUBJECT)
            )
        if not data.get("text"):
            errors.append(self.env._("Write the text of your appeal."))
        elif len(data["text"]) > MAX_TEXT:
            errors.append(self.env._("The text is longer than %(max)s characters.", max=MAX_TEXT))
        if form != "complaint" and uploads:
            errors.append(self.env._("Files can be attached to an appeal or a complaint only."))
        errors += self._sce_upload_errors(uploads)
        return errors

    @api.model
    def _sce_spam_errors(self, data, ip_address):
        """The honeypot filled in, or too many forms from one address (WEB-2)."""
        if data.get(HONEYPOT_FIELD):
            return [self.env._("The form could not be accepted. Please try again later.")]
        if self.env["sce.reception.submission"]._sce_too_many(ip_address):
            return [
                self.env._(
                    "Too many appeals were sent from your address in the last minutes. "
                    "Please try again in 10 minutes."
                )
            ]
        return []

    @api.model
    def _sce_contact_errors(self, data):
        """The customer's name and a valid e-mail or phone to answer to."""
        errors = []
        if not (data.get("surname") and data.get("first_name")):
            errors.append(self.env._("Enter your surname and first name."))
        email, phone = data.get("email"), data.get("phone")
        if not (email or phone):
            errors.append(self.env._("Give an e-mail or a phone number so that we can answer you."))
        if email and not email_normalize(email):
            errors.append(self.env._("The e-mail address is not valid."))
        if phone and not self.env["res.partner"]._sce_try_normalize(phone):
            errors.append(
                self.env._(
                    "The phone number is not valid. "
                    "Enter it as +7 XXX XXX-XX-XX or 8 XXX XXX-XX-XX."
                )
            )
        return errors

    @api.model
    def _sce_upload_errors(self, uploads):
        errors = []
        if len(uploads) > MAX_FILES:
            errors.append(self.env._("Attach no more than %(count)s files.", count=MAX_FILES))
        for name, content in uploads:
            if len(content) > MAX_FILE_SIZE:
                errors.append(
                    self.env._(
                        "The file “%(name)s” is larger than %(size)s MB.",
                        name=name,
                        size=MAX_FILE_MB,
                    )
                )
            elif not file_type(content):
                errors.append(
                    self.env._(
                        "The file “%(name)s” is not a JPEG image or a PDF document. "
                        "Only JPG and PDF files are accepted.",
                        name=name,
                    )
                )
        return errors

    @api.model
    def _sce_reception_partner(self, data):
        """The logged-in customer, else the customer with this e-mail and surname, else
        a new citizen (group 1) with the name as given."""
        user = self.env.user
        if not user._is_public():
            return user.partner_id
        partners = self.env["res.partner"].sudo()
        email = email_normalize(data.get("email") or "")
        partner = email and partners.search([("email_normalized", "=", email)], limit=1)
        # An e-mail address alone does not prove who writes: the appeal joins the customer
        # with that address only when the surname matches too, so that the robot's
        # salutation on the appeal's page never shows a stored name to a stranger.
        if partner and (partner.sce_surname or "").casefold() == data["surname"].casefold():
            return partner
        installed = dict(self.env["res.lang"].get_installed())
        lang = self.env.lang if self.env.lang in installed else False
        return partners.create(
            {
                "sce_surname": data["surname"],
                "sce_first_name": data["first_name"],
                "sce_patronymic": data.get("patronymic") or False,
                "sce_customer_group": "1",
                "email": email or False,
                "phone": data.get("phone") or False,
                "lang": lang,
            }
        )

    @api.model
    def _sce_reception_submit(self, form, data, uploads, ip_address):
        """Accept a form of the internet reception (WEB-2, WEB-4, WEB-5).

        ``data`` holds the form's text fields, ``uploads`` (file name, content) pairs.
        Returns ``(appeal, errors)``: the appeal and no errors, or no appeal and the
        reasons; nothing is stored from a rejected form.
        """
        data = {key: (value or "").strip() for key, value in data.items()}
        errors = self._sce_reception_errors(form, data, uploads, ip_address)
        if errors:
            return self.browse(), errors
        partner = self._sce_reception_partner(data)
        names = (data.get("surname"), data.get("first_name"), data.get("patronymic"))
        # The visitor is the public user, who may not create appeals or customers, and a
        # portal customer may not either: sudo() is used only here, after every field
        # was validated above, and the values come from the form alone.
        appeal = (
            self.sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "name": data["subject"],
                    "description": plaintext2html(data["text"]),
                    "channel_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
                    "appeal_kind": RECEPTION_KINDS[form],
                    "category_id": int(data["topic_id"]),
                    "partner_id": partner.id,
                    "partner_name": " ".join(n for n in names if n),
                    "partner_email": email_normalize(data.get("email") or "") or False,
                }
            )
        )
        appeal._portal_ensure_token()
        if uploads:
            appeal.message_post(
                body=Markup("<p>%s</p>") % self.env._("Files attached by the customer."),
                attachments=list(uploads),
                author_id=partner.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.env["sce.reception.submission"].sudo().create(
            {"ip_address": ip_address, "ticket_id": appeal.id}
        )
        return appeal, []
