import re

from odoo import http
from odoo.http import request

from ..models.sce_call_event import EVENT_TYPE_CODES, SceCtiPayloadError
from ..models.sce_cti_source_vendor import MANGO_KINDS
from .cti import MAX_BODY_BYTES, ingest_events

# Mango Office result codes (API ВАТС "Список кодов результатов"), used in our answers.
MANGO_OK = 1000
MANGO_BAD_SIGN = 3102
MANGO_MISSING = 3103
MANGO_BAD_FORMAT = 3104
MANGO_BAD_KEY = 3105
ZD_ECHO = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class CtiVendorController(http.Controller):
    """Adapters for the webhooks of Mango Office and Zadarma (CC-3): each request is
    authenticated the vendor's way against its PBX source, translated into the
    vendor-neutral events of the CTI API and applied through its ingestion path."""

    def _source(self, code, vendor):
        # The PBX is no user: sudo() to find the source and its keys; nothing else happens
        # before the vendor's signature is verified.
        return (
            request.env["sce.cti.source"]
            .sudo()
            .search([("code", "=", code), ("vendor", "=", vendor)], limit=1)
        )

    def _too_large(self):
        return (request.httprequest.content_length or 0) > MAX_BODY_BYTES

    def _ingest(self, source, events):
        """Apply the supported events; the others (a recording before the recordings
        slice knows them) are acknowledged and ignored. Returns the overall status."""
        supported = [event for event in events if event["type"] in EVENT_TYPE_CODES]
        if not supported:
            return "ignored"
        statuses = {
            status for status, _values, _call in ingest_events(request.env, source, supported)
        }
        return "accepted" if "accepted" in statuses else "duplicate"

    # ------------------------------------------------------------------ Mango Office

    @http.route(
        "/sce/cti/v1/mango/<string:code>/events/<path:kind>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def mango(self, code, kind, **form):
        """Mango Office notifications: the base URL of the external system is
        ``/sce/cti/v1/mango/<source code>/``; Mango appends ``events/call``,
        ``events/summary`` or ``events/record/added``. Form fields vpbx_api_key, sign,
        json; sign = sha256(vpbx_api_key + json + vpbx_api_salt)."""
        if self._too_large():
            return self._mango_answer(413, MANGO_BAD_FORMAT, "The body exceeds 64 KB.")
        source = self._source(code, "mango")
        if not source or kind not in MANGO_KINDS:
            return self._mango_answer(404, MANGO_BAD_KEY, "Unknown PBX source or event.")
        if not source._sce_ip_allowed(request.httprequest.remote_addr):
            return self._mango_answer(403, MANGO_BAD_KEY, "This address may not use the source.")
        missing = [key for key in ("vpbx_api_key", "sign", "json") if not form.get(key)]
        if missing:
            return self._mango_answer(400, MANGO_MISSING, "Missing: {}.".format(", ".join(missing)))
        if not source._sce_mango_check_sign(form["vpbx_api_key"], form["json"], form["sign"]):
            return self._mango_answer(401, MANGO_BAD_SIGN, "The sign does not match.")
        try:
            status = self._ingest(source, source._sce_mango_events(kind, form["json"]))
        except SceCtiPayloadError as error:
            return self._mango_answer(422, MANGO_BAD_FORMAT, error.message)
        return self._mango_answer(200, MANGO_OK, status)

    def _mango_answer(self, status, result, message):
        """Mango only reads the HTTP status of a notification's answer; the JSON body
        carries its result code and our status for whoever reads the logs."""
        return request.make_json_response({"result": result, "message": message}, status=status)

    # ------------------------------------------------------------------ Zadarma

    @http.route(
        "/sce/cti/v1/zadarma/<string:code>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
        save_session=False,
    )
    def zadarma(self, code, **form):
        """Zadarma notifications (NOTIFY_START, NOTIFY_IVR, NOTIFY_INTERNAL, NOTIFY_ANSWER,
        NOTIFY_END, NOTIFY_OUT_START, NOTIFY_OUT_END, NOTIFY_RECORD) as form fields, with
        the Signature header; a GET with ``zd_echo`` when the URL is saved in Zadarma's
        account must answer the echo."""
        source = self._source(code, "zadarma")
        if not source:
            return self._zadarma_error(404, "unknown_source", "Unknown PBX source.")
        if request.httprequest.method == "GET":
            echo = request.httprequest.args.get("zd_echo", "")
            if not ZD_ECHO.match(echo):
                return self._zadarma_error(400, "invalid_echo", "zd_echo is missing or invalid.")
            return request.make_response(echo, headers=[("Content-Type", "text/plain")])
        if self._too_large():
            return self._zadarma_error(413, "body_too_large", "The body exceeds 64 KB.")
        if not source._sce_ip_allowed(request.httprequest.remote_addr):
            return self._zadarma_error(
                403, "ip_not_allowed", "This address may not use the source."
            )
        form = request.httprequest.form.to_dict()
        try:
            signed = source._sce_zadarma_check_signature(
                form, request.httprequest.headers.get("Signature", "")
            )
            if not signed:
                return self._zadarma_error(401, "bad_signature", "The signature does not match.")
            status = self._ingest(source, source._sce_zadarma_events(form))
        except SceCtiPayloadError as error:
            return self._zadarma_error(422, error.code, error.message)
        if form.get("event") in ("NOTIFY_START", "NOTIFY_IVR"):
            # Zadarma reads scenario commands from these answers: an empty one keeps the
            # PBX's own scenario.
            return request.make_response("", headers=[("Content-Type", "text/plain")])
        return request.make_json_response({"status": status})

    def _zadarma_error(self, status, code, message):
        return request.make_json_response(
            {"error": {"code": code, "message": message}}, status=status
        )
