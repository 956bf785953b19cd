import json

from odoo import http
from odoo.http import request
from odoo.tools import file_open

from ..models.sce_call_event import SceCtiPayloadError

MAX_BODY_BYTES = 64 * 1024
SIGNATURE_HEADER = "X-SCE-Signature"
TIMESTAMP_HEADER = "X-SCE-Timestamp"
OPENAPI_PATH = "sce_callcenter/static/api/cti-v1.openapi.json"


def signed_source(code, body):
    """The PBX source ``code`` if the request is signed by it (HMAC-SHA256 over the
    timestamp and the raw ``body``, within its window, from an allowed address):
    ``(source, None)``, else ``(None, (status, error code, message))``. The one
    authentication of every route of the signed CTI API."""
    httprequest = request.httprequest
    # The public user may not read PBX sources: sudo() to find the source and its
    # secret; nothing else happens before the signature is verified.
    source = request.env["sce.cti.source"].sudo().search([("code", "=", code)], limit=1)
    if not source:
        return None, (401, "unknown_source", "Unknown PBX source.")
    if not source._sce_ip_allowed(httprequest.remote_addr):
        return None, (403, "ip_not_allowed", "This address may not use the source.")
    timestamp = httprequest.headers.get(TIMESTAMP_HEADER, "")
    signature = httprequest.headers.get(SIGNATURE_HEADER, "")
    if not source._sce_check_signature(timestamp, body, signature):
        return None, (401, "bad_signature", "The signature does not match.")
    if not source._sce_timestamp_fresh(timestamp):
        return None, (401, "stale_timestamp", "The timestamp is outside the window.")
    return source, None


def ingest_events(env, source, payloads):
    """The one ingestion path of the CTI API, for its own events and for the vendor
    adapters' translations: every vendor-neutral event is validated first (a
    :class:`SceCtiPayloadError` leaves nothing written), then applied in order. Returns
    ``[(status, values, call)]``. Only after the source's signature was verified:
    the PBX is no user, so the events are applied with sudo(); the model methods only
    ever touch this source's calls and events."""
    parsed = [env["sce.call.event"].sudo()._sce_parse(payload) for payload in payloads]
    Call = env["sce.call"].sudo()
    results = []
    for values in parsed:
        status, call = Call._sce_ingest_event(source, values)
        results.append((status, values, call))
    return results


class CtiController(http.Controller):
    """The CTI API through which any PBX reports its calls (CC-3). Thin: it
    authenticates the PBX source and hands the event to ``sce.call``."""

    @http.route("/sce/cti/v1/openapi.json", type="http", auth="none", methods=["GET"])
    def openapi(self):
        with file_open(OPENAPI_PATH, "rb") as spec:
            return request.make_response(
                spec.read(), headers=[("Content-Type", "application/json")]
            )

    @http.route(
        "/sce/cti/v1/events",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def events(self):
        # type='http' rather than 'json': a refused request gets a real 4xx status.
        payload, source, refusal = self._signed_payload()
        if refusal:
            return refusal
        try:
            [(status, values, call)] = ingest_events(request.env, source, [payload])
        except SceCtiPayloadError as error:
            return self._error(422, error.code, error.message)
        return request.make_json_response(
            {"status": status, "event_id": values["event_id"], "call": call.id or None}
        )

    @http.route(
        "/sce/cti/v1/ping",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def ping(self):
        """A PBX checks its credentials: the same authentication as an event, nothing
        written. Body: {"source": "<code>"}."""
        _payload, source, refusal = self._signed_payload()
        if refusal:
            return refusal
        return request.make_json_response({"status": "ok", "source": source.code})

    def _signed_payload(self):
        """(payload, source, None) of a signed JSON request of a PBX source, or
        (None, None, the 4xx JSON response) when it is too large, malformed or not
        signed by the source it names."""
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            return None, None, self._error(413, "body_too_large", "The body exceeds 64 KB.")
        body = httprequest.get_data(cache=True)
        if len(body) > MAX_BODY_BYTES:
            return None, None, self._error(413, "body_too_large", "The body exceeds 64 KB.")
        try:
            payload = json.loads(body)
        except ValueError:
            return None, None, self._error(400, "malformed_json", "The body is not valid JSON.")
        if not isinstance(payload, dict) or not isinstance(payload.get("source"), str):
            return None, None, self._error(400, "invalid_event", "The event needs its source code.")
        source, refusal = signed_source(payload["source"], body)
        if refusal:
            return None, None, self._error(*refusal)
        return payload, source, None

    def _error(self, status, code, message):
        return request.make_json_response(
            {"error": {"code": code, "message": message}}, status=status
        )
