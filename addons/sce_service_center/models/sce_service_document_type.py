from odoo import fields, models


class SceDocumentType(models.Model):
    """A kind of document a customer brings with an application or receives at the
    center: passport, title deed, meter certificate (SC-5)."""

    _name = "sce.document.type"
    _description = "Document type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A document type of this name already exists."),
    ]


class SceQueueService(models.Model):
    """The documents an application of this service needs (SC-5 checklist)."""

    _inherit = "sce.queue.service"

    required_document_type_ids = fields.Many2many(
        "sce.document.type",
        "sce_queue_service_document_type_rel",
        "service_id",
        "document_type_id",
        string="Required documents",
        help="Checklist of an application of this service: its completeness is judged on it.",
    )


class HelpdeskTicketCategory(models.Model):
    """The documents an application on this topic needs (SC-5 checklist)."""

    _inherit = "helpdesk.ticket.category"

    sce_required_document_type_ids = fields.Many2many(
        "sce.document.type",
        "sce_ticket_category_document_type_rel",
        "category_id",
        "document_type_id",
        string="Required documents",
        help="Checklist of a contract or additional-service application on this topic.",
    )
