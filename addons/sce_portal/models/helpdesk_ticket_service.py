from datetime import date

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.tools import email_normalize, plaintext2html

from .helpdesk_ticket import MAX_TEXT

MAX_FIELD = 500


class HelpdeskTicket(models.Model):
    """Service requests of the internet reception and the personal cabinet (WEB-2):
    the service's own fields, its documents checklist and the originals deadline."""

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

    def _sce_acknowledge(self):
        """A service request's acknowledgement also gives the date the originals are due."""
        services = self.filtered("sce_originals_deadline")
        super(HelpdeskTicket, self - services)._sce_acknowledge()
        services._sce_notify_customer("sce_portal.mail_template_sce_service_request")

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
                    errors.append(
                        self.env._("“%(field)s” is not a valid date.", field=field.name)
                    )
            elif field.field_type == "selection" and value not in field._sce_options():
                errors.append(self.env._("Choose one of the options of “%(field)s”.", field=field.name))
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
            Markup("<li><strong>%s:</strong> %s</li>") % (field.name, self._sce_shown(field, values))
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
        for document, line in zip(service.document_ids, appeal.sce_service_document_ids, strict=True):
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
