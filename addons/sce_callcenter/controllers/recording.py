from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

EXPORT_GROUP = "sce_callcenter.group_sce_cc_quality"
PLAYABLE_STATES = ("downloaded", "archived")


class RecordingController(http.Controller):
    """The player's source (CC-3): a call recording streamed with HTTP Range support
    to the users who may read it, as themselves (record rules apply: an operator gets
    the recordings of their own calls, a quality controller every one); any other
    recording is not found, whoever asks. Each listen and export is logged."""

    @http.route(
        "/sce/callcenter/recording/<int:recording_id>",
        type="http",
        auth="user",
        methods=["GET", "HEAD"],
    )
    def recording(self, recording_id, download=None):
        recording = request.env["sce.call.recording"].browse(recording_id).exists()
        try:
            recording.check_access("read")
        except AccessError:
            recording = recording.browse()
        if not recording or recording.state not in PLAYABLE_STATES or not recording.file_size:
            raise NotFound()
        export = bool(download)
        if export and not request.env.user.has_group(EXPORT_GROUP):
            raise Forbidden()
        if export or self._starts_listening(request.httprequest):
            recording._sce_log_access("export" if export else "listen")
        # The audio field is no user's to read: sudo() on the recording just checked.
        stream = request.env["ir.binary"]._get_stream_from(
            recording.sudo(), "audio", filename=recording.filename, mimetype=recording.mimetype
        )
        response = stream.get_response(as_attachment=export)
        # Personal data: no shared cache keeps a copy.
        response.headers["Cache-Control"] = "private, no-store"
        # Werkzeug announces ranges on 206 answers only; players seek when told upfront.
        response.headers.setdefault("Accept-Ranges", "bytes")
        return response

    @staticmethod
    def _starts_listening(httprequest):
        """A listen is logged once, on the request for the start of the file: the
        player's further Range requests (seeking, buffering) are the same listen."""
        if httprequest.method == "HEAD":
            return False
        byte_range = httprequest.range
        return byte_range is None or byte_range.ranges[0][0] == 0
