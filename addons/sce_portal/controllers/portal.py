from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.helpdesk_ticket import MAX_FILE_MB, MAX_FILE_SIZE, MAX_FILES


class SceCustomerPortal(CustomerPortal):
    """The customer's appeals: their own by login, or one by its access token."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "sce_appeal_count" in counters:
            tickets = request.env["helpdesk.ticket"]
            values["sce_appeal_count"] = (
                tickets.search_count(self._sce_appeal_domain()) if tickets.has_access("read") else 0
            )
        if "sce_service_request_count" in counters:
            tickets = request.env["helpdesk.ticket"]
            values["sce_service_request_count"] = (
                tickets.search_count(self._sce_service_request_domain())
                if tickets.has_access("read")
                else 0
            )
        return values

    def _sce_appeal_domain(self):
        """The customer's own appeals (of their card or their company's contacts), on
        top of the record rules: an indexed condition on the customer, where the rules'
        "customer or follower" alone made every page scan a million appeals."""
        return [
            ("partner_id", "in", self._sce_own_partner_ids()),
            "|",
            ("channel_id", "!=", False),
            ("appeal_kind", "!=", False),
        ]

    def _sce_service_request_domain(self):
        return [
            ("partner_id", "in", self._sce_own_partner_ids()),
            ("appeal_kind", "=", "service_request"),
        ]

    def _sce_own_partner_ids(self):
        commercial = request.env.user.commercial_partner_id
        # ids only, of the user's own card and its company's contacts
        return request.env["res.partner"].sudo().search([("id", "child_of", commercial.id)]).ids

    def _sce_deadline_states(self):
        field = request.env["helpdesk.ticket"]._fields["deadline_state"]
        return dict(field._description_selection(request.env))

    def _sce_appeal_sudo(self, ticket_id, access_token):
        """The appeal as the user may read it (record rules) or by its token (consteq),
        as portal's _document_check_access does; another customer's appeal, a wrong
        token or a missing one all answer 404 so that ids cannot be probed."""
        try:
            appeal = self._document_check_access("helpdesk.ticket", ticket_id, access_token)
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        if not appeal.sce_workflow:
            raise NotFound()
        return appeal

    @http.route("/reception/thanks/<int:ticket_id>", type="http", auth="public", website=True)
    def reception_thanks(self, ticket_id, access_token=None, **kw):
        appeal = self._sce_appeal_sudo(ticket_id, access_token)
        return request.render(
            "sce_portal.reception_thanks_page",
            {"appeal": appeal, "follow_url": appeal.get_portal_url()},
        )

    @http.route("/my/appeals", type="http", auth="user", website=True)
    def portal_my_appeals(self, **kw):
        # Searched as the customer, so the record rules keep it to their own appeals.
        appeals = request.env["helpdesk.ticket"].search(
            self._sce_appeal_domain(), order="date_received desc, id desc"
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "appeals": appeals.sudo(),
                "page_name": "sce_appeals",
                "deadline_states": self._sce_deadline_states(),
            }
        )
        return request.render("sce_portal.portal_my_appeals", values)

    @http.route("/my/appeals/<int:ticket_id>", type="http", auth="public", website=True)
    def portal_my_appeal(self, ticket_id, access_token=None, **kw):
        appeal = self._sce_appeal_sudo(ticket_id, access_token)
        return self._sce_render_appeal(appeal, access_token)

    def _sce_render_appeal(self, appeal, access_token, errors=(), values=None, action=None):
        messages = appeal.message_ids.filtered(
            lambda m: m.message_type in ("comment", "email")
            and not m.is_internal
            and m.subtype_id
            and not m.subtype_id.internal
        )
        letter = appeal.answer_attachment_id
        if letter:
            letter.generate_access_token()
        attachments = messages.attachment_ids
        if appeal.sce_service_id:  # the checklist is read only for service requests
            attachments |= appeal.sce_service_document_ids.attachment_ids
        for attachment in attachments:
            attachment.generate_access_token()
        values_ = self._prepare_portal_layout_values()
        values_.update(
            {
                "appeal": appeal,
                "messages": messages,
                "letter": letter,
                "access_token": access_token,
                "page_name": "sce_appeal",
                "deadline_states": self._sce_deadline_states(),
                "errors": list(errors),
                "error_action": action,
                "form_values": values or {},
                "max_files": MAX_FILES,
                "max_file_mb": MAX_FILE_MB,
            }
        )
        return request.render("sce_portal.portal_my_appeal", values_)

    def _sce_appeal_url(self, appeal, access_token):
        url = f"/my/appeals/{appeal.id}"
        return f"{url}?access_token={access_token}" if access_token else url

    @http.route(
        "/my/appeals/<int:ticket_id>/message",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def portal_my_appeal_message(self, ticket_id, access_token=None, text="", **kw):
        """Add information to one's own appeal (WEB-3): the message and JPEG/PDF files."""
        appeal = self._sce_appeal_sudo(ticket_id, access_token)
        uploads = [
            # One byte over the limit is enough to reject the file without reading it all.
            (storage.filename, storage.read(MAX_FILE_SIZE + 1))
            for storage in request.httprequest.files.getlist("attachments")
            if storage.filename
        ]
        errors = appeal._sce_portal_add_information(text, uploads)
        if errors:
            return self._sce_render_appeal(
                appeal, access_token, errors, {"text": text}, action="message"
            )
        return request.redirect(self._sce_appeal_url(appeal, access_token) + "#sce_messages")

    @http.route(
        "/my/appeals/<int:ticket_id>/withdraw",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def portal_my_appeal_withdraw(self, ticket_id, access_token=None, reason="", **kw):
        """Withdraw one's own open appeal with a reason (WEB-3)."""
        appeal = self._sce_appeal_sudo(ticket_id, access_token)
        errors = appeal._sce_portal_withdraw(reason)
        if errors:
            return self._sce_render_appeal(
                appeal, access_token, errors, {"reason": reason}, action="withdraw"
            )
        return request.redirect(self._sce_appeal_url(appeal, access_token))

    @http.route("/my/service-requests", type="http", auth="user", website=True)
    def portal_my_service_requests(self, **kw):
        # Searched as the customer, so the record rules keep it to their own requests.
        requests = request.env["helpdesk.ticket"].search(
            self._sce_service_request_domain(), order="date_received desc, id desc"
        )
        requests = requests.sudo()
        requests.sce_service_document_ids.attachment_ids.generate_access_token()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "service_requests": requests,
                "page_name": "sce_service_requests",
            }
        )
        return request.render("sce_portal.portal_my_service_requests", values)
