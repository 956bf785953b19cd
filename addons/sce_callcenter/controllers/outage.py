from odoo import http
from odoo.http import request

from .ivr import SelfServiceController


class OutageSelfServiceController(SelfServiceController):
    """Outages and auto-informing results on the signed CTI API (CC-2, CC-5, FB-6)."""

    @http.route(
        "/sce/cti/v1/self-service/outages",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def outages(self, number=None):
        """{"source", "number"} (or ?number=, when the body has none) → the active
        outages at the addresses of the caller's customers, for the IVR to announce."""
        if number:
            request.update_context(sce_query_number=number)
        return self._serve("_sce_outages", "number")

    @http.route(
        "/sce/cti/v1/inform/result",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def inform_result(self):
        """{"source", "reference", "result"}: how an autodial call of a campaign ended
        (delivered, no_answer, operator, failed)."""
        return self._serve("_sce_inform_result", "reference", "result")
