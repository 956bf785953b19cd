import base64
import io
import socket
import wave
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, users

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from ..models.sce_call_event import SceCtiPayloadError
from .common import CallCenterCommon
from .http_server import PbxTestServer, Reply


def wav_bytes(seconds=3, rate=8000):
    """A short silent mono WAV file, as a PBX records a call."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(b"\0\0" * rate * seconds)
    return buffer.getvalue()


class RecordingCommon(CallCenterCommon):
    @classmethod
    def _setup_recordings(cls):
        cls._setup_call_center()
        cls.quality = cls._cc_user("quality", name="Контролёр Качества")
        cls.wav = wav_bytes()

    def _recorded_call(self, call_id, agent="101", url="http://127.0.0.1:9/none.wav", **data):
        """A call answered at ``agent``, then the PBX's “recording ready” event."""
        events = self._flow(call_id, agent=agent)
        events.append(
            self._event(call_id, 5, "recording_ready", 205, data=dict({"url": url}, **data))
        )
        return self._ingest(events)

    def _stored_recording(self, call, days_ago=0):
        """A recording stored as an upload would store it, on ``call``."""
        recording = self.env["sce.call.recording"].create(
            {"call_id": call.id, "upload_file": base64.b64encode(self.wav)}
        )
        if days_ago:
            call.date_start = fields.Datetime.now() - timedelta(days=days_ago)
        return recording


class TestCallRecording(RecordingCommon, TransactionCase):
    """Call recordings (CC-3): from the PBX's “recording ready” event through a
    queue_job download from a real local HTTP server, by upload, by rule, kept and
    deleted on schedule, seen only by whom they concern."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_recordings()

    def setUp(self):
        super().setUp()
        self.pbx = self.enterContext(PbxTestServer())
        self.pbx.reply("/rec/1.wav", Reply(200, self.wav, "audio/wav"))

    def _download_jobs(self):
        return self.env["queue.job"].search(
            [("model_name", "=", "sce.call.recording"), ("method_name", "=", "_sce_download")]
        )

    def test_cc3_recording_ready_event_queues_the_download(self):
        """CC-3: the PBX's “recording ready” event gives the call a recording waiting
        for its download, which is a queue_job job; a repeated event adds nothing."""
        call = self._recorded_call("rec-event", url=self.pbx.url("/rec/1.wav"), duration=185)
        recording = call.recording_ids
        job = self._download_jobs()
        self.assertEqual(len(job), 1)
        self.assertEqual(job.records, recording)
        self.assertEqual(job.state, "pending")
        self.assertEqual(job.channel, "root.sce_recording")
        self.assertEqual(recording.state, "pending")
        self.assertEqual(recording.origin, "pbx")
        self.assertEqual(recording.source_url, self.pbx.url("/rec/1.wav"))
        self.assertEqual(recording.duration, 185)
        self.assertEqual(
            recording.rule_id, self.env.ref("sce_callcenter.sce_recording_rule_all_calls")
        )
        self.assertEqual(call.state, "ended")
        event = self._event(
            "rec-event", 6, "recording_ready", 206, data={"url": self.pbx.url("/rec/1.wav")}
        )
        self._ingest([event])
        self.assertEqual(self._download_jobs(), job)
        self.assertEqual(len(call.recording_ids), 1)

    def test_cc3_recording_event_needs_an_http_url(self):
        """A “recording ready” event without an http(s) URL is refused (422)."""
        Event = self.env["sce.call.event"].sudo()
        for data in (
            {},
            {"url": "ftp://pbx/1.wav"},
            {"url": 5},
            {"url": "http://x/1.wav", "duration": -1},
        ):
            with self.assertRaises(SceCtiPayloadError):
                Event._sce_parse(self._event("rec-bad", 1, "recording_ready", 0, data=data))

    def test_cc3_download_job_fetches_the_file_from_the_pbx(self):
        """CC-3: the job downloads the file over HTTP and stores it as an attachment
        with its type, size and duration (read from the WAV file)."""
        call = self._recorded_call("rec-get", url=self.pbx.url("/rec/1.wav"))
        recording = call.recording_ids
        result = recording._sce_download()
        self.assertIn("downloaded", result)
        self.assertEqual([(r.method, r.path) for r in self.pbx.requests], [("GET", "/rec/1.wav")])
        self.assertEqual(recording.state, "downloaded")
        self.assertEqual(recording.mimetype, "audio/wav")
        self.assertEqual(recording.file_size, len(self.wav))
        self.assertEqual(recording.duration, 3)
        self.assertEqual(base64.b64decode(recording.sudo().audio), self.wav)
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "sce.call.recording"),
                ("res_id", "=", recording.id),
                ("res_field", "=", "audio"),
            ]
        )
        self.assertEqual(attachment.file_size, len(self.wav))

    def test_cc3_download_is_retried_while_the_pbx_is_busy_or_away(self):
        """CC-3: a busy PBX (5xx) or one that cannot be reached: RetryableJobError, the
        recording keeps waiting."""
        self.pbx.reply("/rec/busy.wav", Reply(503, b"busy", "text/plain"))
        call = self._recorded_call("rec-busy", url=self.pbx.url("/rec/busy.wav"))
        recording = call.recording_ids
        with self.assertRaises(RetryableJobError):
            recording._sce_download()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        recording.source_url = f"http://127.0.0.1:{closed_port}/rec/busy.wav"
        with self.assertRaises(RetryableJobError):
            recording._sce_download()
        self.assertEqual(recording.state, "pending")

    def test_cc3_last_attempt_of_the_job_marks_the_recording_failed(self):
        """CC-3: when the job's last retry fails too, the recording says so."""
        self.pbx.reply("/rec/busy.wav", Reply(503, b"busy", "text/plain"))
        call = self._recorded_call("rec-last", url=self.pbx.url("/rec/busy.wav"))
        recording = call.recording_ids
        stored = self.env["queue.job"].search(
            [("model_name", "=", "sce.call.recording"), ("method_name", "=", "_sce_download")],
            order="id desc",
            limit=1,
        )
        self.assertEqual(stored.records, recording)
        self.assertEqual(stored.max_retries, 5)
        stored.retry = 4
        Job.load(self.env, stored.uuid).perform()
        self.assertEqual(recording.state, "failed")
        self.assertEqual(recording.error, "HTTP 503")

    def test_cc3_client_errors_and_oversized_files_fail_at_once(self):
        """CC-3: a 4xx answer or a file over the size limit fails without retries."""
        self.pbx.reply("/rec/gone.wav", Reply(404, b"", "text/plain"))
        gone = self._recorded_call("rec-gone", url=self.pbx.url("/rec/gone.wav")).recording_ids
        self.assertIn("failed", gone._sce_download())
        self.assertEqual((gone.state, gone.error), ("failed", "HTTP 404"))

        self.env["ir.config_parameter"].set_param("sce_callcenter.recording_max_mb", "1")
        self.pbx.reply("/rec/huge.wav", Reply(200, wav_bytes(seconds=70), "audio/wav"))
        huge = self._recorded_call("rec-huge", url=self.pbx.url("/rec/huge.wav")).recording_ids
        huge._sce_download()
        self.assertEqual(huge.state, "failed")
        self.assertIn("larger than 1048576 bytes", huge.error)
        self.assertFalse(huge.file_size)

    def test_cc3_recording_rule_not_to_record_a_queue(self):
        """CC-3 recording rules: a queue whose rule says “do not record” gets no
        recording, whatever the PBX reports; the most specific rule wins."""
        rule = self.env["sce.recording.rule"].create(
            {"name": "Line 1 not recorded", "queue": "line1", "record": False}
        )
        self.env["sce.recording.rule"].create({"name": "Inbound", "direction": "inbound"})
        call = self._recorded_call("rec-off", url=self.pbx.url("/rec/1.wav"))
        self.assertFalse(self._download_jobs())
        self.assertFalse(call.sudo().recording_ids)
        self.assertEqual(self.env["sce.recording.rule"]._sce_find(call), rule)
        with self.assertRaises(ValidationError):
            rule.write({"archive_after_days": 400, "retention_days": 300})

    @users("sce-cc-quality")
    def test_cc3_quality_controller_uploads_a_recording_by_hand(self):
        """CC-3: a recording uploaded by hand is stored like a downloaded one; a file
        that is no audio is refused."""
        call = self._ingest(self._flow("rec-upload"))
        recording = self.env["sce.call.recording"].create(
            {"call_id": call.id, "upload_file": base64.b64encode(self.wav)}
        )
        self.assertEqual(recording.state, "downloaded")
        self.assertEqual(recording.origin, "upload")
        self.assertEqual(recording.file_size, len(self.wav))
        self.assertIn(f"/sce/callcenter/recording/{recording.id}", recording.player_html)
        with self.assertRaises(AccessError):
            recording.read(["audio"])  # the audio is read through the logged route only
        with self.assertRaises(ValidationError):
            self.env["sce.call.recording"].create(
                {"call_id": call.id, "upload_file": base64.b64encode(b"%PDF-1.4 not audio")}
            )

    def test_cc3_retention_cron_archives_then_deletes(self):
        """CC-3: past the rule's limits the recording is archived, later its audio is
        deleted; the row stays for the statistics and the access log."""
        rule = self.env["sce.recording.rule"].create(
            {"name": "Short", "archive_after_days": 30, "retention_days": 60}
        )
        recent, old, ancient = (
            self._stored_recording(self._ingest(self._flow(f"rec-{name}")), days_ago=days)
            for name, days in (("recent", 5), ("old", 40), ("ancient", 70))
        )
        (recent | old | ancient).write({"rule_id": rule.id})
        self.assertEqual(self.env["sce.call.recording"]._cron_sce_retention(), (1, 1))
        self.assertEqual((recent.state, recent.active), ("downloaded", True))
        self.assertEqual((old.state, old.active), ("archived", False))
        self.assertTrue(old.sudo().audio)
        self.assertEqual((ancient.state, ancient.active), ("deleted", False))
        self.assertFalse(ancient.sudo().audio)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "sce.call.recording"), ("res_id", "=", ancient.id)]
            )
        )
        old.call_id.date_start = fields.Datetime.now() - timedelta(days=65)
        self.assertEqual(self.env["sce.call.recording"]._cron_sce_retention(), (0, 1))
        self.assertEqual(old.state, "deleted")
        self.assertEqual(recent.state, "downloaded")

    def test_cc3_operators_see_recordings_of_their_own_calls_only(self):
        """CC-3, personal data: an operator finds the recordings of their own calls; a
        quality controller every one; a specialist of the back office none."""
        mine = self._stored_recording(self._ingest(self._flow("rec-mine", agent="101")))
        theirs = self._stored_recording(self._ingest(self._flow("rec-theirs", agent="201")))
        Recording = self.env["sce.call.recording"]
        domain = [("id", "in", (mine | theirs).ids)]
        self.assertEqual(Recording.with_user(self.operator).search(domain), mine)
        self.assertEqual(Recording.with_user(self.operator_2).search(domain), theirs)
        self.assertEqual(Recording.with_user(self.quality).search(domain), mine | theirs)
        with self.assertRaises(AccessError):
            Recording.with_user(self.specialist).search(domain)
        with self.assertRaises(AccessError):
            theirs.with_user(self.operator).read(["duration"])
        with self.assertRaises(AccessError):
            mine.with_user(self.operator).write({"duration": 1})

    def test_cc3_operators_cannot_read_the_pbx_url_of_a_recording(self):
        """CC-3, personal data: the PBX's own link to a recording would let one listen
        past the access log; only quality control reads it (to retry a download)."""
        call = self._recorded_call("rec-url", url=self.pbx.url("/rec/1.wav"))
        recording = call.recording_ids
        self.assertTrue(recording.with_user(self.operator).read(["duration"]))
        with self.assertRaises(AccessError):
            recording.with_user(self.operator).read(["source_url"])
        self.assertEqual(recording.with_user(self.quality).source_url, self.pbx.url("/rec/1.wav"))
