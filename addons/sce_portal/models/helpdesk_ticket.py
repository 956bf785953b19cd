import re
from datetime import date

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
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
MAX_FIELD = 500
# Published summaries (WEB-5): of answered complaints only, a page of them at a time.
ANSWERED_STATES = ("answered", "closed")
MAX_SUMMARY = 4000
PUBLIC_LIMIT = 100
# What the customer may still add to or withdraw (WEB-3).
OPEN_STATES = ("registered", "routed", "review", "extended")
MAX_REASON = 1000


def file_type(content):
    """The MIME type of a JPEG image or a PDF document, else False."""
    return next((mime for magic, mime in FILE_SIGNATURES if content.startswith(magic)), False)


class HelpdeskTicket(models.Model):
    """The appeal as the customer meets it on the site and in the portal: the internet
    reception's forms, service requests with their checklist (WEB-2), published
    answers to complaints (WEB-5), adding information and withdrawing (WEB-3)."""

    _inherit = "helpdesk.ticket"

    sce_service_id = fields.Many2one(
        "sce.portal.service", string="Requested service", readonly=True, index="btree_not_null"
    )
    sce_originals_deadline = fields.Datetime(
        string="Originals due",
        readonly=True,
        copy=False,
        help="The originals of the documents attached online are due within 6 working days.",
    )
    sce_service_document_ids = fields.One2many(
        "sce.service.request.document", "ticket_id", string="Documents checklist"
    )

    sce_summary_published = fields.Boolean(
        string="Publish summary",
        copy=False,
        index=True,
        tracking=True,
        help="Show the anonymised summary on the public page “Answers to complaints”.",
    )
    sce_public_summary = fields.Text(
        string="Anonymised summary",
        copy=False,
        tracking=True,
        help="The complaint and the answer without any personal data: no names, personal "
        "account numbers, addresses, phones or e-mails.",
    )

    sce_withdrawn_date = fields.Datetime(string="Withdrawn on", readonly=True, copy=False)
    sce_withdrawal_reason = fields.Text(
        string="Withdrawal reason", readonly=True, copy=False, help="As the customer wrote it."
    )

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

    # ------------------------------------------------------------------ services (WEB-2)

    def _sce_acknowledge(self):
        """A service request's acknowledgement also gives the date the originals are due."""
        services = self.filtered("sce_originals_deadline")
        res = super(HelpdeskTicket, self - services)._sce_acknowledge()
        services._sce_notify_customer("sce_portal.mail_template_sce_service_request")
        return res

    @api.model
    def _sce_service_field_errors(self, service, values):
        """Every reason the service's own fields cannot be accepted."""
        errors = []
        for field in service.field_ids:
            value = values.get(field.id) or ""
            if not value:
                if field.required:
                    errors.append(self.env._("Fill in “%(field)s”.", field=field.name))
                continue
            if len(value) > MAX_FIELD and field.field_type != "text" or len(value) > MAX_TEXT:
                errors.append(self.env._("“%(field)s” is too long.", field=field.name))
            elif field.field_type == "date":
                try:
                    date.fromisoformat(value)
                except ValueError:
                    errors.append(self.env._("“%(field)s” is not a valid date.", field=field.name))
            elif field.field_type == "selection" and value not in field._sce_options():
                errors.append(
                    self.env._("Choose one of the options of “%(field)s”.", field=field.name)
                )
        return errors

    @api.model
    def _sce_service_errors(self, service, data, values, uploads, ip_address):
        if not service:
            return [self.env._("The form could not be accepted. Please try again later.")]
        errors = self._sce_spam_errors(data, ip_address)
        if errors:
            return errors
        errors = self._sce_contact_errors(data)
        errors += self._sce_service_field_errors(service, values)
        if len(data.get("text") or "") > MAX_TEXT:
            errors.append(self.env._("The text is longer than %(max)s characters.", max=MAX_TEXT))
        for document in service.document_ids.filtered("required"):
            if not uploads.get(document.id):
                errors.append(
                    self.env._("Attach a scan or photo of “%(document)s”.", document=document.name)
                )
        errors += self._sce_upload_errors([u for files in uploads.values() for u in files])
        return errors

    @api.model
    def _sce_shown(self, field, values):
        value = values[field.id]
        if field.field_type == "date":
            return date.fromisoformat(value).strftime("%d.%m.%Y")
        return value

    @api.model
    def _sce_service_description(self, service, data, values):
        """The request as the staff read it: the service's fields and the comment, every
        text the customer typed escaped."""
        rows = Markup("").join(
            Markup("<li><strong>%s:</strong> %s</li>")
            % (field.name, self._sce_shown(field, values))
            for field in service.field_ids
            if values.get(field.id)
        )
        html = Markup("<p>%s</p><ul>%s</ul>") % (service.name, rows)
        if data.get("text"):
            html += plaintext2html(data["text"])
        return html

    @api.model
    def _sce_service_submit(self, service, data, values, uploads, ip_address):
        """Accept a service request form (WEB-2).

        ``service`` is the active ``sce.portal.service``, ``data`` the contact fields and
        the comment, ``values`` the service's own fields by field id, ``uploads`` lists of
        (file name, content) by document id. Returns ``(appeal, errors)``; nothing is
        stored from a rejected form.
        """
        data = {key: (value or "").strip() for key, value in data.items()}
        values = {key: (value or "").strip() for key, value in values.items()}
        service = service.with_env(self.env).sudo()
        errors = self._sce_service_errors(service, data, values, uploads, ip_address)
        if errors:
            return self.browse(), errors
        partner = self._sce_reception_partner(data)
        logged_in = not self.env.user._is_public()
        channel = self.env.ref(
            "sce_appeals.helpdesk_ticket_channel_personal_cabinet"
            if logged_in
            else "helpdesk_mgmt.helpdesk_ticket_channel_web"
        )
        names = (data.get("surname"), data.get("first_name"), data.get("patronymic"))
        now = fields.Datetime.now()
        # As in _sce_reception_submit: sudo() only after every field was validated, the
        # values come from the form and the service's configuration alone.
        appeal = (
            self.sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "name": service.name,
                    "description": self._sce_service_description(service, data, values),
                    "channel_id": channel.id,
                    "appeal_kind": "service_request",
                    "category_id": service.category_id.id,
                    "date_received": now,
                    "partner_id": partner.id,
                    "partner_name": " ".join(n for n in names if n),
                    "partner_email": email_normalize(data.get("email") or "") or False,
                    "sce_service_id": service.id,
                    "sce_originals_deadline": service._sce_originals_deadline(now),
                    # The checklist exists before the mail robot lists it.
                    "sce_service_document_ids": [
                        Command.create(
                            {
                                "sequence": document.sequence,
                                "name": document.name,
                                "required": document.required,
                            }
                        )
                        for document in service.document_ids
                    ],
                }
            )
        )
        appeal._portal_ensure_token()
        attachments = self.env["ir.attachment"]
        for document, line in zip(
            service.document_ids, appeal.sce_service_document_ids, strict=True
        ):
            scans = attachments.sudo().create(
                [
                    {"name": name, "raw": content, "res_model": self._name, "res_id": appeal.id}
                    for name, content in uploads.get(document.id, [])
                ]
            )
            line.attachment_ids = scans
            attachments |= scans
        if attachments:
            appeal.message_post(
                body=Markup("<p>%s</p>") % self.env._("Documents attached by the customer."),
                attachment_ids=attachments.ids,
                author_id=partner.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.env["sce.reception.submission"].sudo().create(
            {"ip_address": ip_address, "ticket_id": appeal.id}
        )
        return appeal, []

    # ------------------------------------------------------------------ answers (WEB-5)

    def _sce_personal_terms(self):
        """The customer's data that must never appear in a public summary."""
        self.ensure_one()
        ticket = self.sudo()
        partner, account = ticket.partner_id, ticket.account_id
        terms = [
            partner.sce_surname,
            partner.sce_first_name,
            partner.sce_patronymic,
            partner.name,
            ticket.partner_name,
            partner.email,
            ticket.partner_email,
            partner.street,
            account.name,
            account.supply_address,
            *partner.sce_account_ids.mapped("name"),
            *partner.sce_account_ids.mapped("supply_address"),
        ]
        return [term.strip() for term in terms if term and len(term.strip()) >= 3]

    def _sce_personal_phones(self):
        self.ensure_one()
        partner = self.sudo().partner_id
        digits = (re.sub(r"\D", "", phone or "") for phone in (partner.phone, partner.mobile))
        return [number[-7:] for number in digits if len(number) >= 7]

    @api.constrains("sce_summary_published", "sce_public_summary", "appeal_kind", "stage_id")
    def _check_public_summary(self):
        for ticket in self.filtered("sce_summary_published"):
            if ticket.appeal_kind != "complaint" or ticket.sce_state not in ANSWERED_STATES:
                raise ValidationError(
                    self.env._("Only the summary of an answered complaint can be published.")
                )
            summary = (ticket.sce_public_summary or "").strip()
            if not summary:
                raise ValidationError(self.env._("Write the anonymised summary to publish."))
            if len(summary) > MAX_SUMMARY:
                raise ValidationError(
                    self.env._("The summary is longer than %(max)s characters.", max=MAX_SUMMARY)
                )
            folded = summary.casefold()
            found = [term for term in ticket._sce_personal_terms() if term.casefold() in folded]
            digits = re.sub(r"\D", "", summary)
            found += [phone for phone in ticket._sce_personal_phones() if phone in digits]
            if found:
                raise ValidationError(
                    self.env._(
                        "The summary of %(number)s contains the customer's personal data "
                        "(%(found)s): remove it before publishing.",
                        number=ticket.number,
                        found=", ".join(found),
                    )
                )

    @api.model
    def _sce_published_summaries(self, search="", topic=None):
        """Published summaries for the public page: only the topic, the summary and the
        month of the answer are read from them, nothing of the customer."""
        domain = [
            ("sce_summary_published", "=", True),
            ("appeal_kind", "=", "complaint"),
            ("sce_state", "in", ANSWERED_STATES),
        ]
        if search:
            domain += [
                "|",
                ("sce_public_summary", "ilike", search),
                ("category_id.name", "ilike", search),
            ]
        if topic:
            domain.append(("category_id", "=", topic.id))
        tickets = self.sudo().search(
            domain, order="date_answered desc, id desc", limit=PUBLIC_LIMIT
        )
        return [
            {
                "topic": ticket.category_id.name or "",
                "topic_id": ticket.category_id.id,
                "summary": ticket.sce_public_summary,
                "answered": ticket.sce_local_date("date_answered"),
            }
            for ticket in tickets
        ]

    # ------------------------------------------------------------------ customer (WEB-3)

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
            errors.append(
                self.env._("The reason is longer than %(max)s characters.", max=MAX_REASON)
            )
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
