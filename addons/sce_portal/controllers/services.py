from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request

from ..models.helpdesk_ticket import HONEYPOT_FIELD, MAX_FILE_MB, MAX_FILE_SIZE, MAX_FILES
from .reception import SceReception

CONTACT_FIELDS = ("surname", "first_name", "patronymic", "email", "phone", "text", HONEYPOT_FIELD)


class SceServiceReception(http.Controller):
    """Service requests (WEB-2) and the published answers to complaints (WEB-5): open to
    everyone. The routes read the request and render; the appeal model validates and
    stores."""

    def _sce_services(self):
        # Services are public configuration, like the topics: names and checklists only.
        return request.env["sce.portal.service"].sudo().search([])

    def _sce_service(self, service_id):
        service = request.env["sce.portal.service"].sudo().browse(service_id).exists()
        if not service or not service.active:
            raise NotFound()
        return service

    def _sce_render_service(self, service, values, errors=()):
        return request.render(
            "sce_portal.reception_service_page",
            {
                "service": service,
                "values": values,
                "errors": list(errors),
                "originals_date": service._sce_originals_date(fields.Datetime.now()),
                "honeypot_field": HONEYPOT_FIELD,
                "max_files": MAX_FILES,
                "max_file_mb": MAX_FILE_MB,
            },
        )

    @http.route("/reception/services", type="http", auth="public", website=True, sitemap=True)
    def reception_services(self, **kw):
        return request.render(
            "sce_portal.reception_services_page", {"services": self._sce_services()}
        )

    @http.route(
        "/reception/service/<int:service_id>",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=False,
    )
    def reception_service(self, service_id, **kw):
        service = self._sce_service(service_id)
        if request.httprequest.method != "POST":
            return self._sce_render_service(service, SceReception()._sce_prefill())
        data = {name: kw.get(name) or "" for name in CONTACT_FIELDS}
        values = {field.id: kw.get(f"field_{field.id}") or "" for field in service.field_ids}
        files = request.httprequest.files
        uploads = {
            document.id: [
                # One byte over the limit is enough to reject the file without reading it all.
                (storage.filename, storage.read(MAX_FILE_SIZE + 1))
                for storage in files.getlist(f"document_{document.id}")
                if storage.filename
            ]
            for document in service.document_ids
        }
        appeal, errors = request.env["helpdesk.ticket"]._sce_service_submit(
            service, data, values, uploads, request.httprequest.remote_addr
        )
        if errors:
            data.pop(HONEYPOT_FIELD)
            data.update({f"field_{key}": value for key, value in values.items()})
            return self._sce_render_service(service, data, errors)
        return request.redirect(f"/reception/thanks/{appeal.id}?access_token={appeal.access_token}")

    @http.route("/reception/answers", type="http", auth="public", website=True, sitemap=True)
    def reception_answers(self, search="", topic="", **kw):
        search = (search or "").strip()[:100]
        categories = request.env["helpdesk.ticket"]._sce_reception_topics()
        chosen = categories.filtered(lambda c: str(c.id) == topic)
        summaries = request.env["helpdesk.ticket"]._sce_published_summaries(search, chosen)
        groups = {}
        for summary in summaries:
            groups.setdefault(summary["topic"], []).append(summary)
        return request.render(
            "sce_portal.reception_answers_page",
            {
                "groups": groups,
                "search": search,
                "topics": categories,
                "topic": chosen,
            },
        )
