from odoo import api, fields, models


class SceQueueAnnouncement(models.Model):
    """An announcement of the hall boards' running line (SC-7): its text, the days it
    runs and the centers whose boards show it (every center when none is named)."""

    _name = "sce.queue.announcement"
    _description = "Hall board announcement"
    _order = "sequence, date_from, id"

    name = fields.Text(string="Text", required=True)
    sequence = fields.Integer(default=10)
    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="To", help="Last day shown; open-ended when empty.")
    center_ids = fields.Many2many(
        "sce.service.center",
        string="Service centers",
        help="The boards showing it; every center's board when empty.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_to IS NULL OR date_to >= date_from)",
            "An announcement ends on or after its first day.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        announcements = super().create(vals_list)
        announcements._notify_boards()
        return announcements

    def write(self, vals):
        centers = self._boards()
        result = super().write(vals)
        (centers | self._boards())._notify_board_announcements()
        return result

    def unlink(self):
        centers = self._boards()
        result = super().unlink()
        centers._notify_board_announcements()
        return result

    def _boards(self):
        """The centers whose boards show (or showed) these announcements."""
        centers = self.env["sce.service.center"].sudo()
        if any(not announcement.center_ids for announcement in self):
            return centers.search([("active", "=", True)])
        return self.center_ids.sudo()

    def _notify_boards(self):
        self._boards()._notify_board_announcements()

    @api.model
    def _cron_refresh_boards(self):
        """Every hour: the running line of every active center's board, so that open
        boards show the announcements beginning today and drop those that ended."""
        self.env["sce.service.center"].search([("active", "=", True)])._notify_board_announcements()


class SceServiceCenter(models.Model):
    """The running line of the center's hall board."""

    # kept apart from the register (sce_service_center.py), which another part extends
    _inherit = "sce.service.center"  # pylint: disable=consider-merging-classes-inherited

    def _board_announcements(self):
        """The texts of today's announcements for the center's board, in their order.
        Read with sudo() for the public board: only the texts leave this method."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        announcements = (
            self.env["sce.queue.announcement"]
            .sudo()
            .search(
                [
                    ("date_from", "<=", today),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", today),
                    "|",
                    ("center_ids", "=", False),
                    ("center_ids", "in", self.ids),
                ]
            )
        )
        return announcements.mapped("name")

    def _notify_board_announcements(self):
        """Push the running line to the boards over the bus, as the calls are."""
        for center in self:
            self.env["bus.bus"]._sendone(
                center._board_channel(),
                "sce_queue_board/announcements",
                center._board_announcements(),
            )
