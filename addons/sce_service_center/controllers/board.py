from odoo import http
from odoo.http import request


class SceQueueBoard(http.Controller):
    # website=True: the frontend layout needs the website where Odoo's website is installed
    @http.route(
        "/sce/queue/<int:center_id>/board",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def queue_board(self, center_id):
        """The hall screen: ticket numbers and windows only, no personal data (GEN-7).
        The public user has no rights on centers; only the name and the calls leave."""
        center = request.env["sce.service.center"].sudo().browse(center_id).exists()
        if not center or not center.active:
            raise request.not_found()
        return request.render(
            "sce_service_center.sce_queue_board",
            {
                "center_name": center.name,
                "channel": center._board_channel(),
                "calls": center._board_calls(),
                "announcements": center._board_announcements(),
            },
        )
