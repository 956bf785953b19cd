import base64
import io
import logging
import wave
from datetime import timedelta

import requests
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.queue_job.exception import RetryableJobError

from .sce_call_event import SceRecordingLinkError

_logger = logging.getLogger(__name__)

DEFAULT_MAX_MB = 50
DEFAULT_TIMEOUT = 30
MAX_RETRIES = 5
CHUNK_BYTES = 64 * 1024
# HTTP answers worth trying again later: the PBX is busy or restarting.
RETRYABLE_STATUSES = (408, 425, 429, 500, 502, 503, 504)


def sniff_audio(data):
    """The type of the audio formats PBXs record in, read from the file's first bytes
    (Odoo's guess without libmagic takes a WAV file, a RIFF container, for WebP)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if data[:4] == b"OggS":
        return "audio/ogg"
    return None


class SceCallRecording(models.Model):
    """The audio of a call (CC-3: recording of every call, linked to the appeal in the
    CRM through its call; filter search, player, export, storage, archiving and a
    retention limit). It arrives by URL from the PBX (downloaded by a queue_job job
    with a timeout, retries and a size limit) or is uploaded by hand. Personal data:
    quality controllers and supervisors reach every recording, an operator only those
    of their own calls; every listen and export is logged."""

    _name = "sce.call.recording"
    _description = "Call recording"
    _order = "date desc, id desc"

    call_id = fields.Many2one("sce.call", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(
        related="call_id.company_id", store=True, index=True, string="Company"
    )
    user_id = fields.Many2one(related="call_id.user_id", store=True, index=True, string="Operator")
    partner_id = fields.Many2one(
        related="call_id.partner_id", store=True, index=True, string="Customer"
    )
    customer_phone = fields.Char(
        related="call_id.customer_phone", store=True, index=True, string="Customer number"
    )
    direction = fields.Selection(related="call_id.direction", store=True)
    disposition = fields.Selection(related="call_id.disposition", store=True)
    date = fields.Datetime(
        related="call_id.date_start", store=True, index=True, string="Call started"
    )
    rule_id = fields.Many2one(
        "sce.recording.rule", string="Recording rule", readonly=True, ondelete="set null"
    )
    is_voicemail = fields.Boolean(
        string="Voicemail", readonly=True, index=True, help="A message the caller left."
    )
    origin = fields.Selection(
        [("pbx", "From the PBX"), ("upload", "Uploaded")],
        required=True,
        default="upload",
        readonly=True,
    )
    state = fields.Selection(
        [
            ("pending", "Waiting for download"),
            ("downloaded", "Stored"),
            ("failed", "Download failed"),
            ("archived", "Archived"),
            ("deleted", "Deleted"),
        ],
        required=True,
        default="pending",
        readonly=True,
        index=True,
    )
    active = fields.Boolean(default=True, help="Archived recordings leave the default lists.")
    source_url = fields.Char(
        string="PBX URL", readonly=True, groups="sce_callcenter.group_sce_cc_quality"
    )
    audio = fields.Binary(
        attachment=True,
        copy=False,
        groups="base.group_system",
        help="Read only through the recording route, which logs every listen and export.",
    )
    upload_file = fields.Binary(
        string="Audio file",
        compute="_compute_upload_file",
        inverse="_inverse_upload_file",
        help="Upload the recording by hand (WAV, MP3 or OGG).",
    )
    filename = fields.Char()
    mimetype = fields.Char(string="Type", readonly=True)
    file_size = fields.Integer(string="Size (bytes)", readonly=True)
    duration = fields.Integer(
        string="Duration (s)", help="As the PBX reports it or read from the file."
    )
    error = fields.Text(string="Download error", readonly=True)
    player_html = fields.Html(compute="_compute_player_html", sanitize=False, string="Player")

    @api.depends("call_id.customer_phone", "call_id.caller_number", "date")
    def _compute_display_name(self):
        for recording in self:
            call = recording.call_id
            recording.display_name = " · ".join(
                part
                for part in (
                    call.customer_phone or call.caller_number or "",
                    fields.Datetime.to_string(recording.date) if recording.date else "",
                )
                if part
            ) or self.env._("Recording")

    @api.depends("state", "mimetype")
    def _compute_player_html(self):
        for recording in self:
            playable = recording.id and recording.state in ("downloaded", "archived")
            playable = playable and recording.file_size
            recording.player_html = (
                Markup(
                    '<audio controls="controls" preload="none" style="width: 100%%" '
                    'src="/sce/callcenter/recording/%s"></audio>'
                )
                % recording.id
                if playable
                else False
            )

    def _compute_upload_file(self):
        self.upload_file = False

    def _inverse_upload_file(self):
        """The uploaded file becomes the recording's audio, stored with sudo() (no user
        reads or writes the audio field itself) once the user's right to change this
        recording is checked."""
        for recording in self.filtered("upload_file"):
            recording.check_access("write")
            recording.sudo().write({"audio": recording.upload_file, "origin": "upload"})

    @api.constrains("mimetype")
    def _check_mimetype(self):
        for recording in self:
            if recording.mimetype and not recording.mimetype.startswith("audio/"):
                raise ValidationError(
                    self.env._(
                        "A call recording must be audio, not %(mimetype)s.",
                        mimetype=recording.mimetype,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("audio"):
                vals.update(self._sce_audio_values(vals["audio"], vals.get("duration")))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("audio"):
            vals.update(self._sce_audio_values(vals["audio"], vals.get("duration")))
        return super().write(vals)

    # ------------------------------------------------------------------ files

    @api.model
    def _sce_max_bytes(self):
        param = self.env["ir.config_parameter"].sudo().get_param
        return int(param("sce_callcenter.recording_max_mb", DEFAULT_MAX_MB)) * 1024 * 1024

    @api.model
    def _sce_timeout(self):
        param = self.env["ir.config_parameter"].sudo().get_param
        return int(param("sce_callcenter.recording_timeout", DEFAULT_TIMEOUT))

    @api.model
    def _sce_audio_values(self, audio, duration=None, mimetype=None):
        """Size, type, duration (of a WAV file, when not given) and state of a stored
        file (base64 as Binary fields take it); an oversized file is refused."""
        data = base64.b64decode(audio)
        if len(data) > self._sce_max_bytes():
            raise UserError(
                self.env._(
                    "The recording is larger than %(mb)s MB.", mb=self._sce_max_bytes() // 2**20
                )
            )
        mimetype = sniff_audio(data) or (
            mimetype
            if mimetype and mimetype.startswith("audio/")
            else guess_mimetype(data, default="application/octet-stream")
        )
        vals = {"file_size": len(data), "mimetype": mimetype, "state": "downloaded", "error": False}
        if not duration and "wav" in mimetype:
            try:
                with wave.open(io.BytesIO(data)) as audio_file:
                    vals["duration"] = round(audio_file.getnframes() / audio_file.getframerate())
            except (wave.Error, EOFError, ZeroDivisionError):
                _logger.info("Recording: a WAV file whose duration cannot be read")
        return vals

    # ------------------------------------------------------------------ from the PBX

    @api.model
    def _sce_from_event(self, call, event, voicemail=False):
        """A “recording ready” event: the recording of ``call`` waits for its download
        in a queue_job job, unless the call's rule says not to record such calls. Run
        by the CTI ingestion with sudo() after the PBX's signature was checked."""
        rule = self.env["sce.recording.rule"]._sce_find(call)
        if rule and not rule.record and not voicemail:  # a message left is always kept
            return self.browse()
        existing = self.with_context(active_test=False).search(
            [("call_id", "=", call.id), ("source_url", "=", event.recording_url)], limit=1
        )
        if existing:
            return existing
        recording = self.create(
            {
                "call_id": call.id,
                "rule_id": rule.id,
                "origin": "pbx",
                "source_url": event.recording_url,
                "duration": event.recording_duration,
                "is_voicemail": voicemail,
            }
        )
        recording._sce_enqueue_download()
        return recording

    def _sce_enqueue_download(self):
        for recording in self:
            recording.with_delay(
                max_retries=MAX_RETRIES,
                description=self.env._("Download the call recording %(id)s", id=recording.id),
                identity_key=f"sce.call.recording,{recording.id},download",
            )._sce_download()

    def _sce_download(self):
        """The queue_job job: fetch the file from the PBX with a timeout and a size
        limit. Timeouts, refused connections and 5xx answers are retried
        (RetryableJobError) up to the job's limit; a 4xx answer or a file over the
        limit fails at once. Returns a line for the job's result."""
        self.ensure_one()
        if self.state != "pending" or not self.source_url:
            return f"nothing to do: {self.state}"
        max_bytes = self._sce_max_bytes()
        try:
            # A vendor may give the file only through a signed API request (Zadarma).
            source = self.call_id.source_id.sudo()
            url = (
                source._sce_recording_download_url(self.source_url, self._sce_timeout())
                if source
                else self.source_url
            )
        except SceRecordingLinkError as error:
            if error.retryable:
                return self._sce_retry_or_fail(error.reason)
            return self._sce_fail(error.reason)
        try:
            with requests.get(url, stream=True, timeout=self._sce_timeout()) as answer:
                if answer.status_code in RETRYABLE_STATUSES:
                    return self._sce_retry_or_fail(f"HTTP {answer.status_code}")
                if answer.status_code >= 400:
                    return self._sce_fail(f"HTTP {answer.status_code}")
                if int(answer.headers.get("Content-Length") or 0) > max_bytes:
                    return self._sce_fail(f"larger than {max_bytes} bytes")
                chunks, size = [], 0
                for chunk in answer.iter_content(CHUNK_BYTES):
                    size += len(chunk)
                    if size > max_bytes:
                        return self._sce_fail(f"larger than {max_bytes} bytes")
                    chunks.append(chunk)
                mimetype = (answer.headers.get("Content-Type") or "").split(";")[0].strip()
        except requests.RequestException as error:
            return self._sce_retry_or_fail(f"{type(error).__name__}: {error}")
        data = b"".join(chunks)
        if not data:
            return self._sce_fail("empty file")
        vals = self._sce_audio_values(
            base64.b64encode(data), self.duration, mimetype=mimetype or None
        )
        if not vals["mimetype"].startswith("audio/"):
            return self._sce_fail(f"not audio: {vals['mimetype']}")
        self.sudo().write(
            dict(vals, audio=base64.b64encode(data), filename=self._sce_filename(vals))
        )
        return f"downloaded {size} bytes"

    def _sce_filename(self, vals):
        extension = {"audio/mpeg": "mp3", "audio/ogg": "ogg"}.get(vals["mimetype"], "wav")
        return f"call-{self.call_id.id}-{self.id}.{extension}"

    def _sce_fail(self, reason):
        self.write({"state": "failed", "error": reason})
        _logger.info("Recording %s: download failed: %s", self.id, reason)
        return f"failed: {reason}"

    def _sce_retry_or_fail(self, reason):
        """Retry later, unless this was the job's last attempt: then the recording is
        marked failed (a RetryableJobError would roll that back)."""
        job = (
            self.env["queue.job"]
            .sudo()
            .search([("uuid", "=", self.env.context.get("job_uuid") or "")], limit=1)
        )
        if job and job.max_retries and job.retry + 1 >= job.max_retries:
            return self._sce_fail(reason)
        raise RetryableJobError(f"Recording {self.id}: {reason}")

    def action_retry_download(self):
        """Try the PBX's URL again (a quality controller, after the PBX was fixed)."""
        retry = self.filtered(lambda r: r.state == "failed" and r.source_url)
        retry.write({"state": "pending", "error": False})
        retry._sce_enqueue_download()

    # ------------------------------------------------------------------ retention

    @api.model
    def _cron_sce_retention(self):
        """CC-3: archive, then delete the audio of, the recordings past their rule's
        limits; the rows stay (metadata, statistics, access log)."""
        now = fields.Datetime.now()
        Recording = self.with_context(active_test=False)
        archived = deleted = Recording.browse()
        rules = (
            self.env["sce.recording.rule"]
            .with_context(active_test=False)
            .search(["|", ("archive_after_days", ">", 0), ("retention_days", ">", 0)])
        )
        for rule in rules:
            if rule.retention_days:
                deleted |= Recording.search(
                    [
                        ("rule_id", "=", rule.id),
                        ("state", "in", ("downloaded", "archived")),
                        ("date", "<", now - timedelta(days=rule.retention_days)),
                    ]
                )
            if rule.archive_after_days:
                archived |= Recording.search(
                    [
                        ("rule_id", "=", rule.id),
                        ("state", "=", "downloaded"),
                        ("date", "<", now - timedelta(days=rule.archive_after_days)),
                    ]
                )
        archived -= deleted
        archived.write({"state": "archived", "active": False})
        deleted.sudo().write({"state": "deleted", "active": False, "audio": False})
        return len(archived), len(deleted)

    # ------------------------------------------------------------------ access

    def _sce_log_access(self, action):
        """One row of the access log (personal data): who listened to or exported
        what, when and from where. Written with sudo(): nobody edits the log."""
        request_ip = request.httprequest.remote_addr if request else False
        self.env["sce.recording.access.log"].sudo().create(
            [
                {
                    "recording_id": recording.id,
                    "user_id": self.env.user.id,
                    "action": action,
                    "ip_address": request_ip,
                }
                for recording in self
            ]
        )

    def action_listen(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/sce/callcenter/recording/{self.id}"}

    def action_export(self):
        """Download the file (logged as an export by the route)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/sce/callcenter/recording/{self.id}?download=1",
        }
