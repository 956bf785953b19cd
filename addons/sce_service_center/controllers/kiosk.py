from werkzeug.exceptions import BadRequest

from odoo import fields, http
from odoo.http import request

from ..hall_clock import KIOSK_LANGS


class SceQueueKiosk(http.Controller):
    """The kiosk of a center's hall (SC-7): public pages that issue a ticket for a
    service. Nothing is written unless the request carries the center's kiosk token;
    the POST is CSRF-protected and the center's kiosk issues are rate limited. The
    public user has no rights: the center, its services and the issued ticket are read
    with sudo() only after the token and the service were checked."""

    def _kiosk_center(self, center_id, token):
        center = request.env["sce.service.center"].sudo().browse(center_id).exists()
        if not center or not center.active or not center._check_kiosk_token(token):
            raise request.not_found()
        lang = next((code for code in KIOSK_LANGS if request.env["res.lang"]._lang_get(code)), None)
        if lang:
            request.update_context(lang=lang)
            center = center.with_context(lang=lang)
        return center

    def _kiosk_ticket(self, center, ticket_id):
        """A ticket this kiosk issued today; anything else is not found."""
        ticket = request.env["sce.queue.ticket"].sudo().browse(ticket_id).exists()
        if (
            not ticket
            or ticket.center_id != center
            or ticket.source != "kiosk"
            or ticket.day != fields.Date.context_today(ticket)
        ):
            raise request.not_found()
        return ticket.with_context(lang=center.env.lang)

    @http.route(
        "/sce/queue/<int:center_id>/kiosk",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        website=True,  # the frontend layout needs the website where it is installed
    )
    def kiosk(self, center_id, token=None, **_kwargs):
        center = self._kiosk_center(center_id, token)
        return request.render(
            "sce_service_center.sce_queue_kiosk",
            {"center": center, "token": token, "services": center._kiosk_services()},
        )

    @http.route(
        "/sce/queue/<int:center_id>/kiosk/ticket",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=True,
        sitemap=False,
        website=True,
    )
    def kiosk_issue(self, center_id, token=None, service_id=None, priority=None, **_kwargs):
        center = self._kiosk_center(center_id, token)
        try:
            service_id = int(service_id)
        except (TypeError, ValueError) as error:
            raise BadRequest() from error
        service = center._kiosk_services().filtered(lambda s: s.id == service_id)
        if not service:
            raise BadRequest()
        if center._kiosk_rate_exceeded():
            return request.render(
                "sce_service_center.sce_queue_kiosk_busy",
                {"center": center, "token": token},
                status=429,
            )
        ticket = center._kiosk_issue(service, priority_requested=bool(priority))
        return request.redirect(
            f"/sce/queue/{center.id}/kiosk/ticket/{ticket.id}?token={token}", local=True
        )

    @http.route(
        "/sce/queue/<int:center_id>/kiosk/ticket/<int:ticket_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        website=True,
    )
    def kiosk_ticket(self, center_id, ticket_id, token=None, **_kwargs):
        center = self._kiosk_center(center_id, token)
        ticket = self._kiosk_ticket(center, ticket_id)
        return request.render(
            "sce_service_center.sce_queue_kiosk_ticket",
            {"center": center, "token": token, "ticket": ticket},
        )

    @http.route(
        "/sce/queue/<int:center_id>/kiosk/ticket/<int:ticket_id>/pdf",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def kiosk_ticket_pdf(self, center_id, ticket_id, token=None, **_kwargs):
        center = self._kiosk_center(center_id, token)
        ticket = self._kiosk_ticket(center, ticket_id)
        report = request.env["ir.actions.report"].sudo().with_context(lang=center.env.lang)
        content, content_type = report._render_qweb_pdf(
            "sce_service_center.action_report_queue_ticket", ticket.ids
        )
        mimetype = "application/pdf" if content_type == "pdf" else "text/html; charset=utf-8"
        return request.make_response(
            content,
            headers=[("Content-Type", mimetype), ("Content-Length", str(len(content)))],
        )
