from odoo import http
from odoo.http import request

MAX_CALLBACK_BYTES = 256 * 1024
SMSRU_ACK = "100"


class SmsDeliveryController(http.Controller):
    """Delivery reports of the SMS gateway (FB-6). SMS.RU signs nothing: the callback
    address it is given carries a secret of the gateway (``/sce/sms/smsru/<gateway
    id>/<secret>``), compared in constant time; without it nothing is read."""

    @http.route(
        "/sce/sms/smsru/<int:gateway_id>/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def smsru_callback(self, gateway_id, token, **_kw):
        """SMS.RU's callback: form fields ``data[0]``, ``data[1]``… each a report of
        lines, ``sms_status`` / the message id / its status code (other kinds of report
        are acknowledged and ignored). The handler must answer ``100``, else SMS.RU
        sends the report again. Every report is parsed before anything is written: a
        malformed one refuses the whole request (400) and writes nothing; unknown ids
        and reports already applied are acknowledged and change nothing."""
        if (request.httprequest.content_length or 0) > MAX_CALLBACK_BYTES:
            return self._text("too large", 413)
        # The provider is no user: sudo() to find the gateway and check its secret;
        # nothing else happens before the secret matches.
        gateway = request.env["sce.sms.gateway"].sudo().browse(gateway_id).exists()
        if (
            not gateway
            or gateway.provider != "smsru"
            or not gateway._sce_check_callback_token(token)
        ):
            return self._text("not found", 404)
        statuses = {}
        for key, entry in request.httprequest.form.items(multi=True):
            if key != "data" and not key.startswith("data["):
                continue
            lines = str(entry).replace("\r\n", "\n").split("\n")
            if lines[0].strip() != "sms_status":
                continue
            if len(lines) < 3 or not lines[1].strip() or not lines[2].strip().lstrip("-").isdigit():
                return self._text("malformed report", 400)
            statuses[lines[1].strip()] = int(lines[2].strip())
        gateway._sce_apply_statuses(statuses)
        return self._text(SMSRU_ACK)

    def _text(self, body, status=200):
        return request.make_response(
            body, headers=[("Content-Type", "text/plain; charset=utf-8")], status=status
        )
