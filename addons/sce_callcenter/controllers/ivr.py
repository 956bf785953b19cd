import json

from odoo import http
from odoo.http import request

from .cti import signed_source


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
