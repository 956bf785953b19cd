from odoo import fields, models

TIERS = [
    ("central", "Central office"),
    ("mro", "MRO service center"),
    ("territorial", "Territorial unit"),
]


class SceServiceCenter(models.Model):
    """A service center (ЦОК) of one of the three tiers of the standard (SC-1)."""

    _name = "sce.service.center"
    _description = "Service center"
    _order = "tier, name"

    name = fields.Char(required=True)
    tier = fields.Selection(TIERS, required=True, default="mro")
    mro_id = fields.Many2one("sce.mro", string="MRO", index=True)
    address = fields.Char()
    active = fields.Boolean(default=True)
    window_ids = fields.One2many("sce.queue.window", "center_id", string="Windows")

    def _board_channel(self):
        """The bus channel of the center's hall board; public, so it carries no personal data."""
        self.ensure_one()
        return f"sce_queue_board_{self.id}"

    def _board_calls(self, limit=8):
        """The hall board's lines, newest first: ticket number and window only (GEN-7:
        the board is public). Read with sudo() because the public user has no rights;
        nothing else of the ticket leaves this method."""
        self.ensure_one()
        tickets = (
            self.env["sce.queue.ticket"]
            .sudo()
            .search(
                [
                    ("center_id", "=", self.id),
                    ("state", "in", ("called", "serving")),
                    ("day", "=", fields.Date.context_today(self)),
                ],
                order="called_at desc, id desc",
                limit=limit,
            )
        )
        return [{"number": t.name, "window": t.window_id.number} for t in tickets]
