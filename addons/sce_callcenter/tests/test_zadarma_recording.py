import base64
import hashlib
import hmac
import json
from urllib.parse import parse_qsl, quote_plus, urlsplit

from odoo.tests import HttpCase, tagged

from odoo.addons.queue_job.exception import RetryableJobError

from .common import CallCenterCommon
from .http_server import PbxTestServer, Reply
from .test_call_recording import wav_bytes
from .test_cti_vendors import ZADARMA_SECRET, zadarma_signature

ZADARMA_KEY = "zdkey0a1b2c3d4e5f60718293a4b5c6d"
RECORD_PATH = "/v1/pbx/record/request/"


def expected_authorization(params, method=RECORD_PATH, key=ZADARMA_KEY, secret=ZADARMA_SECRET):
    """Zadarma's API signature, written from its documentation independently of the
    addon: parameters sorted, URL-encoded RFC 1738 (PHP's http_build_query), then
    base64(hash_hmac('sha1', method . params . md5(params), secret))."""
    query = "&".join(
        f"{name}={quote_plus(value, safe='')}" for name, value in sorted(params.items())
    )
    text = method + query + hashlib.md5(query.encode()).hexdigest()
    digest = hmac.new(secret.encode(), text.encode(), hashlib.sha1).hexdigest()
    return f"{key}:{base64.b64encode(digest.encode()).decode()}"


@tagged("post_install", "-at_install")
class TestZadarmaRecording(CallCenterCommon, HttpCase):
    """CC-3: a Zadarma NOTIFY_RECORD becomes a recording; the recordings' download job
    asks Zadarma's API (a real HTTP server of ours standing in for it) for the
    recording's link with a signed request, then downloads the file from the link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()
        cls.wav = wav_bytes(seconds=2)

    def setUp(self):
        super().setUp()
        self.api = self.enterContext(PbxTestServer())
        self.source = self.env["sce.cti.source"].create(
            {
                "name": "Zadarma",
                "code": "zadarma-rec",
                "vendor": "zadarma",
                "zadarma_api_secret": ZADARMA_SECRET,
                "zadarma_api_key": ZADARMA_KEY,
                "zadarma_api_url": self.api.url(""),
            }
        )

    def _notify_record(self, call_id, record_id):
        form = {"event": "NOTIFY_RECORD", "pbx_call_id": call_id, "call_id_with_rec": record_id}
        response = self.url_open(
            "/sce/cti/v1/zadarma/zadarma-rec",
            data=form,
            headers={"Signature": zadarma_signature(call_id + record_id)},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.env.invalidate_all()
        return self.env["sce.call"].search(
            [("source_id", "=", self.source.id), ("external_call_id", "=", call_id)]
        )

    def test_cc3_zadarma_recording_downloaded_through_signed_api_request(self):
        """CC-3: NOTIFY_RECORD gives the call a recording waiting for its download; the
        job's signed GET /v1/pbx/record/request/?call_id=… answers the link, which is
        downloaded; a repeated notification adds nothing."""
        call = self._notify_record("in_9f01", "1793602805.1")
        self.assertEqual(len(call.recording_ids), 1)
        recording = call.recording_ids
        self.assertEqual(recording.state, "pending")
        self._notify_record("in_9f01", "1793602805.1")
        self.assertEqual(len(call.recording_ids), 1)
        link = self.api.url("/download/rec-1793602805.1.wav")
        self.api.reply(
            f"{RECORD_PATH}?call_id=1793602805.1",
            Reply(200, json.dumps({"status": "success", "link": link}).encode()),
        )
        self.api.reply("/download/rec-1793602805.1.wav", Reply(200, self.wav, "audio/wav"))
        self.assertIn("downloaded", recording._sce_download())
        request, download = self.api.requests
        self.assertEqual(request.method, "GET")
        query = dict(parse_qsl(urlsplit(request.path).query))
        self.assertEqual(query, {"call_id": "1793602805.1"})
        self.assertEqual(request.headers["Authorization"], expected_authorization(query))
        self.assertEqual(
            (download.method, download.path), ("GET", "/download/rec-1793602805.1.wav")
        )
        self.assertEqual(recording.state, "downloaded")
        self.assertEqual(recording.duration, 2)
        self.assertEqual(recording.file_size, len(self.wav))

    def test_cc3_zadarma_api_errors_retry_or_fail(self):
        """CC-3: a busy API (5xx) is asked again later (the job retries); a refusal
        (4xx, e.g. a wrong key) or an answer without a link fails with Zadarma's
        message; missing API keys fail without a request."""
        call = self._notify_record("in_9f02", "1793602806.1")
        recording = call.recording_ids
        path = f"{RECORD_PATH}?call_id=1793602806.1"
        self.api.reply(path, Reply(503, b"busy", "text/plain"))
        with self.assertRaises(RetryableJobError):
            recording._sce_download()
        self.assertEqual(recording.state, "pending")
        refusal = {"status": "error", "message": "Not authorized"}
        self.api.reply(path, Reply(401, json.dumps(refusal).encode()))
        self.assertIn("Not authorized", recording._sce_download())
        self.assertEqual(recording.state, "failed")
        self.assertIn("401", recording.error)
        recording.action_retry_download()
        self.api.reply(path, Reply(200, b'{"status": "success"}'))
        self.assertIn("no link", recording._sce_download())
        self.assertEqual(len(self.api.requests), 3)
        recording.action_retry_download()
        self.source.zadarma_api_key = False
        self.assertIn("not set", recording._sce_download())
        self.assertEqual(len(self.api.requests), 3)

    def test_cc3_signature_of_api_requests(self):
        """CC-3: the request signature for several parameters (sorted, spaces as +),
        as Zadarma's documentation computes it."""
        params = {"pbx_call_id": "in_9f03", "call_id": "1793602807.1", "lifetime": "5184000"}
        self.assertEqual(
            self.source._sce_zadarma_api_headers(RECORD_PATH, params)["Authorization"],
            expected_authorization(params),
        )
        params = {"to": "+7 928 000 11 22", "from": "101"}
        self.assertEqual(
            self.source._sce_zadarma_api_headers("/v1/request/callback/", params)["Authorization"],
            expected_authorization(params, method="/v1/request/callback/"),
        )
