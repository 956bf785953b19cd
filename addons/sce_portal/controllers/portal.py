from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class SceCustomerPortal(CustomerPortal):
    """The customer's appeals: their own by login, or one by its access token."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "sce_appeal_count" in counters:
            tickets = request.env["helpdesk.ticket"]
            values["sce_appeal_count"] = (
                tickets.search_count(self._sce_appeal_domain()) if tickets.has_access("read") else 0
            )
        return values

    def _sce_appeal_domain(self):
        return ["|", ("channel_id", "!=", False), ("appeal_kind", "!=", False)]

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
        messages = appeal.message_ids.filtered(
            lambda m: m.message_type in ("comment", "email")
            and not m.is_internal
            and m.subtype_id
            and not m.subtype_id.internal
        )
        letter = appeal.answer_attachment_id
        if letter:
            letter.generate_access_token()
        for attachment in messages.attachment_ids:
            attachment.generate_access_token()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "appeal": appeal,
                "messages": messages,
                "letter": letter,
                "access_token": access_token,
                "page_name": "sce_appeal",
                "deadline_states": self._sce_deadline_states(),
            }
        )
        return request.render("sce_portal.portal_my_appeal", values)
