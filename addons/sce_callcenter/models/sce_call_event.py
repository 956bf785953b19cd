import json
from datetime import UTC, datetime

from odoo import api, fields, models

EVENT_TYPES = [
    ("call_started", "Call started"),
    ("ivr_step", "IVR step"),
    ("queued", "Queued"),
    ("ringing", "Ringing"),
    ("answered", "Answered"),
    ("transferred", "Transferred"),
    ("ended", "Ended"),
    ("agent_status", "Agent status"),
    ("recording_ready", "Recording ready"),
    ("voicemail_received", "Voicemail received"),
]
EVENT_TYPE_CODES = {code for code, _label in EVENT_TYPES}
MAX_ID_LENGTH = 128
MAX_FIELD_LENGTH = 64
MAX_URL_LENGTH = 2048


class SceCtiPayloadError(ValueError):
    """An event the CTI API refuses: ``code`` goes into the JSON error, nothing is written."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class SceRecordingLinkError(Exception):
    """The PBX did not give a recording's download link: ``retryable`` when asking
    again later may help (timeouts, 5xx), otherwise the download fails."""

    def __init__(self, reason, retryable=False):
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


class SceCallEvent(models.Model):
    """One raw CTI event as the PBX sent it (CC-3): the call is replayed from these, so
    they are the call's full state-transition history. Idempotent on (source, event id)."""

    _name = "sce.call.event"
    _description = "CTI event"
    _order = "sequence, event_time, id"
    _rec_name = "event_id"

    source_id = fields.Many2one(
        "sce.cti.source", string="PBX source", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    event_id = fields.Char(string="Event ID", required=True, readonly=True)
    call_id = fields.Many2one("sce.call", readonly=True, index=True, ondelete="cascade")
    external_call_id = fields.Char(string="Call ID", readonly=True)
    sequence = fields.Integer(readonly=True)
    event_type = fields.Selection(EVENT_TYPES, string="Type", required=True, readonly=True)
    event_time = fields.Datetime(string="Time", required=True, readonly=True)
    direction = fields.Selection([("inbound", "Inbound"), ("outbound", "Outbound")], readonly=True)
    caller_number = fields.Char(string="Caller", readonly=True)
    called_number = fields.Char(string="Called", readonly=True)
    queue = fields.Char(readonly=True)
    agent_extension = fields.Char(string="Extension", readonly=True)
    payload = fields.Text(readonly=True, help="The event as the PBX sent it.")
    recording_url = fields.Char(
        readonly=True, help="Of a “recording ready” event: where the PBX serves the file."
    )
    recording_duration = fields.Integer(
        string="Recording duration (s)", readonly=True, help="As the PBX reports it."
    )

    _sql_constraints = [
        (
            "source_event_uniq",
            "unique(source_id, event_id)",
            "An event ID is received once per PBX source.",
        ),
    ]

    @api.model
    def _sce_parse(self, payload):
        """Validated values of a vendor-neutral event, or :class:`SceCtiPayloadError`."""
        if not isinstance(payload, dict):
            raise SceCtiPayloadError("invalid_event", "The event must be a JSON object.")
        required = ["source", "event_id", "type", "sequence", "timestamp"]
        if payload.get("type") != "agent_status":
            required.append("call_id")
        missing = [key for key in required if payload.get(key) in (None, "")]
        if missing:
            raise SceCtiPayloadError(
                "missing_fields", "Missing fields: {}.".format(", ".join(missing))
            )
        if payload["type"] not in EVENT_TYPE_CODES:
            raise SceCtiPayloadError("invalid_type", "Unknown event type.")
        sequence = payload["sequence"]
        if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 0:
            raise SceCtiPayloadError("invalid_sequence", "sequence must be an integer >= 0.")
        direction = payload.get("direction") or False
        if direction not in (False, "inbound", "outbound"):
            raise SceCtiPayloadError("invalid_direction", "direction: inbound or outbound.")
        if payload.get("data") is not None and not isinstance(payload["data"], dict):
            raise SceCtiPayloadError("invalid_data", "data must be a JSON object.")
        recording = self._sce_recording_data(payload)
        return {
            **recording,
            "event_id": self._sce_text(payload, "event_id", MAX_ID_LENGTH),
            "external_call_id": self._sce_text(payload, "call_id", MAX_ID_LENGTH),
            "sequence": sequence,
            "event_type": payload["type"],
            "event_time": self._sce_time(payload["timestamp"]),
            "direction": direction,
            "caller_number": self._sce_text(payload, "caller", MAX_FIELD_LENGTH),
            "called_number": self._sce_text(payload, "called", MAX_FIELD_LENGTH),
            "queue": self._sce_text(payload, "queue", MAX_FIELD_LENGTH),
            "agent_extension": self._sce_text(payload, "agent", MAX_FIELD_LENGTH),
            "payload": json.dumps(payload, ensure_ascii=False, indent=1),
        }

    @api.model
    def _sce_recording_data(self, payload):
        """A “recording ready” or “voicemail received” event's ``data``: ``url`` (http
        or https, required) and ``duration`` in seconds (optional)."""
        if payload["type"] not in ("recording_ready", "voicemail_received"):
            return {}
        data = payload.get("data") or {}
        url = data.get("url")
        if (
            not isinstance(url, str)
            or not url.startswith(("http://", "https://"))
            or len(url) > MAX_URL_LENGTH
        ):
            raise SceCtiPayloadError("invalid_recording_url", "data.url must be an http(s) URL.")
        duration = data.get("duration", 0)
        if isinstance(duration, bool) or not isinstance(duration, int | float) or duration < 0:
            raise SceCtiPayloadError("invalid_duration", "data.duration: seconds >= 0.")
        return {"recording_url": url, "recording_duration": int(duration)}

    @api.model
    def _sce_text(self, payload, key, max_length):
        value = payload.get(key)
        if value in (None, ""):
            return False
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise SceCtiPayloadError("invalid_field", f"{key} must be a string.")
        value = str(value).strip()
        if len(value) > max_length:
            raise SceCtiPayloadError("invalid_field", f"{key} is longer than {max_length}.")
        return value

    @api.model
    def _sce_time(self, value):
        """An ISO 8601 timestamp as the naive UTC datetime Odoo stores (UTC if no zone)."""
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None:
            raise SceCtiPayloadError("invalid_timestamp", "timestamp must be ISO 8601.")
        if moment.tzinfo:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        return moment.replace(microsecond=0)
