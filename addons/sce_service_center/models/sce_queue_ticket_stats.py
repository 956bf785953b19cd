import pytz

from odoo import api, fields, models

from ..hall_clock import hall_tz

# SC-8: the whole visit should take no more than an hour
VISIT_NORM_MINUTES = 60


class SceQueueTicket(models.Model):
    """Stored figures of the queue statistics (SC-8): the norms of the service at the
    time of the visit, the visit within 60 minutes and the hour of issue, so that
    pivots, graphs and the XLSX are plain ``_read_group``s."""

    # kept apart from the queue workflow (sce_queue_ticket.py)
    _inherit = "sce.queue.ticket"  # pylint: disable=consider-merging-classes-inherited

    serving_role = fields.Selection(
        related="service_id.serving_role", store=True, string="Serving role"
    )
    norm_wait_minutes = fields.Float(
        string="Wait norm (min)",
        compute="_compute_norms",
        store=True,
        aggregator="avg",
    )
    norm_service_minutes = fields.Float(
        string="Service norm (min)",
        compute="_compute_norms",
        store=True,
        aggregator="avg",
    )
    visit_within_norm = fields.Float(
        string="Visits within 60 min (%)",
        compute="_compute_visit_within_norm",
        store=True,
        aggregator="avg",
        help="100 for a finished visit of at most 60 minutes (SC-8), 0 otherwise: "
        "its average over finished visits is their share within the norm.",
    )
    issued_hour = fields.Integer(
        string="Hour of issue",
        compute="_compute_issued_hour",
        store=True,
        aggregator=None,
        help="Local hour the ticket was issued, for the load of the hall by hour.",
    )

    @api.depends("service_id")
    def _compute_norms(self):
        for ticket in self:
            ticket.norm_wait_minutes = ticket.service_id.norm_wait_minutes
            ticket.norm_service_minutes = ticket.service_id.norm_service_minutes

    @api.depends("state", "visit_minutes")
    def _compute_visit_within_norm(self):
        for ticket in self:
            within = ticket.state == "done" and ticket.visit_minutes <= VISIT_NORM_MINUTES
            ticket.visit_within_norm = 100.0 if within else 0.0

    @api.depends("issued_at")
    def _compute_issued_hour(self):
        tz = hall_tz(self.env)
        for ticket in self:
            ticket.issued_hour = (
                pytz.utc.localize(ticket.issued_at).astimezone(tz).hour if ticket.issued_at else 0
            )
