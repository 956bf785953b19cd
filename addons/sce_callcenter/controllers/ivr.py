import json

from odoo import http
from odoo.http import request

from ..models.sce_ivr_self_service import SceSelfServiceError
from .cti import MAX_BODY_BYTES, signed_source


def json_error(status, code, message):
    return request.make_json_response({"error": {"code": code, "message": message}}, status=status)


class IvrController(http.Controller):
    """The IVR menu tree for the PBX (CC-4): on the signed CTI API, and as a download
    for the administrator who edits it."""

    @http.route(
        "/sce/cti/v1/ivr/menu",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def ivr_menu(self, source=None, menu=None):
        """The active main menus of the source's company (or the one whose code is
        ``menu``) as JSON; signed like every request of the CTI API, over an empty body."""
        pbx, refusal = signed_source(source or "", b"")
        if refusal:
            return json_error(*refusal)
        domain = [("parent_id", "=", False), ("company_id", "=", pbx.company_id.id)]
        if menu:
            domain.append(("code", "=", menu))
        # Authenticated PBX: it reads the menus of its own company only.
        roots = request.env["sce.ivr.node"].sudo().search(domain, order="sequence, id")
        if menu and not roots:
            return json_error(404, "unknown_menu", "No active IVR menu has this code.")
        return request.make_json_response({"menus": [root._sce_export() for root in roots]})

    @http.route(
        "/sce/callcenter/ivr/<int:node_id>/menu.json", type="http", auth="user", methods=["GET"]
    )
    def ivr_menu_download(self, node_id):
        """The administrator's download: read as the user, so access rules apply."""
        node = request.env["sce.ivr.node"].browse(node_id).exists()
        if not node or not node.has_access("read"):
            raise request.not_found()
        root = node._sce_root()
        body = json.dumps(root._sce_export(), ensure_ascii=False, indent=2)
        filename = f"ivr-{root.code or root.id}.json"
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Disposition", f'attachment; filename="{filename}"'),
            ],
        )


class SelfServiceController(http.Controller):
    """Self-service the IVR calls for a caller (CC-5), on the signed CTI API: the body is
    JSON with the source code, signed like an event (HMAC-SHA256 over timestamp + body).
    Refused requests get a 4xx JSON error and write nothing."""

    def _serve(self, method, *fields):
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            return json_error(413, "body_too_large", "The body exceeds 64 KB.")
        body = httprequest.get_data(cache=True)
        try:
            payload = json.loads(body)
        except ValueError:
            return json_error(400, "malformed_json", "The body is not valid JSON.")
        if not isinstance(payload, dict) or not isinstance(payload.get("source"), str):
            return json_error(400, "invalid_request", "The request needs its source code.")
        source, refusal = signed_source(payload["source"], body)
        if refusal:
            return json_error(*refusal)
        # The PBX is no user: authenticated, it is served with sudo(), in the language of
        # the service (Russian when installed) and the PBX's time zone for "today".
        lang = "ru_RU" if request.env["res.lang"]._get_code("ru_RU") else None
        service = (
            request.env["sce.ivr.self.service"]
            .sudo()
            .with_company(source.company_id)
            .with_context(lang=lang, tz=source.pbx_tz or "Europe/Moscow")
        )
        try:
            result = getattr(service, method)(*(payload.get(name) for name in fields))
        except SceSelfServiceError as error:
            return json_error(error.status, error.code, error.message)
        return request.make_json_response(result)

    @http.route(
        "/sce/cti/v1/self-service/meter-reading",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def meter_reading(self):
        """{"source", "account", "value"[, "meter"]} → the reading accepted, or 404
        unknown account, 422 invalid reading (with the rule it breaks)."""
        return self._serve("_sce_submit_reading", "account", "value", "meter")

    @http.route(
        "/sce/cti/v1/self-service/debt",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def debt(self):
        """{"source", "account"} → {"account", "balance", "debt", "currency"}."""
        return self._serve("_sce_debt", "account")

    @http.route(
        "/sce/cti/v1/self-service/contract-stage",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def contract_stage(self):
        """{"source", "account"} → the contract state and the newest application's stage."""
        return self._serve("_sce_contract_stage", "account")
