from odoo import http
from odoo.http import request

from ..models.helpdesk_ticket import HONEYPOT_FIELD, MAX_FILE_MB, MAX_FILE_SIZE, MAX_FILES

FORM_FIELDS = (
    "surname",
    "first_name",
    "patronymic",
    "email",
    "phone",
    "topic_id",
    "subject",
    "text",
    HONEYPOT_FIELD,
)


class SceReception(http.Controller):
    """The internet reception (WEB-2): open to everyone, no login needed. The routes
    only read the request and render; the appeal model validates and stores."""

    def _sce_faq(self, search=""):
        """Published knowledge base articles (WEB-4 step 1): public texts only."""
        domain = [("is_published", "=", True)]
        if search:
            domain += ["|", ("name", "ilike", search), ("answer", "ilike", search)]
        return request.env["sce.faq.article"].sudo().search(domain)

    def _sce_prefill(self):
        user = request.env.user
        if user._is_public():
            return {}
        # The customer's own card, read to fill in the form for them.
        partner = user.partner_id.sudo()
        return {
            "surname": partner.sce_surname or partner.name,
            "first_name": partner.sce_first_name or "",
            "patronymic": partner.sce_patronymic or "",
            "email": partner.email or "",
            "phone": partner.phone or partner.mobile or "",
        }

    def _sce_render_form(self, form, values, errors=(), search=""):
        return request.render(
            "sce_portal.reception_form_page",
            {
                "form": form,
                "values": values,
                "errors": list(errors),
                "topics": request.env["helpdesk.ticket"]._sce_reception_topics(),
                "articles": self._sce_faq(search) if form == "question" else [],
                "search": search,
                "honeypot_field": HONEYPOT_FIELD,
                "max_files": MAX_FILES,
                "max_file_mb": MAX_FILE_MB,
            },
        )

    @http.route("/reception", type="http", auth="public", website=True, sitemap=True)
    def reception(self, **kw):
        return request.render("sce_portal.reception_page", {})

    @http.route("/reception/faq", type="http", auth="public", website=True, sitemap=True)
    def reception_faq(self, search="", **kw):
        search = (search or "").strip()[:100]
        return request.render(
            "sce_portal.reception_faq_page",
            {"articles": self._sce_faq(search), "search": search},
        )

    @http.route(
        "/reception/<any(question,complaint):form>",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=True,
    )
    def reception_form(self, form, search="", **kw):
        search = (search or "").strip()[:100]
        if request.httprequest.method != "POST":
            return self._sce_render_form(form, self._sce_prefill(), search=search)
        data = {name: kw.get(name) or "" for name in FORM_FIELDS}
        uploads = [
            # One byte over the limit is enough to reject the file without reading it all.
            (storage.filename, storage.read(MAX_FILE_SIZE + 1))
            for storage in request.httprequest.files.getlist("attachments")
            if storage.filename
        ]
        appeal, errors = request.env["helpdesk.ticket"]._sce_reception_submit(
            form, data, uploads, request.httprequest.remote_addr
        )
        if errors:
            data.pop(HONEYPOT_FIELD)
            return self._sce_render_form(form, data, errors)
        return request.redirect(f"/reception/thanks/{appeal.id}?access_token={appeal.access_token}")
