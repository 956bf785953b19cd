from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .sce_queue_ticket_appeal import TIER_CHANNEL_CODES

APPLICATION_KINDS = [
    ("contract", "Contract application"),
    ("service_request", "Additional service application"),
]


class SceServiceApplication(models.Model):
    """A contract or additional-service application taken at a center, checked for
    completeness against the checklist of its service or topic (SC-5): the documents
    received against those required, the customer told what is missing."""

    _name = "sce.service.application"
    _description = "Application with documents"
    _inherit = ["mail.thread"]
    _order = "date_received desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(APPLICATION_KINDS, required=True, default="contract")
    center_id = fields.Many2one(
        "sce.service.center", string="Service center", required=True, index=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Accepted by", readonly=True, default=lambda self: self.env.user
    )
    date_received = fields.Datetime(string="Received", default=fields.Datetime.now, required=True)
    service_id = fields.Many2one("sce.queue.service", string="Queue service")
    category_id = fields.Many2one("helpdesk.ticket.category", string="Topic")
    queue_ticket_id = fields.Many2one("sce.queue.ticket", string="Visit")
    appeal_id = fields.Many2one("helpdesk.ticket", readonly=True, copy=False)
    required_document_type_ids = fields.Many2many(
        "sce.document.type",
        "sce_service_application_required_rel",
        "application_id",
        "document_type_id",
        string="Required documents",
        compute="_compute_required_document_type_ids",
        store=True,
        readonly=False,
    )
    received_document_type_ids = fields.Many2many(
        "sce.document.type",
        "sce_service_application_received_rel",
        "application_id",
        "document_type_id",
        string="Documents received",
        tracking=True,
    )
    missing_document_type_ids = fields.Many2many(
        "sce.document.type",
        string="Missing documents",
        compute="_compute_missing_document_type_ids",
    )
    completeness = fields.Selection(
        [("complete", "Complete"), ("incomplete", "Documents missing")],
        compute="_compute_completeness",
        store=True,
        tracking=True,
    )
    notified_at = fields.Datetime(string="Customer told on", readonly=True, copy=False)

    @api.depends("kind", "partner_id.name")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for application in self:
            application.name = "%s: %s" % (
                kinds.get(application.kind, ""),
                application.partner_id.name or "",
            )

    @api.depends("service_id", "category_id")
    def _compute_required_document_type_ids(self):
        """The checklist: the queue service's and the topic's required documents."""
        for application in self:
            application.required_document_type_ids = (
                application.service_id.required_document_type_ids
                | application.category_id.sce_required_document_type_ids
            )

    @api.depends("required_document_type_ids", "received_document_type_ids")
    def _compute_missing_document_type_ids(self):
        for application in self:
            application.missing_document_type_ids = (
                application.required_document_type_ids - application.received_document_type_ids
            )

    @api.depends("required_document_type_ids", "received_document_type_ids")
    def _compute_completeness(self):
        """The verdict: complete when every required document was received."""
        for application in self:
            missing = (
                application.required_document_type_ids - application.received_document_type_ids
            )
            application.completeness = "incomplete" if missing else "complete"

    def action_register_appeal(self):
        """The application becomes an appeal of the center's channel and of its kind;
        created as the current user (their rights on appeals)."""
        for application in self:
            if application.appeal_id:
                continue
            code = TIER_CHANNEL_CODES.get(application.center_id.tier)
            channel = self.env["helpdesk.ticket.channel"].search([("sce_code", "=", code)], limit=1)
            received = application.received_document_type_ids.mapped("name")
            description = Markup("<p>%s</p>") % application.name
            if received:
                description += Markup("<p>%s</p>") % self.env._(
                    "Documents received: %s", ", ".join(received)
                )
            application.appeal_id = self.env["helpdesk.ticket"].create(
                {
                    "name": application.name,
                    "appeal_kind": application.kind,
                    "channel_id": channel.id,
                    "category_id": application.category_id.id,
                    "partner_id": application.partner_id.id,
                    "date_received": application.date_received,
                    "description": description,
                }
            )
        return True

    def action_print_missing_notice(self):
        self._check_missing()
        return self.env.ref("sce_service_center.action_report_missing_documents").report_action(
            self
        )

    def _check_missing(self):
        for application in self:
            if application.completeness != "incomplete":
                raise UserError(self.env._("No document is missing from %s.", application.name))

    def action_notify_missing(self):
        """Tell the customer which documents are missing through the answer channel of
        the application's appeal (FB-3): by e-mail when they chose e-mail, otherwise the
        notice is left on the appeal for that channel, and a notice is printed."""
        self._check_missing()
        self.filtered(lambda a: not a.appeal_id).action_register_appeal()
        report = self.env.ref("sce_service_center.action_report_missing_documents")
        for application in self:
            appeal = application.appeal_id
            if not appeal.has_access("read"):
                raise AccessError(self.env._("You cannot read this appeal."))
            pdf, _kind = report._render_qweb_pdf(report.report_name, application.ids)
            title = self.env._("Missing documents")
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": f"{title} {appeal.number}.pdf",
                        "raw": pdf,
                        "res_model": "helpdesk.ticket",
                        "res_id": appeal.id,
                        "mimetype": "application/pdf",
                    }
                )
            )
            missing = Markup("").join(
                Markup("<li>%s</li>") % name
                for name in application.missing_document_type_ids.mapped("name")
            )
            body = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._(
                    "To proceed with your application on appeal %(number)s, please bring "
                    "or send the following documents:",
                    number=appeal.number,
                ),
                missing,
            )
            # the user may read the appeal (checked above); posting is the center's
            # notice, signed by them
            thread = appeal.sudo()
            channel = thread._sce_dispatch_channel()
            if channel == "email":
                thread.message_post(
                    body=body,
                    subject=self.env._("Missing documents, appeal %s", appeal.number),
                    attachment_ids=attachment.ids,
                    partner_ids=appeal.partner_id.ids,
                    author_id=self.env.user.partner_id.id,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
            else:
                labels = dict(thread._fields["answer_channel"]._description_selection(self.env))
                thread.message_post(
                    body=body
                    + Markup("<p>%s</p>")
                    % self.env._(
                        "Notice prepared for the channel: %s.", labels.get(channel, channel)
                    ),
                    attachment_ids=attachment.ids,
                    author_id=self.env.user.partner_id.id,
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
            application.notified_at = fields.Datetime.now()
        return report.report_action(self)


class SceDocumentHandover(models.Model):
    """A document handed over to a customer at a center: who received it, who gave it,
    when and what (SC-5). Kept as recorded: no editing or deleting by the hall staff."""

    _name = "sce.document.handover"
    _description = "Document handed over"
    _order = "handed_at desc, id desc"

    center_id = fields.Many2one(
        "sce.service.center", string="Service center", required=True, index=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    recipient_name = fields.Char(
        string="Received by",
        help="Who took the document: the customer or their representative (with the "
        "power of attorney noted).",
    )
    document_type_id = fields.Many2one("sce.document.type", string="Document type")
    name = fields.Char(string="Document", required=True)
    copies = fields.Integer(default=1)
    appeal_id = fields.Many2one("helpdesk.ticket")
    application_id = fields.Many2one("sce.service.application")
    user_id = fields.Many2one(
        "res.users", string="Handed over by", readonly=True, default=lambda self: self.env.user
    )
    handed_at = fields.Datetime(string="Handed over", readonly=True, default=fields.Datetime.now)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # who and when are the recording user and moment, whatever the form sends
            vals["user_id"] = self.env.user.id
            vals["handed_at"] = fields.Datetime.now()
            if not vals.get("recipient_name") and vals.get("partner_id"):
                vals["recipient_name"] = self.env["res.partner"].browse(vals["partner_id"]).name
        return super().create(vals_list)
