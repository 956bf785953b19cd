from odoo.tests import HttpCase, tagged

from .test_call_recording import RecordingCommon


@tagged("post_install", "-at_install")
class TestRecordingRoute(RecordingCommon, HttpCase):
    """The player's route (CC-3) over real HTTP: bytes and Range (206) for whom the
    recording concerns, 404 by URL for anyone else, every listen and export logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_recordings()
        cls.recording = cls._stored_recording(cls, cls._ingest(cls, cls._flow("route-101")))
        cls.url = f"/sce/callcenter/recording/{cls.recording.id}"

    def _log(self, user):
        return self.env["sce.recording.access.log"].search(
            [("recording_id", "=", self.recording.id), ("user_id", "=", user.id)], order="id"
        )

    def test_cc3_quality_controller_plays_with_range_and_every_listen_is_logged(self):
        """CC-3: the whole file (200), a Range request (206 with Content-Range), the
        player's later Range requests (the same listen: logged once) and an export
        (attachment), each logged with user and action."""
        self.authenticate("sce-cc-quality", "sce-cc-quality")
        whole = self.url_open(self.url)
        self.assertEqual(whole.status_code, 200)
        self.assertEqual(whole.content, self.wav)
        self.assertEqual(whole.headers["Content-Type"], "audio/wav")
        self.assertEqual(whole.headers["Accept-Ranges"], "bytes")
        self.assertIn("no-store", whole.headers["Cache-Control"])

        start = self.url_open(self.url, headers={"Range": "bytes=0-99"})
        self.assertEqual(start.status_code, 206)
        self.assertEqual(start.headers["Content-Range"], f"bytes 0-99/{len(self.wav)}")
        self.assertEqual(start.content, self.wav[:100])
        seek = self.url_open(self.url, headers={"Range": "bytes=1000-1999"})
        self.assertEqual(seek.status_code, 206)
        self.assertEqual(seek.content, self.wav[1000:2000])
        self.assertEqual(self._log(self.quality).mapped("action"), ["listen", "listen"])

        export = self.url_open(self.url + "?download=1")
        self.assertEqual(export.status_code, 200)
        self.assertIn("attachment", export.headers["Content-Disposition"])
        self.assertEqual(export.content, self.wav)
        log = self._log(self.quality)
        self.assertEqual(log.mapped("action"), ["listen", "listen", "export"])
        self.assertEqual(log.call_id, self.recording.call_id)
        self.assertTrue(all(log.mapped("date")))

    def test_cc3_operator_hears_own_call_but_cannot_export(self):
        """CC-3, CC-7 item 9: the operator who took the call listens to it (logged); the
        export is for quality controllers (403)."""
        self.authenticate("sce-cc-line1", "sce-cc-line1")
        self.assertEqual(self.url_open(self.url).content, self.wav)
        self.assertEqual(self.url_open(self.url + "?download=1").status_code, 403)
        self.assertEqual(self._log(self.operator).mapped("action"), ["listen"])

    def test_cc3_others_get_nothing_by_url(self):
        """CC-3, personal data: another operator, a back-office specialist, or a wrong
        id get 404 and no byte of the audio; nothing is logged."""
        for login in ("sce-cc-line2", "sce-cc-specialist"):
            self.authenticate(login, login)
            for url in (self.url, self.url + "?download=1", "/sce/callcenter/recording/999999"):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404, f"{login} {url}")
                self.assertNotIn(self.wav[:64], response.content)
        self.assertFalse(
            self.env["sce.recording.access.log"].search([("recording_id", "=", self.recording.id)])
        )
