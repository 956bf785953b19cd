from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..hall_clock import hall_today


class SceQueueStatsWizard(models.TransientModel):
    """The period and centers of the queue statistics workbook (SC-8)."""

    _name = "sce.queue.stats.wizard"
    _description = "Queue statistics export"

    date_from = fields.Date(
        required=True, default=lambda self: hall_today(self.env) - relativedelta(days=29)
    )
    date_to = fields.Date(required=True, default=lambda self: hall_today(self.env))
    center_ids = fields.Many2many(
        "sce.service.center", string="Service centers", help="Empty: every center you see."
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(self.env._("The period ends before it begins."))

    def _ticket_domain(self):
        self.ensure_one()
        domain = [("day", ">=", self.date_from), ("day", "<=", self.date_to)]
        if self.center_ids:
            domain.append(("center_id", "in", self.center_ids.ids))
        return domain

    def action_export(self):
        self.ensure_one()
        return self.env.ref("sce_service_center.action_report_queue_stats_xlsx").report_action(self)
